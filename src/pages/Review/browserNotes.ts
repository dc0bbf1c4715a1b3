import { DAY } from '../../decisions/sharedReview';
import type { ActionItem, ReviewNotes } from '../../decisions/weeklyReview';

/**
 * The notes and action items that earlier versions kept in one browser's localStorage, per week. They are read
 * only to be offered for moving into the shared review, and forgotten once moved.
 */

const PREFIX = 'burnrate.weekly-review.';

function notesKey(week: string): string {
  return `${PREFIX}${week}`;
}

/** The week's notes as this browser kept them (empty when none or unreadable). */
export function browserNotes(week: string, storage: Storage = window.localStorage): ReviewNotes {
  try {
    const stored = JSON.parse(storage.getItem(notesKey(week)) ?? 'null') as Partial<ReviewNotes> | null;
    return {
      notes: typeof stored?.notes === 'string' ? stored.notes : '',
      actions: Array.isArray(stored?.actions)
        ? stored.actions.filter(
            (a): a is ActionItem =>
              typeof a?.text === 'string' && typeof a?.owner === 'string' && typeof a.done === 'boolean'
          )
        : [],
    };
  } catch {
    return { notes: '', actions: [] };
  }
}

function hasContent(notes: ReviewNotes): boolean {
  return notes.notes.trim() !== '' || notes.actions.some((a) => a.text.trim() !== '' || a.owner.trim() !== '');
}

/** The weeks this browser holds notes or action items for, oldest first. */
export function weeksInBrowser(storage: Storage = window.localStorage): string[] {
  try {
    const weeks: string[] = [];
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i) ?? '';
      const week = key.startsWith(PREFIX) ? key.slice(PREFIX.length) : '';
      if (DAY.test(week) && hasContent(browserNotes(week, storage))) {
        weeks.push(week);
      }
    }
    return weeks.sort();
  } catch {
    // Storage disabled: nothing to move.
    return [];
  }
}

/** Forgets the week's notes once they are in the shared review. */
export function forgetBrowserNotes(week: string, storage: Storage = window.localStorage): void {
  try {
    storage.removeItem(notesKey(week));
  } catch {
    // Storage disabled: nothing was kept.
  }
}
