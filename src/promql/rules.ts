import { quotePromqlString, sumBy } from './format';
import { burnRateExpr, recordedSelector, SLO_LABELS, SLO_METRICS, windowRateSumExpr } from './slo';
import { parsePromDuration } from '../slo/duration';

/**
 * The expressions of the rules that only the rules write (rules/build.ts assembles them into groups):
 * the objective and info series, the events of a tile, the alerts' conditions, and how maintenance
 * windows keep rates and alerts quiet. `quiet`: PromQL that is 1 while a window lasts (see
 * maintenanceActiveExpr), undefined without windows.
 */

/** The objective as a series: its target, or PromQL of time() for phases. */
export function objectiveRecordExpr(target: string): string {
  return `vector(${target})`;
}

/** One sample per evaluation: the series that carries the fingerprint of the rules. */
export const RULES_INFO_EXPR = 'vector(1)';

/** A rate outside maintenance: absent while `quiet` holds. */
export function outsideQuietExpr(expr: string, quiet: string | undefined): string {
  return quiet === undefined ? expr : `(${expr}) unless on () (${quiet})`;
}

/** The events of a tile, absent for a tile without traffic. */
export function tileWithTrafficExpr(total: string): string {
  return `${total} > 0`;
}

/** An alert's condition, and nothing more while `quiet` holds. */
function unlessQuiet(condition: string, quiet: string | undefined): string {
  return quiet === undefined ? condition : `${condition}\nunless on ()\n(${quiet})`;
}

export interface BurnRateAlertCondition {
  sloUid: string;
  /** The SLI's grouping labels: one alert per group. */
  groupBy: string[];
  /** The error budget, exact decimal text or PromQL of time() for phases. */
  errorBudget: string;
  /** Exact decimal text, e.g. "14.4". */
  factor: string;
  longWindow: string;
  shortWindow: string;
  /** Fewer bad events than this over the long window do not fire; the interval turns rates into events. */
  minBadEvents?: { count: number; evaluationIntervalSeconds: number };
  quiet?: string;
}

/** Both windows burning faster than the factor (and enough bad events, when asked). */
export function burnRateAlertExpr(alert: BurnRateAlertCondition): string {
  const { sloUid, groupBy, errorBudget, factor, longWindow, shortWindow, minBadEvents } = alert;
  const condition = (range: string) => `${burnRateExpr(sloUid, groupBy, range, errorBudget)} > ${factor}`;
  let expr = `(${condition(longWindow)})\nand\n(${condition(shortWindow)})`;
  if (minBadEvents) {
    const window = { text: longWindow, seconds: parsePromDuration(longWindow) ?? 0 };
    // Sum of per-second rates sampled every interval x the interval = events in the window.
    expr +=
      `\nand\n(${windowRateSumExpr('bad', sloUid, groupBy, window)}` +
      ` * ${minBadEvents.evaluationIntervalSeconds} >= ${minBadEvents.count})`;
  }
  return unlessQuiet(expr, alert.quiet);
}

/** No events counted over `duration`: none (per group), or no series at all. */
export function noDataAlertExpr(
  sloUid: string,
  groupBy: string[],
  duration: string,
  quiet: string | undefined
): string {
  const events = recordedSelector(SLO_METRICS.events, sloUid);
  const noData = `${sumBy(groupBy, `sum_over_time(${events}[${duration}])`)} == 0\nor\nabsent_over_time(${events}[${duration}])`;
  return quiet === undefined ? noData : unlessQuiet(`(${noData})`, quiet);
}

/**
 * Some source series of the SLI absent (Pyrra's absent alert): `absent()` of each source, one sample
 * carrying the equality matchers of the one missing. Zero traffic does not fire it: the series are there.
 */
export function metricAbsentAlertExpr(sources: string[], quiet: string | undefined): string {
  const absent = sources.map((source) => `absent(${source})`).join('\nor\n');
  return quiet === undefined ? absent : unlessQuiet(`(${absent})`, quiet);
}

/** The budget left of one objective, as the rules record it. */
function budgetLeftSelector(sloUid: string, window: string): string {
  return recordedSelector(SLO_METRICS.budgetRemaining, sloUid, `, ${SLO_LABELS.window}=${quotePromqlString(window)}`);
}

/** Less than `below` of the objective's budget left; the value is the share left. */
export function budgetLeftAlertExpr(sloUid: string, window: string, below: string, quiet: string | undefined): string {
  return unlessQuiet(`${budgetLeftSelector(sloUid, window)} < ${below}`, quiet);
}

export interface ExhaustionAlertCondition {
  sloUid: string;
  groupBy: string[];
  /** The objective's window as its label says it ("30d") and in seconds. */
  window: string;
  windowSeconds: number;
  /** The error budget, exact decimal text or PromQL of time() for phases. */
  errorBudget: string;
  burnWindow: string;
  withinSeconds: number;
  /** Only while less than this share is left; "1" for always. */
  whenLeftBelow: string;
  quiet?: string;
}

/**
 * The budget left lasts less than `within` at the burn rate of `burnWindow`: share left x window / burn
 * rate, in seconds, which is the value. A spent budget counts as none left; no burn (division by 0) lasts
 * forever and no traffic (NaN) says nothing, so neither fires. The division matches on the grouping
 * labels: the budget carries the SLO's labels, the summed rates only those.
 */
export function exhaustionAlertExpr(alert: ExhaustionAlertCondition): string {
  const left = budgetLeftSelector(alert.sloUid, alert.window);
  const leftFiltered = alert.whenLeftBelow === '1' ? left : `${left} < ${alert.whenLeftBelow}`;
  const secondsLeft =
    `clamp_min(${leftFiltered}, 0) * ${alert.windowSeconds}\n/ on (${alert.groupBy.join(', ')})\n` +
    `(${burnRateExpr(alert.sloUid, alert.groupBy, alert.burnWindow, alert.errorBudget)})`;
  return unlessQuiet(`(${secondsLeft}) < ${alert.withinSeconds}`, alert.quiet);
}
