/**
 * Error budget maths (docs/slo-maths.md, "Error budget maths"): pure functions, numbers in, numbers out.
 *
 * Targets are ratios in (0, 1), given as exact decimal text ("0.999") or a number (0.999). The budget
 * 1 - target is computed in decimal arithmetic (big.js), so "0.9995" gives exactly 0.0005 and never
 * 0.0004999999999999449. Every function refuses NaN, Infinity, negative counts and targets outside
 * (0, 1) with a RangeError that names the argument.
 */
import Big from 'big.js';

/** Our own big.js constructor, so that settings changed elsewhere (Big.DP, Big.strict) do not affect us. */
const Dec = Big();

export type BudgetStatus = 'healthy' | 'attention' | 'warning' | 'critical' | 'exhausted';
export type ChangeRisk = 'low' | 'medium' | 'high';
export type ReleaseDecision = 'approve' | 'review' | 'defer' | 'block';

/** A target ratio: exact decimal text such as "0.999", or a number such as 0.999. */
export type TargetInput = string | number;

// ---------------------------------------------------------------------------------------------------------
// Argument guards

function show(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

function finite(value: number, name: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new RangeError(`${name} must be a finite number, got ${show(value)}`);
  }
  return value;
}

function nonNegative(value: number, name: string): number {
  finite(value, name);
  if (value < 0) {
    throw new RangeError(`${name} must not be negative, got ${value}`);
  }
  return value;
}

function positive(value: number, name: string): number {
  finite(value, name);
  if (value <= 0) {
    throw new RangeError(`${name} must be greater than 0, got ${value}`);
  }
  return value;
}

function ratio(value: number, name: string): number {
  finite(value, name);
  if (value < 0 || value > 1) {
    throw new RangeError(`${name} must be a ratio between 0 and 1, got ${value}`);
  }
  return value;
}

/** The target as an exact decimal in (0, 1), or a RangeError naming `name`. */
function parseTargetRatio(target: TargetInput, name = 'target'): Big {
  let value: Big;
  try {
    if (typeof target === 'number') {
      finite(target, name);
      value = new Dec(target);
    } else if (typeof target === 'string') {
      value = new Dec(target.trim());
    } else {
      throw new RangeError('not a number or a string');
    }
  } catch {
    throw new RangeError(`${name} must be a ratio such as 0.999 or "0.999", got ${show(target)}`);
  }
  if (value.gte(1)) {
    if (value.eq(1)) {
      throw new RangeError(`${name} must be below 1: a target of 100% leaves no error budget, use e.g. 0.9995`);
    }
    const hint = value.lte(100) ? ` (did you mean ${value.div(100).toString()}?)` : '';
    throw new RangeError(`${name} must be a ratio between 0 and 1 (exclusive), got ${show(target)}${hint}`);
  }
  if (value.lte(0)) {
    throw new RangeError(`${name} must be a ratio between 0 and 1 (exclusive), got ${show(target)}`);
  }
  return value;
}

/** The error budget, 1 - target, exact and unchecked: the one place it is computed. */
function budgetDecimal(target: TargetInput | Big): Big {
  return new Dec(1).minus(target);
}

/** 1 - target, exact, of a checked target. */
function budgetOf(target: TargetInput): Big {
  return budgetDecimal(parseTargetRatio(target));
}

/** A finite number as a Big, through its shortest decimal text (0.1 stays 0.1). */
function big(value: number): Big {
  return new Dec(value);
}

// ---------------------------------------------------------------------------------------------------------
// Budget

/**
 * The error budget as exact decimal text: 1 - target. `errorBudgetText('0.999') === '0.001'`, as PromQL
 * and rule files print it. The target is not checked, so that a draft with a target out of range still
 * gets its figures while validation says what is wrong.
 */
export function errorBudgetText(target: TargetInput | Big): string {
  return budgetDecimal(target).toString();
}

