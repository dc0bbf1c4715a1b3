/**
 * The SLI of an OpenSLO SLO, inline or by reference, as a Burnrate indicator; and an indicator as the
 * SLI Burnrate exports, which import reads back to check it.
 */
import { quote, quoteIfUnusual, quoteValue } from '../../slo/quote';
import Big from 'big.js';
import type { Decimal, Indicator, ThresholdOperator } from '../../slo/types';
import { parseDecimalField, toDecimal } from '../../slo/values';
import { parseVectorSelector, type LabelMatcher, type VectorSelector } from '../../promql/parse';
import { formatSelector } from '../../promql/format';
import {
  errorRatioOfSuccessRatio,
  leMatcher,
  placeholderNativeLatencyExprs,
  placeholderRateExpr,
} from '../../promql/sli';
import { isRecord } from '../document';
import { HAS_WINDOW, promqlSyntaxMessage, sameMatchers } from '../importing';
import { ANNOTATIONS, annotationPath } from './extensions';
import { silentReporter, type Reporter } from './reporter';
import { emptyIndex, type FileIndex, type MetricSpec, type ObjectiveSpec, type SliSpec, type SloSpec } from './schema';

/** metricSource types whose queries are PromQL (compared without case). */
export const PROMQL_SOURCE_TYPES = ['Prometheus', 'Mimir', 'Cortex', 'Thanos', 'AmazonPrometheus', 'VictoriaMetrics'];

const OPERATORS: Record<string, ThresholdOperator> = { lt: '<', lte: '<=', gt: '>', gte: '>=' };
const OPERATOR_NAMES: Record<ThresholdOperator, string> = { '<': 'lt', '<=': 'lte', '>': 'gt', '>=': 'gte' };

interface OpenSloMetric {
  metricSource: { type: string; spec: { query: string } };
}

/** The SLI spec Burnrate writes. */
export interface OpenSloSliSpec {
  ratioMetric?:
    | { counter: boolean; good?: OpenSloMetric; bad?: OpenSloMetric; total: OpenSloMetric }
    | { rawType: 'failure'; raw: OpenSloMetric };
  thresholdMetric?: OpenSloMetric;
}

interface ResolvedSli {
  spec: SliSpec;
  r: Reporter;
  /** Path of the SLI spec in its document. */
  path: string;
}

export function resolveSli(spec: SloSpec, index: FileIndex, r: Reporter): ResolvedSli | undefined {
  if (spec.indicator && spec.indicatorRef !== undefined) {
    r.error('spec.indicatorRef', 'give indicator (inline) or indicatorRef, not both');
    return undefined;
  }
  if (spec.indicator) {
    return { spec: spec.indicator.spec, r, path: 'spec.indicator.spec' };
  }
  if (spec.indicatorRef !== undefined) {
    const sli = index.SLI.get(spec.indicatorRef);
    if (!sli) {
      const names = [...index.SLI.keys()];
      r.error(
        'spec.indicatorRef',
        `no SLI named ${quote(spec.indicatorRef)} in ${index.scope}${names.length ? ` (SLIs: ${names.map((n) => quoteIfUnusual(n)).join(', ')})` : ''}`
      );
      return undefined;
    }
    return { spec: sli.doc.spec, r: r.in(sli), path: 'spec' };
  }
  r.error('spec.indicator', 'is required: give indicator (inline) or indicatorRef (the name of an SLI)');
  return undefined;
}

export interface SliContext {
  /** Reports in the document of the SLI. */
  r: Reporter;
  path: string;
  objective: ObjectiveSpec;
  objectivePath: string;
  /** Reports in the document of the SLO. */
  objectiveR: Reporter;
  index: FileIndex;
}

