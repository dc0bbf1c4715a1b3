import Big from 'big.js';
import type { CalendarUnit, Decimal, SloWindow, TimeSlices, ValidationIssue } from './types';
import { formatPromDuration, parsePromDuration } from './duration';
import { quote, quoteIfUnusual, quoteValue } from './quote';

/** Exact decimal text of a number or numeric string, or undefined when it is not a finite number. */
export function toDecimal(value: number | string): Decimal | undefined {
  const text = typeof value === 'number' ? String(value) : value.trim();
  if (typeof value === 'number' && !Number.isFinite(value)) {
    return undefined;
  }
  try {
    return new Big(text).toString();
  } catch {
    return undefined;
  }
}

/** A number field that must be a finite decimal. */
export function parseDecimalField(
  value: number | string,
  path: string,
  issues: ValidationIssue[]
): Decimal | undefined {
  const decimal = toDecimal(value);
  if (decimal === undefined) {
    issues.push({
      path,
      message: `must be a number, got ${quoteValue(value)}`,
      severity: 'error',
    });
  }
  return decimal;
}

/**
 * A ratio written as a decimal or a percentage ("99.9%" -> 0.999), exactly; undefined, with the problem
 * reported, for anything else. `examples`: a ratio and a percentage for the message.
 */
function readRatio(
  value: number | string,
  path: string,
  issues: ValidationIssue[],
  examples: [string, string]
): { text: string; isPercent: boolean; decimal: Decimal; ratio: Big } | undefined {
  const text = typeof value === 'number' ? String(value) : value.trim();
  const isPercent = text.endsWith('%');
  const decimal = toDecimal(isPercent ? text.slice(0, -1) : text);
  if (decimal === undefined) {
    issues.push({
      path,
      message: `must be a ratio such as ${examples[0]} or a percentage such as "${examples[1]}", got ${quoteValue(value)}`,
      severity: 'error',
    });
    return undefined;
  }
  return { text, isPercent, decimal, ratio: isPercent ? new Big(decimal).div(100) : new Big(decimal) };
}

/**
 * A ratio in (0, 1): 0.999, "0.999" or "99.9%". A bare number from 1 to 100 is refused with a hint,
 * because "99.9" is almost always a percentage written without its sign.
 */
export function parseTarget(
  value: number | string,
  path: string,
  issues: ValidationIssue[],
  what: 'target' | 'share' = 'target'
): Decimal | undefined {
  const read = readRatio(value, path, issues, ['0.999', '99.9%']);
  if (!read) {
    return undefined;
  }
  const { text, isPercent, decimal, ratio } = read;
  if (ratio.gt(0) && ratio.lt(1)) {
    return ratio.toString();
  }
  if (what === 'target' && ratio.eq(1)) {
    issues.push({
      path,
      message: `${quoteIfUnusual(text)} leaves no error budget (every error would be an outage and burn rates would be infinite); use a target below 100%, such as 99.95% (0.9995)`,
      severity: 'error',
    });
  } else if (!isPercent && ratio.gt(1) && ratio.lte(100)) {
    const asPercent = ratio.eq(100) ? '' : ` Did you mean "${decimal}%" (${ratio.div(100).toString()})?`;
    issues.push({
      path,
      message: `must be a ratio between 0 and 1 (exclusive), got ${quoteIfUnusual(text)}.${asPercent}`,
      severity: 'error',
    });
  } else {
    issues.push({
      path,
      message: `must be between 0 and 1 exclusive (or 0% and 100%), got ${quoteIfUnusual(text)}`,
      severity: 'error',
    });
  }
  return undefined;
}

/**
 * The good ratio a time slice must reach (OpenSLO `timeSliceTarget`): 0.95, "0.95" or "95%", in (0, 1].
 * 1 is allowed: a slice is then good only without a single bad event.
 */
export function parseSliceTarget(value: number | string, path: string, issues: ValidationIssue[]): Decimal | undefined {
  const read = readRatio(value, path, issues, ['0.95', '95%']);
  if (!read) {
    return undefined;
  }
  const { text, isPercent, decimal, ratio } = read;
  if (ratio.gt(0) && ratio.lte(1)) {
    return ratio.toString();
  }
  const hint = !isPercent && ratio.gt(1) && ratio.lte(100) ? ` Did you mean "${decimal}%"?` : '';
  issues.push({
    path,
    message: `must be a ratio above 0 and at most 1 (or a percentage up to 100%), got ${quoteIfUnusual(text)}.${hint}`,
    severity: 'error',
  });
  return undefined;
}

/** Whether each slice counts its own good ratio (OpenSLO RatioTimeslices) rather than good or bad. */
export function scoresSliceRatio(slices: TimeSlices | undefined): boolean {
  return slices?.score === 'ratio';
}

/** The length of a time slice as a normalised duration ("60s" -> "1m"); its bounds are checked by validation. */
export function parseSliceWindow(
  text: string,
  path: string,
  issues: ValidationIssue[]
): { window: string; windowSeconds: number } | undefined {
  const seconds = parsePromDuration(text);
  if (seconds === undefined) {
    issues.push({
      path,
      message: `must be a duration such as 1m or 5m, got ${quote(text)}`,
      severity: 'error',
    });
    return undefined;
  }
  return { window: formatPromDuration(seconds), windowSeconds: seconds };
}

const CALENDAR_WINDOWS: Record<string, CalendarUnit> = {
  week: 'week',
  month: 'month',
  'calendar week': 'week',
  'calendar month': 'month',
  '1w-calendar': 'week',
};

/** A rolling duration ("30d") or a calendar period ("week", "month"). */
export function parseWindow(text: string, path: string, issues: ValidationIssue[]): SloWindow | undefined {
  const calendar = CALENDAR_WINDOWS[text.trim().toLowerCase()];
  if (calendar) {
    return { kind: 'calendar', unit: calendar };
  }
  const seconds = parsePromDuration(text);
  if (seconds === undefined) {
    issues.push({
      path,
      message: `must be a duration such as 7d, 28d or 30d, or "week" or "month" for a calendar window; got ${quote(text)}`,
      severity: 'error',
    });
    return undefined;
  }
  if (seconds < 3600) {
    issues.push({
      path,
      message: `a window of ${quoteIfUnusual(text)} is too short for an SLO: use at least 1h (usually 7d to 30d)`,
      severity: 'error',
    });
    return undefined;
  }
  return { kind: 'rolling', duration: formatPromDuration(seconds), seconds };
}

/** The text of a window as written and as its `window` label: "30d", "week", "month"; parseWindow reads it back. */
export function windowToText(window: SloWindow): string {
  return window.kind === 'rolling' ? window.duration : window.unit;
}

/** Nominal length in seconds (a calendar month counts 30 days, as the alert windows are scaled to it). */
export function windowSeconds(window: SloWindow): number {
  if (window.kind === 'rolling') {
    return window.seconds;
  }
  return window.unit === 'week' ? 7 * 86400 : 30 * 86400;
}