/** The error budget as a ratio: 1 - target. `errorBudgetRatio('0.999') === 0.001` exactly. */
export function errorBudgetRatio(target: TargetInput): number {
  return budgetOf(target).toNumber();
}

/** Bad events allowed among `totalEvents`: (1 - target) x totalEvents. 0.999 of 1,000,000 allows 1,000. */
export function budgetEvents(target: TargetInput, totalEvents: number): number {
  nonNegative(totalEvents, 'totalEvents');
  return budgetOf(target).times(big(totalEvents)).toNumber();
}

/** Minutes of full outage allowed in a window: (1 - target) x windowMinutes. 0.999 over 30d = 43.2. */
export function budgetMinutes(target: TargetInput, windowMinutes: number): number {
  nonNegative(windowMinutes, 'windowMinutes');
  return budgetOf(target).times(big(windowMinutes)).toNumber();
}

/**
 * Error ratio of a range: bad events / total events (sums over the range, never a mean of ratios).
 * Undefined when there was no traffic (totalEvents 0): no data, never NaN and never 0% or 100%.
 * Bad events above total events are refused, as they cannot come from the same requests.
 */
export function errorRatio(badEvents: number, totalEvents: number): number | undefined {
  nonNegative(badEvents, 'badEvents');
  nonNegative(totalEvents, 'totalEvents');
  if (badEvents > totalEvents) {
    throw new RangeError(`badEvents (${badEvents}) must not exceed totalEvents (${totalEvents})`);
  }
  if (totalEvents === 0) {
    return undefined;
  }
  return badEvents / totalEvents;
}

/** Burn rate: errorRatio / (1 - target). 1 spends the budget exactly at the end of the window. */
export function burnRate(errorRatio: number, target: TargetInput): number {
  ratio(errorRatio, 'errorRatio');
  return big(errorRatio).div(budgetOf(target)).toNumber();
}

/** Share of the budget spent: error ratio over the whole window / (1 - target). 1 = all of it; may exceed 1. */
export function budgetConsumed(errorRatio: number, target: TargetInput): number {
  ratio(errorRatio, 'errorRatio');
  return big(errorRatio).div(budgetOf(target)).toNumber();
}

/** Share of the budget left: 1 - consumed. Negative once the budget is overspent. */
export function budgetRemaining(errorRatio: number, target: TargetInput): number {
  ratio(errorRatio, 'errorRatio');
  return new Dec(1).minus(big(errorRatio).div(budgetOf(target))).toNumber();
}

export interface ExhaustionInput {
  /** Share of the budget left (1 = all, may be negative). */
  remaining: number;
  /** Current burn rate. */
  burnRate: number;
  /** Length of the SLO window in seconds. */
  windowSeconds: number;
  now: Date;
}

/** Largest time a Date can hold, in ms from the epoch. */
const MAX_DATE_MS = 8.64e15;

/**
 * When the budget runs out at the current burn rate. A burn rate b spends b / windowSeconds of the whole
 * budget per second, so the seconds left are remaining x windowSeconds / b.
 * Returns `now` when nothing is left (remaining <= 0), and undefined when the budget is not being spent
 * (burn rate <= 0, NaN or infinite) or would last beyond the dates a Date can hold.
 */
export function projectedExhaustion({ remaining, burnRate, windowSeconds, now }: ExhaustionInput): Date | undefined {
  finite(remaining, 'remaining');
  positive(windowSeconds, 'windowSeconds');
  if (!(now instanceof Date) || !Number.isFinite(now.getTime())) {
    throw new RangeError(`now must be a valid Date, got ${show(now)}`);
  }
  if (remaining <= 0) {
    return new Date(now.getTime());
  }
  if (typeof burnRate !== 'number' || !Number.isFinite(burnRate) || burnRate <= 0) {
    return undefined;
  }
  const at = now.getTime() + ((remaining * windowSeconds) / burnRate) * 1000;
  return Number.isFinite(at) && at <= MAX_DATE_MS ? new Date(at) : undefined;
}

