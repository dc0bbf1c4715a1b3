import { parser } from '@prometheus-io/lezer-promql';
import type { SyntaxNode } from '@lezer/common';
import { quote } from '../slo/quote';

/** A PromQL syntax error with its position (0-based character offsets) in the expression. */
export interface PromqlSyntaxError {
  message: string;
  from: number;
  to: number;
}

export type MatchOperator = '=' | '!=' | '=~' | '!~';

export interface LabelMatcher {
  name: string;
  op: MatchOperator;
  /** The unquoted value, e.g. `5..` for `code=~"5.."`. */
  value: string;
}

export interface VectorSelector {
  metric: string;
  matchers: LabelMatcher[];
  /** The offset modifier's duration, e.g. "1m" for `metric offset 1m` (Pyrra allows it). */
  offset?: string;
}

/** Returns the first syntax error of a PromQL expression, or undefined when it parses. */
export function findPromqlSyntaxError(expr: string): PromqlSyntaxError | undefined {
  if (expr.trim() === '') {
    return { message: 'the expression is empty', from: 0, to: 0 };
  }
  const tree = parser.parse(expr);
  let error: PromqlSyntaxError | undefined;
  tree.iterate({
    enter: (node) => {
      if (error) {
        return false;
      }
      if (node.type.isError) {
        const near = expr.slice(node.from, Math.max(node.to, node.from + 12)).trim();
        const column = node.from + 1;
        error = {
          message: near
            ? `syntax error at character ${column} near ${quote(near)}`
            : `syntax error at character ${column}: the expression ends too early`,
          from: node.from,
          to: node.to,
        };
        return false;
      }
      return undefined;
    },
  });
  return error;
}

/** Parses a plain vector selector such as `http_requests_total{code=~"5.."}`; throws SelectorParseError. */
export function parseVectorSelector(text: string): VectorSelector {
  const syntaxError = findPromqlSyntaxError(text);
  if (syntaxError) {
    throw new SelectorParseError(syntaxError.message);
  }
  let top = parser.parse(text).topNode.firstChild;
  let offset: string | undefined;
  if (top?.name === 'OffsetExpr' && top.firstChild?.name === 'VectorSelector') {
    const duration = top.getChild('OffsetDurationExpr');
    offset = duration ? text.slice(duration.from, duration.to) : undefined;
    top = top.firstChild;
  }
  if (!top || top.name !== 'VectorSelector') {
    throw new SelectorParseError(
      `expected a series selector such as metric_name{label="value"}, got ${describeNode(top)}`
    );
  }
  const selector: VectorSelector = { metric: '', matchers: [], ...(offset !== undefined && { offset }) };
  const identifier = top.getChild('Identifier');
  if (identifier) {
    selector.metric = text.slice(identifier.from, identifier.to);
  }
  const matchers = top.getChild('LabelMatchers');
  for (let child = matchers?.firstChild; child; child = child.nextSibling) {
    if (child.name === 'QuotedLabelName') {
      // `{"metric.name"}`: the UTF-8 form of a metric name.
      selector.metric = unquotePromqlString(text.slice(child.from, child.to));
    } else if (child.name === 'UnquotedLabelMatcher' || child.name === 'QuotedLabelMatcher') {
      selector.matchers.push(readMatcher(text, child));
    }
  }
  const nameMatcher = selector.matchers.find((m) => m.name === '__name__' && m.op === '=');
  if (!selector.metric && nameMatcher) {
    selector.metric = nameMatcher.value;
    selector.matchers = selector.matchers.filter((m) => m !== nameMatcher);
  }
  if (!selector.metric) {
    throw new SelectorParseError('the selector names no metric');
  }
  return selector;
}

export class SelectorParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SelectorParseError';
  }
}

function readMatcher(text: string, node: SyntaxNode): LabelMatcher {
  const nameNode = node.getChild('LabelName') ?? node.getChild('QuotedLabelName');
  const opNode = node.getChild('MatchOp');
  const valueNode = node.getChild('StringLiteral');
  if (!nameNode || !opNode || !valueNode) {
    throw new SelectorParseError(`incomplete label matcher ${quote(text.slice(node.from, node.to))}`);
  }
  const rawName = text.slice(nameNode.from, nameNode.to);
  return {
    name: nameNode.name === 'QuotedLabelName' ? unquotePromqlString(rawName) : rawName,
    op: text.slice(opNode.from, opNode.to) as MatchOperator,
    value: unquotePromqlString(text.slice(valueNode.from, valueNode.to)),
  };
}

function describeNode(node: SyntaxNode | null): string {
  if (!node) {
    return 'nothing';
  }
  const names: Record<string, string> = {
    AggregateExpr: 'an aggregation',
    FunctionCall: 'a function call',
    BinaryExpr: 'a binary expression',
    MatrixSelector: 'a range selector',
    SubqueryExpr: 'a subquery',
    NumberDurationLiteral: 'a number',
    StringLiteral: 'a string',
    ParenExpr: 'a parenthesised expression',
    OffsetExpr: 'an expression with an offset',
  };
  return names[node.name] ?? node.name;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
  '"': '"',
  "'": "'",
};

/** Unquotes a PromQL string literal: "..." and '...' with Go escapes, or `...` raw. */
export function unquotePromqlString(literal: string): string {
  const quote = literal[0];
  const body = literal.slice(1, -1);
  if (quote === '`') {
    return body;
  }
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch !== '\\') {
      out += ch;
      continue;
    }
    const next = body[++i];
    if (next in SIMPLE_ESCAPES) {
      out += SIMPLE_ESCAPES[next];
    } else if (next === 'x') {
      out += String.fromCharCode(parseInt(body.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (next === 'u' || next === 'U') {
      const digits = next === 'u' ? 4 : 8;
      out += String.fromCodePoint(parseInt(body.slice(i + 1, i + 1 + digits), 16));
      i += digits;
    } else if (next >= '0' && next <= '7') {
      out += String.fromCharCode(parseInt(body.slice(i, i + 3), 8));
      i += 2;
    } else {
      out += '\\' + next;
    }
  }
  return out;
}
