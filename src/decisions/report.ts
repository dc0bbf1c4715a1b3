import Big from 'big.js';
import { SLO_LABELS } from '../promql/slo';
import {
  errorRatioRangeQuery,
  firingAlertsRangeQuery,
  objectivesQuery,
  rangeEventQueries,
  RATE_STEP_SECONDS,
  type RangeEventQueries,
} from '../promql/report';
import { budgetConsumed, errorBudgetRatio, type ToilBudget } from '../slo/budget';
import type { Journey } from '../slo/catalogue';
import type { MaintenanceWindow } from '../slo/types';
import { occurrencesBetween } from '../slo/maintenance';
import { combineReadings, type CombinedReading, type EventKind, type MemberReading } from '../slo/combined';
import { PROGRESSIVE_TARGETS, TIER_NAMES, TIERS } from '../slo/tiers';
import { quote } from '../slo/quote';
import { RELIABILITY_ACTIONS, worstToilBudget } from './reliabilityWork';
import type { LabelledValue } from './serviceReadings';

/**
 * The SLO report of a calendar month (UTC) or any range, for a set of services (issue 9): each
 * objective's achieved SLI against its target, the budget it used, its longest bad period, the alerts
 * that fired, its trend against the three previous periods and a recommendation; and each service's
 * toil budget. Read from the series Burnrate's rules record only (no SLO file), through a small
 * ReportSource, so the CLI and a page can share it. Everything but readReport is pure.
 */

// ---------------------------------------------------------------------------------------------------------
// Ranges

export interface ReportRange {
  kind: 'month' | 'custom';
  /** "2026-10", or "2026-11-01 00:00 to 2026-11-08 00:00 UTC". */
  label: string;
  /** For a column header: "2026-10", or the start of a custom range. */
  shortLabel: string;
  /** The events of (from, to] are counted. */
  from: Date;
  to: Date;
  /** The range was cut at the time of the report (the current month): its figures stop at `to`. */
  partial: boolean;
}

/** The shortest range: one 5 minute step of the bad-period series. */
export const MIN_RANGE_SECONDS = 300;
/** The trend compares the report's period with this many periods before it. */
export const TREND_PERIODS = 3;

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

const pad = (n: number) => String(n).padStart(2, '0');

/** "2026-10-14 09:20" in UTC; seconds only when there are some ("2026-10-14 09:20:15"). */
export function formatUtc(date: Date): string {
  const seconds = date.getUTCSeconds();
  return (
    `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}` +
    ` ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}${seconds ? `:${pad(seconds)}` : ''}`
  );
}

function monthAt(year: number, monthIndex: number): ReportRange {
  const from = new Date(Date.UTC(year, monthIndex, 1));
  const to = new Date(Date.UTC(year, monthIndex + 1, 1));
  const label = `${from.getUTCFullYear()}-${pad(from.getUTCMonth() + 1)}`;
  return { kind: 'month', label, shortLabel: label, from, to, partial: false };
}

/** The calendar month `YYYY-MM`, UTC: from its first midnight to the next month's. */
export function monthRange(month: string): ReportRange {
  const match = MONTH.exec(month.trim());
  if (!match) {
    throw new RangeError(`a month is written YYYY-MM, e.g. 2026-10; got ${quote(month)}`);
  }
  return monthAt(Number(match[1]), Number(match[2]) - 1);
}

/** Any range of at least MIN_RANGE_SECONDS. */
export function customRange(from: Date, to: Date): ReportRange {
  if (!Number.isFinite(from.getTime()) || !Number.isFinite(to.getTime())) {
    throw new RangeError('the start and end of a range must be valid times');
  }
  if (to.getTime() - from.getTime() < MIN_RANGE_SECONDS * 1000) {
    throw new RangeError(
      `a range must end at least ${MIN_RANGE_SECONDS / 60} minutes after it starts; got ${formatUtc(from)} to ${formatUtc(to)} UTC`
    );
  }
  return {
    kind: 'custom',
    label: `${formatUtc(from)} to ${formatUtc(to)} UTC`,
    shortLabel: formatUtc(from),
    from,
    to,
    partial: false,
  };
}

/**
 * The `count` periods before a range, oldest first: the calendar months before a month, or the ranges
 * of the same length right before a custom range.
 */