// ---------------------------------------------------------------------------------------------------------
// Status and decisions

export interface StatusInput {
  /** Share of the budget left (may be negative). */
  remaining: number;
  /** Current burn rate (>= 0). */
  burnRate: number;
}

/** Burn rate thresholds of the statuses: a status applies when the burn rate is strictly above its value. */
export const STATUS_BURN_THRESHOLDS = { critical: 2, warning: 1.5, attention: 1 } as const;

/** exhausted when remaining <= 0; else critical when burn > 2, warning > 1.5, attention > 1, healthy. */
export function budgetStatus({ remaining, burnRate }: StatusInput): BudgetStatus {
  finite(remaining, 'remaining');
  nonNegative(burnRate, 'burnRate');
  if (remaining <= 0) {
    return 'exhausted';
  }
  if (burnRate > STATUS_BURN_THRESHOLDS.critical) {
    return 'critical';
  }
  if (burnRate > STATUS_BURN_THRESHOLDS.warning) {
    return 'warning';
  }
  if (burnRate > STATUS_BURN_THRESHOLDS.attention) {
    return 'attention';
  }
  return 'healthy';
}

/** Release decision by budget status (rows) and change risk (columns): docs/slo-maths.md, "Release decisions". */
export const RELEASE_MATRIX: Readonly<Record<BudgetStatus, Readonly<Record<ChangeRisk, ReleaseDecision>>>> = {
  healthy: { low: 'approve', medium: 'approve', high: 'review' },
  attention: { low: 'approve', medium: 'review', high: 'defer' },
  warning: { low: 'review', medium: 'defer', high: 'block' },
  critical: { low: 'defer', medium: 'block', high: 'block' },
  exhausted: { low: 'block', medium: 'block', high: 'block' },
};

export function releaseDecision(status: BudgetStatus, risk: ChangeRisk): ReleaseDecision {
  if (!Object.prototype.hasOwnProperty.call(RELEASE_MATRIX, status)) {
    throw new RangeError(`status must be one of ${Object.keys(RELEASE_MATRIX).join(', ')}, got ${show(status)}`);
  }
  const row = RELEASE_MATRIX[status];
  if (!Object.prototype.hasOwnProperty.call(row, risk)) {
    throw new RangeError(`risk must be one of low, medium, high, got ${show(risk)}`);
  }
  return row[risk];
}

export interface ToilBudgetInput {
  /** Measured SLI as a ratio in [0, 1], e.g. 0.9993. */
  performance: number;
  /** Objective as a ratio in (0, 1), e.g. "0.999". */
  target: TargetInput;
  /** People in the team (may be fractional, e.g. 2.5 full-time equivalents). */
  teamSize: number;
}

export interface ToilBudget {
  /** Share of team time for toil, in percent (20 to 60). */
  sharePercent: number;
  /** sharePercent of a 40-hour week for each member of the team. */
  hoursPerWeek: number;
}

/**
 * Toil budget (docs/slo-maths.md, "Toil budget"; from the seed guide). Our reading of the rule, with performance and target as
 * SLI ratios and P = 100 x performance (the SLI in percent):
 * - exceeded, performance > target (strictly): 50 + 10 = 60%;
 * - met, performance <= target and performance / target >= 0.99: 50%;
 * - otherwise 50 - (100 - P) x 5 percent, that is 5 points per percentage point of errors, never under 20%.
 *   (100 - P) is the error rate in percent, not the gap to the target: e.g. 0.97 against 0.999 gives
 *   50 - 3 x 5 = 35%; 0.94 or less gives the 20% floor.
 * hoursPerWeek = sharePercent / 100 x 40 x teamSize.
 * Note the rule jumps at the "met" boundary (from 50% to at most 45%); that is the rule as written.
 */
