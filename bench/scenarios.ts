/**
 * The benchmark's synthetic services: counters at a 60 s step for DAYS days ending at `end` (a few
 * minutes before the real time, so that live rules see recent data), the exact events of every minute
 * (ground truth), and the SLO documents that read them.
 *
 * Times of day are UTC. Every event is placed relative to `end`, so that each run sees the same
 * situations at the same instants whatever the date.
 */
import { Random, cumulative, type Family, type Truth } from './lib/counters';
import { sloDocument, type SloSpec } from './lib/slos';
import {
  SEARCH_LATENCY,
  WEB_AVAILABILITY,
  dayCycle,
  drawOutcomes,
  during,
  outcomeCounters,
  searchTraffic,
  webTraffic,
  type SampleSeries,
} from './lib/traffic';

export const STEP_SECONDS = 60;
const HOUR = 3600;

export interface BenchScenario {
  t0: number;
  end: number;
  minutes: number;
  families: Family[];
  truths: Truth[];
  /** Native SLO documents (burnrate.dev/v1), one per truth. */
  documents: object[];
  /** What happens when, for the report. */
  notes: string[];
  /** Instants of the comparison (seconds), with what they test. */
  instants: Array<{ time: number; label: string }>;
  /** Source series per SLO, by truth key. */
  sourceSeries: Record<string, number>;
  /** The raw series each SLO's selectors match, by truth key (for the exact model of rate()). */
  selected: Record<string, SelectedSeries>;
}

/** Counter values (every `step` seconds from t0) that an SLO's total and bad (or good) selectors match. */
export interface SelectedSeries {
  total: Float64Array[];
  bad?: Float64Array[];
  good?: Float64Array[];
}

export interface ScenarioOptions {
  /** Days of history (full: 32; small: 3). */
  days: number;
  /** End of the data (seconds, a whole minute). */
  end: number;
  /**
   * The small CI version: web and batch only, a 2d window (so that the window slides over the data
   * rather than holding all of it) and two explicit alerts (the default windows scaled to 2d would
   * be shorter than the evaluation interval).
   */
  small: boolean;
  /** Add the high-cardinality api service (50 pods x 4 codes). */
  high: boolean;
  seed?: number;
}

const SMALL_ALERTS = {
  burnRates: [
    { severity: 'page', longWindow: '1h', shortWindow: '5m', factor: 14.4 },
    { severity: 'ticket', longWindow: '6h', shortWindow: '30m', factor: 6 },
  ],
};

const BATCH_QUIET: SloSpec = {
  name: 'batch-quiet',
  service: 'batch',
  indicator: {
    type: 'ratio',
    total: 'batch_jobs_total{job="batch"}',
    bad: 'batch_jobs_total{job="batch", outcome="failed"}',
  },
  target: '99%',
};

const CHECKOUT_AVAILABILITY: SloSpec = {
  name: 'checkout-availability',
  service: 'checkout',
  indicator: {
    type: 'ratio',
    total: 'http_requests_total{job="checkout"}',
    bad: 'http_requests_total{job="checkout", code=~"5.."}',
  },
  target: '99.9%',
};

const PAYMENTS_LEAK: SloSpec = {
  name: 'payments-leak',
  service: 'payments',
  indicator: {
    type: 'ratio',
    total: 'payments_total{job="payments"}',
    bad: 'payments_total{job="payments", outcome="error"}',
  },
  target: '99.5%',
};

const API_AVAILABILITY: SloSpec = {
  name: 'api-availability',
  service: 'api',
  indicator: {
    type: 'ratio',
    total: 'api_requests_total{job="api"}',
    bad: 'api_requests_total{job="api", code=~"5.."}',
  },
  target: '99.9%',
};