/** The indicator an OpenSLO SLI spec describes (groupBy is added by the caller). */
export function readIndicator(sli: SliSpec, groupBy: string[], context: SliContext): Indicator | undefined {
  const { r, path } = context;
  if (sli.ratioMetric && sli.thresholdMetric) {
    r.error(`${path}.thresholdMetric`, 'give ratioMetric or thresholdMetric, not both');
    return undefined;
  }
  if (sli.thresholdMetric) {
    return readThresholdMetric(sli.thresholdMetric, groupBy, context);
  }
  if (!sli.ratioMetric) {
    r.error(`${path}.ratioMetric`, 'is required: give ratioMetric (good or bad, and total) or thresholdMetric');
    return undefined;
  }
  const metric = sli.ratioMetric;
  const p = `${path}.ratioMetric`;
  if (metric.raw) {
    return readRawRatio(metric.raw, metric.rawType, groupBy, { ...context, path: p });
  }
  if (!metric.total) {
    r.error(`${p}.total`, 'is required, with good or bad');
    return undefined;
  }
  if ((metric.good === undefined) === (metric.bad === undefined)) {
    r.error(`${p}.${metric.good ? 'bad' : 'good'}`, 'give exactly one of good and bad (with total)');
    return undefined;
  }
  const key = metric.good ? 'good' : 'bad';
  const total = readQuery(metric.total, `${p}.total`, context);
  const part = readQuery((metric.good ?? metric.bad) as MetricSpec, `${p}.${key}`, context);
  if (total === undefined || part === undefined) {
    return undefined;
  }
  const syntaxOk = [checkPromql(total, `${p}.total${QUERY_PATH}`, r), checkPromql(part, `${p}.${key}${QUERY_PATH}`, r)];
  if (!syntaxOk.every(Boolean)) {
    return undefined;
  }
  const totalSelector = trySelector(total);
  const partSelector = trySelector(part);
  if (metric.counter !== false && totalSelector && partSelector) {
    const latency = key === 'good' ? latencyFromBuckets(partSelector, totalSelector, groupBy) : undefined;
    return latency ?? { type: 'ratio', total, ...(key === 'good' ? { good: part } : { bad: part }), groupBy };
  }
  // Any other PromQL: events per second as it is.
  const asRate = (query: string, selector: VectorSelector | undefined, queryPath: string): string | undefined => {
    if (metric.counter !== false && selector) {
      const rate = placeholderRateExpr(query.trim());
      r.warn(queryPath, `a counter selector among other PromQL: read as ${rate}`);
      return rate;
    }
    if (metric.counter === true && !/\[[^\]]+\]/.test(query) && !HAS_WINDOW.test(query)) {
      // Read as events per second, a sum of counters is a running total whose bad share is about 0:
      // the SLO would never burn its budget.
      r.error(
        `${p}.counter`,
        `is true, so ${key} and total are counters, but ${queryPath.slice(p.length + 1)} aggregates them without a rate: ` +
          'Burnrate cannot take the rate of a sum (counter resets). Give the bare counter selectors, or set counter: false and ' +
          'write it as sum(rate(<selector>[{{.window}}]))'
      );
      return undefined;
    }
    return query;
  };
  const totalQuery = asRate(total, totalSelector, `${p}.total${QUERY_PATH}`);
  const partQuery = asRate(part, partSelector, `${p}.${key}${QUERY_PATH}`);
  if (totalQuery === undefined || partQuery === undefined) {
    return undefined;
  }
  return {
    type: 'advanced',
    total: totalQuery,
    ...(key === 'good' ? { good: partQuery } : { bad: partQuery }),
    groupBy,
  };
}

const QUERY_PATH = '.metricSource.spec.query';

/**
 * A precomputed ratio (`raw`): the share of bad events (`rawType: failure`) or of good ones (`success`).
 * Read as an approximate errorRatio SLI, averaged over each window, as its events are unknown.
 */
function readRawRatio(
  raw: MetricSpec,
  rawType: string | undefined,
  groupBy: string[],
  context: SliContext
): Indicator | undefined {
  const { r, path } = context;
  if (rawType !== 'failure' && rawType !== 'success') {
    r.error(
      `${path}.rawType`,
      `${rawType === undefined ? 'is required with raw' : `must be success or failure, got ${quoteValue(rawType)}`}: whether the ratio is of good or of bad events`
    );
    return undefined;
  }
  const query = readQuery(raw, `${path}.raw`, context);
  if (query === undefined || !checkPromql(query, `${path}.raw${QUERY_PATH}`, r)) {
    return undefined;
  }
  return { type: 'errorRatio', expr: rawType === 'failure' ? query : errorRatioOfSuccessRatio(query), groupBy };
}

