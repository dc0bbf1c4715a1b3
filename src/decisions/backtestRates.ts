import type { Slo } from '../slo/types';
import { alignToGrid, type Grid, type GroupRates } from '../slo/backtest';
import { badEventsExpr, totalEventsExpr } from '../promql/sli';
import { unrecordedSliceRatesExprs } from '../promql/timeSlices';
import type { LabelledSeries } from './report/series';
import { quote } from '../slo/quote';

/**
 * The 5m event rates of an SLO over a range, read from its raw source series (as its rules would record
 * them) on a regular grid, for the editor's preview and `burnrate backtest`. The reader is injected: the
 * app reads through its datasource, the CLI over Prometheus's HTTP API.
 */

/** Steps per range query: under Prometheus's limit of 11,000 points per series. */
export const STEPS_PER_QUERY = 10_000;
/** The finest replay step: one minute, as the editor has always replayed. */
export const MIN_BACKTEST_STEP_SECONDS = 60;
/** Steps of the replayed range at most (30 days of minutes): a longer range gets a longer step. */
export const MAX_BACKTEST_STEPS = 43_200;
/** The longest range a backtest replays. */
export const MAX_BACKTEST_DAYS = 90;

/** Reads the range [from, to] (ms) of both expressions at `stepSeconds`; points in ms. */
export type RatesRangeReader = (
  exprs: { total: string; bad: string },
  from: number,
  to: number,
  stepSeconds: number,
  signal?: AbortSignal
) => Promise<{ total: LabelledSeries[]; bad: LabelledSeries[] }>;

/**
 * The replay step of a range of `days`: one minute up to 30 days, then whole minutes growing with the
 * range so that it keeps at most MAX_BACKTEST_STEPS steps (3 minutes for 90 days).
 */
export function backtestStepSeconds(days: number): number {
  const steps = (days * 86400) / MIN_BACKTEST_STEP_SECONDS;
  return MIN_BACKTEST_STEP_SECONDS * Math.max(1, Math.ceil(steps / MAX_BACKTEST_STEPS));
}

/**
 * The grid of a replay of `days` to `now` (on a whole step), preceded by `historySeconds` (the longest alert
 * window) so that the first evaluation sees full windows; `from` is where the replayed range starts (ms).
 */
export function backtestGrid(now: number, days: number, historySeconds: number): { grid: Grid; from: number } {
  const stepSeconds = backtestStepSeconds(days);
  const stepMs = stepSeconds * 1000;
  const end = Math.floor(now / stepMs) * stepMs;
  const from = end - Math.round((days * 86_400_000) / stepMs) * stepMs;
  const history = Math.ceil((historySeconds * 1000) / stepMs) * stepMs;
  const start = from - history;
  return { grid: { start, stepSeconds, count: (end - start) / stepMs + 1 }, from };
}

/** The PromQL of the SLO's 5m event rates from its source series. */
export function sloRatesExprs(slo: Slo, evaluationInterval: string): { total: string; bad: string } {
  // A time-slice SLO counts slices: its rates are slices per second, as its rules record them.
  return slo.timeSlices
    ? unrecordedSliceRatesExprs(slo.indicator, slo.timeSlices, evaluationInterval)
    : {
        total: totalEventsExpr(slo.indicator, { evaluationInterval }),
        bad: badEventsExpr(slo.indicator, { evaluationInterval }),
      };
}

/** Key of a series by its labels without the metric name. */
function groupKey(labels: Record<string, string>): string {
  return JSON.stringify(
    Object.entries(labels)
      .filter(([name]) => name !== '__name__')
      .sort(([a], [b]) => a.localeCompare(b))
  );
}

/** Runs `fn` on every item, `limit` at a time, results in order. */
async function inBatches<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += limit) {
    results.push(...(await Promise.all(items.slice(i, i + limit).map(fn))));
  }
  return results;
}

/**
 * Reads the SLO's 5m rates over the grid, per group of its grouping labels, in range queries of at most
 * STEPS_PER_QUERY steps, two at a time. An aborted `signal` cancels the reads.
 */
export async function readGroupRates(
  slo: Slo,
  evaluationInterval: string,
  grid: Grid,
  read: RatesRangeReader,
  signal?: AbortSignal
): Promise<GroupRates[]> {
  const exprs = sloRatesExprs(slo, evaluationInterval);
  const stepMs = grid.stepSeconds * 1000;
  const chunks: Array<[number, number]> = [];
  for (let i = 0; i < grid.count; i += STEPS_PER_QUERY) {
    const last = Math.min(grid.count - 1, i + STEPS_PER_QUERY - 1);
    chunks.push([grid.start + i * stepMs, grid.start + last * stepMs]);
  }
  const parts = await inBatches(chunks, 2, ([from, to]) => read(exprs, from, to, grid.stepSeconds, signal));
  const points = new Map<
    string,
    { labels: Record<string, string>; total: Array<[number, number]>; bad: Array<[number, number]> }
  >();
  const add = (series: LabelledSeries, role: 'total' | 'bad') => {
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

/** A read of an SLO's series that failed: the message names the SLO. */
export class SloReadError extends Error {}

/**
 * readGroupRates for a command that reads many SLOs: a failed read rejects with an SloReadError naming the
 * SLO; an aborted `signal` rejects as the read does.
 */
export async function readSloGroupRates(
  slo: Slo,
  evaluationInterval: string,
  grid: Grid,
  read: RatesRangeReader,
  signal?: AbortSignal
): Promise<GroupRates[]> {
  try {
    return await readGroupRates(slo, evaluationInterval, grid, read, signal);
  } catch (error) {
    if (signal?.aborted) {
      throw error;
    }
    throw new SloReadError(`SLO ${quote(slo.name)}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