export function previousRanges(range: ReportRange, count = TREND_PERIODS): ReportRange[] {
  return Array.from({ length: count }, (_, i) => count - i).map((back) => {
    if (range.kind === 'month') {
      return monthAt(range.from.getUTCFullYear(), range.from.getUTCMonth() - back);
    }
    const length = range.to.getTime() - range.from.getTime();
    return customRange(new Date(range.from.getTime() - back * length), new Date(range.to.getTime() - back * length));
  });
}

/**
 * The range as far as it has happened at `now`: a range that ends later is cut at `now` (the current
 * month so far). A range that starts less than MIN_RANGE_SECONDS before `now` is refused.
 */
export function rangeUntil(range: ReportRange, now: Date): ReportRange {
  if (now.getTime() - range.from.getTime() < MIN_RANGE_SECONDS * 1000) {
    throw new RangeError(
      `${range.label} starts ${range.from.getTime() > now.getTime() ? 'in the future' : 'less than 5 minutes ago'}: there is nothing to report yet`
    );
  }
  if (range.to.getTime() <= now.getTime()) {
    return range;
  }
  return { ...range, to: new Date(now.getTime()), label: `${range.label} until ${formatUtc(now)} UTC`, partial: true };
}

function rangeSeconds(range: ReportRange): number {
  return (range.to.getTime() - range.from.getTime()) / 1000;
}

/** Both ends on a whole UTC hour: a whole number of roll-up tiles of either length fits in the range. */
export function isOnWholeHours(range: ReportRange): boolean {
  return range.from.getTime() % 3_600_000 === 0 && range.to.getTime() % 3_600_000 === 0;
}

// ---------------------------------------------------------------------------------------------------------
// Range queries (their PromQL is promql/report.ts)

/** Prometheus refuses a range query with more points than this per series. */
export const MAX_POINTS_PER_SERIES = 11_000;

/**
 * The step of the bad-period and alert series: 5 minutes (the rate window), or the smallest multiple
 * of it that keeps the range within Prometheus's 11,000 points per series (a 31 day month has 8,928
 * steps of 5 minutes; 39 days and more need 10 minutes).
 */
export function stepSecondsFor(range: ReportRange): number {
  return Math.max(1, Math.ceil(rangeSeconds(range) / MAX_POINTS_PER_SERIES / RATE_STEP_SECONDS)) * RATE_STEP_SECONDS;
}

/** Evaluation times of the range queries: every step ending at `to`; each point covers (t - step, t]. */
export interface RangeQueryWindow {
  /** Unix seconds. */
  start: number;
  end: number;
  stepSeconds: number;
}

export function rangeQueryWindow(range: ReportRange): RangeQueryWindow {
  const stepSeconds = stepSecondsFor(range);
  const steps = Math.floor(rangeSeconds(range) / stepSeconds);
  const end = range.to.getTime() / 1000;
  return { start: end - (steps - 1) * stepSeconds, end, stepSeconds };
}

// ---------------------------------------------------------------------------------------------------------
// Events, SLI and budget

export type EventsSource = 'tiles' | 'rates';

export interface EventCounts {
  total: number;
  bad: number;
  source: EventsSource;
}

/** What the queries of rangeEventQueries answered for one SLO. */
export interface SloEventReadings {
  tileEvents?: number;
  tileBadEvents?: number;
  rateEvents?: number;
  rateBadEvents?: number;
  rulesRanAtStart: boolean;
}

export type RangeEventAnswers = Record<keyof RangeEventQueries, LabelledValue[]>;

function finiteOrUndefined(value: number | undefined): number | undefined {
  return value !== undefined && Number.isFinite(value) ? value : undefined;
}

/** The answers of rangeEventQueries by SLO uid. */
export function eventReadingsByUid(answers: RangeEventAnswers): Map<string, SloEventReadings> {
  const readings = new Map<string, SloEventReadings>();
  const entry = (uid: string) => {
    let found = readings.get(uid);
    if (!found) {
      found = { rulesRanAtStart: false };
      readings.set(uid, found);
    }
    return found;
  };
  for (const key of ['tileEvents', 'tileBadEvents', 'rateEvents', 'rateBadEvents'] as const) {
    for (const answer of answers[key]) {
      entry(answer.labels[SLO_LABELS.uid] ?? '')[key] = finiteOrUndefined(answer.value);
    }
  }
  for (const answer of answers.rulesAtStart) {
    entry(answer.labels[SLO_LABELS.uid] ?? '').rulesRanAtStart = answer.value > 0;
  }
  return readings;
}