export function generateBenchScenario(options: ScenarioOptions): BenchScenario {
  const { days, end, small } = options;
  const minutes = days * 1440;
  const t0 = end - minutes * STEP_SECONDS;
  const random = new Random(options.seed ?? 20260415);
  const window = small ? '2d' : '30d';
  const cycle = dayCycle(t0, STEP_SECONDS);
  const { hourOf, shape, night } = cycle;
  /** Minute index containing time t (seconds). */
  const minuteAt = (t: number) => Math.floor((t - t0) / STEP_SECONDS) + 1;
  const span = (fromSeconds: number, toSeconds: number) => [minuteAt(fromSeconds), minuteAt(toSeconds)] as const;
  const iso = (t: number) => new Date(t * 1000).toISOString().slice(5, 16).replace('T', ' ');
  const perMinute = () => new Float64Array(minutes + 1);

  const families: Family[] = [];
  const truths: Truth[] = [];
  const documents: object[] = [];
  const notes: string[] = [];
  const sourceSeries: Record<string, number> = {};
  const selected: Record<string, SelectedSeries> = {};
  const values = (list: SampleSeries[], keep: (labels: Record<string, string>) => boolean) =>
    list.filter((x) => keep(x.labels)).map((x) => x.values);
  const counterFamily = (name: string, series: SampleSeries[]) => families.push({ name, type: 'counter', series });
  const document = (spec: SloSpec) => sloDocument(spec, window, window !== '30d' ? SMALL_ALERTS : undefined);

  // --- web: day/night (10x), errors 10x more frequent at night, a counter reset, and an outage at
  // the start of the history that leaves the 30d window during the last day (the window's tail).
  {
    const oldOutage = small ? span(t0 + 6 * HOUR, t0 + 9 * HOUR) : span(t0 + 32 * HOUR, t0 + 35 * HOUR);
    const resetAt = minuteAt(end - (small ? 5 : 20) * HOUR - 13 * 60);
    const web = webTraffic(random, cycle, minutes, oldOutage, resetAt);
    const truth = { key: WEB_AVAILABILITY.name, ...web.truth };
    counterFamily('http_requests', web.series);
    truths.push(truth);
    sourceSeries[truth.key] = web.series.length;
    selected[truth.key] = { total: values(web.series, () => true), bad: values(web.series, (l) => l.code === '500') };
    documents.push(document(WEB_AVAILABILITY));
    notes.push(
      `web-availability (99.9%): 2 instances x 2 codes, 200 req/s at 14:00 UTC, 20 req/s at 02:00 (10x); ` +
        `5xx 0.02% by day, 0.2% by night; 3h outage at 4% ${iso(t0 + (oldOutage[0] - 1) * 60)}-${iso(t0 + (oldOutage[1] - 1) * 60)} UTC ` +
        `(leaves the ${window} window during the last day); web-2 counter reset ${iso(t0 + resetAt * 60)}`
    );
  }

  // --- batch: a quiet service, traffic only 01:00-03:00 UTC (0.3 req/s), zero the rest of the day,
  // and a silence of two whole days before the last 6 hours.
  {
    const silence = small ? span(end - 30 * HOUR, end - 6 * HOUR) : span(end - 54 * HOUR, end - 6 * HOUR);
    const counts = drawOutcomes(
      random,
      minutes,
      (i) => {
        const h = hourOf(i);
        return h >= 1 && h < 3 && !during(i, silence) ? 18 : 0;
      },
      () => 0.005
    );
    const truth = { key: BATCH_QUIET.name, ...counts };
    const series = outcomeCounters('batch_jobs_total', { job: 'batch' }, 'outcome', ['ok', 'failed'], counts);
    counterFamily('batch_jobs', series);
    truths.push(truth);
    sourceSeries[truth.key] = series.length;
    selected[truth.key] = { total: values(series, () => true), bad: values(series, (l) => l.outcome === 'failed') };
    documents.push(document(BATCH_QUIET));
    notes.push(
      `batch-quiet (99%): traffic only 01:00-03:00 UTC (0.3 req/s, 0.5% failed), zero otherwise; ` +
        `no traffic at all ${iso(t0 + (silence[0] - 1) * 60)}-${iso(t0 + (silence[1] - 1) * 60)} UTC`
    );
  }

  if (!small) {
    // --- checkout: an outage of 3 hours (5% errors) during the last two days.
    const truth = { key: CHECKOUT_AVAILABILITY.name, total: perMinute(), bad: perMinute() };
    const outage = span(end - 30 * HOUR, end - 27 * HOUR);
    const codes = [
      ['200', 1],
      ['500', 0.7],
      ['503', 0.3],
    ] as const;
    const counts = codes.map(() => perMinute());
    for (let i = 1; i <= minutes; i++) {
      const n = random.poisson(1800 * shape(i, 13));
      const p = during(i, outage) ? 0.05 : 0.0003 + 0.0004 * night(i, 13);
      const bad = random.binomial(n, p);
      const bad500 = random.binomial(bad, 0.7);
      counts[0][i] = n - bad;
      counts[1][i] = bad500;
      counts[2][i] = bad - bad500;
      truth.total[i] = n;
      truth.bad[i] = bad;
    }
    const series = codes.map(([code], k) => ({
      sample: 'http_requests_total',
      labels: { job: 'checkout', code },
      values: cumulative(counts[k]),
    }));
    families.find((f) => f.name === 'http_requests')!.series.push(...series);
    truths.push(truth);
    sourceSeries[truth.key] = series.length;
    selected[truth.key] = { total: values(series, () => true), bad: values(series, (l) => l.code.startsWith('5')) };
    documents.push(document(CHECKOUT_AVAILABILITY));
    notes.push(
      `checkout-availability (99.9%): 3 codes, 30 req/s at 13:00 UTC; 0.03-0.07% errors; ` +
        `3h outage at 5% ${iso(t0 + (outage[0] - 1) * 60)}-${iso(t0 + (outage[1] - 1) * 60)} UTC`
    );

    // --- payments: a slow leak of errors, 0.05% at the start rising linearly to 0.8% at the end
    // (burn rate 0.1 -> 1.6 of a 99.5% objective).
    const leakCounts = drawOutcomes(
      random,
      minutes,
      (i) => 600 * shape(i, 18),
      (i) => 0.0005 + (0.0075 * i) / minutes
    );
    const leak = { key: PAYMENTS_LEAK.name, ...leakCounts };
    const paySeries = outcomeCounters('payments_total', { job: 'payments' }, 'outcome', ['ok', 'error'], leakCounts);
    counterFamily('payments', paySeries);
    truths.push(leak);
    sourceSeries[leak.key] = paySeries.length;
    selected[leak.key] = { total: values(paySeries, () => true), bad: values(paySeries, (l) => l.outcome === 'error') };
    documents.push(document(PAYMENTS_LEAK));
    notes.push('payments-leak (99.5%): 10 req/s at 18:00 UTC; errors leak from 0.05% to 0.8% over the history');

    // --- search: a classic histogram, slow requests (> 250 ms) more frequent under load.
    const incident = span(end - 40 * HOUR, end - 38 * HOUR);
    const histogram = searchTraffic(random, cycle, minutes, incident);
    const search = { key: SEARCH_LATENCY.name, ...histogram.truth };
    families.push({ name: 'search_request_duration_seconds', type: 'histogram', series: histogram.series });
    truths.push(search);
    sourceSeries[search.key] = 2; // the rules read the le="0.25" bucket and _count
    selected[search.key] = {
      total: values(histogram.series, (l) => l.le === '+Inf'),
      good: values(histogram.series, (l) => l.le === '0.25'),
    };
    documents.push(document(SEARCH_LATENCY));
    notes.push(
      `search-latency (99% under 250 ms, classic histogram): 100 req/s at 15:00 UTC; slow 0.2% at night, ` +
        `0.8% at the peak; 2h incident at 20% ${iso(t0 + (incident[0] - 1) * 60)}-${iso(t0 + (incident[1] - 1) * 60)} UTC`
    );
  }

  if (options.high) {
    // --- api: high source cardinality, 50 pods x 4 codes = 200 counter series.
    const truth = { key: API_AVAILABILITY.name, total: perMinute(), bad: perMinute() };
    const codes = ['200', '404', '500', '503'];
    const share = [0.985, 0.014, 0.0007, 0.0003];
    const series: SampleSeries[] = [];
    const pods = 50;
    const perPod = Array.from({ length: pods * codes.length }, () => perMinute());
    for (let i = 1; i <= minutes; i++) {
      const load = shape(i, 15);
      const errorBoost = 1 + 4 * night(i, 15);
      for (let p = 0; p < pods; p++) {
        for (let c = 0; c < codes.length; c++) {
          const mean = (24000 / pods) * load * share[c] * (c >= 2 ? errorBoost : 1);
          const n = random.poisson(mean);
          perPod[p * codes.length + c][i] = n;
          truth.total[i] += n;
          if (c >= 2) {
            truth.bad[i] += n;
          }
        }
      }
    }
    for (let p = 0; p < pods; p++) {
      const pod = `api-${String(p).padStart(2, '0')}`;
      codes.forEach((code, c) =>
        series.push({
          sample: 'api_requests_total',
          labels: { job: 'api', pod, code },
          values: cumulative(perPod[p * codes.length + c]),
        })
      );
    }
    counterFamily('api_requests', series);
    truths.push(truth);
    sourceSeries[truth.key] = series.length;
    selected[truth.key] = { total: values(series, () => true), bad: values(series, (l) => l.code.startsWith('5')) };
    documents.push(document(API_AVAILABILITY));
    notes.push('api-availability (99.9%): high cardinality, 50 pods x 4 codes = 200 series, 400 req/s at 15:00 UTC');
  }

  const instants = small
    ? [
        { time: end - 20 * HOUR - 13 * 60 - 27, label: 'steady' },
        { time: end - 9 * HOUR - 41 * 60 - 9, label: 'batch silent' },
        { time: end - 3 * HOUR - 22 * 60 - 51, label: 'after web reset' },
        { time: end - 3 * 60 - 31, label: 'latest' },
      ]
    : [
        { time: end - 44 * HOUR - 13 * 60 - 27, label: 'steady' },
        { time: end - 39 * HOUR - 1 * 60 - 13, label: 'search incident' },
        { time: end - 28 * HOUR - 21 * 60 - 9, label: 'checkout outage' },
        { time: end - 26 * HOUR - 39 * 60 - 51, label: '20m after outage' },
        { time: end - 15 * HOUR - 2 * 60 - 59.5, label: 'old web outage leaving window' },
        { time: end - 6 * HOUR - 47 * 60 - 33, label: 'batch silent' },
        { time: end - 3 * 60 - 31, label: 'latest' },
      ];
  return { t0, end, minutes, families, truths, documents, notes, instants, sourceSeries, selected };
}
