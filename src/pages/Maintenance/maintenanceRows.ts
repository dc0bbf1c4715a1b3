import type { MaintenanceWindow, Slo, ValidationIssue } from '../../slo/types';
import {
  describeSpan,
  formatDateTime,
  maintenanceAt,
  nextMaintenance,
  parseMaintenance,
  type RawMaintenanceWindow,
} from '../../slo/maintenance';
import { RATE_WINDOW_SECONDS } from '../../promql/sli';
import { SLO_LABELS } from '../../promql/slo';
import { GRAFANA_ALERTMANAGER, type SilenceRequest } from '../../api/alertmanager';

/** What a window is now: in force, still ahead (or again ahead, for a weekly one), or over. */
export type WindowState = 'now' | 'upcoming' | 'ended';

/** A window as scheduled, for one or more SLOs (windows equal in every field are one row). */
export interface MaintenanceRow {
  key: string;
  window: MaintenanceWindow;
  state: WindowState;
  /** The span of the occurrence in force or next; the window's own for an ended one. */
  span: string;
  slos: Array<{ uid: string; name: string }>;
}

export function windowKey(window: MaintenanceWindow): string {
  return [window.start, window.end, window.repeat ?? 'once', window.reason].join('|');
}

const STATE_ORDER: Record<WindowState, number> = { now: 0, upcoming: 1, ended: 2 };

/**
 * The windows of every SLO, one row per distinct window: those in force first, then those ahead by
 * their next start, then those over, latest first.
 */
export function maintenanceRows(slos: readonly Slo[], nowSeconds: number): MaintenanceRow[] {
  const rows = new Map<string, MaintenanceRow & { sortKey: number }>();
  for (const slo of slos) {
    for (const window of slo.maintenance ?? []) {
      const key = windowKey(window);
      let row = rows.get(key);
      if (!row) {
        const current = maintenanceAt([window], nowSeconds);
        const next = current ?? nextMaintenance([window], nowSeconds);
        const state: WindowState = current ? 'now' : next ? 'upcoming' : 'ended';
        row = {
          key,
          window,
          state,
          span: next
            ? describeSpan(next.startSeconds, next.endSeconds)
            : describeSpan(window.startSeconds, window.endSeconds),
          slos: [],
          sortKey: state === 'ended' ? -window.endSeconds : (next?.startSeconds ?? 0),
        };
        rows.set(key, row);
      }
      row.slos.push({ uid: slo.uid, name: slo.displayName ?? slo.name });
    }
  }
  return [...rows.values()]
    .sort((a, b) => STATE_ORDER[a.state] - STATE_ORDER[b.state] || a.sortKey - b.sortKey)
    .map(({ sortKey: _, ...row }) => row);
}

/** The schedule form: times are UTC, as a datetime-local input gives them ("2026-12-06T02:00"). */
export interface ScheduleForm {
  sloUids: string[];
  start: string;
  end: string;
  weekly: boolean;
  reason: string;
  /** Also create an Alertmanager silence, in this Alertmanager (GRAFANA_ALERTMANAGER or a datasource uid). */
  silence: boolean;
  alertmanagerUid: string;
}

export type ScheduleField = 'sloUids' | 'start' | 'end' | 'reason';

export function emptyScheduleForm(nowSeconds: number): ScheduleForm {
  // The next whole hour, for an hour: a starting point most windows are near.
  const start = Math.ceil(nowSeconds / 3600) * 3600;
  const local = (seconds: number) => formatDateTime(seconds).slice(0, 16);
  return {
    sloUids: [],
    start: local(start),
    end: local(start + 3600),
    weekly: false,
    reason: '',
    silence: false,
    alertmanagerUid: GRAFANA_ALERTMANAGER,
  };
}

/** The form's window in the SLO document's form. */
export function formWindow(form: ScheduleForm): RawMaintenanceWindow {
  const utc = (text: string) => (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(text) ? `${text}:00Z` : text);
  return {
    start: utc(form.start.trim()),
    end: utc(form.end.trim()),
    ...(form.weekly && { repeat: 'weekly' as const }),
    reason: form.reason,
  };
}

