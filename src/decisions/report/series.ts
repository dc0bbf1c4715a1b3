import { SLO_LABELS } from '../../promql/slo';
import type { RangeQueryWindow } from './ranges';

/** What the range queries' series tell: an objective's bad periods and the alerts that fired. */

/** One series of a range query's answer: its labels and its [Unix seconds, value] points, oldest first. */
export interface LabelledSeries {
  labels: Record<string, string>;
  points: Array<[number, number]>;
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
