import { parser } from '@prometheus-io/lezer-promql';
import type { SyntaxNode, Tree } from '@lezer/common';
import { parsePromDuration } from '../slo/duration';
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

/**
 * Returns the first syntax error of a PromQL expression, or undefined when it parses: what the grammar
 * refuses, then literals Prometheus refuses, then, with `type`, an expression of another type.
 */
export function findPromqlSyntaxError(
  expr: string,
  options: { type?: PromqlType } = {}
): PromqlSyntaxError | undefined {
  return syntaxErrorIn(expr, parser.parse(expr), options);
}

/** findPromqlSyntaxError of an expression already parsed: parsing is most of the cost. */
function syntaxErrorIn(expr: string, tree: Tree, options: { type?: PromqlType } = {}): PromqlSyntaxError | undefined {
  if (expr.trim() === '') {
    return { message: 'the expression is empty', from: 0, to: 0 };
  }
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
  error ??= findLiteralError(expr, tree);
  const wanted = options.type;
  const type = !error && wanted ? typeOf(tree) : undefined;
  if (wanted && type !== undefined && type !== wanted) {
    const message = `gives ${withArticle(type)}: it must give ${withArticle(wanted)}`;
    return { message, from: 0, to: expr.length };
  }
  return error;
}

function withArticle(type: PromqlType): string {
  return `${type.startsWith('i') ? 'an' : 'a'} ${type}`;
}

/** The longest duration Prometheus reads: 2^63 - 1 nanoseconds, about 292 years. */
const MAX_PROMETHEUS_DURATION_SECONDS = 9223372036.854;

/**
 * The first literal the grammar accepts and Prometheus refuses: a string with an escape it does not know
 * (or whose value is not text, see unquotePromqlString), a number beyond float64 or a duration beyond
 * MAX_PROMETHEUS_DURATION_SECONDS.
 */
function findLiteralError(expr: string, tree: Tree): PromqlSyntaxError | undefined {
  let error: PromqlSyntaxError | undefined;
  tree.iterate({
    enter: (node) => {
      if (error) {
        return false;
      }
      const literal = expr.slice(node.from, node.to);
      const at = (message: string) => ({ message, from: node.from, to: node.to });
      if (node.name === 'StringLiteral') {
        try {
          unquotePromqlString(literal);
        } catch (e) {
          if (!(e instanceof PromqlStringError)) {
            throw e;
          }
          error = at(`string ${literal} at character ${node.from + 1}: ${e.message}`);
        }
      } else if (node.name === 'NumberDurationLiteral' || node.name === 'NumberDurationLiteralInDurationContext') {
        const seconds = parsePromDuration(literal);
        if (seconds !== undefined && seconds > MAX_PROMETHEUS_DURATION_SECONDS) {
          error = at(
            `the duration ${literal} at character ${node.from + 1} is longer than Prometheus reads (about 292y)`
          );
        } else if (seconds === undefined && Math.abs(Number(literal.replace(/_/g, ''))) === Infinity) {
          error = at(
            `the number ${literal} at character ${node.from + 1} is beyond the largest Prometheus reads (about 1.8e308)`
          );
        }
      }
      return undefined;
    },
  });
  return error;
}

export type PromqlType = 'scalar' | 'instant vector' | 'range vector' | 'string';

/**
 * The type of a PromQL expression that parses, as Prometheus infers it: functions return an instant
 * vector but for `time()`, `pi()` and `scalar()`, and a binary expression is a vector when either side
 * is (a string or a range vector on either side, which Prometheus refuses, gives that type).
 */
export function promqlType(expr: string): PromqlType {
  return typeOf(parser.parse(expr));
}

function typeOf(tree: Tree): PromqlType {
  return nodeType(expressionChildren(tree.topNode)[0]);
}

const SCALAR_FUNCTIONS = new Set(['Time', 'Pi', 'Scalar']);

/** The children of a node that are expressions: no operators, modifiers or comments. */
function expressionChildren(node: SyntaxNode): SyntaxNode[] {
  const children: SyntaxNode[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (EXPRESSION_NODES.has(child.name)) {
      children.push(child);
    }
  }
  return children;
}

const EXPRESSION_NODES = new Set([
  'NumberDurationLiteral',
  'StringLiteral',
  'VectorSelector',
  'MatrixSelector',
  'SubqueryExpr',
  'ParenExpr',
  'UnaryExpr',
  'OffsetExpr',
  'StepInvariantExpr',
  'AggregateExpr',
  'FunctionCall',
  'BinaryExpr',
]);

function nodeType(node: SyntaxNode | undefined): PromqlType {
  switch (node?.name) {
    case 'NumberDurationLiteral':
      return 'scalar';
    case 'StringLiteral':
      return 'string';
    case 'MatrixSelector':
    case 'SubqueryExpr':
      return 'range vector';
    case 'ParenExpr':
    case 'UnaryExpr':
    case 'OffsetExpr':
    case 'StepInvariantExpr':
      return nodeType(expressionChildren(node)[0]);
    case 'FunctionCall':
      return SCALAR_FUNCTIONS.has(node.getChild('FunctionIdentifier')?.firstChild?.name ?? '')
        ? 'scalar'
        : 'instant vector';
    case 'BinaryExpr': {
      // Prometheus refuses strings and range vectors on either side: say so before the vector.
      const sides = expressionChildren(node).map(nodeType);
      return (['string', 'range vector', 'instant vector'] as const).find((type) => sides.includes(type)) ?? 'scalar';
    }
    default:
      return 'instant vector';
  }
}

