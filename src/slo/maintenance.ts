import type { MaintenanceWindow, ValidationIssue } from './types';
import { quoteValue } from './quote';

/**
 * Maintenance windows: planned work during which an SLO's events do not count against its error
 * budget and its burn-rate alerts stay quiet. The rules leave the windows out by themselves (they are
 * functions of `time()`, see promql/maintenance.ts), so a window needs its SLO's rules redeployed when
 * it is added, not when it starts or ends.
 */

export const WEEK_SECONDS = 7 * 86400;

/** How dashboards shade windows: Grafana's purple, apart from the red and green of the SLI and budget panels. */
export const MAINTENANCE_COLOR = '#B877D9';

/**
 * The closest two windows may come. The rules find a window's edges inside a roll-up tile (10 minutes
 * for SLOs with windows) from its first and last minute there, so two windows in one tile would count
 * as one from the first start to the last end.
 */
export const MIN_GAP_SECONDS = 600;

/** As written in an SLO document. */
export interface RawMaintenanceWindow {
  start: unknown;
  end: unknown;
  repeat?: 'weekly';
  reason: string;
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Seconds since the epoch of an ISO 8601 date and time with its zone ("2026-12-06T02:00:00Z",
 * "2026-12-06T03:00+01:00"); undefined for anything else, including impossible dates.
 */
export function parseDateTime(value: unknown): number | undefined {
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? undefined : value.getTime() / 1000;
  }
  if (typeof value !== 'string' || !DATE_TIME.test(value)) {
    return undefined;
  }
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) {
    return undefined;
  }
  // Date.parse rolls 2026-02-30 over into March: the date written must be the date read.
  const local = value.slice(0, 10);
  const offset = /([+-])(\d{2}):(\d{2})$/.exec(value);
  const shift = offset ? (offset[1] === '+' ? 1 : -1) * (Number(offset[2]) * 60 + Number(offset[3])) * 60000 : 0;
  if (new Date(ms + shift).toISOString().slice(0, 10) !== local) {
    return undefined;
  }
  return ms / 1000;
}

/** "2026-12-06T02:00:00Z": the form windows are stored and written back in. */
export function formatDateTime(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace(/\.000Z$/, 'Z');
}

/**
 * Windows as written, checked: times with a zone on whole minutes, end after start, a weekly window
 * shorter than a week, a reason, and no two windows overlapping or closer than MIN_GAP_SECONDS.
 * Returned in start order.
 */
export function parseMaintenance(
  raw: readonly RawMaintenanceWindow[],
  path: string,
  issues: ValidationIssue[]
): MaintenanceWindow[] | undefined {
  const windows: Array<MaintenanceWindow & { at: string }> = [];
  let ok = true;
  const error = (at: string, message: string) => {
    issues.push({ path: at, message, severity: 'error' });
    ok = false;
  };
  raw.forEach((window, i) => {
    const at = `${path}[${i}]`;
    const times = (['start', 'end'] as const).map((field) => {
      const seconds = parseDateTime(window[field]);
      if (seconds === undefined) {
        error(
          `${at}.${field}`,
          `must be a date and time with its zone, such as 2026-12-06T02:00:00Z, got ${quoteValue(window[field])}`
        );
      } else if (seconds % 60 !== 0) {
        error(`${at}.${field}`, 'must fall on a whole minute (seconds 00)');
        return undefined;
      }
      return seconds;
    });
    const [startSeconds, endSeconds] = times;
    if (window.reason.trim() === '') {
      error(`${at}.reason`, 'must say why: it is shown on the dashboards and in reports');
    }
    if (startSeconds === undefined || endSeconds === undefined) {
      return;
    }
    if (endSeconds <= startSeconds) {
      error(`${at}.end`, `must be after the start (${formatDateTime(startSeconds)})`);
      return;
    }
    // Its own occurrences must be as far apart as any two windows.
    if (window.repeat === 'weekly' && endSeconds - startSeconds > WEEK_SECONDS - MIN_GAP_SECONDS) {
      error(
        `${at}.end`,
        `a weekly window must be shorter than a week by ${MIN_GAP_SECONDS / 60} minutes at least, so that its occurrences do not touch`
      );
      return;
    }
    windows.push({
      start: formatDateTime(startSeconds),
      end: formatDateTime(endSeconds),
      startSeconds,
      endSeconds,
      ...(window.repeat === 'weekly' && { repeat: 'weekly' as const }),
      reason: window.reason.trim(),
      at,
    });
  });
  for (let a = 0; a < windows.length; a++) {
    for (let b = a + 1; b < windows.length; b++) {
      const gap = gapBetween(windows[a], windows[b]);
      if (gap < MIN_GAP_SECONDS) {
        const other = `${windows[a].at} (${windows[a].start})`;
        error(
          `${windows[b].at}.start`,
          gap < 0
            ? `overlaps ${other}: merge the two into one window`
            : `comes within ${gap / 60} minutes of ${other}: windows must be at least ${MIN_GAP_SECONDS / 60} minutes apart (merge them)`
        );
      }
    }
  }
  return ok ? windows.sort((x, y) => x.startSeconds - y.startSeconds).map(({ at: _, ...w }) => w) : undefined;
}

/**
 * The smallest gap between any occurrence of one window and any of the other, in seconds; negative
 * when they overlap.
 */
