/**
 * Synthetic counters for the accuracy test: 32 days at a 60s step, with the exact number of good, bad
 * and total events of every minute kept in memory as the ground truth.
 *
 * Sample i (i = 0..MINUTES) is at t0 + 60 i and holds the events of minutes 1..i; minute i is the
 * interval (t0 + 60 (i - 1), t0 + 60 i]. Counters start at 0 at t0.
 */

export const STEP_SECONDS = 60;
export const DAYS = 32;
export const MINUTES = DAYS * 1440;

/** Ground truth of one SLO (or one group of a grouped SLO): events per minute, index 1..MINUTES. */
export interface Truth {
  key: string;
  total: Float64Array;
  bad: Float64Array;
}

/** One counter series of the generated OpenMetrics. */
export interface Series {
  labels: Record<string, string>;
  /** Cumulative value at every sample (MINUTES + 1 values); a reset is written as it happened. */
  values: Float64Array;
}

export interface Family {
  /** OpenMetrics family name: without _total for counters. */
  name: string;
  type: 'counter' | 'histogram';
  /** Sample names in the order written for each timestamp (histograms: _bucket, _count, _sum). */
  series: Array<Series & { sample: string }>;
}

export interface Scenario {
  families: Family[];
  truths: Truth[];
  /** Human-readable notes of what happens when, for the report. */
  events: string[];
}

/** mulberry32: a small seeded PRNG, so that every run generates the same data. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Random {
  private next: () => number;
  constructor(seed: number) {
    this.next = prng(seed);
  }
  normal(): number {
    const u = Math.max(this.next(), 1e-12);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }
  poisson(mean: number): number {
    if (mean <= 0) {
      return 0;
    }
    if (mean > 50) {
      return Math.max(0, Math.round(mean + Math.sqrt(mean) * this.normal()));
    }
    const limit = Math.exp(-mean);
    let k = 0;
    let p = this.next();
    while (p > limit) {
      k++;
      p *= this.next();
    }
    return k;
  }
  binomial(n: number, p: number): number {
    if (n <= 0 || p <= 0) {
      return 0;
    }
    const mean = n * p;
    if (mean < 30) {
      return Math.min(n, this.poisson(mean));
    }
    return Math.min(n, Math.max(0, Math.round(mean + Math.sqrt(mean * (1 - p)) * this.normal())));
  }
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

/** Turns per-minute counts into a cumulative series; `resetAt`: minute whose sample restarts from 0. */
function cumulative(perMinute: Float64Array, resetAt?: number): Float64Array {
  const values = new Float64Array(MINUTES + 1);
  let value = 0;
  for (let i = 1; i <= MINUTES; i++) {
    // The process restarted right after the scrape of sample i - 1: its counter holds only minute i.
    value = i === resetAt ? perMinute[i] : value + perMinute[i];
    values[i] = value;
  }
  return values;
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

/**
 * OpenMetrics text of the samples i in [from, to), timestamps in seconds, ending with `# EOF`.
 * promtool's OpenMetrics backfill reads its whole input once per 2h block it writes, so the test writes
 * one file per day rather than one file of 32 days (about 3 minutes instead of seconds).
 */
export function toOpenMetrics(scenario: Scenario, t0: number, from = 0, to = MINUTES + 1): string {
  const chunks: string[] = [];
  for (const family of scenario.families) {
    chunks.push(`# TYPE ${family.name} ${family.type}\n`);
    const prefixes = family.series.map((s) => {
      const labels = Object.entries(s.labels)
        .map(([k, v]) => `${k}="${v}"`)
        .join(',');
      return `${s.sample}{${labels}} `;
    });
    const lines: string[] = [];
    for (let i = from; i < Math.min(to, MINUTES + 1); i++) {
      const ts = t0 + i * STEP_SECONDS;
      family.series.forEach((s, k) => {
        const v = s.values[i];
        lines.push(`${prefixes[k]}${Number.isInteger(v) ? v : v.toFixed(3)} ${ts}\n`);
      });
      if (lines.length > 20000) {
        chunks.push(lines.join(''));
        lines.length = 0;
      }
    }
    chunks.push(lines.join(''));
  }
  chunks.push('# EOF\n');
  return chunks.join('');
}

/** Prefix sums of a truth: cumulative[i] = events of minutes 1..i. */
export interface CumulativeTruth {
  key: string;
  bad: Float64Array;
  total: Float64Array;
}

export function cumulate(truth: Truth): CumulativeTruth {
  const sum = (perMinute: Float64Array) => {
    const out = new Float64Array(MINUTES + 1);
    for (let i = 1; i <= MINUTES; i++) {
      out[i] = out[i - 1] + perMinute[i];
    }
    return out;
  };
  return { key: truth.key, bad: sum(truth.bad), total: sum(truth.total) };
}

/** Index of the last sample at or before time t (seconds), clamped to the data. */
export function sampleIndexAtOrBefore(t0: number, t: number): number {
  return Math.max(0, Math.min(MINUTES, Math.floor((t - t0) / STEP_SECONDS + 1e-9)));
}

/** Exact events of the minutes ending in (from, to] (seconds). */
export function exactEvents(
  truth: CumulativeTruth,
  t0: number,
  from: number,
  to: number
): { bad: number; total: number } {
  const a = sampleIndexAtOrBefore(t0, from);
  const b = sampleIndexAtOrBefore(t0, to);
  return { bad: truth.bad[b] - truth.bad[a], total: truth.total[b] - truth.total[a] };
}
