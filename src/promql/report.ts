import { formatPromDuration } from '../slo/duration';
import { quotePromqlString } from './format';
import { BURN_ALERT_NAME, NO_DATA_ALERT_NAME, rangeWithoutStart, SLO_LABELS, SLO_METRICS } from './slo';

/**
 * The queries of the SLO report (decisions/report.ts): read from the series Burnrate's rules record,
 * by the `service` label, over a range of time given by its ends.
 */

/** The span of a report: the events of (from, to] are counted. */
export interface ReportSpan {
  from: Date;
  to: Date;
}

function spanSeconds(range: ReportSpan): number {
  return (range.to.getTime() - range.from.getTime()) / 1000;
}

/** The window of the `slo:*:rate5m` series: samples this far apart count each event once. */
export const RATE_STEP_SECONDS = 300;

/** A time for the `@` modifier: Unix seconds. */
function at(date: Date): string {
  return `@ ${date.getTime() / 1000}`;
}

function escapeRegex(text: string): string {
  return text.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}

/** The matcher of the chosen services; '' for every service. */
export function serviceMatcher(services: readonly string[]): string {
  const names = [...new Set(services)].sort();
  if (names.length === 0) {
    return '';
  }
  if (names.length === 1) {
    return `${SLO_LABELS.service}=${quotePromqlString(names[0])}`;
  }
  return `${SLO_LABELS.service}=~${quotePromqlString(names.map(escapeRegex).join('|'))}`;
}

function selector(metric: string, ...matchers: string[]): string {
  const present = matchers.filter(Boolean);
  return present.length > 0 ? `${metric}{${present.join(',')}}` : metric;
}

const byUid = `sum by (${SLO_LABELS.uid})`;

/**
 * The objectives of the range: each `slo:objective:ratio` series (one per SLO and window) with its
 * last target in the range.
 */
export function objectivesQuery(range: ReportSpan, services: readonly string[]): string {
  const matcher = serviceMatcher(services);
  return `last_over_time(${selector(SLO_METRICS.objective, matcher)}[${rangeWithoutStart(spanSeconds(range))}] ${at(range.to)})`;
}

export interface RangeEventQueries {
  /** Sum of the roll-up tiles recorded in (from, to], per SLO. */
  tileEvents: string;
  tileBadEvents: string;
  /** The 5m rates every 5 minutes back from `to`, times 300 s, per SLO. */
  rateEvents: string;
  rateBadEvents: string;
  /** The SLOs whose rules were running when the range started (their objective has a sample then). */
  rulesAtStart: string;
}

/**
 * How many events an SLO had in a range, two ways; chooseEventCounts picks one.
 *
 * Tiles: a tile recorded at T holds the events of (T - tile, T], exactly for SLIs on counters. The
 * sum of the tiles recorded in (from, to] (the range selector leaves out its start, as
 * windowTileSumExpr does, so a tile on `from` belongs to the period before) counts exactly the events
 * of a span as long as the range, but shifted back by the roll-up group's phase: Prometheus evaluates a
 * group at a fixed offset within its interval, so an hour tile may end at :23 rather than :00, and a
 * month read from hour tiles then starts and ends up to 59 minutes early. Tiles are used only when that
 * span is the range's length: both ends on whole hours (months always are).
 *
 * Rates: the 5m rate sampled every 5 minutes back from `to`, times 300 s, tiles the range with
 * non-overlapping 5 minute windows, so it counts every event once, up to rate()'s extrapolation within
 * each window. Prometheus aligns a subquery's steps to multiples of its step, so the subquery runs at
 * the next 5 minute boundary and its selector is shifted back by the difference (`offset`): the windows
 * end at `to` exactly (less the evaluation phase, under one interval), and the first starts up to
 * 5 minutes before `from` when the range is not a whole number of 5 minutes. It needs no evaluation
 * interval and no SLO file, and is used for any other range, for the current month (whose end is not
 * on the hour, and whose last tile may be an hour old), and where the tiles do not cover the range (the
 * rules were deployed during it, or no roll-up group runs).
 */
export function rangeEventQueries(range: ReportSpan, services: readonly string[]): RangeEventQueries {
  const matcher = serviceMatcher(services);
  const length = rangeWithoutStart(spanSeconds(range));
  const tiles = (metric: string) => `${byUid} (sum_over_time(${selector(metric, matcher)}[${length}] ${at(range.to)}))`;
  const stepMs = RATE_STEP_SECONDS * 1000;
  const alignedEnd = new Date(Math.ceil(range.to.getTime() / stepMs) * stepMs);
  const shiftSeconds = (alignedEnd.getTime() - range.to.getTime()) / 1000;
  const shifted = (metric: string) =>
    shiftSeconds > 0
      ? `(${selector(metric, matcher)} offset ${formatPromDuration(shiftSeconds)})`
      : selector(metric, matcher);
  const rates = (metric: string) =>
    `${byUid} (sum_over_time(${shifted(metric)}[${length}:${RATE_STEP_SECONDS / 60}m] ${at(alignedEnd)})) * ${RATE_STEP_SECONDS}`;
  return {
    tileEvents: tiles(SLO_METRICS.eventsTile),
    tileBadEvents: tiles(SLO_METRICS.badEventsTile),
    rateEvents: rates(SLO_METRICS.events),
    rateBadEvents: rates(SLO_METRICS.badEvents),
    rulesAtStart: `count by (${SLO_LABELS.uid}) (present_over_time(${selector(SLO_METRICS.objective, matcher)}[5m] ${at(range.from)}))`,
  };
}

/**
 * Each SLO's error ratio at each step, summed over its groups; absent at a step without traffic (never
 * 0 / 0). At the 5 minute step, the 5m rates themselves; at a longer step, the ratio of their sums over
 * the step, so that no minute of the range goes unseen.
 */
export function errorRatioRangeQuery(services: readonly string[], stepSeconds: number): string {
  const matcher = serviceMatcher(services);
  const series = (metric: string) =>
    stepSeconds === RATE_STEP_SECONDS
      ? selector(metric, matcher)
      : `sum_over_time(${selector(metric, matcher)}[${rangeWithoutStart(stepSeconds)}])`;
  return `${byUid} (${series(SLO_METRICS.badEvents)}) / (${byUid} (${series(SLO_METRICS.events)}) > 0)`;
}

/**
 * Burnrate's alerts that fired at any time within each step (so an alert firing for less than a step is
 * not missed), one series per alert. Only alerts that Prometheus (or a ruler) evaluates are in ALERTS;
 * Grafana-managed alert rules are not.
 */
export function firingAlertsRangeQuery(services: readonly string[], stepSeconds: number): string {
  const alerts = selector(
    'ALERTS',
    `alertname=~${quotePromqlString(`${BURN_ALERT_NAME}|${NO_DATA_ALERT_NAME}`)}`,
    'alertstate="firing"',
    `${SLO_LABELS.uid}!=""`,
    serviceMatcher(services)
  );
  return `max_over_time(${alerts}[${rangeWithoutStart(stepSeconds)}])`;
}
