import type { Grid, GroupRates } from './backtest';
import { TIER_NAMES, TIERS } from './tiers';
import type { Decimal, TierName } from './types';

/**
 * A target from history (docs/slo-maths.md, "A target from history"): what the service achieved over the
 * range the datasource holds, and what each tier's target would have made of it. Figures come from event
 * counts (the 5m rates times the step, summed over the groups), never from averaged ratios: a week's SLI is
 * its good events over its events.
 */

/** Events per step of an SLO on a grid, all groups summed; NaN where no group had a sample. */
export interface EventHistory {
  grid: Grid;
  total: Float64Array;
  bad: Float64Array;
}

/** An SLI over a stretch of the history, from its event counts. */
export interface SliSpan {
  /** Start (exclusive) and end (inclusive) of the stretch, ms: each step stands for the step before it. */
  from: number;
  to: number;
  totalEvents: number;
  badEvents: number;
  /** Good events over events; undefined without events. */
  sli?: number;
  /** Seconds of the stretch the datasource held a sample for. */
  heldSeconds: number;
}

export interface TargetOutcome {
  target: Decimal;
  /** The tiers whose default target it is (none for an SLO's own target that is no tier's). */
  tiers: TierName[];
  /** Budget left over the whole history, a share of its budget (negative once overspent); undefined without events. */
  budgetLeft?: number;
  /** Windows of the SLO's length whose budget ran out, counted once per run of consecutive window ends. */
  exhausted: number;
  /** Budget left in the worst window (the lowest); undefined without events. */
  worstWindowBudgetLeft?: number;
  /** Windows judged: one per step, or 1 when the history is shorter than a window (then it is the window). */
  windows: number;
  /** True when the history is shorter than one window of the SLO: its windows are the history itself. */
  partialWindow: boolean;
}

/** The share of budget the worst window must keep for a target to be suggested. */
export const SUGGEST_MARGIN = 0.25;

export interface TargetSuggestion {
  /** The highest tier target whose worst window kept at least SUGGEST_MARGIN of its budget; undefined: none did. */
  target?: Decimal;
  tiers: TierName[];
  /** True when even the highest tier target kept its margin: history supports a stricter target. */
  aboveEveryTier: boolean;
  margin: number;
}

export interface TargetHistory {
  /** Start (exclusive) and end of the history read, ms. */
  from: number;
  to: number;
  /** Seconds the datasource held a sample for. */
  heldSeconds: number;
  /** The SLI over the last 7, 30 and 90 days (or the days asked), whatever of them is held. */
  recent: Array<SliSpan & { days: number }>;
  /** Weeks counted back from the end, oldest first; the oldest may be partial. Weeks without a sample are left out. */
  weeks: SliSpan[];
  /** The week with the lowest SLI among those with events. */
  worstWeek?: SliSpan;
  outcomes: TargetOutcome[];
  suggestion: TargetSuggestion;
}

const WEEK_SECONDS = 7 * 86400;

/** Sums the groups' 5m rates into events per step (rate x step), NaN where no group had a sample. */
export function eventHistory(grid: Grid, groups: readonly GroupRates[]): EventHistory {
  const total = new Float64Array(grid.count).fill(NaN);
  const bad = new Float64Array(grid.count).fill(NaN);
  for (const group of groups) {
    for (let i = 0; i < grid.count; i++) {
      const t = group.total[i];
      if (Number.isNaN(t)) {
        continue;
      }
      const b = Number.isNaN(group.bad[i]) ? 0 : group.bad[i];
      total[i] = (Number.isNaN(total[i]) ? 0 : total[i]) + t * grid.stepSeconds;
      bad[i] = (Number.isNaN(bad[i]) ? 0 : bad[i]) + b * grid.stepSeconds;
    }
  }
  return { grid, total, bad };
}

interface Sums {
  total: Float64Array;
  bad: Float64Array;
  held: Float64Array;
}

function prefixSums(history: EventHistory): Sums {
  const n = history.grid.count;
  const sums: Sums = { total: new Float64Array(n + 1), bad: new Float64Array(n + 1), held: new Float64Array(n + 1) };
  for (let i = 0; i < n; i++) {
    const present = !Number.isNaN(history.total[i]);
    sums.total[i + 1] = sums.total[i] + (present ? history.total[i] : 0);
    sums.bad[i + 1] = sums.bad[i] + (present ? history.bad[i] : 0);
    sums.held[i + 1] = sums.held[i] + (present ? 1 : 0);
  }
  return sums;
}

/** The span of steps [first, last] (indices). */
function span(history: EventHistory, sums: Sums, first: number, last: number): SliSpan {
  const { start, stepSeconds } = history.grid;
  const stepMs = stepSeconds * 1000;
  const totalEvents = sums.total[last + 1] - sums.total[first];
  const badEvents = sums.bad[last + 1] - sums.bad[first];
  return {
    from: start + (first - 1) * stepMs,
    to: start + last * stepMs,
    totalEvents,
    badEvents,
    sli: totalEvents > 0 ? 1 - badEvents / totalEvents : undefined,
    heldSeconds: (sums.held[last + 1] - sums.held[first]) * stepSeconds,
  };
}

