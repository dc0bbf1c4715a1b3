/**
 * What the importers of OpenSLO, Sloth and Pyrra share when they read labels and queries written for
 * another tool.
 */
import { findPromqlSyntaxError, type LabelMatcher } from '../promql/parse';
import { SLO_LABELS } from '../promql/slo';

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
