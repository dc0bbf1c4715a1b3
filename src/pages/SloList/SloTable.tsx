import React, { useState } from 'react';
import { css } from '@emotion/css';
import { dataTableCss } from '../../components/tableStyles';
import type { GrafanaTheme2 } from '@grafana/data';
import {
  Alert,
  Badge,
  ConfirmModal,
  IconButton,
  LinkButton,
  Stack,
  Text,
  TextLink,
  useStyles2,
  useTheme2,
} from '@grafana/ui';
import type { BrokenSlo, SloEntry, StoredSlo } from '../../api/sloStore';
import { errorMessage } from '../../api/errors';
import { testIds } from '../../components/testIds';
import { duplicateUrl, prefixRoute, sloEditUrl, sloUrl } from '../../utils/utils.routing';
import { ROUTES } from '../../constants';
import { formatPercent, tierTitle } from '../../components/format';
import { formatTarget, formatWindow } from '../../slo/describe';
import type { OverviewRow } from '../Overview/overviewRows';
import { STATUS_COLORS } from '../../components/statusColors';
import { DriftBadge } from '../../components/DriftBadge';
import type { DriftReport } from '../../api/ruler';
import type { RulesWhereReport } from '../../api/rulesWhere';
import { RulesWhere } from '../../components/RulesWhere';
import { sloAt } from '../../slo/phases';
import { FigureSourceNote } from '../../components/FigureSourceNote';
import { windowToText } from '../../slo/values';
import { datasourceOf } from '../../slo/datasource';
import { datasourceName } from '../../api/byDatasource';

interface Props {
  entries: SloEntry[];
  onDelete: (entry: SloEntry) => Promise<void>;
  /** Deployed rules against each SLO, once the ruler has answered. */
  drift?: DriftReport;
  /** Where each SLO's rules run besides the ruler. */
  rulesWhere?: RulesWhereReport;
  /** Live numbers per SLO uid, once the datasource has answered. */
  rows?: ReadonlyMap<string, OverviewRow>;
  firing?: ReadonlyMap<string, number>;
  /** A datasource is configured: show the number columns (empty until they load). */
  showNumbers?: boolean;
  /**
   * The SLOs live on several datasources: a column names each one's, the app's default (this uid) for
   * those that name none.
   */
  datasources?: { defaultUid: string };
}

interface Numbers {
  show: boolean;
  rows?: ReadonlyMap<string, OverviewRow>;
  firing?: ReadonlyMap<string, number>;
}

export function SloTable({
  entries,
  onDelete,
  drift,
  rulesWhere,
  rows,
  firing,
  showNumbers = false,
  datasources,
}: Props) {
  const numbers: Numbers = { show: showNumbers, rows, firing };
  const headers = [
    'Name',
    'Service',
    ...(datasources ? ['Datasource'] : []),
    'Kind',
    'Objective',
    'Window',
    ...(showNumbers ? ['SLI now', 'Budget left', 'Burn 1h', 'Alerts'] : []),
    'Tier',
    'Owner',
    'Rules',
    '',
  ];
  const styles = useStyles2(getStyles);
  const [deleting, setDeleting] = useState<SloEntry>();
  const [error, setError] = useState<string>();
  const confirmDelete = async () => {
    if (!deleting) {
      return;
    }
    try {
      await onDelete(deleting);
      setError(undefined);
    } catch (e) {
      setError(errorMessage(e));
    }
    setDeleting(undefined);
  };
  return (
    <>
      {error && <Alert title="Could not delete the SLO">{error}</Alert>}
      <table className={styles.table}>
        <thead>
          <tr>
            {headers.map((h) => (
              <th key={h}>{h}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) =>
            entry.kind === 'ok' ? (
              <SloRow
                key={entry.dashboardUid}
                entry={entry}
                onDelete={setDeleting}
                drift={drift}
                rulesWhere={rulesWhere}
                numbers={numbers}
                datasources={datasources}
              />
            ) : (
              <BrokenRow key={entry.dashboardUid} entry={entry} onDelete={setDeleting} span={headers.length - 2} />
            )
          )}
        </tbody>
      </table>
      <ConfirmModal
        isOpen={deleting !== undefined}
        title="Delete SLO"
        body={`Delete ${deleting ? entryLabel(deleting) : ''}? Its storage dashboard is deleted; rules already deployed stay where they are.`}
        confirmText="Delete"
        confirmButtonVariant="destructive"
        onConfirm={confirmDelete}
        onDismiss={() => setDeleting(undefined)}
      />
    </>
  );
}

function entryLabel(entry: SloEntry): string {
  return entry.kind === 'ok' ? (entry.slo.displayName ?? entry.slo.name) : entry.title;
}