/** Budget left of `target` given the counts: 1 - bad / ((1 - target) x total); undefined without events. */
export function budgetLeftOf(target: Decimal, totalEvents: number, badEvents: number): number | undefined {
  const allowed = (1 - Number(target)) * totalEvents;
  return totalEvents > 0 ? 1 - badEvents / allowed : undefined;
}

/**
 * What `target` would have made of the history, with windows of `windowSeconds`: the windows end at every
 * step from the first held step plus a window on, and a window's budget ran out when its bad events reached
 * (1 - target) x its events (with at least one bad event). Consecutive window ends that ran out count as
 * one exhaustion: the budget ran out once and stayed out. A history shorter than a window is one window.
 */
export function targetOutcome(history: EventHistory, target: Decimal, windowSeconds: number): TargetOutcome {
  const sums = prefixSums(history);
  const n = history.grid.count;
  const tiers = TIER_NAMES.filter((name) => TIERS[name].target === target);
  let first = 0;
  while (first < n && Number.isNaN(history.total[first])) {
    first++;
  }
  const whole = span(history, sums, first, n - 1);
  const outcome: TargetOutcome = {
    target,
    tiers,
    budgetLeft: budgetLeftOf(target, whole.totalEvents, whole.badEvents),
    exhausted: 0,
    windows: 0,
    partialWindow: false,
  };
  if (first >= n) {
    return outcome;
  }
  const windowSteps = Math.max(1, Math.round(windowSeconds / history.grid.stepSeconds));
  const ends: number[] = [];
  if (n - first < windowSteps) {
    outcome.partialWindow = true;
    ends.push(n - 1);
  } else {
    for (let end = first + windowSteps - 1; end < n; end++) {
      ends.push(end);
    }
  }
  let wasOut = false;
  for (const end of ends) {
    const start = outcome.partialWindow ? first : end - windowSteps + 1;
    const total = sums.total[end + 1] - sums.total[start];
    const bad = sums.bad[end + 1] - sums.bad[start];
    const left = budgetLeftOf(target, total, bad);
    if (left !== undefined) {
      outcome.worstWindowBudgetLeft = Math.min(outcome.worstWindowBudgetLeft ?? Infinity, left);
    }
    const out = bad > 0 && bad >= (1 - Number(target)) * total;
    if (out && !wasOut) {
      outcome.exhausted++;
    }
    wasOut = out;
  }
  outcome.windows = ends.length;
  return outcome;
}

/** The distinct tier targets, strictest first. */
export function tierTargets(): Decimal[] {
  return [...new Set(TIER_NAMES.map((name) => TIERS[name].target as Decimal))].sort((a, b) => Number(b) - Number(a));
}

/** The highest target among `outcomes` that are tier targets and kept `margin` of budget in their worst window. */
export function suggestTarget(outcomes: readonly TargetOutcome[], margin = SUGGEST_MARGIN): TargetSuggestion {
  const tierOutcomes = outcomes.filter((o) => o.tiers.length > 0).sort((a, b) => Number(b.target) - Number(a.target));
  const kept = tierOutcomes.find((o) => o.worstWindowBudgetLeft !== undefined && o.worstWindowBudgetLeft >= margin);
  return {
    target: kept?.target,
    tiers: kept?.tiers ?? [],
    aboveEveryTier: kept !== undefined && kept === tierOutcomes[0],
    margin,
  };
}

/**
 * The history of an SLO: the SLI over the last `recentDays` (each clipped to the history), per week counted
 * back from the end, its worst week, and the outcome of every tier target and of `ownTargets` with windows
 * of `windowSeconds`.
 */
export function targetHistory(
  history: EventHistory,
  windowSeconds: number,
  ownTargets: readonly Decimal[] = [],
  recentDays: readonly number[] = [7, 30, 90]
): TargetHistory {
  const { grid } = history;
  const sums = prefixSums(history);
  const n = grid.count;
  const last = n - 1;
  const recent = recentDays.map((days) => {
    const steps = Math.round((days * 86400) / grid.stepSeconds);
    return { days, ...span(history, sums, Math.max(0, n - steps), last) };
  });
  const weekSteps = Math.round(WEEK_SECONDS / grid.stepSeconds);
  const weeks: SliSpan[] = [];
  for (let end = last; end >= 0; end -= weekSteps) {
    const week = span(history, sums, Math.max(0, end - weekSteps + 1), end);
    if (week.heldSeconds > 0) {
      weeks.unshift(week);
    }
  }
  let worstWeek: SliSpan | undefined;
  for (const week of weeks) {
    if (week.sli !== undefined && (worstWeek?.sli === undefined || week.sli < worstWeek.sli)) {
      worstWeek = week;
    }
  }
  const targets = [...new Set([...tierTargets(), ...ownTargets])].sort((a, b) => Number(b) - Number(a));
  const outcomes = targets.map((target) => targetOutcome(history, target, windowSeconds));
  const whole = span(history, sums, 0, last);
  return {
    from: whole.from,
    to: whole.to,
    heldSeconds: whole.heldSeconds,
    recent,
    weeks,
    worstWeek,
    outcomes,
    suggestion: suggestTarget(outcomes),
  };
}
