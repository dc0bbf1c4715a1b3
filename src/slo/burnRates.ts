import Big from 'big.js';
import type { Objective, Severity, Slo } from './types';
import { formatPromDuration, parsePromDuration } from './duration';
import { windowSeconds } from './values';
import { errorBudgetText } from './budget';
import { highestTarget, lowestTarget } from './phases';

/** The multi-window multi-burn-rate alerts of the Google SRE workbook, for a 30 day window. */
export const WORKBOOK_BURN_RATES: ReadonlyArray<{
  severity: Severity;
  longWindow: string;
  shortWindow: string;
  factor: string;
}> = [
  { severity: 'page', longWindow: '1h', shortWindow: '5m', factor: '14.4' },
  { severity: 'page', longWindow: '6h', shortWindow: '30m', factor: '6' },
  { severity: 'ticket', longWindow: '1d', shortWindow: '2h', factor: '3' },
  { severity: 'ticket', longWindow: '3d', shortWindow: '6h', factor: '1' },
];

const WORKBOOK_WINDOW_SECONDS = 30 * 86400;

/** The window of the recent burn rate an exhaustion alert projects from, unless the SLO says otherwise. */
export const DEFAULT_EXHAUSTION_BURN_WINDOW = '6h';

/**
 * A default alert fires at most at this share of all events failing, whatever the target: a full outage
 * crosses it three quarters into the long window, and lower targets still page (14.4x a 10% budget would
 * need 144% of requests to fail).
 */
const ADAPTED_ERROR_SHARE = new Big('0.75');
/** The fastest default alert fires on a full outage within this time (plus an evaluation or two). */
const FULL_OUTAGE_DETECTION_SECONDS = 2700;
/**
 * Defaults never page at 0.1x the budget's burn; an adapted factor stays at least this high even where the
 * full outage then takes longer to detect (SLO windows of several years with low targets).
 */
const MIN_ADAPTED_FACTOR = new Big('0.2');

/**
 * A workbook window scaled from 30d to an SLO window of sloSeconds, in whole seconds. At least one
 * second: below 72m the 5m short window rounds to nothing, and a zero window is no duration at all
 * (validation then refuses the window as shorter than the evaluation interval).
 */
function scaleWorkbookWindow(workbookWindow: string, sloSeconds: number): number {
  const scale = sloSeconds / WORKBOOK_WINDOW_SECONDS;
  return Math.max(1, Math.round((parsePromDuration(workbookWindow) ?? 0) * scale));
}

/**
 * The shortest rolling window, in whole hours, whose scaled default alerts all have short windows longer
 * than the evaluation interval: what validation suggests when a window is too short for the defaults.
 */
export function shortestWindowForDefaultAlerts(intervalSeconds: number): number {
  let hours = 1;
  while (
    hours * 3600 < WORKBOOK_WINDOW_SECONDS &&
    WORKBOOK_BURN_RATES.some((alert) => scaleWorkbookWindow(alert.shortWindow, hours * 3600) <= intervalSeconds)
  ) {
    hours += 1;
  }
  return hours * 3600;
}

export interface ResolvedBurnRate {
  severity: Severity;
  longWindow: string;
  shortWindow: string;
  longWindowSeconds: number;
  shortWindowSeconds: number;
  /** Burn rate that fires, exact decimal text. */
  factor: string;
  /** Share of the objective's whole budget spent in the long window at that rate, exact decimal text. */
  budgetSpent: string;
  /** A workbook default rather than an alert the user wrote. */
  isDefault: boolean;
  /** The rule's `for:` duration, if the alert has one. */
  for?: string;
  /** factor x error budget < 1: the error ratio can reach the threshold. */
  canFire: boolean;
  /** A default whose workbook factor the target could not reach (or not fast enough): that factor. */
  adaptedFrom?: string;
  /**
   * Seconds a full outage (every event failing) takes to make this alert fire, at the objective's lowest
   * target: the long window's error ratio reaches factor x budget after that share of the window.
   */
  fullOutageSeconds: number;
}

/**
 * The alerts of one objective: the user's, or the workbook's with windows scaled to the SLO window
 * (a 7d SLO pages on 2% of its budget in 14m, as a 30d SLO does in 1h). Windows are rounded to whole
 * seconds, at least one. Severities follow the tier where the tier says so.
 *
 * With a low target the workbook's factors cannot be reached (14.4x a 10% budget is more than every request
 * failing): defaults are capped so that they fire at three quarters of all events failing at most, and the
 * fastest so that a full outage fires it within 45 minutes; the cap uses the lowest target of progressive targets, so
 * the alert fires in every phase. An alert the user wrote is kept as written; one that cannot fire at the
 * highest target is an error of validation.
 */
