/**
 * The simulation: counters are integrals of the modelled rates over simulated time, advanced in fixed
 * steps from the start of the process, so their values depend on the clock only, never on how often
 * they are scraped. Counters are whole numbers (the floor of the integral), and stay monotonic.
 */
import {
  CLIENT_ERROR_CODES,
  LATENCY_BUCKETS,
  SERVER_ERROR_CODES,
  type Catalogue,
  type HttpRoute,
  type HttpService,
} from './catalogue.ts';
import {
  diurnalFactor,
  incidentMagnitude,
  jitter,
  lastFinishedRun,
  lastSuccessAt,
  logNormalCdf,
  logNormalMean,
  runSucceeded,
  type PipelineSpec,
} from './model.ts';

export type Labels = Array<[string, string]>;

export interface Sample {
  /** The series name: the family name, or with `_bucket`, `_sum`, `_count`. */
  name: string;
  labels: Labels;
  value: number;
}

export interface Family {
  name: string;
  type: 'counter' | 'gauge' | 'histogram';
  help: string;
  /** Samples by service (the scrape job that exposes them). */
  samples: Array<{ service: string; sample: Sample }>;
}

export interface SimulationOptions {
  seed: number;
  /** Unix seconds at which the simulated process started (its counters were 0). */
  origin: number;
  /** Simulated seconds per real second. */
  speed?: number;
  /** Integration step in simulated seconds. */
  stepSeconds?: number;
  /** No seeded error bursts or latency spikes: only declared incidents (tests that need a known state). */
  calm?: boolean;
}

interface CounterSeries {
  family: string;
  service: string;
  sample: Omit<Sample, 'value'>;
  /** Index of its route in the simulation's route list. */
  route: number;
  /** Events (or seconds, for `_sum`) per simulated second, from the state of its route. */
  rate: (state: RouteState) => number;
  /** Whole events (floored) or a float sum. */
  whole: boolean;
}

/** What a route does at one instant. */
export interface RouteState {
  requestsPerSecond: number;
  /** Share of requests failing with a server error. */
  serverErrorRatio: number;
  medianSeconds: number;
}

/** Requests per second of one route at t: the day/night swing, jitter, its share. */
export function routeRate(seed: number, service: HttpService, route: HttpRoute, t: number): number {
  return service.requestsPerSecond * diurnalFactor(t) * jitter(seed, service.name, t) * route.share;
}

/** Share of a route's requests that fail with a server error at t: the base ratio plus any burst. */
export function serverErrorRatio(seed: number, service: HttpService, route: HttpRoute, t: number): number {
  if (route.steady) {
    return 0;
  }
  return Math.min(
    1,
    service.serverErrorRatio + incidentMagnitude(seed, `${service.name}/errors`, t, service.errorBursts)
  );
}

/** Median latency of a route at t, spikes included. */
export function routeMedian(seed: number, service: HttpService, route: HttpRoute, t: number): number {
  if (route.steady) {
    return route.medianSeconds;
  }
  const spike = incidentMagnitude(seed, `${service.name}${route.route}/latency`, t, service.latencySpikes);
  return route.medianSeconds * (spike > 0 ? spike : 1);
}

export function routeState(seed: number, service: HttpService, route: HttpRoute, t: number): RouteState {
  return {
    requestsPerSecond: routeRate(seed, service, route, t),
    serverErrorRatio: serverErrorRatio(seed, service, route, t),
    medianSeconds: routeMedian(seed, service, route, t),
  };
}

function successCode(method: string): string {
  return method === 'POST' ? '201' : '200';
}

export function formatLe(le: number): string {
  return le === Infinity ? '+Inf' : String(le);
}

interface RouteRef {
  service: HttpService;
  route: HttpRoute;
}

