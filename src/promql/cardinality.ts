import type { Slo } from '../slo/types';
import { counterSelectors, totalEventsExpr } from './sli';
import { formatSelector } from './format';
import type { CounterRole } from './slo';

/**
 * The counts that tell how many series the recording rules of an SLO write (rules/cardinality.ts): its
 * groups with events now, and the source series of each counter of an SLI counted exactly.
 */

export interface CardinalityQueries {
  /** Number of groups with events now. */
  groups: string;
  /** Number of source series of each counter, for SLIs with exact counter tiles. */
  counters: Partial<Record<CounterRole, string>>;
}

export function cardinalityQueries(slo: Slo, evaluationInterval: string): CardinalityQueries {
  const counters = counterSelectors(slo.indicator);
  const counterQueries: Partial<Record<CounterRole, string>> = {};
  for (const role of ['total', 'good', 'bad'] as const) {
    const selector = counters?.[role];
    if (selector) {
      counterQueries[role] = `count(${formatSelector(selector)})`;
    }
  }
  return {
    groups: `count(${totalEventsExpr(slo.indicator, { evaluationInterval })})`,
    counters: counterQueries,
  };
}
