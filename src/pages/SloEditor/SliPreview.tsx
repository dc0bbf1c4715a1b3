import React, { useMemo, useState } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Alert, Button, FieldSet, RadioButtonGroup, Stack, Text, useStyles2 } from '@grafana/ui';
import type { Objective, Slo } from '../../slo/types';
import type { Backtest, AlertReplay } from '../../slo/backtest';
import type { BacktestObjectiveJson } from '../../decisions/backtestComparison';
import { formatDuration, groupThousands } from '../../slo/budget';
import { describeBurnRate, describeWindowLength, formatTarget, formatWindow } from '../../slo/describe';
import { formatPercent } from '../../components/format';
import { dataTableCss } from '../../components/tableStyles';
import { testIds } from '../../components/testIds';
import { SERIES_WARNING_LIMIT } from '../../rules/cardinality';
import {
  PREVIEW_DAYS,
  PREVIEW_DAY_CHOICES,
  runSliPreview,
  type PreviewDays,
  type PreviewReader,
  type SliPreview as Preview,
} from './sliPreviewData';
import { PreviewScorecard } from './PreviewScorecard';
import { lowTrafficNote, type LowTrafficNote } from './lowTrafficWords';
import { hourlySliFrame, previewChartScene } from './previewChart';
import { useLoadOnDemand } from '../../utils/useLoader';

interface Props {
  /** The SLO as it would be saved; undefined while it has errors. */
  slo?: Slo;
  evaluationInterval: string;
  /** Absent without a datasource. */
  reader?: PreviewReader;
}

const HOUR_MS = 3_600_000;

/** A preview, with the SLO it replayed. */
interface Done {
  preview: Preview;
  of: Slo;
  key: string;
}

type State = { kind: 'idle' } | { kind: 'running' } | ({ kind: 'done' } & Done) | { kind: 'failed'; message: string };

/**
 * The SLO replayed over the last 7, 30 or 90 days of the datasource before it is saved: its SLI, the budget
 * it would have spent, the alerts that would have fired, how alert sets compare, and the series its rules
 * will write.
 */
export function SliPreview({ slo, evaluationInterval, reader }: Props) {
  const styles = useStyles2(getStyles);
  const [load, runLoad] = useLoadOnDemand<Done>();
  const [days, setDays] = useState<PreviewDays>(PREVIEW_DAYS);
  // A run shows only its own outcome: no earlier preview while it runs or after it failed.
  const state: State = load.loading
    ? { kind: 'running' }
    : load.error !== undefined
      ? { kind: 'failed', message: load.error }
      : load.data
        ? { kind: 'done', ...load.data }
        : { kind: 'idle' };
  const currentKey = slo ? JSON.stringify({ slo, days }) : '';
  const run = () => {
    if (!slo || !reader) {
      return;
    }
    runLoad(async (signal) => ({
      preview: await runSliPreview(slo, evaluationInterval, reader, Date.now(), signal, days),
      of: slo,
      key: JSON.stringify({ slo, days }),
    }));
  };
  return (
    <FieldSet label="Preview on real data" data-testid={testIds.sloEditor.preview}>
      <Stack direction="column" gap={2}>
        <Text color="secondary">
          Replays this SLO over the last days of the datasource, as its rules would have evaluated it: the SLI, the
          budget it would have spent, the alerts that would have fired and how they compare with other alert sets, and
          how many series the rules will write.
        </Text>
        <div data-testid={testIds.sloEditor.previewDays}>
          <RadioButtonGroup
            options={PREVIEW_DAY_CHOICES.map((d) => ({ value: d, label: `${d} days` }))}
            value={days}
            onChange={setDays}
            disabled={state.kind === 'running'}
          />
        </div>
        {!reader && (
          <Text color="warning">
            Choose the SLO&apos;s datasource above, or a default one in the app&apos;s configuration, to preview.
          </Text>
        )}
        <div>
          <Button
            variant="secondary"
            icon={state.kind === 'running' ? 'spinner' : 'play'}
            disabled={!slo || !reader || state.kind === 'running'}
            onClick={run}
            data-testid={testIds.sloEditor.previewRun}
          >
            {state.kind === 'done' ? 'Run the preview again' : `Preview the last ${days} days`}
          </Button>
          {!slo && (
            <Text color="secondary" variant="bodySmall">
              {' '}
              Fix the problems of the SLO first.
            </Text>
          )}
        </div>
        {state.kind === 'failed' && (
          <Alert title="The preview could not read the datasource" data-testid={testIds.sloEditor.previewError}>
            {state.message}
          </Alert>
        )}
        {state.kind === 'done' && (
          <>
            {state.key !== currentKey && (
              <Alert
                severity="info"
                title="The SLO changed since this preview"
                data-testid={testIds.sloEditor.previewStale}
              >
                Run the preview again to see the SLO, and the range, as they are now.
              </Alert>
            )}
            {state.of.objectives.map((objective, i) => (
              <ObjectivePreview
                key={i}
                days={state.preview.days}
                objective={objective}
                backtest={state.preview.objectives[i]}
                scorecard={state.preview.scorecards[i]}
                alertingEnabled={state.of.alerting.enabled}
                minBadEvents={state.of.alerting.minBadEvents}
                unit={state.of.timeSlices ? 'slices' : 'events'}
              />
            ))}
            <SeriesPreview preview={state.preview} />
          </>
        )}
      </Stack>
      <div className={styles.spacer} />
    </FieldSet>
  );
}

