/**
 * What Grafana's backend does for a Prometheus datasource, in small: `POST /api/ds/query` becomes calls to
 * Prometheus's `/api/v1/query` and `/api/v1/query_range`, answered as Grafana's data frames (the dataplane
 * "timeseries-multi" / "numeric-multi" frames of Grafana's Prometheus backend), and the resource and proxy
 * routes are forwarded. Our own code, following Grafana's documented behaviour and response shapes.
 */

export interface PromDatasource {
  uid: string;
  name: string;
  url: string;
  /** The scrape interval configured on the datasource (`jsonData.timeInterval`), e.g. "15s". */
  scrapeInterval: string;
}

interface QueryModel {
  refId?: string;
  expr?: string;
  instant?: boolean;
  range?: boolean;
  intervalMs?: number;
  maxDataPoints?: number;
  interval?: string;
  legendFormat?: string;
  datasource?: { uid?: string; type?: string };
}

interface Frame {
  schema: {
    refId: string;
    name?: string;
    meta: Record<string, unknown>;
    fields: Array<Record<string, unknown>>;
  };
  data: { values: unknown[][]; entities?: Array<Record<string, number[]> | null> };
}

interface DataResponse {
  status: number;
  frames: Frame[];
  error?: string;
  errorSource?: string;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const DEFAULT_MAX_DATA_POINTS = 1500;
const SAFE_RESOLUTION = 11000;
const QUERY_TIMEOUT_MS = 30_000;

const UNIT_MS: Record<string, number> = { ms: 1, s: SECOND, m: MINUTE, h: HOUR, d: DAY, w: 7 * DAY, y: 365 * DAY };

/** "15s", "1m30s", "2h" -> milliseconds; undefined when it is not a duration. */
export function parseDurationMs(text: string): number | undefined {
  const parts = text.trim().match(/^(\d+(?:\.\d+)?(?:ms|s|m|h|d|w|y))+$/);
  if (!parts) {
    return undefined;
  }
  let total = 0;
  for (const m of text.trim().matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d|w|y)/g)) {
    total += Number(m[1]) * UNIT_MS[m[2]];
  }
  return total;
}

/** Grafana's `now-6h` / epoch-milliseconds time of a query request. */
export function parseTime(value: unknown, nowMs: number): number | undefined {
  if (typeof value === 'number') {
    return value;
  }
  if (typeof value !== 'string' || value === '') {
    return undefined;
  }
  if (/^\d+$/.test(value)) {
    return Number(value);
  }
  if (value === 'now') {
    return nowMs;
  }
  const rel = value.match(/^now-(.+)$/);
  if (rel) {
    const ms = parseDurationMs(rel[1]);
    return ms === undefined ? undefined : nowMs - ms;
  }
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? undefined : parsed;
}

/** Grafana's interval rounding: a raw interval becomes the nearest "nice" one. */
const ROUNDING: Array<[number, number]> = [
  [15, 10],
  [35, 20],
  [75, 50],
  [150, 100],
  [350, 200],
  [750, 500],
  [1500, SECOND],
  [3500, 2 * SECOND],
  [7500, 5 * SECOND],
  [12500, 10 * SECOND],
  [17500, 15 * SECOND],
  [25000, 20 * SECOND],
  [45000, 30 * SECOND],
  [90000, MINUTE],
  [210000, 2 * MINUTE],
  [450000, 5 * MINUTE],
  [750000, 10 * MINUTE],
  [1050000, 15 * MINUTE],
  [1500000, 20 * MINUTE],
  [2700000, 30 * MINUTE],
  [5400000, HOUR],
  [9000000, 2 * HOUR],
  [16200000, 3 * HOUR],
  [24300000, 6 * HOUR],
  [64800000, 12 * HOUR],
  [129600000, DAY],
  [864000000, 7 * DAY],
  [2592000000, 30 * DAY],
];

export function roundInterval(ms: number): number {
  if (ms <= 10) {
    return 1;
  }
  for (const [limit, value] of ROUNDING) {
    if (ms <= limit) {
      return value;
    }
  }
  return 365 * DAY;
}

