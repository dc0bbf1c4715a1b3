/**
 * Replay: the events of an SLO window read from the raw source series where the rules have not
 * recorded it, alone (rules not running) or stitched to the recorded tiles (rules running for less
 * than a window). Every expression is pinned with `@` to instants the caller knows as numbers, so
 * the answer does not depend on when the query runs, and edges fall exactly where they are meant to.
 *
 * - SLIs on counters count a span (from, to] exactly, as the roll-up tiles do: the counter at `to`
 *   minus its value at `from`, the span's maximum for one reset, increase() only where neither holds.
 *   A long span is cut into steps of one tile, evaluated by a subquery with the rules' own tile
 *   arithmetic (maintenance windows left out as the tiles leave them out), plus the two short edges
 *   counted the same way with `@`.
 * - Other SLIs (native histograms, thresholds, advanced, time slices) are defined by their rates: the
 *   5m rates over a subquery at a 5m step, or the slices at the slice length.
 */
import type { Indicator, MaintenanceWindow, TimeSlices } from '../slo/types';
import type { VectorSelector } from './parse';
import { formatRangeSelector, formatSelector, quotePromqlString, sumBy } from './format';
import { formatPromDuration } from '../slo/duration';
import {
  badEventsExpr,
  counterSelectors,
  RATE_WINDOW,
  RATE_WINDOW_SECONDS,
  sourceSeriesExprs,
  totalEventsExpr,
} from './sli';
import {
  COUNTER_SNAPSHOTS,
  PART_LABEL,
  rangeWithoutStart,
  recordedSelector,
  SLO_LABELS,
  SLO_METRICS,
  TILES,
  type CounterRole,
  type Tile,
} from './slo';
import { countedTileIncreaseExpr, maintenanceActiveExpr } from './maintenance';
import { outsideQuietExpr } from './rules';
import { sliceGoodExpr } from './timeSlices';

/** An instant as the `@` modifier takes it: seconds since the epoch, to the millisecond. */
export function atTime(seconds: number): string {
  return `@ ${Number(seconds.toFixed(3))}`;
}