function httpSeries(service: HttpService, routes: RouteRef[]): CounterSeries[] {
  const series: CounterSeries[] = [];
  for (const route of service.routes) {
    const index = routes.push({ service, route }) - 1;
    const base: Labels = [
      ['service', service.name],
      ['route', route.route],
      ['method', route.method],
    ];
    const add = (family: string, name: string, labels: Labels, rate: (s: RouteState) => number, whole = true) =>
      series.push({ family, service: service.name, sample: { name, labels }, route: index, rate, whole });
    const clientShare = route.steady ? 0 : service.clientErrorRatio;
    const requests = 'http_requests_total';
    add(
      requests,
      requests,
      [...base, ['code', successCode(route.method)]],
      (s) => s.requestsPerSecond * Math.max(0, 1 - clientShare - s.serverErrorRatio)
    );
    for (const [code, share] of CLIENT_ERROR_CODES) {
      add(requests, requests, [...base, ['code', code]], (s) => s.requestsPerSecond * clientShare * share);
    }
    for (const [code, share] of SERVER_ERROR_CODES) {
      add(requests, requests, [...base, ['code', code]], (s) => s.requestsPerSecond * s.serverErrorRatio * share);
    }
    const histogram = 'http_request_duration_seconds';
    const sigma = service.latencySigma;
    for (const le of LATENCY_BUCKETS) {
      add(
        histogram,
        `${histogram}_bucket`,
        [...base, ['le', formatLe(le)]],
        (s) => s.requestsPerSecond * logNormalCdf(le, s.medianSeconds, sigma)
      );
    }
    add(histogram, `${histogram}_sum`, base, (s) => s.requestsPerSecond * logNormalMean(s.medianSeconds, sigma), false);
    add(histogram, `${histogram}_count`, base, (s) => s.requestsPerSecond);
  }
  return series;
}

const HELP: Record<string, [Family['type'], string]> = {
  http_requests_total: ['counter', 'HTTP requests served, by route, method and status code.'],
  http_request_duration_seconds: ['histogram', 'Time to serve an HTTP request, in seconds.'],
  pipeline_last_success_timestamp_seconds: [
    'gauge',
    'Unix time at which the last successful run of the pipeline finished.',
  ],
  pipeline_runs_total: ['counter', 'Pipeline runs, by result.'],
  pipeline_records_processed_total: ['counter', 'Records processed by successful pipeline runs.'],
  pipeline_queue_depth: ['gauge', 'Records waiting for the next successful run.'],
};

interface PipelineState {
  service: string;
  spec: PipelineSpec;
  /** Runs counted so far: those with index below nextRun. */
  nextRun: number;
  succeeded: number;
  failed: number;
  records: number;
  lastSuccessEnd: number;
}

export interface DeclaredIncident {
  service: string;
  /** Simulated Unix seconds. */
  start: number;
  seconds: number;
  /** Share of requests that fail. */
  ratio: number;
}

export class Simulation {
  readonly seed: number;
  readonly origin: number;
  readonly speed: number;
  readonly stepSeconds: number;
  private readonly routes: RouteRef[] = [];
  private readonly series: CounterSeries[];
  private readonly totals: Float64Array;
  /** Steps integrated so far; the next one starts at origin + steps × stepSeconds. */
  private steps = 0;
  private latest: number;
  private readonly pipelines: PipelineState[];
  /** Error bursts declared on demand (e.g. by a test), on top of the seeded ones. */
  private readonly declared: DeclaredIncident[] = [];
  private readonly calm: boolean;

  constructor(catalogue: Catalogue, options: SimulationOptions) {
    this.seed = options.seed;
    this.origin = options.origin;
    this.speed = options.speed ?? 1;
    this.stepSeconds = options.stepSeconds ?? 10;
    this.calm = options.calm ?? false;
    this.latest = this.origin;
    this.series = catalogue.http.flatMap((service) => httpSeries(service, this.routes));
    this.totals = new Float64Array(this.series.length);
    this.pipelines = catalogue.batch.flatMap((service) =>
      service.pipelines.map((spec) => ({
        service: service.name,
        spec,
        nextRun: lastFinishedRun(spec, this.origin) + 1,
        succeeded: 0,
        failed: 0,
        records: 0,
        lastSuccessEnd: lastSuccessAt(this.seed, spec, this.origin),
      }))
    );
  }