/**
 * The events of an SLO in a range (see rangeEventQueries): none when the 5m rates saw no traffic in the
 * range, even if the tile that straddles its start holds events from just before it; the tiles when the
 * range is on whole hours, the rules ran from its start and there are tiles; else the 5m rates. Bad
 * events default to 0 where the total is known.
 */
export function chooseEventCounts(
  readings: SloEventReadings | undefined,
  onWholeHours: boolean
): EventCounts | undefined {
  if (!readings || readings.rateEvents === undefined || !(readings.rateEvents > 0)) {
    return undefined;
  }
  if (readings.tileEvents !== undefined && onWholeHours && readings.rulesRanAtStart) {
    return { total: readings.tileEvents, bad: readings.tileBadEvents ?? 0, source: 'tiles' };
  }
  return { total: readings.rateEvents, bad: readings.rateBadEvents ?? 0, source: 'rates' };
}

/**
 * bad / total, in decimal arithmetic; undefined without traffic (no data: never NaN, never 0%). Bad
 * events above the total (rates of two series, each extrapolated) count as the total.
 */
export function errorRatioOf(counts: Pick<EventCounts, 'total' | 'bad'> | undefined): number | undefined {
  if (!counts || !(counts.total > 0) || !Number.isFinite(counts.bad)) {
    return undefined;
  }
  return new Big(Math.max(0, Math.min(counts.bad, counts.total))).div(counts.total).toNumber();
}

/** Achieved SLI: 1 - bad / total; undefined without traffic. */
export function achievedSli(counts: EventCounts | undefined): number | undefined {
  const ratio = errorRatioOf(counts);
  return ratio === undefined ? undefined : new Big(1).minus(ratio).toNumber();
}

/** Share of the error budget used: error ratio / (1 - target); above 1 when overspent. */
export function budgetConsumedOf(
  counts: Pick<EventCounts, 'total' | 'bad'> | undefined,
  target: string
): number | undefined {
  const ratio = errorRatioOf(counts);
  return ratio === undefined ? undefined : budgetConsumed(ratio, target);
}

/** Met: the SLI is at least the target (the budget used is at most all of it). */
export function isMet(consumed: number | undefined): boolean | undefined {
  return consumed === undefined ? undefined : consumed <= 1;
}

// ---------------------------------------------------------------------------------------------------------
// Bad periods

export interface BadPeriod {
  /** Start of its first step, end of its last step. */
  start: Date;
  end: Date;
  seconds: number;
  /** Its first step is the range's first: it may have begun before the range. */
  fromRangeStart: boolean;
  /** Its last step is the range's last: it may go on after the range. */
  toRangeEnd: boolean;
}

export interface BadPeriods {
  longest?: BadPeriod;
  count: number;
  totalSeconds: number;
}

/**
 * Bad periods of an objective: runs of consecutive steps (points one step apart) whose error ratio is
 * above the error budget, i.e. burning faster than 1x. A step without traffic is not bad and ends a
 * run. The longest run wins, the earliest of equal ones. `points`: [Unix seconds, error ratio] of the
 * errorRatioRangeQuery series, each covering (t - step, t].
 */
export function badPeriods(
  points: ReadonlyArray<[number, number]>,
  errorBudget: number,
  window: RangeQueryWindow
): BadPeriods {
  const step = window.stepSeconds;
  const runs: Array<{ first: number; last: number }> = [];
  for (const [time, ratio] of [...points].sort((a, b) => a[0] - b[0])) {
    if (!(Number.isFinite(ratio) && ratio > errorBudget)) {
      continue;
    }
    const run = runs[runs.length - 1];
    if (run && Math.abs(time - run.last - step) < 1e-6) {
      run.last = time;
    } else {
      runs.push({ first: time, last: time });
    }
  }
  const lengthOf = (run: { first: number; last: number }) => run.last - run.first + step;
  const longest = runs.reduce<{ first: number; last: number } | undefined>(
    (best, run) => (!best || lengthOf(run) > lengthOf(best) ? run : best),
    undefined
  );
  return {
    count: runs.length,
    totalSeconds: runs.reduce((sum, run) => sum + lengthOf(run), 0),
    longest: longest && {
      start: new Date((longest.first - step) * 1000),
      end: new Date(longest.last * 1000),
      seconds: lengthOf(longest),
      fromRangeStart: Math.abs(longest.first - window.start) < 1e-6,
      toRangeEnd: Math.abs(longest.last - window.end) < 1e-6,
    },
  };
}

// ---------------------------------------------------------------------------------------------------------
// Alerts

