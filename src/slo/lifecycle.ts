/**
 * The life of an SLO: its status (draft, active, retired), its owners, and when it is due for review. Pure:
 * the time is always given by the caller.
 */
import type { ReviewRecord, Severity, Slo, SloOwners, SloReview, SloStatus, ValidationIssue } from './types';
import { dateStartSeconds } from './phases';
import { parsePromDuration } from './duration';
import { quoteValue } from './quote';

export const SLO_STATUSES: readonly SloStatus[] = ['draft', 'active', 'retired'];

/** An SLO reviewed every quarter unless it says otherwise. */
export const DEFAULT_REVIEW_INTERVAL = '90d';

const DAY_SECONDS = 86400;
export const MIN_REVIEW_INTERVAL_SECONDS = DAY_SECONDS;
/** A review is listed as coming up this long before its date, or a quarter of the interval if that is shorter. */
const LEAD_SECONDS = 14 * DAY_SECONDS;

export const STATUS_TITLES: Record<SloStatus, string> = {
  draft: 'Draft',
  active: 'Active',
  retired: 'Retired',
};

/** What a status does to the rules, in words for the editor and the docs. */
export const STATUS_EFFECTS: Record<SloStatus, string> = {
  draft: 'Rules record, and every alert that would page is a ticket until the SLO is active.',
  active: 'Rules record and alerts fire as configured.',
  retired: 'Rules still record, so the history stays, but the SLO has no alerts.',
};

/** The sentence a draft's alerts add to their description. */
export const DRAFT_ALERT_NOTE = 'This SLO is a draft: it alerts by ticket only, and pages once it is active.';

export function sloStatus(slo: Pick<Slo, 'status'>): SloStatus {
  return slo.status ?? 'active';
}

/** Whether the SLO's rules hold alerts at all: alerting on and the SLO not retired. */
export function alertsEnabled(slo: Pick<Slo, 'status' | 'alerting'>): boolean {
  return slo.alerting.enabled && sloStatus(slo) !== 'retired';
}

/** The severity an alert of this SLO fires with: a draft never pages. */
export function effectiveSeverity(slo: Pick<Slo, 'status'>, severity: Severity): Severity {
  return sloStatus(slo) === 'draft' ? 'ticket' : severity;
}

export function reviewIntervalText(slo: Pick<Slo, 'review'>): string {
  return slo.review?.interval ?? DEFAULT_REVIEW_INTERVAL;
}

/** Seconds between reviews; the default where the written interval is not a duration (validation says so). */
export function reviewIntervalSeconds(slo: Pick<Slo, 'review'>): number {
  return parsePromDuration(reviewIntervalText(slo)) ?? (parsePromDuration(DEFAULT_REVIEW_INTERVAL) as number);
}

export type ReviewState = 'scheduled' | 'due' | 'overdue' | 'never';

export interface ReviewDue {
  /**
   * `scheduled`: the next review is more than its lead time away; `due`: it is within its lead time (two weeks,
   * or a quarter of the interval); `overdue`: its date has passed; `never`: never reviewed, and the SLO's
   * creation date is unknown, so no date can be given.
   */
  state: ReviewState;
  /** The date the review is due, YYYY-MM-DD, unless never reviewed. */
  dueDate?: string;
  dueSeconds?: number;
  /** Whole days from now to the due date: negative once overdue. */
  daysLeft?: number;
  /** Where the due date counts from. */
  since?: 'review' | 'creation';
  /** In words: "overdue by 12 days (due 2026-11-20)". */
  text: string;
}

/**
 * When the SLO is due for review at `nowSeconds`: its interval after its last review, or after its creation
 * (`createdSeconds`, e.g. the first version of its dashboard) when it has never been reviewed.
 */
export function reviewDue(slo: Pick<Slo, 'review'>, nowSeconds: number, createdSeconds?: number): ReviewDue {
  const last = slo.review?.last;
  const lastSeconds = last ? dateStartSeconds(last.date) : undefined;
  const from = lastSeconds ?? createdSeconds;
  if (from === undefined || !Number.isFinite(from)) {
    return { state: 'never', text: 'never reviewed' };
  }
  const interval = reviewIntervalSeconds(slo);
  const dueSeconds = from + interval;
  const dueDate = new Date(dueSeconds * 1000).toISOString().slice(0, 10);
  const daysLeft = Math.floor((dueSeconds - nowSeconds) / DAY_SECONDS);
  const since = lastSeconds !== undefined ? 'review' : 'creation';
  const lead = Math.min(LEAD_SECONDS, interval / 4);
  const base = { dueDate, dueSeconds, daysLeft, since } as const;
  const neverNote = since === 'creation' ? ', never reviewed' : '';
  if (nowSeconds >= dueSeconds) {
    const late = Math.floor((nowSeconds - dueSeconds) / DAY_SECONDS);
    const by = late === 0 ? 'since today' : `by ${days(late)}`;
    return { ...base, state: 'overdue', text: `review overdue ${by} (due ${dueDate}${neverNote})` };
  }
  if (nowSeconds >= dueSeconds - lead) {
    const left = Math.ceil((dueSeconds - nowSeconds) / DAY_SECONDS);
    return { ...base, state: 'due', text: `review due in ${days(left)} (${dueDate}${neverNote})` };
  }
  return { ...base, state: 'scheduled', text: `next review ${dueDate}` };
}

