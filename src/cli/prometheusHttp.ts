import { z } from 'zod';
import type { LabelledSeries, RangeQueryWindow } from '../decisions/report';
import type { LabelledValue } from '../decisions/serviceReadings';
import type { RatesRangeReader } from '../decisions/backtestRates';

/**
 * Prometheus's HTTP query API (Prometheus, Mimir, Thanos: any of them) for the CLI commands that read
 * what Burnrate's rules record. The transport is injected, so that tests need no server.
 */

/**
 * Runs an instant query, now or at `at` (seconds since the epoch); rejects with a message when there is no
 * usable answer.
 */
export type InstantQuery = (expr: string, at?: number) => Promise<LabelledValue[]>;

export type RangeQuery = (expr: string, window: RangeQueryWindow) => Promise<LabelledSeries[]>;

/** What the client needs of an HTTP answer; the global `fetch`'s Response has it. */
export interface HttpAnswer {
  status: number;
  json(): Promise<unknown>;
}

export type HttpGet = (url: string) => Promise<HttpAnswer>;

/** The global fetch, giving up after `timeoutMs`. */
export function httpGetWithTimeout(timeoutMs: number): HttpGet {
  return (url) => fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
}

/** The global fetch, giving up after 30 s. */
export const fetchWithTimeout: HttpGet = httpGetWithTimeout(30_000);

const labelsSchema = z.record(z.string(), z.string());
const sampleSchema = z.tuple([z.number(), z.string()]);

const answerSchema = z.object({
  status: z.string(),
  error: z.string().optional(),
  data: z.object({ resultType: z.string(), result: z.array(z.unknown()) }).optional(),
});

const vectorSchema = z.array(z.object({ metric: labelsSchema, value: sampleSchema }));
const matrixSchema = z.array(z.object({ metric: labelsSchema, values: z.array(sampleSchema) }));

export interface PrometheusClient {
  instant: InstantQuery;
  range: RangeQuery;
}

/** Instant and range queries against `baseUrl` (with or without a trailing slash). */
export function prometheusClient(baseUrl: string, get: HttpGet = fetchWithTimeout): PrometheusClient {
  const base = baseUrl.replace(/\/+$/, '');
  const read = async (path: string, params: Record<string, string>, resultType: string): Promise<unknown[]> => {
    const url = `${base}${path}?${new URLSearchParams(params).toString()}`;
    let response: HttpAnswer;
    try {
      response = await get(url);
    } catch (error) {
      throw new Error(`cannot reach ${base}: ${error instanceof Error ? error.message : String(error)}`);
    }
    const parsed = answerSchema.safeParse(await response.json().catch(() => undefined));
    if (!parsed.success || parsed.data.status !== 'success' || !parsed.data.data) {
      const detail = parsed.success ? (parsed.data.error ?? parsed.data.status) : `HTTP ${response.status}`;
      throw new Error(`${base} refused the query: ${detail}`);
    }
    if (parsed.data.data.resultType !== resultType) {
      throw new Error(`${base} answered a ${parsed.data.data.resultType}, not a ${resultType}`);
    }
    return parsed.data.data.result;
  };
  const malformed = (what: string) => new Error(`${base} answered a ${what} that is not Prometheus's shape`);
  return {
    instant: async (expr, at) => {
      const params: Record<string, string> = at === undefined ? { query: expr } : { query: expr, time: String(at) };
      const result = vectorSchema.safeParse(await read('/api/v1/query', params, 'vector'));
      if (!result.success) {
        throw malformed('vector');
      }
      return result.data.map((r) => ({ labels: r.metric, value: Number(r.value[1]) }));
    },
    range: async (expr, window) => {
      const params = {
        query: expr,
        start: String(window.start),
        end: String(window.end),
        step: String(window.stepSeconds),
      };
      const result = matrixSchema.safeParse(await read('/api/v1/query_range', params, 'matrix'));
      if (!result.success) {
        throw malformed('matrix');
      }
      return result.data.map((r) => ({
        labels: r.metric,
        points: r.values.map(([time, value]): [number, number] => [time, Number(value)]),
      }));
    },
  };
}

/** The instant query alone, as the gate uses it. */
export function prometheusQuery(baseUrl: string, get: HttpGet = fetchWithTimeout): InstantQuery {
  return prometheusClient(baseUrl, get).instant;
}

/**
 * The replays' reader of an SLO's two rate expressions over a range: Prometheus speaks Unix seconds, the
 * replays work in milliseconds.
 */
export function ratesRangeReader(client: PrometheusClient): RatesRangeReader {
  return async (exprs, from, to, stepSeconds) => {
    const window = { start: from / 1000, end: to / 1000, stepSeconds };
    const inMs = (series: LabelledSeries[]) =>
      series.map((s) => ({ labels: s.labels, points: s.points.map(([t, v]): [number, number] => [t * 1000, v]) }));
    const [total, bad] = await Promise.all([client.range(exprs.total, window), client.range(exprs.bad, window)]);
    return { total: inMs(total), bad: inMs(bad) };
  };
}
