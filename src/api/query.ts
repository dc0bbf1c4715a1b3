import { from as from$, isObservable } from 'rxjs';
import {
  dateMath,
  dateTime,
  FieldType,
  type DataFrame,
  type DataQueryRequest,
  type DataQueryResponse,
  type DataSourceApi,
  type DateTime,
  type Field,
} from '@grafana/data';
import { getDataSourceSrv } from '@grafana/runtime';
import type { DataQuery } from '@grafana/schema';
import { ApiError, cancelledError, isCancelled, toApiError } from './errors';
import { lastValueUnlessAborted } from './http';
import { CONNECTION_TEST_EXPR } from '../promql/connection';

export interface InstantQuery {
  refId: string;
  expr: string;
}

/** One series of an instant query: its labels and its value (NaN when the sample is missing). */
export interface InstantSample {
  labels: Record<string, string>;
  value: number;
}

/** A query as the Prometheus datasource takes it. */
interface PromTarget extends DataQuery {
  expr: string;
  instant: boolean;
  range: boolean;
  /** The minimum step, e.g. "60s". */
  interval?: string;
}

let requestCount = 0;

/**
 * Runs queries through the datasource's own `query()`, as Grafana's panels do (the plugin catalog does not
 * take plugins that post to the query endpoint themselves): the datasource adds its headers, its step rules
 * and its caching. Resolves to the frames of each refId; a query that fails throws with the datasource's
 * message; an aborted `signal` unsubscribes, which cancels the request.
 */
