import type { Slo } from '../../slo/types';
import { queryInstant, queryRange, type RangeSeries } from '../../api/query';
import { backtestObjective, type Backtest, type Grid } from '../../slo/backtest';
import { longestComparedWindowSeconds } from '../../slo/alertSets';
import { backtestGrid, readGroupRates } from '../../decisions/backtestRates';
import { compareObjective, type BacktestObjectiveJson } from '../../decisions/backtestComparison';
import { estimateRecordedSeries, type CardinalityCounts, type CardinalityEstimate } from '../../rules/cardinality';
import { cardinalityQueries } from '../../promql/cardinality';
import type { CounterRole } from '../../promql/slo';

/** The replayed ranges to choose from, in days; the first is the default. */
export const PREVIEW_DAY_CHOICES = [7, 30, 90] as const;
export type PreviewDays = (typeof PREVIEW_DAY_CHOICES)[number];
export const PREVIEW_DAYS: PreviewDays = 7;

/** What the preview reads: a Prometheus-compatible datasource, or a fake in tests. `signal` cancels a read. */
export interface PreviewReader {
  range: (
    exprs: { total: string; bad: string },
    from: number,
    to: number,
    stepSeconds: number,
    signal?: AbortSignal
  ) => Promise<{ total: RangeSeries[]; bad: RangeSeries[] }>;
  /** One number per expression (a `count(...)`); 0 when the result is empty. */
  counts: (exprs: string[], signal?: AbortSignal) => Promise<number[]>;
}

export function datasourcePreviewReader(datasourceUid: string): PreviewReader {
  return {
    range: async ({ total, bad }, from, to, stepSeconds, signal) => {
      const result = await queryRange(
        datasourceUid,
        [
          { refId: 'T', expr: total },
          { refId: 'B', expr: bad },
        ],
        { from, to, stepSeconds },
        signal
      );
      return { total: result.T ?? [], bad: result.B ?? [] };
    },
    counts: async (exprs, signal) => {
      const result = await queryInstant(
        datasourceUid,
        exprs.map((expr, i) => ({ refId: `C${i}`, expr })),
        signal
      );
      return exprs.map((_, i) => {
        const value = result[`C${i}`]?.[0]?.value;
        return value !== undefined && Number.isFinite(value) ? value : 0;
      });
    },
  };
}

export interface SliPreview {
  /** The replayed range, in days. */
  days: PreviewDays;
  /** One backtest per objective, in the SLO's order. */
  objectives: Backtest[];
  /** One scorecard per objective: its incidents and every alert set on them, side by side. */
  scorecards: BacktestObjectiveJson[];
  cardinality: CardinalityEstimate;
  counts: CardinalityCounts;
  /** Groups seen in the range. */
  groups: number;
}

/**
 * The grid of the replay: `days` to `now` (on a whole step: a minute up to 30 days, longer beyond), preceded by
 * the longest alert window of the sets the scorecard compares.
 */
export function previewGrid(slo: Slo, now: number, days: PreviewDays = PREVIEW_DAYS): { grid: Grid; from: number } {
  return backtestGrid(now, days, longestComparedWindowSeconds(slo));
}

/**
 * The preview of an SLO before it is saved: `days` replayed, its alert sets scored, and the series its rules
 * would write. An aborted `signal` cancels the reads.
 */
export async function runSliPreview(
  slo: Slo,
  evaluationInterval: string,
  reader: PreviewReader,
  now = Date.now(),
  signal?: AbortSignal,
  days: PreviewDays = PREVIEW_DAYS
): Promise<SliPreview> {
  const { grid, from } = previewGrid(slo, now, days);
  const queries = cardinalityQueries(slo, evaluationInterval);
  const roles = Object.keys(queries.counters) as CounterRole[];
  const [groups, countValues] = await Promise.all([
    readGroupRates(slo, evaluationInterval, grid, reader.range, signal),
    reader.counts([queries.groups, ...roles.map((role) => queries.counters[role]!)], signal),
  ]);
  const counts: CardinalityCounts = {
    // Groups come and go: count those of the last 7 days too, and one at least (an SLO without traffic
    // now writes its series once traffic comes).
    groups: Math.max(1, countValues[0], groups.length),
    counters: Object.fromEntries(roles.map((role, i) => [role, countValues[i + 1]])),
  };
  return {
    days,
    objectives: slo.objectives.map((objective) => backtestObjective(slo, objective, grid, groups, { from })),
    scorecards: slo.objectives.map((objective) => compareObjective(slo, objective, grid, groups, from)),
    cardinality: estimateRecordedSeries(slo, { evaluationInterval }, counts),
    counts,
    groups: groups.length,
  };
}
