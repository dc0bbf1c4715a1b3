/**
 * What Go's text/template prints for the small part of it that alert rules use: text, actions that are
 * one string constant (`{{ "{{" }}`), `{{ $labels.name }}` and the alert's value printed with
 * `{{ printf "%.1f" $value }}`, `{{ humanizePercentage $value }}` or `{{ humanizeDuration $value }}` (Grafana:
 * `$values.A.Value`). Any other action throws, so a test fails when text of an SLO would run as code.
 */
export function expandTemplate(
  template: string,
  data: { labels?: Record<string, string>; value?: number } = {}
): string {
  let out = '';
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf('{{', i);
    if (open < 0) {
      return out + template.slice(i);
    }
    out += template.slice(i, open);
    const action =
      /^\{\{ ("(?:[^"\\\n]|\\.)*"|`[^`]*`|\$labels\.[a-zA-Z_][a-zA-Z0-9_]*|(?:printf "%\.1f"|humanizePercentage|humanizeDuration) (?:\$value|\$values\.A\.Value)) \}\}/.exec(
        template.slice(open)
      );
    if (!action) {
      throw new Error(`an action that is not a constant: ${JSON.stringify(template.slice(open))}`);
    }
    const [, code] = action;
    if (code.startsWith('$labels.')) {
      out += data.labels?.[code.slice('$labels.'.length)] ?? '<no value>';
    } else if (code.startsWith('printf')) {
      out += data.value?.toFixed(1) ?? '<no value>';
    } else if (code.startsWith('humanizePercentage')) {
      out += data.value === undefined ? '<no value>' : `${Number((data.value * 100).toPrecision(4))}%`;
    } else if (code.startsWith('humanizeDuration')) {
      out += data.value === undefined ? '<no value>' : `${Math.round(data.value)}s`;
    } else {
      out += code.startsWith('`') ? code.slice(1, -1) : (JSON.parse(code) as string);
    }
    i = open + action[0].length;
  }
  return out;
}
