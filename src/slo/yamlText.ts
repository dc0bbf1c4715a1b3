import YAML, { isMap, isScalar, visit } from 'yaml';

/** Never fold long lines (PromQL stays on one line), never write anchors and aliases. */
const OPTIONS = { lineWidth: 0, minContentWidth: 0, aliasDuplicateObjects: false } as const;

/**
 * Characters Go's YAML reader (Prometheus, promtool, mimirtool, the Prometheus operator) refuses raw:
 * control characters but tab and line breaks, DEL, the C1 controls, U+FFFE and U+FFFF; or reads as line
 * breaks: U+0085, U+2028 and U+2029.
 */
const UNSAFE_CHARACTER = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]/;

/**
 * A tab before the first character that is not blank. Written as a block scalar (a string with a line
 * break, say "\n\tx"), Go's reader takes that tab for indentation and refuses the file.
 */
const TAB_BEFORE_TEXT = /^\s*\t/;

export interface YamlStyle {
  /** Keys whose mappings are written on one line, in flow style (`labels: { team: web, slo: api }`). */
  flowKeys?: ReadonlySet<string>;
}

/**
 * Strings Go's YAML reader takes as they are inside a flow mapping. It refuses some that YAML allows plain
 * there (`a?`, `?a`, `:a`), so any string with another character is written double-quoted in one.
 */
export const FLOW_PLAIN_TEXT = /^[A-Za-z0-9_./][A-Za-z0-9_./@+= -]*$/;

/**
 * YAML text of SLOs and rule files that every YAML reader reads back as the same values: a string with
 * a character Go's reader would refuse or take for a line break is written double-quoted, with that
 * character as a `\uXXXX` escape, and so is one that starts with blanks and a tab. Anything else is
 * written as the `yaml` library writes it.
 */
export function toYaml(value: unknown, style: YamlStyle = {}): string {
  const document = new YAML.Document(value, OPTIONS);
  let unsafe = false;
  const { flowKeys } = style;
  visit(document, {
    Pair: (_key, pair) => {
      if (flowKeys && isScalar(pair.key) && flowKeys.has(String(pair.key.value)) && isMap(pair.value)) {
        pair.value.flow = true;
        for (const item of pair.value.items) {
          if (isScalar(item.value) && typeof item.value.value === 'string' && !FLOW_PLAIN_TEXT.test(item.value.value)) {
            item.value.type = 'QUOTE_DOUBLE';
          }
        }
      }
    },
    Scalar: (_key, node) => {
      if (typeof node.value !== 'string') {
        return;
      }
      if (UNSAFE_CHARACTER.test(node.value)) {
        node.type = 'QUOTE_DOUBLE';
        unsafe = true;
      } else if (TAB_BEFORE_TEXT.test(node.value)) {
        node.type = 'QUOTE_DOUBLE';
      }
    },
  });
  const text = document.toString(OPTIONS);
  // Only double-quoted strings hold such characters now, and there an escape means the character.
  return unsafe
    ? text.replace(new RegExp(UNSAFE_CHARACTER, 'g'), (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`)
    : text;
}
