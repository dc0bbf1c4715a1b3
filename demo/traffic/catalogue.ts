/**
 * The simulated services. Each is scraped as its own Prometheus job (`job` = the service name), which is
 * what the example SLOs select on: checkout-availability reads `http_requests_total{job="checkout"}`,
 * api-latency `http_request_duration_seconds{job="api-gateway"}` and orders-pipeline-freshness
 * `pipeline_last_success_timestamp_seconds{job="orders-etl"}`.
 */
import type { IncidentSpec, PipelineSpec } from './model.ts';

export interface HttpRoute {
  route: string;
  method: string;
  /** Share of the service's requests. */
  share: number;
  /** Median latency in seconds (log-normal). */
  medianSeconds: number;
  /** Never fails nor slows down (a health check). */
  steady?: boolean;
}

export interface HttpService {
  name: string;
  /** Mean requests per second over a day; the day/night swing goes around it. */
  requestsPerSecond: number;
  /** Server errors (5xx) and client errors (4xx) outside incidents, as shares of requests. */
  serverErrorRatio: number;
  clientErrorRatio: number;
  /** Sigma of the log of latency. */
  latencySigma: number;
  routes: HttpRoute[];
  /** Bursts of server errors; the magnitude is the added share of 5xx. */
  errorBursts: IncidentSpec;
  /** Latency spikes of one route; the magnitude multiplies its latencies. */
  latencySpikes: IncidentSpec;
}

export interface PipelineService {
  name: string;
  pipelines: PipelineSpec[];
}

export interface Catalogue {
  http: HttpService[];
  batch: PipelineService[];
  /** What the demo's history holds (used when the simulation starts in the past, `--origin`). */
  storyline: Storyline;
}

/**
 * The incidents of the demo's history, declared rather than drawn so that the pages show something a user
 * recognises. Times are seconds after the simulation's origin, which the demo puts `days` before its start.
 */
export interface Storyline {
  days: number;
  /**
   * Integration step of the simulation with history (seconds), in the history and in the generator that
   * continues it alike: a minute keeps 35 days quick to generate (the traffic's jitter is per minute).
   */
  stepSeconds: number;
  /**
   * The families of each service the history holds: those the demo's SLOs read (examples/ named in
   * scripts/provision-slos.ts), so that 35 days backfill in seconds. The others start with the generator.
   */
  series: Record<string, string[]>;
  /** Bursts of server errors on every non-steady route of a service (as `POST /incidents`). */
  incidents: Array<{ service: string; what: string; startSeconds: number; seconds: number; ratio: number }>;
  /** The service's process restarts: its HTTP counters start again from 0 (a counter reset). */
  restarts: Array<{ service: string; what: string; atSeconds: number }>;
  /** Bursts of server errors in a weekly slot, by the UTC calendar (a maintenance window's work). */
  weekly: Array<{
    service: string;
    what: string;
    weekdayUtc: number;
    startHourUtc: number;
    seconds: number;
    ratio: number;
  }>;
}

/** Bucket boundaries of `http_request_duration_seconds`, as a Prometheus client's defaults trimmed. */
export const LATENCY_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, Infinity];

/** Server error codes and their shares of server errors; client error codes likewise. */
export const SERVER_ERROR_CODES: Array<[string, number]> = [
  ['500', 0.6],
  ['502', 0.15],
  ['503', 0.25],
];
export const CLIENT_ERROR_CODES: Array<[string, number]> = [
  ['400', 0.4],
  ['404', 0.6],
];

const MINUTE = 60;
const HOUR = 3600;
const DAY = 24 * HOUR;
const HISTORY_DAYS = 35;
/** Seconds after the origin of a moment `daysAgo` days (and `hour` hours) before the demo's start. */
const ago = (daysAgo: number, hour = 0) => (HISTORY_DAYS - daysAgo) * DAY + hour * HOUR;

