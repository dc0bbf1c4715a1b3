/**
 * PromQL of time-slice SLOs (OpenSLO `budgetingMethod: Timeslices` and `RatioTimeslices`). A rule group
 * whose interval is the slice length records, once per slice and per group of the grouping labels, the
 * score of the slice that just ended: 1 for a good slice and 0 for a bad one, or with score `ratio` its
 * good ratio in [0, 1]; a slice without traffic records nothing. The base rates are then counted in
 * slices: `slo:events:rate5m` is slices per second over the last 5m and `slo:bad_events:rate5m` the
 * slices' bad scores (1 - score) per second, so that windows, tiles, the budget and the alerts read them
 * as they read events. A window's error ratio is then the share of bad slices, or the mean of the slices'
 * bad ratios: exactly the figure each budgeting method defines, over the slices that had traffic.
 */
import type { Indicator, TimeSlices } from '../slo/types';
import { scoresSliceRatio } from '../slo/values';
import { sumBy } from './format';
import { badEventsExpr, counterSelectors, RATE_WINDOW, totalEventsExpr } from './sli';
import { counterTileEventsExprs, rangeWithoutStart, recordedSelector, SLO_METRICS, type Tile } from './slo';
import { parsePromDuration } from '../slo/duration';
import { errorBudgetText } from '../slo/budget';

const RATE_WINDOW_SECONDS = parsePromDuration(RATE_WINDOW) ?? 300;

/** A slice as a tile: counter differences over one slice length, as the roll-up tiles are counted. */
export function sliceTile(slices: TimeSlices): Tile {
  return { interval: slices.window, seconds: slices.windowSeconds, lookback: slices.window };
}

/**
 * The largest bad ratio of a good slice: 1 - the slice target; 0 for a threshold SLI, whose slice is
 * good only when the condition held at every sample of it. Exact decimal text.
 */
export function maxBadSliceRatio(slices: TimeSlices): string {
  return slices.target === undefined ? '0' : errorBudgetText(slices.target);
}

/** The recorded score of each slice: `slo:slice_good:bool`, or `slo:slice_good:ratio` with score `ratio`. */
export function sliceScoreMetric(slices: TimeSlices): string {
  return scoresSliceRatio(slices) ? SLO_METRICS.sliceGoodRatio : SLO_METRICS.sliceGood;
}

/**
 * The score of the slice that ends now, absent without traffic in it: 1 when it was good, 0 when it was
 * bad; with score `ratio`, its good ratio, 1 - bad / total, at least 0 (two counters read a few
 * milliseconds apart can show a little more bad than total events). SLIs on
 * counters (ratio, classic histograms) count the slice exactly, as the difference of the counters
 * since one slice ago, so consecutive slices neither overlap nor leave events out. Other SLIs read
 * their rates over the slice (an advanced SLI through `{{.window}}`), and a threshold SLI its samples
 * at the evaluation interval inside the slice, its start left out so that no sample counts twice.
 */
export function sliceGoodExpr(indicator: Indicator, slices: TimeSlices, evaluationInterval: string): string {
  const counters = counterSelectors(indicator);
  let total: string;
  let bad: string;
  if (counters) {
    ({ total, bad } = counterTileEventsExprs(counters, indicator.groupBy, sliceTile(slices)));
  } else {
    const sampled = indicator.type === 'threshold' || indicator.type === 'errorRatio';
    const range = sampled ? rangeWithoutStart(slices.windowSeconds) : slices.window;
    const options = { evaluationInterval, span: { range, seconds: slices.windowSeconds } };
    total = totalEventsExpr(indicator, options);
    bad = badEventsExpr(indicator, options);
  }
  // bad is absent where total is 0 or absent: a slice without traffic is not counted.
  if (scoresSliceRatio(slices)) {
    return `clamp_min(1 - (${bad}) / (${total}), 0)`;
  }
  return `(${bad}) / (${total}) <= bool ${maxBadSliceRatio(slices)}`;
}

/**
 * The slices of the 5 minutes before now, now left out: (T - 5m, T] shifted back by 1 ms. A slice
 * recorded at the same instant as the base rules counts from their next evaluation, whichever group
 * runs first (Prometheus runs groups concurrently, promtool in no set order); any 5m span holds exactly
 * 5m / slice of them.
 */
const LAST_SLICES_RANGE = `[${RATE_WINDOW}] offset 1ms`;

/**
 * Slices per second over the last 5m, by the grouping labels: the slices recorded in the last 5m over
 * 300 s. Summed over a window and multiplied by the evaluation interval this gives the number of slices
 * in the window, as the 5m rate of events gives events.
 */
export function sliceEventsExpr(sloUid: string, groupBy: string[], slices: TimeSlices): string {
  return `${sumBy(groupBy, `count_over_time(${recordedSelector(sliceScoreMetric(slices), sloUid)}${LAST_SLICES_RANGE})`)} / ${RATE_WINDOW_SECONDS}`;
}

/**
 * Bad slices per second over the last 5m: slices recorded minus the sum of their scores. A good slice is
 * 1 and a bad one 0; with score `ratio` each slice adds its bad ratio, so that a window's bad over its
 * slices is the mean bad ratio of its slices.
 */
export function sliceBadEventsExpr(sloUid: string, groupBy: string[], slices: TimeSlices): string {
  const selector = `${recordedSelector(sliceScoreMetric(slices), sloUid)}${LAST_SLICES_RANGE}`;
  return `${sumBy(groupBy, `count_over_time(${selector}) - sum_over_time(${selector})`)} / ${RATE_WINDOW_SECONDS}`;
}

/**
 * The base rates of a time-slice SLO from its SLI directly, for an SLO whose slices are not recorded (the
 * editor's replay before saving): the slices of the last 5m are re-evaluated by a subquery at the slice
 * length, whose steps fall where the slice group's evaluations would, give or take its offset.
 */
export function unrecordedSliceRatesExprs(
  indicator: Indicator,
  slices: TimeSlices,
  evaluationInterval: string
): { total: string; bad: string } {
  const sampled = `(${sliceGoodExpr(indicator, slices, evaluationInterval)})[${RATE_WINDOW}:${slices.window}] offset 1ms`;
  return {
    total: `count_over_time(${sampled}) / ${RATE_WINDOW_SECONDS}`,
    bad: `(count_over_time(${sampled}) - sum_over_time(${sampled})) / ${RATE_WINDOW_SECONDS}`,
  };
}