/** Firing episodes by severity: `page` and `ticket` always, other severities when seen. */
export type AlertCounts = Record<string, number>;

/** A run of consecutive points (one step apart) is one episode: an alert that fires twice counts 2. */
export function countEpisodes(points: ReadonlyArray<[number, number]>, stepSeconds: number): number {
  const times = points.map(([time]) => time).sort((a, b) => a - b);
  return times.filter((time, i) => i === 0 || Math.abs(time - times[i - 1] - stepSeconds) >= 1e-6).length;
}

export interface AlertEpisodes {
  sloUid: string;
  /** Undefined for SLONoData, which belongs to the SLO rather than one of its windows. */
  window?: string;
  severity: string;
  episodes: number;
}

/** Episodes of each alert series (one per alert, window, severity and group) of firingAlertsRangeQuery. */
export function alertEpisodes(series: readonly LabelledSeries[], stepSeconds: number): AlertEpisodes[] {
  return series.map((s) => ({
    sloUid: s.labels[SLO_LABELS.uid] ?? '',
    window: s.labels[SLO_LABELS.window] || undefined,
    severity: s.labels[SLO_LABELS.severity] || 'none',
    episodes: countEpisodes(s.points, stepSeconds),
  }));
}

/** The episodes of an objective: its window's alerts and the SLO's alerts without a window. */
export function alertsFor(episodes: readonly AlertEpisodes[], sloUid: string, window: string): AlertCounts {
  const counts: AlertCounts = { page: 0, ticket: 0 };
  for (const e of episodes) {
    if (e.sloUid === sloUid && (e.window === undefined || e.window === window)) {
      counts[e.severity] = (counts[e.severity] ?? 0) + e.episodes;
    }
  }
  return counts;
}

// ---------------------------------------------------------------------------------------------------------
// Trend

export type TrendDirection = 'improving' | 'stable' | 'worsening' | 'unknown';

/** The trend moves when the error ratio changes by at least this share of the error budget. */
export const TREND_BUDGET_SHARE = 0.1;

export interface Trend {
  /** The achieved SLI of each previous period, oldest first; undefined where it had no traffic. */
  previous: Array<{ label: string; sli?: number }>;
  direction: TrendDirection;
  /**
   * This period's error ratio minus the previous periods' together (a ratio of their summed events,
   * never a mean of their ratios), as a share of the error budget: -0.2 = 20 points of budget better.
   */
  budgetShareChange?: number;
}

/**
 * improving when the error ratio fell by at least TREND_BUDGET_SHARE of the error budget against the
 * previous periods together, worsening when it rose by that much, stable in between; unknown without
 * traffic in this period or in every previous one.
 */
export function trendOf(
  current: EventCounts | undefined,
  previous: ReadonlyArray<{ range: ReportRange; counts?: EventCounts }>,
  target: string
): Trend {
  const previousSlis = previous.map((p) => ({ label: p.range.shortLabel, sli: achievedSli(p.counts) }));
  const withTraffic = previous.flatMap((p) => (p.counts && p.counts.total > 0 ? [p.counts] : []));
  const now = budgetConsumedOf(current, target);
  const before = budgetConsumedOf(
    {
      total: withTraffic.reduce((sum, c) => sum + c.total, 0),
      bad: withTraffic.reduce((sum, c) => sum + Math.min(c.bad, c.total), 0),
    },
    target
  );
  if (now === undefined || before === undefined) {
    return { previous: previousSlis, direction: 'unknown' };
  }
  const change = new Big(now).minus(before);
  const direction = change.lte(-TREND_BUDGET_SHARE)
    ? 'improving'
    : change.gte(TREND_BUDGET_SHARE)
      ? 'worsening'
      : 'stable';
  return { previous: previousSlis, direction, budgetShareChange: change.toNumber() };
}

// ---------------------------------------------------------------------------------------------------------
// Recommendations

export type RecommendationKind = 'no-data' | 'loosen' | 'invest' | 'review' | 'tighten' | 'keep';

export interface Recommendation {
  kind: RecommendationKind;
  text: string;
  /** The progressive target to move to (tighten, loosen), exact decimal text. */
  suggestedTarget?: string;
}

/** One period of an objective, measured against its current target. */
export interface PeriodFigures {
  sli?: number;
  consumed?: number;
}

export interface RecommendationInput {
  target: string;
  current: PeriodFigures;
  /** The previous periods, in any order. */
  previous: PeriodFigures[];
}