/** Go's time.Duration.String() of whole milliseconds: "15s", "1m0s", "1h30m0s", "500ms". */
export function goDuration(ms: number): string {
  if (ms < SECOND) {
    return `${ms}ms`;
  }
  const h = Math.floor(ms / HOUR);
  const m = Math.floor((ms % HOUR) / MINUTE);
  const s = (ms % MINUTE) / SECOND;
  if (h > 0) {
    return `${h}h${m}m${s}s`;
  }
  return m > 0 ? `${m}m${s}s` : `${s}s`;
}

/** Grafana's short interval format, used for `$__interval`: "15s", "1m", "2h", "1d". */
export function formatInterval(ms: number): string {
  for (const [unit, size] of [
    ['y', 365 * DAY],
    ['w', 7 * DAY],
    ['d', DAY],
    ['h', HOUR],
    ['m', MINUTE],
    ['s', SECOND],
  ] as const) {
    if (ms >= size && ms % size === 0) {
      return `${ms / size}${unit}`;
    }
  }
  return `${ms}ms`;
}

/** The step of a query, as Grafana's Prometheus backend chooses it. */
export function queryStepMs(q: QueryModel, fromMs: number, toMs: number, scrapeInterval: string): number {
  const rangeMs = Math.max(toMs - fromMs, 1);
  const fixed = q.interval && !q.interval.startsWith('$') ? parseDurationMs(q.interval) : undefined;
  const minInterval = fixed ?? (q.intervalMs || parseDurationMs(scrapeInterval) || 15 * SECOND);
  const maxDataPoints = q.maxDataPoints && q.maxDataPoints > 0 ? q.maxDataPoints : DEFAULT_MAX_DATA_POINTS;
  const calculated = Math.max(roundInterval(rangeMs / maxDataPoints), minInterval);
  const safe = roundInterval(rangeMs / SAFE_RESOLUTION);
  return Math.max(calculated, safe);
}

/** Replaces Grafana's built-in range and interval variables, as the backend does before calling Prometheus. */
export function interpolateExpr(
  expr: string,
  stepMs: number,
  intervalMs: number,
  rangeMs: number,
  scrapeInterval: string
): string {
  const scrapeMs = parseDurationMs(scrapeInterval) ?? 15 * SECOND;
  const rateMs = Math.max(intervalMs + scrapeMs, 4 * scrapeMs);
  const rangeS = Math.round(rangeMs / SECOND);
  const vars: Array<[string, string]> = [
    ['__interval_ms', String(stepMs)],
    ['__interval', formatInterval(stepMs)],
    ['__range_ms', String(rangeMs)],
    ['__range_s', String(rangeS)],
    ['__range', `${rangeS}s`],
    ['__rate_interval_ms', String(rateMs)],
    ['__rate_interval', goDuration(rateMs)],
  ];
  let out = expr;
  for (const [name, value] of vars) {
    out = out.split(`\${${name}}`).join(value);
  }
  for (const [name, value] of vars) {
    out = out.replace(new RegExp(`\\$${name}(?![a-zA-Z0-9_])`, 'g'), value);
  }
  return out;
}

function seriesName(labels: Record<string, string>): string {
  const name = labels.__name__ ?? '';
  const rest = Object.keys(labels)
    .filter((k) => k !== '__name__')
    .sort()
    .map((k) => `${k}=${JSON.stringify(labels[k])}`);
  if (rest.length === 0) {
    return name || '{}';
  }
  return `${name}{${rest.join(', ')}}`;
}

/** The display name Grafana's backend gives a series from the query's legend format. */
export function legendName(expr: string, legendFormat: string | undefined, labels: Record<string, string>): string {
  let legend = seriesName(labels);
  if (legendFormat === '__auto') {
    if (Object.keys(labels).length > 0) {
      legend = '';
    }
  } else if (legendFormat) {
    legend = legendFormat.replace(/\{\{\s*(.+?)\s*\}\}/g, (_, name: string) => labels[name] ?? '');
  }
  return legend === '{}' ? expr : legend;
}

type Sample = [number, string];

