/**
 * Synthetic counters for the accuracy test: 32 days at a 60s step, with the exact number of good, bad
 * and total events of every minute kept in memory as the ground truth.
 *
 * Sample i (i = 0..MINUTES) is at t0 + 60 i and holds the events of minutes 1..i; minute i is the
 * interval (t0 + 60 (i - 1), t0 + 60 i]. Counters start at 0 at t0. The generic parts (PRNG, cumulative
 * series, OpenMetrics text, exact sums) live in bench/lib/counters.ts, shared with the benchmark.
 */

import {
  Random,
  cumulate,
  cumulative,
  exactEvents as sharedExactEvents,
  sampleIndexAtOrBefore as sharedSampleIndex,
  toOpenMetrics as sharedToOpenMetrics,
  type CumulativeTruth,
  type Family,
  type Series,
  type Truth,
} from '../../bench/lib/counters';

export const STEP_SECONDS = 60;
export const DAYS = 32;
export const MINUTES = DAYS * 1440;

export type { Truth, Series, Family, CumulativeTruth } from '../../bench/lib/counters';

export interface Scenario {
  families: Family[];
  truths: Truth[];
  /** Human-readable notes of what happens when, for the report. */
  events: string[];
}

/** Hour of day (UTC, fractional) at the middle of minute i. */
function hourOf(i: number): number {
  return ((((i - 0.5) % 1440) + 1440) % 1440) / 60;
}

/** Day/night traffic shape: 1 at the peak hour, 0.1 twelve hours later (a 10x swing). */
function shape(i: number, peakHour: number): number {
  return 0.1 + (0.9 * (1 + Math.cos((2 * Math.PI * (hourOf(i) - peakHour)) / 24))) / 2;
}

/** 0 at the traffic peak, 1 at the trough. */
function night(i: number, peakHour: number): number {
  return 1 - (shape(i, peakHour) - 0.1) / 0.9;
}

export function minuteOf(day: number, hour: number, minute = 0): number {
  return day * 1440 + hour * 60 + minute + 1;
}

function inRange(i: number, from: number, to: number): boolean {
  return i >= from && i < to;
}

