import type { Decimal, Slo } from '../slo/types';
import { quote } from '../slo/quote';
import { windowSeconds } from '../slo/values';
import { formatWindow } from '../slo/describe';
import {
  eventHistory,
  targetHistory,
  type SliSpan,
  type TargetOutcome,
  type TargetSuggestion,
} from '../slo/targetHistory';
import type { Grid, GroupRates } from '../slo/backtest';
import { backtestGrid, readSloGroupRates, type RatesRangeReader } from './backtestRates';

/**
 * A target from history for `burnrate suggest` and the editor (docs/slo-maths.md, "A target from history"):
 * the SLO's 5m event rates read from its raw source series over the last days (as the backtest reads them),
 * summed into events, and what each tier's target would have made of them.
 */

export const TARGET_HISTORY_JSON_VERSION = 1;
/** The range read by default: the longest the issue's "last 7, 30 and 90 days" asks for. */
export const DEFAULT_TARGET_HISTORY_DAYS = 90;
/** The recent ranges whose SLI is shown, in days, when the range read holds them. */
export const RECENT_DAYS = [7, 30, 90] as const;

/** A stretch of the history with ISO times, as JSON carries it. */
export interface SliSpanJson {
  from: string;
  to: string;
  totalEvents: number;
  badEvents: number;
  /** Good over all events; absent without events. */
  sli?: number;
  /** Seconds of the stretch the datasource held a sample for. */
  heldSeconds: number;
}

export interface ObjectiveTargetJson {
  /** The objective's target now (its first target; progressive phases are among `outcomes`). */
  target: Decimal;
  /** "30d", "calendar month". */
  window: string;
  /** The length of the windows judged: a calendar window's nominal length. */
  windowSeconds: number;
  /** Every tier target and the objective's own targets, strictest first. */
  outcomes: TargetOutcome[];
  suggestion: TargetSuggestion;
}

export interface SloTargetHistoryJson {
  slo: string;
  service: string;
  /** What the SLO counts: events, or slices of time for a time-slice SLO. */
  unit: 'events' | 'slices';
  from: string;
  to: string;
  heldSeconds: number;
  recent: Array<SliSpanJson & { days: number }>;
  weeks: SliSpanJson[];
  worstWeek?: SliSpanJson;
  objectives: ObjectiveTargetJson[];
}

export interface TargetHistoryReportJson {
  version: typeof TARGET_HISTORY_JSON_VERSION;
  from: string;
  to: string;
  days: number;
  stepSeconds: number;
  slos: SloTargetHistoryJson[];
  /** SLOs without events in the range, named. */
  problems: Array<{ slo: string; message: string }>;
}

function spanJson(span: SliSpan): SliSpanJson {
  return {
    from: new Date(span.from).toISOString(),
    to: new Date(span.to).toISOString(),
    totalEvents: span.totalEvents,
    badEvents: span.badEvents,
    ...(span.sli !== undefined && { sli: span.sli }),
    heldSeconds: span.heldSeconds,
  };
}

/** The recent ranges shown for a read of `days`: those of RECENT_DAYS within it, and `days` itself. */
export function recentDaysOf(days: number): number[] {
  return [...new Set([...RECENT_DAYS.filter((d) => d <= days), days])].sort((a, b) => a - b);
}

/**
 * The target history of one SLO from its 5m rates per group on `grid`; undefined when the range holds no
 * events of it.
 */
export function sloTargetHistory(
  slo: Slo,
  grid: Grid,
  groups: readonly GroupRates[],
  days: number
): SloTargetHistoryJson | undefined {
  const history = eventHistory(grid, groups);
  const perObjective = slo.objectives.map((objective) => {
    const ownTargets = [objective.target, ...(objective.phases ?? []).map((phase) => phase.target)];
    return targetHistory(history, windowSeconds(objective.window), ownTargets, recentDaysOf(days));
  });
  const first = perObjective[0];
  if (!first || first.recent[first.recent.length - 1].totalEvents <= 0) {
    return undefined;
  }
  return {
    slo: slo.name,
    service: slo.service,
    unit: slo.timeSlices ? 'slices' : 'events',
    from: new Date(first.from).toISOString(),
    to: new Date(first.to).toISOString(),
    heldSeconds: first.heldSeconds,
    recent: first.recent.map((span) => ({ ...spanJson(span), days: span.days })),
    weeks: first.weeks.map(spanJson),
    ...(first.worstWeek && { worstWeek: spanJson(first.worstWeek) }),
    objectives: slo.objectives.map((objective, i) => ({
      target: objective.target,
      window: formatWindow(objective.window),
      windowSeconds: windowSeconds(objective.window),
      outcomes: perObjective[i].outcomes,
      suggestion: perObjective[i].suggestion,
    })),
  };
}

export interface TargetHistoryOptions {
  /** End of the range (ms); the range ends on the last whole step before it. */
  now: number;
  days: number;
  /** The evaluation interval of the SLO's rules: the time-slice rates depend on it. */
  evaluationInterval: string;
}

function noEventsMessage(slo: Slo, days: number, seriesMatched: boolean): string {
  return `SLO ${quote(slo.name)}: no ${slo.timeSlices ? 'slices' : 'events'} in the last ${days === 1 ? 'day' : `${days} days`} from its source series (${
    seriesMatched ? 'the series exist but counted no events' : 'no series matched: check the selectors'
  })`;
}

/** The 5m rates an SLO's target history is made of: read once, judged again for any target. */
export interface TargetHistoryRates {
  days: number;
  grid: Grid;
  groups: GroupRates[];
}

/**
 * Reads the SLO's 5m rates per group over the last `days` (a whole step before `now`). A failed read rejects
 * with an SloReadError naming the SLO; an aborted `signal` rejects as the read does.
 */
export async function readTargetHistoryRates(
  slo: Slo,
  read: RatesRangeReader,
  options: TargetHistoryOptions,
  signal?: AbortSignal
): Promise<TargetHistoryRates> {
  const { grid } = backtestGrid(options.now, options.days, 0);
  return {
    days: options.days,
    grid,
    groups: await readSloGroupRates(slo, options.evaluationInterval, grid, read, signal),
  };
}

/** Why an SLO has no target history: no series, or series without events. */
export function noTargetHistoryMessage(slo: Slo, rates: TargetHistoryRates): string {
  return noEventsMessage(slo, rates.days, rates.groups.length > 0);
}

/**
 * The target history of every SLO over the last `days`, one SLO after the other, each read with the reader
 * `readerOf` gives it (its datasource's). An SLO without events in
 * the range is a problem of the report, named; a failed read rejects with an SloReadError naming
 * the SLO.
 */
export async function runTargetHistory(
  slos: readonly Slo[],
  readerOf: (slo: Slo) => RatesRangeReader,
  options: TargetHistoryOptions
): Promise<TargetHistoryReportJson> {
  const { grid } = backtestGrid(options.now, options.days, 0);
  const report: TargetHistoryReportJson = {
    version: TARGET_HISTORY_JSON_VERSION,
    from: new Date(grid.start).toISOString(),
    to: new Date(grid.start + (grid.count - 1) * grid.stepSeconds * 1000).toISOString(),
    days: options.days,
    stepSeconds: grid.stepSeconds,
    slos: [],
    problems: [],
  };
  for (const slo of slos) {
    const rates = await readTargetHistoryRates(slo, readerOf(slo), options);
    const history = sloTargetHistory(slo, rates.grid, rates.groups, rates.days);
    if (history) {
      report.slos.push(history);
    } else {
      report.problems.push({ slo: slo.name, message: noTargetHistoryMessage(slo, rates) });
    }
  }
  return report;
}
