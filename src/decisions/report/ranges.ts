import { quote } from '../../slo/quote';
import { RATE_STEP_SECONDS } from '../../promql/report';

/** The ranges a report covers (a calendar month, any range, the periods of its trend) and the windows of its range queries. */

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
