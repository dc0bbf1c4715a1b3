import React, { useMemo } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Alert, Field, Stack, Text, useStyles2 } from '@grafana/ui';
import type { Slo } from '../../slo/types';
import { formatDuration } from '../../slo/budget';
import { formatTarget } from '../../slo/describe';
import { identityChanges, type SeriesIdentity } from '../../rules/seriesIdentity';
import { SLO_LABELS } from '../../promql/slo';
import {
  IMPACT_ALERT_DAYS,
  runEditImpact,
  type AlertDifference,
  type EditImpact as Impact,
  type WindowBudget,
} from '../../decisions/editImpact';
import { formatPercent } from '../../components/format';
import { dataTableCss } from '../../components/tableStyles';
import { testIds } from '../../components/testIds';
import { useLoader } from '../../utils/useLoader';
import type { PreviewReader } from './sliPreviewData';

interface Props {
  /** The SLO as it would be saved. */
  slo: Slo;
  /** The saved version. */
  saved: Slo;
  evaluationInterval: string;
  /** Absent without a datasource. */
  reader?: PreviewReader;
  /** Reads the saved definition's data when it lives on another datasource than the edited one. */
  savedReader?: PreviewReader;
  /** The instant the replay ends at (ms); now by default. */
  now?: number;
}

/**
 * What saving an edit will do beyond the rules' text: the recorded series that start over, the budget of
 * the current window under the old and the new definition, and the alerts that would have fired differently.
 */
export function EditImpact({ slo, saved, evaluationInterval, reader, savedReader, now }: Props) {
  const changes = useMemo(() => identityChanges(saved, slo, evaluationInterval), [saved, slo, evaluationInterval]);
  const key = JSON.stringify([slo, saved, evaluationInterval]);
  const impact = useLoader<Impact | undefined>(
    (signal) =>
      reader
        ? runEditImpact(
            saved,
            slo,
            evaluationInterval,
            { before: (savedReader ?? reader).range, after: reader.range },
            now ?? Date.now(),
            signal
          )
        : Promise.resolve(undefined),
    [key, reader, savedReader, now]
  );
  return (
    <Stack direction="column" gap={2}>
      <Field
        label="Recorded series that start over"
        description="A series whose name or labels change is a new series in Prometheus: its history starts empty"
      >
        <div data-testid={testIds.sloEditor.reviewSeries}>
          <SeriesChanges changes={changes} />
        </div>
      </Field>
      <Field
        label="Budget of the current window"
        description="Replayed from the raw source series under the saved definition and under the edited one"
      >
        <div data-testid={testIds.sloEditor.reviewBudgets}>
          <Replayed impact={impact} reader={reader}>
            {(data) => <Budgets before={data.before} after={data.after} />}
          </Replayed>
        </div>
      </Field>
      <Field
        label={`Alerts that would have fired differently over the last ${IMPACT_ALERT_DAYS} days`}
        description="Both definitions' burn-rate alerts replayed from the raw source series"
      >
        <div data-testid={testIds.sloEditor.reviewAlerts}>
          <Replayed impact={impact} reader={reader}>
            {(data) => <AlertChanges impact={data} />}
          </Replayed>
        </div>
      </Field>
    </Stack>
  );
}

function Replayed({
  impact,
  reader,
  children,
}: {
  impact: { loading: boolean; data?: Impact; error?: string };
  reader?: PreviewReader;
  children: (data: Impact) => React.ReactNode;
}) {
  if (!reader) {
    return <Text color="secondary">Cannot be computed: no datasource is configured to replay the source series.</Text>;
  }
  if (impact.loading) {
    return <Text color="secondary">Replaying both definitions…</Text>;
  }
  if (impact.error !== undefined) {
    return (
      <Alert severity="warning" title="Cannot be computed: the datasource could not be read">
        {impact.error}
      </Alert>
    );
  }
  return impact.data ? <>{children(impact.data)}</> : null;
}

function labelsText(identity: SeriesIdentity | undefined): string {
  if (!identity) {
    return '–';
  }
  const labels = Object.entries(identity.labels).map(([name, value]) => `${name}=${JSON.stringify(value)}`);
  const grouping = identity.grouping.length ? [`by ${identity.grouping.join(', ')}`] : [];
  return `{${labels.join(', ')}}${grouping.length ? ` ${grouping[0]}` : ''}`;
}

