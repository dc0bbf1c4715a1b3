import React from 'react';
import { css } from '@emotion/css';
import { dataTableCss } from '../../components/tableStyles';
import type { GrafanaTheme2 } from '@grafana/data';
import { SceneObjectBase, sceneGraph, type SceneComponentProps, type SceneObjectState } from '@grafana/scenes';
import { Button, Text, useStyles2 } from '@grafana/ui';
import { queryInstant } from '../../api/query';
import { groupVariableName, VARIABLES } from '../../constants';
import { testIds } from '../../components/testIds';
import { formatPercent } from '../../components/format';
import { groupBreakdownQueries, type SloQueryContext } from '../../promql/panels';
import { buildGroupRows, type GroupRow } from './groupRows';
import { SceneLoader } from '../../scenes/SceneLoader';

export interface GroupBreakdownTableState extends SceneObjectState {
  ctx: SloQueryContext;
}

/** Each group of a grouped SLO with its SLI and budget remaining; a click filters the page to it. */
export class GroupBreakdownTable extends SceneObjectBase<GroupBreakdownTableState> {
  static Component = GroupBreakdownRenderer;

  readonly groups = new SceneLoader<GroupRow[]>({ load: (signal) => this.load(signal) });

  constructor(state: GroupBreakdownTableState) {
    super(state);
    this.setState({ $behaviors: [this.groups] });
  }

  private async load(signal: AbortSignal): Promise<GroupRow[]> {
    const { ctx } = this.state;
    const datasourceUid = sceneGraph.interpolate(this, `\${${VARIABLES.datasource}}`);
    const [sli, budget] = groupBreakdownQueries({ ...ctx, groupMatchers: undefined });
    const result = await queryInstant(datasourceUid, [sli, budget], signal);
    return buildGroupRows(ctx.slo.indicator.groupBy, result.SLI ?? [], result.BUDGET ?? []);
  }

  onFilter = (row: GroupRow): void => {
    for (const [label, value] of Object.entries(row.labels)) {
      const variable = sceneGraph.lookupVariable(groupVariableName(label), this);
      if (variable && 'changeValueTo' in variable && typeof variable.changeValueTo === 'function') {
        variable.changeValueTo([value], [value]);
      }
    }
  };
}

function GroupBreakdownRenderer({ model }: SceneComponentProps<GroupBreakdownTable>) {
  const { ctx } = model.useState();
  const { data: rows, error } = model.groups.useState();
  const styles = useStyles2(getStyles);
  const by = ctx.slo.indicator.groupBy;
  return (
    <div className={styles.box} data-testid={testIds.sloDetail.groups}>
      <Text element="h5">Groups by {by.join(', ')}</Text>
      {error && <Text color="error">{error}</Text>}
      {rows && rows.length === 0 && <Text color="secondary">No traffic in this range</Text>}
      {rows && rows.length > 0 && (
        <table className={styles.table}>
          <thead>
            <tr>
              {[...by, 'SLI over the window', 'Budget remaining', ''].map((h) => (
                <th key={h}>{h}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key} data-testid={testIds.sloDetail.groupRow}>
                {by.map((l) => (
                  <td key={l}>{row.labels[l] ?? ''}</td>
                ))}
                <td>{formatPercent(row.sli, 3)}</td>
                <td>
                  <Text color={row.budgetRemaining !== undefined && row.budgetRemaining < 0.2 ? 'error' : undefined}>
                    {formatPercent(row.budgetRemaining, 1)}
                  </Text>
                </td>
                <td>
                  <Button size="sm" variant="secondary" fill="text" icon="filter" onClick={() => model.onFilter(row)}>
                    Filter
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  box: css({ padding: theme.spacing(1, 2), border: `1px solid ${theme.colors.border.weak}`, width: '100%' }),
  table: css(dataTableCss(theme, { padding: [0.5, 1], mutedHeader: true })),
});
