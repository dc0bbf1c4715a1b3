/**
 * What the importers of OpenSLO, Sloth and Pyrra share when they read labels and queries written for
 * another tool.
 */
import { findPromqlSyntaxError, type LabelMatcher } from '../promql/parse';
import { SLO_LABELS } from '../promql/slo';
import { outputGrouping, type OutputGrouping } from '../promql/grouping';
import { quote } from '../slo/quote';

/** Labels Burnrate sets on every rule itself: an SLO cannot bring its own. */
export const RESERVED_LABELS: ReadonlySet<string> = new Set<string>([...Object.values(SLO_LABELS), 'le', 'alertname']);

/** Reports a warning at a field path. */
export type Warn = (path: string, message: string) => void;

/** The `{{.window}}` placeholder of Sloth and of Burnrate's advanced indicators. */
export const HAS_WINDOW = /\{\{\s*\.window\s*\}\}/;

/**
 * The expression with a duration in place of each `{{.window}}`, padded to the placeholder's length
 * (`00000005m`) so that syntax error positions are those of the text the user wrote.
 */
export function withRateWindow(expr: string): string {
  return expr.replace(/\{\{\s*\.window\s*\}\}/g, (placeholder) => '5m'.padStart(placeholder.length, '0'));
}

/** The syntax error of a query that may hold `{{.window}}`, as an issue message; undefined when it parses. */
export function promqlSyntaxMessage(expr: string): string | undefined {
  const problem = findPromqlSyntaxError(withRateWindow(expr));
  return problem && `PromQL ${problem.message}`;
}

/** The same matchers, in any order. */
export function sameMatchers(a: LabelMatcher[], b: LabelMatcher[]): boolean {
  const key = (m: LabelMatcher) => JSON.stringify([m.name, m.op, m.value]);
  const set = new Set(b.map(key));
  return a.length === b.length && a.every((m) => set.has(key(m)));
}

/**
 * The labels two queries of events group by, as Sloth divides one by the other label by label: a query
 * summed `by (handler)` makes an SLI and alerts per handler, so Burnrate keeps those labels as the
 * SLO's grouping. Queries that group differently, by what they drop (`without`), or by a label
 * Burnrate sets itself are refused, at the first query's path.
 */
export function readQueryGrouping(
  first: { query: string; path: string },
  second: { query: string; path: string; name: string },
  error: (path: string, message: string) => void
): string[] | undefined {
  const [a, b] = [first, second].map((q) => outputGrouping(withRateWindow(q.query)));
  for (const [grouping, path] of [
    [a, first.path],
    [b, second.path],
  ] as const) {
    if (grouping.kind === 'without') {
      error(
        path,
        `groups without (${grouping.labels.join(', ')}): Burnrate needs the labels an SLI is split by named; write by (...) with them`
      );
      return undefined;
    }
  }
  const labels = (g: OutputGrouping) => (g.kind === 'by' ? [...g.labels].sort() : []);
  const [aLabels, bLabels] = [labels(a), labels(b)];
  if (aLabels.join(',') !== bLabels.join(',')) {
    error(
      first.path,
      `groups by (${aLabels.join(', ')}) and ${second.name} by (${bLabels.join(', ')}): Sloth divides one by the other label by label, so both must keep the same labels`
    );
    return undefined;
  }
  return keptGrouping(a, first.path, error);
}

/**
 * The labels one query of a precomputed error ratio groups by (Sloth's raw SLI): `sum by (handler)`
 * over `sum by (handler)` gives a ratio per handler, kept as the SLO's grouping. A query whose labels
 * are its sources' is read as one SLI: its series are averaged together.
 */
export function readRatioGrouping(
  query: string,
  path: string,
  error: (path: string, message: string) => void
): string[] | undefined {
  const grouping = outputGrouping(withRateWindow(query));
  if (grouping.kind === 'without') {
    error(
      path,
      `groups without (${grouping.labels.join(', ')}): Burnrate needs the labels an SLI is split by named; write by (...) with them`
    );
    return undefined;
  }
  return keptGrouping(grouping, path, error);
}

function keptGrouping(
  grouping: OutputGrouping,
  path: string,
  error: (path: string, message: string) => void
): string[] | undefined {
  const labels = grouping.kind === 'by' ? grouping.labels : [];
  const reserved = labels.filter((label) => RESERVED_LABELS.has(label));
  if (reserved.length > 0) {
    error(
      path,
      `groups by ${reserved.map((label) => quote(label)).join(', ')}, which Burnrate sets on every rule itself: rename it in the query with label_replace`
    );
    return undefined;
  }
  return labels;
}
