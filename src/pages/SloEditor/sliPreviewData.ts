import type { Slo } from '../../slo/types';
import { queryInstant, queryRange, type RangeSeries } from '../../api/query';
import { backtestObjective, longestAlertWindowSeconds, type Backtest, type Grid } from '../../slo/backtest';
import { backtestGrid, readGroupRates } from '../../decisions/backtestRates';
import { estimateRecordedSeries, type CardinalityCounts, type CardinalityEstimate } from '../../rules/cardinality';
import { cardinalityQueries } from '../../promql/cardinality';
import type { CounterRole } from '../../promql/slo';

/** The replayed range: the last 7 days. */
export const PREVIEW_DAYS = 7;

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
  /** One backtest per objective, in the SLO's order. */
  objectives: Backtest[];
  cardinality: CardinalityEstimate;
  counts: CardinalityCounts;
  /** Groups seen in the range. */
  groups: number;
}

/** The grid of the replay: 7 days to `now` (on a whole step), preceded by the longest alert window. */
export function previewGrid(slo: Slo, now: number): { grid: Grid; from: number } {
  return backtestGrid(now, PREVIEW_DAYS, longestAlertWindowSeconds(slo));
}

/**
 * The preview of an SLO before it is saved: 7 days replayed, and the series its rules would write. An
 * aborted `signal` cancels the reads.
 */
export async function runSliPreview(
  slo: Slo,
  evaluationInterval: string,
  reader: PreviewReader,
  now = Date.now(),
  signal?: AbortSignal
): Promise<SliPreview> {
  const { grid, from } = previewGrid(slo, now);
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
    objectives: slo.objectives.map((objective) => backtestObjective(slo, objective, grid, groups, { from })),
    cardinality: estimateRecordedSeries(slo, { evaluationInterval }, counts),
    counts,
    groups: groups.length,
  };
}
