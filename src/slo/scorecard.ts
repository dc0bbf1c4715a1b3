import { gridTime, type AlertReplay, type Grid, type GroupRates } from './backtest';

/**
 * Scores a replay's alerts against the bad periods of the same traffic. An incident is a run of grid
 * instants at which the 5m error ratio of all groups together exceeds the error budget ratio (burn rate
 * above 1), runs less than `mergeGapSeconds` apart merged into one. Budget shares are of the objective
 * window's budget, the window's events estimated from the mean event rate of the replayed range.
 */
export interface Incident {
  /** First bad instant (ms). */
  start: number;
  /** One step after the last bad instant (ms). */
  end: number;
  badEvents: number;
  /** Share of the window's budget the incident spent. */
  budgetSpent: number;
  /** Budget share spent at each step from the start (0 in a merged gap). */
  spentByStep: number[];
}

export interface IncidentAlertScore {
  /** First fire of the alert at or after the incident's start and before its end (ms), if any. */
  firedAt?: number;
  /** End of that episode (ms). */
  clearedAt?: number;
  /** Seconds from the incident's start to the fire. */
  detectionDelaySeconds?: number;
  /** Seconds from the incident's end to the alert's clearing (0 if it cleared first). */
  resetSeconds?: number;
  /** Share of the window's budget spent before the fire (the whole incident's when it never fired). */
  budgetSpentBeforeFire: number;
}

export interface ScorecardOptions {
  from: number;
  budgetRatio: number;
  windowSeconds: number;
  mergeGapSeconds: number;
}

/** Sum of the groups' rates at index i; NaN-free. */
function summed(groups: readonly GroupRates[], i: number): { total: number; bad: number } {
  let total = 0;
  let bad = 0;
  for (const g of groups) {
    total += Number.isNaN(g.total[i]) ? 0 : g.total[i];
    bad += Number.isNaN(g.bad[i]) ? 0 : g.bad[i];
  }
  return { total, bad };
}

export function findIncidents(grid: Grid, groups: readonly GroupRates[], options: ScorecardOptions): Incident[] {
  const stepMs = grid.stepSeconds * 1000;
  const first = Math.max(0, Math.ceil((options.from - grid.start) / stepMs));
  let events = 0;
  for (let i = first; i < grid.count; i++) {
    events += summed(groups, i).total * grid.stepSeconds;
  }
  const rangeSeconds = Math.max(1, grid.count - first) * grid.stepSeconds;
  const windowBudgetEvents = (events / rangeSeconds) * options.windowSeconds * options.budgetRatio;
  const incidents: Incident[] = [];
  let open: Incident | undefined;
  for (let i = first; i < grid.count; i++) {
    const { total, bad } = summed(groups, i);
    if (!(total > 0 && bad / total > options.budgetRatio)) {
      continue;
    }
    const t = gridTime(grid, i);
    if (open && t - open.end < options.mergeGapSeconds * 1000) {
      open.end = t + stepMs;
    } else {
      open = { start: t, end: t + stepMs, badEvents: 0, budgetSpent: 0, spentByStep: [] };
      incidents.push(open);
    }
    const index = Math.round((t - open.start) / stepMs);
    while (open.spentByStep.length < index) {
      open.spentByStep.push(0);
    }
    const spent = windowBudgetEvents > 0 ? (bad * grid.stepSeconds) / windowBudgetEvents : 0;
    open.spentByStep.push(spent);
    open.badEvents += bad * grid.stepSeconds;
    open.budgetSpent += spent;
  }
  return incidents;
}

/**
 * How one alert did on one incident: the first episode that started during the incident, or up to
 * `lateSeconds` after its end (a long window trails the bad period: a late fire is still this incident's).
 */
export function scoreIncident(incident: Incident, alert: AlertReplay, lateSeconds = 0): IncidentAlertScore {
  const until = incident.end + lateSeconds * 1000;
  const episode = alert.episodes.find((e) => e.start >= incident.start && e.start < until);
  if (!episode) {
    return { budgetSpentBeforeFire: incident.budgetSpent };
  }
  const stepMs = (incident.end - incident.start) / incident.spentByStep.length;
  const stepsBefore = Math.round((episode.start - incident.start) / stepMs);
  return {
    firedAt: episode.start,
    clearedAt: episode.end,
    detectionDelaySeconds: (episode.start - incident.start) / 1000,
    resetSeconds: Math.max(0, (episode.end - incident.end) / 1000),
    budgetSpentBeforeFire: incident.spentByStep.slice(0, stepsBefore).reduce((a, b) => a + b, 0),
  };
}

export interface AlertScore {
  alert: AlertReplay;
  perIncident: IncidentAlertScore[];
  /** Episodes (all groups) per week of the range. */
  firesPerWeek: number;
  /** Incidents that spent more than `missedAbove` of the budget and this alert never fired on. */
  missed: number;
  /** Episodes that overlap no incident spending at least `noisyBelow` of the budget. */
  noisy: number;
}

export interface Scorecard {
  incidents: Incident[];
  alerts: AlertScore[];
}

const WEEK_MS = 7 * 86_400_000;

/** Thresholds of the scorecard: missed above 2% of the budget, noisy below 1%. */
export const MISSED_ABOVE = 0.02;
export const NOISY_BELOW = 0.01;

export function scorecard(incidents: Incident[], alerts: readonly AlertReplay[], from: number, to: number): Scorecard {
  const weeks = Math.max(to - from, 1) / WEEK_MS;
  return {
    incidents,
    alerts: alerts.map((alert) => {
      const perIncident = incidents.map((incident) => scoreIncident(incident, alert));
      const missed = incidents.filter(
        (incident, i) => incident.budgetSpent > MISSED_ABOVE && perIncident[i].firedAt === undefined
      ).length;
      const noisy = alert.episodes.filter(
        (e) =>
          !incidents.some(
            (incident) => incident.budgetSpent >= NOISY_BELOW && e.start < incident.end && e.end > incident.start
          )
      ).length;
      return { alert, perIncident, firesPerWeek: alert.episodes.length / weeks, missed, noisy };
    }),
  };
}
