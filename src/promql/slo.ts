import type { SloWindow } from '../slo/types';
import type { VectorSelector } from './parse';
import { formatRangeSelector, formatSelector, quotePromqlString, sumBy, withOffset } from './format';
import { formatPromDuration, parsePromDuration } from '../slo/duration';
import { windowToText } from '../slo/values';
import { BLOCK_SECONDS, blockSummedSeconds, readsBlockSums } from '../slo/alertWindows';
import type { CounterSelectors } from './sli';

/** Names of the series Burnrate records. A public interface: users build queries on them. */
export const SLO_METRICS = {
  events: 'slo:events:rate5m',
  badEvents: 'slo:bad_events:rate5m',
  /** Sums of the 5m rates over the last 10 minutes: what alert windows of a day or more add up. */
  eventsBlock: 'slo:events:rate5m_sum10m',
  badEventsBlock: 'slo:bad_events:rate5m_sum10m',
  eventsTile: 'slo:events:tile',
  badEventsTile: 'slo:bad_events:tile',
  totalCounterSnapshot: 'slo:total_counter:snapshot',
  goodCounterSnapshot: 'slo:good_counter:snapshot',
  badCounterSnapshot: 'slo:bad_counter:snapshot',
  totalCounterWindowStart: 'slo:total_counter:window_start',
  goodCounterWindowStart: 'slo:good_counter:window_start',
  badCounterWindowStart: 'slo:bad_counter:window_start',
  eventsWindow: 'slo:events:window',
  badEventsWindow: 'slo:bad_events:window',
  objective: 'slo:objective:ratio',
  budgetRemaining: 'slo:error_budget_remaining:ratio',
  /** Time-slice SLOs: 1 when the last slice was good, 0 when bad, absent when it had no traffic. */
  sliceGood: 'slo:slice_good:bool',
  /** Time-slice SLOs with score ratio: the good ratio of the last slice, absent when it had no traffic. */
  sliceGoodRatio: 'slo:slice_good:ratio',
  /** 1, with the fingerprint of the SLO's rules: tells deployed rules' version and whether they were edited. */
  rulesInfo: 'burnrate:slo_rules:info',
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
  /** Only inside the budget remaining: keeps the parts of a window apart before they are summed. */
  part: 'slo_part',
  /** Only on burnrate:slo_rules:info: the fingerprint of the SLO's other rules. */
  rulesFingerprint: 'rules_fingerprint',
  /**
   * Only on burnrate:slo_rules:info, and only for a draft or retired SLO (an active one's series keep the
   * labels they always had): lets a reader of Prometheus alone, the CLI's gate, leave them out.
   */
  status: 'slo_status',
} as const;

/** Names of the alerts Burnrate defines: ALERTS{alertname=...} finds them, so they are a public interface too. */
export const BURN_ALERT_NAME = 'SLOErrorBudgetBurn';
export const NO_DATA_ALERT_NAME = 'SLONoData';
/** Pyrra's name for its absent alert, kept so that imported routes and silences still match. */
export const METRIC_ABSENT_ALERT_NAME = 'SLOMetricAbsent';
export const BUDGET_LOW_ALERT_NAME = 'SLOErrorBudgetLow';
export const EXHAUSTION_ALERT_NAME = 'SLOErrorBudgetExhaustion';

/**
 * A roll-up tile: its length is the interval of the roll-up group. `lookback` is how far back the
 * base group looks for the roll-up's last window sums and snapshots: a tile and a half.
 * `last_over_time` picks the newest sample, so any lookback of at least a tile reads the last roll-up;
 * one tile exactly would miss it on Prometheus 3 (ranges leave out their start) when the two groups'
 * timestamps line up, as they do in backfills and unit tests, and whenever a roll-up runs late.
 */
export interface Tile {
  interval: string;
  seconds: number;
  lookback: string;
}

export const TILES = {
  tenMinutes: { interval: '10m', seconds: 600, lookback: '15m' },
  hour: { interval: '1h', seconds: 3600, lookback: '90m' },
} as const satisfies Record<string, Tile>;

