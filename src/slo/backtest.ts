import type { Objective, Slo } from './types';
import { errorBudgetRatio } from './budget';
import { windowSeconds } from './values';
import { parsePromDuration } from './duration';
import { resolveBurnRates, type ResolvedBurnRate } from './burnRates';
import { TIERS } from './tiers';
import { blockSummedSeconds, blockSummedWindowEnd, readsBlockSums } from './alertWindows';

/**
 * Replays an SLO over past data before it is saved: the SLI and budget of a range, and when each
 * burn-rate alert would have fired. It reads the same 5m event rates the rules record, sampled at a
 * regular step, and evaluates the alerts as Prometheus does: at each step, the error ratio over a
 * window is the sum of the bad-event rates in it over the sum of the event rates in it.
 */

/** A regular time grid: `count` instants from `start`, `stepSeconds` apart (ms timestamps). */
export interface Grid {
  start: number;
  stepSeconds: number;
  count: number;
}

/** The 5m event rates of one group of the SLO (its grouping labels) on a grid; NaN where absent. */
export interface GroupRates {
  labels: Record<string, string>;
  total: Float64Array;
  bad: Float64Array;
}

/** A run of consecutive evaluations at which an alert's condition held, for one group. */
export interface AlertEpisode {
  labels: Record<string, string>;
  /** First instant that fired (ms). */
  start: number;
  /** One step after the last instant that fired (ms): the alert resolves there. */
  end: number;
}

export interface AlertReplay {
  burnRate: ResolvedBurnRate;
  episodes: AlertEpisode[];
  /** Seconds during which at least one group fired. */
  firingSeconds: number;
  /** How few bad events fire the alert when traffic is low; undefined without traffic. */
  lowTraffic?: LowTraffic;
}

/**
 * The alert's long window at low traffic: the events it holds at the quietest tenth of the evaluations with
 * traffic (all groups), and the bad events that are then enough to fire it (factor x budget x events).
 */
export interface LowTraffic {
  quietEvents: number;
  badToFire: number;
}

/** The share of evaluations that `LowTraffic` takes as the quiet ones. */
export const QUIET_SHARE = 0.1;

export interface HourlySli {
  /** Start of the hour (ms). */
  time: number;
  /** Undefined for an hour without events. */
  sli: number | undefined;
}

export interface Backtest {
  /** The replayed range (ms): instants in [from, to]. */
  from: number;
  to: number;
  /** Events and bad events in the range, from the rates times the step: close to, not exactly, the counts. */
  events: number;
  badEvents: number;
  /** First instant of the range with events (ms); undefined without events. */
  firstEventAt?: number;
  /** Undefined without events. */
  sli?: number;
  errorRatio?: number;
  /** Error ratio / error budget over the range. */
  burnRate?: number;
  /** Seconds from the first instant with events to the end of the range (the span the figures cover). */
  coveredSeconds?: number;
  /**
   * Share of the objective window's budget these events spent, if the rest of the window carries as many
   * events per second: burn rate x covered span / window (capped at the window's length).
   */
  budgetSpent?: number;
  /** How long the whole budget lasts at the range's burn rate (seconds); undefined at burn rate 0. */
  budgetLastsSeconds?: number;
  hourly: HourlySli[];
  alerts: AlertReplay[];
}

const HOUR_MS = 3_600_000;

/** Instant of grid index i (ms). */
export function gridTime(grid: Grid, i: number): number {
  return grid.start + i * grid.stepSeconds * 1000;
}

/**
 * Values of `points` ([ms, value]) on the grid; NaN where a point is missing. Points off the grid are
 * put on the nearest instant, points outside it are dropped.
 */
export function alignToGrid(grid: Grid, points: ReadonlyArray<readonly [number, number]>): Float64Array {
  const out = new Float64Array(grid.count).fill(NaN);
  const stepMs = grid.stepSeconds * 1000;
  for (const [time, value] of points) {
    const i = Math.round((time - grid.start) / stepMs);
    if (i >= 0 && i < grid.count) {
      out[i] = value;
    }
  }
  return out;
}

/** Running sums of the present samples: sums[i] is the sum of samples 0..i-1. */
function prefixSums(values: Float64Array): Float64Array {
  const sums = new Float64Array(values.length + 1);
  for (let i = 0; i < values.length; i++) {
    sums[i + 1] = sums[i] + (Number.isNaN(values[i]) ? 0 : values[i]);
  }
  return sums;
}