/** A regular expression matching exactly these uids. */
function uidsRegex(uids: readonly string[]): string {
  return uids.map((uid) => uid.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
}

/**
 * The step at which the first tile of each SLO is looked for: a sample is seen by the subquery steps
 * within the lookback after it (5m by default), so one step per 5m sees every tile.
 */
export const FIRST_TILE_STEP = '5m';

/**
 * The timestamp of the oldest `slo:events:tile` of each of several SLOs within `rangeSeconds` before
 * `at`, by slo_uid; absent for an SLO without tiles (its rules do not run). One query for all of them.
 * `timestamp()` of a selector is its sample's own timestamp, so the answer is the tile's instant
 * exactly, on Prometheus 2 and 3 alike.
 */
export function firstTileExpr(uids: readonly string[], rangeSeconds: number, at: number): string {
  const tiles = `${SLO_METRICS.eventsTile}{${SLO_LABELS.uid}=~${quotePromqlString(uidsRegex(uids))}}`;
  return (
    `min by (${SLO_LABELS.uid}) (min_over_time(timestamp(${tiles})` +
    `[${formatPromDuration(rangeSeconds)}:${FIRST_TILE_STEP}] ${atTime(at)}))`
  );
}

/**
 * The SLOs whose rules were already recording `rangeSeconds` before `at`: a tile within a lookback of an
 * hour tile before that instant, by slo_uid. A cheap read (one instant, no subquery) that spares the SLOs
 * recording for longer than their windows the search for their first tile.
 */
export function tilesLongAgoExpr(uids: readonly string[], rangeSeconds: number, at: number): string {
  const tiles = `${SLO_METRICS.eventsTile}{${SLO_LABELS.uid}=~${quotePromqlString(uidsRegex(uids))}}`;
  return `count by (${SLO_LABELS.uid}) (last_over_time(${tiles}[${TILES.hour.lookback}] ${atTime(at - rangeSeconds)}))`;
}

/**
 * The step at which the first source data of an SLO is looked for. Its source expression (the total
 * events' series) is evaluated at every step: a sample is within the 5m lookback of the step at or after
 * it, so every sample is seen, and the first step that sees any is less than a step after the data began.
 */
export const FIRST_DATA_STEP_SECONDS = 300;

/** An expression's series labelled with an SLO's uid, for a union of several SLOs' expressions. */
function labelledWithUid(expr: string, uid: string): string {
  return `label_replace(${expr}, "${SLO_LABELS.uid}", ${quotePromqlString(uid)}, "", "")`;
}

/**
 * Whether the source series of the SLO had data `rangeSeconds` before `at`: 1 by slo_uid, absent if not.
 * A cheap read (one step) that spares the SLOs with older data the search for their first data.
 */
export function sourceDataLongAgoExpr(
  slo: Pick<ReplaySlo, 'uid' | 'indicator'>,
  rangeSeconds: number,
  at: number
): string {
  const [source] = sourceSeriesExprs(slo.indicator);
  const step = formatPromDuration(FIRST_DATA_STEP_SECONDS);
  return labelledWithUid(`count_over_time(count(${source})[${step}:${step}] ${atTime(at - rangeSeconds)})`, slo.uid);
}

/**
 * The first step of a 5m subquery over the `rangeSeconds` before `at` at which the SLO's source series had
 * data, by slo_uid; absent for an SLO whose source series have no data in that range. `timestamp()` of an
 * aggregation is the instant of the step.
 */
export function firstSourceDataExpr(
  slo: Pick<ReplaySlo, 'uid' | 'indicator'>,
  rangeSeconds: number,
  at: number
): string {
  const [source] = sourceSeriesExprs(slo.indicator);
  const subquery = `[${formatPromDuration(rangeSeconds)}:${formatPromDuration(FIRST_DATA_STEP_SECONDS)}] ${atTime(at)}`;
  return labelledWithUid(`min_over_time(timestamp(count(${source}))${subquery})`, slo.uid);
}

/** A span (from, to] of seconds since the epoch. */
export interface Span {
  from: number;
  to: number;
}

/**
 * Steps of one tile ending at `first`, `first + step`, ..., `last` (multiples of the step since the
 * epoch, as subquery steps are), each counting (its end - step, its end].
 */
export interface StepRun {
  first: number;
  last: number;
  stepSeconds: number;
}

/** The raw part of a window, cut by the caller: exact short edges and a run of whole steps. */
export interface RawPlan {
  edges: Span[];
  steps?: StepRun;
}

/**
 * The exact increase of each series of a counter over (from, to], pinned with `@`: the counter at `to`
 * minus its value at `from`; one reset from the span's maximum; increase() otherwise (several resets,
 * or a series without a value at `from`), as counterTileIncreaseExpr counts a tile.
 */
export function exactSpanIncreaseExpr(counter: VectorSelector, span: Span): string {
  const now = `${formatSelector(counter)} ${atTime(span.to)}`;
  const before = `${formatSelector(counter)} ${atTime(span.from)}`;
  const range = `${formatRangeSelector(counter, formatPromDuration(span.to - span.from))} ${atTime(span.to)}`;
  return (
    `(${now} - ${before} >= 0 unless resets(${range}) > 0)` +
    ` or (max_over_time(${range}) - ${before} + ${now} and resets(${range}) == 1 and max_over_time(${range}) > ${now})` +
    ` or increase(${range})`
  );
}

/** A tile of the subquery's step, as the roll-up tiles are counted. */
function stepTile(stepSeconds: number): Tile {
  const interval = formatPromDuration(stepSeconds);
  return { interval, seconds: stepSeconds, lookback: interval };
}

/**
 * A subquery whose steps are exactly `run.first`, ..., `run.last`: pinned at the last, over a range
 * 1 ms short of reaching the step before the first, so that it holds neither that step nor, on
 * Prometheus 2, which includes the start of a range, anything before it.
 */
function stepsSubquery(inner: string, run: StepRun): string {
  const range = rangeWithoutStart(run.last - run.first + run.stepSeconds);
  return `(${inner})[${range}:${formatPromDuration(run.stepSeconds)}] ${atTime(run.last)}`;
}

/**
 * The events of each series of a counter over the raw plan, per part: edges and steps kept apart by a
 * label (named from `prefix`) so that an absent part counts as zero once they are summed by the caller.
 * `negate`: each part with its sign changed, to subtract a counter in the same sum.
 */
function rawCounterIncreaseExpr(
  counter: VectorSelector,
  plan: RawPlan,
  maintenance: readonly MaintenanceWindow[],
  prefix = 'r',
  negate = false
): string {
  const parts: Array<[string, string]> = plan.edges.map((span, i) => [`e${i}`, exactSpanIncreaseExpr(counter, span)]);
  if (plan.steps) {
    const tile = stepTile(plan.steps.stepSeconds);
    parts.push([
      's',
      `sum_over_time(${stepsSubquery(countedTileIncreaseExpr(counter, maintenance, tile), plan.steps)})`,
    ]);
  }
  return parts
    .map(
      ([name, expr]) => `label_replace(${negate ? `-(${expr})` : expr}, "${PART_LABEL}", "${prefix}${name}", "", "")`
    )
    .join(' or ');
}

/**
 * The series each counter of an SLI on counters reads in PromQL, by role: one selector each (the whole
 * selector, or one series of it), none for a role all of whose series were counted otherwise.
 */
export type CounterSelection = Partial<Record<CounterRole, VectorSelector[]>>;

/** What a replayed objective needs to know of its SLO. */
export interface ReplaySlo {
  uid: string;
  indicator: Indicator;
  timeSlices?: TimeSlices;
  maintenance?: readonly MaintenanceWindow[];
  /** Interval of the base rules: the step of a threshold SLI's samples. */
  evaluationInterval: string;
}

/** Whether the raw part of an SLO is counted exactly from its counters (and so has a head since the last tile). */
export function replaysCounters(slo: Pick<ReplaySlo, 'indicator' | 'timeSlices'>): boolean {
  return slo.timeSlices === undefined && counterSelectors(slo.indicator) !== undefined;
}

/**
 * Total and bad events of the raw plan, summed by the grouping labels. Counters: exact (see above).
 * Time slices: the slices over a subquery at the slice length, a slice counted at its end. Other SLIs:
 * the 5m rates over a subquery at a 5m step (consecutive 5m spans, each event counted once), outside
 * maintenance windows and the 5 minutes after each, as the rules' rates are.
 */
export function rawEventsExprs(
  slo: ReplaySlo,
  plan: RawPlan,
  selectors?: CounterSelection
): { total?: string; bad?: string } | undefined {
  const maintenance = slo.maintenance ?? [];
  const by = slo.indicator.groupBy;
  const counters = slo.timeSlices ? undefined : counterSelectors(slo.indicator);
  if (counters) {
    if (plan.edges.length === 0 && !plan.steps) {
      return undefined;
    }
    // Each counter is read once per query: the bad events are not guarded by the total here (the
    // caller counts an objective without total events as without traffic, and absent bad events as 0);
    // those of a good-based SLI are total - good in one sum, clamped at 0 by replayEventsExprs.
    // With `selectors`, each role reads only the series given (a union of their increases, whose label
    // sets differ), none where the list is empty.
    const increase = (role: CounterRole, prefix = 'r', negate = false) =>
      (selectors?.[role] ?? [counters[role]!])
        .map((counter) => rawCounterIncreaseExpr(counter, plan, maintenance, prefix, negate))
        .join(' or ');
    const sum = (...parts: string[]) => {
      const read = parts.filter((p) => p !== '');
      return read.length === 0 ? undefined : sumBy(by, read.join(' or '));
    };
    const total = sum(increase('total'));
    const bad = counters.bad ? sum(increase('bad')) : sum(increase('total', 't'), increase('good', 'g', true));
    return { ...(total !== undefined && { total }), ...(bad !== undefined && { bad }) };
  }
  if (!plan.steps) {
    return undefined;
  }
  const quiet =
    maintenance.length === 0 ? undefined : maintenanceActiveExpr(maintenance, { extendSeconds: RATE_WINDOW_SECONDS });
  if (slo.timeSlices) {
    const slice = outsideQuietExpr(sliceGoodExpr(slo.indicator, slo.timeSlices, slo.evaluationInterval), quiet);
    const sampled = stepsSubquery(slice, plan.steps);
    return {
      total: sumBy(by, `count_over_time(${sampled})`),
      bad: sumBy(by, `count_over_time(${sampled}) - sum_over_time(${sampled})`),
    };
  }
  const options = { evaluationInterval: slo.evaluationInterval };
  const events = (rate: string) =>
    `${sumBy(by, `sum_over_time(${stepsSubquery(outsideQuietExpr(rate, quiet), plan.steps!)})`)} * ${RATE_WINDOW_SECONDS}`;
  return { total: events(totalEventsExpr(slo.indicator, options)), bad: events(badEventsExpr(slo.indicator, options)) };
}

/** The step of the raw part of an SLI known by its rates: the rate window, or the slice. */
export function rateStepSeconds(slo: Pick<ReplaySlo, 'timeSlices'>): number {
  return slo.timeSlices?.windowSeconds ?? RATE_WINDOW_SECONDS;
}

/** The rate window, for documentation of the step above. */
export const RATE_STEP = RATE_WINDOW;

/**
 * The recorded part of a stitched window, (split, at]: the tiles recorded after the split (the tile at
 * the split itself is the raw part's), summed by the grouping labels whatever their period slot.
 */
function tilesAfterExpr(metric: string, slo: ReplaySlo, split: number, at: number): string {
  return sumBy(
    slo.indicator.groupBy,
    `sum_over_time(${recordedSelector(metric, slo.uid)}[${rangeWithoutStart(at - split)}] ${atTime(at)})`
  );
}

/**
 * The head of a stitched window of an SLI on counters: the events of a counter since the last roll-up,
 * the counter at `at` minus its snapshot there (a counter that reset since counts from its new value).
 */
function headAtExpr(counter: VectorSelector, role: CounterRole, slo: ReplaySlo, tile: Tile, at: number): string {
  const now = `${formatSelector(counter)} ${atTime(at)}`;
  const snapshot = `last_over_time(${recordedSelector(COUNTER_SNAPSHOTS[role].snapshot, slo.uid)}[${tile.lookback}] ${atTime(at)})`;
  const on = `ignoring (${SLO_LABELS.uid})`;
  return sumBy(slo.indicator.groupBy, `(${now} - ${on} ${snapshot} >= 0) or (${now} < ${on} ${snapshot})`);
}

/** One objective's window to replay: raw over the plan, and recorded tiles from `split` to `at` when stitched. */
export interface ReplayObjective {
  slo: ReplaySlo;
  /** The objective's window as its `slo_window` label writes it. */
  window: string;
  raw: RawPlan;
  /** Stitched: the tiles after this instant, and for counters the head since the last one, up to `at`. */
  recorded?: { split: number; at: number; tile: Tile };
  /**
   * SLIs on counters: the series the raw part reads (all of each selector when absent). Given, the
   * caller adds the counts of the other series and clamps the bad events of a good-based SLI itself.
   */
  rawSelectors?: CounterSelection;
}

function labelled(expr: string, name: string): string {
  return `label_replace(${expr}, "${PART_LABEL}", "${name}", "", "")`;
}

/**
 * Total and bad events over one objective's window, by the grouping labels: the raw part, plus the
 * recorded tiles and head when stitched, each part kept apart by a label so that an absent part counts
 * as zero. Bad events of a good-based SLI are clamped at 0 as the tiles are.
 */
export function replayEventsExprs(objective: ReplayObjective): { total?: string; bad?: string } | undefined {
  const { slo, recorded } = objective;
  const by = slo.indicator.groupBy;
  const raw = rawEventsExprs(slo, objective.raw, objective.rawSelectors);
  const totalParts: string[] = raw?.total !== undefined ? [labelled(raw.total, 'r')] : [];
  const badParts: string[] = raw?.bad !== undefined ? [labelled(raw.bad, 'r')] : [];
  const counters = replaysCounters(slo) ? counterSelectors(slo.indicator) : undefined;
  if (recorded) {
    if (recorded.at - recorded.split >= 0.002) {
      totalParts.push(labelled(tilesAfterExpr(SLO_METRICS.eventsTile, slo, recorded.split, recorded.at), 'w'));
      badParts.push(labelled(tilesAfterExpr(SLO_METRICS.badEventsTile, slo, recorded.split, recorded.at), 'w'));
    }
    if (counters) {
      const head = (counter: VectorSelector, role: CounterRole) =>
        headAtExpr(counter, role, slo, recorded.tile, recorded.at);
      totalParts.push(labelled(head(counters.total, 'total'), 'h'));
      if (counters.bad) {
        badParts.push(labelled(head(counters.bad, 'bad'), 'h'));
      } else {
        badParts.push(labelled(head(counters.total, 'total'), 'h'), labelled(`-${head(counters.good!, 'good')}`, 'h2'));
      }
    }
  }
  if (totalParts.length === 0 && badParts.length === 0) {
    return undefined;
  }
  const bad = badParts.length === 0 ? undefined : sumBy(by, badParts.join(' or '));
  const clamp = counters && !counters.bad && !objective.rawSelectors;
  return {
    ...(totalParts.length > 0 && { total: sumBy(by, totalParts.join(' or ')) }),
    ...(bad !== undefined && { bad: clamp ? `clamp_min(${bad}, 0)` : bad }),
  };
}

/** An expression labelled with its SLO and objective window, for the union of a batch. */
function withObjectiveLabels(expr: string, sloUid: string, window: string): string {
  return `label_replace(${labelledWithUid(expr, sloUid)}, "${SLO_LABELS.window}", ${quotePromqlString(window)}, "", "")`;
}

/**
 * Total and bad events of the windows of several objectives, in two queries: a union of the
 * objectives' expressions, each labelled with its slo_uid and slo_window (and its grouping labels).
 * Undefined when there is nothing to read.
 */
export function batchReplayExprs(objectives: readonly ReplayObjective[]): { total: string; bad: string } | undefined {
  const each = batchReplayParts(objectives);
  const total = each.flatMap((e) => (e.total === undefined ? [] : [e.total]));
  const bad = each.flatMap((e) => (e.bad === undefined ? [] : [e.bad]));
  if (total.length === 0 && bad.length === 0) {
    return undefined;
  }
  // A side with nothing to read asks for an empty vector.
  const union = (parts: string[]) => (parts.length === 0 ? 'vector(0) < 0' : parts.join(' or '));
  return { total: union(total), bad: union(bad) };
}

/**
 * The labelled expressions of batchReplayExprs, one per objective with something to read (either side may be
 * left to the counter reads), for queries split by size (promql/batches.ts).
 */
export function batchReplayParts(objectives: readonly ReplayObjective[]): Array<{ total?: string; bad?: string }> {
  return objectives.flatMap((o) => {
    const exprs = replayEventsExprs(o);
    if (exprs?.total === undefined && exprs?.bad === undefined) {
      return [];
    }
    return [
      {
        ...(exprs.total !== undefined && { total: withObjectiveLabels(exprs.total, o.slo.uid, o.window) }),
        ...(exprs.bad !== undefined && { bad: withObjectiveLabels(exprs.bad, o.slo.uid, o.window) }),
      },
    ];
  });
}

/**
 * Which of several SLOs had source data a day before `at`: the raw total events of a short span
 * ending then (10 minutes; a 5m rate step and more for SLIs known by their rates), labelled with
 * slo_uid, present where there was traffic. One query for all of them.
 */
export function dataADayAgoExpr(slos: readonly ReplaySlo[], at: number): string | undefined {
  const each = dataADayAgoParts(slos, at);
  return each.length === 0 ? undefined : each.join(' or ');
}

/** The labelled expressions of dataADayAgoExpr, one per SLO with source data, for queries split by size. */
export function dataADayAgoParts(slos: readonly ReplaySlo[], at: number): string[] {
  const dayAgo = at - 86400;
  return slos.flatMap((slo) => {
    const plan: RawPlan = replaysCounters(slo)
      ? { edges: [{ from: dayAgo - 600, to: dayAgo }] }
      : {
          edges: [],
          steps: {
            first: (Math.floor(dayAgo / rateStepSeconds(slo)) - 1) * rateStepSeconds(slo),
            last: Math.floor(dayAgo / rateStepSeconds(slo)) * rateStepSeconds(slo),
            stepSeconds: rateStepSeconds(slo),
          },
        };
    const raw = rawEventsExprs(slo, plan);
    return raw?.total !== undefined ? [labelledWithUid(`sum(${raw.total}) > 0`, slo.uid)] : [];
  });
}

/**
 * The error ratio of each of several SLOs over the `stepSeconds` before each instant it is evaluated at
 * (every step of a range query, or the instant of an instant query: the burn rate over 1h, 6h, 1d), from
 * the raw source series, labelled with slo_uid and summed over its groups; absent without traffic. The raw
 * twin of the report's errorRatioRangeQuery: over 5 minutes the 5m rates themselves, over longer the ratio
 * of their sums (a subquery at 5m); time slices as the share of bad slices. Outside maintenance windows and
 * the 5 minutes after each, as the rules' rates are. One query for all of them.
 */
export function rawErrorRatioExpr(slos: readonly ReplaySlo[], stepSeconds: number): string | undefined {
  const each = rawErrorRatioParts(slos, stepSeconds);
  return each.length === 0 ? undefined : each.join(' or ');
}

/** The labelled expressions of rawErrorRatioExpr, one per SLO, for queries split by size (promql/batches.ts). */
export function rawErrorRatioParts(slos: readonly ReplaySlo[], stepSeconds: number): string[] {
  return slos.map((slo) => {
    const maintenance = slo.maintenance ?? [];
    const quiet =
      maintenance.length === 0 ? undefined : maintenanceActiveExpr(maintenance, { extendSeconds: RATE_WINDOW_SECONDS });
    let ratio: string;
    if (slo.timeSlices) {
      const slice = outsideQuietExpr(sliceGoodExpr(slo.indicator, slo.timeSlices, slo.evaluationInterval), quiet);
      const sampled = `(${slice})[${rangeWithoutStart(Math.max(stepSeconds, slo.timeSlices.windowSeconds))}:${slo.timeSlices.window}]`;
      ratio = `sum(count_over_time(${sampled}) - sum_over_time(${sampled})) / (sum(count_over_time(${sampled})) > 0)`;
    } else {
      const options = { evaluationInterval: slo.evaluationInterval };
      const overStep = (rate: string) =>
        stepSeconds === RATE_WINDOW_SECONDS
          ? outsideQuietExpr(rate, quiet)
          : `sum_over_time((${outsideQuietExpr(rate, quiet)})[${rangeWithoutStart(stepSeconds)}:${RATE_WINDOW}])`;
      ratio = `sum(${overStep(badEventsExpr(slo.indicator, options))}) / (sum(${overStep(totalEventsExpr(slo.indicator, options))}) > 0)`;
    }
    return labelledWithUid(ratio, slo.uid);
  });
}

/**
 * The total and bad events of each of several SLOs in every step of a range query, from the raw source
 * series, labelled with slo_uid and summed over its groups: the 5m rates over the step (a subquery at 5m,
 * its start left out, so consecutive steps tile the range) times 300 s; time slices as the slices of the
 * step. Outside maintenance windows and the 5 minutes after each. The pages sum the steps of each window
 * into a budget history where the recorded one is missing; each raw sample is read once per query.
 */
export function rawStepEventsExprs(
  slos: readonly ReplaySlo[],
  stepSeconds: number
): { total: string; bad: string } | undefined {
  if (slos.length === 0) {
    return undefined;
  }
  const range = rangeWithoutStart(stepSeconds);
  const each = slos.map((slo) => {
    const maintenance = slo.maintenance ?? [];
    const quiet =
      maintenance.length === 0 ? undefined : maintenanceActiveExpr(maintenance, { extendSeconds: RATE_WINDOW_SECONDS });
    if (slo.timeSlices) {
      const slice = outsideQuietExpr(sliceGoodExpr(slo.indicator, slo.timeSlices, slo.evaluationInterval), quiet);
      const sampled = `(${slice})[${range}:${slo.timeSlices.window}]`;
      return {
        total: labelledWithUid(`sum(count_over_time(${sampled}))`, slo.uid),
        bad: labelledWithUid(`sum(count_over_time(${sampled}) - sum_over_time(${sampled}))`, slo.uid),
      };
    }
    const options = { evaluationInterval: slo.evaluationInterval };
    const events = (rate: string) =>
      labelledWithUid(
        `sum(sum_over_time((${outsideQuietExpr(rate, quiet)})[${range}:${RATE_WINDOW}])) * ${RATE_WINDOW_SECONDS}`,
        slo.uid
      );
    return {
      total: events(totalEventsExpr(slo.indicator, options)),
      bad: events(badEventsExpr(slo.indicator, options)),
    };
  });
  return { total: each.map((e) => e.total).join(' or '), bad: each.map((e) => e.bad).join(' or ') };
}
