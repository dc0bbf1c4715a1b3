import type { LabelMatcher, VectorSelector } from './parse';
import { formatPromDuration, parsePromDuration } from '../slo/duration';

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

/** True for a label name Prometheus accepts without quoting (and that is not reserved). */
export function isLegalLabelName(name: string): boolean {
  return LABEL_NAME.test(name) && !name.startsWith('__');
}

/**
 * Label names Prometheus cannot read in `by (...)` and `on (...)`: its lexer takes NaN and Inf (in any case)
 * for numbers and `without` for the keyword, and the expression does not parse.
 */
const NOT_GROUPING_NAME = /^(nan|inf|without)$/i;

/** Why a legal label name cannot group PromQL, or undefined when it can. */
export function groupingLabelProblem(name: string): string | undefined {
  if (!NOT_GROUPING_NAME.test(name)) {
    return undefined;
  }
  return /^without$/i.test(name) ? 'PromQL reads it as the keyword without' : 'PromQL reads it as a number';
}

export function isLegalMetricName(name: string): boolean {
  return METRIC_NAME.test(name);
}

const PROMQL_ESCAPES: Record<string, string> = {
  '\x07': '\\a',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\v': '\\v',
  '\\': '\\\\',
  '"': '\\"',
};

/**
 * Quotes a value as a PromQL double-quoted string that Prometheus reads back as the same text: quotes,
 * backslashes and control characters escaped, the rest as it is.
 */
export function quotePromqlString(value: string): string {
  let out = '"';
  for (const ch of value) {
    const code = ch.charCodeAt(0);
    out += PROMQL_ESCAPES[ch] ?? (code < 0x20 || code === 0x7f ? `\\x${code.toString(16).padStart(2, '0')}` : ch);
  }
  return out + '"';
}

export function formatMatcher(matcher: LabelMatcher): string {
  const name = LABEL_NAME.test(matcher.name) ? matcher.name : quotePromqlString(matcher.name);
  return `${name}${matcher.op}${quotePromqlString(matcher.value)}`;
}

/** Prints a selector in one canonical form: `metric{a="1",b!~"x"}` (no braces when there are no matchers). */
export function formatSelector(selector: VectorSelector): string {
  return `${formatSeriesPart(selector)}${offsetPart(selector)}`;
}

/** A range selector over a series selector: `metric{a="1"}[5m]`, with its offset after the range. */
export function formatRangeSelector(selector: VectorSelector, range: string): string {
  return `${formatSeriesPart(selector)}[${range}]${offsetPart(selector)}`;
}

function formatSeriesPart(selector: VectorSelector): string {
  const matchers = selector.matchers.map(formatMatcher).join(',');
  if (!isLegalMetricName(selector.metric)) {
    const name = quotePromqlString(selector.metric);
    return `{${matchers ? `${name},${matchers}` : name}}`;
  }
  return matchers ? `${selector.metric}{${matchers}}` : selector.metric;
}

/**
 * The same selector shifted further back in time by `seconds`: its own offset, if any, plus `seconds`
 * (`m offset 1m` shifted by 10m is `m offset 11m`).
 */
export function withOffset(selector: VectorSelector, seconds: number): VectorSelector {
  const total = offsetSeconds(selector) + seconds;
  const shifted: VectorSelector = { metric: selector.metric, matchers: [...selector.matchers] };
  if (total !== 0) {
    shifted.offset = total > 0 ? formatPromDuration(total) : `-${formatPromDuration(-total)}`;
  }
  return shifted;
}

/** Seconds of a selector's offset (negative for `offset -5m`); 0 without one. */
export function offsetSeconds(selector: VectorSelector): number {
  if (!selector.offset) {
    return 0;
  }
  const text = selector.offset.trim();
  const negative = text.startsWith('-');
  const seconds = parsePromDuration(text.replace(/^[-+]/, ''));
  if (seconds === undefined) {
    throw new RangeError(`offset ${selector.offset} is not a duration`);
  }
  return negative ? -seconds : seconds;
}

function offsetPart(selector: VectorSelector): string {
  return selector.offset ? ` offset ${selector.offset}` : '';
}

/** `sum(inner)`, or `sum by (a, b) (inner)` when there are grouping labels. */
export function sumBy(labels: string[], inner: string): string {
  return labels.length ? `sum by (${labels.join(', ')}) (${inner})` : `sum(${inner})`;
}
