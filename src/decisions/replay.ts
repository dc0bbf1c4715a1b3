import type { Slo, SloWindow } from '../slo/types';
import { windowSeconds, windowToText } from '../slo/values';
import { errorBudgetRatio } from '../slo/budget';
import { sloAt } from '../slo/phases';
import { SLO_LABELS, tileFor, TILES, type Tile } from '../promql/slo';
import {
  batchReplayParts,
  dataADayAgoParts,
  firstSourceDataExpr,
  firstTileExpr,
  FIRST_DATA_STEP_SECONDS,
  sourceDataLongAgoExpr,
  tilesLongAgoExpr,
  rateStepSeconds,
  replaysCounters,
  type CounterSelection,
  type RawPlan,
  type ReplayObjective,
} from '../promql/replay';
import { DEFAULT_EVALUATION_INTERVAL } from '../rules/build';
import { counterSelectors } from '../promql/sli';
import { batchAnswers, batchesWithin, batchQueries, joinWithin } from '../promql/batches';
import type { LabelledValue } from './serviceReadings';
import {
  countCounters,
  counterReadQueries,
  mergeCounts,
  planCounterReads,
  spansOutsideMaintenance,
} from './replayCounters';

export { spansOutsideMaintenance };

/**
 * Replay: the window figure of every objective of a batch of SLOs at an instant, from whichever source
 * holds it. Rules that have recorded for a whole window give the recorded figure; rules that started
 * less than a window ago give a figure stitched exactly from the raw source series before their first
 * tile and the recorded tiles after it; an SLO without rules gives the raw figure over the whole
 * window. Planning and combining are pure; the queries run through a ReplayRunner, so the pages and
 * the CLI share them.
 */

/** Where a window figure came from. */
export type FigureSource = 'recorded' | 'stitched' | 'raw';

/** Runs instant queries (their expressions pin their own instants with `@`), by refId. */
export type ReplayRunner = (
  queries: Array<{ refId: string; expr: string }>,
  signal?: AbortSignal
) => Promise<Record<string, LabelledValue[]>>;

export interface ObjectivePlan {
  sloUid: string;
  /** The objective's window as its `slo_window` label writes it. */
  window: string;
  source: FigureSource;
  /** The instant of the oldest tile of the SLO's rules found, when they record. */
  recordedSince?: number;
  /** The window: (from, at]. */
  from: number;
  at: number;
  /** Stitched: the raw source counts (from, split], the recorded tiles (split, at]. */
  split?: number;
  /** What to query; absent for a recorded figure (the recorded series hold it). */
  query?: ReplayObjective;
}

const WEEK_SECONDS = 7 * 86400;

/** The start of the calendar period (UTC month, or week from Monday) that holds `at`. */
export function periodStart(unit: 'week' | 'month', at: number): number {
  if (unit === 'month') {
    const date = new Date(at * 1000);
    return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1) / 1000;
  }
  // 1970-01-01 was a Thursday: Mondays are 3 days after multiples of a week, plus 4 days.
  return Math.floor((at - 4 * 86400) / WEEK_SECONDS) * WEEK_SECONDS + 4 * 86400;
}

/** The start of an objective's window ending at `at`. */
export function windowStart(window: SloWindow, at: number): number {
  return window.kind === 'rolling' ? at - window.seconds : periodStart(window.unit, at);
}

/** The tile of an SLO's roll-up group, as the rules choose it. */
export function sloTile(slo: Slo): Tile {
  const exact =
    !slo.timeSlices && counterSelectors(slo.indicator) !== undefined && (slo.maintenance ?? []).length === 0;
  return tileFor(
    exact,
    slo.objectives.map((o) => o.window)
  );
}

