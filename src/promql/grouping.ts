/**
 * Which labels the result of a query keeps, as far as its outermost aggregation tells: what an
 * importer needs to keep a query that sums `by (handler)` per handler instead of summing it again.
 */
import { parser } from '@prometheus-io/lezer-promql';
import type { SyntaxNode } from '@lezer/common';
import { quotePromqlString } from './format';

export type OutputGrouping =
  /** The outermost aggregation keeps these labels only (none for `sum(...)`). */
  | { kind: 'by'; labels: string[] }
  /** The outermost aggregation drops these labels and keeps the others, whatever they are. */
  | { kind: 'without'; labels: string[] }
  /** No aggregation decides the labels (a selector, a rate, topk, sides that disagree): as the source. */
  | { kind: 'source' };

/** Aggregations whose result has exactly the grouping labels (topk and the like keep whole series). */
const GROUPING_AGGREGATIONS = new Set(['Sum', 'Avg', 'Count', 'Min', 'Max', 'Group', 'Stddev', 'Stdvar', 'Quantile']);

/** The labels of the result of an expression that parses, by its outermost aggregation. */
export function outputGrouping(expr: string): OutputGrouping {
  const top = parser.parse(expr).topNode;
  return groupingOf(top.firstChild, expr);
}

function groupingOf(node: SyntaxNode | null, expr: string): OutputGrouping {
  if (!node) {
    return { kind: 'source' };
  }
  switch (node.name) {
    case 'ParenExpr':
      return groupingOf(childExpressions(node)[0] ?? null, expr);
    case 'AggregateExpr':
      return aggregateGrouping(node, expr);
    case 'BinaryExpr': {
      // A number on one side (`... or vector(0)` aside) leaves the labels of the other side.
      const sides = childExpressions(node)
        .filter((side) => side.name !== 'NumberDurationLiteral')
        .map((side) => groupingOf(side, expr));
      const [first, ...rest] = sides;
      const same = first && rest.every((side) => JSON.stringify(side) === JSON.stringify(first));
      return same ? first : { kind: 'source' };
    }
    default:
      return { kind: 'source' };
  }
}

function aggregateGrouping(node: SyntaxNode, expr: string): OutputGrouping {
  const op = node.getChild('AggregateOp')?.firstChild?.name ?? '';
  if (!GROUPING_AGGREGATIONS.has(op)) {
    return { kind: 'source' };
  }
  const modifier = node.getChild('AggregateModifier');
  if (!modifier) {
    return { kind: 'by', labels: [] };
  }
  const labels = (modifier.getChild('GroupingLabels')?.getChildren('LabelName') ?? []).map((label) =>
    expr.slice(label.from, label.to)
  );
  return modifier.getChild('Without') ? { kind: 'without', labels } : { kind: 'by', labels };
}

function childExpressions(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (/Expr$|Selector$|Literal$|^FunctionCall$/.test(child.name)) {
      out.push(child);
    }
  }
  return out;
}

/**
 * The per-second rate of a counter selector over `{{.window}}` with each label `from` copied to `to`,
 * for a query grouped by a label Burnrate sets itself (`service`): the grouping then uses `to`.
 */
export function rateWithLabelsCopied(selector: string, copies: Array<{ from: string; to: string }>): string {
  return copies.reduce(
    (expr, { from, to }) =>
      `label_replace(${expr}, ${quotePromqlString(to)}, "$1", ${quotePromqlString(from)}, "(.*)")`,
    `rate(${selector.trim()}[{{.window}}])`
  );
}

/**
 * Good and total events per second of a native histogram, as `placeholderNativeLatencyExprs` gives
 * them, with each label `from` copied to `to` on every series first: per series, the share under the
 * threshold times the count is that series' good events, so summing by the copied labels stays exact.
 */
export function nativeLatencyWithLabelsCopied(
  histogram: string,
  threshold: string,
  copies: Array<{ from: string; to: string }>
): { good: string; total: string } {
  const rate = rateWithLabelsCopied(histogram, copies);
  return {
    good: `histogram_fraction(0, ${threshold}, ${rate}) * histogram_count(${rate})`,
    total: `histogram_count(${rate})`,
  };
}
