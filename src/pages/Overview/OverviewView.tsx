import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { SceneObjectBase, type SceneComponentProps, type SceneObjectState } from '@grafana/scenes';
import { Alert, LoadingPlaceholder, Text, TextLink, useStyles2 } from '@grafana/ui';
import type { AppSettings } from '../../settings';
import { listSlos } from '../../api/sloStore';
import { queryInstant } from '../../api/query';
import { errorMessage } from '../../api/errors';
import { batchBudgetRemainingExpr, batchErrorRatioExpr } from '../../promql/views';
import { testIds } from '../../components/testIds';
import { NoDatasource } from '../../components/NoDatasource';
import { formatPercent, formatTarget, formatWindow } from '../../components/format';
import { sloUrl } from '../../utils/utils.routing';
import { buildOverviewRows, type OverviewRow } from './overviewRows';

export interface OverviewState extends SceneObjectState {
  settings: AppSettings;
  loading: boolean;
  rows?: OverviewRow[];
  broken?: number;
  error?: string;
}

export class OverviewView extends SceneObjectBase<OverviewState> {
  static Component = OverviewRenderer;

  constructor(state: OverviewState) {
    super(state);
    this.addActivationHandler(() => {
      this.load();
    });
  }

  async load(): Promise<void> {
    const { settings } = this.state;
    try {
      const entries = await listSlos(settings.sloFolderUid);
      const slos = entries.flatMap((e) => (e.kind === 'ok' ? [e.slo] : []));
      const uids = slos.map((s) => s.uid);
      const results =
        settings.datasourceUid && uids.length > 0
          ? await queryInstant(settings.datasourceUid, [
              { refId: 'BUDGET', expr: batchBudgetRemainingExpr(uids) },
              { refId: 'ERROR1H', expr: batchErrorRatioExpr(uids, '1h') },
            ])
          : { BUDGET: [], ERROR1H: [] };
      const rows = buildOverviewRows(slos, results.BUDGET ?? [], results.ERROR1H ?? []);
      this.setState({ rows, broken: entries.length - slos.length, loading: false });
    } catch (error) {
      this.setState({ error: errorMessage(error), loading: false });
    }
  }
}

function OverviewRenderer({ model }: SceneComponentProps<OverviewView>) {
  const { loading, rows, broken, error, settings } = model.useState();
  const styles = useStyles2(getStyles);
  return (
    <div data-testid={testIds.overview.container}>
      {settings.datasourceUid === '' && <NoDatasource />}
      {error && (
        <Alert title="Could not load the overview" data-testid={testIds.overview.error}>
          {error}
        </Alert>
      )}
      {loading && <LoadingPlaceholder text="Loading..." />}
      {broken !== undefined && broken > 0 && (
        <Text color="warning">{broken} stored SLO(s) cannot be read: see the SLO list.</Text>
      )}
      {rows && (
        <table className={styles.table}>
          <thead>
            <tr>
              {['Name', 'Service', 'Objective', 'Window', 'Budget remaining', 'SLI over window', 'Burn rate (1h)'].map(
                (h) => (
                  <th key={h}>{h}</th>
                )
              )}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <Row key={row.slo.uid} row={row} />
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function Row({ row }: { row: OverviewRow }) {
  const objective = row.slo.objectives[0];
  return (
    <tr data-testid={testIds.overview.row}>
      <td>
        <TextLink href={sloUrl(row.slo.uid)} inline={false}>
          {row.slo.displayName ?? row.slo.name}
        </TextLink>
      </td>
      <td>{row.slo.service}</td>
      <td>{objective ? formatTarget(objective.target) : ''}</td>
      <td>{objective ? formatWindow(objective.window) : ''}</td>
      <td>
        <Text color={row.budgetRemaining !== undefined && row.budgetRemaining < 0 ? 'error' : undefined}>
          {formatPercent(row.budgetRemaining, 1)}
        </Text>
      </td>
      <td>{formatPercent(row.sli, 3)}</td>
      <td>{row.burnRate1h === undefined ? '–' : `${row.burnRate1h.toFixed(2)}x`}</td>
    </tr>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  table: css({
    width: '100%',
    borderCollapse: 'collapse',
    'th, td': {
      padding: theme.spacing(1, 1.5),
      borderBottom: `1px solid ${theme.colors.border.weak}`,
      textAlign: 'left',
    },
    th: { color: theme.colors.text.secondary },
  }),
});
