/**
 * Ground truth for the benchmark, from the exact events of every minute. Burnrate's rules need no
 * model of their own here: for SLIs on counters (all of the benchmark's) the tiles are exact increases
 * and the budget remaining counts the events of exactly (T - window, T], so they must equal the exact
 * count, up to float rounding.
 */
import { exactEvents, type CumulativeTruth } from './lib/counters';

export const LAG_MINUTES = 15;

/** Exact error ratio over (to - seconds, to]; undefined without events. */
export function exactRatio(
  truth: CumulativeTruth,
  t0: number,
  step: number,
  to: number,
  seconds: number
): number | undefined {
  const e = exactEvents(truth, t0, step, to - seconds, to);
  return e.total > 0 ? e.bad / e.total : undefined;
}

/**
 * The spread of the exact ratios of windows ending 0..15 minutes before T, relative to the one at T:
 * how far a figure that lags by up to 15 minutes (a 10 minute tile and one 5m rate) can be from the exact ratio
 * (shown for the rule sets whose windows lag; ours must not).
 */
export function lagBand(
  truth: CumulativeTruth,
  t0: number,
  step: number,
  time: number,
  seconds: number
): { min: number; max: number } {
  const ratios = Array.from({ length: LAG_MINUTES + 1 }, (_, lag) =>
    exactRatio(truth, t0, step, time - lag * 60, seconds)
  ).filter((r): r is number => r !== undefined);
  return { min: Math.min(...ratios), max: Math.max(...ratios) };
}
