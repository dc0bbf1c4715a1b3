import type { AlertEpisode, AlertReplay } from './backtest';
import { MISSED_ABOVE, NOISY_BELOW, scoreIncident, type Incident, type IncidentAlertScore } from './scorecard';
import type { Severity } from './types';

/**
 * The scorecard of a whole alert set, as the people on call live it. A page is a run of time during which
 * at least one page alert of the set fires for a group: tiers that fire together (14.4x and 6x on the
 * same outage) make one page, as Alertmanager groups them into one notification; tickets likewise.
 */

/** One incident as the set saw it: each tier's fire and clear, and the first page. */
export interface IncidentSetScore {
  /** In the order of the set's alerts that can fire. */
  tiers: IncidentAlertScore[];
  /** The first page alert to fire during the incident (ms); undefined when none paged. */
  firstPageAt?: number;
  /** Seconds from the incident's start to the first page. */
  pageDelaySeconds?: number;
  /** Share of the window's budget spent before the first page; the incident's whole spend when none paged. */
  budgetSpentBeforeFirstPage: number;
}

export interface AlertSetScore {
  incidents: IncidentSetScore[];
  pages: number;
  tickets: number;
  pagesPerWeek: number;
  ticketsPerWeek: number;
  /** Incidents that spent more than 2% of the budget and never paged. */
  missedIncidents: number;
  /** Pages that overlap no incident spending at least 1% of the budget (nor its late period). */
  noisyPages: number;
}

export interface Notification {
  labels: Record<string, string>;
  start: number;
  end: number;
}

const WEEK_MS = 7 * 86_400_000;

/**
 * The notifications of one severity: the episodes of the alerts of that severity, merged per group where
 * they overlap or touch, in start order.
 */
export function notifications(alerts: readonly AlertReplay[], severity: Severity): Notification[] {
  const byGroup = new Map<string, AlertEpisode[]>();
  for (const alert of alerts.filter((a) => a.burnRate.severity === severity)) {
    for (const episode of alert.episodes) {
      const key = JSON.stringify(Object.entries(episode.labels).sort(([a], [b]) => a.localeCompare(b)));
      byGroup.set(key, [...(byGroup.get(key) ?? []), episode]);
    }
  }
  const merged: Notification[] = [];
  for (const episodes of byGroup.values()) {
    let open: Notification | undefined;
    for (const e of [...episodes].sort((a, b) => a.start - b.start)) {
      if (open && e.start <= open.end) {
        open.end = Math.max(open.end, e.end);
      } else {
        open = { labels: e.labels, start: e.start, end: e.end };
        merged.push(open);
      }
    }
  }
  return merged.sort((a, b) => a.start - b.start);
}

/**
 * Scores the replayed alerts of one set on the incidents of the range [from, to] (ms). An alert that fires
 * up to `lateSeconds` after an incident's end (its long window still filling) fired on that incident, late.
 */
export function scoreAlertSet(
  incidents: readonly Incident[],
  alerts: readonly AlertReplay[],
  from: number,
  to: number,
  lateSeconds = 0
): AlertSetScore {
  const weeks = Math.max(to - from, 1) / WEEK_MS;
  const perIncident = incidents.map((incident): IncidentSetScore => {
    const tiers = alerts.map((alert) => scoreIncident(incident, alert, lateSeconds));
    let first: IncidentAlertScore | undefined;
    tiers.forEach((score, i) => {
      if (
        alerts[i].burnRate.severity === 'page' &&
        score.firedAt !== undefined &&
        (first?.firedAt === undefined || score.firedAt < first.firedAt)
      ) {
        first = score;
      }
    });
    return first?.firedAt === undefined
      ? { tiers, budgetSpentBeforeFirstPage: incident.budgetSpent }
      : {
          tiers,
          firstPageAt: first.firedAt,
          pageDelaySeconds: first.detectionDelaySeconds,
          budgetSpentBeforeFirstPage: first.budgetSpentBeforeFire,
        };
  });
  const pages = notifications(alerts, 'page');
  const tickets = notifications(alerts, 'ticket');
  return {
    incidents: perIncident,
    pages: pages.length,
    tickets: tickets.length,
    pagesPerWeek: pages.length / weeks,
    ticketsPerWeek: tickets.length / weeks,
    missedIncidents: incidents.filter(
      (incident, i) => incident.budgetSpent > MISSED_ABOVE && perIncident[i].firstPageAt === undefined
    ).length,
    noisyPages: pages.filter(
      (page) =>
        !incidents.some(
          (i) => i.budgetSpent >= NOISY_BELOW && page.start < i.end + lateSeconds * 1000 && page.end > i.start
        )
    ).length,
  };
}