/**
 * The tile of an SLO. SLIs on counters count their window exactly from the counter snapshots whatever
 * the tile's length, so they take hour tiles: a 30 day sum reads 720 tiles per series instead of
 * 4,320. SLIs known only through their 5m rates lag one tile behind, and a calendar period starts
 * inside a tile (the tile's minutes before the start count in the new period), so those keep 10
 * minute tiles.
 */
export function tileFor(hasCounters: boolean, windows: SloWindow[]): Tile {
  return hasCounters && windows.every((w) => w.kind === 'rolling') ? TILES.hour : TILES.tenMinutes;
}

/** Label that keeps the parts of a window (tiles, head, tail) apart in a union before they are summed. */
export const PART_LABEL = SLO_LABELS.part;

/**
 * The range selector of a span that must not count a sample on its start: 1 ms short of it. Prometheus
 * 2 includes both ends of a range, so consecutive `[10m]` tiles would count a sample on their common
 * edge twice whenever the timestamps line up (always in backfills and promtool tests); Prometheus 3
 * already leaves the start out, and gives the same result.
 */
export function rangeWithoutStart(seconds: number): string {
  return formatPromDuration(seconds - 0.001);
}

export function recordedSelector(metric: string, sloUid: string, extra = ''): string {
  return `${metric}{${SLO_LABELS.uid}=${quotePromqlString(sloUid)}${extra}}`;
}

const BLOCK = formatPromDuration(BLOCK_SECONDS);

const RATE_AND_BLOCK = {
  total: { rate: SLO_METRICS.events, block: SLO_METRICS.eventsBlock },
  bad: { rate: SLO_METRICS.badEvents, block: SLO_METRICS.badEventsBlock },
} as const;

/**
 * The sum of the 5m rate samples of the last 10 minutes, one series per group. The range is 1 ms short of
 * 10 minutes, so that the blocks a long window adds up never share a sample on Prometheus 2 (which includes
 * a sample on a range's start) and 3.
 *
 * Every rule that reads a series Burnrate records sums it by the SLO's grouping labels, as here: a rename
 * of the SLO, or a new team or service label, starts new series beside the old ones (same slo_uid, other
 * labels), and for as long as the old ones are in a range, the sum counts both, each sample once. Without
 * it, the two results get the same labels from the rule, and Prometheus refuses the whole evaluation.
 */
export function blockRateSumExpr(events: 'total' | 'bad', sloUid: string, groupBy: string[]): string {
  return sumBy(
    groupBy,
    `sum_over_time(${recordedSelector(RATE_AND_BLOCK[events].rate, sloUid)}[${rangeWithoutStart(BLOCK_SECONDS)}])`
  );
}

/**
 * The sum of the 5m rate samples of a window, one series per group: events per second sampled once per
 * evaluation interval, so times the interval it counts the window's events. A window of a day or more
 * adds up the 10 minute sums at each whole 10 minutes up to the last (a subquery 10 minutes apart, which
 * Prometheus aligns to whole multiples of its step; see slo/alertWindows.ts); a shorter one sums the
 * rates. `extraMatchers` narrows the selector.
 */
export function windowRateSumExpr(
  events: 'total' | 'bad',
  sloUid: string,
  groupBy: string[],
  window: { text: string; seconds: number },
  extraMatchers = ''
): string {
  if (!readsBlockSums(window.seconds)) {
    const selector = recordedSelector(RATE_AND_BLOCK[events].rate, sloUid, extraMatchers);
    return sumBy(groupBy, `sum_over_time(${selector}[${window.text}])`);
  }
  const selector = recordedSelector(RATE_AND_BLOCK[events].block, sloUid, extraMatchers);
  return sumBy(
    groupBy,
    `sum_over_time(${selector}[${rangeWithoutStart(blockSummedSeconds(window.seconds))}:${BLOCK}])`
  );
}

/**
 * Error ratio over a window as a ratio of sums of the 5m rates, traffic weighted, never a mean of ratios;
 * for a window of a day or more, of their 10 minute sums.
 */
export function errorRatioExpr(sloUid: string, groupBy: string[], window: string): string {
  const span = { text: window, seconds: parsePromDuration(window) ?? 0 };
  return `${windowRateSumExpr('bad', sloUid, groupBy, span)} / ${windowRateSumExpr('total', sloUid, groupBy, span)}`;
}

