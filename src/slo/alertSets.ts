import Big from 'big.js';
import type { Objective, Severity, Slo } from './types';
import { resolveBurnRates, roundDecimal, type ResolvedBurnRate } from './burnRates';
import { errorBudgetText } from './budget';
import { formatPromDuration } from './duration';
import { highestTarget, lowestTarget } from './phases';
import { TIERS } from './tiers';
import { windowSeconds } from './values';

/**
 * The alert sets a backtest compares for one objective, so that a choice of alerts is made with numbers:
 * the SLO's own alerts (what its rules fire today, the user's edit included), the workbook's defaults,
 * Pyrra's multi-window set and, for an SLO with a tier, the tier's.
 */

export type AlertSetName = 'own' | 'workbook' | 'pyrra' | 'tier';

export interface AlertSet {
  name: AlertSetName;
  title: string;
  burnRates: ResolvedBurnRate[];
  /** An earlier set with the very same alerts: the scores are the same too. */
  sameAs?: AlertSetName;
}

/** Pyrra's windows for a 28 day SLO window, each scaled by window / 28d and rounded to the minute. */
const PYRRA_WINDOWS: ReadonlyArray<{
  severity: Severity;
  longSeconds: number;
  shortSeconds: number;
  forSeconds: number;
  factor: string;
}> = [
  { severity: 'page', longSeconds: 3600, shortSeconds: 300, forSeconds: 120, factor: '14' },
  { severity: 'page', longSeconds: 6 * 3600, shortSeconds: 1800, forSeconds: 900, factor: '7' },
  { severity: 'ticket', longSeconds: 86400, shortSeconds: 2 * 3600, forSeconds: 3600, factor: '2' },
  { severity: 'ticket', longSeconds: 4 * 86400, shortSeconds: 6 * 3600, forSeconds: 3 * 3600, factor: '1' },
];

const PYRRA_BASE_WINDOW_SECONDS = 28 * 86400;

/**
 * A Pyrra window scaled to the SLO window, rounded to the nearest minute as Pyrra rounds it; a minute at
 * least where Pyrra's own would round to nothing (windows under some 22 hours).
 */
function scalePyrraWindow(seconds: number, sloSeconds: number): number {
  return Math.max(60, Math.round((seconds * sloSeconds) / PYRRA_BASE_WINDOW_SECONDS / 60) * 60);
}

/**
 * Pyrra's multi-window multi-burn-rate alerts for the objective: 14x over 1h/5m and 7x over 6h/30m page
 * ("critical"), 2x over 1d/2h and 1x over 4d/6h open tickets ("warning"), with `for:` 2m, 15m, 1h and 3h,
 * every duration scaled by the SLO window / 28 days.
 */
export function pyrraBurnRates(objective: Objective): ResolvedBurnRate[] {
  const sloSeconds = windowSeconds(objective.window);
  const budget = new Big(errorBudgetText(highestTarget(objective)));
  const largestBudget = Number(errorBudgetText(lowestTarget(objective)));
  return PYRRA_WINDOWS.map((w) => {
    const longWindowSeconds = scalePyrraWindow(w.longSeconds, sloSeconds);
    const shortWindowSeconds = scalePyrraWindow(w.shortSeconds, sloSeconds);
    return {
      severity: w.severity,
      longWindow: formatPromDuration(longWindowSeconds),
      shortWindow: formatPromDuration(shortWindowSeconds),
      longWindowSeconds,
      shortWindowSeconds,
      factor: w.factor,
      budgetSpent: roundDecimal(new Big(w.factor).times(longWindowSeconds).div(sloSeconds)),
      isDefault: false,
      for: formatPromDuration(scalePyrraWindow(w.forSeconds, sloSeconds)),
      canFire: new Big(w.factor).times(budget).lt(1),
      fullOutageSeconds: Math.min(1, Number(w.factor) * largestBudget) * longWindowSeconds,
    };
  });
}

/** The same alerts: windows, factor, severity and `for:`. */
function sameAlerts(a: readonly ResolvedBurnRate[], b: readonly ResolvedBurnRate[]): boolean {
  const key = (r: ResolvedBurnRate) =>
    [r.severity, r.longWindowSeconds, r.shortWindowSeconds, r.factor, r.for ?? ''].join('|');
  return a.length === b.length && a.every((r, i) => key(r) === key(b[i]));
}

/** The alert sets to compare for one objective, the SLO's own first. */
export function alertSetsFor(slo: Slo, objective: Objective): AlertSet[] {
  const tierSeverities = slo.tier ? TIERS[slo.tier].alertSeverities : undefined;
  const withDefaults: Slo = { ...slo, alerting: { ...slo.alerting, burnRates: undefined } };
  const sets: AlertSet[] = [
    {
      name: 'own',
      title: 'This SLO',
      burnRates: slo.alerting.enabled ? resolveBurnRates(slo, objective, tierSeverities) : [],
    },
    { name: 'workbook', title: 'Workbook defaults', burnRates: resolveBurnRates(withDefaults, objective) },
    { name: 'pyrra', title: 'Pyrra', burnRates: pyrraBurnRates(objective) },
  ];
  if (slo.tier) {
    sets.push({
      name: 'tier',
      title: `Tier ${TIERS[slo.tier].title}`,
      burnRates: resolveBurnRates(withDefaults, objective, tierSeverities),
    });
  }
  return sets.map((set, i) => {
    const earlier = sets.slice(0, i).find((other) => sameAlerts(other.burnRates, set.burnRates));
    return earlier ? { ...set, sameAs: earlier.name } : set;
  });
}

/** The longest long window of every set of every objective (seconds): the history a comparison needs. */
export function longestComparedWindowSeconds(slo: Slo): number {
  let longest = 0;
  for (const objective of slo.objectives) {
    for (const set of alertSetsFor(slo, objective)) {
      for (const b of set.burnRates) {
        if (Number.isFinite(b.longWindowSeconds)) {
          longest = Math.max(longest, b.longWindowSeconds);
        }
      }
    }
  }
  return longest;
}