function days(count: number): string {
  return `${count} day${count === 1 ? '' : 's'}`;
}

/** An SLO that asks for a review now: due, overdue or never reviewed, and not retired. */
export function needsReview(slo: Pick<Slo, 'status' | 'review'>, due: ReviewDue): boolean {
  return sloStatus(slo) !== 'retired' && due.state !== 'scheduled';
}

const STATE_ORDER: Record<ReviewState, number> = { overdue: 0, never: 1, due: 2, scheduled: 3 };

/** Overdue first (longest overdue first), then never reviewed, then due soonest first. */
export function compareReviewDue(a: ReviewDue, b: ReviewDue): number {
  return STATE_ORDER[a.state] - STATE_ORDER[b.state] || (a.dueSeconds ?? 0) - (b.dueSeconds ?? 0);
}

/** The SLO with a review recorded now, by `by`, with a note; nothing else changes. */
export function markReviewed(slo: Slo, by: string, nowSeconds: number, note: string): Slo {
  const record: ReviewRecord = {
    date: new Date(nowSeconds * 1000).toISOString().slice(0, 10),
    by,
    ...(note.trim() !== '' && { note: note.trim() }),
  };
  return { ...slo, review: { ...slo.review, last: record } };
}

/** The lifecycle fields as the native document writes them. */
export interface RawLifecycle {
  status?: string;
  owners?: { product?: string; sre?: string };
  review?: { interval?: string; last?: { date: string; by: string; note?: string } };
}

/**
 * Status, owners and review of a native document, checked: a known status and a real date (the interval is
 * checked with the rest of the SLO by validation). Each issue names its field under `path` (`spec`).
 */
export function parseLifecycle(
  raw: RawLifecycle,
  path: string,
  issues: ValidationIssue[]
): Pick<Slo, 'status' | 'owners' | 'review'> | undefined {
  let ok = true;
  const error = (field: string, message: string) => {
    issues.push({ path: `${path}.${field}`, message, severity: 'error' });
    ok = false;
  };
  if (raw.status !== undefined && !(SLO_STATUSES as readonly string[]).includes(raw.status)) {
    error('status', `must be one of ${SLO_STATUSES.join(', ')}, got ${quoteValue(raw.status)}`);
  }
  const interval = raw.review?.interval;
  const rawLast = raw.review?.last;
  let last: ReviewRecord | undefined;
  if (rawLast) {
    const date = rawLast.date;
    if (dateStartSeconds(date) === undefined) {
      error('review.last.date', `must be a date such as 2026-11-02, got ${quoteValue(date)}`);
    }
    last = { date, by: rawLast.by, ...(rawLast.note !== undefined && { note: rawLast.note }) };
  }
  if (!ok) {
    return undefined;
  }
  const owners: SloOwners = {
    ...(raw.owners?.product !== undefined && { product: raw.owners.product }),
    ...(raw.owners?.sre !== undefined && { sre: raw.owners.sre }),
  };
  const review: SloReview = {
    ...(interval !== undefined && { interval }),
    ...(last !== undefined && { last }),
  };
  // Empty owners or review say nothing: left out, so that every format reads them the same.
  return {
    ...(raw.status !== undefined && { status: raw.status as SloStatus }),
    ...(Object.keys(owners).length > 0 && { owners }),
    ...(Object.keys(review).length > 0 && { review }),
  };
}

/** The lifecycle fields of an Slo as the native document writes them: only what was written. */
export function lifecycleToRaw(
  slo: Pick<Slo, 'status' | 'owners' | 'review'>
): Omit<RawLifecycle, 'status'> & { status?: SloStatus } {
  const { status, owners, review } = slo;
  return {
    ...(status !== undefined && { status }),
    ...(owners !== undefined && {
      owners: {
        ...(owners.product !== undefined && { product: owners.product }),
        ...(owners.sre !== undefined && { sre: owners.sre }),
      },
    }),
    ...(review !== undefined && {
      review: {
        ...(review.interval !== undefined && { interval: review.interval }),
        ...(review.last !== undefined && {
          last: {
            date: review.last.date,
            by: review.last.by,
            ...(review.last.note !== undefined && { note: review.last.note }),
          },
        }),
      },
    }),
  };
}