function readThresholdMetric(metric: MetricSpec, groupBy: string[], context: SliContext): Indicator | undefined {
  const { objective, objectivePath, objectiveR } = context;
  const path = `${context.path}.thresholdMetric`;
  const expr = readQuery(metric, path, context);
  const ok = expr !== undefined && checkPromql(expr, `${path}${QUERY_PATH}`, context.r);
  if (objective.op === undefined) {
    objectiveR.error(
      `${objectivePath}.op`,
      'is required with a thresholdMetric: lt, lte, gt or gte (a sample is good when it is <op> value)'
    );
    return undefined;
  }
  const operator = OPERATORS[objective.op];
  if (!operator) {
    objectiveR.error(`${objectivePath}.op`, `must be lt, lte, gt or gte, got ${quoteValue(objective.op)}`);
    return undefined;
  }
  if (objective.value === undefined) {
    objectiveR.error(
      `${objectivePath}.value`,
      'is required with a thresholdMetric: the value samples are compared with'
    );
    return undefined;
  }
  const value = objective.value;
  const threshold = objectiveR.collect((issues) => parseDecimalField(value, `${objectivePath}.value`, issues));
  if (!ok || threshold === undefined) {
    return undefined;
  }
  return { type: 'threshold', expr, operator, threshold, groupBy };
}

/** The PromQL of a metric source, once its type is known to speak PromQL. */
function readQuery(metric: MetricSpec, path: string, context: SliContext): string | undefined {
  const { r } = context;
  const source = metric.metricSource;
  const ref = source.metricSourceRef;
  const type = source.type ?? (ref !== undefined ? context.index.DataSource.get(ref)?.doc.spec.type : undefined);
  if (type === undefined) {
    r.warn(
      `${path}.metricSource.type`,
      ref !== undefined
        ? `no DataSource named ${quote(ref)} with a type in ${context.index.scope}: the query is read as PromQL`
        : 'is missing: the query is read as PromQL'
    );
  } else if (!PROMQL_SOURCE_TYPES.some((t) => t.toLowerCase() === type.toLowerCase())) {
    r.error(
      `${path}.metricSource.type`,
      `${type} is not supported: Burnrate reads PromQL sources (${PROMQL_SOURCE_TYPES.join(', ')})`
    );
    return undefined;
  }
  const query = source.spec?.query ?? source.spec?.promql;
  if (typeof query !== 'string' || query.trim() === '') {
    r.error(`${path}${QUERY_PATH}`, 'is required: the PromQL query');
    return undefined;
  }
  return query;
}

function trySelector(query: string): VectorSelector | undefined {
  try {
    return parseVectorSelector(query.trim());
  } catch {
    return undefined;
  }
}

function checkPromql(expr: string, path: string, r: Reporter): boolean {
  const problem = promqlSyntaxMessage(expr);
  if (problem) {
    r.error(path, problem);
  }
  return problem === undefined;
}

/**
 * `<h>_bucket{le="0.5",m...}` over `<h>_count{m...}` is the latency indicator of histogram `<h>{m...}`
 * under 0.5; also `le=~"1(\.0)?"`, the form Burnrate writes for whole numbers.
 */
function latencyFromBuckets(good: VectorSelector, total: VectorSelector, groupBy: string[]): Indicator | undefined {
  if (!good.metric.endsWith('_bucket')) {
    return undefined;
  }
  const base = good.metric.slice(0, -'_bucket'.length);
  const les = good.matchers.filter((m) => m.name === 'le');
  const threshold = les.length === 1 ? thresholdOfLe(les[0]) : undefined;
  const others = good.matchers.filter((m) => m.name !== 'le');
  if (total.metric !== `${base}_count` || threshold === undefined || !sameMatchers(others, total.matchers)) {
    return undefined;
  }
  return {
    type: 'latency',
    histogram: formatSelector({ metric: base, matchers: total.matchers }),
    threshold,
    native: false,
    groupBy,
  };
}

