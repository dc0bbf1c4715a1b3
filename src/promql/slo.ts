import type { SloWindow } from '../slo/types';
import { quotePromqlString } from './format';
import { formatPromDuration } from '../slo/duration';

/** Names of the series Burnrate records. A public interface: users build queries on them. */
export const SLO_METRICS = {
  events: 'slo:events:rate5m',
  badEvents: 'slo:bad_events:rate5m',
  eventsTile: 'slo:events:tile10m',
  badEventsTile: 'slo:bad_events:tile10m',
  objective: 'slo:objective:ratio',
  budgetRemaining: 'slo:error_budget_remaining:ratio',
} as const;

/** Labels Burnrate sets on recorded series and alerts; SLO labels must not reuse them. */
export const SLO_LABELS = {
  name: 'slo',
  uid: 'slo_uid',
  service: 'service',
  window: 'slo_window',
  severity: 'severity',
  longWindow: 'long_window',
  shortWindow: 'short_window',
  periodSlot: 'slo_period_slot',
} as const;

/** Length of a roll-up tile: the interval of the roll-up group. */
export const TILE_INTERVAL = '10m';

/**
 * The range selector of a span that must not count a sample on its start: 1 ms short of it. Prometheus
 * 2 includes both ends of a range, so consecutive `[10m]` tiles would count a sample on their common
 * edge twice whenever the timestamps line up (always in backfills and promtool tests); Prometheus 3
 * already leaves the start out, and gives the same result.
 */
export function rangeWithoutStart(seconds: number): string {
  return formatPromDuration(seconds - 0.001);
}

const TILE_RANGE = rangeWithoutStart(600);

export function recordedSelector(metric: string, sloUid: string, extra = ''): string {
  return `${metric}{${SLO_LABELS.uid}=${quotePromqlString(sloUid)}${extra}}`;
}

/** Error ratio over a window as a ratio of sums of the 5m rates: traffic weighted, never a mean of ratios. */
export function errorRatioExpr(sloUid: string, window: string): string {
  return (
    `sum_over_time(${recordedSelector(SLO_METRICS.badEvents, sloUid)}[${window}])` +
    ` / sum_over_time(${recordedSelector(SLO_METRICS.events, sloUid)}[${window}])`
  );
}

/** Burn rate over a window: the error ratio divided by the error budget (1 - target), printed exactly. */
export function burnRateExpr(sloUid: string, window: string, errorBudget: string): string {
  return `${errorRatioExpr(sloUid, window)} / ${errorBudget}`;
}

/** A 10 minute tile: the sum of the 5m rate samples that fell in it. Ratios of tile sums are exact. */
export function tileExpr(metric: string, sloUid: string): string {
  return `sum_over_time(${recordedSelector(metric, sloUid)}[${TILE_RANGE}])`;
}

/**
 * Calendar windows: each tile is recorded with `slo_period_slot` set to the period's number modulo
 * the number of periods a window can reach back into (a 31 day range touches at most 3 months, a
 * 7 day range 2 weeks), so the tiles of the current period are those whose slot is the current one.
 * Months and weeks are UTC; weeks start on Monday.
 */
export const CALENDAR_SLOTS = {
  month: { count: 3, range: '31d', slotExpr: 'month() % 3' },
  week: { count: 2, range: '7d', slotExpr: 'floor(vector((time() / 86400 + 3) / 7)) % 2' },
} as const;

export function currentSlotFilter(unit: 'week' | 'month', slot: number): string {
  return `on () (${CALENDAR_SLOTS[unit].slotExpr} == ${slot})`;
}

/**
 * Sum of a tile series over the SLO window: the rolling range, or the current calendar period.
 * `slotted`: the SLO has a calendar objective, so its tiles carry `slo_period_slot` and a rolling
 * window must add the slots up.
 */
export function windowTileSumExpr(metric: string, sloUid: string, window: SloWindow, slotted: boolean): string {
  if (window.kind === 'rolling') {
    const sum = `sum_over_time(${recordedSelector(metric, sloUid)}[${rangeWithoutStart(window.seconds)}])`;
    return slotted ? `sum without (${SLO_LABELS.periodSlot}) (${sum})` : sum;
  }
  const { count, range } = CALENDAR_SLOTS[window.unit];
  const perSlot = Array.from({ length: count }, (_, slot) => {
    const selector = recordedSelector(metric, sloUid, `,${SLO_LABELS.periodSlot}="${slot}"`);
    return `(sum_over_time(${selector}[${range}]) and ${currentSlotFilter(window.unit, slot)})`;
  });
  return `sum without (${SLO_LABELS.periodSlot}) (${perSlot.join(' or ')})`;
}

/** Error ratio over the SLO window, from the roll-up tiles. */
export function windowErrorRatioExpr(sloUid: string, window: SloWindow, slotted: boolean): string {
  return (
    `${windowTileSumExpr(SLO_METRICS.badEventsTile, sloUid, window, slotted)}` +
    ` / ${windowTileSumExpr(SLO_METRICS.eventsTile, sloUid, window, slotted)}`
  );
}

/** 1 - budget consumed over the SLO window; negative when overspent; absent without traffic. */
export function budgetRemainingExpr(sloUid: string, window: SloWindow, errorBudget: string, slotted: boolean): string {
  return `1 - (${windowErrorRatioExpr(sloUid, window, slotted)}) / ${errorBudget}`;
}