  /** Simulated time at a real time (both Unix seconds). */
  simulatedTime(realNow: number): number {
    return this.origin + (realNow - this.origin) * this.speed;
  }

  /** Every series at simulated time t (never earlier than a time already asked for). */
  families(t: number, realNow = t): Family[] {
    t = Math.max(t, this.latest);
    this.latest = t;
    const values = this.advanceCounters(t);
    const byName = new Map<string, Family>();
    const family = (name: string): Family => {
      let f = byName.get(name);
      if (!f) {
        const [type, help] = HELP[name];
        f = { name, type, help, samples: [] };
        byName.set(name, f);
      }
      return f;
    };
    this.series.forEach((s, i) => {
      family(s.family).samples.push({ service: s.service, sample: { ...s.sample, value: values[i] } });
    });
    for (const p of this.pipelines) {
      this.advancePipeline(p, t);
      const labels: Labels = [
        ['service', p.service],
        ['pipeline', p.spec.name],
      ];
      const lastSuccess = lastSuccessAt(this.seed, p.spec, t);
      const age = t - lastSuccess;
      const arrivals = p.spec.recordsPerSecond * diurnalFactor(t) * age;
      const add = (name: string, extra: Labels, value: number) =>
        family(name).samples.push({ service: p.service, sample: { name, labels: [...labels, ...extra], value } });
      // Ages are simulated; the timestamp is anchored at the real clock so that `time() - ...` reads them.
      add('pipeline_last_success_timestamp_seconds', [], Math.round(realNow - age));
      add('pipeline_runs_total', [['result', 'success']], p.succeeded);
      add('pipeline_runs_total', [['result', 'failure']], p.failed);
      add('pipeline_records_processed_total', [], p.records);
      add('pipeline_queue_depth', [], Math.round(arrivals));
    }
    return [...byName.values()];
  }

  /**
   * Declares a burst of server errors on every non-steady route of an HTTP service from simulated time
   * `start` for `seconds`: `ratio` of the requests fail (on top of the usual ones, at most all).
   */
  declareIncident(incident: DeclaredIncident): void {
    this.declared.push(incident);
  }

  private routeStates(t: number): RouteState[] {
    return this.routes.map(({ service, route }) => {
      const seeded = routeState(this.seed, service, route, t);
      const state = this.calm
        ? {
            ...seeded,
            serverErrorRatio: route.steady ? 0 : service.serverErrorRatio,
            medianSeconds: route.medianSeconds,
          }
        : seeded;
      const extra = route.steady
        ? 0
        : this.declared
            .filter((d) => d.service === service.name && t >= d.start && t < d.start + d.seconds)
            .reduce((sum, d) => sum + d.ratio, 0);
      return extra > 0 ? { ...state, serverErrorRatio: Math.min(1, state.serverErrorRatio + extra) } : state;
    });
  }

  private advanceCounters(t: number): number[] {
    const step = this.stepSeconds;
    while (this.origin + (this.steps + 1) * step <= t) {
      const states = this.routeStates(this.origin + this.steps * step);
      this.series.forEach((s, i) => {
        this.totals[i] += s.rate(states[s.route]) * step;
      });
      this.steps++;
    }
    const start = this.origin + this.steps * step;
    const states = this.routeStates(start);
    return this.series.map((s, i) => {
      const value = this.totals[i] + s.rate(states[s.route]) * (t - start);
      return s.whole ? Math.floor(value) : Math.round(value * 1000) / 1000;
    });
  }

  private advancePipeline(p: PipelineState, t: number): void {
    const last = lastFinishedRun(p.spec, t);
    for (; p.nextRun <= last; p.nextRun++) {
      const end = p.nextRun * p.spec.intervalSeconds + p.spec.runSeconds;
      if (runSucceeded(this.seed, p.spec, p.nextRun)) {
        p.succeeded++;
        p.records += Math.round(
          p.spec.recordsPerSecond * diurnalFactor(end) * (end - Math.max(p.lastSuccessEnd, this.origin))
        );
        p.lastSuccessEnd = end;
      } else {
        p.failed++;
      }
    }
  }
}
