/**
 * Completion of a series selector as the user types it: a metric name, a label name inside the braces,
 * or a label value inside quotes. Pure: the editor asks the datasource for the candidates.
 */

export type CompletionContext =
  | { kind: 'metric'; prefix: string }
  | { kind: 'labelName'; metric: string; match: string; prefix: string; head: string }
  | { kind: 'labelValue'; metric: string; label: string; match: string; prefix: string; head: string };

const METRIC = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const OPEN_SELECTOR = /^([a-zA-Z_:][a-zA-Z0-9_:]*)\{([^}]*)$/;
const LABEL_PREFIX = /^\s*([a-zA-Z_][a-zA-Z0-9_]*)?$/;
const VALUE_PREFIX = /^\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)\s*"((?:[^"\\]|\\.)*)$/;

/** Where the text's last comma outside quotes is, or -1. */
function lastTopLevelComma(inner: string): number {
  let inQuotes = false;
  let last = -1;
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i];
    if (c === '\\' && inQuotes) {
      i++;
    } else if (c === '"') {
      inQuotes = !inQuotes;
    } else if (c === ',' && !inQuotes) {
      last = i;
    }
  }
  return last;
}

/** What the end of `text` is: undefined when nothing can be completed there. */
export function completionContext(text: string): CompletionContext | undefined {
  if (text === '' || METRIC.test(text)) {
    return { kind: 'metric', prefix: text };
  }
  const open = OPEN_SELECTOR.exec(text);
  if (!open) {
    return undefined;
  }
  const [, metric, inner] = open;
  const comma = lastTopLevelComma(inner);
  const done = comma < 0 ? '' : inner.slice(0, comma).trim();
  const last = inner.slice(comma + 1);
  const match = done === '' ? metric : `${metric}{${done}}`;
  const value = VALUE_PREFIX.exec(last);
  if (value) {
    return {
      kind: 'labelValue',
      metric,
      label: value[1],
      match,
      prefix: value[3],
      head: text.slice(0, text.length - value[3].length),
    };
  }
  const label = LABEL_PREFIX.exec(last);
  if (label) {
    const prefix = label[1] ?? '';
    return { kind: 'labelName', metric, match, prefix, head: text.slice(0, text.length - prefix.length) };
  }
  return undefined;
}

/** The text with a candidate applied at its end: a metric name, `label="` or `value"`. */
export function applyCompletion(context: CompletionContext, candidate: string): string {
  switch (context.kind) {
    case 'metric':
      return candidate;
    case 'labelName':
      return `${context.head}${candidate}="`;
    case 'labelValue':
      return `${context.head}${candidate.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  }
}

/** Candidates starting with the prefix (then containing it), at most `limit`. */
export function rankCandidates(candidates: string[], prefix: string, limit = 8): string[] {
  const lower = prefix.toLowerCase();
  const starts = candidates.filter((c) => c.toLowerCase().startsWith(lower));
  const contains = candidates.filter((c) => !c.toLowerCase().startsWith(lower) && c.toLowerCase().includes(lower));
  return [...starts, ...contains].slice(0, limit);
}