export function resolveBurnRates(
  slo: Slo,
  objective: Objective,
  tierSeverities?: readonly Severity[]
): ResolvedBurnRate[] {
  const sloSeconds = windowSeconds(objective.window);
  const budgetText = errorBudgetText(highestTarget(objective));
  const largestBudgetText = errorBudgetText(lowestTarget(objective));
  // All the answer depends on: SLOs alike in these share it (most SLOs take the defaults).
  const key = JSON.stringify([sloSeconds, budgetText, largestBudgetText, tierSeverities, slo.alerting.burnRates]);
  let known = resolvedBurnRates.get(key);
  if (known === undefined) {
    known = computeBurnRates(slo.alerting.burnRates, sloSeconds, budgetText, largestBudgetText, tierSeverities);
    if (resolvedBurnRates.size >= RESOLVED_BURN_RATES_KEPT) {
      resolvedBurnRates.clear();
    }
    resolvedBurnRates.set(key, known);
  }
  // Copies: callers may change what they get.
  return known.map((rate) => ({ ...rate }));
}

/**
 * Burn rates resolved lately, by what they depend on: validation and every rule builder ask again for each
 * SLO, and the decimal maths was a twentieth of a CLI run over ten thousand SLOs.
 */
const resolvedBurnRates = new Map<string, ResolvedBurnRate[]>();
const RESOLVED_BURN_RATES_KEPT = 1024;

function computeBurnRates(
  burnRates: Slo['alerting']['burnRates'],
  sloSeconds: number,
  budgetText: string,
  largestBudgetText: string,
  tierSeverities: readonly Severity[] | undefined
): ResolvedBurnRate[] {
  const budget = new Big(budgetText);
  const largestBudget = new Big(largestBudgetText);
  const canFire = (factor: string) => new Big(factor).times(budget).lt(1);
  const fullOutageSeconds = (factor: string, longWindowSeconds: number) =>
    Math.min(1, Number(factor) * Number(largestBudget)) * longWindowSeconds;
  if (burnRates) {
    return burnRates.map((alert) => {
      const longWindowSeconds = parsePromDuration(alert.longWindow) ?? NaN;
      const shortWindowSeconds = parsePromDuration(alert.shortWindow) ?? NaN;
      const ratioOfWindows = new Big(sloSeconds).div(longWindowSeconds);
      const factor = alert.factor ?? roundDecimal(new Big(alert.budgetSpent ?? '0').times(ratioOfWindows));
      const budgetSpent = alert.budgetSpent ?? roundDecimal(new Big(factor).div(ratioOfWindows));
      return {
        severity: alert.severity,
        longWindow: alert.longWindow,
        shortWindow: alert.shortWindow,
        longWindowSeconds,
        shortWindowSeconds,
        factor,
        budgetSpent,
        isDefault: false,
        canFire: canFire(factor),
        fullOutageSeconds: fullOutageSeconds(factor, longWindowSeconds),
        ...(alert.for !== undefined && { for: alert.for }),
      };
    });
  }
  return WORKBOOK_BURN_RATES.map((alert, i) => {
    const longWindowSeconds = scaleWorkbookWindow(alert.longWindow, sloSeconds);
    const shortWindowSeconds = scaleWorkbookWindow(alert.shortWindow, sloSeconds);
    const share = i === 0 ? fastestAlertShare(longWindowSeconds) : ADAPTED_ERROR_SHARE;
    const reachable = share.div(largestBudget).round(2, Big.roundDown);
    const cap = reachable.lt(MIN_ADAPTED_FACTOR) ? MIN_ADAPTED_FACTOR : reachable;
    const adapted = new Big(alert.factor).gt(cap);
    const factor = adapted ? cap.toString() : alert.factor;
    return {
      severity: tierSeverities?.[i] ?? alert.severity,
      longWindow: formatPromDuration(longWindowSeconds),
      shortWindow: formatPromDuration(shortWindowSeconds),
      longWindowSeconds,
      shortWindowSeconds,
      factor,
      budgetSpent: roundDecimal(new Big(factor).times(longWindowSeconds).div(sloSeconds)),
      isDefault: true,
      canFire: canFire(factor),
      ...(adapted ? { adaptedFrom: alert.factor } : {}),
      fullOutageSeconds: fullOutageSeconds(factor, longWindowSeconds),
    };
  });
}

/** The share of failing events the fastest default may wait for: a full outage fills it within 45 minutes. */
function fastestAlertShare(longWindowSeconds: number): Big {
  const withinDetection = new Big(FULL_OUTAGE_DETECTION_SECONDS).div(longWindowSeconds);
  return withinDetection.lt(ADAPTED_ERROR_SHARE) ? withinDetection : ADAPTED_ERROR_SHARE;
}

/** Rounded to 6 decimal places with trailing zeros dropped: "0.02", "13.44". */
export function roundDecimal(value: Big): string {
  return value.round(6).toString();
}
