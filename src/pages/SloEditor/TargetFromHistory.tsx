import React, { useMemo } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Alert, Badge, Button, FieldSet, Stack, Text, useStyles2 } from '@grafana/ui';
import type { Slo } from '../../slo/types';
import { groupThousands } from '../../slo/budget';
import { formatTarget } from '../../slo/describe';
import { TIERS } from '../../slo/tiers';
import {
  DEFAULT_TARGET_HISTORY_DAYS,
  noTargetHistoryMessage,
  readTargetHistoryRates,
  sloTargetHistory,
  type ObjectiveTargetJson,
  type SliSpanJson,
  type SloTargetHistoryJson,
  type TargetHistoryRates,
} from '../../decisions/targetFromHistory';
import {
  budgetShareText,
  daysText,
  exhaustedText,
  outcomeSentence,
  sliText,
  suggestionSentence,
  targetPercentText,
} from '../../decisions/targetFromHistoryFormat';
import { dataTableCss } from '../../components/tableStyles';
import { testIds } from '../../components/testIds';
import { useLoadOnDemand } from '../../utils/useLoader';
import type { PreviewReader } from './sliPreviewData';

interface Props {
  /** The SLO as it would be saved; undefined while it has errors. */
  slo?: Slo;
  evaluationInterval: string;
  /** Absent without a datasource. */
  reader?: PreviewReader;
  /** Sets the first objective's target (percent text, "99.9"); absent for a role that cannot save. */
  onUseTarget?: (targetPercent: string) => void;
}

/** The rates read, with the SLO they were read for. */
interface Read {
  rates: TargetHistoryRates;
  of: Slo;
}

/**
 * What the read depends on: the SLI, how it is counted and the datasource read, not the targets, which are
 * judged again on every change.
 */
function readKey(slo: Slo): string {
  return JSON.stringify({ indicator: slo.indicator, timeSlices: slo.timeSlices, datasourceUid: slo.datasourceUid });
}

/**
 * A target from history: what the service achieved over the last 90 days the datasource holds (per week, with
 * its worst), what every tier target would have left of its budget, and the target that history supports with
 * a margin. The rates are read once; changing the target or window judges them again without a read.
 */
export function TargetFromHistory({ slo, evaluationInterval, reader, onUseTarget }: Props) {
  const [load, runLoad] = useLoadOnDemand<Read>();
  const read = load.loading || load.error !== undefined ? undefined : load.data;
  const stale = read !== undefined && slo !== undefined && readKey(slo) !== readKey(read.of);
  // Judged with the SLO as it is now (its targets and windows) while the SLI is the one read.
  const judged = read && !stale && slo ? slo : read?.of;
  const history = useMemo(
    () => (read && judged ? sloTargetHistory(judged, read.rates.grid, read.rates.groups, read.rates.days) : undefined),
    [read, judged]
  );
  const run = () => {
    if (!slo || !reader) {
      return;
    }
    runLoad(async (signal) => ({
      rates: await readTargetHistoryRates(
        slo,
        reader.range,
        { now: Date.now(), days: DEFAULT_TARGET_HISTORY_DAYS, evaluationInterval },
        signal
      ),
      of: slo,
    }));
  };
  return (
    <FieldSet label="Target from history" data-testid={testIds.sloEditor.targetHistory}>
      <Stack direction="column" gap={2}>
        <Text color="secondary">
          What the service achieved over the last {DEFAULT_TARGET_HISTORY_DAYS} days of the datasource (as much as it
          holds), counted from the raw source series, and what each tier&apos;s target would have made of it.
        </Text>
        {!reader && (
          <Text color="warning">
            Choose the SLO&apos;s datasource above, or a default one in the app&apos;s configuration, to read history.
          </Text>
        )}
        <div>
          <Button
            variant="secondary"
            icon={load.loading ? 'spinner' : 'history'}
            disabled={!slo || !reader || load.loading}
            onClick={run}
            data-testid={testIds.sloEditor.targetHistoryRun}
          >
            {read ? 'Read the history again' : `Read the last ${DEFAULT_TARGET_HISTORY_DAYS} days`}
          </Button>
          {!slo && (
            <Text color="secondary" variant="bodySmall">
              {' '}
              Fix the problems of the SLO first.
            </Text>
          )}
        </div>
        {load.error !== undefined && (
          <Alert title="The history could not be read" data-testid={testIds.sloEditor.targetHistoryError}>
            {load.error}
          </Alert>
        )}
        {stale && (
          <Alert severity="info" title="The SLI or its datasource changed since the history was read">
            Read the history again to see the SLI as it is now.
          </Alert>
        )}
        {read && judged && !history && (
          <Text color="warning" data-testid={testIds.sloEditor.targetHistoryError}>
            {noTargetHistoryMessage(judged, read.rates)}
          </Text>
        )}
        {history && (
          <>
            <RecentTable history={history} days={read?.rates.days ?? DEFAULT_TARGET_HISTORY_DAYS} />
            {history.objectives.map((objective, i) => (
              <ObjectiveTargets
                key={i}
                objective={objective}
                heldSeconds={history.heldSeconds}
                onUseTarget={i === 0 ? onUseTarget : undefined}
              />
            ))}
            <WeeksTable history={history} />
          </>
        )}
      </Stack>
    </FieldSet>
  );
}

