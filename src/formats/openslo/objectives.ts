/** The budgeting method, time window, target and time slices of an OpenSLO SLO. */
import { quoteValue } from '../../slo/quote';
import type { Decimal, SloWindow, TimeSlices } from '../../slo/types';
import { parseSliceTarget, parseSliceWindow, parseTarget, parseWindow, toDecimal } from '../../slo/values';
import type { Reporter } from './reporter';
import { SHORTHAND, type ObjectiveSpec, type TimeWindowSpec } from './schema';

const UTC_ZONES = new Set(['utc', 'etc/utc', 'gmt', 'etc/gmt', 'z', 'zulu', 'universal', 'etc/universal']);

/** Days of the OpenSLO units of no fixed length, in a rolling window. */
const ROLLING_UNIT_DAYS: Record<string, number> = { M: 30, Q: 90, Y: 365 };

export type BudgetingMethod = 'Occurrences' | 'Timeslices' | 'RatioTimeslices';

export function checkBudgetingMethod(method: string | undefined, r: Reporter): BudgetingMethod | undefined {
  if (method === undefined) {
    r.warn('spec.budgetingMethod', 'is missing: read as Occurrences (good events over all events)');
    return 'Occurrences';
  }
  if (method === 'Occurrences' || method === 'Timeslices' || method === 'RatioTimeslices') {
    return method;
  }
  r.error('spec.budgetingMethod', `must be Occurrences, Timeslices or RatioTimeslices, got ${quoteValue(method)}`);
  return undefined;
}

/**
 * The slices of a Timeslices or RatioTimeslices SLO, from its first objective. RatioTimeslices averages
 * the good ratio of every slice (for a thresholdMetric the share of its data points that meet op and
 * value): its slices are scored by their ratio, and a timeSliceTarget, which it never uses, is reported.
 */
export function readTimeSlices(
  objective: ObjectiveSpec,
  path: string,
  threshold: boolean,
  method: 'Timeslices' | 'RatioTimeslices',
  r: Reporter
): TimeSlices | undefined {
  const { timeSliceWindow, timeSliceTarget } = objective;
  let slice: { window: string; windowSeconds: number } | undefined;
  if (timeSliceWindow === undefined) {
    r.error(`${path}.timeSliceWindow`, `is required with budgetingMethod ${method}: the length of a slice, such as 1m`);
  } else if (typeof timeSliceWindow === 'number') {
    r.error(`${path}.timeSliceWindow`, `must be a duration such as 1m: ${timeSliceWindow} has no unit`);
  } else {
    slice = r.collect((issues) => parseSliceWindow(timeSliceWindow, `${path}.timeSliceWindow`, issues));
  }
  if (method === 'RatioTimeslices') {
    if (timeSliceTarget !== undefined) {
      r.warn(
        `${path}.timeSliceTarget`,
        'ignored: RatioTimeslices averages the good ratio of every slice and judges no slice against a target' +
          ' (Timeslices does)'
      );
    }
    return slice && { ...slice, score: 'ratio' };
  }
  if (timeSliceTarget === undefined) {
    r.error(
      `${path}.timeSliceTarget`,
      'is required with budgetingMethod Timeslices: the good ratio a slice must reach, such as 0.95'
    );
    return undefined;
  }
  const target = r.collect((issues) => parseSliceTarget(timeSliceTarget, `${path}.timeSliceTarget`, issues));
  if (!slice || target === undefined) {
    return undefined;
  }
  // For a thresholdMetric, the share of the slice's data points that meet op and value; 1: every one.
  return threshold && target === '1' ? slice : { ...slice, target };
}

export function readTimeWindow(windows: TimeWindowSpec[] | undefined, r: Reporter): SloWindow | undefined {
  if (windows === undefined || windows.length === 0) {
    r.warn('spec.timeWindow', 'is missing: read as a rolling window of 30d');
    return { kind: 'rolling', duration: '30d', seconds: 30 * 86400 };
  }
  if (windows.length > 1) {
    r.error('spec.timeWindow', `must hold exactly one window, got ${windows.length}`);
    return undefined;
  }
  const window = windows[0];
  const path = 'spec.timeWindow[0]';
  const calendar = window.isRolling === true ? undefined : window.calendar;
  if (window.isRolling === true && window.calendar) {
    r.error(`${path}.calendar`, 'a rolling window (isRolling: true) has no calendar: remove one of them');
    return undefined;
  }
  if (window.isRolling === false || calendar) {
    const unit = window.duration === '1w' ? 'week' : window.duration === '1M' ? 'month' : undefined;
    if (!unit) {
      r.error(
        `${path}.duration`,
        `a calendar window of ${window.duration} is not supported: Burnrate has calendar weeks (1w) and months (1M); use a rolling window for other periods` +
          (window.duration === '1m' ? ' (1m is a minute: a month is 1M)' : '')
      );
      return undefined;
    }
    checkCalendarStart(unit, calendar, `${path}.calendar`, r);
    return { kind: 'calendar', unit };
  }
  const shorthand = SHORTHAND.exec(window.duration);
  const daysPerUnit = shorthand ? ROLLING_UNIT_DAYS[shorthand[2]] : undefined;
  if (shorthand && daysPerUnit !== undefined) {
    // A rolling month has no fixed length: read as 30 days (a quarter 90, a year 365), as Sloth's default period.
    const days = Number(shorthand[1]) * daysPerUnit;
    r.warn(
      `${path}.duration`,
      `a rolling ${window.duration} has no fixed length: read as ${days}d (a month as 30 days, a quarter 90, a year 365)`
    );
    return r.collect((issues) => parseWindow(`${days}d`, `${path}.duration`, issues));
  }
  return r.collect((issues) => parseWindow(window.duration, `${path}.duration`, issues));
}

