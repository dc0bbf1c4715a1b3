import type { Slo } from '../../slo/types';
import { queryInstant, queryRange, type RangeSeries } from '../../api/query';
import { mapLimit } from '../../api/http';
import { badEventsExpr, totalEventsExpr } from '../../promql/sli';
import { unrecordedSliceRatesExprs } from '../../promql/timeSlices';
import {
  alignToGrid,
  backtestObjective,
  longestAlertWindowSeconds,
  type Backtest,
  type Grid,
  type GroupRates,
} from '../../slo/backtest';
import { estimateRecordedSeries, type CardinalityCounts, type CardinalityEstimate } from '../../rules/cardinality';
import { cardinalityQueries } from '../../promql/cardinality';
import type { CounterRole } from '../../promql/slo';

/** The replayed range: the last 7 days. */
export const PREVIEW_DAYS = 7;
/** Replay step: one minute keeps 7 days within Prometheus's 11,000 points per query. */
export const PREVIEW_STEP_SECONDS = 60;
/** Steps per range query: under Prometheus's limit of 11,000. */
const STEPS_PER_QUERY = 10_000;

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

/** Key of a series by its labels without the metric name. */
function groupKey(labels: Record<string, string>): string {
  return JSON.stringify(
    Object.entries(labels)
      .filter(([name]) => name !== '__name__')
      .sort(([a], [b]) => a.localeCompare(b))
  );
}

/** The grid of the replay: 7 days to `now` (on a whole step), preceded by the longest alert window. */
export function previewGrid(slo: Slo, now: number): { grid: Grid; from: number } {
  const stepMs = PREVIEW_STEP_SECONDS * 1000;
  const end = Math.floor(now / stepMs) * stepMs;
  const from = end - PREVIEW_DAYS * 86_400_000;
  const history = Math.ceil((longestAlertWindowSeconds(slo) * 1000) / stepMs) * stepMs;
  const start = from - history;
  return { grid: { start, stepSeconds: PREVIEW_STEP_SECONDS, count: (end - start) / stepMs + 1 }, from };
}

/** Reads the SLO's 5m rates over the grid, in chunks that each stay under the point limit. */
async function readRates(
  slo: Slo,
  evaluationInterval: string,
  grid: Grid,
  reader: PreviewReader,
  signal?: AbortSignal
): Promise<GroupRates[]> {
  // A time-slice SLO counts slices: its rates are slices per second, as its rules record them.
  const exprs = slo.timeSlices
    ? unrecordedSliceRatesExprs(slo.indicator, slo.timeSlices, evaluationInterval)
    : {
        total: totalEventsExpr(slo.indicator, { evaluationInterval }),
        bad: badEventsExpr(slo.indicator, { evaluationInterval }),
      };
  const stepMs = grid.stepSeconds * 1000;
  const chunks: Array<[number, number]> = [];
  for (let i = 0; i < grid.count; i += STEPS_PER_QUERY) {
    const last = Math.min(grid.count - 1, i + STEPS_PER_QUERY - 1);
    chunks.push([grid.start + i * stepMs, grid.start + last * stepMs]);
  }
  const parts = await mapLimit(chunks, 2, ([from, to]) => reader.range(exprs, from, to, grid.stepSeconds, signal));
  const points = new Map<
    string,
    { labels: Record<string, string>; total: Array<[number, number]>; bad: Array<[number, number]> }
  >();
  const add = (series: RangeSeries, role: 'total' | 'bad') => {
    const key = groupKey(series.labels);
    const { __name__: _, ...labels } = series.labels;
    const entry = points.get(key) ?? { labels, total: [], bad: [] };
    entry[role].push(...series.points);
    points.set(key, entry);
  };
  for (const part of parts) {
    part.total.forEach((s) => add(s, 'total'));
    part.bad.forEach((s) => add(s, 'bad'));
  }
  return [...points.values()].map((g) => ({
    labels: g.labels,
    total: alignToGrid(grid, g.total),
    bad: alignToGrid(grid, g.bad),
  }));
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
    readRates(slo, evaluationInterval, grid, reader, signal),
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