/** Thresholds of the recommendation rules (shares of the error budget, counts of periods). */
export const RECOMMENDATION_THRESHOLDS = {
  /** Tighten when every one of the last periods used less than this. */
  tightenBelow: 0.25,
  /** Review when this period used at least this much (and did not run out). */
  reviewFrom: 0.75,
  /** The budget ran out at 100% used. */
  ranOutFrom: 1,
  /** Loosen when the budget ran out in at least this many of the last periods. */
  loosenWhenRanOutIn: 3,
} as const;

/** "0.999" -> "99.9%", exactly. */
export function targetPercent(target: string): string {
  return `${new Big(target).times(100).toString()}%`;
}

/**
 * A ratio as a percentage, rounded down to `digits` decimals, so that a figure short of a threshold
 * never prints as the threshold: 0.999996 -> "99.999%", 0.99949 -> "99.949%".
 */
export function percentDown(ratio: number, digits: number): string {
  return `${new Big(ratio).times(100).round(digits, Big.roundDown).toFixed(digits)}%`;
}

function tierOfTarget(target: string): string {
  const tier = TIER_NAMES.find((name) => new Big(TIERS[name].target).eq(target));
  return tier ? ` (${TIERS[tier].title} tier)` : '';
}

/** The next stricter progressive target (99% -> 99.5% -> 99.9% -> 99.95%), if any. */
export function stricterTarget(target: string): string | undefined {
  return PROGRESSIVE_TARGETS.find((t) => new Big(t).gt(target));
}

/** The next looser progressive target, if any. */
export function looserTarget(target: string): string | undefined {
  return [...PROGRESSIVE_TARGETS].reverse().find((t) => new Big(t).lt(target));
}

const ranOut = (p: PeriodFigures) => p.consumed !== undefined && p.consumed >= RECOMMENDATION_THRESHOLDS.ranOutFrom;

/**
 * The rules, in order; the first that applies is the recommendation. "The last periods" are this one
 * and the previous ones (4 by default); budgets are measured against the current target.
 */
export const RECOMMENDATION_RULES: ReadonlyArray<{
  kind: RecommendationKind;
  rule: string;
  apply: (input: RecommendationInput) => Recommendation | undefined;
}> = [
  {
    kind: 'no-data',
    rule: 'no events in this period',
    apply: ({ current }) =>
      current.consumed === undefined
        ? { kind: 'no-data', text: `No events in this period. ${RELIABILITY_ACTIONS.noData}` }
        : undefined,
  },
  {
    kind: 'loosen',
    rule: 'the budget ran out (100% used or more) in at least 3 of the last periods',
    apply: ({ target, current, previous }) => {
      const periods = [current, ...previous];
      const times = periods.filter(ranOut).length;
      if (times < RECOMMENDATION_THRESHOLDS.loosenWhenRanOutIn) {
        return undefined;
      }
      const looser = looserTarget(target);
      const to = looser ? ` to ${targetPercent(looser)}${tierOfTarget(looser)}` : '';
      return {
        kind: 'loosen',
        text:
          `The budget ran out in ${times} of the last ${periods.length} periods: the target asks more than the service delivers. ` +
          `Loosen it${to} if its users are content at that level, or invest in reliability to meet it.`,
        suggestedTarget: looser,
      };
    },
  },
  {
    kind: 'invest',
    rule: 'the budget ran out in this period',
    apply: ({ current }) =>
      current.consumed !== undefined && current.consumed >= RECOMMENDATION_THRESHOLDS.ranOutFrom
        ? {
            kind: 'invest',
            text: `The budget ran out (${percentDown(current.consumed, 1)} used). ${RELIABILITY_ACTIONS.exhausted}`,
          }
        : undefined,
  },
  {
    kind: 'review',
    rule: 'at least 75% of the budget used in this period',
    apply: ({ current }) =>
      current.consumed !== undefined && current.consumed >= RECOMMENDATION_THRESHOLDS.reviewFrom
        ? {
            kind: 'review',
            text: `${percentDown(current.consumed, 1)} of the budget was used. ${RELIABILITY_ACTIONS.warning}`,
          }
        : undefined,
  },
  {
    kind: 'tighten',
    rule:
      'every one of the last periods has figures and used under 25% of the budget, and met the next stricter ' +
      'progressive target when there is one',
    apply: ({ target, current, previous }) => {
      const periods = [current, ...previous];
      const comfortable = periods.every(
        (p) => p.consumed !== undefined && p.consumed < RECOMMENDATION_THRESHOLDS.tightenBelow
      );
      if (!comfortable || periods.length < 1 + TREND_PERIODS) {
        return undefined;
      }
      const under = `Each of the last ${periods.length} periods used under ${RECOMMENDATION_THRESHOLDS.tightenBelow * 100}% of the budget`;
      const stricter = stricterTarget(target);
      if (!stricter) {
        return { kind: 'tighten', text: `${RELIABILITY_ACTIONS.tighten} ${under}.` };
      }
      if (!periods.every((p) => p.sli !== undefined && new Big(p.sli).gte(stricter))) {
        return undefined;
      }
      return {
        kind: 'tighten',
        text: `${RELIABILITY_ACTIONS.tighten} ${under} and would have met ${targetPercent(stricter)}${tierOfTarget(stricter)}.`,
        suggestedTarget: stricter,
      };
    },
  },
  {
    kind: 'keep',
    rule: 'otherwise',
    apply: () => ({ kind: 'keep', text: RELIABILITY_ACTIONS.onTrack }),
  },
];

