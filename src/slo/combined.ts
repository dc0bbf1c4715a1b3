/**
 * A combined view over a set of objectives (a user journey, a team, a service): the SLI and the error
 * budget of all their events together, each objective's weight in them, and which objective spends the
 * most. Pure: the overview, the journeys, the report and the CLI share it.
 *
 * The maths (docs/slo-maths.md, "Combined SLOs"), over the members i that have events:
 * - SLI = 1 - sum(bad_i) / sum(events_i): a ratio of sums, never a mean of the members' SLIs, so a member
 *   with a thousand times the traffic counts a thousand times as much;
 * - budget = sum(events_i x (1 - target_i)), the bad events the members are allowed together; spent =
 *   sum(bad_i) / budget (above 1 when overspent), remaining = 1 - spent;
 * - weight_i = events_i / sum(events); its share of the bad events = bad_i / sum(bad); of the budget =
 *   bad_i / budget. The member that spends the most is the one with the most bad events: its share of the
 *   combined budget is the largest, whatever share of its own budget that is.
 *
 * One member per objective: an SLO with two windows (30d and 7d) is two members, each against its own
 * target and over its own events. The same request counted by two SLOs (availability and latency) counts
 * once in each: the combined SLI is the share of (event, objective) pairs that were good.
 *
 * Events of different kinds do not add up. Ratio, latency and advanced SLIs count occurrences that
 * happened (requests, jobs, records, from counters); a threshold SLI counts one sample of a gauge per
 * series per evaluation, a number set by the evaluation interval and the number of series, not by any
 * traffic. A ratio of sums over both is meaningless, so a set combines the members that count requests
 * and lists the others apart with the reason; a set whose members all count samples combines those (the
 * same unit: gauge samples at the same evaluation interval).
 *
 * Sums and the allowed bad events are exact decimals (big.js: 0.999 of 1,000,000 events allows exactly
 * 1,000); no figure is ever NaN or Infinity: a set without events has no SLI and says so.
 */
import Big from 'big.js';
import type { IndicatorType, TimeSlices } from './types';
import { errorBudgetText } from './budget';

/** Our own big.js constructor, so that settings changed elsewhere (Big.DP, Big.strict) do not affect us. */
const Dec = Big();

/**
 * What one event of an SLI is: `requests` for occurrences the service counted (ratio, latency and
 * advanced SLIs: requests, jobs, records), `samples` for the samples of a gauge (threshold SLIs) or of a
 * precomputed error ratio (errorRatio SLIs).
 */
export type EventKind = 'requests' | 'samples' | 'slices';

/** A time-slice SLO counts slices of time, whatever its SLI: they add up with no other kind. */
export function eventKindOf(indicatorType: IndicatorType, timeSlices?: TimeSlices): EventKind {
  if (timeSlices) {
    return 'slices';
  }
  return indicatorType === 'threshold' || indicatorType === 'errorRatio' ? 'samples' : 'requests';
}

/** One objective of the set over the range, as read. */
export interface MemberReading {
  /** Unique within the set, e.g. the SLO's uid and the objective's window. */
  key: string;
  sloUid: string;
  /** How the member is shown, e.g. the SLO's display name. */
  name: string;
  /** The objective's window, e.g. "30d" or "month". */
  window: string;
  /** Exact decimal text in (0, 1), e.g. "0.999". */
  target: string;
  /** Events in the range; undefined, 0 or not a count: no data. */
  events?: number;
  /**
   * Bad events in the range. Undefined counts as 0 where there are events: the recorded bad events are
   * zero-filled where there is traffic. Above `events` (two extrapolated rates) it counts as `events`.
   */
  badEvents?: number;
  /** Undefined when the SLO's definition is not known (the report reads Prometheus only): counted as requests. */
  kind?: EventKind;
  /**
   * Why its events could not be read (its datasource did not answer): it is set apart with this reason,
   * never counted as a member without events.
   */
  unread?: string;
}