function toFrame(
  refId: string,
  resultType: string,
  labels: Record<string, string>,
  samples: Sample[],
  q: { expr: string; legendFormat?: string; stepMs: number }
): Frame {
  const times: number[] = [];
  const values: Array<number | null> = [];
  const entities: Record<string, number[]> = {};
  samples.forEach(([t, v], i) => {
    times.push(Math.round(t * 1000));
    const n = Number(v);
    if (Number.isFinite(n)) {
      values.push(n);
      return;
    }
    values.push(null);
    const key = Number.isNaN(n) ? 'NaN' : n > 0 ? 'Inf' : 'NegInf';
    (entities[key] ??= []).push(i);
  });
  const display = legendName(q.expr, q.legendFormat, labels);
  const valueField: Record<string, unknown> = {
    name: labels.__name__ ?? 'Value',
    type: 'number',
    typeInfo: { frame: 'float64' },
    labels,
  };
  if (display !== '') {
    valueField.config = { displayNameFromDS: display };
  }
  const frame: Frame = {
    schema: {
      refId,
      meta: {
        type: resultType === 'matrix' ? 'timeseries-multi' : 'numeric-multi',
        typeVersion: [0, 1],
        custom: { resultType },
      },
      fields: [
        { name: 'Time', type: 'time', typeInfo: { frame: 'time.Time' }, config: { interval: q.stepMs } },
        valueField,
      ],
    },
    data: { values: [times, values] },
  };
  if (Object.keys(entities).length > 0) {
    frame.data.entities = [null, entities];
  }
  return frame;
}

function emptyFrame(refId: string): Frame {
  return { schema: { refId, meta: { typeVersion: [0, 0] }, fields: [] }, data: { values: [] } };
}

interface PromAnswer {
  status?: string;
  errorType?: string;
  error?: string;
  warnings?: string[];
  data?: { resultType?: string; result?: unknown };
}

/** The query's time limit, and the caller's signal: a client gone cancels its queries, as Grafana does. */
function querySignal(signal?: AbortSignal): AbortSignal {
  const timeout = AbortSignal.timeout(QUERY_TIMEOUT_MS);
  return signal ? AbortSignal.any([signal, timeout]) : timeout;
}

