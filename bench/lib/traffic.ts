/**
 * Synthetic traffic shared by the accuracy test (tests/accuracy) and the benchmark (bench/): the
 * day/night cycle, the draw of good and bad events, and the two services both of them generate (web
 * and search). Minute i is the interval (t0 + step (i - 1), t0 + step i] of counters.ts; per-minute
 * arrays have minutes + 1 entries (index 0 unused).
 *
 * Every function draws from the PRNG in a fixed order, minute after minute, so that a seed gives the
 * same data in both callers.
 */
import { cumulative, type Random, type Series } from './counters';
import type { SloSpec } from './slos';

const DAY = 86400;
const HOUR = 3600;

/** A counter series with the sample name it is written under. */
export type SampleSeries = Series & { sample: string };

/** Events of every minute, and the bad ones among them. */
export interface MinuteCounts {
  total: Float64Array;
  bad: Float64Array;
}

/** The day/night cycle of minutes counted from t0. Times of day are UTC. */
export interface DayCycle {
  /** Hour of day (fractional) at the middle of minute i. */
  hourOf(i: number): number;
  /** Day/night traffic shape: 1 at the peak hour, 0.1 twelve hours later (a 10x swing). */
  shape(i: number, peakHour: number): number;
  /** 0 at the traffic peak, 1 at the trough. */
  night(i: number, peakHour: number): number;
}

export function dayCycle(t0: number, step: number): DayCycle {
  const hourOf = (i: number) => ((((t0 + (i - 0.5) * step) % DAY) + DAY) % DAY) / HOUR;
  const shape = (i: number, peakHour: number) =>
    0.1 + (0.9 * (1 + Math.cos((2 * Math.PI * (hourOf(i) - peakHour)) / 24))) / 2;
  const night = (i: number, peakHour: number) => 1 - (shape(i, peakHour) - 0.1) / 0.9;
  return { hourOf, shape, night };
}

/** Whether minute i falls in [from, to). */
export function during(i: number, [from, to]: readonly [number, number]): boolean {
  return i >= from && i < to;
}

/**
 * The events of every minute, Poisson with mean `mean(i)`, and the bad ones among them, binomial with
 * probability `badProbability(i)`.
 */
export function drawOutcomes(
  random: Random,
  minutes: number,
  mean: (i: number) => number,
  badProbability: (i: number) => number
): MinuteCounts {
  const counts = { total: new Float64Array(minutes + 1), bad: new Float64Array(minutes + 1) };
  for (let i = 1; i <= minutes; i++) {
    const n = random.poisson(mean(i));
    counts.total[i] = n;
    counts.bad[i] = random.binomial(n, badProbability(i));
  }
  return counts;
}

/**
 * The two counters of an outcome split, the good events (total - bad) and the bad ones, told apart by
 * the label `label`; `resetAt`: the minute whose sample restarts from 0 (see cumulative).
 */
export function outcomeCounters(
  sample: string,
  labels: Record<string, string>,
  label: string,
  [goodValue, badValue]: readonly [string, string],
  counts: MinuteCounts,
  resetAt?: number
): SampleSeries[] {
  const good = counts.total.map((n, i) => n - counts.bad[i]);
  return [
    { sample, labels: { ...labels, [label]: goodValue }, values: cumulative(good, resetAt) },
    { sample, labels: { ...labels, [label]: badValue }, values: cumulative(counts.bad, resetAt) },
  ];
}

/** The counters of one service and the ground truth of the SLO that reads them. */
export interface ServiceTraffic {
  truth: MinuteCounts;
  series: SampleSeries[];
}

/**
 * web: `http_requests_total{job="web", instance, code}`, two instances (60% and 40% of the traffic),
 * 200 req/s at 14:00 UTC and 20 req/s at 02:00; 5xx 0.02% by day and 0.2% by night, 4% during the
 * minutes of `outage`; web-2 restarts (a counter reset) at minute `resetAt`.
 */
export function webTraffic(
  random: Random,
  cycle: DayCycle,
  minutes: number,
  outage: readonly [number, number],
  resetAt: number
): ServiceTraffic {
  const truth = { total: new Float64Array(minutes + 1), bad: new Float64Array(minutes + 1) };
  const series: SampleSeries[] = [];
  for (const [instance, share] of [
    ['web-1', 0.6],
    ['web-2', 0.4],
  ] as const) {
    const counts = drawOutcomes(
      random,
      minutes,
      (i) => 12000 * share * cycle.shape(i, 14),
      (i) => (during(i, outage) ? 0.04 : 0.0002 + 0.0018 * cycle.night(i, 14))
    );
    for (let i = 1; i <= minutes; i++) {
      truth.total[i] += counts.total[i];
      truth.bad[i] += counts.bad[i];
    }
    const reset = instance === 'web-2' ? resetAt : undefined;
    series.push(
      ...outcomeCounters('http_requests_total', { job: 'web', instance }, 'code', ['200', '500'], counts, reset)
    );
  }
  return { truth, series };
}