/** Burn rate over a window: the error ratio divided by the error budget (1 - target), printed exactly. */
export function burnRateExpr(sloUid: string, groupBy: string[], window: string, errorBudget: string): string {
  return `${errorRatioExpr(sloUid, groupBy, window)} / ${errorBudget}`;
}

/**
 * A tile of an SLI known only through its 5m rates: the events of the rate samples that fell in it
 * (each sample is events per second over the evaluation interval that follows it).
 */
export function rateTileExpr(
  metric: string,
  sloUid: string,
  groupBy: string[],
  intervalSeconds: number,
  tile: Tile
): string {
  const sum = `sum_over_time(${recordedSelector(metric, sloUid)}[${rangeWithoutStart(tile.seconds)}])`;
  return `${sumBy(groupBy, sum)} * ${intervalSeconds}`;
}

/**
 * The exact increase of each series of a counter selector over the last tile, without extrapolation:
 * the difference with its value one tile earlier. Differences of consecutive tiles telescope, so a sum
 * of tiles is the difference of the counter between its ends. A counter that reset once in the tile
 * (a restart) counts up to its last value before the reset, which is the tile's maximum while the new
 * run stays below it, plus its value now: exact as well. `increase()`, which extrapolates, only where
 * neither holds: several resets, a new run that outgrew the old one, or a series without a value a
 * tile ago (new, or back after a gap: counted from its first sample in the tile, never from zero).
 *
 * Both exact cases are one difference, `now - tile ago + k`, with k the maximum after one reset below
 * it and 0 without a reset (`resets == 0` keeps its value, 0), and k absent otherwise: the counter is
 * named seven times rather than ten. A difference below 0 (a reset just before the tile's first sample)
 * falls to `increase()` as before.
 */
export function counterTileIncreaseExpr(counter: VectorSelector, tile: Tile): string {
  const range = formatRangeSelector(counter, tile.interval);
  const now = formatSelector(counter);
  const tileAgo = formatSelector(withOffset(counter, tile.seconds));
  const beforeReset = `(max_over_time(${range}) > ${now} and resets(${range}) == 1 or resets(${range}) == 0)`;
  return `(${now} - ${tileAgo} + ${beforeReset} >= 0) or increase(${range})`;
}

/**
 * Events of each group over the last tile, exactly, from the raw counters: the total (absent for a
 * group without a counted series) and the bad events, 0 where there is traffic and none was bad,
 * absent without traffic.
 */
export function counterTileEventsExprs(
  counters: CounterSelectors,
  groupBy: string[],
  tile: Tile,
  increase: (counter: VectorSelector) => string = (counter) => counterTileIncreaseExpr(counter, tile)
): { total: string; bad: string } {
  const on = `on (${groupBy.join(', ')})`;
  const total = sumBy(groupBy, increase(counters.total));
  const zeroWhereTraffic = `0 * ${total}`;
  const bad = counters.bad
    ? `(${sumBy(groupBy, increase(counters.bad))} or ${on} (${zeroWhereTraffic})) and ${on} (${total} > 0)`
    : `clamp_min((${total} > 0) - (${sumBy(groupBy, increase(counters.good!))} or ${on} (${zeroWhereTraffic})), 0)`;
  return { total, bad };
}

/**
 * The bad events of a tile of counters in the roll-up group, from the total tile the same evaluation
 * recorded just before (`slo:events:tile`, absent without traffic) rather than its expression written
 * twice more: 0 where the tile has traffic and none was bad, absent without traffic, as
 * counterTileEventsExprs gives them. A group's rules run in order at one instant, and a staged backfill
 * records the total tiles first, on the same grid.
 */
export function counterBadTileExpr(
  counters: CounterSelectors,
  groupBy: string[],
  sloUid: string,
  increase: (counter: VectorSelector) => string
): string {
  const on = `on (${groupBy.join(', ')})`;
  const total = recordedSelector(SLO_METRICS.eventsTile, sloUid);
  const zeroWhereTraffic = `0 * ${total}`;
  return counters.bad
    ? `(${sumBy(groupBy, increase(counters.bad))} or ${on} ${zeroWhereTraffic}) and ${on} ${total}`
    : `clamp_min(${total} - ${on} (${sumBy(groupBy, increase(counters.good!))} or ${on} ${zeroWhereTraffic}), 0)`;
}

