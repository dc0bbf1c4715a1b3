/**
 * What Go's text/template prints for the small part of it that alert rules use: text, actions that are
 * one string constant (`{{ "{{" }}`), `{{ $labels.name }}` and the alert's value printed with
 * `{{ printf "%.1f" $value }}`, `{{ humanizePercentage $value }}` or `{{ humanizeDuration $value }}` (Grafana:
 * `$values.A.Value`), and the counts of the burn-rate alerts: `{{ with query "…" }}` or
 * `{{ with printf "…%q…" $labels.name | query }}` (the block runs when `query` answers a number),
 * `{{ $name := . | first | value }}`, `{{ humanize $name }}`, `{{ . | first | value | humanize }}`,
 * `{{ humanize $values.C.Value }}` and `{{ end }}`. Any other action throws, so a test fails when text of an
 * SLO would run as code.
 */
export interface TemplateData {
  labels?: Record<string, string>;
  value?: number;
  /** The answer of Prometheus to an instant query (its first sample's value), or undefined for none. */
  query?: (promql: string) => number | undefined;
  /** Grafana's `$values.<refId>.Value`. */
  values?: Record<string, number>;
}

const GO_STRING = String.raw`"(?:[^"\\\n]|\\.)*"`;
const LABEL = String.raw`\$labels\.[a-zA-Z_][a-zA-Z0-9_]*`;
const SIMPLE_ACTION = new RegExp(
  String.raw`^\{\{ (${GO_STRING}|\x60[^\x60]*\x60|${LABEL}|(?:printf "%\.1f"|humanizePercentage|humanizeDuration) (?:\$value|\$values\.A\.Value)) \}\}`
);
const WITH_QUERY = new RegExp(
  String.raw`^\{\{ with (?:query (${GO_STRING})|printf (${GO_STRING})((?: ${LABEL})*) \| query) \}\}`
);
const ASSIGN_FIRST_VALUE = /^\{\{ (\$[a-zA-Z]+) := \. \| first \| value \}\}/;
const HUMANIZE = /^\{\{ (?:humanize (\$[a-zA-Z]+|\$values\.[A-Z]+\.Value)|\. \| first \| value \| humanize) \}\}/;
const END = /^\{\{ end \}\}/;

export function expandTemplate(template: string, data: TemplateData = {}): string {
  let out = '';
  let i = 0;
  const variables = new Map<string, number>();
  /** The value of each open `with` block, undefined while a block is skipped. */
  const blocks: Array<number | undefined> = [];
  const skipping = () => blocks.includes(undefined);
  while (i < template.length) {
    const open = template.indexOf('{{', i);
    if (open < 0) {
      return skipping() ? out : out + template.slice(i);
    }
    if (!skipping()) {
      out += template.slice(i, open);
    }
    const rest = template.slice(open);
    let match: RegExpExecArray | null;
    if ((match = WITH_QUERY.exec(rest))) {
      const [, plain, format, args] = match;
      const promql =
        plain !== undefined
          ? (JSON.parse(plain) as string)
          : printfQuoted(
              JSON.parse(format) as string,
              args
                .trim()
                .split(' ')
                .filter(Boolean)
                .map((label) => data.labels?.[label.slice('$labels.'.length)] ?? '')
            );
      blocks.push(skipping() ? undefined : data.query?.(promql));
    } else if ((match = END.exec(rest))) {
      if (blocks.length === 0) {
        throw new Error('an end without a block');
      }
      blocks.pop();
    } else if ((match = ASSIGN_FIRST_VALUE.exec(rest))) {
      if (!skipping()) {
        variables.set(match[1], blocks[blocks.length - 1]!);
      }
    } else if ((match = HUMANIZE.exec(rest))) {
      if (!skipping()) {
        const name = match[1];
        const value =
          name === undefined
            ? blocks[blocks.length - 1]
            : name.startsWith('$values.')
              ? data.values?.[name.split('.')[1]]
              : variables.get(name);
        out += value === undefined ? '<no value>' : humanize(value);
      }
    } else if ((match = SIMPLE_ACTION.exec(rest))) {
      if (!skipping()) {
        out += simpleAction(match[1], data);
      }
    } else {
      throw new Error(`an action that is not a constant: ${JSON.stringify(rest)}`);
    }
    i = open + match[0].length;
  }
  if (blocks.length > 0) {
    throw new Error('a block without an end');
  }
  return out;
}

function simpleAction(code: string, data: TemplateData): string {
  if (code.startsWith('$labels.')) {
    return data.labels?.[code.slice('$labels.'.length)] ?? '<no value>';
  } else if (code.startsWith('printf')) {
    return data.value?.toFixed(1) ?? '<no value>';
  } else if (code.startsWith('humanizePercentage')) {
    return data.value === undefined ? '<no value>' : `${Number((data.value * 100).toPrecision(4))}%`;
  } else if (code.startsWith('humanizeDuration')) {
    return data.value === undefined ? '<no value>' : `${Math.round(data.value)}s`;
  }
  return code.startsWith('`') ? code.slice(1, -1) : (JSON.parse(code) as string);
}

/** Go's printf with only `%q` and `%%`: `%q` quotes as Go does, which JSON matches for printable text. */
function printfQuoted(format: string, args: string[]): string {
  let next = 0;
  return format.replace(/%[q%]/g, (verb) => (verb === '%%' ? '%' : JSON.stringify(args[next++] ?? '')));
}

/** Prometheus's humanize: four significant digits and an SI prefix ("1.204k", "570", "500m"). */
export function humanize(value: number): string {
  if (value === 0 || !Number.isFinite(value)) {
    return String(value);
  }
  const big = ['', 'k', 'M', 'G', 'T', 'P', 'E', 'Z', 'Y'];
  const small = ['', 'm', 'u', 'n', 'p', 'f', 'a', 'z', 'y'];
  let v = value;
  let prefix = 0;
  if (Math.abs(v) >= 1) {
    while (Math.abs(v) >= 1000 && prefix < big.length - 1) {
      v /= 1000;
      prefix++;
    }
    return `${Number(v.toPrecision(4))}${big[prefix]}`;
  }
  while (Math.abs(v) < 1 && prefix < small.length - 1) {
    v *= 1000;
    prefix++;
  }
  return `${Number(v.toPrecision(4))}${small[prefix]}`;
}