export function recommend(input: RecommendationInput): Recommendation {
  for (const { apply } of RECOMMENDATION_RULES) {
    const recommendation = apply(input);
    if (recommendation) {
      return recommendation;
    }
  }
  // The last rule always applies.
  return { kind: 'keep', text: RELIABILITY_ACTIONS.onTrack };
}

// ---------------------------------------------------------------------------------------------------------
// The report

export interface ObjectiveReport {
  sloUid: string;
  sloName: string;
  service: string;
  /** The objective's window, e.g. "30d" or "month". */
  window: string;
  /** Exact decimal text, e.g. "0.999": the last target in the range. */
  target: string;
  /** Undefined when no events were recorded in the range. */
  events?: EventCounts;
  /** Undefined without traffic (no data). */
  sli?: number;
  budgetConsumed?: number;
  met?: boolean;
  badPeriods: BadPeriods;
  alerts: AlertCounts;
  trend: Trend;
  recommendation: Recommendation;
}

/** An occurrence of a maintenance window of an SLO in the range: its events were not counted. */
export interface MaintenanceInReport {
  sloUid: string;
  sloName: string;
  startSeconds: number;
  endSeconds: number;
  reason: string;
  repeat?: 'weekly';
}

export interface ServiceReport {
  service: string;
  objectives: ObjectiveReport[];
  /** The maintenance windows of its SLOs in the range, by start; set when the SLOs' definitions were given. */
  maintenance?: MaintenanceInReport[];
  /** From the objective with the lowest SLI relative to its target; undefined when none has figures. */
  toil?: ToilBudget;
  /** Its objectives' events together (slo/combined.ts); set by buildReport. */
  combined?: CombinedReading;
}

/** A user journey of the catalogue over the objectives of its steps in the report. */
export interface JourneyReport {
  journey: string;
  /** Step titles whose SLO has no objective in the report (another service, or no rules). */
  stepsNotInReport: string[];
  combined: CombinedReading;
}

export interface Report {
  range: ReportRange;
  /** The periods of the trend, oldest first. */
  previous: ReportRange[];
  /** The services asked for; empty for every service. */
  services: string[];
  teamSize: number;
  /** Step of the bad periods and alerts, in seconds. */
  stepSeconds: number;
  generatedAt: Date;
  serviceReports: ServiceReport[];
  /** The catalogue's journeys with at least one step in the report; set when the catalogue was given. */
  journeyReports?: JourneyReport[];
}

/** What the queries answered, for buildReport. */
export interface ReportAnswers {
  objectives: LabelledValue[];
  events: RangeEventAnswers;
  /** In the order of the previous ranges. */
  previousEvents: RangeEventAnswers[];
  errorRatios: LabelledSeries[];
  firingAlerts: LabelledSeries[];
}

export interface ReportOptions {
  range: ReportRange;
  previous: ReportRange[];
  services: string[];
  teamSize: number;
  generatedAt: Date;
  /** The event kind of each SLO by uid, from its definition; SLOs not in it are counted as requests. */
  eventKinds?: ReadonlyMap<string, EventKind>;
  /** The catalogue's journeys, for a combined row per journey. */
  journeys?: readonly Journey[];
  /** The maintenance windows of each SLO by uid, from its definition, to list those in the range. */
  maintenance?: ReadonlyMap<string, readonly MaintenanceWindow[]>;
}

