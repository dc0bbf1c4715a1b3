import YAML, { visit } from 'yaml';

/** Never fold long lines (PromQL stays on one line), never write anchors and aliases. */
const OPTIONS = { lineWidth: 0, minContentWidth: 0, aliasDuplicateObjects: false } as const;

/**
 * Characters Go's YAML reader (Prometheus, promtool, mimirtool, the Prometheus operator) refuses raw:
 * control characters but tab and line breaks, DEL, the C1 controls, U+FFFE and U+FFFF; or reads as line
 * breaks: U+0085, U+2028 and U+2029.
 */
const UNSAFE_CHARACTER = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]/;

/**
 * YAML text of SLOs and rule files that every YAML reader reads back as the same values: a string with
 * a character Go's reader would refuse or take for a line break is written double-quoted, with that
 * character as a `\uXXXX` escape. Anything else is written as the `yaml` library writes it.
 */
export function toYaml(value: unknown): string {
  const document = new YAML.Document(value, OPTIONS);
  let unsafe = false;
  visit(document, {
    Scalar: (_key, node) => {
      if (typeof node.value === 'string' && UNSAFE_CHARACTER.test(node.value)) {
        node.type = 'QUOTE_DOUBLE';
        unsafe = true;
      }
    },
  });
  const text = document.toString(OPTIONS);
  // Only double-quoted strings hold such characters now, and there an escape means the character.
  return unsafe
    ? text.replace(new RegExp(UNSAFE_CHARACTER, 'g'), (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`)
    : text;
}