async function runQueries(
  datasourceUid: string,
  targets: PromTarget[],
  window: { from: number | string; to: number | string },
  timing: { intervalMs: number; maxDataPoints: number },
  signal?: AbortSignal
): Promise<Map<string, DataFrame[]>> {
  let datasource: DataSourceApi;
  try {
    datasource = await getDataSourceSrv().get({ uid: datasourceUid });
  } catch (error) {
    throw new ApiError(`Querying the datasource: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (signal?.aborted) {
    throw cancelledError();
  }
  const from = toDateTime(window.from, false);
  const to = toDateTime(window.to, true);
  const request: DataQueryRequest<PromTarget> = {
    app: PLUGIN_APP,
    requestId: `burnrate-${++requestCount}`,
    interval: `${timing.intervalMs / 1000}s`,
    intervalMs: timing.intervalMs,
    maxDataPoints: timing.maxDataPoints,
    range: { from, to, raw: { from: String(window.from), to: String(window.to) } },
    scopedVars: {},
    targets: targets.map((target) => ({ ...target, datasource: { uid: datasourceUid, type: datasource.type } })),
    timezone: 'utc',
    startTime: Date.now(),
  };
  const answer = datasource.query(request);
  let response: DataQueryResponse;
  try {
    response = await lastValueUnlessAborted(isObservable(answer) ? answer : from$(answer), signal);
  } catch (error) {
    throw isCancelled(error) ? error : toApiError(error, 'Querying the datasource');
  }
  const failure = response.errors?.[0];
  if (failure) {
    throw new ApiError(
      `Querying the datasource: ${failure.message ?? failure.data?.message ?? 'failed'}`,
      failure.status
    );
  }
  const frames = new Map<string, DataFrame[]>(targets.map((t) => [t.refId, []]));
  for (const frame of response.data as DataFrame[]) {
    frames.get(frame.refId ?? targets[0]?.refId ?? '')?.push(frame);
  }
  return frames;
}

/** The app's name on its requests, so Grafana's query history and logs can tell them apart. */
const PLUGIN_APP = 'burnrate-slo-app';

function toDateTime(value: number | string, roundUp: boolean): DateTime {
  const parsed = typeof value === 'number' ? dateTime(value) : dateMath.toDateTime(value, { roundUp });
  if (!parsed?.isValid()) {
    throw new ApiError(`Querying the datasource: ${JSON.stringify(value)} is not a time`);
  }
  return parsed;
}

function numberField(frame: DataFrame): Field | undefined {
  return frame.fields.find((f) => f.type === FieldType.number);
}

function frameSamples(frame: DataFrame): InstantSample[] {
  const field = numberField(frame);
  if (!field) {
    return [];
  }
  const last: unknown = field.values[field.values.length - 1];
  return [{ labels: { ...field.labels }, value: typeof last === 'number' ? last : NaN }];
}

/**
 * Instant queries against a Prometheus-compatible datasource: the samples of each query by refId. A query
 * that fails throws with the datasource's message; an aborted `signal` cancels the request. They are
 * evaluated now, or at `at` (seconds since the epoch) when given.
 */
export async function queryInstant(
  datasourceUid: string,
  queries: InstantQuery[],
  signal?: AbortSignal,
  at?: number
): Promise<Record<string, InstantSample[]>> {
  const frames = await runQueries(
    datasourceUid,
    queries.map(({ refId, expr }) => ({ refId, expr, instant: true, range: false })),
    at === undefined ? { from: 'now-5m', to: 'now' } : { from: (at - 300) * 1000, to: at * 1000 },
    { intervalMs: 15_000, maxDataPoints: 1 },
    signal
  );
  return Object.fromEntries(queries.map(({ refId }) => [refId, (frames.get(refId) ?? []).flatMap(frameSamples)]));
}

/** One series of a range query: its labels and its [time in ms, value] points. */
export interface RangeSeries {
  labels: Record<string, string>;
  points: Array<[number, number]>;
}

function frameSeries(frame: DataFrame): RangeSeries[] {
  const time = frame.fields.find((f) => f.type === FieldType.time);
  const field = numberField(frame);
  if (!time || !field) {
    return [];
  }
  const points: Array<[number, number]> = [];
  time.values.forEach((t: unknown, i: number) => {
    const value: unknown = field.values[i];
    if (typeof t === 'number' && typeof value === 'number') {
      points.push([t, value]);
    }
  });
  return [{ labels: { ...field.labels }, points }];
}

export interface RangeOptions {
  /** Start and end: ms since the epoch, or Grafana's relative times such as "now-7d". */
  from: number | string;
  to: number | string;
  /** A fixed step in seconds (the minimum interval of the queries); by default the datasource picks it. */
  stepSeconds?: number;
  /** Points per series the datasource aims at when it picks the step. */
  maxDataPoints?: number;
}

/** Points per series when the caller names neither a step nor a number of points: a wide panel's. */
const DEFAULT_MAX_DATA_POINTS = 1000;

/**
 * Range queries. With a fixed step the range must hold at most 11,000 steps (Prometheus's limit, which the
 * datasource keeps by widening the step). An aborted `signal` cancels the request.
 */
export async function queryRange(
  datasourceUid: string,
  queries: InstantQuery[],
  { from, to, stepSeconds, maxDataPoints }: RangeOptions,
  signal?: AbortSignal
): Promise<Record<string, RangeSeries[]>> {
  const span = toDateTime(to, true).valueOf() - toDateTime(from, false).valueOf();
  const points = maxDataPoints ?? DEFAULT_MAX_DATA_POINTS;
  const timing =
    stepSeconds !== undefined
      ? { intervalMs: stepSeconds * 1000, maxDataPoints: Math.ceil(span / (stepSeconds * 1000)) + 1 }
      : { intervalMs: Math.max(1000, Math.ceil(span / points / 1000) * 1000), maxDataPoints: points };
  const frames = await runQueries(
    datasourceUid,
    queries.map(({ refId, expr }) => ({
      refId,
      expr,
      instant: false,
      range: true,
      ...(stepSeconds !== undefined && { interval: `${stepSeconds}s` }),
    })),
    { from, to },
    timing,
    signal
  );
  return Object.fromEntries(queries.map(({ refId }) => [refId, (frames.get(refId) ?? []).flatMap(frameSeries)]));
}

/** Runs `vector(1)` on the datasource: resolves when it answers 1. */
export async function testConnection(datasourceUid: string): Promise<void> {
  const { A } = await queryInstant(datasourceUid, [{ refId: 'A', expr: CONNECTION_TEST_EXPR }]);
  if (A.length !== 1 || A[0].value !== 1) {
    throw new ApiError(
      `The datasource answered, but not with the result of ${CONNECTION_TEST_EXPR}: is it Prometheus-compatible?`
    );
  }
}

/**
 * An instant-query runner of one expression at a time that sends the expressions asked for in the same turn
 * (a Promise.all of several) in one request: a page reading several metrics makes one request, not one each.
 * A failure of that request fails each of them; an aborted `signal` cancels it. Evaluated at `at` as
 * queryInstant.
 */
export function coalescedInstant(
  datasourceUid: string,
  signal?: AbortSignal,
  at?: number
): (expr: string) => Promise<InstantSample[]> {
  let pending: Array<{ expr: string; resolve: (samples: InstantSample[]) => void; reject: (error: unknown) => void }> =
    [];
  const flush = () => {
    const batch = pending;
    pending = [];
    queryInstant(
      datasourceUid,
      batch.map(({ expr }, i) => ({ refId: `Q${i}`, expr })),
      signal,
      at
    ).then(
      (answers) => batch.forEach(({ resolve }, i) => resolve(answers[`Q${i}`] ?? [])),
      (error: unknown) => batch.forEach(({ reject }) => reject(error))
    );
  };
  return (expr) =>
    new Promise((resolve, reject) => {
      pending.push({ expr, resolve, reject });
      if (pending.length === 1) {
        // After the code that asks for the others of this turn has run.
        void Promise.resolve().then(flush);
      }
    });
}