export function gapBetween(a: MaintenanceWindow, b: MaintenanceWindow): number {
  const gapOf = (s1: number, e1: number, s2: number, e2: number) => Math.max(s1, s2) - Math.min(e1, e2);
  if (!a.repeat && !b.repeat) {
    return gapOf(a.startSeconds, a.endSeconds, b.startSeconds, b.endSeconds);
  }
  // A weekly window has occurrences every week from its start on: compare the other window's start
  // with the occurrences of the week before, the same week and the week after.
  const [weekly, other] = a.repeat ? [a, b] : [b, a];
  const length = weekly.endSeconds - weekly.startSeconds;
  const nearest = Math.floor((other.startSeconds - weekly.startSeconds) / WEEK_SECONDS);
  let gap = Infinity;
  for (let k = nearest - 1; k <= nearest + 1; k++) {
    if (k < 0 && !other.repeat) {
      continue;
    }
    const start = weekly.startSeconds + k * WEEK_SECONDS;
    gap = Math.min(gap, gapOf(start, start + length, other.startSeconds, other.endSeconds));
  }
  return gap;
}

/** One occurrence of a window: the span it covers and why. */
export interface MaintenanceOccurrence {
  startSeconds: number;
  endSeconds: number;
  reason: string;
  repeat?: 'weekly';
}

/** The occurrences of windows that overlap [fromSeconds, toSeconds), in start order. */
export function occurrencesBetween(
  windows: readonly MaintenanceWindow[],
  fromSeconds: number,
  toSeconds: number
): MaintenanceOccurrence[] {
  const found: MaintenanceOccurrence[] = [];
  for (const window of windows) {
    const length = window.endSeconds - window.startSeconds;
    const first = window.repeat ? Math.max(0, Math.floor((fromSeconds - window.endSeconds) / WEEK_SECONDS)) : 0;
    for (let k = first; ; k++) {
      const start = window.startSeconds + k * WEEK_SECONDS;
      if (start >= toSeconds) {
        break;
      }
      if (start + length > fromSeconds) {
        found.push({
          startSeconds: start,
          endSeconds: start + length,
          reason: window.reason,
          ...(window.repeat && { repeat: window.repeat }),
        });
      }
      if (!window.repeat) {
        break;
      }
    }
  }
  return found.sort((a, b) => a.startSeconds - b.startSeconds);
}

/** The occurrence in force at a time, if any. */
export function maintenanceAt(
  windows: readonly MaintenanceWindow[],
  atSeconds: number
): MaintenanceOccurrence | undefined {
  return occurrencesBetween(windows, atSeconds, atSeconds + 1)[0];
}

/** The next occurrence to start after a time, if any. */
export function nextMaintenance(
  windows: readonly MaintenanceWindow[],
  afterSeconds: number
): MaintenanceOccurrence | undefined {
  const next = windows.flatMap((window): MaintenanceOccurrence[] => {
    let start = window.startSeconds;
    if (start <= afterSeconds) {
      if (!window.repeat) {
        return [];
      }
      start += (Math.floor((afterSeconds - start) / WEEK_SECONDS) + 1) * WEEK_SECONDS;
    }
    const end = start + window.endSeconds - window.startSeconds;
    return [
      { startSeconds: start, endSeconds: end, reason: window.reason, ...(window.repeat && { repeat: window.repeat }) },
    ];
  });
  return next.sort((a, b) => a.startSeconds - b.startSeconds)[0];
}

/** Seconds of [fromSeconds, toSeconds) inside windows. */
export function maintenanceSecondsBetween(
  windows: readonly MaintenanceWindow[],
  fromSeconds: number,
  toSeconds: number
): number {
  return occurrencesBetween(windows, fromSeconds, toSeconds).reduce(
    (sum, o) => sum + Math.min(o.endSeconds, toSeconds) - Math.max(o.startSeconds, fromSeconds),
    0
  );
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** "2026-12-06 02:00 to 04:00 UTC" or, across days, "2026-12-06 22:00 to 2026-12-07 01:00 UTC". */
export function describeSpan(startSeconds: number, endSeconds: number): string {
  const [startDate, startTime] = formatDateTime(startSeconds).slice(0, 16).split('T');
  const [endDate, endTime] = formatDateTime(endSeconds).slice(0, 16).split('T');
  return startDate === endDate
    ? `${startDate} ${startTime} to ${endTime} UTC`
    : `${startDate} ${startTime} to ${endDate} ${endTime} UTC`;
}

/** "2026-12-06 02:00 to 04:00 UTC, then every Sunday: Database upgrade". */
export function describeWindow(window: MaintenanceWindow): string {
  const weekday = WEEKDAYS[new Date(window.startSeconds * 1000).getUTCDay()];
  const repeat = window.repeat === 'weekly' ? `, then every ${weekday}` : '';
  return `${describeSpan(window.startSeconds, window.endSeconds)}${repeat}: ${window.reason}`;
}

/**
 * The SLO page's line on maintenance: the window in force, or the next one, or that none is ahead.
 * Undefined for an SLO without windows.
 */
export function maintenanceWords(windows: readonly MaintenanceWindow[], nowSeconds: number): string | undefined {
  if (windows.length === 0) {
    return undefined;
  }
  const repeat = (o: MaintenanceOccurrence) => (o.repeat === 'weekly' ? ', weekly' : '');
  const current = maintenanceAt(windows, nowSeconds);
  if (current) {
    return (
      `Maintenance now (${describeSpan(current.startSeconds, current.endSeconds)}${repeat(current)}): ` +
      `${current.reason}. Its events do not count against the budget and the alerts stay quiet.`
    );
  }
  const next = nextMaintenance(windows, nowSeconds);
  return next
    ? `Next maintenance: ${describeSpan(next.startSeconds, next.endSeconds)}${repeat(next)}: ${next.reason}.`
    : `No maintenance ahead (${windows.length} past window${windows.length === 1 ? '' : 's'}).`;
}