function checkCalendarStart(
  unit: 'week' | 'month',
  calendar: TimeWindowSpec['calendar'],
  path: string,
  r: Reporter
): void {
  const periods = unit === 'week' ? 'weeks start on Monday at 00:00 UTC' : 'months start on the 1st at 00:00 UTC';
  if (calendar?.timeZone !== undefined && !UTC_ZONES.has(calendar.timeZone.toLowerCase())) {
    r.warn(`${path}.timeZone`, `${calendar.timeZone} is not used: Burnrate calendar ${periods}`);
  }
  if (calendar?.startTime === undefined) {
    return;
  }
  const start = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(calendar.startTime.trim());
  const midnight = start && (start[4] ?? '00') === '00' && (start[5] ?? '00') === '00' && (start[6] ?? '00') === '00';
  const aligned =
    start &&
    midnight &&
    (unit === 'month'
      ? start[3] === '01'
      : new Date(Date.UTC(Number(start[1]), Number(start[2]) - 1, Number(start[3]))).getUTCDay() === 1);
  if (!aligned) {
    r.warn(`${path}.startTime`, `${calendar.startTime} is not used: Burnrate calendar ${periods}`);
  }
}

export function readTarget(objective: ObjectiveSpec, path: string, r: Reporter): Decimal | undefined {
  const { target, targetPercent } = objective;
  if (target !== undefined && targetPercent !== undefined) {
    r.error(`${path}.targetPercent`, 'give target (0.999) or targetPercent (99.9), not both');
    return undefined;
  }
  if (target !== undefined) {
    return r.collect((issues) => parseTarget(target, `${path}.target`, issues));
  }
  if (targetPercent !== undefined) {
    const percent = toDecimal(String(targetPercent).replace(/%$/, ''));
    if (percent === undefined) {
      r.error(`${path}.targetPercent`, `must be a percentage such as 99.9, got ${quoteValue(targetPercent)}`);
      return undefined;
    }
    return r.collect((issues) => parseTarget(`${percent}%`, `${path}.targetPercent`, issues));
  }
  r.error(`${path}.target`, 'is required: give target (such as 0.999) or targetPercent (such as 99.9)');
  return undefined;
}

export function dropOtherObjectives(objectives: ObjectiveSpec[], r: Reporter): void {
  const first = objectives[0];
  objectives.slice(1).forEach((o, k) => {
    const i = k + 1;
    const same = o.target === first.target && o.targetPercent === first.targetPercent;
    r.warn(
      `spec.objectives[${i}]`,
      same
        ? 'dropped: it repeats objectives[0]'
        : `dropped (target ${o.target ?? `${o.targetPercent}%`}): an OpenSLO SLO gives all its objectives one time window, ` +
            'and Burnrate needs a distinct window per objective, so only objectives[0] is imported'
    );
  });
}

export function warnObjectiveFields(
  objective: ObjectiveSpec,
  threshold: boolean,
  timeSliced: boolean,
  r: Reporter
): void {
  const path = 'spec.objectives[0]';
  if (!threshold) {
    for (const key of ['op', 'value'] as const) {
      if (objective[key] !== undefined) {
        r.warn(`${path}.${key}`, 'ignored: op and value only apply to a thresholdMetric');
      }
    }
  }
  const ignored = timeSliced
    ? (['compositeWeight'] as const)
    : (['timeSliceTarget', 'timeSliceWindow', 'compositeWeight'] as const);
  for (const key of ignored) {
    if (objective[key] !== undefined) {
      r.warn(
        `${path}.${key}`,
        `ignored: ${key} only applies to ${key === 'compositeWeight' ? 'composite SLOs' : 'time slice budgeting'}`
      );
    }
  }
}
