import Big from 'big.js';
import type { Slo } from '../../slo/types';
import type { InstantSample } from '../../api/query';
import { SLO_LABELS } from '../../promql/slo';
import { windowToText } from '../../slo/values';
import { budgetStatus, errorBudgetRatio, errorBudgetText, type BudgetStatus } from '../../slo/budget';
import { isAtRisk } from '../../slo/budgetSummary';
import { BUDGET_STATUSES } from '../../slo/budgetPolicy';
import { sloAt } from '../../slo/phases';
import {
  objectiveKey as replayKey,
  replayedBudgetRemaining,
  type FigureSource,
  type Replay,
} from '../../decisions/replay';

/**
 * SLOs per page of the overview's table, as the SLO list shows them: a thousand rows of badges and sparklines
 * take seconds of the main thread to render, a page of them a fraction of one. Totals and groups count all.
 */
export const OVERVIEW_PAGE_SIZE = 50;

export interface OverviewRow {
  slo: Slo;
  /** Of the first objective; undefined without data. */
  budgetRemaining?: number;
  /** SLI over the objective's window: 1 - (1 - budget remaining) x error budget. */
  sli?: number;
  /** Burn rate over the last hour. */
  burnRate1h?: number;
  /** Undefined without traffic. */
  status?: BudgetStatus;
  /** Team: the SLO's team label, else its owner. */
  team?: string;
  /** Whether the SLI met the objective over each recent window; undefined without traffic in it. */
  recent: Record<RecentWindow, boolean | undefined>;
  /**
   * Where the window figures came from: the recorded series, raw source series stitched to the first
   * recorded tiles, or raw data alone (no rules recording). Undefined before the sources are known.
   */
  source?: FigureSource;
  /** Since when the SLO's rules record (the first tile found within reach), seconds since the epoch. */
  recordedSince?: number;
}

/**
 * The rows with the figures of their first objective replayed where the rules have not recorded a whole
 * window (decisions/replay.ts): budget remaining, SLI and status from the raw or stitched events, and
 * every row's source. Sorted again, the least budget remaining first.
 */
export function withReplay(rows: OverviewRow[], replay: Replay): OverviewRow[] {
  const plans = new Map(replay.plans.map((p) => [replayKey(p.sloUid, p.window), p]));
  const replayed = rows.map((row): OverviewRow => {
    const objective = row.slo.objectives[0];
    if (!objective) {
      return row;
    }
    const key = replayKey(row.slo.uid, windowToText(objective.window));
    const plan = plans.get(key);
    if (!plan) {
      return row;
    }
    const sourced = { ...row, source: plan.source, recordedSince: plan.recordedSince };
    const figure = replay.figures.get(key);
    if (plan.source === 'recorded' || !figure) {
      return sourced;
    }
    const budgetRemaining = replayedBudgetRemaining(figure, objective.target);
    return {
      ...sourced,
      budgetRemaining,
      sli: budgetRemaining !== undefined ? sliFromBudgetRemaining(budgetRemaining, objective.target) : undefined,
      status:
        budgetRemaining !== undefined
          ? budgetStatus({ remaining: budgetRemaining, burnRate: Math.max(row.burnRate1h ?? 0, 0) })
          : undefined,
    };
  });
  return leastBudgetFirst(replayed);
}

/** Rows in place, the least budget remaining first and those without figures last. */
export function leastBudgetFirst(rows: OverviewRow[]): OverviewRow[] {
  return rows.sort((a, b) => (a.budgetRemaining ?? Infinity) - (b.budgetRemaining ?? Infinity));
}

/** The recent windows the overview checks the objective over. */
export const RECENT_WINDOWS = ['1h', '6h', '1d'] as const;
export type RecentWindow = (typeof RECENT_WINDOWS)[number];

/** Met over a window: its error ratio at most the error budget (1 - target). */
export function metOver(errorRatio: number | undefined, target: string): boolean | undefined {
  return errorRatio === undefined ? undefined : new Big(errorRatio).lte(errorBudgetText(target));
}

/** The SLI over the window that a budget remaining implies: the error ratio is (1 - remaining) x (1 - target). */
export function sliFromBudgetRemaining(remaining: number, target: string): number {
  return 1 - (1 - remaining) * errorBudgetRatio(target);
}

const finite = (value: number | undefined) => (value !== undefined && Number.isFinite(value) ? value : undefined);

/** Samples by `slo_uid` (and `slo_window` when given), built once so that 500 SLOs are not 500 scans. */
function index(samples: InstantSample[], withWindow: boolean): Map<string, number> {
  const out = new Map<string, number>();
  for (const s of samples) {
    const key = withWindow
      ? `${s.labels[SLO_LABELS.uid]}\u0000${s.labels[SLO_LABELS.window]}`
      : s.labels[SLO_LABELS.uid];
    if (key !== undefined && !out.has(key)) {
      out.set(key, s.value);
    }
  }
  return out;
}

/**
 * One row per SLO from the batch query results, the least budget remaining first, SLOs without data last.
 * `windowErrorRatios`: error ratios over each SLO's rolling window by `slo_uid`, used where the recorded
 * budget remaining is absent.
 */