/** The raw plan of an SLI known by its rates or slices: the steps of the rate window or slice ending in (from, to]. */
function rateStepsPlan(slo: Pick<Slo, 'timeSlices'>, from: number, to: number): RawPlan {
  const step = rateStepSeconds(slo);
  const first = (Math.floor(from / step) + 1) * step;
  const last = Math.floor(to / step) * step;
  return { edges: [], ...(first <= last && { steps: { first, last, stepSeconds: step } }) };
}

/**
 * The raw part (from, to] of an SLO's window. Counters: whole steps of one tile at multiples of the
 * tile (a subquery's steps), each the counters' increase over the tile before it, and the exact edges
 * before the first and after the last, less the maintenance windows. Other SLIs: the steps of their
 * rate window (or slice) that end in the span.
 */
export function rawPlan(slo: Slo, from: number, to: number): RawPlan {
  if (!(to > from)) {
    return { edges: [] };
  }
  if (!replaysCounters(slo)) {
    return rateStepsPlan(slo, from, to);
  }
  const step = sloTile(slo).seconds;
  const first = Math.ceil((from + step) / step) * step;
  const last = Math.floor(to / step) * step;
  if (first > last) {
    return { edges: spansOutsideMaintenance({ from, to }, slo) };
  }
  const edges = [
    ...spansOutsideMaintenance({ from, to: first - step }, slo),
    ...spansOutsideMaintenance({ from: last, to }, slo),
  ];
  return { edges, steps: { first, last, stepSeconds: step } };
}

/**
 * The plan of the span (from, at] of an SLO, keyed `window`, given the oldest tile of its rules (`first`;
 * undefined where they do not record): recorded where the tiles reach the whole span and a tile back (the
 * window sum and its start exist), stitched after the first tile past the span's start where they started
 * later (that tile itself may hold more than a tile, so the raw part counts it), raw over the whole span
 * where there are no tiles. `slo`: as in force at `at`.
 */
export function planSpan(
  slo: Slo,
  span: { window: string; from: number; at: number },
  first: number | undefined,
  evaluationInterval = DEFAULT_EVALUATION_INTERVAL
): ObjectivePlan {
  const tile = sloTile(slo);
  const replaySlo = { ...slo, evaluationInterval };
  const { window, from, at } = span;
  const base = { sloUid: slo.uid, window, from, at };
  if (first === undefined) {
    return { ...base, source: 'raw', query: { slo: replaySlo, window, raw: rawPlan(slo, from, at) } };
  }
  if (first <= from - tile.seconds) {
    return { ...base, source: 'recorded', recordedSince: first };
  }
  // The first tile after the span's start, on the grid of the tiles.
  const split = first > from ? first : first + (Math.floor((from - first) / tile.seconds) + 1) * tile.seconds;
  if (split > at) {
    return {
      ...base,
      source: 'raw',
      recordedSince: first,
      query: { slo: replaySlo, window, raw: rawPlan(slo, from, at) },
    };
  }
  return {
    ...base,
    source: 'stitched',
    recordedSince: first,
    split,
    query: { slo: replaySlo, window, raw: rawPlan(slo, from, split), recorded: { split, at, tile } },
  };
}

/**
 * The plan of every objective of the SLOs at `at`, given the oldest tile of each SLO's rules
 * (`firstTiles`, by uid; absent where they do not record): each objective's window planned by planSpan.
 */
export function planReplay(
  slos: readonly Slo[],
  at: number,
  firstTiles: ReadonlyMap<string, number>,
  evaluationInterval = DEFAULT_EVALUATION_INTERVAL
): ObjectivePlan[] {
  return slos.flatMap((slo) =>
    slo.objectives.map((objective) =>
      planSpan(
        slo,
        { window: windowToText(objective.window), from: windowStart(objective.window, at), at },
        firstTiles.get(slo.uid),
        evaluationInterval
      )
    )
  );
}

