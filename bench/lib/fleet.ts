/**
 * A fleet of synthetic services for the evaluation-time benchmark (bench/evalTime.ts): per service,
 * `http_requests_total{job, instance, code}` (2 instances x 2 codes) and a classic histogram
 * `http_request_duration_seconds{job, instance}` (buckets 0.1, 0.25, 0.5, 1 s), a day/night cycle,
 * errors and slow requests more frequent at night, and an incident on one service in five; and SLOs
 * spread over the services, of the kinds all three rule shapes support (ratio with bad events, classic
 * latency), with varied targets and windows.
 */
import { Random, type Family } from './counters';
import { sloDocument } from './slos';
import {
  dayCycle,
  drawLatencies,
  drawOutcomes,
  during,
  latencySeries,
  outcomeCounters,
  type SampleSeries,
} from './traffic';

export interface Fleet {
  families: Family[];
  /** Native SLO documents (burnrate.dev/v1). */
  documents: object[];
  series: number;
}

const TARGETS = ['99.9%', '99.5%', '99%', '99.95%'];
const WINDOWS = ['28d', '30d', '7d'];
const THRESHOLDS = ['0.25', '0.5', '1'];

function serviceName(s: number): string {
  return `svc-${String(s).padStart(3, '0')}`;
}

/** Counters of `services` services over `minutes` minutes from t0 (60 s samples). */
function fleetCounters(services: number, t0: number, minutes: number, seed: number): Family[] {
  const random = new Random(seed);
  const cycle = dayCycle(t0, 60);
  const requests: SampleSeries[] = [];
  const durations: SampleSeries[] = [];
  for (let s = 0; s < services; s++) {
    const job = serviceName(s);
    // 2 to 200 req/s at the peak, peaks spread over the day.
    const perMinute = 60 * (2 + 198 * random.next() ** 2);
    const peak = (s * 7) % 24;
    const incidentStart = 1 + Math.floor(random.next() * (minutes - 180));
    const incident = s % 5 === 2 ? ([incidentStart, incidentStart + 120] as const) : ([0, 0] as const);
    for (const [instance, share] of [
      ['i-0', 0.55],
      ['i-1', 0.45],
    ] as const) {
      const counts = drawOutcomes(
        random,
        minutes,
        (i) => perMinute * share * cycle.shape(i, peak),
        (i) => (during(i, incident) ? 0.05 : 0.0003 + 0.003 * cycle.night(i, peak))
      );
      requests.push(...outcomeCounters('http_requests_total', { job, instance }, 'code', ['200', '500'], counts));

      durations.push(
        ...latencySeries(
          'http_request_duration_seconds',
          { job, instance },
          drawLatencies(
            random,
            minutes,
            (i) => perMinute * share * cycle.shape(i, peak),
            (i) => (during(i, incident) ? 0.2 : 0.002 + 0.01 * cycle.night(i, peak))
          )
        )
      );
    }
  }
  return [
    { name: 'http_requests', type: 'counter', series: requests },
    { name: 'http_request_duration_seconds', type: 'histogram', series: durations },
  ];
}

/**
 * The j-th SLO of service s: ratio and latency in turn, targets and windows (28d, 30d, 7d) varying
 * with j, so that each service has several SLOs that differ.
 */
function fleetSlo(s: number, j: number): object {
  const service = serviceName(s);
  const latency = j % 2 === 1;
  const indicator = latency
    ? {
        type: 'latency',
        histogram: `http_request_duration_seconds{job="${service}"}`,
        threshold: THRESHOLDS[Math.floor(j / 2) % THRESHOLDS.length],
      }
    : {
        type: 'ratio',
        total: `http_requests_total{job="${service}"}`,
        bad: `http_requests_total{job="${service}", code=~"5.."}`,
      };
  const name = `${service}-${latency ? 'latency' : 'availability'}-${j}`;
  return sloDocument(
    { name, service, indicator, target: TARGETS[(j + Math.floor(j / 4)) % TARGETS.length] },
    WINDOWS[j % WINDOWS.length]
  );
}

export function generateFleet(options: {
  slos: number;
  services: number;
  t0: number;
  minutes: number;
  seed?: number;
}): Fleet {
  const families = fleetCounters(options.services, options.t0, options.minutes, options.seed ?? 20261205);
  const documents = Array.from({ length: options.slos }, (_, i) =>
    fleetSlo(i % options.services, Math.floor(i / options.services))
  );
  return { families, documents, series: families.reduce((n, f) => n + f.series.length, 0) };
}