/** What the SLO counts: events, or slices of time for a time-slice SLO. */
type CountUnit = 'events' | 'slices';

function ObjectivePreview({
  days,
  objective,
  backtest,
  scorecard,
  alertingEnabled,
  minBadEvents,
  unit,
}: {
  days: PreviewDays;
  objective: Objective;
  backtest: Backtest;
  scorecard: BacktestObjectiveJson;
  alertingEnabled: boolean;
  minBadEvents: number | undefined;
  unit: CountUnit;
}) {
  const styles = useStyles2(getStyles);
  const title = `${formatTarget(objective.target)} over ${formatWindow(objective.window)}`;
  const chart = useMemo(
    () =>
      previewChartScene(
        hourlySliFrame(backtest.hourly, Number(objective.target)),
        backtest.from,
        backtest.to,
        `SLI per hour against ${formatTarget(objective.target)}`
      ),
    [backtest, objective.target]
  );
  return (
    <div className={styles.objective} data-testid={testIds.sloEditor.previewObjective}>
      <Text element="h4">{title}</Text>
      {backtest.sli === undefined ? (
        <Text color="warning" data-testid={testIds.sloEditor.previewSli}>
          No {unit} in the last {days} days: check the selectors, or the SLI has had no traffic.
        </Text>
      ) : (
        <Stack direction="column" gap={0.5}>
          <span data-testid={testIds.sloEditor.previewSli}>
            SLI <strong>{formatPercent(backtest.sli, 3)}</strong> over about{' '}
            {groupThousands(Math.round(backtest.events))} {unit}, {groupThousands(Math.round(backtest.badEvents))} of
            them bad ({formatPercent(backtest.errorRatio, 3)}).
          </span>
          <span data-testid={testIds.sloEditor.previewBudget}>{budgetWords(objective, backtest, unit, days)}</span>
          {backtest.firstEventAt !== undefined && backtest.firstEventAt - backtest.from > HOUR_MS && (
            <Text color="warning">
              The datasource has events of this SLI only since {new Date(backtest.firstEventAt).toLocaleString()}: the
              figures cover that time.
            </Text>
          )}
        </Stack>
      )}
      <chart.Component model={chart} />
      {alertingEnabled && <AlertTable alerts={backtest.alerts} />}
      {alertingEnabled && <LowTrafficText note={lowTrafficNote(backtest.alerts, minBadEvents, unit, days)} />}
      {backtest.sli !== undefined && <PreviewScorecard scorecard={scorecard} />}
    </div>
  );
}