async function callPrometheus(
  ds: PromDatasource,
  endpoint: string,
  params: Record<string, string>,
  signal?: AbortSignal
): Promise<{ httpStatus: number; body: PromAnswer }> {
  const response = await fetch(`${ds.url.replace(/\/$/, '')}/api/v1/${endpoint}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(params).toString(),
    signal: querySignal(signal),
  });
  const text = await response.text();
  try {
    return { httpStatus: response.status, body: JSON.parse(text) as PromAnswer };
  } catch {
    return { httpStatus: response.status, body: { status: 'error', errorType: 'server_error', error: text.trim() } };
  }
}

function framesOf(
  refId: string,
  body: PromAnswer,
  q: { expr: string; legendFormat?: string; stepMs: number }
): Frame[] {
  const resultType = body.data?.resultType ?? '';
  const result = body.data?.result;
  if (resultType === 'scalar' && Array.isArray(result)) {
    return [toFrame(refId, 'scalar', {}, [result as Sample], q)];
  }
  if ((resultType === 'matrix' || resultType === 'vector') && Array.isArray(result)) {
    return (result as Array<{ metric?: Record<string, string>; value?: Sample; values?: Sample[] }>).map((r) =>
      toFrame(refId, resultType, r.metric ?? {}, r.values ?? (r.value ? [r.value] : []), q)
    );
  }
  return [];
}

async function runQuery(
  ds: PromDatasource,
  q: QueryModel,
  fromMs: number,
  toMs: number,
  signal?: AbortSignal
): Promise<DataResponse> {
  const refId = q.refId ?? 'A';
  const stepMs = queryStepMs(q, fromMs, toMs, ds.scrapeInterval);
  const expr = interpolateExpr(q.expr ?? '', stepMs, q.intervalMs ?? stepMs, toMs - fromMs, ds.scrapeInterval);
  const info = { expr, legendFormat: q.legendFormat, stepMs };
  const calls: Array<[string, Record<string, string>]> = [];
  const isRange = q.range === true || (!q.instant && !q.range);
  if (isRange) {
    // Grafana aligns start and end down to a multiple of the step.
    const start = Math.floor(fromMs / stepMs) * stepMs;
    const end = Math.floor(toMs / stepMs) * stepMs;
    calls.push([
      'query_range',
      { query: expr, start: String(start / 1000), end: String(end / 1000), step: String(stepMs / 1000) },
    ]);
  }
  if (q.instant) {
    calls.push(['query', { query: expr, time: String(toMs / 1000) }]);
  }
  const frames: Frame[] = [];
  let status = 200;
  const notices: string[] = [];
  for (const [endpoint, params] of calls) {
    let answer: { httpStatus: number; body: PromAnswer };
    try {
      answer = await callPrometheus(ds, endpoint, params, signal);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return {
        status: 502,
        frames: [],
        error: `Post "${ds.url}/api/v1/${endpoint}": ${message}`,
        errorSource: 'downstream',
      };
    }
    status = answer.httpStatus;
    if (answer.body.status === 'error') {
      const withMeta = emptyFrame(refId);
      withMeta.schema.meta.executedQueryString = `Expr: ${expr}\nStep: ${goDuration(stepMs)}`;
      return {
        status: answer.httpStatus,
        frames: [withMeta],
        error: `${answer.body.errorType ?? 'error'}: ${answer.body.error ?? ''}`,
        errorSource: 'downstream',
      };
    }
    notices.push(...(answer.body.warnings ?? []));
    frames.push(...framesOf(refId, answer.body, info));
  }
  if (frames.length === 0) {
    frames.push(emptyFrame(refId));
  }
  frames[0].schema.meta.executedQueryString = `Expr: ${expr}\nStep: ${goDuration(stepMs)}`;
  if (notices.length > 0) {
    for (const f of frames) {
      f.schema.meta.notices = notices.map((text) => ({ severity: 'warning', text }));
    }
  }
  return { status, frames };
}

/**
 * `POST /api/ds/query`: `{ queries, from, to }`. The HTTP status is 200 when every query succeeded and 400
 * when any failed (Grafana without the multi-status feature toggle); each result carries its own status.
 */
export async function dsQuery(
  datasources: PromDatasource[],
  body: unknown,
  nowMs = Date.now(),
  signal?: AbortSignal
): Promise<{ status: number; body: unknown }> {
  const req = (typeof body === 'object' && body !== null ? body : {}) as {
    queries?: QueryModel[];
    from?: unknown;
    to?: unknown;
  };
  const queries = Array.isArray(req.queries) ? req.queries : [];
  if (queries.length === 0) {
    return { status: 400, body: { message: 'No queries found', messageId: 'query.noQueries', statusCode: 400 } };
  }
  const fromMs = parseTime(req.from, nowMs) ?? nowMs - HOUR;
  const toMs = parseTime(req.to, nowMs) ?? nowMs;
  const results: Record<string, DataResponse> = {};
  let anyError = false;
  for (const q of queries) {
    const refId = q.refId ?? 'A';
    const ds = datasources.find((d) => d.uid === q.datasource?.uid) ?? (q.datasource?.uid ? undefined : datasources[0]);
    if (!ds) {
      return {
        status: 404,
        body: { message: 'Data source not found', messageId: 'datasource.notFound', statusCode: 404 },
      };
    }
    if (signal?.aborted) {
      break;
    }
    const result = await runQuery(ds, q, fromMs, toMs, signal);
    anyError ||= result.error !== undefined;
    results[refId] = result;
  }
  return { status: anyError ? 400 : 200, body: { results } };
}

/** Forwards `…/resources/api/v1/<path>` and `…/proxy/uid/<uid>/api/v1/<path>` to Prometheus as they are. */
export async function forwardToPrometheus(
  ds: PromDatasource,
  apiPath: string,
  search: string,
  method: string,
  body: Buffer,
  contentType: string | undefined,
  signal?: AbortSignal
): Promise<{ status: number; contentType: string; body: Buffer }> {
  const response = await fetch(`${ds.url.replace(/\/$/, '')}/${apiPath}${search}`, {
    method,
    headers: contentType ? { 'Content-Type': contentType } : {},
    body: method === 'GET' || method === 'HEAD' ? undefined : new Uint8Array(body),
    signal: querySignal(signal),
  });
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? 'application/json',
    body: Buffer.from(await response.arrayBuffer()),
  };
}