/** The role of a counter in an SLI with exact tiles, and the names of its recorded snapshots. */
export type CounterRole = 'total' | 'good' | 'bad';

export const COUNTER_SNAPSHOTS: Record<CounterRole, { snapshot: string; windowStart: string }> = {
  total: { snapshot: SLO_METRICS.totalCounterSnapshot, windowStart: SLO_METRICS.totalCounterWindowStart },
  good: { snapshot: SLO_METRICS.goodCounterSnapshot, windowStart: SLO_METRICS.goodCounterWindowStart },
  bad: { snapshot: SLO_METRICS.badCounterSnapshot, windowStart: SLO_METRICS.badCounterWindowStart },
};

/**
 * The snapshot the oldest tile of a rolling window sum starts from, recorded by the same roll-up
 * evaluation as the sum: the snapshot taken one window earlier (absent while the tiles do not reach
 * that far back). Reading it from the same evaluation keeps the tail of the window consistent with the
 * sum whether or not the base group sees a roll-up of the same instant.
 */
export function windowStartExpr(
  role: CounterRole,
  sloUid: string,
  window: SloWindow & { kind: 'rolling' },
  tile: Tile
): string {
  const snapshot = recordedSelector(COUNTER_SNAPSHOTS[role].snapshot, sloUid);
  return `last_over_time(${snapshot}[${tile.interval}] offset ${formatPromDuration(window.seconds)})`;
}

/**
 * Events of a counter since a recorded value of it, per source series: the counter minus the recorded
 * value; a counter that reset since then counts from its new value; a series without a recorded value
 * (new since) counts nothing (the next tile counts it).
 */
function sinceRecordedExpr(
  counter: string,
  recorded: string,
  ignoring: string[],
  groupBy: string[],
  tile: Tile
): string {
  const value = `last_over_time(${recorded}[${tile.lookback}])`;
  const on = `ignoring (${ignoring.join(', ')})`;
  return sumBy(groupBy, `(${counter} - ${on} ${value} >= 0) or (${counter} < ${on} ${value})`);
}

/** Head of a window: the events of a counter since the last roll-up, from its snapshot there. */
export function headEventsExpr(
  counter: VectorSelector,
  role: CounterRole,
  sloUid: string,
  groupBy: string[],
  tile: Tile
): string {
  const snapshot = recordedSelector(COUNTER_SNAPSHOTS[role].snapshot, sloUid);
  return sinceRecordedExpr(formatSelector(counter), snapshot, [SLO_LABELS.uid], groupBy, tile);
}

/**
 * Tail of a rolling window: the events of a counter between the start of the oldest tile of the last
 * window sum and now - window, which that sum holds but the window no longer does.
 */
export function tailEventsExpr(
  counter: VectorSelector,
  role: CounterRole,
  sloUid: string,
  window: SloWindow & { kind: 'rolling' },
  groupBy: string[],
  tile: Tile
): string {
  const start = recordedSelector(
    COUNTER_SNAPSHOTS[role].windowStart,
    sloUid,
    `,${SLO_LABELS.window}=${quotePromqlString(window.duration)}`
  );
  return sinceRecordedExpr(
    formatSelector(withOffset(counter, window.seconds)),
    start,
    [SLO_LABELS.uid, SLO_LABELS.window],
    groupBy,
    tile
  );
}

/**
 * Calendar windows: each tile is recorded with `slo_period_slot` set to the period's number modulo
 * the number of periods a window can reach back into (a 31 day range touches at most 3 months, a
 * 7 day range 2 weeks), so the tiles of the current period are those whose slot is the current one.
 * Months and weeks are UTC; weeks start on Monday.
 */
export const CALENDAR_SLOTS = {
  month: { count: 3, range: '31d', period: 'month()' },
  week: { count: 2, range: '7d', period: 'floor(vector((time() / 86400 + 3) / 7))' },
} as const;

/**
 * One series labelled with the current period's slot (`{slo_period_slot="1"} 1`): count_values writes
 * the slot number as the label, so one rule labels a tile with its slot, and `and on (slo_period_slot)`
 * keeps the series of the current period, where one expression per slot did it before.
 */
