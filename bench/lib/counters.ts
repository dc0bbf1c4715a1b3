/**
 * Synthetic counters with exact ground truth, shared by the accuracy test (tests/accuracy) and the
 * benchmark (bench/). Series are sampled every `step` seconds from `t0`:
 *
 * Sample i (i = 0..N) is at t0 + step * i and holds the events of intervals 1..i; interval i is
 * (t0 + step (i - 1), t0 + step i]. Counters start at 0 at t0. Per-interval arrays have N + 1 entries
 * (index 0 unused), so N is always `array.length - 1`.
 */

/** Ground truth of one SLO (or one group of a grouped SLO): events per interval, index 1..N. */
export interface Truth {
  key: string;
  total: Float64Array;
  bad: Float64Array;
}

/** One counter series of the generated OpenMetrics. */
export interface Series {
  labels: Record<string, string>;
  /** Cumulative value at every sample (N + 1 values); a reset is written as it happened. */
  values: Float64Array;
}

export interface Family {
  /** OpenMetrics family name: without _total for counters. */
  name: string;
  type: 'counter' | 'histogram';
  /** Sample names in the order written for each timestamp (histograms: _bucket, _count, _sum). */
  series: Array<Series & { sample: string }>;
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

export class Random {
  readonly next: () => number;
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

/** Turns per-interval counts into a cumulative series; `resetAt`: interval whose sample restarts from 0. */
export function cumulative(perInterval: Float64Array, resetAt?: number): Float64Array {
  const n = perInterval.length - 1;
  const values = new Float64Array(n + 1);
  let value = 0;
  for (let i = 1; i <= n; i++) {
    // The process restarted right after the scrape of sample i - 1: its counter holds only interval i.
    value = i === resetAt ? perInterval[i] : value + perInterval[i];
    values[i] = value;
  }
  return values;
}

/**
 * OpenMetrics text of the samples i in [from, to), timestamps in seconds, ending with `# EOF`.
 * promtool's OpenMetrics backfill reads its whole input once per 2h block it writes, so callers write
 * one file per day rather than one file of a month (seconds instead of minutes).
 */
export function toOpenMetrics(families: Family[], t0: number, step: number, from: number, to: number): string {
  const chunks: string[] = [];
  for (const family of families) {
    if (family.series.length === 0) {
      continue;
    }
    chunks.push(`# TYPE ${family.name} ${family.type}\n`);
    const prefixes = family.series.map((s) => {
      const labels = Object.entries(s.labels)
        .map(([k, v]) => `${k}="${v}"`)
        .join(',');
      return `${s.sample}{${labels}} `;
    });
    const last = family.series[0].values.length;
    const lines: string[] = [];
    for (let i = from; i < Math.min(to, last); i++) {
      const ts = t0 + i * step;
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

/** Prefix sums of a truth: cumulative[i] = events of intervals 1..i. */
export interface CumulativeTruth {
  key: string;
  bad: Float64Array;
  total: Float64Array;
}

export function cumulate(truth: Truth): CumulativeTruth {
  const sum = (perInterval: Float64Array) => {
    const out = new Float64Array(perInterval.length);
    for (let i = 1; i < perInterval.length; i++) {
      out[i] = out[i - 1] + perInterval[i];
    }
    return out;
  };
  return { key: truth.key, bad: sum(truth.bad), total: sum(truth.total) };
}

/** Index of the last sample at or before time t (seconds), clamped to 0..n. */
export function sampleIndexAtOrBefore(t0: number, step: number, n: number, t: number): number {
  return Math.max(0, Math.min(n, Math.floor((t - t0) / step + 1e-9)));
}

/** Exact events of the intervals ending in (from, to] (seconds). */
export function exactEvents(
  truth: CumulativeTruth,
  t0: number,
  step: number,
  from: number,
  to: number
): { bad: number; total: number } {
  const n = truth.total.length - 1;
  const a = sampleIndexAtOrBefore(t0, step, n, from);
  const b = sampleIndexAtOrBefore(t0, step, n, to);
  return { bad: truth.bad[b] - truth.bad[a], total: truth.total[b] - truth.total[a] };
}
