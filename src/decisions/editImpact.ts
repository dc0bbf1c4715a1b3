import type { Severity, Slo } from '../slo/types';
import {
  backtestObjective,
  longestAlertWindowSeconds,
  type AlertReplay,
  type GroupRates,
  type Grid,
} from '../slo/backtest';
import { errorBudgetRatio } from '../slo/budget';
import { alertsEnabled, effectiveSeverity } from '../slo/lifecycle';
import { windowToText } from '../slo/values';
import { backtestGrid, readGroupRates, type RatesRangeReader } from './backtestRates';
import { windowStart } from './replay';

/** The range over which the alerts of the two definitions are compared, in days. */
export const IMPACT_ALERT_DAYS = 7;

const DAY_MS = 86_400_000;

/** The budget of one objective over its current window, replayed from the raw source series. */
export interface WindowBudget {
  target: string;
  /** The window as its `slo_window` label writes it. */
  window: string;
  /** Start of the current window (ms). */
  from: number;
  events: number;
  badEvents: number;
  /** 1 - budget spent; undefined when the window had no events. */
  remaining?: number;
}

/** A span during which one definition's alert fired and the other's did not. */
export interface AlertDifference {
  /** The definition under which it fired. */
  firedUnder: 'before' | 'after';
  severity: Severity;
  /** The group's labels (empty for an SLO without grouping). */
  labels: Record<string, string>;
  start: number;
  end: number;
}

export interface EditImpact {
  /** The budget of each objective, old then new definition. */
  before: WindowBudget[];
  after: WindowBudget[];
  /** The compared alert range (ms). */
  alertsFrom: number;
  to: number;
  /** Spans that fire differently, by start; empty when both would have fired alike. */
  alerts: AlertDifference[];
  /** Events seen in the alert range under each definition: without them the alert comparison says nothing. */
  alertEvents: { before: number; after: number };
}

type Span = [number, number];

function alertKey(severity: Severity, labels: Record<string, string>): string {
  return JSON.stringify([severity, Object.entries(labels).sort(([a], [b]) => a.localeCompare(b))]);
}

/** The spans, sorted and with overlapping or touching ones merged. */
function merged(spans: readonly Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a[0] - b[0]);
  const out: Span[] = [];
  for (const [start, end] of sorted) {
    const last = out[out.length - 1];
    if (last && start <= last[1]) {
      last[1] = Math.max(last[1], end);
    } else {
      out.push([start, end]);
    }
  }
  return out;
}

/** The parts of `spans` outside every span of `others` (both merged). */
function subtract(spans: readonly Span[], others: readonly Span[]): Span[] {
  const out: Span[] = [];
  for (const [start, end] of spans) {
    let cursor = start;
    for (const [otherStart, otherEnd] of others) {
      if (otherEnd <= cursor || otherStart >= end) {
        continue;
      }
      if (otherStart > cursor) {
        out.push([cursor, otherStart]);
      }
      cursor = Math.max(cursor, otherEnd);
    }
    if (cursor < end) {
      out.push([cursor, end]);
    }
  }
  return out;
}

/** Firing spans by severity and group; the severity is the one the alert fires with (a draft never pages). */
function firingSpans(
  slo: Slo,
  alerts: readonly AlertReplay[]
): Map<string, { severity: Severity; labels: Record<string, string>; spans: Span[] }> {
  const out = new Map<string, { severity: Severity; labels: Record<string, string>; spans: Span[] }>();
  if (!alertsEnabled(slo)) {
    return out;
  }
  for (const alert of alerts) {
    const severity = effectiveSeverity(slo, alert.burnRate.severity);
    for (const episode of alert.episodes) {
      const key = alertKey(severity, episode.labels);
      const entry = out.get(key) ?? { severity, labels: episode.labels, spans: [] };
      entry.spans.push([episode.start, episode.end]);
      out.set(key, entry);
    }
  }
  for (const entry of out.values()) {
    entry.spans = merged(entry.spans);
  }
  return out;
}

/**
 * When the burn-rate alerts of two definitions would have fired differently: for each severity and group,
 * the spans during which one fired and the other did not. Alerts of several objectives or windows of one
 * severity count as one (a page is a page); a definition with alerting off or retired fires nothing.
 */
