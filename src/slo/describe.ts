/**
 * Objectives, targets and burn-rate alerts in plain words. Pure: decimals in, text out.
 */
import Big from 'big.js';
import type { IndicatorType, Objective, Severity, SloWindow, TimeSlices } from './types';
import { describeBudget, describeSliceBudget, describeSliceRatioBudget } from './budget';
import { scoresSliceRatio, windowSeconds } from './values';

/** "0.999" -> "99.9%". */
export function formatTarget(target: string): string {
  return `${new Big(target).times(100).toString()}%`;
}

/**
 * Why the figures of an SLI are approximate, or undefined where they are counted exactly: shown by
 * `validate`, the editor and the SLO page.
 */
export function approximationNote(indicatorType: IndicatorType): string | undefined {
  return indicatorType === 'errorRatio'
    ? 'This SLO is approximate: a precomputed error ratio cannot be counted exactly, so each window averages' +
        ' its samples at the evaluation interval (as Sloth does), weighing a quiet hour like a busy one.' +
        ' Give counters of good (or bad) and total events for an exact SLO.'
    : undefined;
}

/**
 * What an SLI counts, in plain words: requests for ratios and latencies, samples for gauges and
 * precomputed ratios, events for an advanced query, slices for time slices.
 */
export function eventNoun(indicatorType: IndicatorType, timeSlices?: TimeSlices): string {
  if (timeSlices) {
    return 'slices';
  }
  return indicatorType === 'threshold' || indicatorType === 'errorRatio'
    ? 'samples'
    : indicatorType === 'advanced'
      ? 'events'
      : 'requests';
}

/** "30d", "calendar month". */
export function formatWindow(window: SloWindow): string {
  return window.kind === 'rolling' ? window.duration : `calendar ${window.unit}`;
}

/**
 * "99.9% over 30 days = 43 min 12 s of full outage, or 1 in 1,000 requests". A calendar window
 * counts its nominal length (a week 7 days, a month 30 days) and says so.
 */
export function describeObjective(objective: Objective, eventNoun = 'requests', timeSlices?: TimeSlices): string {
  const seconds = windowSeconds(objective.window);
  // Time slices: "99.9% of 1 min slices over 30 days = 43 min 12 s of bad time (43.2 bad slices of 43,200)".
  // With slices scored by their good ratio: "99.9% mean good ratio of 1 min slices over 30 days = ...".
  const describeSlices = scoresSliceRatio(timeSlices) ? describeSliceRatioBudget : describeSliceBudget;
  const text = timeSlices
    ? describeSlices(objective.target, seconds, timeSlices.windowSeconds)
    : describeBudget(objective.target, seconds, eventNoun);
  if (objective.window.kind === 'rolling') {
    return text;
  }
  const nominal = objective.window.unit === 'week' ? '7 days' : '30 days';
  return text.replace(` over ${nominal} `, ` over a calendar ${objective.window.unit} (${nominal}) `);
}

/**
 * What a time-slice SLO counts, for the SLO page: "good 1m slices (95% good events)", "good 2m slices
 * (every sample)" for a threshold SLI without a slice target, or "mean good ratio of 1m slices" (OpenSLO
 * RatioTimeslices); undefined for an SLO that counts events.
 */
export function describeSliceCounting(
  timeSlices: TimeSlices | undefined,
  indicatorType: IndicatorType
): string | undefined {
  if (!timeSlices) {
    return undefined;
  }
  if (scoresSliceRatio(timeSlices)) {
    return `mean good ratio of ${timeSlices.window} slices`;
  }
  const unit = indicatorType === 'threshold' ? 'samples' : 'events';
  const share =
    timeSlices.target === undefined ? `every ${unit.slice(0, -1)}` : `${formatTarget(timeSlices.target)} good ${unit}`;
  return `good ${timeSlices.window} slices (${share})`;
}

/** "1 hour", "6 hours", "14 minutes", "1 day 12 hours", "4 minutes 40 seconds": the two largest units. */
export function describeWindowLength(seconds: number): string {
  const units: Array<[string, number]> = [
    ['day', 86400],
    ['hour', 3600],
    ['minute', 60],
    ['second', 1],
  ];
  const parts: string[] = [];
  let rest = Math.round(seconds);
  for (const [name, size] of units) {
    const count = Math.floor(rest / size);
    rest -= count * size;
    if (count > 0) {
      parts.push(`${count} ${name}${count === 1 ? '' : 's'}`);
    } else if (parts.length > 0) {
      break;
    }
    if (parts.length === 2) {
      break;
    }
  }
  return parts.length > 0 ? parts.join(' ') : '0 seconds';
}

export interface BurnRateWords {
  severity: Severity;
  longWindow: string;
  shortWindow: string;
  longWindowSeconds: number;
  /** Exact decimal text. */
  factor: string;
  /** Share of the whole budget spent in the long window, exact decimal text. */
  budgetSpent: string;
}

/** A share as a percentage with up to two decimals: "0.02" -> "2%", "0.138889" -> "13.89%". */
function percentOf(share: string): string {
  return `${new Big(share).times(100).round(2).toString()}%`;
}

/** "page when 2% of the budget burns in 1 hour (14.4x over 1h and 5m)". */
export function describeBurnRate(alert: BurnRateWords): string {
  const verb = alert.severity === 'page' ? 'page' : 'open a ticket';
  return `${verb} when ${percentOf(alert.budgetSpent)} of the budget burns in ${describeWindowLength(
    alert.longWindowSeconds
  )} (${alert.factor}x over ${alert.longWindow} and ${alert.shortWindow})`;
}
