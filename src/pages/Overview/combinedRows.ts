import type { InstantSample } from '../../api/query';
import { SLO_LABELS } from '../../promql/slo';
import { windowToText } from '../../slo/values';
import type { Journey } from '../../slo/catalogue';
import { combineReadings, eventKindOf, type CombinedReading, type MemberReading } from '../../slo/combined';
import type { OverviewRow } from './overviewRows';
import type { Replay } from '../../decisions/replay';

/** Events and bad events over an objective's window, by `slo_uid` and `slo_window` (see objectiveKey). */
export type WindowEvents = Map<string, { events?: number; badEvents?: number }>;

export function objectiveKey(sloUid: string, window: string): string {
  return `${sloUid}\u0000${window}`;
}

const finite = (value: number) => (Number.isFinite(value) ? value : undefined);

/** The answers of the two window sum queries (batchWindowSumExpr) by objective. */
export function windowEventsByObjective(events: InstantSample[], badEvents: InstantSample[]): WindowEvents {
  const out: WindowEvents = new Map();
  const add = (samples: InstantSample[], field: 'events' | 'badEvents') => {
    for (const s of samples) {
      const uid = s.labels[SLO_LABELS.uid];
      const window = s.labels[SLO_LABELS.window];
      if (uid !== undefined && window !== undefined) {
        const key = objectiveKey(uid, window);
        out.set(key, { ...out.get(key), [field]: finite(s.value) });
      }
    }
  };
  add(events, 'events');
  add(badEvents, 'badEvents');
  return out;
}

/**
 * The window events with those of every replayed objective (decisions/replay.ts: raw or stitched where
 * the rules have not recorded a whole window) in place of the recorded sums, which cover less.
 */
export function withReplayedEvents(windowEvents: WindowEvents, replay: Replay): WindowEvents {
  const out: WindowEvents = new Map(windowEvents);
  for (const [key, figure] of replay.figures) {
    out.set(key, { events: figure.events, badEvents: figure.badEvents });
  }
  return out;
}

/**
 * Each SLO's objectives as members of a combined set, by SLO uid: the targets in force now (the rows
 * hold the SLOs as of now), the events of each objective's own window up to its last roll-up. `unread`:
 * why an SLO's events could not be read (its datasource did not answer), by uid.
 */
export function objectiveMembers(
  rows: readonly OverviewRow[],
  windowEvents: WindowEvents,
  unread: ReadonlyMap<string, string> = new Map()
): Map<string, MemberReading[]> {
  return new Map(
    rows.map((row) => [
      row.slo.uid,
      row.slo.objectives.map((objective): MemberReading => {
        const window = windowToText(objective.window);
        const key = objectiveKey(row.slo.uid, window);
        const counts = windowEvents.get(key);
        return {
          key,
          sloUid: row.slo.uid,
          name: row.slo.displayName ?? row.slo.name,
          window,
          target: objective.target,
          events: counts?.events,
          badEvents: counts?.badEvents,
          kind: eventKindOf(row.slo.indicator.type, row.slo.timeSlices),
          ...(unread.has(row.slo.uid) && { unread: unread.get(row.slo.uid) }),
        };
      }),
    ])
  );
}

export const COMBINE_BY = ['service', 'team', 'journey'] as const;
export type CombineBy = (typeof COMBINE_BY)[number];

export function isCombineBy(value: unknown): value is CombineBy {
  return typeof value === 'string' && (COMBINE_BY as readonly string[]).includes(value);
}

export interface CombinedGroup {
  /** The service, the team or the journey. */
  name: string;
  /** The SLOs of the group among the rows, in the rows' order (a journey's: in its steps' order). */
  sloUids: string[];
  combined: CombinedReading;
}

/**
 * One group per service, team or journey of the rows (SLOs without a team are left out of the teams;
 * a journey counts its steps found among the rows, each SLO once), with the combined figures of all
 * their objectives: the least budget remaining first, groups without data last, then by name.
 */
export function combinedGroups(
  rows: readonly OverviewRow[],
  members: ReadonlyMap<string, MemberReading[]>,
  by: CombineBy,
  journeys: readonly Journey[] = []
): CombinedGroup[] {
  const groups = new Map<string, string[]>();
  if (by === 'journey') {
    const shown = new Set(rows.map((r) => r.slo.uid));
    for (const journey of journeys) {
      const uids = [...new Set(journey.steps.map((s) => s.sloUid))].filter((uid) => shown.has(uid));
      if (uids.length > 0) {
        groups.set(journey.name, uids);
      }
    }
  } else {
    for (const row of rows) {
      const name = by === 'service' ? row.slo.service : row.team;
      if (name !== undefined && name !== '') {
        groups.set(name, [...(groups.get(name) ?? []), row.slo.uid]);
      }
    }
  }
  const out = [...groups.entries()].map(([name, sloUids]) => ({
    name,
    sloUids,
    combined: combineReadings(sloUids.flatMap((uid) => members.get(uid) ?? [])),
  }));
  const remaining = (g: CombinedGroup) => g.combined.budgetRemaining ?? Infinity;
  return out.sort((a, b) => remaining(a) - remaining(b) || a.name.localeCompare(b.name));
}