export const CATALOGUE: Catalogue = {
  http: [
    {
      name: 'checkout',
      requestsPerSecond: 40,
      serverErrorRatio: 0.0001,
      clientErrorRatio: 0.01,
      latencySigma: 0.5,
      routes: [
        { route: '/cart', method: 'GET', share: 0.35, medianSeconds: 0.045 },
        { route: '/cart/items', method: 'POST', share: 0.2, medianSeconds: 0.06 },
        { route: '/checkout', method: 'POST', share: 0.15, medianSeconds: 0.18 },
        { route: '/checkout/confirm', method: 'POST', share: 0.1, medianSeconds: 0.25 },
        { route: '/health', method: 'GET', share: 0.2, medianSeconds: 0.002, steady: true },
      ],
      errorBursts: {
        slotSeconds: 4 * HOUR,
        probability: 0.2,
        minSeconds: 2 * MINUTE,
        maxSeconds: 12 * MINUTE,
        minMagnitude: 0.01,
        maxMagnitude: 0.08,
      },
      latencySpikes: {
        slotSeconds: 8 * HOUR,
        probability: 0.2,
        minSeconds: 5 * MINUTE,
        maxSeconds: 20 * MINUTE,
        minMagnitude: 2,
        maxMagnitude: 4,
      },
    },
    {
      name: 'api-gateway',
      requestsPerSecond: 120,
      serverErrorRatio: 0.0005,
      clientErrorRatio: 0.02,
      latencySigma: 0.55,
      routes: [
        { route: '/api/products', method: 'GET', share: 0.4, medianSeconds: 0.07 },
        { route: '/api/products/{id}', method: 'GET', share: 0.25, medianSeconds: 0.04 },
        { route: '/api/search', method: 'GET', share: 0.2, medianSeconds: 0.14 },
        { route: '/api/orders', method: 'POST', share: 0.15, medianSeconds: 0.16 },
      ],
      errorBursts: {
        slotSeconds: 6 * HOUR,
        probability: 0.25,
        minSeconds: 2 * MINUTE,
        maxSeconds: 10 * MINUTE,
        minMagnitude: 0.02,
        maxMagnitude: 0.1,
      },
      latencySpikes: {
        slotSeconds: 6 * HOUR,
        probability: 0.4,
        minSeconds: 5 * MINUTE,
        maxSeconds: 30 * MINUTE,
        minMagnitude: 2,
        maxMagnitude: 5,
      },
    },
    {
      name: 'search',
      requestsPerSecond: 60,
      serverErrorRatio: 0.0003,
      clientErrorRatio: 0.005,
      latencySigma: 0.6,
      routes: [
        { route: '/search', method: 'GET', share: 0.75, medianSeconds: 0.12 },
        { route: '/suggest', method: 'GET', share: 0.25, medianSeconds: 0.03 },
      ],
      errorBursts: {
        slotSeconds: 6 * HOUR,
        probability: 0.2,
        minSeconds: 2 * MINUTE,
        maxSeconds: 10 * MINUTE,
        minMagnitude: 0.01,
        maxMagnitude: 0.05,
      },
      latencySpikes: {
        slotSeconds: 4 * HOUR,
        probability: 0.3,
        minSeconds: 5 * MINUTE,
        maxSeconds: 25 * MINUTE,
        minMagnitude: 2,
        maxMagnitude: 6,
      },
    },
    {
      name: 'web',
      requestsPerSecond: 200,
      serverErrorRatio: 0.0002,
      clientErrorRatio: 0.03,
      latencySigma: 0.7,
      routes: [
        { route: '/', method: 'GET', share: 0.25, medianSeconds: 0.03 },
        { route: '/static/{file}', method: 'GET', share: 0.55, medianSeconds: 0.006 },
        { route: '/product/{id}', method: 'GET', share: 0.2, medianSeconds: 0.06 },
      ],
      errorBursts: {
        slotSeconds: 12 * HOUR,
        probability: 0.2,
        minSeconds: 1 * MINUTE,
        maxSeconds: 5 * MINUTE,
        minMagnitude: 0.02,
        maxMagnitude: 0.2,
      },
      latencySpikes: {
        slotSeconds: 12 * HOUR,
        probability: 0.2,
        minSeconds: 5 * MINUTE,
        maxSeconds: 15 * MINUTE,
        minMagnitude: 2,
        maxMagnitude: 3,
      },
    },
  ],
  batch: [
    {
      name: 'orders-etl',
      pipelines: [
        {
          name: 'orders',
          intervalSeconds: 5 * MINUTE,
          runSeconds: 40,
          failureProbability: 0.05,
          recordsPerSecond: 25,
          outages: {
            slotSeconds: 12 * HOUR,
            probability: 0.12,
            minSeconds: 30 * MINUTE,
            maxSeconds: 2 * HOUR,
            minMagnitude: 1,
            maxMagnitude: 1,
          },
        },
        {
          name: 'invoices',
          intervalSeconds: 15 * MINUTE,
          runSeconds: 2 * MINUTE,
          failureProbability: 0.08,
          recordsPerSecond: 4,
          outages: {
            slotSeconds: 24 * HOUR,
            probability: 0.2,
            minSeconds: 30 * MINUTE,
            maxSeconds: 2 * HOUR,
            minMagnitude: 1,
            maxMagnitude: 1,
          },
        },
      ],
    },
  ],
  storyline: {
    days: HISTORY_DAYS,
    stepSeconds: 60,
    series: {
      checkout: ['http_requests_total'],
      'api-gateway': ['http_request_duration_seconds'],
      search: ['http_requests_total'],
      'orders-etl': ['pipeline_last_success_timestamp_seconds', 'pipeline_runs_total'],
    },
    incidents: [
      // 4x the budget of checkout-availability (99.95%) for 30 h: the 1d/2h ticket alert, not the pages.
      { service: 'checkout', what: 'slow burn', startSeconds: ago(12, 6), seconds: 30 * HOUR, ratio: 0.002 },
      // A quarter of the requests fail for 90 minutes (500x the budget): the 1h/5m page. With the slow burn it
      // spends more than the whole 30-day budget whatever the seeded bursts add and whatever the hour of the
      // start (the diurnal traffic weighs the incident 0.4 to 1.6 times), so the gate blocks changes to checkout
      // (its policy: feature freeze) while search, with budget left, is approved: the gate decides on the
      // status (budget left or not, the burn rate now), not on how much of the budget is spent.
      { service: 'checkout', what: 'fast burn', startSeconds: ago(4, 15), seconds: 90 * MINUTE, ratio: 0.25 },
    ],
    restarts: [{ service: 'api-gateway', what: 'counter reset', atSeconds: ago(20, 10) }],
    // search-availability excludes its Sunday maintenance window (02:00-03:30 UTC): this work fails 30% of
    // the requests and spends none of its budget.
    weekly: [
      {
        service: 'search',
        what: 'maintenance',
        weekdayUtc: 0,
        startHourUtc: 2.25,
        seconds: 45 * MINUTE,
        ratio: 0.3,
      },
    ],
  },
};