/** How far back the first tiles are looked for: the longest window (a month: 31 days) and two hour tiles. */
export function firstTileRangeSeconds(slos: readonly Slo[]): number {
  const longest = Math.max(
    0,
    ...slos.flatMap((s) =>
      s.objectives.map((o) => (o.window.kind === 'calendar' ? 31 * 86400 : windowSeconds(o.window)))
    )
  );
  // Two tiles: a recorded window needs a tile at least a tile before its start, and the search must reach
  // one tile further to find it wherever the tiles' grid falls.
  return longest + 2 * TILES.hour.seconds;
}

export const FIRST_TILES_REF = 'REPLAY_FIRST_TILES';
export const TILES_LONG_AGO_REF = 'REPLAY_TILES_LONG_AGO';
export const REPLAY_TOTAL_REF = 'REPLAY_TOTAL';
export const REPLAY_BAD_REF = 'REPLAY_BAD';
export const REPLAY_DAY_OLD_REF = 'REPLAY_DAY_OLD';

/** The query of the oldest tile of each SLO within reach. */
export function firstTilesQuery(slos: readonly Slo[], at: number): { refId: string; expr: string } | undefined {
  return slos.length === 0
    ? undefined
    : {
        refId: FIRST_TILES_REF,
        expr: firstTileExpr(
          slos.map((s) => s.uid),
          firstTileRangeSeconds(slos),
          at
        ),
      };
}

/** The answer of firstTilesQuery (or of the first source data) by uid: seconds since the epoch. */
export function instantsByUid(samples: readonly LabelledValue[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const s of samples) {
    const uid = s.labels[SLO_LABELS.uid];
    if (uid !== undefined && Number.isFinite(s.value)) {
      out.set(uid, s.value);
    }
  }
  return out;
}

/**
 * The two queries (total and bad events) of every objective that is not recorded, each split by size into
 * batches (promql/batches.ts: read them back with batchAnswers); none when all are recorded.
 * `selections` (by plan index): the series of each counter that the raw part of an objective on counters
 * reads (readReplayEvents counts the others); all of them without.
 */
export function replayQueries(
  plans: readonly ObjectivePlan[],
  selections?: ReadonlyMap<number, CounterSelection>
): Array<{ refId: string; expr: string }> {
  const parts = batchReplayParts(
    plans.flatMap((p, i) => {
      const rawSelectors = selections?.get(i);
      return p.query ? [rawSelectors ? { ...p.query, rawSelectors } : p.query] : [];
    })
  );
  const side = (pick: (part: { total?: string; bad?: string }) => string | undefined) =>
    joinWithin(
      parts.flatMap((part) => pick(part) ?? []),
      ' or '
    );
  return [
    ...batchQueries(
      REPLAY_TOTAL_REF,
      side((p) => p.total)
    ),
    ...batchQueries(
      REPLAY_BAD_REF,
      side((p) => p.bad)
    ),
  ];
}

export function objectiveKey(sloUid: string, window: string): string {
  return `${sloUid}\u0000${window}`;
}

/** A window figure of an objective that was replayed (stitched or raw). */
export interface ReplayedFigure {
  sloUid: string;
  window: string;
  source: Exclude<FigureSource, 'recorded'>;
  recordedSince?: number;
  /** Events and bad events of the window, over all its groups; undefined without traffic. */
  events?: number;
  badEvents?: number;
}

/**
 * The replayed figures by objective key from the answers of replayQueries: each objective's groups
 * summed. An objective whose window had no traffic has no events.
 */
