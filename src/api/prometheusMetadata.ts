import { z } from 'zod';
import { parseVectorSelector } from '../promql/parse';
import { formatSelector } from '../promql/format';
import { fetchParsed } from './http';

/**
 * Prometheus metadata through the datasource's resource API (Grafana forwards
 * `/api/datasources/uid/<uid>/resources/api/v1/...` to Prometheus, Mimir, Cortex or Thanos).
 */

const stringListSchema = z.looseObject({ data: z.array(z.string()) });

function resourceUrl(datasourceUid: string, path: string): string {
  return `/api/datasources/uid/${encodeURIComponent(datasourceUid)}/resources/api/v1/${path}`;
}

async function stringList(
  datasourceUid: string,
  path: string,
  match: string | undefined,
  what: string
): Promise<string[]> {
  const { data } = await fetchParsed(
    {
      url: resourceUrl(datasourceUid, path),
      method: 'GET',
      ...(match !== undefined && match !== '' && { params: { 'match[]': match } }),
    },
    stringListSchema,
    what
  );
  return data;
}

/** Metric names, optionally of the series matching `match` (a selector). */
export function getMetricNames(datasourceUid: string, match?: string): Promise<string[]> {
  return stringList(datasourceUid, 'label/__name__/values', match, 'Reading the metric names');
}

/** Label names of the series matching `match`. */
export function getLabelNames(datasourceUid: string, match?: string): Promise<string[]> {
  return stringList(datasourceUid, 'labels', match, 'Reading the label names');
}

/** Values of label `label` on the series matching `match`. */
export function getLabelValues(datasourceUid: string, label: string, match?: string): Promise<string[]> {
  return stringList(
    datasourceUid,
    `label/${encodeURIComponent(label)}/values`,
    match,
    `Reading the values of ${label}`
  );
}

/**
 * The bucket boundaries (`le` values) of a classic histogram, given as its base name with matchers
 * (`http_request_duration_seconds{job="api"}`), in ascending order, without `+Inf`. Whole numbers
 * written both ways (`1` and `1.0`) are listed once.
 */
export async function getHistogramBuckets(datasourceUid: string, histogram: string): Promise<string[]> {
  const selector = parseVectorSelector(histogram);
  const bucket = formatSelector({ ...selector, metric: `${selector.metric}_bucket` });
  const values = await getLabelValues(datasourceUid, 'le', bucket);
  const byNumber = new Map<number, string>();
  for (const value of values) {
    const n = Number(value);
    if (Number.isFinite(n) && !byNumber.has(n)) {
      byNumber.set(n, String(n));
    }
  }
  return [...byNumber.entries()].sort((a, b) => a[0] - b[0]).map(([, text]) => text);
}