/** "Burn rate 1.39x: at this rate the budget lasts 21 days; these 7 days spent 32.41% of it." */
function budgetWords(objective: Objective, backtest: Backtest, unit: CountUnit, days: PreviewDays): string {
  const burn = backtest.burnRate ?? 0;
  const spent = formatPercent(backtest.budgetSpent, 2);
  const window = formatWindow(objective.window);
  if (burn === 0) {
    return `No bad ${unit}: these ${days} days spent none of the ${window} budget.`;
  }
  const lasts =
    backtest.budgetLastsSeconds === undefined
      ? ''
      : `; at this rate the budget lasts ${describeWindowLength(backtest.budgetLastsSeconds)}`;
  // Young data: the share is of the span that has events, not of the days chosen.
  const covered = backtest.coveredSeconds ?? 0;
  const span =
    covered >= days * 86400 - HOUR_MS / 1000 ? `These ${days} days` : `These ${describeWindowLength(covered)}`;
  return `Burn rate ${burn.toFixed(2)}x${lasts}. ${span} spent ${spent} of the ${window} budget (if the rest of the window carries as many ${unit}).`;
}

function AlertTable({ alerts }: { alerts: AlertReplay[] }) {
  const styles = useStyles2(getStyles);
  if (alerts.length === 0) {
    return <Text color="secondary">No burn-rate alert can fire with this target.</Text>;
  }
  return (
    <table className={styles.table} data-testid={testIds.sloEditor.previewAlerts}>
      <thead>
        <tr>
          <th>Alert</th>
          <th>Would have fired</th>
          <th>Firing for</th>
          <th>Last time</th>
        </tr>
      </thead>
      <tbody>
        {alerts.map((alert, i) => {
          const last = alert.episodes[alert.episodes.length - 1];
          return (
            <tr key={i}>
              <td>{capitalise(describeBurnRate(alert.burnRate))}</td>
              <td>{alert.episodes.length === 0 ? 'Never' : times(alert.episodes.length)}</td>
              <td>{alert.firingSeconds === 0 ? '–' : formatDuration(alert.firingSeconds)}</td>
              <td>{last ? `${new Date(last.start).toLocaleString()}${groupText(last.labels)}` : '–'}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function LowTrafficText({ note }: { note: LowTrafficNote | undefined }) {
  return note ? (
    <Text color={note.tone} data-testid={testIds.sloEditor.previewLowTraffic}>
      {note.text}
    </Text>
  ) : null;
}

function SeriesPreview({ preview }: { preview: Preview }) {
  const { cardinality, counts } = preview;
  const sources = Object.entries(counts.counters)
    .map(([role, n]) => `${groupThousands(n ?? 0)} ${role} counter series`)
    .join(', ');
  const text =
    `The rules will write ${groupThousands(cardinality.total)} series: ` +
    `${groupThousands(counts.groups)} ${counts.groups === 1 ? 'group' : 'groups'} of the SLO` +
    (sources ? `, and snapshots of ${sources}` : '') +
    '.';
  return (
    <div data-testid={testIds.sloEditor.previewSeries}>
      {cardinality.overLimit ? (
        <Alert severity="warning" title={`More than ${groupThousands(SERIES_WARNING_LIMIT)} series`}>
          {text} A grouping label with many values (pod, path, user) or a broad selector usually causes this: group by
          fewer labels or narrow the selectors.
        </Alert>
      ) : (
        <Text>{text}</Text>
      )}
    </div>
  );
}

function times(n: number): string {
  return n === 1 ? 'Once' : `${n} times`;
}

function groupText(labels: Record<string, string>): string {
  const entries = Object.entries(labels);
  return entries.length === 0 ? '' : ` (${entries.map(([k, v]) => `${k}="${v}"`).join(', ')})`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const getStyles = (theme: GrafanaTheme2) => ({
  objective: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(1) }),
  table: css(dataTableCss(theme, { padding: [0.5, 1], mutedHeader: true })),
  spacer: css({ height: theme.spacing(1) }),
});
