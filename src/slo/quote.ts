/**
 * User text inside messages: names, keys, values and expressions, echoed by validation, the importers and
 * the CLI. One line per problem must stay one line, and one bad value must not fill a screen: control
 * characters are escaped and the text is cut.
 */

/** Characters of user text a message echoes before cutting it with "…". */
export const QUOTE_LIMIT = 80;

/**
 * What JSON.stringify leaves as it is but a terminal or a log line should not get raw: DEL and the C1
 * controls (some terminals take U+009B as an escape), the Unicode line and paragraph separators, and the
 * bidirectional overrides that can make text read in another order than it runs.
 */
const ESCAPED_BEYOND_JSON = /[\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/** Text that cannot be printed bare: the characters above, and the ASCII controls JSON escapes. */
const UNUSUAL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/** At most `limit` characters of `text` (a surrogate pair is not split), with "…" when it was longer. */
export function truncate(text: string, limit = QUOTE_LIMIT): string {
  if (text.length <= limit) {
    return text;
  }
  const cut = /[\ud800-\udbff]/.test(text[limit - 1]) ? limit - 1 : limit;
  return `${text.slice(0, cut)}…`;
}

/**
 * `text` in double quotes, escaped as JSON escapes it (a newline is \n, NUL \u0000) and further (see
 * ESCAPED_BEYOND_JSON), cut at `limit` characters: `"checkout"`, `"a\nb"`, `"xxxx…"`.
 */
export function quote(text: string, limit = QUOTE_LIMIT): string {
  return JSON.stringify(truncate(text, limit)).replace(ESCAPED_BEYOND_JSON, unicodeEscape);
}

/** A value read from a document: a string quoted, anything else as its JSON text (`42`, `null`), cut likewise. */
export function quoteValue(value: unknown, limit = QUOTE_LIMIT): string {
  if (typeof value === 'string') {
    return quote(value, limit);
  }
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch {
    // A cycle (YAML aliases can make one) or a bigint.
    json = undefined;
  }
  return truncate(json ?? String(value), limit).replace(ESCAPED_BEYOND_JSON, unicodeEscape);
}

/** `text` as it is when it prints as one short line (at most `limit` characters), else quote(text, limit). */
export function quoteIfUnusual(text: string, limit = QUOTE_LIMIT): string {
  return text !== '' && text.length <= limit && !UNUSUAL.test(text) ? text : quote(text, limit);
}

/** A line of output with any control character escaped, and cut at `limit` characters: the last guard. */
export function printableLine(line: string, limit: number): string {
  const escaped = UNUSUAL.test(line)
    ? line.replace(new RegExp(UNUSUAL.source, 'g'), (c) =>
        JSON.stringify(c).slice(1, -1).replace(ESCAPED_BEYOND_JSON, unicodeEscape)
      )
    : line;
  return escaped.length <= limit ? escaped : `${truncate(escaped, limit)} (${escaped.length - limit} more characters)`;
}

function unicodeEscape(character: string): string {
  return `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;
}
