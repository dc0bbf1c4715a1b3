import Big from 'big.js';
import { achievedSli, budgetConsumedOf, type EventCounts } from './events';
import type { ReportRange } from './ranges';

/** An objective's trend: this period against the previous ones together. */

export type TrendDirection = 'improving' | 'stable' | 'worsening' | 'unknown';

/** The trend moves when the error ratio changes by at least this share of the error budget. */
export const TREND_BUDGET_SHARE = 0.1;

export interface Trend {
  /** The achieved SLI of each previous period, oldest first; undefined where it had no traffic. */
  previous: Array<{ label: string; sli?: number }>;
  direction: TrendDirection;
  /**
   * This period's error ratio minus the previous periods' together (a ratio of their summed events,
   * never a mean of their ratios), as a share of the error budget: -0.2 = 20 points of budget better.
   */
  budgetShareChange?: number;
}

/**
 * improving when the error ratio fell by at least TREND_BUDGET_SHARE of the error budget against the
 * previous periods together, worsening when it rose by that much, stable in between; unknown without
 * traffic in this period or in every previous one.
 */
export function trendOf(
  current: EventCounts | undefined,
  previous: ReadonlyArray<{ range: ReportRange; counts?: EventCounts }>,
  target: string
): Trend {
  const previousSlis = previous.map((p) => ({ label: p.range.shortLabel, sli: achievedSli(p.counts) }));
  const withTraffic = previous.flatMap((p) => (p.counts && p.counts.total > 0 ? [p.counts] : []));
  const now = budgetConsumedOf(current, target);
  const before = budgetConsumedOf(
    {
      total: withTraffic.reduce((sum, c) => sum + c.total, 0),
      bad: withTraffic.reduce((sum, c) => sum + Math.min(c.bad, c.total), 0),
    },
    target
  );
  if (now === undefined || before === undefined) {
    return { previous: previousSlis, direction: 'unknown' };
  }
  const change = new Big(now).minus(before);
  const direction = change.lte(-TREND_BUDGET_SHARE)
    ? 'improving'
    : change.gte(TREND_BUDGET_SHARE)
      ? 'worsening'
      : 'stable';
  return { previous: previousSlis, direction, budgetShareChange: change.toNumber() };
}