function rawOf(window: MaintenanceWindow): RawMaintenanceWindow {
  return {
    start: window.start,
    end: window.end,
    ...(window.repeat && { repeat: window.repeat }),
    reason: window.reason,
  };
}

export interface Scheduled {
  slo?: Slo;
  /** Problems by form field; an SLO whose windows would clash names itself in the message. */
  problems: Array<{ field: ScheduleField; message: string }>;
}

/** The form field of a problem of a window (`window[0].end` -> end); the start for the window as a whole. */
function scheduleFieldOf(path: string): ScheduleField {
  const field = /\.(start|end|reason)$/.exec(path)?.[1];
  return field === 'end' || field === 'reason' ? field : 'start';
}

/** An SLO with the form's window added, or why it cannot be: the SLO's own windows are checked with it. */
export function withWindow(slo: Slo, form: ScheduleForm): Scheduled {
  const existing = slo.maintenance ?? [];
  const issues: ValidationIssue[] = [];
  const windows = parseMaintenance([...existing.map(rawOf), formWindow(form)], 'window', issues);
  const added = `window[${existing.length}]`;
  const problems = issues
    .filter((i) => i.severity === 'error')
    .map((issue) => {
      const field = scheduleFieldOf(issue.path);
      const own = issue.path.startsWith(`${added}.`);
      const message = issue.message.replace(/window\[(\d+)\]/g, (_, i: string) => {
        const other = existing[Number(i)];
        return other ? `the window "${other.reason}"` : 'this window';
      });
      return { field, message: own ? message : `${slo.name}: ${message}` };
    });
  return windows && problems.length === 0 ? { slo: { ...slo, maintenance: windows }, problems } : { problems };
}

/** The SLO without a window (by its key). */
export function withoutWindow(slo: Slo, key: string): Slo {
  const kept = (slo.maintenance ?? []).filter((w) => windowKey(w) !== key);
  const { maintenance: _, ...rest } = slo;
  return kept.length > 0 ? { ...rest, maintenance: kept } : rest;
}

/** The problems of the form before any SLO is read: nothing chosen, no reason, times that do not parse. */
export function checkScheduleForm(form: ScheduleForm): Array<{ field: ScheduleField; message: string }> {
  const problems: Array<{ field: ScheduleField; message: string }> = [];
  if (form.sloUids.length === 0) {
    problems.push({ field: 'sloUids', message: 'choose at least one SLO' });
  }
  const issues: ValidationIssue[] = [];
  parseMaintenance([formWindow(form)], 'window', issues);
  for (const issue of issues) {
    problems.push({ field: scheduleFieldOf(issue.path), message: issue.message });
  }
  return problems;
}

/** Regular expression of one of the values exactly (Alertmanager anchors its regex matchers). */
function oneOf(values: readonly string[]): string {
  return values.map((v) => v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
}

/**
 * A silence of the SLOs' alerts for the window in force or the next one (a silence covers one span: for
 * a weekly window, its next occurrence), until 5 minutes after its end, as long as the rules keep the
 * alerts quiet. Undefined when the window has no occurrence ahead.
 */
export function maintenanceSilence(
  window: MaintenanceWindow,
  sloUids: readonly string[],
  nowSeconds: number,
  createdBy: string
): SilenceRequest | undefined {
  const occurrence = maintenanceAt([window], nowSeconds) ?? nextMaintenance([window], nowSeconds);
  if (!occurrence) {
    return undefined;
  }
  return {
    matchers: [{ name: SLO_LABELS.uid, value: oneOf(sloUids), isRegex: true, isEqual: true }],
    startsAt: new Date(Math.max(occurrence.startSeconds, nowSeconds) * 1000).toISOString(),
    endsAt: new Date((occurrence.endSeconds + RATE_WINDOW_SECONDS) * 1000).toISOString(),
    createdBy,
    comment: `Maintenance (Burnrate): ${window.reason}`,
  };
}

/** The form's window, checked, or undefined. */
export function parsedFormWindow(form: ScheduleForm): MaintenanceWindow | undefined {
  return parseMaintenance([formWindow(form)], 'window', [])?.[0];
}
