/**
 * The shapes of the simulated traffic, as pure functions of simulated time (Unix seconds): the day/night
 * swing, incidents (error bursts, latency spikes, pipeline outages) and latency distributions.
 */
import { uniform, unitRandom } from './random.ts';

const DAY = 86400;

/**
 * Traffic multiplier over the UTC day: 1 + amplitude at the peak hour, 1 - amplitude twelve hours later.
 */
export function diurnalFactor(t: number, peakHourUtc = 15, amplitude = 0.6): number {
  const hour = (((t % DAY) + DAY) % DAY) / 3600;
  return 1 + amplitude * Math.cos((2 * Math.PI * (hour - peakHourUtc)) / 24);
}

/** Minute-to-minute jitter of a service's traffic: a factor in [1 - spread, 1 + spread). */
export function jitter(seed: number, key: string, t: number, spread = 0.1): number {
  return uniform(1 - spread, 1 + spread, seed, key, 'jitter', Math.floor(t / 60));
}

/** Occasional incidents: at most one starts in each slot, with this probability. */
export interface IncidentSpec {
  slotSeconds: number;
  probability: number;
  /** Duration bounds; the longest must not exceed the slot. */
  minSeconds: number;
  maxSeconds: number;
  /** Bounds of the incident's magnitude (an error ratio, a latency multiplier, ...). */
  minMagnitude: number;
  maxMagnitude: number;
}

export interface Incident {
  start: number;
  end: number;
  magnitude: number;
}

/** Incidents already drawn, by seed, key, slot and slot length: the simulation asks for them every step. */
const drawn = new WeakMap<IncidentSpec, Map<string, Incident | undefined>>();
const MAX_DRAWN = 100_000;

/** The incident of one slot, if that slot has one. */
export function incidentInSlot(seed: number, key: string, slot: number, spec: IncidentSpec): Incident | undefined {
  let bySlot = drawn.get(spec);
  if (!bySlot || bySlot.size >= MAX_DRAWN) {
    bySlot = new Map();
    drawn.set(spec, bySlot);
  }
  const id = `${seed}|${key}|${slot}`;
  if (bySlot.has(id)) {
    return bySlot.get(id);
  }
  const incident = drawIncident(seed, key, slot, spec);
  bySlot.set(id, incident);
  return incident;
}

function drawIncident(seed: number, key: string, slot: number, spec: IncidentSpec): Incident | undefined {
  if (unitRandom(seed, key, slot, 'occurs') >= spec.probability) {
    return undefined;
  }
  const start = slot * spec.slotSeconds + Math.floor(unitRandom(seed, key, slot, 'start') * spec.slotSeconds);
  const duration = Math.round(uniform(spec.minSeconds, spec.maxSeconds, seed, key, slot, 'duration'));
  const magnitude = uniform(spec.minMagnitude, spec.maxMagnitude, seed, key, slot, 'magnitude');
  return { start, end: start + duration, magnitude };
}

/** The magnitude of the incident under way at t, or 0. An incident may run on into the next slot. */
export function incidentMagnitude(seed: number, key: string, t: number, spec: IncidentSpec): number {
  const slot = Math.floor(t / spec.slotSeconds);
  let magnitude = 0;
  for (const s of [slot - 1, slot]) {
    const incident = incidentInSlot(seed, key, s, spec);
    if (incident && t >= incident.start && t < incident.end) {
      magnitude = Math.max(magnitude, incident.magnitude);
    }
  }
  return magnitude;
}

/** The incidents that overlap [from, to), in order. */
export function incidentsBetween(seed: number, key: string, from: number, to: number, spec: IncidentSpec): Incident[] {
  const incidents: Incident[] = [];
  for (let s = Math.floor(from / spec.slotSeconds) - 1; s * spec.slotSeconds < to; s++) {
    const incident = incidentInSlot(seed, key, s, spec);
    if (incident && incident.end > from && incident.start < to) {
      incidents.push(incident);
    }
  }
  return incidents;
}

/** Standard normal cumulative distribution (Abramowitz and Stegun 7.1.26, error below 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-x * x);
  return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

/** Share of log-normal latencies (median, sigma of the log) at or under x seconds. */
export function logNormalCdf(x: number, median: number, sigma: number): number {
  if (x === Infinity) {
    return 1;
  }
  if (x <= 0) {
    return 0;
  }
  return normalCdf(Math.log(x / median) / sigma);
}

/** Mean of a log-normal latency: what `_sum / _count` tends to. */
export function logNormalMean(median: number, sigma: number): number {
  return median * Math.exp((sigma * sigma) / 2);
}

/** A batch job run every intervalSeconds (aligned to the Unix epoch), finishing runSeconds later. */
export interface PipelineSpec {
  name: string;
  intervalSeconds: number;
  runSeconds: number;
  /** Chance that a run fails outside outages. */
  failureProbability: number;
  /** Records arriving per second at the diurnal mean. */
  recordsPerSecond: number;
  outages: IncidentSpec;
}

/** Whether run number k (started at k × interval) succeeded: no random failure and no outage under way. */
export function runSucceeded(seed: number, pipeline: PipelineSpec, k: number): boolean {
  if (unitRandom(seed, pipeline.name, 'run', k) < pipeline.failureProbability) {
    return false;
  }
  return incidentMagnitude(seed, `${pipeline.name}/outage`, k * pipeline.intervalSeconds, pipeline.outages) === 0;
}

/** Index of the last run finished at or before t. */
export function lastFinishedRun(pipeline: PipelineSpec, t: number): number {
  return Math.floor((t - pipeline.runSeconds) / pipeline.intervalSeconds);
}

/**
 * Finish time of the last successful run at or before t; looks back at most a week (then reports the
 * week's start, far outside any freshness threshold).
 */
export function lastSuccessAt(seed: number, pipeline: PipelineSpec, t: number): number {
  const last = lastFinishedRun(pipeline, t);
  const oldest = last - Math.ceil((7 * DAY) / pipeline.intervalSeconds);
  for (let k = last; k > oldest; k--) {
    if (runSucceeded(seed, pipeline, k)) {
      return k * pipeline.intervalSeconds + pipeline.runSeconds;
    }
  }
  return oldest * pipeline.intervalSeconds + pipeline.runSeconds;
}
