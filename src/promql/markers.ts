import { findPromqlSyntaxError } from './parse';
import { WINDOW_PLACEHOLDER } from './sli';

/** A syntax error of an expression as an editor marks it: 1-based lines and columns, end exclusive. */
export interface PromqlMarker {
  message: string;
  startLineNumber: number;
  startColumn: number;
  endLineNumber: number;
  endColumn: number;
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lines = before.split('\n');
  return { line: lines.length, column: lines[lines.length - 1].length + 1 };
}

/**
 * The syntax error of an advanced SLI expression, where an editor should underline it (at least one
 * character, so that an error at the end shows). `{{.window}}` is read as the rate window it stands for,
 * keeping the positions of the text the user wrote.
 */
export function promqlMarkers(expr: string): PromqlMarker[] {
  if (expr.trim() === '') {
    return [];
  }
  // Same length as the placeholder so that offsets still point into the user's text.
  const substituted = expr.replace(WINDOW_PLACEHOLDER, (placeholder) => `5m${' '.repeat(placeholder.length - 2)}`);
  const error = findPromqlSyntaxError(substituted);
  if (!error) {
    return [];
  }
  // An error at the end (the expression stops too early) marks the last character.
  const from = Math.max(0, Math.min(error.from, expr.length - 1));
  const to = Math.min(expr.length, Math.max(error.to, from + 1));
  const start = lineAndColumn(expr, from);
  const end = lineAndColumn(expr, to);
  return [
    {
      message: error.message,
      startLineNumber: start.line,
      startColumn: start.column,
      endLineNumber: end.line,
      endColumn: end.column,
    },
  ];
}
