/**
 * The weekly reviews' notes and action items, one dashboard per week in the SLO folder (uid
 * `burnrate-review-<Monday>`), so that the team sees the same notes, Grafana keeps their versions and the
 * folder's permissions apply as they do to SLOs. A save sends the version it loaded; a save in between
 * (412) is read again and the user's edits merged into it entry by entry (decisions/sharedReview.ts).
 */
import { SLO_FOLDER_TITLE } from '../settings';
import {
  emptyReview,
  mergeReviews,
  openActions,
  type MergeConflict,
  type OpenAction,
  type SharedReview,
} from '../decisions/sharedReview';
import {
  dashboardToReview,
  REVIEW_DASHBOARD_TAG,
  reviewDashboardUid,
  reviewToDashboard,
  weekOfReviewUid,
} from '../storage/reviewDashboard';
import type { DashboardJson } from '../storage/sloDashboard';
import { ApiError } from './errors';
import { ensureFolder } from './folders';
import { fetchParsed, mapLimit } from './http';
import { isSaveConflict, loadDocumentDashboard, saveDocumentDashboard, searchHitsSchema } from './documentDashboard';

export interface StoredReview {
  review: SharedReview;
  /** Absent while nothing was saved for the week. */
  stored?: { dashboard: DashboardJson; version: number };
  canSave: boolean;
  updated?: string;
  updatedBy?: string;
  /** The week's dashboard does not hold a readable review: shown, and saving is refused to keep it. */
  broken?: string;
}

/** Someone else saved the week's review each time this save was merged and tried again. */
export class ReviewConflictError extends ApiError {
  constructor(readonly week: string) {
    super(`The review of ${week} keeps changing while it is saved: try again in a moment`, 412, 'version-mismatch');
    this.name = 'ReviewConflictError';
  }
}

/** The week's dashboard does not hold a review Burnrate can read: saving over it would lose it. */
export class BrokenReviewError extends ApiError {
  constructor(
    readonly week: string,
    readonly problem: string
  ) {
    super(`The stored review of ${week} cannot be read (${problem}): it is left as it is`, 409, 'broken');
    this.name = 'BrokenReviewError';
  }
}

/** Merged saves tried at most before giving up (each one lost a race with another save). */
const SAVE_ATTEMPTS = 4;
/** Parallel loads when reading every week's review. */
const LOAD_CONCURRENCY = 6;
const SEARCH_LIMIT = 5000;

/** The week's review; an empty one while none is saved. An aborted `signal` cancels the requests. */
export async function loadReview(week: string, signal?: AbortSignal): Promise<StoredReview> {
  // Search first: it answers 200 with no hit while nothing is saved, where loading would be a 404 in the console.
  const hits = await fetchParsed(
    { url: '/api/search', params: { dashboardUIDs: reviewDashboardUid(week), type: 'dash-db', limit: 1 } },
    searchHitsSchema,
    `Looking for the review of ${week}`,
    signal
  );
  if (hits.length === 0) {
    return { review: emptyReview(week), canSave: true };
  }
  return (await loadDashboard(week, signal)) ?? { review: emptyReview(week), canSave: true };
}

/** The week's review as stored; undefined when its dashboard was deleted between the search and the load. */
async function loadDashboard(week: string, signal?: AbortSignal): Promise<StoredReview | undefined> {
  const loaded = await loadDocumentDashboard(reviewDashboardUid(week), `Loading the review of ${week}`, signal);
  if (!loaded) {
    return undefined;
  }
  const { dashboard, version, canSave, updated, updatedBy } = loaded;
  const common = { stored: { dashboard, version }, canSave: canSave ?? false, updated, updatedBy };
  const decoded = dashboardToReview(dashboard);
  if ('error' in decoded) {
    return { ...common, review: emptyReview(week), broken: decoded.error };
  }
  if (decoded.review.week !== week) {
    return { ...common, review: emptyReview(week), broken: `it holds the review of ${decoded.review.week}` };
  }
  return { ...common, review: decoded.review };
}

export interface SaveReviewResult {
  /** The review as stored now: the user's edits merged into any saved meanwhile. */
  saved: StoredReview;
  /** Entries both sides changed: the stored version was kept, the user's is here to show them. */
  conflicts: MergeConflict[];
}