export function combineReplay(
  plans: readonly ObjectivePlan[],
  totals: readonly LabelledValue[],
  bads: readonly LabelledValue[]
): Map<string, ReplayedFigure> {
  const sum = (samples: readonly LabelledValue[]) => {
    const out = new Map<string, number>();
    for (const s of samples) {
      const uid = s.labels[SLO_LABELS.uid];
      const window = s.labels[SLO_LABELS.window];
      if (uid !== undefined && window !== undefined && Number.isFinite(s.value)) {
        const key = objectiveKey(uid, window);
        out.set(key, (out.get(key) ?? 0) + s.value);
      }
    }
    return out;
  };
  const total = sum(totals);
  const bad = sum(bads);
  const out = new Map<string, ReplayedFigure>();
  for (const plan of plans) {
    if (plan.source === 'recorded') {
      continue;
    }
    const key = objectiveKey(plan.sloUid, plan.window);
    const events = total.get(key);
    const withTraffic = events !== undefined && events > 0;
    out.set(key, {
      sloUid: plan.sloUid,
      window: plan.window,
      source: plan.source,
      ...(plan.recordedSince !== undefined && { recordedSince: plan.recordedSince }),
      ...(withTraffic && { events, badEvents: Math.max(bad.get(key) ?? 0, 0) }),
    });
  }
  return out;
}

/** 1 - budget consumed of a replayed figure, against the target in force at its instant; undefined without traffic. */
export function replayedBudgetRemaining(figure: ReplayedFigure, target: string): number | undefined {
  if (figure.events === undefined || figure.badEvents === undefined) {
    return undefined;
  }
  return 1 - figure.badEvents / figure.events / errorBudgetRatio(target);
}

export interface Replay {
  at: number;
  plans: ObjectivePlan[];
  figures: Map<string, ReplayedFigure>;
  /**
   * With `dayOld`: the uids of the replayed SLOs whose source series had traffic a day before `at`
   * (a day of raw data counts as a day of figures).
   */
  dataADayAgo?: Set<string>;
}

/**
 * The oldest tile of each SLO's rules within `rangeSeconds` before `at`, by uid (absent where they do not
 * record). SLOs recording since before the range need no search for their first tile, which reads every
 * step of the range: the cheap question first (their first tile is then taken as the range's start), the
 * costly one only for the others. One or two requests.
 */
export async function readFirstTiles(
  slos: readonly Slo[],
  at: number,
  rangeSeconds: number,
  run: ReplayRunner,
  signal?: AbortSignal
): Promise<Map<string, number>> {
  const uids = slos.map((s) => s.uid);
  if (uids.length === 0) {
    return new Map();
  }
  const longAgo = await run(
    batchQueries(
      TILES_LONG_AGO_REF,
      batchesWithin(uids, (batch) => tilesLongAgoExpr(batch, rangeSeconds, at))
    ),
    signal
  );
  const old = new Set(batchAnswers(longAgo, TILES_LONG_AGO_REF).map((s) => s.labels[SLO_LABELS.uid]));
  const firstTiles = new Map([...old].flatMap((uid) => (uid === undefined ? [] : [[uid, at - rangeSeconds] as const])));
  const young = uids.filter((uid) => !old.has(uid));
  if (young.length > 0) {
    const answer = await run(
      batchQueries(
        FIRST_TILES_REF,
        batchesWithin(young, (batch) => firstTileExpr(batch, rangeSeconds, at))
      ),
      signal
    );
    for (const [uid, seconds] of instantsByUid(batchAnswers(answer, FIRST_TILES_REF))) {
      firstTiles.set(uid, seconds);
    }
  }
  return firstTiles;
}

export const SOURCE_DATA_LONG_AGO_REF = 'REPLAY_SOURCE_LONG_AGO';
export const FIRST_SOURCE_DATA_REF = 'REPLAY_FIRST_SOURCE_DATA';

/**
 * When the source data of each time-slice SLO whose plan reads raw data began, where it began since the
 * earliest start of their raw parts (seconds, by uid; absent for older data), and which SLOs have no source
 * data since then. A first cheap read says which SLOs had data that long ago; only the others are searched.
 */
