import type { SloWindow } from '../slo/types';
import { quotePromqlString, sumBy } from './format';
import { inCurrentSlot, recordedSelector, SLO_LABELS, SLO_METRICS, lastRecordedWindowSum, TILES } from './slo';
import { windowToText } from '../slo/values';

/**
 * Queries of the app's pages over the series Burnrate records: the SLO detail page (one SLO) and the
 * overview (many SLOs in one query per metric).
 */

/** A recorded per-objective series (objective, budget remaining) of one SLO window. */
export function objectiveSeriesSelector(metric: string, sloUid: string, window: SloWindow): string {
  return recordedSelector(metric, sloUid, `,${SLO_LABELS.window}=${quotePromqlString(windowToText(window))}`);
}

/** A regular expression matching exactly these uids. */
function uidsRegex(uids: readonly string[]): string {
  return uids.map((uid) => uid.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
}

/** A recorded series of several SLOs at once: `metric{slo_uid=~"a|b"}`. */
export function batchSelector(metric: string, uids: readonly string[]): string {
  return `${metric}{${SLO_LABELS.uid}=~${quotePromqlString(uidsRegex(uids))}}`;
}

/** Budget remaining of every objective of several SLOs (by slo_uid and slo_window). */
export function batchBudgetRemainingExpr(uids: readonly string[]): string {
  return batchSelector(SLO_METRICS.budgetRemaining, uids);
}

/** Error ratio over a window of several SLOs, one series per slo_uid. */
export function batchErrorRatioExpr(uids: readonly string[], window: string): string {
  const sum = (metric: string) => sumBy([SLO_LABELS.uid], `sum_over_time(${batchSelector(metric, uids)}[${window}])`);
  return `${sum(SLO_METRICS.badEvents)} / ${sum(SLO_METRICS.events)}`;
}

/** Firing alerts of several SLOs, counted per slo_uid (absent for an SLO with none). */
export function batchFiringAlertsExpr(uids: readonly string[]): string {
  return `count by (${SLO_LABELS.uid}) (ALERTS{alertstate="firing",${SLO_LABELS.uid}=~${quotePromqlString(uidsRegex(uids))}})`;
}

/**
 * The last window sum of a tile series (`slo:events:window`, `slo:bad_events:window`) of every objective
 * of several SLOs, one series per slo_uid and slo_window: the events of each objective's window up to its
 * last roll-up. Rolling windows have no period slot; a calendar window counts only the sum of the current
 * period's slot (a slot of the period before still has samples within the lookback). The lookback is the
 * hour tile's, which also reads the last sum of ten-minute tiles.
 */
export function batchWindowSumExpr(metric: string, uids: readonly string[]): string {
  const uidMatcher = `${SLO_LABELS.uid}=~${quotePromqlString(uidsRegex(uids))}`;
  const rolling = lastRecordedWindowSum(metric, `${uidMatcher},${SLO_LABELS.periodSlot}=""`, TILES.hour.lookback);
  const calendar = (['month', 'week'] as const).map((unit) => {
    const matchers = `${uidMatcher},${SLO_LABELS.window}="${unit}",${SLO_LABELS.periodSlot}!=""`;
    return `(${inCurrentSlot(lastRecordedWindowSum(metric, matchers, TILES.hour.lookback, true), unit)})`;
  });
  return sumBy([SLO_LABELS.uid, SLO_LABELS.window], [`(${rolling})`, ...calendar].join(' or '));
}
