import { FLOW_PLAIN_TEXT, toYaml, type YamlStyle } from '../slo/yamlText';
import type { PlainRuleGroup } from './fingerprint';

/**
 * The YAML of rule groups, written directly: the same text as toYaml (the `yaml` library) gives, at a
 * fraction of its cost, which is most of the time of `burnrate rules` on thousands of SLOs. Only what is
 * certainly written the same way takes the direct path: a string the library might quote, fold or write as
 * a block (or a value that is not a string) is handed to the library itself, that scalar alone or, for an
 * unusual key, the whole group. rulesYaml.test.ts holds the two to the same text over generated groups.
 */

/** The library's reasons to leave a string unquoted (stringifyString.js, plainString), and its controls. */
const NOT_PLAIN = /^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$|\n|\r/;
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff\ud800-\udfff]/;
const DOCUMENT_MARKER = /^(%|---|\.\.\.)/m;
/** Strings the YAML 1.2 core schema reads as null, booleans or numbers: the library quotes them. */
const OTHER_TYPE =
  /^(?:~|[Nn]ull|NULL|[Tt]rue|TRUE|[Ff]alse|FALSE|[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?)?$/;
/**
 * How rule files are written: each rule's labels on one line (`labels: { slo: api, severity: page }`).
 * They repeat on every rule, and a line per label made them a fifth of an SLO's rule file.
 */
export const RULE_FILE_STYLE: YamlStyle = { flowKeys: new Set(['labels']) };

/** Keys written plain: label and annotation names as Prometheus allows them, and ours. */
const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

function isPlain(text: string): boolean {
  return !NOT_PLAIN.test(text) && !CONTROL.test(text) && !DOCUMENT_MARKER.test(text) && !OTHER_TYPE.test(text);
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/**
 * The library's quoted form of a one-line string of printable ASCII (quotedString: single quotes when it
 * holds double quotes and no single ones, double quotes otherwise, backslashes escaped there), or
 * undefined when another form might apply.
 */
function quoted(text: string): string | undefined {
  if (!PRINTABLE_ASCII.test(text) || DOCUMENT_MARKER.test(text)) {
    return undefined;
  }
  const hasDouble = text.includes('"');
  const hasSingle = text.includes("'");
  if (hasDouble && !hasSingle) {
    return `'${text}'`;
  }
  return hasDouble || text.includes('\\') ? undefined : `"${text}"`;
}

/** A multi-line string the library writes as a `|-` block with each line indented: undefined otherwise. */
function literalBlock(indent: string, text: string): string | undefined {
  const lines = text.split('\n');
  const simple =
    lines.length > 1 &&
    lines.every((line) => line !== '' && PRINTABLE_ASCII.test(line) && !/^[ ]|[ ]$/.test(line)) &&
    !DOCUMENT_MARKER.test(text);
  return simple ? `|-\n${lines.map((line) => `${indent}  ${line}`).join('\n')}\n` : undefined;
}

/** `key: value` at `indent`, the value as the library writes it under that key. */
function scalarLine(indent: string, key: string, value: string): string {
  if (isPlain(value)) {
    return `${indent}${key}: ${value}\n`;
  }
  const block = value.includes('\n') ? literalBlock(indent, value) : undefined;
  if (block !== undefined) {
    return `${indent}${key}: ${block}`;
  }
  const inQuotes = value.includes('\n') ? undefined : quoted(value);
  if (inQuotes !== undefined) {
    return `${indent}${key}: ${inQuotes}\n`;
  }
  return libraryText(indent, key, value);
}

/** The library's text for the value alone under a top-level key, moved to this key's indentation. */
function libraryText(indent: string, key: string, value: unknown): string {
  return toYaml({ [key]: value }, RULE_FILE_STYLE).replace(/^(?=.)/gm, indent);
}

/** `key:` at `indent` and a line per entry below it, a string map in block style as the library writes it. */
function blockMapLines(indent: string, key: string, map: Record<string, string>): string {
  const entries = Object.entries(map);
  return entries.length === 0
    ? `${indent}${key}: {}\n`
    : `${indent}${key}:\n${entries.map(([k, v]) => scalarLine(`${indent}  `, k, v)).join('')}`;
}

/** `key: { k: v, ... }` at `indent`, a string map in flow style as the library writes it. */
function flowMapLine(indent: string, key: string, map: Record<string, string>): string {
  const entries = Object.entries(map);
  if (entries.length === 0) {
    return `${indent}${key}: {}\n`;
  }
  let text = '';
  for (const [k, v] of entries) {
    const value = flowValue(v);
    if (value === undefined) {
      return libraryText(indent, key, map);
    }
    text += `${text === '' ? '' : ', '}${k}: ${value}`;
  }
  return `${indent}${key}: { ${text} }\n`;
}

/**
 * A value in a flow mapping as the library writes it there: plain, or in double quotes (its choice for a
 * number or a boolean, and toYaml's for text Go would not read plain), or undefined for anything else.
 */
function flowValue(text: string): string | undefined {
  if (FLOW_PLAIN_TEXT.test(text)) {
    return isPlain(text) ? text : quoted(text);
  }
  return PRINTABLE_ASCII.test(text) && !/["\\]/.test(text) ? `"${text}"` : undefined;
}

function isStringMap(value: unknown): value is Record<string, string> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.entries(value).every(([k, v]) => PLAIN_KEY.test(k) && !OTHER_TYPE.test(k) && typeof v === 'string')
  );
}

/** The mapping's lines at `indent`, or undefined when something in it takes the library's path whole. */
function mappingLines(indent: string, map: object): string | undefined {
  let text = '';
  for (const [key, value] of Object.entries(map)) {
    if (value === undefined) {
      continue;
    }
    if (!PLAIN_KEY.test(key) || OTHER_TYPE.test(key)) {
      return undefined;
    }
    if (typeof value === 'string') {
      text += scalarLine(indent, key, value);
    } else if (isStringMap(value)) {
      text += RULE_FILE_STYLE.flowKeys?.has(key) ? flowMapLine(indent, key, value) : blockMapLines(indent, key, value);
    } else if (Array.isArray(value) && value.every((item) => typeof item === 'object' && item !== null)) {
      if (value.length === 0) {
        text += `${indent}${key}: []\n`;
        continue;
      }
      text += `${indent}${key}:\n`;
      for (const item of value as object[]) {
        const written = sequenceItem(indent, item);
        if (written === undefined) {
          return undefined;
        }
        text += written;
      }
    } else {
      return undefined;
    }
  }
  return text;
}

/** A mapping as an item (`  - key: ...`) of a sequence whose key is at `indent`, or undefined as mappingLines. */
function sequenceItem(indent: string, item: object): string | undefined {
  const lines = mappingLines(`${indent}    `, item);
  return lines === undefined || lines === '' ? undefined : `${indent}  - ${lines.slice(indent.length + 4)}`;
}

/**
 * The groups as the items of a YAML sequence whose key is at `indent` (`  - name: ...` lines), exactly as
 * toYaml writes them there.
 */
export function groupItemsYaml(groups: PlainRuleGroup[], indent: string): string {
  let text = '';
  for (const group of groups) {
    text +=
      sequenceItem(indent, group) ??
      toYaml({ groups: [group] }, RULE_FILE_STYLE)
        .slice('groups:\n'.length)
        .replace(/^(?=.)/gm, indent);
  }
  return text;
}