function spanCells(span: SliSpanJson, unit: string) {
  return (
    <>
      <td>{sliText(span.sli)}</td>
      <td>
        {groupThousands(Math.round(span.totalEvents))} {unit}
      </td>
      <td>{groupThousands(Math.round(span.badEvents))}</td>
    </>
  );
}

function RecentTable({ history, days }: { history: SloTargetHistoryJson; days: number }) {
  const styles = useStyles2(getStyles);
  return (
    <div data-testid={testIds.sloEditor.targetHistoryRecent}>
      <Text>
        The datasource holds {history.unit} of this SLI for {daysText(history.heldSeconds)} of the last {days}.
      </Text>
      <table className={styles.table}>
        <thead>
          <tr>
            <th>Range</th>
            <th>SLI</th>
            <th>Counted</th>
            <th>Bad</th>
            <th>Held</th>
          </tr>
        </thead>
        <tbody>
          {history.recent.map((span) => (
            <tr key={span.days}>
              <td>Last {span.days} days</td>
              {spanCells(span, history.unit)}
              <td>{daysText(span.heldSeconds)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ObjectiveTargets({
  objective,
  heldSeconds,
  onUseTarget,
}: {
  objective: ObjectiveTargetJson;
  heldSeconds: number;
  onUseTarget?: (targetPercent: string) => void;
}) {
  const styles = useStyles2(getStyles);
  const { suggestion } = objective;
  const current = objective.outcomes.find((o) => o.target === objective.target);
  const partial = objective.outcomes[0]?.partialWindow ?? false;
  return (
    <div data-testid={testIds.sloEditor.targetHistoryTargets}>
      <Text element="h5">
        {formatTarget(objective.target)} over {objective.window}: each target in windows of{' '}
        {daysText(objective.windowSeconds)}
        {partial && ', the history held being shorter, as one window'}
      </Text>
      <table className={styles.table}>
        <thead>
          <tr>
            <th>Target</th>
            <th>Tier</th>
            <th>Budget left over the history</th>
            <th>Budget ran out</th>
            <th>Worst window kept</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {objective.outcomes.map((outcome) => (
            <tr key={outcome.target}>
              <td>{formatTarget(outcome.target)}</td>
              <td>{outcome.tiers.map((tier) => TIERS[tier].title).join(', ')}</td>
              <td>{budgetShareText(outcome.budgetLeft)}</td>
              <td>{exhaustedText(outcome.exhausted)}</td>
              <td>{budgetShareText(outcome.worstWindowBudgetLeft)}</td>
              <td>
                <Stack gap={0.5}>
                  {outcome.target === objective.target && <Badge color="blue" text="current" />}
                  {outcome.target === suggestion.target && <Badge color="green" icon="check" text="suggested" />}
                </Stack>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Stack direction="column" gap={0.5}>
        {current && <Text color="secondary">{outcomeSentence(current, objective, heldSeconds)}.</Text>}
        <Stack gap={1} alignItems="center">
          <span data-testid={testIds.sloEditor.targetHistorySuggestion}>{suggestionSentence(objective)}</span>
          {onUseTarget && suggestion.target !== undefined && suggestion.target !== objective.target && (
            <Button
              size="sm"
              variant="secondary"
              onClick={() => onUseTarget(targetPercentText(suggestion.target!))}
              data-testid={testIds.sloEditor.targetHistoryUse}
            >
              Use {formatTarget(suggestion.target)}
            </Button>
          )}
        </Stack>
      </Stack>
    </div>
  );
}

function WeeksTable({ history }: { history: SloTargetHistoryJson }) {
  const styles = useStyles2(getStyles);
  return (
    <div data-testid={testIds.sloEditor.targetHistoryWeeks}>
      <Text element="h5">Per week, counted back from now</Text>
      <table className={styles.table}>
        <thead>
          <tr>
            <th>Week</th>
            <th>SLI</th>
            <th>Counted</th>
            <th>Bad</th>
            <th>Held</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {history.weeks.map((week) => (
            <tr key={week.from}>
              <td>
                {week.from.slice(0, 10)} to {week.to.slice(0, 10)}
              </td>
              {spanCells(week, history.unit)}
              <td>{daysText(week.heldSeconds)}</td>
              <td>{history.worstWeek?.from === week.from && <Badge color="orange" text="worst week" />}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  table: css(dataTableCss(theme, { padding: [0.5, 1], mutedHeader: true })),
});