function SeriesChanges({ changes }: { changes: ReturnType<typeof identityChanges> }) {
  const styles = useStyles2(getStyles);
  if (changes.length === 0) {
    return <Text color="secondary">None: every recorded series keeps its name and labels, and its history.</Text>;
  }
  return (
    <Stack direction="column" gap={1}>
      {changes.every(keepsUid) && (
        <Text color="secondary">
          The uid stays: Burnrate&apos;s alerts, budget and pages read these series by slo_uid and add up the old and
          the new ones, so they go on. Queries of your own that select them by a changed label see only the new series
          from now on.
        </Text>
      )}
      <table className={styles.table}>
        <thead>
          <tr>
            <th>Series</th>
            <th>Labels</th>
            <th>Why it starts over</th>
          </tr>
        </thead>
        <tbody>
          {changes.map((change, i) => (
            <tr key={i}>
              <td className={styles.mono}>{change.record}</td>
              <td className={styles.mono}>{labelsText(change.before ?? change.after)}</td>
              <td>{change.reasons.join('; ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Stack>
  );
}

/** A series kept under other labels of the same SLO: same uid, grouping and source series. */
function keepsUid({ before, after }: ReturnType<typeof identityChanges>[number]): boolean {
  return (
    before !== undefined &&
    after !== undefined &&
    before.labels[SLO_LABELS.uid] === after.labels[SLO_LABELS.uid] &&
    before.grouping.join() === after.grouping.join() &&
    before.source === after.source
  );
}

function budgetText(budget: WindowBudget | undefined): string {
  if (!budget) {
    return '–';
  }
  const objective = `${formatTarget(budget.target)} over ${budget.window}`;
  return budget.remaining === undefined
    ? `${objective}: cannot be computed, no events in the window`
    : `${objective}: ${formatPercent(budget.remaining, 1)} of the budget left`;
}

function Budgets({ before, after }: { before: WindowBudget[]; after: WindowBudget[] }) {
  const styles = useStyles2(getStyles);
  const rows = Math.max(before.length, after.length);
  return (
    <table className={styles.table}>
      <thead>
        <tr>
          <th>Saved definition</th>
          <th>Edited definition</th>
        </tr>
      </thead>
      <tbody>
        {Array.from({ length: rows }, (_, i) => (
          <tr key={i}>
            <td>{budgetText(before[i])}</td>
            <td>{budgetText(after[i])}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function groupWords(labels: Record<string, string>): string {
  const entries = Object.entries(labels);
  return entries.length ? entries.map(([name, value]) => `${name}=${JSON.stringify(value)}`).join(', ') : '–';
}

function AlertChanges({ impact }: { impact: Impact }) {
  const styles = useStyles2(getStyles);
  if (impact.alertEvents.before === 0 && impact.alertEvents.after === 0) {
    return (
      <Text color="secondary">
        Cannot be computed: the source series had no events over the last {IMPACT_ALERT_DAYS} days.
      </Text>
    );
  }
  if (impact.alerts.length === 0) {
    return <Text color="secondary">None: both definitions would have fired the same alerts.</Text>;
  }
  return (
    <table className={styles.table}>
      <thead>
        <tr>
          <th>Would have fired</th>
          <th>Severity</th>
          <th>Group</th>
          <th>From</th>
          <th>For</th>
        </tr>
      </thead>
      <tbody>
        {impact.alerts.map((difference: AlertDifference, i) => (
          <tr key={i}>
            <td>{difference.firedUnder === 'before' ? 'Only under the saved definition' : 'Only under the edit'}</td>
            <td>{difference.severity}</td>
            <td className={styles.mono}>{groupWords(difference.labels)}</td>
            <td>{new Date(difference.start).toLocaleString()}</td>
            <td>{formatDuration(Math.round((difference.end - difference.start) / 1000))}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  table: css(dataTableCss(theme, { padding: [0.5, 1], mutedHeader: true })),
  mono: css({ fontFamily: theme.typography.fontFamilyMonospace, fontSize: theme.typography.bodySmall.fontSize }),
});
