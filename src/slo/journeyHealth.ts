/**
 * The health of a user journey: its worst step. A step without data is shown as "no data", never as
 * healthy, and a journey with such a step is not healthy either. Besides the worst step, the combined
 * SLI and budget of all its steps' events (slo/combined.ts).
 */
import type { BudgetStatus } from './budget';
import type { Journey } from './catalogue';
import { combineReadings, type CombinedReading, type MemberReading } from './combined';

export type StepStatus = BudgetStatus | 'no-data';

/**
 * Worst last. "no-data" ranks above healthy (it may hide a failure) and below every known problem
 * (a step known to burn its budget says more than a step we cannot read).
 */
export const STATUS_BADNESS: readonly StepStatus[] = [
  'healthy',
  'no-data',
  'attention',
  'warning',
  'critical',
  'exhausted',
];

export function worstStatus(statuses: readonly StepStatus[]): StepStatus | undefined {
  let worst: StepStatus | undefined;
  for (const status of statuses) {
    if (worst === undefined || STATUS_BADNESS.indexOf(status) > STATUS_BADNESS.indexOf(worst)) {
      worst = status;
    }
  }
  return worst;
}

export interface StepHealth {
  title: string;
  sloUid: string;
  /** "no-data" also when the SLO of the step is not found. */
  status: StepStatus;
  /** The step's SLO is not stored (deleted or renamed). */
  missing: boolean;
}

export interface JourneyHealth {
  journey: Journey;
  steps: StepHealth[];
  /** The worst step's status; "no-data" for a journey without steps. */
  status: StepStatus;
  /** Index of the first step with the journey's status. */
  worstStep?: number;
  /** All its steps' objectives together (each SLO once); undefined when no readings were given. */
  combined?: CombinedReading;
}

/**
 * Each step's status from `statusBySloUid` (undefined = no data), in the journey's order, and the
 * journey's status as its worst step's. `storedSloUids` tells a missing SLO from one without data.
 * `membersBySloUid`: each SLO's objectives with their events, for the combined figures.
 */
export function journeyHealth(
  journey: Journey,
  statusBySloUid: ReadonlyMap<string, BudgetStatus | undefined>,
  storedSloUids: ReadonlySet<string>,
  membersBySloUid?: ReadonlyMap<string, readonly MemberReading[]>
): JourneyHealth {
  const steps = journey.steps.map((step): StepHealth => ({
    title: step.title,
    sloUid: step.sloUid,
    status: statusBySloUid.get(step.sloUid) ?? 'no-data',
    missing: !storedSloUids.has(step.sloUid),
  }));
  const status = worstStatus(steps.map((s) => s.status)) ?? 'no-data';
  const worstStep = steps.findIndex((s) => s.status === status);
  const combined =
    membersBySloUid &&
    combineReadings([...new Set(journey.steps.map((s) => s.sloUid))].flatMap((uid) => membersBySloUid.get(uid) ?? []));
  return { journey, steps, status, worstStep: worstStep >= 0 ? worstStep : undefined, ...(combined && { combined }) };
}

/**
 * The health of every journey, from the statuses of the SLOs (`status` undefined = no data), and with
 * `membersBySloUid` the combined figures of each.
 */
export function journeysHealth(
  journeys: readonly Journey[],
  sloStatuses: ReadonlyArray<{ uid: string; status?: BudgetStatus }>,
  membersBySloUid?: ReadonlyMap<string, readonly MemberReading[]>
): JourneyHealth[] {
  const statusBySloUid = new Map(sloStatuses.map((s) => [s.uid, s.status]));
  const stored = new Set(sloStatuses.map((s) => s.uid));
  return journeys.map((journey) => journeyHealth(journey, statusBySloUid, stored, membersBySloUid));
}