/** The SLO of webTraffic: 5xx responses are bad. */
export const WEB_AVAILABILITY: SloSpec = {
  name: 'web-availability',
  service: 'web',
  indicator: {
    type: 'ratio',
    total: 'http_requests_total{job="web"}',
    bad: 'http_requests_total{job="web", code=~"5.."}',
  },
  target: '99.9%',
};

/** The latency threshold of search-latency, the `le` of its bucket. */
const SEARCH_THRESHOLD = '0.25';

/** The SLO of searchTraffic: requests slower than 250 ms are bad. */
export const SEARCH_LATENCY: SloSpec = {
  name: 'search-latency',
  service: 'search',
  indicator: {
    type: 'latency',
    histogram: 'search_request_duration_seconds{job="search"}',
    threshold: SEARCH_THRESHOLD,
  },
  target: '99%',
};

/**
 * search: a classic histogram `search_request_duration_seconds{job="search"}` (buckets 0.1, 0.25, 0.5,
 * 1 s), 100 req/s at 15:00 UTC; slow requests (> 250 ms, the bad events) 0.2% at night and 0.8% at the
 * peak, 20% during the minutes of `incident`.
 */
export function searchTraffic(
  random: Random,
  cycle: DayCycle,
  minutes: number,
  incident: readonly [number, number]
): ServiceTraffic {
  const latencies = drawLatencies(
    random,
    minutes,
    (i) => 6000 * cycle.shape(i, 15),
    (i) => (during(i, incident) ? 0.2 : 0.002 + 0.006 * (1 - cycle.night(i, 15)))
  );
  const truth = { total: latencies.buckets[LATENCY_BOUNDS.length - 1], bad: latencies.slow };
  return { truth, series: latencySeries('search_request_duration_seconds', { job: 'search' }, latencies) };
}

/** The upper bounds (s) of the classic latency histograms the generated services expose. */
export const LATENCY_BOUNDS = ['0.1', SEARCH_THRESHOLD, '0.5', '1', '+Inf'];

/** Per minute: the cumulative count of each bucket of LATENCY_BOUNDS, the sum of durations, the slow ones. */
export interface LatencyCounts {
  buckets: Float64Array[];
  sum: Float64Array;
  /** Requests slower than 250 ms. */
  slow: Float64Array;
}

/**
 * Request durations of every minute: `rate(i)` requests on average (Poisson), a share `slowShare(i)` of
 * them slower than 250 ms; 70% of the fast ones under 100 ms, and of the slow ones 60% under 500 ms and
 * three quarters of the rest under 1 s. Durations are summed at fixed values per bucket.
 */
export function drawLatencies(
  random: Random,
  minutes: number,
  rate: (i: number) => number,
  slowShare: (i: number) => number
): LatencyCounts {
  const buckets = LATENCY_BOUNDS.map(() => new Float64Array(minutes + 1));
  const sum = new Float64Array(minutes + 1);
  const slowCounts = new Float64Array(minutes + 1);
  for (let i = 1; i <= minutes; i++) {
    const n = random.poisson(rate(i));
    const slow = random.binomial(n, slowShare(i));
    const fast = n - slow;
    const veryFast = random.binomial(fast, 0.7);
    const under500 = random.binomial(slow, 0.6);
    const under1 = under500 + random.binomial(slow - under500, 0.75);
    [veryFast, fast, fast + under500, fast + under1, n].forEach((count, b) => (buckets[b][i] = count));
    sum[i] =
      veryFast * 0.05 + (fast - veryFast) * 0.15 + under500 * 0.35 + (under1 - under500) * 0.7 + (slow - under1) * 1.8;
    slowCounts[i] = slow;
  }
  return { buckets, sum, slow: slowCounts };
}

/** The series of a classic histogram `metric` with `labels` (_bucket per bound, _count, _sum). */
export function latencySeries(metric: string, labels: Record<string, string>, counts: LatencyCounts): SampleSeries[] {
  return [
    ...LATENCY_BOUNDS.map((le, b) => ({
      sample: `${metric}_bucket`,
      labels: { ...labels, le },
      values: cumulative(counts.buckets[b]),
    })),
    {
      sample: `${metric}_count`,
      labels,
      values: cumulative(counts.buckets[LATENCY_BOUNDS.length - 1]),
    },
    { sample: `${metric}_sum`, labels, values: cumulative(counts.sum) },
  ];
}