export function currentSlotVector(unit: 'week' | 'month'): string {
  const { period, count } = CALENDAR_SLOTS[unit];
  return `count_values("${SLO_LABELS.periodSlot}", ${period} % ${count})`;
}

/** The series of `expr` that belong to the current period: those labelled with its slot. */
export function inCurrentSlot(expr: string, unit: 'week' | 'month'): string {
  return `(${expr}) and on (${SLO_LABELS.periodSlot}) ${currentSlotVector(unit)}`;
}

/** The series of `expr` (one period's tile), each labelled with the current period's slot; `* 1` is exact. */
export function withCurrentSlot(expr: string, unit: 'week' | 'month'): string {
  return `(${expr}) * on () group_left (${SLO_LABELS.periodSlot}) ${currentSlotVector(unit)}`;
}

/** The selector's series with a period slot (the tiles and sums of calendar windows). */
function slottedSelector(metric: string, sloUid: string): string {
  return recordedSelector(metric, sloUid, `,${SLO_LABELS.periodSlot}!=""`);
}

/**
 * Sum of a tile series over the SLO window by the grouping labels: the rolling range, or the current
 * calendar period (the tiles of the current slot within the longest period).
 */
export function windowTileSumExpr(metric: string, sloUid: string, groupBy: string[], window: SloWindow): string {
  if (window.kind === 'rolling') {
    return sumBy(groupBy, `sum_over_time(${recordedSelector(metric, sloUid)}[${rangeWithoutStart(window.seconds)}])`);
  }
  const { range } = CALENDAR_SLOTS[window.unit];
  return sumBy(groupBy, inCurrentSlot(`sum_over_time(${slottedSelector(metric, sloUid)}[${range}])`, window.unit));
}

/** Error ratio over the SLO window, from the roll-up tiles (it ends at the last tile). */
export function windowErrorRatioExpr(sloUid: string, groupBy: string[], window: SloWindow): string {
  return (
    `${windowTileSumExpr(SLO_METRICS.badEventsTile, sloUid, groupBy, window)}` +
    ` / ${windowTileSumExpr(SLO_METRICS.eventsTile, sloUid, groupBy, window)}`
  );
}

/**
 * The window sum of one objective, as the roll-up group records it: for a calendar window, the sum of
 * the current period's tiles, labelled with its slot (the tiles of the other slots are summed and
 * dropped), so that a reader can tell a sum of the current period from one of the last.
 */
export function windowSumExpr(metric: string, sloUid: string, groupBy: string[], window: SloWindow): string {
  if (window.kind === 'rolling') {
    return windowTileSumExpr(metric, sloUid, groupBy, window);
  }
  const { range } = CALENDAR_SLOTS[window.unit];
  const sum = sumBy([SLO_LABELS.periodSlot, ...groupBy], `sum_over_time(${slottedSelector(metric, sloUid)}[${range}])`);
  return inCurrentSlot(sum, window.unit);
}

/**
 * The window sums carry only slo_uid, slo_window, the period slot and the grouping, so that a rename or
 * a new label never starts a second series beside the last sum, which a reader would count twice. Those
 * Burnrate 1.0 recorded also carried the SLO's labels, `slo` among them. After an upgrade, the old sum is
 * the last one until the roll-up records the new (within a tile), and both are within the lookback for
 * half a tile more: the new sums (no `slo` label) win, the old ones count only while there is no new one.
 */
export function lastRecordedWindowSum(metric: string, matchers: string, lookback: string, slotted = false): string {
  const last = (extra: string) => `last_over_time(${metric}{${matchers}${extra}}[${lookback}])`;
  const on = [SLO_LABELS.uid, SLO_LABELS.window, ...(slotted ? [SLO_LABELS.periodSlot] : [])];
  return `${last(`,${SLO_LABELS.name}=""`)} or on (${on.join(', ')}) ${last('')}`;
}

/**
 * The last recorded window sum of an objective (at the last tile), by the grouping labels. For a calendar
 * window, only the sum of the current period: just after a period starts there is none, and the window
 * holds only what was counted since.
 */