/** The occurrences of the SLOs' maintenance windows within the range, by start. */
export function maintenanceInRange(
  objectives: readonly ObjectiveReport[],
  range: ReportRange,
  windows: ReadonlyMap<string, readonly MaintenanceWindow[]> | undefined
): MaintenanceInReport[] {
  const slos = new Map(objectives.map((o) => [o.sloUid, o.sloName]));
  return [...slos.entries()]
    .flatMap(([sloUid, sloName]) =>
      occurrencesBetween(windows?.get(sloUid) ?? [], range.from.getTime() / 1000, range.to.getTime() / 1000).map(
        (o) => ({ sloUid, sloName, ...o })
      )
    )
    .sort((a, b) => a.startSeconds - b.startSeconds || a.sloName.localeCompare(b.sloName));
}

/** An objective of the report as a member of a combined set: its events and bad events of the range. */
export function objectiveMember(o: ObjectiveReport, eventKinds?: ReadonlyMap<string, EventKind>): MemberReading {
  return {
    key: `${o.sloUid}\u0000${o.window}`,
    sloUid: o.sloUid,
    name: o.sloName,
    window: o.window,
    target: o.target,
    events: o.events?.total,
    badEvents: o.events?.bad,
    kind: eventKinds?.get(o.sloUid),
  };
}

/**
 * Each journey with a step in the report, over the objectives of its steps' SLOs (every window of each,
 * an SLO that is two steps once); steps whose SLO has no objective in the report are named apart.
 */
export function journeyReports(
  journeys: readonly Journey[],
  objectives: readonly ObjectiveReport[],
  eventKinds?: ReadonlyMap<string, EventKind>
): JourneyReport[] {
  return journeys.flatMap((journey) => {
    const uids = [...new Set(journey.steps.map((s) => s.sloUid))];
    const members = uids.flatMap((uid) =>
      objectives
        .filter((o) => o.sloUid === uid)
        .sort((a, b) => a.window.localeCompare(b.window))
        .map((o) => objectiveMember(o, eventKinds))
    );
    if (members.length === 0) {
      return [];
    }
    const inReport = new Set(members.map((m) => m.sloUid));
    return [
      {
        journey: journey.name,
        stepsNotInReport: journey.steps.filter((s) => !inReport.has(s.sloUid)).map((s) => s.title),
        combined: combineReadings(members),
      },
    ];
  });
}

/** True when at least one objective had events in the range. */
export function reportHasData(report: Report): boolean {
  return report.serviceReports.some((s) => s.objectives.some((o) => o.sli !== undefined));
}