/** Index of the first grid instant at or after `time`. */
function firstIndexFrom(grid: Grid, time: number): number {
  return Math.max(0, Math.ceil((time - grid.start) / (grid.stepSeconds * 1000)));
}

/**
 * An alert window as the rules sum it (slo/alertWindows.ts): the samples it holds, and the grid index it
 * ends at when evaluated at index i: i itself, or for a window of a day or more the last grid instant at
 * or before the last whole block.
 */
interface WindowSpan {
  samples: number;
  endIndex: (i: number) => number;
}

function windowSpan(grid: Grid, windowSeconds: number): WindowSpan {
  const step = grid.stepSeconds;
  if (!readsBlockSums(windowSeconds)) {
    return { samples: Math.ceil(windowSeconds / step), endIndex: (i) => i };
  }
  return {
    samples: Math.ceil(blockSummedSeconds(windowSeconds) / step),
    endIndex: (i) => Math.floor((blockSummedWindowEnd(gridTime(grid, i)) - grid.start) / (step * 1000)),
  };
}

/**
 * Sum over the window evaluated at grid index i: the samples j - k + 1 .. j up to its end j, with
 * k = ceil(window / step), as a range selector `[window]` evaluated at the end reads them.
 */
function windowSum(sums: Float64Array, i: number, span: WindowSpan): number {
  const end = span.endIndex(i);
  return end < 0 ? 0 : sums[end + 1] - sums[Math.max(0, end + 1 - span.samples)];
}

export interface BacktestOptions {
  /** Evaluate from this instant (ms); earlier grid instants only fill the alerts' windows. */
  from: number;
  /** Replay these alerts instead of the SLO's own (another alert set to compare with). */
  burnRates?: readonly ResolvedBurnRate[];
}

/**
 * The backtest of one objective of an SLO. `groups` are the SLO's groups on `grid`; the grid should
 * start one longest alert window before `options.from` so that every evaluation sees full windows.
 */