export function lastWindowSumExpr(
  metric: string,
  sloUid: string,
  groupBy: string[],
  window: SloWindow,
  tile: Tile
): string {
  const matchers = `${SLO_LABELS.uid}=${quotePromqlString(sloUid)},${SLO_LABELS.window}=${quotePromqlString(windowToText(window))}`;
  if (window.kind === 'rolling') {
    return sumBy(groupBy, lastRecordedWindowSum(metric, matchers, tile.lookback));
  }
  const sums = lastRecordedWindowSum(metric, `${matchers},${SLO_LABELS.periodSlot}!=""`, tile.lookback, true);
  return sumBy(groupBy, inCurrentSlot(sums, window.unit));
}

/**
 * Events over the SLO window ending now, exactly, from the last window sum of the tiles: + the events
 * since the last tile (head) - the events between the start of the oldest tile and now - window
 * (tail, which the tiles still hold; none for a calendar window, whose tiles start with the period).
 * Each part is summed by the grouping labels, and the parts are kept apart by a label in a union, so
 * that an absent part counts as zero. `terms`: the counters whose head and tail add (+1) or subtract
 * (-1), e.g. total - good for the bad events of a good-based SLI.
 */
export function exactWindowEventsExpr(
  windowMetric: string,
  terms: Array<{ counter: VectorSelector; role: CounterRole; sign: 1 | -1 }>,
  sloUid: string,
  window: SloWindow,
  groupBy: string[],
  tile: Tile
): string {
  const parts: Array<[string, string]> = [['w', lastWindowSumExpr(windowMetric, sloUid, groupBy, window, tile)]];
  terms.forEach(({ counter, role, sign }, i) => {
    const suffix = i === 0 ? '' : String(i + 1);
    const head = headEventsExpr(counter, role, sloUid, groupBy, tile);
    parts.push([`h${suffix}`, sign > 0 ? head : `-${head}`]);
    if (window.kind === 'rolling') {
      const tail = tailEventsExpr(counter, role, sloUid, window, groupBy, tile);
      parts.push([`t${suffix}`, sign > 0 ? `-${tail}` : tail]);
    }
  });
  const union = parts.map(([name, expr]) => `label_replace(${expr}, "${PART_LABEL}", "${name}", "", "")`);
  return sumBy(groupBy, union.join(' or '));
}

/**
 * 1 - budget consumed over the SLO window, exactly, for an SLI with exact tiles (see
 * exactWindowEventsExpr); negative when overspent; absent without traffic.
 */
export function exactBudgetRemainingExpr(
  counters: CounterSelectors,
  sloUid: string,
  window: SloWindow,
  errorBudget: string,
  groupBy: string[],
  tile: Tile
): string {
  const total = { counter: counters.total, role: 'total' as const, sign: 1 as const };
  const totalEvents = exactWindowEventsExpr(SLO_METRICS.eventsWindow, [total], sloUid, window, groupBy, tile);
  const badEvents = counters.bad
    ? exactWindowEventsExpr(
        SLO_METRICS.badEventsWindow,
        [{ counter: counters.bad, role: 'bad', sign: 1 }],
        sloUid,
        window,
        groupBy,
        tile
      )
    : `clamp_min(${exactWindowEventsExpr(
        SLO_METRICS.badEventsWindow,
        [total, { counter: counters.good!, role: 'good', sign: -1 }],
        sloUid,
        window,
        groupBy,
        tile
      )}, 0)`;
  return `1 - (${badEvents} / (${totalEvents} > 0)) / ${errorBudget}`;
}

/**
 * 1 - budget consumed over the SLO window, from the last window sums of the tiles: approximate, for
 * the SLIs known only through their 5m rates (it lags up to one tile behind).
 */
export function tileBudgetRemainingExpr(
  sloUid: string,
  groupBy: string[],
  window: SloWindow,
  errorBudget: string,
  tile: Tile
): string {
  return (
    `1 - (${lastWindowSumExpr(SLO_METRICS.badEventsWindow, sloUid, groupBy, window, tile)}` +
    ` / (${lastWindowSumExpr(SLO_METRICS.eventsWindow, sloUid, groupBy, window, tile)} > 0)) / ${errorBudget}`
  );
}