export function alertDifferences(
  before: { slo: Slo; alerts: readonly AlertReplay[] },
  after: { slo: Slo; alerts: readonly AlertReplay[] }
): AlertDifference[] {
  const old = firingSpans(before.slo, before.alerts);
  const now = firingSpans(after.slo, after.alerts);
  const differences: AlertDifference[] = [];
  const add = (firedUnder: AlertDifference['firedUnder'], mine: typeof old, theirs: typeof old) => {
    for (const [key, entry] of mine) {
      for (const [start, end] of subtract(entry.spans, theirs.get(key)?.spans ?? [])) {
        differences.push({ firedUnder, severity: entry.severity, labels: entry.labels, start, end });
      }
    }
  };
  add('before', old, now);
  add('after', now, old);
  const order = (d: AlertDifference) => (d.firedUnder === 'before' ? 0 : 1);
  return differences.sort((a, b) => a.start - b.start || order(a) - order(b));
}

/** The budget of each objective of `slo` over its window ending at the grid's last instant. */
export function windowBudgets(slo: Slo, grid: Grid, groups: readonly GroupRates[], now: number): WindowBudget[] {
  return slo.objectives.map((objective) => {
    const from = windowStart(objective.window, Math.floor(now / 1000)) * 1000;
    const replayed = backtestObjective(slo, objective, grid, groups, { from });
    const withEvents = replayed.events > 0;
    return {
      target: objective.target,
      window: windowToText(objective.window),
      from,
      events: replayed.events,
      badEvents: replayed.badEvents,
      ...(withEvents && { remaining: 1 - replayed.badEvents / replayed.events / errorBudgetRatio(objective.target) }),
    };
  });
}

/** Days back from `now` that the replay must read: the longest current window, and the compared alert range. */
function replayDays(slos: readonly Slo[], now: number): number {
  // Whole seconds, as the window starts are: the milliseconds of `now` would make a 30-day window 31 days,
  // and double the replay's step.
  const nowSeconds = Math.floor(now / 1000);
  const starts = slos.flatMap((slo) => slo.objectives.map((o) => windowStart(o.window, nowSeconds)));
  return Math.max(IMPACT_ALERT_DAYS, Math.ceil((nowSeconds - Math.min(...starts)) / 86_400));
}

/**
 * What an edit from `before` to `after` does to the figures, replayed from the raw source series with each
 * definition: the budget of every objective over its current window, and the alerts that would have fired
 * differently over the last IMPACT_ALERT_DAYS days. Two reads of the source series, one per definition (on
 * its own datasource when `read` gives one reader each); an aborted `signal` cancels them.
 */
export async function runEditImpact(
  before: Slo,
  after: Slo,
  evaluationInterval: string,
  read: RatesRangeReader | { before: RatesRangeReader; after: RatesRangeReader },
  now: number,
  signal?: AbortSignal
): Promise<EditImpact> {
  const days = replayDays([before, after], now);
  // An edit that moves the SLO to another datasource reads each definition where it lives.
  const readers = typeof read === 'function' ? { before: read, after: read } : read;
  const replay = async (slo: Slo, readRates: RatesRangeReader) => {
    const { grid, from } = backtestGrid(now, days, longestAlertWindowSeconds(slo));
    const groups = await readGroupRates(slo, evaluationInterval, grid, readRates, signal);
    const alertsFrom = Math.max(
      from,
      grid.start + (grid.count - 1) * grid.stepSeconds * 1000 - IMPACT_ALERT_DAYS * DAY_MS
    );
    const recent = slo.objectives.map((objective) =>
      backtestObjective(slo, objective, grid, groups, { from: alertsFrom })
    );
    return {
      budgets: windowBudgets(slo, grid, groups, now),
      alerts: recent.flatMap((r) => r.alerts),
      // Every objective replays the same events: the first one's count is the SLO's.
      events: recent[0]?.events ?? 0,
      alertsFrom,
      to: recent[0]?.to ?? now,
    };
  };
  const old = await replay(before, readers.before);
  const current = await replay(after, readers.after);
  return {
    before: old.budgets,
    after: current.budgets,
    alertsFrom: current.alertsFrom,
    to: current.to,
    alerts: alertDifferences({ slo: before, alerts: old.alerts }, { slo: after, alerts: current.alerts }),
    alertEvents: { before: old.events, after: current.events },
  };
}
