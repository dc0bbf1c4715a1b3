import type { Objective, Severity, Slo } from '../slo/types';
import { backtestObjective, type Grid, type GroupRates } from '../slo/backtest';
import { findIncidents, type Incident } from '../slo/scorecard';
import { scoreAlertSet } from '../slo/alertSetScore';
import { alertSetsFor, type AlertSetName } from '../slo/alertSets';
import { errorBudgetRatio } from '../slo/budget';
import { windowSeconds } from '../slo/values';

/**
 * The backtest scorecard of an SLO: its incidents over a replayed range and, side by side, how each alert
 * set would have paged on them. This is the stable shape of `burnrate backtest --json` (docs/cli.md):
 * times are ISO 8601 UTC, durations seconds, budget shares fractions of the objective window's budget.
 */

/**
 * Bad periods less than this apart are one incident (a 5m rate that dips under the budget for a moment),
 * and an alert that fires up to this long after an incident's end fired on it, late.
 */
export const INCIDENT_MERGE_GAP_SECONDS = 900;

export const BACKTEST_JSON_VERSION = 1;

export interface BacktestAlertJson {
  severity: Severity;
  longWindow: string;
  shortWindow: string;
  factor: string;
  for?: string;
  /** false: factor x budget is 1 or more, the error ratio can never reach it; the alert is not replayed. */
  canFire: boolean;
}

export interface BacktestTierJson {
  /** Index into the set's `alerts`. */
  alert: number;
  firedAt?: string;
  clearedAt?: string;
  detectionDelaySeconds?: number;
  /** Seconds from the end of the bad period to the alert's clearing (0 if it cleared first). */
  resetSeconds?: number;
}

export interface BacktestSetIncidentJson {
  /** Every alert that can fire, in the set's order; those that did not fire have only `alert`. */
  tiers: BacktestTierJson[];
  firstPageAt?: string;
  pageDelaySeconds?: number;
  budgetSpentBeforeFirstPage: number;
  paged: boolean;
}

export interface BacktestAlertSetJson {
  name: AlertSetName;
  title: string;
  /** An earlier set with the same alerts, hence the same figures. */
  sameAs?: AlertSetName;
  alerts: BacktestAlertJson[];
  pages: number;
  tickets: number;
  pagesPerWeek: number;
  ticketsPerWeek: number;
  missedIncidents: number;
  noisyPages: number;
  /** In the order of the objective's `incidents`. */
  incidents: BacktestSetIncidentJson[];
}

export interface BacktestIncidentJson {
  start: string;
  end: string;
  durationSeconds: number;
  badEvents: number;
  budgetSpent: number;
}

export interface BacktestObjectiveJson {
  target: string;
  window: string;
  events: number;
  badEvents: number;
  /** Share of the window's budget the range spent (the range's burn rate x its length / window). */
  budgetSpent?: number;
  incidents: BacktestIncidentJson[];
  alertSets: BacktestAlertSetJson[];
}

export interface BacktestSloJson {
  name: string;
  uid: string;
  service: string;
  /** Groups of the grouping labels seen in the range. */
  groups: number;
  objectives: BacktestObjectiveJson[];
}

export interface BacktestReportJson {
  version: typeof BACKTEST_JSON_VERSION;
  from: string;
  to: string;
  days: number;
  stepSeconds: number;
  slos: BacktestSloJson[];
  /** SLOs that could not be replayed, each with the reason (no data in the range). */
  problems: Array<{ slo: string; message: string }>;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The window of an objective as written: "30d", or the calendar unit. */
function windowText(objective: Objective): string {
  const w = objective.window;
  return w.kind === 'rolling' ? w.duration : `calendar ${w.unit}`;
}

/** The scorecard of one objective: its incidents and every alert set on them. */
export function compareObjective(
  slo: Slo,
  objective: Objective,
  grid: Grid,
  groups: readonly GroupRates[],
  from: number
): BacktestObjectiveJson {
  const incidents: Incident[] = findIncidents(grid, groups, {
    from,
    budgetRatio: errorBudgetRatio(objective.target),
    windowSeconds: windowSeconds(objective.window),
    mergeGapSeconds: INCIDENT_MERGE_GAP_SECONDS,
  });
  const own = backtestObjective(slo, objective, grid, groups, { from });
  const alertSets = alertSetsFor(slo, objective).map((set): BacktestAlertSetJson => {
    const replay = backtestObjective(slo, objective, grid, groups, { from, burnRates: set.burnRates });
    const score = scoreAlertSet(incidents, replay.alerts, replay.from, replay.to, INCIDENT_MERGE_GAP_SECONDS);
    const alerts = set.burnRates.map((b): BacktestAlertJson => ({
      severity: b.severity,
      longWindow: b.longWindow,
      shortWindow: b.shortWindow,
      factor: b.factor,
      ...(b.for !== undefined && { for: b.for }),
      canFire: b.canFire,
    }));
    // The replay skips alerts that cannot fire: its tiers map back to the set's alerts in order.
    const replayedIndex = set.burnRates.flatMap((b, i) => (b.canFire ? [i] : []));
    return {
      name: set.name,
      title: set.title,
      ...(set.sameAs && { sameAs: set.sameAs }),
      alerts,
      pages: score.pages,
      tickets: score.tickets,
      pagesPerWeek: score.pagesPerWeek,
      ticketsPerWeek: score.ticketsPerWeek,
      missedIncidents: score.missedIncidents,
      noisyPages: score.noisyPages,
      incidents: score.incidents.map((s) => ({
        tiers: s.tiers.map((t, i) => ({
          alert: replayedIndex[i],
          ...(t.firedAt !== undefined && { firedAt: iso(t.firedAt) }),
          ...(t.clearedAt !== undefined && { clearedAt: iso(t.clearedAt) }),
          ...(t.detectionDelaySeconds !== undefined && { detectionDelaySeconds: t.detectionDelaySeconds }),
          ...(t.resetSeconds !== undefined && { resetSeconds: t.resetSeconds }),
        })),
        ...(s.firstPageAt !== undefined && { firstPageAt: iso(s.firstPageAt) }),
        ...(s.pageDelaySeconds !== undefined && { pageDelaySeconds: s.pageDelaySeconds }),
        budgetSpentBeforeFirstPage: s.budgetSpentBeforeFirstPage,
        paged: s.firstPageAt !== undefined,
      })),
    };
  });
  return {
    target: objective.target,
    window: windowText(objective),
    events: own.events,
    badEvents: own.badEvents,
    ...(own.budgetSpent !== undefined && { budgetSpent: own.budgetSpent }),
    incidents: incidents.map((i) => ({
      start: iso(i.start),
      end: iso(i.end),
      durationSeconds: (i.end - i.start) / 1000,
      badEvents: i.badEvents,
      budgetSpent: i.budgetSpent,
    })),
    alertSets,
  };
}

/** The scorecard of an SLO; undefined when its source series have no events in the range. */
export function compareSlo(
  slo: Slo,
  grid: Grid,
  groups: readonly GroupRates[],
  from: number
): BacktestSloJson | undefined {
  const objectives = slo.objectives.map((objective) => compareObjective(slo, objective, grid, groups, from));
  if (objectives.every((o) => !(o.events > 0))) {
    return undefined;
  }
  return { name: slo.name, uid: slo.uid, service: slo.service, groups: groups.length, objectives };
}