/** The report from the answers to its queries (see readReport for which). */
export function buildReport(options: ReportOptions, answers: ReportAnswers): Report {
  const { range, previous } = options;
  const window = rangeQueryWindow(range);
  const current = eventReadingsByUid(answers.events);
  const before = answers.previousEvents.map(eventReadingsByUid);
  const ratios = new Map(answers.errorRatios.map((s) => [s.labels[SLO_LABELS.uid] ?? '', s.points]));
  const episodes = alertEpisodes(answers.firingAlerts, window.stepSeconds);

  const seen = new Set<string>();
  const objectives: ObjectiveReport[] = [];
  for (const o of answers.objectives) {
    const uid = o.labels[SLO_LABELS.uid] ?? '';
    const sloWindow = o.labels[SLO_LABELS.window] ?? '';
    const key = `${uid}\u0000${sloWindow}`;
    if (!uid || seen.has(key) || !(o.value > 0 && o.value < 1)) {
      continue;
    }
    seen.add(key);
    const target = String(o.value);
    const events = chooseEventCounts(current.get(uid), isOnWholeHours(range));
    const previousCounts = previous.map((r, i) => ({
      range: r,
      counts: chooseEventCounts(before[i]?.get(uid), isOnWholeHours(r)),
    }));
    const consumed = budgetConsumedOf(events, target);
    const sli = achievedSli(events);
    objectives.push({
      sloUid: uid,
      sloName: o.labels[SLO_LABELS.name] ?? uid,
      service: o.labels[SLO_LABELS.service] ?? '',
      window: sloWindow,
      target,
      events,
      sli,
      budgetConsumed: consumed,
      met: isMet(consumed),
      badPeriods: badPeriods(ratios.get(uid) ?? [], errorBudgetRatio(target), window),
      alerts: alertsFor(episodes, uid, sloWindow),
      trend: trendOf(events, previousCounts, target),
      recommendation: recommend({
        target,
        current: { sli, consumed },
        previous: previousCounts.map((p) => ({
          sli: achievedSli(p.counts),
          consumed: budgetConsumedOf(p.counts, target),
        })),
      }),
    });
  }

  const byService = new Map<string, ObjectiveReport[]>();
  for (const o of objectives) {
    byService.set(o.service, [...(byService.get(o.service) ?? []), o]);
  }
  const serviceReports = [...byService.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([service, list]) => {
      const sorted = list.sort((a, b) => a.sloName.localeCompare(b.sloName) || a.window.localeCompare(b.window));
      const performances = sorted.flatMap((o) =>
        o.sli === undefined ? [] : [{ performance: o.sli, target: o.target }]
      );
      return {
        service,
        objectives: sorted,
        toil: worstToilBudget(performances, options.teamSize),
        ...(options.maintenance && { maintenance: maintenanceInRange(sorted, range, options.maintenance) }),
        combined: combineReadings(sorted.map((o) => objectiveMember(o, options.eventKinds))),
      };
    });
  return {
    range,
    previous,
    services: [...new Set(options.services)].sort(),
    teamSize: options.teamSize,
    stepSeconds: window.stepSeconds,
    generatedAt: options.generatedAt,
    serviceReports,
    ...(options.journeys ? { journeyReports: journeyReports(options.journeys, objectives, options.eventKinds) } : {}),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Reading

/** One series of a range query's answer: its labels and its [Unix seconds, value] points, oldest first. */
export interface LabelledSeries {
  labels: Record<string, string>;
  points: Array<[number, number]>;
}

/** Where the report reads from: Prometheus's instant and range queries (the CLI's HTTP client, a datasource). */
export interface ReportSource {
  instant(expr: string): Promise<LabelledValue[]>;
  range(expr: string, window: RangeQueryWindow): Promise<LabelledSeries[]>;
}

export interface ReportRequest {
  /** A month, or a custom range; cut at `now` when it ends later. */
  range: ReportRange;
  /** Empty for every service. */
  services: string[];
  /** People in each service's team, for the toil budget. */
  teamSize: number;
  now: Date;
  /** The periods of the trend, oldest first; by default the three before `range`, as long as it. */
  previous?: ReportRange[];
  /** The event kind of each SLO by uid, when the SLOs' definitions are known (see ReportOptions). */
  eventKinds?: ReadonlyMap<string, EventKind>;
  /** The catalogue's journeys, when known: a combined row per journey. */
  journeys?: readonly Journey[];
  /** The maintenance windows of each SLO by uid, when the SLOs' definitions are known. */
  maintenance?: ReadonlyMap<string, readonly MaintenanceWindow[]>;
}

async function readRangeEvents(
  range: ReportRange,
  services: readonly string[],
  source: ReportSource
): Promise<RangeEventAnswers> {
  const queries = rangeEventQueries(range, services);
  const keys = Object.keys(queries) as Array<keyof RangeEventQueries>;
  const answers = await Promise.all(keys.map((key) => source.instant(queries[key])));
  return Object.fromEntries(keys.map((key, i) => [key, answers[i]])) as RangeEventAnswers;
}

/**
 * Reads and builds the report: per period (this one and the three before it) five instant queries,
 * plus the objectives and two range queries (error ratios, alerts) over this period. Rejects when the
 * source does; throws a RangeError for a range that has not started.
 */
export async function readReport(request: ReportRequest, source: ReportSource): Promise<Report> {
  const range = rangeUntil(request.range, request.now);
  // Whole periods before the one asked for, even when it is cut at now (this week so far: the 3 weeks before).
  const previous = request.previous ?? previousRanges(request.range);
  const services = [...new Set(request.services)].sort();
  const window = rangeQueryWindow(range);
  const [objectives, events, errorRatios, firingAlerts] = await Promise.all([
    source.instant(objectivesQuery(range, services)),
    readRangeEvents(range, services, source),
    source.range(errorRatioRangeQuery(services, window.stepSeconds), window),
    source.range(firingAlertsRangeQuery(services, window.stepSeconds), window),
  ]);
  const previousEvents: RangeEventAnswers[] = [];
  for (const r of previous) {
    previousEvents.push(await readRangeEvents(r, services, source));
  }
  return buildReport(
    {
      range,
      previous,
      services,
      teamSize: request.teamSize,
      generatedAt: request.now,
      eventKinds: request.eventKinds,
      journeys: request.journeys,
      maintenance: request.maintenance,
    },
    { objectives, events, previousEvents, errorRatios, firingAlerts }
  );
}