export interface CombinedMember extends MemberReading {
  events: number;
  badEvents: number;
  /** Share of the set's events. */
  weight: number;
  /** Share of the set's bad events; 0 when the set had none. */
  badShare: number;
  /** Bad events it is allowed: events x (1 - target), exact. */
  budgetEvents: number;
  /** Its bad events as a share of the set's budget. */
  budgetShare: number;
  /** Share of its own budget it spent (above 1 when overspent). */
  budgetConsumed: number;
}

export interface SetApartMember {
  member: MemberReading;
  reason: string;
}

export interface CombinedReading {
  /** The kind of the events combined; undefined for an empty set. */
  kind?: EventKind;
  /** The members combined, with events, in the order given. */
  members: CombinedMember[];
  /** Members of the combined kind without events in the range. */
  noData: MemberReading[];
  /** Members that cannot be combined with the others, each with the reason. */
  apart: SetApartMember[];
  /** Keys of the members combined without a known kind (assumed to count requests). */
  assumedKind: string[];
  /** Sums over the members combined: 0 without events. */
  events: number;
  badEvents: number;
  /** Undefined without events (no data: never NaN, never 100%). */
  sli?: number;
  /** Bad events allowed to the members together. */
  budgetEvents?: number;
  /** Share of the combined budget spent; above 1 when overspent. */
  budgetSpent?: number;
  /** 1 - budgetSpent; negative when overspent. */
  budgetRemaining?: number;
  /** The member with the most bad events (the largest share of the combined budget); none without bad events. */
  topSpender?: CombinedMember;
}

const APART_REASONS = {
  samples: 'counts samples of a gauge (a threshold SLI), not requests: its events do not add up with the others',
  slices: 'counts time slices (good minutes, say), not requests: they do not add up with the others',
  target: 'its target is not a ratio between 0 and 1',
} as const;

