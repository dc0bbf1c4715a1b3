/**
 * Alert labels and annotations are Go templates (text/template) wherever they run: Prometheus, Mimir,
 * Cortex and Grafana expand them for every alert, and `{{` starts an action that can print, compute or
 * query (`{{ query "up" }}`). Text of the SLO (its service, labels, links) must reach them as literal
 * text. Recording rules' labels are not templated and keep the text as it is.
 */

/** The action that prints `{{`: in Go templates a quoted string inside an action prints itself. */
const OPEN_BRACES = '{{ "{{" }}';
/** The action that prints `{`, for a brace the next text could turn into `{{`. */
const OPEN_BRACE = '{{ "{" }}';

/**
 * Text that a Go template prints exactly as it is, and that stays so when our own template text follows
 * it. Only `{{` starts an action (`}}` outside one is plain text), so each `{{` becomes an action that
 * prints it, and a final `{` one that prints that brace. Text without `{{` and not ending in `{` is
 * returned as it is.
 */
export function templateText(text: string): string {
  const escaped = text.replace(/\{\{/g, OPEN_BRACES);
  return escaped.endsWith('{') ? escaped.slice(0, -1) + OPEN_BRACE : escaped;
}

/**
 * The template with `rewrite` applied to the code of its actions only: never to the text between
 * actions, nor to the quoted strings, raw strings and character constants inside them, nor to comments.
 * Follows the lexer of Go's text/template with the default delimiters; what it cannot close is left as
 * it is.
 */
export function rewriteTemplateCode(template: string, rewrite: (code: string) => string): string {
  let out = '';
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf('{{', i);
    if (open < 0) {
      return out + template.slice(i);
    }
    out += template.slice(i, open + 2);
    i = open + 2;
    const comment = /^(- )?\/\*/.exec(template.slice(i, i + 4));
    if (comment) {
      const close = template.indexOf('*/', i + comment[0].length);
      const end = close < 0 ? template.length : close + 2;
      out += template.slice(i, end);
      i = end;
      continue;
    }
    let code = '';
    while (i < template.length && !template.startsWith('}}', i)) {
      const quote = template[i];
      if (quote === '"' || quote === "'" || quote === '`') {
        const end = literalEnd(template, i);
        out += rewrite(code) + template.slice(i, end);
        code = '';
        i = end;
      } else {
        code += quote;
        i++;
      }
    }
    out += rewrite(code);
  }
  return out;
}

/** The index after the string, raw string or character constant that starts at `start`. */
function literalEnd(template: string, start: number): number {
  const quote = template[start];
  let i = start + 1;
  while (i < template.length && template[i] !== quote) {
    // A backslash escapes the next character, except in raw strings.
    i += quote !== '`' && template[i] === '\\' ? 2 : 1;
  }
  return Math.min(i + 1, template.length);
}
