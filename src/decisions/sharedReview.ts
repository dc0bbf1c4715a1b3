import type { ActionItem, ReviewNotes } from './weeklyReview';

/**
 * The notes and action items of one week's review, shared by the team: each note and each action item is its
 * own entry with an id, who wrote it and when, so that two people editing at once merge entry by entry.
 */

/** Who changed an entry and when (ISO 8601, UTC). */
export interface Authorship {
  by: string;
  at: string;
  /** The last change after the first, when there was one. */
  editedBy?: string;
  editedAt?: string;
}

export interface SharedNote extends Authorship {
  id: string;
  text: string;
}

export interface SharedAction extends Authorship {
  id: string;
  text: string;
  owner: string;
  /** YYYY-MM-DD, or absent. */
  due?: string;
  done: boolean;
}

export interface SharedReview {
  /** The Monday of the week, YYYY-MM-DD (UTC). */
  week: string;
  notes: SharedNote[];
  actions: SharedAction[];
}

export const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function emptyReview(week: string): SharedReview {
  return { week, notes: [], actions: [] };
}

/**
 * A fresh entry id: random, so that two people adding at once never take the same one. getRandomValues, not
 * randomUUID: browsers offer the latter only on HTTPS, and Grafana is often served over plain HTTP.
 */
export function newEntryId(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Who changed what when the entry last changed: "ana, 2026-11-30 10:04 UTC (edited by bo, …)". */
export function authorshipText(entry: Authorship): string {
  const written = `${entry.by}, ${timeText(entry.at)}`;
  return entry.editedBy && entry.editedAt
    ? `${written} (edited by ${entry.editedBy}, ${timeText(entry.editedAt)})`
    : written;
}

/** "2026-11-30 10:04 UTC" of an ISO time, or the text as it is when it is not one. */
export function timeText(iso: string): string {
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC` : iso;
}

/** The entry changed by `user` at `at`: its author stays, the edit is recorded. */
export function edited<T extends Authorship>(
  entry: T,
  change: Partial<Omit<T, keyof Authorship | 'id'>>,
  user: string,
  at: string
): T {
  return { ...entry, ...change, editedBy: user, editedAt: at };
}

/** The form the Markdown export and the overview read: notes one after the other, action items as they are. */
export function toReviewNotes(review: SharedReview): ReviewNotes {
  return {
    notes: review.notes
      .map((n) => n.text.trim())
      .filter((t) => t !== '')
      .join('\n\n'),
    actions: review.actions.map((a): ActionItem => ({
      text: a.text,
      owner: a.owner,
      done: a.done,
      ...(a.due && { due: a.due }),
    })),
  };
}

/** An entry both sides changed in different ways: the stored one was kept, the user's is shown to them. */
export interface MergeConflict {
  kind: 'note' | 'action';
  /** The user's version (absent when they deleted an entry someone else changed). */
  mine?: SharedNote | SharedAction;
  /** The stored version kept (absent when someone else deleted an entry the user changed: theirs then wins). */
  theirs?: SharedNote | SharedAction;
}

export interface MergeResult {
  review: SharedReview;
  conflicts: MergeConflict[];
}

/**
 * Three-way merge by entry id of the user's edits (`mine`, from `base` as loaded) into the stored `theirs`.
 * An entry only one side changed takes that side's change; added entries are kept from both; an entry both
 * changed differently keeps the stored version and is reported, as is an entry one side deleted and the
 * other changed (the change is kept: nothing written is lost silently).
 */
export function mergeReviews(base: SharedReview, mine: SharedReview, theirs: SharedReview): MergeResult {
  const conflicts: MergeConflict[] = [];
  const notes = mergeEntries(base.notes, mine.notes, theirs.notes, (c) => conflicts.push({ kind: 'note', ...c }));
  const actions = mergeEntries(base.actions, mine.actions, theirs.actions, (c) =>
    conflicts.push({ kind: 'action', ...c })
  );
  return { review: { week: theirs.week, notes, actions }, conflicts };
}

function mergeEntries<T extends { id: string }>(
  base: readonly T[],
  mine: readonly T[],
  theirs: readonly T[],
  conflict: (c: { mine?: T; theirs?: T }) => void
): T[] {
  const baseById = new Map(base.map((e) => [e.id, e]));
  const mineById = new Map(mine.map((e) => [e.id, e]));
  const theirsById = new Map(theirs.map((e) => [e.id, e]));
  const merged: T[] = [];
  // Their order first, then what only the user added, in the user's order.
  for (const stored of theirs) {
    const original = baseById.get(stored.id);
    const own = mineById.get(stored.id);
    if (!original) {
      // Added by them (or by both with the same id: an entry moved from this browser twice).
      merged.push(own && !same(own, stored) ? pickAndReport(own, stored, conflict) : stored);
    } else if (!own) {
      // The user deleted it: gone, unless they changed it meanwhile.
      if (same(stored, original)) {
        continue;
      }
      conflict({ theirs: stored });
      merged.push(stored);
    } else if (same(own, original)) {
      merged.push(stored);
    } else if (same(stored, original) || same(stored, own)) {
      merged.push(own);
    } else {
      merged.push(pickAndReport(own, stored, conflict));
    }
  }
  for (const own of mine) {
    if (theirsById.has(own.id)) {
      continue;
    }
    const original = baseById.get(own.id);
    if (!original) {
      merged.push(own);
    } else if (!same(own, original)) {
      // They deleted it, the user changed it: the change is kept.
      conflict({ mine: own });
      merged.push(own);
    }
  }
  return merged;
}

function pickAndReport<T>(own: T, stored: T, conflict: (c: { mine?: T; theirs?: T }) => void): T {
  conflict({ mine: own, theirs: stored });
  return stored;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** What a conflict means to the user, one line. */
export function conflictText(c: MergeConflict): string {
  const what = c.kind === 'note' ? 'note' : 'action item';
  const text = (e?: SharedNote | SharedAction) => JSON.stringify(e?.text ?? '');
  if (c.mine && c.theirs) {
    return `The ${what} ${text(c.theirs)} was changed by ${c.theirs.editedBy ?? c.theirs.by} while you changed it: theirs was kept; yours was ${text(c.mine)}`;
  }
  if (c.theirs) {
    return `You removed the ${what} ${text(c.theirs)}, which ${c.theirs.editedBy ?? c.theirs.by} changed meanwhile: it was kept`;
  }
  return `The ${what} ${text(c.mine)} was removed by someone else while you changed it: yours was kept`;
}

/**
 * Notes and action items that one browser kept for a week, as entries of the shared review, written by the user
 * moving them. Their ids come from their content, so that moving them twice (a reload before the browser forgot
 * them) adds nothing the second time.
 */
export function movedFromBrowser(week: string, local: ReviewNotes, user: string, at: string): SharedReview {
  const notes: SharedNote[] =
    local.notes.trim() === '' ? [] : [{ id: contentId('note', week, local.notes), text: local.notes, by: user, at }];
  const actions = local.actions
    .filter((a) => a.text.trim() !== '' || a.owner.trim() !== '')
    .map((a, i): SharedAction => ({
      id: contentId('action', week, `${i}\n${a.text}\n${a.owner}`),
      text: a.text,
      owner: a.owner,
      ...(a.due && DAY.test(a.due) && { due: a.due }),
      done: a.done,
      by: user,
      at,
    }));
  return { week, notes, actions };
}

/** Adds the entries of `extra` whose ids `review` does not hold yet. */
export function withEntries(review: SharedReview, extra: SharedReview): SharedReview {
  const noteIds = new Set(review.notes.map((n) => n.id));
  const actionIds = new Set(review.actions.map((a) => a.id));
  return {
    ...review,
    notes: [...review.notes, ...extra.notes.filter((n) => !noteIds.has(n.id))],
    actions: [...review.actions, ...extra.actions.filter((a) => !actionIds.has(a.id))],
  };
}

function contentId(kind: string, week: string, text: string): string {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(`${kind}\n${week}\n${text}`)) {
    hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  }
  return `moved-${kind}-${hash.toString(16).padStart(8, '0')}`;
}

/** An open action item of some week, for the overview. */
export interface OpenAction {
  week: string;
  action: SharedAction;
}

/** The action items not done, overdue first, then by due date (none last), then by week. */
export function openActions(reviews: readonly SharedReview[]): OpenAction[] {
  return reviews
    .flatMap((r) => r.actions.filter((a) => !a.done).map((action) => ({ week: r.week, action })))
    .sort(
      (a, b) =>
        (a.action.due ?? '9999').localeCompare(b.action.due ?? '9999') ||
        a.week.localeCompare(b.week) ||
        a.action.text.localeCompare(b.action.text)
    );
}
