import type { SloEntry, StoredSlo } from '../../api/sloStore';
import { compareReviewDue, needsReview, reviewDue, type ReviewDue } from '../../slo/lifecycle';

/** An SLO whose review is due, overdue or that was never reviewed. */
export interface ReviewRow {
  entry: StoredSlo;
  due: ReviewDue;
}

/** Grafana writes the zero time (year 1) for dashboards it did not create itself: no creation date. */
const EARLIEST_CREATED_SECONDS = Date.UTC(2000, 0, 1) / 1000;

/** Seconds since the epoch of Grafana's `created` time, when it is a real one. */
export function createdSeconds(created: string | undefined): number | undefined {
  const ms = created === undefined ? NaN : Date.parse(created);
  return Number.isFinite(ms) && ms / 1000 >= EARLIEST_CREATED_SECONDS ? ms / 1000 : undefined;
}

/** The readable SLOs that ask for a review at `nowSeconds`, overdue first; retired SLOs never do. */
export function reviewRows(entries: readonly SloEntry[], nowSeconds: number): ReviewRow[] {
  return entries
    .flatMap((entry) => (entry.kind === 'ok' ? [entry] : []))
    .map((entry) => ({ entry, due: reviewDue(entry.slo, nowSeconds, createdSeconds(entry.created)) }))
    .filter((row) => needsReview(row.entry.slo, row.due))
    .sort((a, b) => compareReviewDue(a.due, b.due) || a.entry.slo.name.localeCompare(b.entry.slo.name));
}
