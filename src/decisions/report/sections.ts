import { occurrencesBetween } from '../../slo/maintenance';
import { combineReadings, type EventKind, type MemberReading } from '../../slo/combined';
import type { Journey } from '../../slo/catalogue';
import type { MaintenanceWindow } from '../../slo/types';
import type { ReportRange } from './ranges';
import type { JourneyReport, MaintenanceInReport, ObjectiveReport } from './types';

/** The parts of a service's and a journey's section beyond their objectives: maintenance, combined readings. */

/** The occurrences of the SLOs' maintenance windows within the range, by start. */
export function maintenanceInRange(
  objectives: readonly ObjectiveReport[],
  range: ReportRange,
  windows: ReadonlyMap<string, readonly MaintenanceWindow[]> | undefined
): MaintenanceInReport[] {
  const slos = new Map(objectives.map((o) => [o.sloUid, o.sloName]));
  return [...slos.entries()]
    .flatMap(([sloUid, sloName]) =>
      occurrencesBetween(windows?.get(sloUid) ?? [], range.from.getTime() / 1000, range.to.getTime() / 1000).map(
        (o) => ({ sloUid, sloName, ...o })
      )
    )
    .sort((a, b) => a.startSeconds - b.startSeconds || a.sloName.localeCompare(b.sloName));
}

/** An objective of the report as a member of a combined set: its events and bad events of the range. */
export function objectiveMember(o: ObjectiveReport, eventKinds?: ReadonlyMap<string, EventKind>): MemberReading {
  return {
    key: `${o.sloUid}\u0000${o.window}`,
    sloUid: o.sloUid,
    name: o.sloName,
    window: o.window,
    target: o.target,
    events: o.events?.total,
    badEvents: o.events?.bad,
    kind: eventKinds?.get(o.sloUid),
    ...(o.unread !== undefined && { unread: o.unread }),
  };
}

/**
 * Each journey with a step in the report, over the objectives of its steps' SLOs (every window of each,
 * an SLO that is two steps once); steps whose SLO has no objective in the report are named apart.
 */
export function journeyReports(
  journeys: readonly Journey[],
  objectives: readonly ObjectiveReport[],
  eventKinds?: ReadonlyMap<string, EventKind>
): JourneyReport[] {
  return journeys.flatMap((journey) => {
    const uids = [...new Set(journey.steps.map((s) => s.sloUid))];
    const members = uids.flatMap((uid) =>
      objectives
        .filter((o) => o.sloUid === uid)
        .sort((a, b) => a.window.localeCompare(b.window))
        .map((o) => objectiveMember(o, eventKinds))
    );
    if (members.length === 0) {
      return [];
    }
    const inReport = new Set(members.map((m) => m.sloUid));
    return [
      {
        journey: journey.name,
        stepsNotInReport: journey.steps.filter((s) => !inReport.has(s.sloUid)).map((s) => s.title),
        combined: combineReadings(members),
      },
    ];
  });
}
