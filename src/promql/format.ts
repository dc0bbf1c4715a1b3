import type { LabelMatcher, VectorSelector } from './parse';

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

/** True for a label name Prometheus accepts without quoting (and that is not reserved). */
export function isLegalLabelName(name: string): boolean {
  return LABEL_NAME.test(name) && !name.startsWith('__');
}

export function isLegalMetricName(name: string): boolean {
  return METRIC_NAME.test(name);
}

/** Quotes a label value as a PromQL double-quoted string, escaping what must be escaped. */
export function quotePromqlString(value: string): string {
  let out = '"';
  for (const ch of value) {
    if (ch === '\\' || ch === '"') {
      out += '\\' + ch;
    } else if (ch === '\n') {
      out += '\\n';
    } else if (ch === '\r') {
      out += '\\r';
    } else if (ch === '\t') {
      out += '\\t';
    } else {
      out += ch;
    }
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

function offsetPart(selector: VectorSelector): string {
  return selector.offset ? ` offset ${selector.offset}` : '';
}

/** `sum(inner)`, or `sum by (a, b) (inner)` when there are grouping labels. */
export function sumBy(labels: string[], inner: string): string {
  return labels.length ? `sum by (${labels.join(', ')}) (${inner})` : `sum(${inner})`;
}
