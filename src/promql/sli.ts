import type { Indicator, ThresholdOperator } from '../slo/types';
import { parseVectorSelector, withoutComments, type LabelMatcher, type VectorSelector } from './parse';
import { formatRangeSelector, formatSelector, sumBy } from './format';
import { formatPromDuration } from '../slo/duration';

/** The range of the base rates; every longer window is built from these 5 minute rates. */
export const RATE_WINDOW = '5m';
export const RATE_WINDOW_SECONDS = 300;

/** Sloth's placeholder for the rate window in advanced expressions. */
export const WINDOW_PLACEHOLDER = /\{\{\s*\.window\s*\}\}/g;

export interface SliExprOptions {
  /** Evaluation interval of the base rules: the step at which gauge samples are counted. */
  evaluationInterval: string;
  /**
   * The span the events are counted over, and its length: the 5m rate window by default; a time
   * slice reads only its own span.
   */
  span?: { range: string; seconds: number };
}

const RATE_SPAN = { range: RATE_WINDOW, seconds: RATE_WINDOW_SECONDS };

/** Events per second over the last 5m, summed by the grouping labels; absent where the source is. */
export function totalEventsExpr(indicator: Indicator, options: SliExprOptions): string {
  const by = indicator.groupBy;
  const span = options.span ?? RATE_SPAN;
  switch (indicator.type) {
    case 'ratio':
      return sumBy(by, rateOf(indicator.total, span.range));
    case 'latency': {
      const histogram = parseVectorSelector(indicator.histogram);
      if (indicator.native) {
        return sumBy(by, `histogram_count(rate(${formatRangeSelector(histogram, span.range)}))`);
      }
      return sumBy(by, `rate(${formatRangeSelector(withSuffix(histogram, '_count'), span.range)})`);
    }
    case 'threshold':
      return `${sumBy(by, `count_over_time((${withoutComments(indicator.expr)})[${span.range}:${options.evaluationInterval}])`)} / ${span.seconds}`;
    case 'advanced':
      return sumBy(by, userExpr(indicator.total, span.range));
    case 'errorRatio':
      // One event per sample of the ratio, as a threshold SLI's gauge: a window's ratio is their mean.
      return `${sumBy(by, `count_over_time((${errorRatioExpr(indicator.expr, span.seconds)})[${span.range}:${options.evaluationInterval}])`)} / ${span.seconds}`;
  }
}

/**
 * A precomputed error ratio as the rules sample it: `{{.window}}` filled with the span's length (5m, or
 * the slice), clamped to [0, 1] so that a ratio a little off by rounding cannot give a negative budget,
 * and without its NaN samples (0/0 where there was no traffic), which are not events.
 */
function errorRatioExpr(expr: string, spanSeconds: number): string {
  return `clamp(${withoutComments(substituteWindow(expr, formatPromDuration(spanSeconds)))}, 0, 1) >= 0`;
}

/**
 * Bad events per second over the last 5m: 0 where there is traffic and no bad events (a bad-events
 * counter that has not appeared yet must not make the SLI vanish), absent where there is no traffic
 * (so that no window divides 0 by 0).
 */
export function badEventsExpr(indicator: Indicator, options: SliExprOptions): string {
  const total = totalEventsExpr(indicator, options);
  const on = `on (${indicator.groupBy.join(', ')})`;
  const zeroWhereTraffic = `0 * ${total}`;
  const withTraffic = `(${total} > 0)`;
  const bad = rawBadExpr(indicator, options);
  if (bad !== undefined) {
    return `(${bad} or ${on} (${zeroWhereTraffic})) and ${on} ${withTraffic}`;
  }
  const good = rawGoodExpr(indicator, options);
  // Rates of good and total events come from different series and can differ by rounding: clamp at 0.
  return `clamp_min(${withTraffic} - (${good} or ${on} (${zeroWhereTraffic})), 0)`;
}

function rawBadExpr(indicator: Indicator, options: SliExprOptions): string | undefined {
  const by = indicator.groupBy;
  const span = options.span ?? RATE_SPAN;
  switch (indicator.type) {
    case 'ratio':
      return indicator.bad === undefined ? undefined : sumBy(by, rateOf(indicator.bad, span.range));
    case 'advanced':
      return indicator.bad === undefined ? undefined : sumBy(by, userExpr(indicator.bad, span.range));
    case 'threshold': {
      const violated = `(${withoutComments(indicator.expr)}) ${NEGATED_OPERATOR[indicator.operator]} ${indicator.threshold}`;
      return `${sumBy(by, `count_over_time((${violated})[${span.range}:${options.evaluationInterval}])`)} / ${span.seconds}`;
    }
    case 'errorRatio':
      // Each sample is one event of which the ratio is bad: summed, the bad share of the samples.
      return `${sumBy(by, `sum_over_time((${errorRatioExpr(indicator.expr, span.seconds)})[${span.range}:${options.evaluationInterval}])`)} / ${span.seconds}`;
    case 'latency':
      return undefined;
  }
}