function thresholdOfLe(matcher: LabelMatcher): Decimal | undefined {
  const whole = /^(\d+)\(\\\.0\)\?$/.exec(matcher.value);
  const text = matcher.op === '=' ? matcher.value : matcher.op === '=~' && whole ? whole[1] : undefined;
  const decimal = text === undefined ? undefined : toDecimal(text);
  return decimal !== undefined && new Big(decimal).gt(0) ? decimal : undefined;
}

/**
 * The `burnrate.dev/indicator` annotation gives the indicator when the queries still are what it
 * exports to; when they were edited since, the queries win.
 */
export function checkHint(hint: Indicator, sli: SliSpec, objective: ObjectiveSpec, r: Reporter): Indicator | undefined {
  const exported = indicatorToOpenSlo(hint);
  const actual = {
    sli: pickMetrics(sli),
    op: objective.op,
    value: objective.value === undefined ? undefined : Number(objective.value),
  };
  if (canonicalJson(exported) === canonicalJson(actual)) {
    return hint;
  }
  r.warn(
    annotationPath(ANNOTATIONS.indicator),
    'ignored: the queries were changed since it was written, so the indicator is read from the queries'
  );
  return undefined;
}

function pickMetrics(sli: SliSpec): OpenSloSliSpec {
  return {
    ...(sli.ratioMetric && { ratioMetric: sli.ratioMetric }),
    ...(sli.thresholdMetric && { thresholdMetric: sli.thresholdMetric }),
  } as OpenSloSliSpec;
}

// Export: the SLI Burnrate writes for an indicator (export.ts puts it in the SLO document).

export interface ExportedIndicator {
  sli: OpenSloSliSpec;
  /** For a threshold indicator: the objective's op and value. */
  op?: string;
  value?: number;
}

function prometheus(query: string): OpenSloMetric {
  return { metricSource: { type: 'Prometheus', spec: { query } } };
}

export function indicatorToOpenSlo(indicator: Indicator): ExportedIndicator {
  switch (indicator.type) {
    case 'ratio':
    case 'advanced': {
      const part =
        indicator.good !== undefined ? { good: prometheus(indicator.good) } : { bad: prometheus(indicator.bad ?? '') };
      // Counters are rated by the consumer; advanced queries already give events per second.
      return {
        sli: { ratioMetric: { counter: indicator.type === 'ratio', ...part, total: prometheus(indicator.total) } },
      };
    }
    case 'latency': {
      const histogram = trySelector(indicator.histogram) ?? { metric: indicator.histogram, matchers: [] };
      if (indicator.native) {
        const { good, total } = placeholderNativeLatencyExprs(indicator.histogram, indicator.threshold);
        return {
          sli: {
            ratioMetric: { counter: false, good: prometheus(good), total: prometheus(total) },
          },
        };
      }
      const bucket = {
        metric: `${histogram.metric}_bucket`,
        matchers: [...histogram.matchers, leMatcher(indicator.threshold)],
      };
      const count = { metric: `${histogram.metric}_count`, matchers: histogram.matchers };
      return {
        sli: {
          ratioMetric: {
            counter: true,
            good: prometheus(formatSelector(bucket)),
            total: prometheus(formatSelector(count)),
          },
        },
      };
    }
    case 'threshold':
      return {
        sli: { thresholdMetric: prometheus(indicator.expr) },
        op: OPERATOR_NAMES[indicator.operator],
        value: Number(indicator.threshold),
      };
    case 'errorRatio':
      return { sli: { ratioMetric: { rawType: 'failure', raw: prometheus(indicator.expr) } } };
  }
}

/** True when importing the exported queries alone gives the indicator back (its groupBy aside). */
export function importsBack(exported: ExportedIndicator, indicator: Indicator): boolean {
  const r = silentReporter();
  const index = emptyIndex();
  const objective: ObjectiveSpec = {
    ...(exported.op !== undefined && { op: exported.op }),
    ...(exported.value !== undefined && { value: exported.value }),
  };
  const read = readIndicator(exported.sli as SliSpec, indicator.groupBy, {
    r,
    path: '',
    objective,
    objectivePath: '',
    objectiveR: r,
    index,
  });
  return !r.failed && read !== undefined && canonicalJson(read) === canonicalJson(indicator);
}

/** JSON with sorted keys, for comparing plain data. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    isRecord(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v
  );
}