export async function readFirstSourceData(
  plans: readonly ObjectivePlan[],
  at: number,
  run: ReplayRunner,
  signal?: AbortSignal
): Promise<{ firstData: Map<string, number>; without: Set<string> }> {
  const slicePlans = plans.filter((p) => p.query?.slo.timeSlices);
  const slos = [...new Map(slicePlans.map((p) => [p.sloUid, p.query!.slo] as const)).values()];
  const without = new Set<string>();
  if (slos.length === 0) {
    return { firstData: new Map(), without };
  }
  const rangeSeconds = at - Math.min(...slicePlans.map((p) => p.from));
  const uidsOf = (answers: Record<string, LabelledValue[]>, refId: string) =>
    new Set(batchAnswers(answers, refId).map((s) => s.labels[SLO_LABELS.uid] ?? ''));
  const longAgo = uidsOf(
    await run(
      batchQueries(
        SOURCE_DATA_LONG_AGO_REF,
        joinWithin(
          slos.map((slo) => sourceDataLongAgoExpr(slo, rangeSeconds, at)),
          ' or '
        )
      ),
      signal
    ),
    SOURCE_DATA_LONG_AGO_REF
  );
  const young = slos.filter((slo) => !longAgo.has(slo.uid));
  if (young.length === 0) {
    return { firstData: new Map(), without };
  }
  const answers = await run(
    batchQueries(
      FIRST_SOURCE_DATA_REF,
      joinWithin(
        young.map((slo) => firstSourceDataExpr(slo, rangeSeconds, at)),
        ' or '
      )
    ),
    signal
  );
  const firstData = instantsByUid(batchAnswers(answers, FIRST_SOURCE_DATA_REF));
  for (const slo of young) {
    if (!firstData.has(slo.uid)) {
      without.add(slo.uid);
    }
  }
  return { firstData, without };
}

/**
 * The plans with the raw part of each time-slice SLO cut to its source data: from a step before the first
 * step that saw any (the slices before hold no data, and replaying a month of empty one-minute slices is
 * what makes a young setup slow), none for an SLO without source data in the window.
 */
export function boundBySourceData(
  plans: readonly ObjectivePlan[],
  firstData: ReadonlyMap<string, number>,
  without: ReadonlySet<string>
): ObjectivePlan[] {
  return plans.map((plan) => {
    const query = plan.query;
    if (!query?.slo.timeSlices) {
      return plan;
    }
    const end = plan.split ?? plan.at;
    const first = firstData.get(plan.sloUid);
    const start = without.has(plan.sloUid)
      ? end
      : first === undefined
        ? plan.from
        : Math.max(plan.from, first - FIRST_DATA_STEP_SECONDS);
    return start === plan.from ? plan : { ...plan, query: { ...query, raw: rateStepsPlan(query.slo, start, end) } };
  });
}

/**
 * Plans and reads the window figures of the SLOs at `at` (seconds): one request for the first tiles,
 * one with two queries for every objective that needs the raw source series (none when all record).
 * The targets are those in force at `at`.
 */
export async function readReplay(
  slos: readonly Slo[],
  at: number,
  run: ReplayRunner,
  options: { evaluationInterval?: string; signal?: AbortSignal; dayOld?: boolean; rawOnly?: boolean } = {}
): Promise<Replay> {
  if (slos.length === 0) {
    return { at, plans: [], figures: new Map() };
  }
  if (options.rawOnly) {
    // The caller found no recorded figure where the tiles say there should be one (a gap in the recording,
    // such as the minutes after Prometheus restarts): the whole window from raw data.
    return readPlans(
      planReplay(
        slos.map((s) => sloAt(s, at)),
        at,
        new Map(),
        options.evaluationInterval
      ),
      at,
      run,
      options
    );
  }
  const firstTiles = await readFirstTiles(slos, at, firstTileRangeSeconds(slos), run, options.signal);
  const plans = planReplay(
    slos.map((s) => sloAt(s, at)),
    at,
    firstTiles,
    options.evaluationInterval
  );
  return readPlans(plans, at, run, options);
}

/** The events of the planned objectives that are not recorded, by objective and group, as combineReplay takes them. */
export interface ReplayEvents {
  totals: LabelledValue[];
  bads: LabelledValue[];
  /** The answers of `extra`, by refId. */
  extra: Record<string, LabelledValue[]>;
}

