/**
 * Ground truth for the benchmark, from the exact events of every minute, and a model of what
 * Burnrate's rules compute from the same counts (to tell the design's window from a bug).
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
 * how far a figure that lags by one tile (10 minutes) and one 5m rate can be from the exact ratio.
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

/** Where Burnrate's recorded samples fall: each rule group has its own evaluation offset. */
export interface Offsets {
  /** slo:*:rate5m samples at rateMs + k * rateStepMs. */
  rateMs: number;
  rateStepMs: number;
  /** slo:*:tile10m samples at tileMs + k * 10 min. */
  tileMs: number;
}

/**
 * Prometheus 2.42's rate() of one counter over [evalMs - rangeMs, evalMs] (both ends included), from
 * raw samples every `step` seconds from t0: increase with resets, extrapolated to the range's edges
 * when the first or last sample is within 1.1 average intervals of them (towards the start no further
 * than the counter's zero point), divided by the range. Undefined with fewer than two samples.
 */
export function promRate(
  values: Float64Array,
  t0: number,
  step: number,
  evalMs: number,
  rangeMs: number
): number | undefined {
  const stepMs = step * 1000;
  const t0Ms = t0 * 1000;
  const n = values.length - 1;
  const first = Math.max(0, Math.ceil((evalMs - rangeMs - t0Ms) / stepMs));
  const last = Math.min(n, Math.floor((evalMs - t0Ms) / stepMs));
  if (last - first < 1) {
    return undefined;
  }
  let result = values[last] - values[first];
  for (let i = first + 1; i <= last; i++) {
    if (values[i] < values[i - 1]) {
      result += values[i - 1];
    }
  }
  let durationToStart = (t0Ms + first * stepMs - (evalMs - rangeMs)) / 1000;
  const durationToEnd = (evalMs - (t0Ms + last * stepMs)) / 1000;
  const sampledInterval = ((last - first) * stepMs) / 1000;
  const average = sampledInterval / (last - first);
  if (result > 0 && values[first] >= 0) {
    const durationToZero = sampledInterval * (values[first] / result);
    if (durationToZero < durationToStart) {
      durationToStart = durationToZero;
    }
  }
  const threshold = average * 1.1;
  let extrapolated = sampledInterval;
  extrapolated += durationToStart < threshold ? durationToStart : average / 2;
  extrapolated += durationToEnd < threshold ? durationToEnd : average / 2;
  return (result * (extrapolated / sampledInterval)) / (rangeMs / 1000);
}

/** Raw counters an SLO reads (see scenarios.ts). */
export interface ModelSeries {
  total: Float64Array[];
  bad?: Float64Array[];
  good?: Float64Array[];
}

/**
 * What Burnrate's rules compute, emulated from the raw counters: every 5m rate sample (Prometheus's
 * rate() per series, summed) of the base group from `fromMs` on, bad zero-filled where there is
 * traffic and absent where there is none (or total - good, clamped at 0), summed into 10 minute tiles
 * (t - 10m, t], and the window as the sum of the tiles of (T - window, T]: the rate samples of the
 * window's span up to the last tile, each once.
 */
export class OursModel {
  private readonly times: number[] = [];
  private readonly cumBad: Float64Array;
  private readonly cumTotal: Float64Array;

  constructor(
    series: ModelSeries,
    t0: number,
    step: number,
    private readonly offsets: Offsets,
    fromMs: number,
    toMs: number
  ) {
    const mod = (a: number, m: number) => ((a % m) + m) % m;
    let s = fromMs + mod(offsets.rateMs - fromMs, offsets.rateStepMs);
    const bad: number[] = [];
    const total: number[] = [];
    const sum = (list: Float64Array[], at: number) => {
      let v: number | undefined;
      for (const values of list) {
        const r = promRate(values, t0, step, at, 300_000);
        if (r !== undefined) {
          v = (v ?? 0) + r;
        }
      }
      return v;
    };
    for (; s <= toMs; s += offsets.rateStepMs) {
      const t = sum(series.total, s);
      let b = 0;
      if (t !== undefined && t > 0) {
        b = series.bad ? (sum(series.bad, s) ?? 0) : Math.max(0, t - (sum(series.good ?? [], s) ?? 0));
      }
      this.times.push(s);
      total.push(t ?? 0);
      bad.push(b);
    }
    this.cumBad = new Float64Array(bad.length + 1);
    this.cumTotal = new Float64Array(total.length + 1);
    for (let i = 0; i < bad.length; i++) {
      this.cumBad[i + 1] = this.cumBad[i] + bad[i];
      this.cumTotal[i + 1] = this.cumTotal[i] + total[i];
    }
  }

  /** Index of the first rate sample after `ms`. */
  private after(ms: number): number {
    let lo = 0;
    let hi = this.times.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.times[mid] <= ms) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  ratio(timeMs: number, windowSeconds: number): number {
    const TILE = 600_000;
    const mod = (a: number, m: number) => ((a % m) + m) % m;
    const lastTile = timeMs - mod(timeMs - this.offsets.tileMs, TILE);
    const a = this.after(lastTile - windowSeconds * 1000);
    const b = this.after(lastTile);
    return (this.cumBad[b] - this.cumBad[a]) / (this.cumTotal[b] - this.cumTotal[a]);
  }
}

/**
 * The same window as OursModel, from the exact counts instead of Prometheus's rate(): each 5m rate
 * sample at s counts the events between its first and last raw sample in [s - 5m, s] divided by their
 * distance (what rate() gives when it extrapolates to the range's edges, as it does for a counter
 * away from zero). OursModel - this = the effect of rate()'s extrapolation (counters near zero);
 * this - exact = the effect of the window's position (it ends at the last tile, each rate sample
 * reaches ~4 minutes back).
 */
export function truthModelRatio(
  truth: CumulativeTruth,
  t0: number,
  step: number,
  offsets: Offsets,
  timeMs: number,
  windowSeconds: number
): number {
  const TILE = 600_000;
  const STEP = step * 1000;
  const mod = (a: number, m: number) => ((a % m) + m) % m;
  const lastTile = timeMs - mod(timeMs - offsets.tileMs, TILE);
  const end = lastTile - mod(lastTile - offsets.rateMs, offsets.rateStepMs);
  const n = truth.total.length - 1;
  const index = (ms: number) => Math.max(0, Math.min(n, Math.round((ms - t0 * 1000) / STEP)));
  let bad = 0;
  let total = 0;
  for (let s = end; s > lastTile - windowSeconds * 1000; s -= offsets.rateStepMs) {
    const first = Math.max(t0 * 1000, Math.ceil((s - 300_000 - t0 * 1000) / STEP) * STEP + t0 * 1000);
    const last = Math.floor((s - t0 * 1000) / STEP) * STEP + t0 * 1000;
    if (last - first < STEP) {
      continue;
    }
    const [i, j] = [index(first), index(last)];
    const seconds = (last - first) / 1000;
    bad += (truth.bad[j] - truth.bad[i]) / seconds;
    total += (truth.total[j] - truth.total[i]) / seconds;
  }
  return bad / total;
}