export function generateScenario(seed = 20250301): Scenario {
  const random = new Random(seed);
  const events: string[] = [];

  // --- web-availability: 2 instances, 5xx more frequent at night, a 3h outage, a counter reset.
  const webOutage = [minuteOf(20, 13), minuteOf(20, 16)];
  const webReset = minuteOf(25, 9, 17);
  events.push(
    'web: 200 req/s at 14:00 UTC, 20 req/s at 02:00; 5xx 0.02% by day, 0.2% by night; ' +
      'outage day 20 13:00-16:00 UTC (4% 5xx); web-2 restarts (counter reset) day 25 09:17'
  );
  const web = { total: new Float64Array(MINUTES + 1), bad: new Float64Array(MINUTES + 1) };
  const webSeries: Array<Series & { sample: string }> = [];
  for (const [instance, share] of [
    ['web-1', 0.6],
    ['web-2', 0.4],
  ] as const) {
    const ok = new Float64Array(MINUTES + 1);
    const err = new Float64Array(MINUTES + 1);
    for (let i = 1; i <= MINUTES; i++) {
      const n = random.poisson(12000 * share * shape(i, 14));
      const p = inRange(i, webOutage[0], webOutage[1]) ? 0.04 : 0.0002 + 0.0018 * night(i, 14);
      const bad = random.binomial(n, p);
      ok[i] = n - bad;
      err[i] = bad;
      web.total[i] += n;
      web.bad[i] += bad;
    }
    const resetAt = instance === 'web-2' ? webReset : undefined;
    webSeries.push(
      { sample: 'http_requests_total', labels: { job: 'web', instance, code: '200' }, values: cumulative(ok, resetAt) },
      { sample: 'http_requests_total', labels: { job: 'web', instance, code: '500' }, values: cumulative(err, resetAt) }
    );
  }

  // --- orders-by-cluster: groupBy cluster, eu with 10x the traffic of us, good-events SLI.
  const usOutage = [minuteOf(27, 2), minuteOf(27, 6)];
  events.push(
    'orders: eu 50 req/s peak at 13:00 (errors 0.1% by day, 0.6% by night), us 5 req/s peak at 20:00 ' +
      '(0.3% errors); us outage day 27 02:00-06:00 UTC (40% errors)'
  );
  const orders: Record<string, { total: Float64Array; bad: Float64Array }> = {};
  const ordersSeries: Array<Series & { sample: string }> = [];
  for (const [cluster, peak, peakHour] of [
    ['eu', 3000, 13],
    ['us', 300, 20],
  ] as const) {
    const truth = { total: new Float64Array(MINUTES + 1), bad: new Float64Array(MINUTES + 1) };
    const ok = new Float64Array(MINUTES + 1);
    const err = new Float64Array(MINUTES + 1);
    for (let i = 1; i <= MINUTES; i++) {
      const n = random.poisson(peak * shape(i, peakHour));
      let p = cluster === 'eu' ? 0.001 + 0.005 * night(i, peakHour) : 0.003;
      if (cluster === 'us' && inRange(i, usOutage[0], usOutage[1])) {
        p = 0.4;
      }
      const bad = random.binomial(n, p);
      ok[i] = n - bad;
      err[i] = bad;
      truth.total[i] = n;
      truth.bad[i] = bad;
    }
    orders[cluster] = truth;
    ordersSeries.push(
      { sample: 'orders_processed_total', labels: { job: 'orders', cluster, outcome: 'ok' }, values: cumulative(ok) },
      {
        sample: 'orders_processed_total',
        labels: { job: 'orders', cluster, outcome: 'error' },
        values: cumulative(err),
      }
    );
  }

  // --- search-latency: a classic histogram; slow requests (> 250 ms) are more frequent under load.
  const slowIncident = [minuteOf(22, 10), minuteOf(22, 12)];
  events.push('search: 100 req/s peak at 15:00; > 250 ms 0.2% at night, 0.8% at the peak; day 22 10:00-12:00 UTC 20%');
  const search = { total: new Float64Array(MINUTES + 1), bad: new Float64Array(MINUTES + 1) };
  const bounds = ['0.1', '0.25', '0.5', '1', '+Inf'];
  const buckets = bounds.map(() => new Float64Array(MINUTES + 1));
  const sum = new Float64Array(MINUTES + 1);
  for (let i = 1; i <= MINUTES; i++) {
    const n = random.poisson(6000 * shape(i, 15));
    const q = inRange(i, slowIncident[0], slowIncident[1]) ? 0.2 : 0.002 + 0.006 * (1 - night(i, 15));
    const slow = random.binomial(n, q);
    const fast = n - slow;
    const veryFast = random.binomial(fast, 0.7);
    const under500 = random.binomial(slow, 0.6);
    const under1 = under500 + random.binomial(slow - under500, 0.75);
    const perBucket = [veryFast, fast, fast + under500, fast + under1, n];
    perBucket.forEach((count, b) => (buckets[b][i] = count));
    sum[i] =
      veryFast * 0.05 + (fast - veryFast) * 0.15 + under500 * 0.35 + (under1 - under500) * 0.7 + (slow - under1) * 1.8;
    search.total[i] = n;
    search.bad[i] = slow;
  }
  const histogramSeries: Array<Series & { sample: string }> = [
    ...bounds.map((le, b) => ({
      sample: 'search_request_duration_seconds_bucket',
      labels: { job: 'search', le },
      values: cumulative(buckets[b]),
    })),
    { sample: 'search_request_duration_seconds_count', labels: { job: 'search' }, values: cumulative(buckets[4]) },
    { sample: 'search_request_duration_seconds_sum', labels: { job: 'search' }, values: cumulative(sum) },
  ];

  return {
    families: [
      { name: 'http_requests', type: 'counter', series: webSeries },
      { name: 'orders_processed', type: 'counter', series: ordersSeries },
      { name: 'search_request_duration_seconds', type: 'histogram', series: histogramSeries },
    ],
    truths: [
      { key: 'web-availability', ...web },
      { key: 'orders-by-cluster{cluster="eu"}', ...orders.eu },
      { key: 'orders-by-cluster{cluster="us"}', ...orders.us },
      { key: 'search-latency', ...search },
    ],
    events,
  };
}

/** OpenMetrics text of the samples i in [from, to) (see bench/lib/counters.ts). */
export function toOpenMetrics(scenario: Scenario, t0: number, from = 0, to = MINUTES + 1): string {
  return sharedToOpenMetrics(scenario.families, t0, STEP_SECONDS, from, to);
}

export { cumulate };

/** Index of the last sample at or before time t (seconds), clamped to the data. */
export function sampleIndexAtOrBefore(t0: number, t: number): number {
  return sharedSampleIndex(t0, STEP_SECONDS, MINUTES, t);
}

/** Exact events of the minutes ending in (from, to] (seconds). */
export function exactEvents(
  truth: CumulativeTruth,
  t0: number,
  from: number,
  to: number
): { bad: number; total: number } {
  return sharedExactEvents(truth, t0, STEP_SECONDS, from, to);
}