export function backtestObjective(
  slo: Slo,
  objective: Objective,
  grid: Grid,
  groups: readonly GroupRates[],
  options: BacktestOptions
): Backtest {
  const step = grid.stepSeconds;
  const first = Math.min(firstIndexFrom(grid, options.from), grid.count);
  const budget = errorBudgetRatio(objective.target);
  const prepared = groups.map((g) => ({ labels: g.labels, total: prefixSums(g.total), bad: prefixSums(g.bad) }));

  let totalRate = 0;
  let badRate = 0;
  let firstEvent = Infinity;
  const hours = new Map<number, { total: number; bad: number }>();
  for (const g of groups) {
    for (let i = first; i < grid.count; i++) {
      const total = g.total[i];
      if (Number.isNaN(total)) {
        continue;
      }
      const bad = Number.isNaN(g.bad[i]) ? 0 : g.bad[i];
      firstEvent = Math.min(firstEvent, gridTime(grid, i));
      totalRate += total;
      badRate += bad;
      const hour = Math.floor(gridTime(grid, i) / HOUR_MS) * HOUR_MS;
      const bucket = hours.get(hour) ?? { total: 0, bad: 0 };
      bucket.total += total;
      bucket.bad += bad;
      hours.set(hour, bucket);
    }
  }
  const from = gridTime(grid, first);
  const to = gridTime(grid, grid.count - 1);
  const hourly: HourlySli[] = [];
  for (let hour = Math.floor(from / HOUR_MS) * HOUR_MS; hour <= to; hour += HOUR_MS) {
    const bucket = hours.get(hour);
    hourly.push({ time: hour, sli: bucket && bucket.total > 0 ? 1 - bucket.bad / bucket.total : undefined });
  }

  const result: Backtest = {
    from,
    to,
    events: totalRate * step,
    badEvents: badRate * step,
    ...(Number.isFinite(firstEvent) && { firstEventAt: firstEvent }),
    hourly,
    alerts: [],
  };
  if (totalRate > 0) {
    const errorRatio = badRate / totalRate;
    const burnRate = errorRatio / budget;
    const sloSeconds = windowSeconds(objective.window);
    const coveredSeconds = (to - firstEvent) / 1000 + step;
    Object.assign(result, {
      sli: 1 - errorRatio,
      errorRatio,
      burnRate,
      coveredSeconds,
      budgetSpent: (burnRate * Math.min(sloSeconds, coveredSeconds)) / sloSeconds,
      budgetLastsSeconds: burnRate > 0 ? sloSeconds / burnRate : undefined,
    });
  }

  if (!slo.alerting.enabled && !options.burnRates) {
    return result;
  }
  const severities = slo.tier ? TIERS[slo.tier].alertSeverities : undefined;
  for (const burnRate of options.burnRates ?? resolveBurnRates(slo, objective, severities)) {
    if (!burnRate.canFire) {
      continue;
    }
    const threshold = Number(burnRate.factor) * budget;
    const longSpan = windowSpan(grid, burnRate.longWindowSeconds);
    const shortSpan = windowSpan(grid, burnRate.shortWindowSeconds);
    const forSeconds = burnRate.for === undefined ? 0 : (parsePromDuration(burnRate.for) ?? 0);
    const episodes: AlertEpisode[] = [];
    const firingAt = new Uint8Array(grid.count);
    const longEvents: number[] = [];
    for (const g of prepared) {
      for (let i = first; i < grid.count; i++) {
        const events = windowSum(g.total, i, longSpan) * step;
        if (events > 0) {
          longEvents.push(events);
        }
      }
      let open: AlertEpisode | undefined;
      // First instant of the current run of evaluations at which the condition holds (the rule's `activeAt`).
      let activeSince: number | undefined;
      for (let i = first; i < grid.count; i++) {
        const holds = conditionHolds(g, i, longSpan, shortSpan, threshold, step, slo.alerting.minBadEvents);
        activeSince = holds ? (activeSince ?? i) : undefined;
        // With `for:`, Prometheus keeps the alert pending until the condition has held that long.
        const fires = activeSince !== undefined && (i - activeSince) * step >= forSeconds;
        if (fires) {
          firingAt[i] = 1;
          const t = gridTime(grid, i);
          if (open) {
            open.end = t + step * 1000;
          } else {
            open = { labels: g.labels, start: t, end: t + step * 1000 };
            episodes.push(open);
          }
        } else {
          open = undefined;
        }
      }
    }
    episodes.sort((a, b) => a.start - b.start);
    const firingSeconds = firingAt.reduce((n, f) => n + f, 0) * step;
    const lowTraffic = quietWindow(longEvents, threshold);
    result.alerts.push({ burnRate, episodes, firingSeconds, ...(lowTraffic && { lowTraffic }) });
  }
  return result;
}

/** The quietest tenth of the long windows with traffic, and the bad events that fire the alert there. */
function quietWindow(longEvents: number[], threshold: number): LowTraffic | undefined {
  if (longEvents.length === 0) {
    return undefined;
  }
  longEvents.sort((a, b) => a - b);
  const quietEvents = longEvents[Math.floor((longEvents.length - 1) * QUIET_SHARE)];
  return { quietEvents, badToFire: quietEvents * threshold };
}

/**
 * The alert's expression at one instant: the error ratio over the long window and over the short window
 * above factor x budget (no events: no ratio, no alert), and the low-traffic guard when set.
 */
function conditionHolds(
  g: { total: Float64Array; bad: Float64Array },
  i: number,
  longSpan: WindowSpan,
  shortSpan: WindowSpan,
  threshold: number,
  stepSeconds: number,
  minBadEvents: number | undefined
): boolean {
  const longTotal = windowSum(g.total, i, longSpan);
  const shortTotal = windowSum(g.total, i, shortSpan);
  if (!(longTotal > 0) || !(shortTotal > 0)) {
    return false;
  }
  const longBad = windowSum(g.bad, i, longSpan);
  const shortBad = windowSum(g.bad, i, shortSpan);
  if (!(longBad / longTotal > threshold && shortBad / shortTotal > threshold)) {
    return false;
  }
  return minBadEvents === undefined || longBad * stepSeconds >= minBadEvents;
}

/** The longest long window of the SLO's alerts (seconds): how much history the replay needs before its range. */
export function longestAlertWindowSeconds(slo: Slo): number {
  const severities = slo.tier ? TIERS[slo.tier].alertSeverities : undefined;
  let longest = 0;
  for (const objective of slo.objectives) {
    for (const b of resolveBurnRates(slo, objective, severities)) {
      if (Number.isFinite(b.longWindowSeconds)) {
        longest = Math.max(longest, b.longWindowSeconds);
      }
    }
  }
  return longest;
}