function SloRow({
  entry,
  onDelete,
  drift,
  rulesWhere,
  numbers,
  datasources,
}: {
  entry: StoredSlo;
  onDelete: (e: SloEntry) => void;
  drift?: DriftReport;
  rulesWhere?: RulesWhereReport;
  numbers: Numbers;
  datasources?: { defaultUid: string };
}) {
  const { slo } = entry;
  // The target in force when the row appeared (progressive targets change by date).
  const [nowSeconds] = useState(() => Date.now() / 1000);
  const objective = sloAt(slo, nowSeconds).objectives[0];
  const row = numbers.rows?.get(slo.uid);
  const theme = useTheme2();
  const loaded = numbers.rows !== undefined;
  const firing = numbers.firing?.get(slo.uid) ?? 0;
  return (
    <tr data-testid={testIds.sloList.row}>
      <td>
        <TextLink href={sloUrl(slo.uid)} inline={false} data-testid={testIds.sloList.open}>
          {slo.displayName ?? slo.name}
        </TextLink>
      </td>
      <td>{slo.service}</td>
      {datasources && <DatasourceCell uid={datasourceOf(slo, datasources.defaultUid)} />}
      <td>{slo.indicator.type}</td>
      <td>{objective ? formatTarget(objective.target) : ''}</td>
      <td>{objective ? formatWindow(objective.window) : ''}</td>
      {numbers.show && (
        <>
          <td>{row?.sli !== undefined ? formatPercent(row.sli, 3) : loaded ? '–' : ''}</td>
          <td
            data-testid={testIds.sloList.budget}
            style={row?.status ? { color: theme.visualization.getColorByName(STATUS_COLORS[row.status]) } : undefined}
          >
            {row?.budgetRemaining !== undefined ? formatPercent(row.budgetRemaining, 1) : loaded ? 'no data' : ''}
            {objective && (
              <FigureSourceNote
                source={row?.source}
                window={windowToText(objective.window)}
                recordedSince={row?.recordedSince}
              />
            )}
          </td>
          <td>{row?.burnRate1h !== undefined ? `${row.burnRate1h.toFixed(2)}x` : loaded ? '–' : ''}</td>
          <td data-testid={testIds.sloList.firing}>
            {loaded && firing > 0 ? <Badge color="red" icon="fire" text={`${firing} firing`} /> : loaded ? 'none' : ''}
          </td>
        </>
      )}
      <td>{slo.tier ? tierTitle(slo.tier) : ''}</td>
      <td>{slo.owner ?? ''}</td>
      <td>
        <Stack direction="column" gap={0.5}>
          <RulesWhere drift={drift} where={rulesWhere} sloUid={slo.uid} />
          <DriftBadge report={drift} sloUid={slo.uid} />
        </Stack>
      </td>
      <td>
        <Stack gap={1} justifyContent="flex-end">
          <LinkButton
            href={`${prefixRoute(ROUTES.Export)}?slo=${encodeURIComponent(slo.uid)}`}
            size="sm"
            variant="secondary"
            icon="download-alt"
            aria-label={`Export ${entryLabel(entry)}`}
            tooltip="Export its files and rules"
            data-testid={testIds.sloList.export}
          />
          <RowActions entry={entry} editUrl={sloEditUrl(slo.uid)} onDelete={onDelete} />
        </Stack>
      </td>
    </tr>
  );
}

function BrokenRow({ entry, onDelete, span }: { entry: BrokenSlo; onDelete: (e: SloEntry) => void; span: number }) {
  return (
    <tr data-testid={testIds.sloList.brokenRow}>
      <td>{entry.title}</td>
      <td colSpan={span}>
        <Stack direction="column" gap={0}>
          <Text color="error" data-testid={testIds.sloList.brokenError}>
            Cannot read this SLO: {entry.error.message}
          </Text>
          {entry.error.issues.map((issue, i) => (
            <Text key={i} variant="bodySmall" color="secondary">
              {issue.path ? `${issue.path}: ` : ''}
              {issue.message}
            </Text>
          ))}
        </Stack>
      </td>
      <td>
        <RowActions entry={entry} editUrl={`/d/${entry.dashboardUid}`} onDelete={onDelete} />
      </td>
    </tr>
  );
}

function RowActions({
  entry,
  editUrl,
  onDelete,
}: {
  entry: SloEntry;
  editUrl: string;
  onDelete: (e: SloEntry) => void;
}) {
  if (!entry.canSave) {
    return null;
  }
  return (
    <Stack gap={1} justifyContent="flex-end">
      <LinkButton href={editUrl} size="sm" variant="secondary" icon="pen" data-testid={testIds.sloList.edit}>
        {entry.kind === 'ok' ? 'Edit' : 'Open dashboard'}
      </LinkButton>
      {entry.kind === 'ok' && (
        <LinkButton
          href={duplicateUrl(entry.slo.uid)}
          size="sm"
          variant="secondary"
          icon="copy"
          aria-label={`Duplicate ${entryLabel(entry)}`}
          tooltip="Duplicate"
          data-testid={testIds.sloList.duplicate}
        />
      )}
      {entry.canDelete && (
        <IconButton
          name="trash-alt"
          tooltip="Delete"
          aria-label={`Delete ${entryLabel(entry)}`}
          onClick={() => onDelete(entry)}
          data-testid={testIds.sloList.delete}
        />
      )}
    </Stack>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  table: css(dataTableCss(theme, { padding: [1, 1.5], mutedHeader: true }), {
    'th, td': { verticalAlign: 'top' },
    th: { fontWeight: theme.typography.fontWeightMedium },
  }),
});

/** The datasource an SLO lives on, by its name in Grafana; none when it names none and the app has no default. */
function DatasourceCell({ uid }: { uid: string }) {
  return (
    <td data-testid={testIds.sloList.datasource} data-datasource={uid}>
      {uid === '' ? <Text color="secondary">none</Text> : datasourceName(uid)}
    </td>
  );
}