/** The target as a decimal in (0, 1), or undefined. */
function targetOf(target: string): Big | undefined {
  try {
    const value = new Dec(target.trim());
    return value.gt(0) && value.lt(1) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** A count of events, or undefined for none or not a count. */
function countOf(value: number | undefined): number | undefined {
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : undefined;
}

/** The reading with its counts as numbers or undefined, so that no NaN or Infinity given comes out. */
function cleaned(reading: MemberReading): MemberReading {
  const finiteOrUndefined = (value: number | undefined) =>
    value !== undefined && Number.isFinite(value) ? value : undefined;
  return { ...reading, events: finiteOrUndefined(reading.events), badEvents: finiteOrUndefined(reading.badEvents) };
}

/**
 * The kind the set combines: requests when any member counts requests (or is not known), else time
 * slices when any member counts them, else samples.
 */
function combinedKind(members: readonly MemberReading[]): EventKind | undefined {
  if (members.length === 0) {
    return undefined;
  }
  const kinds = new Set(members.map((m) => m.kind ?? 'requests'));
  return kinds.has('requests') ? 'requests' : kinds.has('slices') ? 'slices' : 'samples';
}

/** The combined figures of a set of objectives (see the top of this file). */
export function combineReadings(readings: readonly MemberReading[]): CombinedReading {
  const valid: Array<{ reading: MemberReading; target: Big }> = [];
  const apart: SetApartMember[] = [];
  for (const reading of readings) {
    const target = targetOf(reading.target);
    if (reading.unread !== undefined) {
      apart.push({ member: cleaned(reading), reason: `not read: ${reading.unread}` });
    } else if (target) {
      valid.push({ reading, target });
    } else {
      apart.push({ member: cleaned(reading), reason: APART_REASONS.target });
    }
  }
  const kind = combinedKind(valid.map((v) => v.reading));
  const noData: MemberReading[] = [];
  const counted: Array<{ reading: MemberReading; target: Big; events: Big; bad: Big }> = [];
  for (const { reading, target } of valid) {
    if ((reading.kind ?? 'requests') !== kind) {
      apart.push({ member: cleaned(reading), reason: APART_REASONS[reading.kind === 'slices' ? 'slices' : 'samples'] });
      continue;
    }
    const events = countOf(reading.events);
    if (events === undefined) {
      noData.push(cleaned(reading));
      continue;
    }
    const bad = Math.min(countOf(reading.badEvents) ?? 0, events);
    counted.push({ reading, target, events: new Dec(events), bad: new Dec(bad) });
  }
  // Kept in the order given, so that a caller's order (journey steps, names) holds.
  const order = new Map(readings.map((r, i) => [r.key, i]));
  apart.sort((a, b) => (order.get(a.member.key) ?? 0) - (order.get(b.member.key) ?? 0));

  const events = counted.reduce((sum, c) => sum.plus(c.events), new Dec(0));
  const bad = counted.reduce((sum, c) => sum.plus(c.bad), new Dec(0));
  const allowed = counted.map((c) => c.events.times(errorBudgetText(c.target)));
  const budget = allowed.reduce((sum, a) => sum.plus(a), new Dec(0));
  const members = counted.map((c, i): CombinedMember => ({
    ...c.reading,
    events: c.events.toNumber(),
    badEvents: c.bad.toNumber(),
    weight: c.events.div(events).toNumber(),
    badShare: bad.gt(0) ? c.bad.div(bad).toNumber() : 0,
    budgetEvents: allowed[i].toNumber(),
    budgetShare: c.bad.div(budget).toNumber(),
    budgetConsumed: c.bad.div(allowed[i]).toNumber(),
  }));
  const assumedKind = counted.filter((c) => c.reading.kind === undefined).map((c) => c.reading.key);
  const base = { kind, members, noData, apart, assumedKind, events: events.toNumber(), badEvents: bad.toNumber() };
  if (members.length === 0) {
    return base;
  }
  const spent = bad.div(budget);
  return {
    ...base,
    sli: new Dec(1).minus(bad.div(events)).toNumber(),
    budgetEvents: budget.toNumber(),
    budgetSpent: spent.toNumber(),
    budgetRemaining: new Dec(1).minus(spent).toNumber(),
    topSpender: topSpender(members),
  };
}

/** Most bad events; of equal ones, the one that spent more of its own budget, then the first. */
function topSpender(members: readonly CombinedMember[]): CombinedMember | undefined {
  let top: CombinedMember | undefined;
  for (const m of members) {
    if (
      m.badEvents > 0 &&
      (!top || m.badEvents > top.badEvents || (m.badEvents === top.badEvents && m.budgetConsumed > top.budgetConsumed))
    ) {
      top = m;
    }
  }
  return top;
}

/** True when the set had events to combine. */
export function hasCombinedData(reading: CombinedReading): boolean {
  return reading.sli !== undefined;
}

/** Why a set shows no combined figures: no members, none combinable, or no events. */
/**
 * Why a set has no combined figures on the overview and the journeys: it reads the window sums, which the rules record once
 * per tile (up to an hour), so a new SLO or one whose rules are not deployed has none yet.
 */
export const WINDOW_SUMS_MISSING = 'no window sums recorded yet: the rules roll them up once per tile';

export function noCombinedDataReason(
  reading: CombinedReading,
  noEvents = 'no events in the range'
): string | undefined {
  if (hasCombinedData(reading)) {
    return undefined;
  }
  if (reading.kind === undefined) {
    if (reading.apart.length > 0 && reading.apart.every((a) => a.member.unread !== undefined)) {
      return 'not read: the datasource did not answer';
    }
    return reading.apart.length > 0 ? 'no objective can be combined' : 'no objectives';
  }
  return noEvents;
}

/** How many SLOs of the set could not be read (their datasource did not answer): its figures leave them out. */
export function unreadSloCount(reading: CombinedReading): number {
  return new Set(reading.apart.filter((a) => a.member.unread !== undefined).map((a) => a.member.sloUid)).size;
}
