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
  type Storyline,
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
  /** Play the catalogue's storyline (declared incidents, restarts, weekly work): a demo with history. */
  storyline?: boolean;
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

const WEEK = 7 * 86400;
/** The Unix epoch fell on a Thursday: seconds from the start of a UTC week (Sunday 00:00) to the epoch. */
const EPOCH_IN_WEEK = 4 * 86400;

/** Share of requests failing in a weekly slot of the storyline at t (0 outside every slot). */
export function weeklyRatio(weekly: Storyline['weekly'], service: string, t: number): number {
  const inWeek = (((t + EPOCH_IN_WEEK) % WEEK) + WEEK) % WEEK;
  let ratio = 0;
  for (const w of weekly) {
    const start = w.weekdayUtc * 86400 + w.startHourUtc * 3600;
    if (w.service === service && inWeek >= start && inWeek < start + w.seconds) {
      ratio += w.ratio;
    }
  }
  return ratio;
}

/** The pipelines' families, each with the extra labels of its samples per pipeline. */
const PIPELINE_FAMILIES: Array<[string, Labels[]]> = [
  ['pipeline_last_success_timestamp_seconds', [[]]],
  ['pipeline_runs_total', [[['result', 'success']], [['result', 'failure']]]],
  ['pipeline_records_processed_total', [[]]],
  ['pipeline_queue_depth', [[]]],
];

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
  /** Weekly bursts of the storyline (by the UTC calendar). */
  private readonly weekly: Storyline['weekly'];
  /** Step counts at which a service's HTTP counters restart from 0, and the totals they restart from. */
  private readonly restartSteps = new Map<number, Set<string>>();
  private readonly restartBase: Float64Array;

  constructor(catalogue: Catalogue, options: SimulationOptions) {
    this.seed = options.seed;
    this.origin = options.origin;
    this.speed = options.speed ?? 1;
    this.stepSeconds = options.stepSeconds ?? 10;
    this.calm = options.calm ?? false;
    this.latest = this.origin;
    this.series = catalogue.http.flatMap((service) => httpSeries(service, this.routes));
    this.totals = new Float64Array(this.series.length);
    this.restartBase = new Float64Array(this.series.length);
    const storyline = options.storyline ? catalogue.storyline : undefined;
    this.weekly = storyline?.weekly ?? [];
    for (const incident of storyline?.incidents ?? []) {
      this.declared.push({ ...incident, start: this.origin + incident.startSeconds });
    }
    // Restarts happen on the integration grid, so that every reader of the clock sees the same counters.
    for (const restart of storyline?.restarts ?? []) {
      const step = Math.round(restart.atSeconds / this.stepSeconds);
      this.restartSteps.set(step, new Set([...(this.restartSteps.get(step) ?? []), restart.service]));
    }
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
    const values = this.sampleValues(t, realNow);
    let position = 0;
    return this.layout().map((f) => ({
      ...f,
      samples: f.samples.map(({ service, sample }) => ({ service, sample: { ...sample, value: values[position++] } })),
    }));
  }

  /**
   * The values of the samples of `families(t)`, in their order, without building the families: what a long
   * history asks for at every step.
   */
  sampleValues(t: number, realNow = t): number[] {
    t = Math.max(t, this.latest);
    this.latest = t;
    const counters = this.advanceCounters(t);
    const out = this.httpOrder().map((i) => counters[i]);
    const pipelineValues = this.pipelines.map((p) => this.pipelineValues(p, t, realNow));
    for (let family = 0; family < PIPELINE_FAMILIES.length; family++) {
      for (const values of pipelineValues) {
        out.push(...values[family]);
      }
    }
    return out;
  }

  private cachedLayout?: Family[];
  private cachedHttpOrder?: number[];

  /** The families with their samples' names and labels (values 0), in the order of sampleValues. */
  layout(): Family[] {
    if (this.cachedLayout) {
      return this.cachedLayout;
    }
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
    for (const i of this.httpOrder()) {
      const s = this.series[i];
      family(s.family).samples.push({ service: s.service, sample: { ...s.sample, value: 0 } });
    }
    for (const [name, extras] of PIPELINE_FAMILIES) {
      for (const p of this.pipelines) {
        for (const extra of extras) {
          const labels: Labels = [['service', p.service], ['pipeline', p.spec.name], ...extra];
          family(name).samples.push({ service: p.service, sample: { name, labels, value: 0 } });
        }
      }
    }
    this.cachedLayout = [...byName.values()];
    return this.cachedLayout;
  }

  /** Indices of the HTTP series grouped by family, families in order of first appearance. */
  private httpOrder(): number[] {
    if (!this.cachedHttpOrder) {
      const families = [...new Set(this.series.map((s) => s.family))];
      this.cachedHttpOrder = families.flatMap((name) => this.series.flatMap((s, i) => (s.family === name ? [i] : [])));
    }
    return this.cachedHttpOrder;
  }

  /** One pipeline's values at t, by family of PIPELINE_FAMILIES. */
  private pipelineValues(p: PipelineState, t: number, realNow: number): number[][] {
    this.advancePipeline(p, t);
    const lastSuccess = lastSuccessAt(this.seed, p.spec, t);
    const age = t - lastSuccess;
    const arrivals = p.spec.recordsPerSecond * diurnalFactor(t) * age;
    return [
      // Ages are simulated; the timestamp is anchored at the real clock so that `time() - ...` reads them.
      [Math.round(realNow - age)],
      [p.succeeded, p.failed],
      [p.records],
      [Math.round(arrivals)],
    ];
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
            .reduce((sum, d) => sum + d.ratio, 0) + weeklyRatio(this.weekly, service.name, t);
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
      const restarting = this.restartSteps.get(this.steps);
      if (restarting) {
        this.series.forEach((s, i) => {
          if (restarting.has(s.service)) {
            this.restartBase[i] = this.totals[i];
          }
        });
      }
    }
    const start = this.origin + this.steps * step;
    const states = this.routeStates(start);
    return this.series.map((s, i) => {
      const value = this.totals[i] - this.restartBase[i] + s.rate(states[s.route]) * (t - start);
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