export function buildOverviewRows(
  slos: Slo[],
  budgets: InstantSample[],
  errorRatios1h: InstantSample[],
  teamLabel = 'team',
  windowErrorRatios: InstantSample[] = [],
  recentErrorRatios: Partial<Record<RecentWindow, InstantSample[]>> = {},
  nowSeconds = Date.now() / 1000
): OverviewRow[] {
  const recentByUid = RECENT_WINDOWS.map(
    (w) => [w, w === '1h' ? index(errorRatios1h, false) : index(recentErrorRatios[w] ?? [], false)] as const
  );
  const budgetByUid = index(budgets, true);
  const errorByUid = index(errorRatios1h, false);
  const windowErrorByUid = index(windowErrorRatios, false);
  // The targets in force now (progressive targets change by date).
  const rows = slos.map((stored): OverviewRow => {
    const slo = sloAt(stored, nowSeconds);
    const objective = slo.objectives[0];
    const window = objective ? windowToText(objective.window) : undefined;
    // The recorded budget remaining; until the roll-up has run, the error ratio of the window's 5m rates.
    const windowError = finite(windowErrorByUid.get(slo.uid));
    const budgetRemaining =
      finite(budgetByUid.get(`${slo.uid}\u0000${window}`)) ??
      (windowError !== undefined && objective ? 1 - windowError / errorBudgetRatio(objective.target) : undefined);
    const errorRatio = finite(errorByUid.get(slo.uid));
    const burnRate1h =
      errorRatio !== undefined && objective ? errorRatio / errorBudgetRatio(objective.target) : undefined;
    return {
      slo,
      budgetRemaining,
      sli:
        budgetRemaining !== undefined && objective
          ? sliFromBudgetRemaining(budgetRemaining, objective.target)
          : undefined,
      burnRate1h,
      status:
        budgetRemaining !== undefined
          ? budgetStatus({ remaining: budgetRemaining, burnRate: Math.max(burnRate1h ?? 0, 0) })
          : undefined,
      team: slo.labels[teamLabel] ?? slo.owner,
      recent: Object.fromEntries(
        recentByUid.map(([w, byUid]) => [
          w,
          objective ? metOver(finite(byUid.get(slo.uid)), objective.target) : undefined,
        ])
      ) as Record<RecentWindow, boolean | undefined>,
    };
  });
  return leastBudgetFirst(rows);
}

/** The statuses a page filters its SLOs on: each budget status, and no data. */
export const STATUS_FILTERS: ReadonlyArray<BudgetStatus | 'no-data'> = [...BUDGET_STATUSES, 'no-data'];

export interface OverviewFilters {
  service?: string;
  team?: string;
  tier?: string;
  status?: BudgetStatus | 'no-data';
}

export function filterRows(rows: OverviewRow[], filters: OverviewFilters): OverviewRow[] {
  return rows.filter(
    (r) =>
      (!filters.service || r.slo.service === filters.service) &&
      (!filters.team || r.team === filters.team) &&
      (!filters.tier || r.slo.tier === filters.tier) &&
      (!filters.status || (filters.status === 'no-data' ? r.status === undefined : r.status === filters.status))
  );
}

export interface OverviewTotals {
  total: number;
  healthy: number;
  atRisk: number;
  exhausted: number;
  noData: number;
}

export function overviewTotals(rows: OverviewRow[]): OverviewTotals {
  const totals: OverviewTotals = { total: rows.length, healthy: 0, atRisk: 0, exhausted: 0, noData: 0 };
  for (const r of rows) {
    if (r.status === undefined) {
      totals.noData++;
    } else if (r.status === 'healthy') {
      totals.healthy++;
    } else if (r.status === 'exhausted') {
      totals.exhausted++;
    } else if (isAtRisk(r.status)) {
      totals.atRisk++;
    }
  }
  return totals;
}

/** The rolling windows of the SLOs' first objectives, each with the uids of its SLOs: one query per window. */
export function uidsByRollingWindow(slos: Slo[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const slo of slos) {
    const window = slo.objectives[0]?.window;
    if (window?.kind === 'rolling') {
      out.set(window.duration, [...(out.get(window.duration) ?? []), slo.uid]);
    }
  }
  return out;
}

/** The distinct values of a field of the rows, sorted, for a filter's options. */
export function distinctValues(rows: OverviewRow[], pick: (r: OverviewRow) => string | undefined): string[] {
  return [...new Set(rows.map(pick).filter((v): v is string => v !== undefined && v !== ''))].sort();
}

/**
 * The points of a sparkline: values scaled into a width x height box (y down), with the 0..1 budget
 * range always in view. Undefined with fewer than two finite points.
 */
export function sparklinePoints(values: Array<[number, number]>, width: number, height: number): string | undefined {
  const points = values.filter(([t, v]) => Number.isFinite(t) && Number.isFinite(v));
  if (points.length < 2) {
    return undefined;
  }
  const t0 = points[0][0];
  const t1 = points[points.length - 1][0];
  const min = Math.min(0, ...points.map(([, v]) => v));
  const max = Math.max(1, ...points.map(([, v]) => v));
  const x = (t: number) => (t1 === t0 ? 0 : ((t - t0) / (t1 - t0)) * width);
  const y = (v: number) => height - ((v - min) / (max - min)) * height;
  return points.map(([t, v]) => `${x(t).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
}