export function toilBudget({ performance, target, teamSize }: ToilBudgetInput): ToilBudget {
  ratio(performance, 'performance');
  const targetRatio = parseTargetRatio(target);
  positive(teamSize, 'teamSize');
  const perf = big(performance);
  let share: Big;
  if (perf.gt(targetRatio)) {
    share = new Dec(60);
  } else if (perf.div(targetRatio).gte('0.99')) {
    share = new Dec(50);
  } else {
    const errorPercent = new Dec(100).minus(perf.times(100));
    share = new Dec(50).minus(errorPercent.times(5));
    if (share.lt(20)) {
      share = new Dec(20);
    }
  }
  return {
    sharePercent: share.toNumber(),
    hoursPerWeek: share.div(100).times(40).times(big(teamSize)).toNumber(),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Plain words

const UNITS: ReadonlyArray<{ label: string; seconds: number }> = [
  { label: 'd', seconds: 86400 },
  { label: 'h', seconds: 3600 },
  { label: 'min', seconds: 60 },
  { label: 's', seconds: 1 },
];

/**
 * A duration in plain words with its two largest units: "43 min 12 s", "2 h 5 min", "3 d 4 h", "30 d",
 * "45 s", "250 ms". Rounded to whole seconds (ms below 1 s), then the smaller units are dropped (truncated,
 * so a budget left is never overstated). A zero second unit is left out: "2 h", not "2 h 0 min".
 */
export function formatDuration(seconds: number): string {
  nonNegative(seconds, 'seconds');
  if (seconds === 0) {
    return '0 s';
  }
  if (seconds < 1) {
    const ms = Math.round(seconds * 1000);
    if (ms === 0) {
      return 'less than 1 ms';
    }
    if (ms < 1000) {
      return `${ms} ms`;
    }
  }
  let rest = Math.round(seconds);
  const parts: string[] = [];
  for (let i = 0; i < UNITS.length; i++) {
    const unit = UNITS[i];
    const count = Math.floor(rest / unit.seconds);
    rest -= count * unit.seconds;
    if (parts.length === 0 && count > 0) {
      parts.push(`${groupThousands(count)} ${unit.label}`);
      const next = UNITS[i + 1];
      if (next) {
        const nextCount = Math.floor(rest / next.seconds);
        if (nextCount > 0) {
          parts.push(`${nextCount} ${next.label}`);
        }
      }
      break;
    }
  }
  return parts.join(' ');
}

/** A number with comma thousands separators, independent of the locale: 1000 -> "1,000", "1234.5" -> "1,234.5". */
export function groupThousands(value: number | string): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** "30 days", "1 day", "12 hours", else formatDuration. */
function describeWindow(windowSeconds: number): string {
  if (windowSeconds % 86400 === 0) {
    const days = windowSeconds / 86400;
    return `${groupThousands(days)} ${days === 1 ? 'day' : 'days'}`;
  }
  if (windowSeconds % 3600 === 0) {
    const hours = windowSeconds / 3600;
    return `${hours} ${hours === 1 ? 'hour' : 'hours'}`;
  }
  return formatDuration(windowSeconds);
}

/**
 * "1 in N" for a budget ratio: exact when 1 / budget is an integer ("1 in 2,000" for 0.0005); otherwise
 * "about 1 in N" with N rounded to the nearest integer below 1,000 and to two significant figures from
 * 1,000 up (0.03 -> "about 1 in 33", 0.0003 -> "about 1 in 3,300").
 */
function oneIn(budget: Big): string {
  const exact = new Dec(1).div(budget);
  const rounded = exact.round(0, Dec.roundHalfUp);
  if (rounded.times(budget).eq(1)) {
    return `1 in ${groupThousands(rounded.toNumber())}`;
  }
  let approx = rounded.toNumber();
  if (approx >= 1000) {
    const scale = 10 ** (String(approx).length - 2);
    approx = Math.round(approx / scale) * scale;
  }
  return `about 1 in ${groupThousands(Math.max(approx, 1))}`;
}

/**
 * The budget in plain words: "99.9% over 30 days = 43 min 12 s of full outage, or 1 in 1,000 requests".
 * `eventNoun` names the events ("requests" by default; "events", "records" for pipelines).
 */
export function describeBudget(target: TargetInput, windowSeconds: number, eventNoun = 'requests'): string {
  const targetRatio = parseTargetRatio(target);
  positive(windowSeconds, 'windowSeconds');
  const budget = budgetDecimal(targetRatio);
  const outageSeconds = budget.times(big(windowSeconds)).toNumber();
  const percent = targetRatio.times(100).toString();
  return `${percent}% over ${describeWindow(windowSeconds)} = ${formatDuration(outageSeconds)} of full outage, or ${oneIn(budget)} ${eventNoun}`;
}

/**
 * Bad slices allowed in a window of time slices: (1 - target) x the slices in the window. 0.999 over
 * 30 days of 1 minute slices (43,200 slices) allows 43.2. Slices without traffic are not counted, so
 * this is the allowance of a window with traffic in every slice.
 */
export function budgetSlices(target: TargetInput, windowSeconds: number, sliceSeconds: number): number {
  positive(windowSeconds, 'windowSeconds');
  positive(sliceSeconds, 'sliceSeconds');
  return budgetOf(target).times(big(windowSeconds)).div(big(sliceSeconds)).toNumber();
}

/**
 * The budget of a time-slice objective in plain words: "99.9% of 1 min slices over 30 days = 43 min 12 s
 * of bad time (43.2 bad slices of 43,200)". One bad slice counts the same whatever its traffic.
 */
export function describeSliceBudget(target: TargetInput, windowSeconds: number, sliceSeconds: number): string {
  const { percent, slices, badSlices, badSeconds, count } = sliceBudgetFigures(target, windowSeconds, sliceSeconds);
  return (
    `${percent}% of ${formatDuration(sliceSeconds)} slices over ${describeWindow(windowSeconds)}` +
    ` = ${formatDuration(badSeconds)} of bad time (${count(badSlices)} bad ${badSlices.eq(1) ? 'slice' : 'slices'} of ${count(slices)})`
  );
}

/**
 * The budget of an objective on the mean good ratio of its slices (OpenSLO RatioTimeslices) in plain
 * words: "99.9% mean good ratio of 1 min slices over 30 days = bad ratios adding up to 43.2 slices of
 * 43,200 (43 min 12 s of full outage)". A slice at 50% spends half a slice, whatever its traffic.
 */
export function describeSliceRatioBudget(target: TargetInput, windowSeconds: number, sliceSeconds: number): string {
  const { percent, slices, badSlices, badSeconds, count } = sliceBudgetFigures(target, windowSeconds, sliceSeconds);
  return (
    `${percent}% mean good ratio of ${formatDuration(sliceSeconds)} slices over ${describeWindow(windowSeconds)}` +
    ` = bad ratios adding up to ${count(badSlices)} ${badSlices.eq(1) ? 'slice' : 'slices'} of ${count(slices)}` +
    ` (${formatDuration(badSeconds)} of full outage)`
  );
}

function sliceBudgetFigures(target: TargetInput, windowSeconds: number, sliceSeconds: number) {
  const targetRatio = parseTargetRatio(target);
  positive(windowSeconds, 'windowSeconds');
  positive(sliceSeconds, 'sliceSeconds');
  const budget = budgetDecimal(targetRatio);
  const slices = big(windowSeconds).div(big(sliceSeconds));
  const badSlices = budget.times(slices);
  return {
    percent: targetRatio.times(100).toString(),
    slices,
    badSlices,
    badSeconds: badSlices.times(big(sliceSeconds)).toNumber(),
    count: (n: Big) => groupThousands(n.round(2, Dec.roundDown).toString()),
  };
}