/**
 * Reads the events of every planned objective that is not recorded: first one cheap read per counter
 * selector of the SLIs on counters (replayCounters.ts: the series without a reset are counted from their
 * values at the span ends), then the two replay queries for the rest (the other series, the recorded
 * parts, the SLIs known by their rates), with `extra` queries beside them. One request when no SLI is on
 * counters, two otherwise.
 */
export async function readReplayEvents(
  plans: readonly ObjectivePlan[],
  run: ReplayRunner,
  options: { signal?: AbortSignal; extra?: Array<{ refId: string; expr: string }> } = {}
): Promise<ReplayEvents> {
  const reads = planCounterReads(plans);
  const counted =
    reads.length === 0 ? undefined : countCounters(plans, reads, await run(counterReadQueries(reads), options.signal));
  const queries = [...replayQueries(plans, counted?.selections), ...(options.extra ?? [])];
  const answers = queries.length === 0 ? {} : await run(queries, options.signal);
  return {
    totals: mergeCounts(plans, [batchAnswers(answers, REPLAY_TOTAL_REF), counted?.totals ?? []], false),
    bads: mergeCounts(plans, [batchAnswers(answers, REPLAY_BAD_REF), counted?.bads ?? []], counted !== undefined),
    extra: answers,
  };
}

/**
 * Reads the raw parts of the planned objectives: one request, one before it for SLIs on counters, and for
 * time-slice SLOs one or two before those to find where their source data began (boundBySourceData).
 */
export async function readPlans(
  planned: ObjectivePlan[],
  at: number,
  run: ReplayRunner,
  options: { signal?: AbortSignal; dayOld?: boolean }
): Promise<Replay> {
  if (!planned.some((p) => p.query)) {
    return { at, plans: planned, figures: new Map() };
  }
  const sources = await readFirstSourceData(planned, at, run, options.signal);
  const plans = boundBySourceData(planned, sources.firstData, sources.without);
  // One entry per SLO whose figures are replayed.
  const replayed = [...new Map(plans.flatMap((p) => (p.query ? [[p.sloUid, p.query.slo] as const] : []))).values()];
  const dayOld = options.dayOld
    ? batchQueries(REPLAY_DAY_OLD_REF, joinWithin(dataADayAgoParts(replayed, at), ' or '))
    : [];
  const events = await readReplayEvents(plans, run, { signal: options.signal, extra: dayOld });
  return {
    at,
    plans,
    figures: combineReplay(plans, events.totals, events.bads),
    ...(dayOld.length > 0 && {
      dataADayAgo: new Set(batchAnswers(events.extra, REPLAY_DAY_OLD_REF).map((s) => s.labels[SLO_LABELS.uid] ?? '')),
    }),
  };
}

/** The words a page shows for the source of a window figure: a short marker and a sentence. */
export interface FigureSourceWords {
  marker: string;
  detail: string;
}

function utcMinute(seconds: number): string {
  return `${new Date(Math.floor(seconds / 60) * 60_000).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/**
 * Says where an objective's window figure came from, in plain words; undefined for a recorded figure,
 * which needs no note. `window`: its text ("30d", "month").
 */
export function describeFigureSource(
  source: FigureSource | undefined,
  window: string,
  recordedSince?: number
): FigureSourceWords | undefined {
  switch (source) {
    case 'raw':
      return {
        marker: 'from raw data',
        detail:
          `Computed from the raw source series over the whole ${window} window: no recording of this SLO's rules was found. ` +
          `Once its rules run, the recorded figures take over after ${window}.`,
      };
    case 'stitched':
      return {
        marker: 'raw + recorded',
        detail:
          `From raw data until the rules have run ${window}: the source series before the rules' first tile` +
          (recordedSince !== undefined ? ` (${utcMinute(recordedSince)})` : '') +
          ', the recorded tiles after it, counted exactly.',
      };
    default:
      return undefined;
  }
}
