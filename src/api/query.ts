import { z } from 'zod';
import { ApiError } from './errors';
import { fetchParsed } from './http';
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

const fieldSchema = z.looseObject({
  name: z.string().optional(),
  type: z.string().optional(),
  labels: z.record(z.string(), z.string()).nullish(),
});
const frameSchema = z.looseObject({
  schema: z.looseObject({ fields: z.array(fieldSchema) }).optional(),
  data: z.looseObject({ values: z.array(z.array(z.unknown())) }).optional(),
});
const dsQueryResponseSchema = z.object({
  results: z.record(
    z.string(),
    z.looseObject({ error: z.string().optional(), frames: z.array(frameSchema).optional() })
  ),
});

type Frame = z.output<typeof frameSchema>;

function frameSamples(frame: Frame): InstantSample[] {
  const fields = frame.schema?.fields ?? [];
  const valueIndex = fields.findIndex((f) => f.type === 'number' || f.name === 'Value');
  if (valueIndex < 0) {
    return [];
  }
  const column = frame.data?.values[valueIndex] ?? [];
  const last = column[column.length - 1];
  return [{ labels: fields[valueIndex].labels ?? {}, value: typeof last === 'number' ? last : NaN }];
}

/**
 * Instant queries against a Prometheus-compatible datasource through Grafana's `/api/ds/query`:
 * the samples of each query by refId. A query that fails throws with the datasource's message; an
 * aborted `signal` cancels the request.
 */
export async function queryInstant(
  datasourceUid: string,
  queries: InstantQuery[],
  signal?: AbortSignal
): Promise<Record<string, InstantSample[]>> {
  const data = await fetchParsed(
    {
      url: '/api/ds/query',
      method: 'POST',
      data: {
        from: 'now-5m',
        to: 'now',
        queries: queries.map(({ refId, expr }) => ({
          refId,
          expr,
          instant: true,
          range: false,
          datasource: { uid: datasourceUid, type: 'prometheus' },
        })),
      },
    },
    dsQueryResponseSchema,
    'Querying the datasource',
    signal
  );
  const out: Record<string, InstantSample[]> = {};
  for (const { refId } of queries) {
    const result = data.results[refId];
    if (result?.error) {
      throw new ApiError(`Querying the datasource: ${result.error}`);
    }
    out[refId] = (result?.frames ?? []).flatMap(frameSamples);
  }
  return out;
}

/** One series of a range query: its labels and its [time in ms, value] points. */
export interface RangeSeries {
  labels: Record<string, string>;
  points: Array<[number, number]>;
}

function frameSeries(frame: Frame): RangeSeries[] {
  const fields = frame.schema?.fields ?? [];
  const timeIndex = fields.findIndex((f) => f.type === 'time');
  const valueIndex = fields.findIndex((f) => f.type === 'number');
  if (timeIndex < 0 || valueIndex < 0) {
    return [];
  }
  const times = frame.data?.values[timeIndex] ?? [];
  const values = frame.data?.values[valueIndex] ?? [];
  const points: Array<[number, number]> = [];
  times.forEach((time, i) => {
    const value = values[i];
    if (typeof time === 'number' && typeof value === 'number') {
      points.push([time, value]);
    }
  });
  return [{ labels: fields[valueIndex].labels ?? {}, points }];
}

export interface RangeOptions {
  /** Start and end: ms since the epoch, or Grafana's relative times such as "now-7d". */
  from: number | string;
  to: number | string;
  /** A fixed step in seconds (Grafana's minimum interval of the queries); by default Grafana picks it. */
  stepSeconds?: number;
  /** Points per series Grafana aims at when it picks the step. */
  maxDataPoints?: number;
}

/**
 * Range queries through Grafana's `/api/ds/query`. With a fixed step the range must hold at most
 * 11,000 steps (Prometheus's limit, which Grafana keeps by widening the step). An aborted `signal`
 * cancels the request.
 */
export async function queryRange(
  datasourceUid: string,
  queries: InstantQuery[],
  { from, to, stepSeconds, maxDataPoints }: RangeOptions,
  signal?: AbortSignal
): Promise<Record<string, RangeSeries[]>> {
  const fixedStep =
    stepSeconds !== undefined && typeof from === 'number' && typeof to === 'number'
      ? {
          interval: `${stepSeconds}s`,
          intervalMs: stepSeconds * 1000,
          maxDataPoints: Math.ceil((to - from) / (stepSeconds * 1000)) + 1,
        }
      : { ...(maxDataPoints !== undefined && { maxDataPoints }) };
  const data = await fetchParsed(
    {
      url: '/api/ds/query',
      method: 'POST',
      data: {
        from: String(from),
        to: String(to),
        queries: queries.map(({ refId, expr }) => ({
          refId,
          expr,
          instant: false,
          range: true,
          ...fixedStep,
          datasource: { uid: datasourceUid, type: 'prometheus' },
        })),
      },
    },
    dsQueryResponseSchema,
    'Querying the datasource',
    signal
  );
  const out: Record<string, RangeSeries[]> = {};
  for (const { refId } of queries) {
    const result = data.results[refId];
    if (result?.error) {
      throw new ApiError(`Querying the datasource: ${result.error}`);
    }
    out[refId] = (result?.frames ?? []).flatMap(frameSeries);
  }
  return out;
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