/**
 * The expression without its `#` comments, which run to the end of the line: embedded in a larger
 * expression, a comment would hide what follows it on that line (a closing parenthesis).
 */
export function withoutComments(expr: string): string {
  if (!expr.includes('#')) {
    return expr; // no comment without a #: the parse is left out for the many expressions without one
  }
  const comments: Array<[number, number]> = [];
  parser.parse(expr).iterate({
    enter: (node) => {
      if (node.name === 'LineComment') {
        comments.push([node.from, node.to]);
      }
    },
  });
  let out = expr;
  for (const [from, to] of comments.reverse()) {
    out = out.slice(0, from) + out.slice(to);
  }
  return out;
}

/** Parses a plain vector selector such as `http_requests_total{code=~"5.."}`; throws SelectorParseError. */
export function parseVectorSelector(text: string): VectorSelector {
  let known = parsedSelectors.get(text);
  if (known === undefined) {
    try {
      known = readVectorSelector(text);
    } catch (e) {
      if (!(e instanceof SelectorParseError)) {
        throw e;
      }
      known = e;
    }
    if (parsedSelectors.size >= PARSED_SELECTORS_KEPT) {
      parsedSelectors.clear();
    }
    parsedSelectors.set(text, known);
  }
  if (known instanceof SelectorParseError) {
    throw new SelectorParseError(known.message);
  }
  // A copy: callers may change what they get.
  return { ...known, matchers: known.matchers.map((m) => ({ ...m })) };
}

/**
 * Selectors read lately. Validation and each rule builder read an SLO's selectors again (a CLI run over
 * ten thousand SLOs parsed each one about ten times); the parser is pure, so its answers are kept. Enough
 * are kept for a CLI run to validate every SLO and then build their rules without reading one twice: ten
 * thousand SLOs have some 30,000 selectors, a few megabytes.
 */
const parsedSelectors = new Map<string, VectorSelector | SelectorParseError>();
const PARSED_SELECTORS_KEPT = 65_536;

function readVectorSelector(text: string): VectorSelector {
  const tree = parser.parse(text);
  const syntaxError = syntaxErrorIn(text, tree);
  if (syntaxError) {
    throw new SelectorParseError(syntaxError.message);
  }
  let top = tree.topNode.firstChild;
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
};

/** A string literal Prometheus refuses, or whose value is not text. */
export class PromqlStringError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PromqlStringError';
  }
}

/** Numeric escapes: how many digits follow the escape letter (octal: after the backslash), and their base. */
const NUMERIC_ESCAPES: Record<string, { digits: number; base: 8 | 16 }> = {
  x: { digits: 2, base: 16 },
  u: { digits: 4, base: 16 },
  U: { digits: 8, base: 16 },
};

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Unquotes a PromQL string literal as Prometheus does: "..." and '...' with Go's escapes (only the
 * literal's own quote may be escaped), or `...` raw. `\x` and octal escapes give bytes, so that
 * `"caf\xc3\xa9"` is "café"; bytes that are not UTF-8, and escapes Prometheus refuses (`\q`), throw a
 * PromqlStringError.
 */
export function unquotePromqlString(literal: string): string {
  const quote = literal[0];
  const body = literal.slice(1, -1);
  if (quote === '`') {
    return body;
  }
  let out = '';
  let bytes: number[] = [];
  const flushBytes = () => {
    if (bytes.length > 0) {
      try {
        out += UTF8.decode(new Uint8Array(bytes));
      } catch {
        throw new PromqlStringError('its \\x or octal escapes give bytes that are not UTF-8 text');
      }
      bytes = [];
    }
  };
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch !== '\\') {
      flushBytes();
      out += ch;
      continue;
    }
    const next = body[++i] ?? '';
    const octal = next >= '0' && next <= '7';
    const numeric = octal ? { digits: 3, base: 8 } : NUMERIC_ESCAPES[next];
    if (numeric) {
      // Octal digits start at the escape's first character, the others after its letter.
      const from = octal ? i : i + 1;
      const digits = body.slice(from, from + numeric.digits);
      const digit = numeric.base === 8 ? /^[0-7]$/ : /^[0-9a-fA-F]$/;
      if (digits.length < numeric.digits || ![...digits].every((d) => digit.test(d))) {
        throw new PromqlStringError(`the escape \\${octal ? '' : next}${digits} is not complete`);
      }
      i = from + numeric.digits - 1;
      const value = parseInt(digits, numeric.base);
      if (octal || next === 'x') {
        if (value > 255) {
          throw new PromqlStringError(`the escape \\${digits} is larger than a byte`);
        }
        bytes.push(value);
      } else if (value > 0x10ffff || (value >= 0xd800 && value < 0xe000)) {
        throw new PromqlStringError(`the escape \\${next}${digits} is not a Unicode code point`);
      } else {
        flushBytes();
        out += String.fromCodePoint(value);
      }
    } else if (next in SIMPLE_ESCAPES || next === quote) {
      flushBytes();
      out += SIMPLE_ESCAPES[next] ?? next;
    } else {
      throw new PromqlStringError(
        next === '' ? 'the escape at its end is not complete' : `unknown escape sequence \\${next}`
      );
    }
  }
  flushBytes();
  return out;
}