/**
 * Saves `mine`, the user's edits of `loaded` (the review as they loaded it). A save made meanwhile (412, or a
 * review created by someone else first) is read again and the edits merged into it, entry by entry, then
 * saved over it; conflicting entries keep the stored version and are returned.
 */
export async function saveReview(
  loaded: StoredReview,
  mine: SharedReview,
  folderUid: string
): Promise<SaveReviewResult> {
  const week = mine.week;
  let current = loaded;
  let review = mine;
  const conflicts: MergeConflict[] = [];
  if (!loaded.stored) {
    await ensureFolder(folderUid, SLO_FOLDER_TITLE);
  }
  for (let attempt = 0; attempt < SAVE_ATTEMPTS; attempt++) {
    if (current.broken) {
      throw new BrokenReviewError(week, current.broken);
    }
    try {
      const version = await post(review, folderUid, current.stored);
      const dashboard = { ...reviewToDashboard(review, current.stored?.dashboard), version };
      return {
        // Grafana's answer does not say when or by whom: the next read tells.
        saved: { ...current, review, stored: { dashboard, version }, updated: undefined, updatedBy: undefined },
        conflicts,
      };
    } catch (error) {
      if (!isSaveConflict(error)) {
        throw error;
      }
    }
    const latest = (await loadDashboard(week)) ?? { review: emptyReview(week), canSave: true };
    const merged = mergeReviews(current.review, review, latest.review);
    conflicts.push(...merged.conflicts);
    current = latest;
    review = merged.review;
  }
  throw new ReviewConflictError(week);
}

async function post(review: SharedReview, folderUid: string, previous: StoredReview['stored']): Promise<number> {
  const dashboard = previous
    ? { ...reviewToDashboard(review, previous.dashboard), version: previous.version }
    : reviewToDashboard(review);
  return saveDocumentDashboard(
    dashboard,
    folderUid,
    `Weekly review of ${review.week} saved by Burnrate`,
    `Saving the review of ${review.week}`
  );
}

/**
 * The weekly reviews whose open action items the overview lists: the newest half year. A team that has
 * reviewed weekly for years would otherwise have every overview read a hundred dashboards and more.
 */
export const OPEN_ACTION_WEEKS = 26;

/**
 * The open action items of the newest `weeks` reviews in the folder ('' for every folder the user can read),
 * overdue and soonest due first. Reviews that cannot be read are counted, not hidden; so are the older
 * reviews left unread.
 */
export async function listOpenActions(
  folderUid: string,
  signal?: AbortSignal,
  weeks = OPEN_ACTION_WEEKS
): Promise<{ open: OpenAction[]; unreadable: number; olderReviews: number }> {
  const all = (await searchReviews(folderUid, signal)).sort().reverse();
  const newest = all.slice(0, weeks);
  const loaded = await mapLimit(newest, LOAD_CONCURRENCY, (week) => loadDashboard(week, signal));
  const readable = loaded.filter((r): r is StoredReview => r !== undefined && !r.broken);
  return {
    open: openActions(readable.map((r) => r.review)),
    unreadable: loaded.filter((r) => r?.broken).length,
    olderReviews: all.length - newest.length,
  };
}

/** The weeks that have a saved review in the folder ('' for every folder the user can read), newest first. */
export async function listReviewWeeks(folderUid: string, signal?: AbortSignal): Promise<string[]> {
  const hits = await searchReviews(folderUid, signal);
  return hits.sort().reverse();
}

async function searchReviews(folderUid: string, signal?: AbortSignal): Promise<string[]> {
  const hits = await fetchParsed(
    {
      url: '/api/search',
      params: {
        type: 'dash-db',
        tag: REVIEW_DASHBOARD_TAG,
        limit: SEARCH_LIMIT,
        ...(folderUid && { folderUIDs: folderUid }),
      },
    },
    searchHitsSchema,
    'Listing the weekly reviews',
    signal
  );
  return hits.flatMap((h) => {
    const week = weekOfReviewUid(h.uid);
    return week ? [week] : [];
  });
}