function rawGoodExpr(indicator: Indicator, options: SliExprOptions): string {
  const by = indicator.groupBy;
  const span = options.span ?? RATE_SPAN;
  switch (indicator.type) {
    case 'ratio':
      return sumBy(by, rateOf(indicator.good ?? '', span.range));
    case 'advanced':
      return sumBy(by, userExpr(indicator.good ?? '', span.range));
    case 'latency': {
      const histogram = parseVectorSelector(indicator.histogram);
      if (indicator.native) {
        const rate = sumBy(by, `rate(${formatRangeSelector(histogram, span.range)})`);
        return `(histogram_fraction(0, ${indicator.threshold}, ${rate}) * histogram_count(${rate}))`;
      }
      const bucket = withSuffix(histogram, '_bucket');
      bucket.matchers.push(leMatcher(indicator.threshold));
      return sumBy(by, `rate(${formatRangeSelector(bucket, span.range)})`);
    }
    case 'threshold':
    case 'errorRatio':
      throw new Error(`${indicator.type} indicators count bad samples directly`);
  }
}

/**
 * The source series whose absence Pyrra's absent alert reports, each as an instant vector expression:
 * the total events' selector, and the good or bad one where it reads another metric (a bad selector of the
 * same metric, `code=~"5.."`, is absent whenever nothing failed). Gauges, native histograms and the
 * expressions of advanced and error-ratio SLIs are read as a whole, `{{.window}}` filled with 5m.
 */
export function sourceSeriesExprs(indicator: Indicator): string[] {
  const counters = counterSelectors(indicator);
  if (counters) {
    const other = counters.bad ?? counters.good;
    const sources = [counters.total];
    if (other !== undefined && other.metric !== counters.total.metric) {
      sources.push(other);
    }
    return sources.map(formatSelector);
  }
  switch (indicator.type) {
    case 'latency':
      return [formatSelector(parseVectorSelector(indicator.histogram))];
    case 'threshold':
    case 'errorRatio':
      return [userExpr(indicator.expr, RATE_WINDOW)];
    case 'advanced':
      return [userExpr(indicator.total, RATE_WINDOW)];
    case 'ratio':
      throw new Error('ratio indicators read counters');
  }
}

/** The raw counters of an SLI whose events are counters Burnrate can difference exactly. */
export interface CounterSelectors {
  total: VectorSelector;
  /** Exactly one of bad and good. */
  bad?: VectorSelector;
  good?: VectorSelector;
}

/**
 * The counters of `ratio` SLIs and of classic-histogram `latency` SLIs (`<h>_count` and the bucket at
 * the threshold); undefined for the other kinds (native histograms, thresholds on gauges, advanced
 * PromQL), whose events are known only through their 5m rates.
 */
export function counterSelectors(indicator: Indicator): CounterSelectors | undefined {
  switch (indicator.type) {
    case 'ratio':
      return {
        total: parseVectorSelector(indicator.total),
        ...(indicator.bad !== undefined
          ? { bad: parseVectorSelector(indicator.bad) }
          : { good: parseVectorSelector(indicator.good ?? '') }),
      };
    case 'latency': {
      if (indicator.native) {
        return undefined;
      }
      const histogram = parseVectorSelector(indicator.histogram);
      const bucket = withSuffix(histogram, '_bucket');
      bucket.matchers.push(leMatcher(indicator.threshold));
      return { total: withSuffix(histogram, '_count'), good: bucket };
    }
    default:
      return undefined;
  }
}

const NEGATED_OPERATOR: Record<ThresholdOperator, string> = { '<': '>=', '<=': '>', '>': '<=', '>=': '<' };

function withSuffix(selector: VectorSelector, suffix: string): VectorSelector {
  return { ...selector, metric: `${selector.metric}${suffix}`, matchers: [...selector.matchers] };
}

/**
 * The matcher of the bucket at a boundary. Whole numbers are written "1" by Go clients and "1.0" by
 * OpenMetrics clients and Prometheus 3, so they match both.
 */
export function leMatcher(threshold: string): LabelMatcher {
  return /^\d+$/.test(threshold)
    ? { name: 'le', op: '=~', value: `${threshold}(\\.0)?` }
    : { name: 'le', op: '=', value: threshold };
}

/** `rate()` of a counter selector over a range (the rate window), in canonical form. */
function rateOf(selector: string, range: string): string {
  return `rate(${formatRangeSelector(parseVectorSelector(selector), range)})`;
}

/** A counter's rate over the window placeholder, as OpenSLO and Sloth documents write it. */
export function placeholderRateExpr(selector: string): string {
  return `rate(${selector}[{{.window}}])`;
}

/** Events per second of a native histogram, good ones at or below `threshold`, over the window placeholder. */
export function placeholderNativeLatencyExprs(histogram: string, threshold: string): { good: string; total: string } {
  const rate = placeholderRateExpr(histogram);
  return {
    good: `histogram_fraction(0, ${threshold}, ${rate}) * histogram_count(${rate})`,
    total: `histogram_count(${rate})`,
  };
}

/** The error ratio of a query giving the share of good events (OpenSLO `rawType: success`). */
export function errorRatioOfSuccessRatio(successRatio: string): string {
  return `1 - (${successRatio.trim()})`;
}

/** Replaces `{{.window}}` with a range: the rate window, or a time slice. */
export function substituteWindow(expr: string, range = RATE_WINDOW): string {
  return expr.replace(WINDOW_PLACEHOLDER, range);
}

/** An advanced SLI's expression as the rules embed it: its window filled in, its comments left out. */
function userExpr(expr: string, range: string): string {
  return withoutComments(substituteWindow(expr, range));
}
