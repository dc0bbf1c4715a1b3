import Big from 'big.js';
import type { Objective, Severity, Slo } from '../slo/types';
import { formatPromDuration, parsePromDuration } from '../slo/duration';
import { windowSeconds } from '../slo/values';

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
  /** factor x error budget < 1: the error ratio can reach the threshold. */
  canFire: boolean;
}

/**
 * The alerts of one objective: the user's, or the workbook's with windows scaled to the SLO window
 * (a 7d SLO pages on 2% of its budget in 14m, as a 30d SLO does in 1h). Windows are rounded to whole
 * seconds, at least one. Severities follow the tier where the tier says so. With a low target some workbook
 * factors cannot be reached (14.4x a 10% budget is more than every request failing): the rules leave
 * those defaults out and validation says so; an alert the user wrote that cannot fire is an error.
 */
export function resolveBurnRates(
  slo: Slo,
  objective: Objective,
  tierSeverities?: readonly Severity[]
): ResolvedBurnRate[] {
  const sloSeconds = windowSeconds(objective.window);
  const budget = new Big(1).minus(objective.target);
  const canFire = (factor: string) => new Big(factor).times(budget).lt(1);
  if (slo.alerting.burnRates) {
    return slo.alerting.burnRates.map((alert) => {
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
      };
    });
  }
  const scale = sloSeconds / WORKBOOK_WINDOW_SECONDS;
  return WORKBOOK_BURN_RATES.map((alert, i) => {
    // At least a second: a 1h SLO scales the 5m short window to 0.4s (validation refuses it, by name).
    const longWindowSeconds = Math.max(1, Math.round((parsePromDuration(alert.longWindow) ?? 0) * scale));
    const shortWindowSeconds = Math.max(1, Math.round((parsePromDuration(alert.shortWindow) ?? 0) * scale));
    return {
      severity: tierSeverities?.[i] ?? alert.severity,
      longWindow: formatPromDuration(longWindowSeconds),
      shortWindow: formatPromDuration(shortWindowSeconds),
      longWindowSeconds,
      shortWindowSeconds,
      factor: alert.factor,
      budgetSpent: roundDecimal(new Big(alert.factor).times(longWindowSeconds).div(sloSeconds)),
      isDefault: true,
      canFire: canFire(alert.factor),
    };
  });
}

/** Rounded to 6 decimal places with trailing zeros dropped: "0.02", "13.44". */
export function roundDecimal(value: Big): string {
  return value.round(6).toString();
}
