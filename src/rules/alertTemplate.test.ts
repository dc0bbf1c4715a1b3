import { expandTemplate } from '../testing/goTemplate';
import { rewriteTemplateCode, templateText } from './alertTemplate';

/** Every string of up to `length` characters from `alphabet`. */
function allStrings(alphabet: string[], length: number): string[] {
  let strings = [''];
  const all = [''];
  for (let n = 0; n < length; n++) {
    strings = strings.flatMap((s) => alphabet.map((c) => s + c));
    all.push(...strings);
  }
  return all;
}

describe('templateText', () => {
  it('leaves text without {{ as it is', () => {
    for (const text of ['checkout', 'https://runbooks.example.com/a?q=$value', 'a}}b', '{x}', '"`\\']) {
      expect(templateText(text)).toBe(text);
    }
  });

  it('prints each {{ with an action holding it as a string constant', () => {
    expect(templateText('checkout{{ 40 + 2 }}')).toBe('checkout{{ "{{" }} 40 + 2 }}');
    expect(templateText('{{ query "up" }}')).toBe('{{ "{{" }} query "up" }}');
    expect(templateText('{{{')).toBe('{{ "{{" }}{{ "{" }}');
  });

  it('ends in no brace that the template after it could turn into {{', () => {
    expect(templateText('a{')).toBe('a{{ "{" }}');
    expect(templateText('a{') + '{{ $labels.slo }}').not.toMatch(/\{\{\{/);
  });

  it('is printed as the text itself, for every text of braces, quotes, backquotes and backslashes', () => {
    const texts = allStrings(['{', '}', '"', '`', '\\', ' ', 'a'], 5);
    expect(texts).toHaveLength(19608);
    // Followed by an action of ours, that action still runs.
    const misprinted = texts.filter(
      (text) =>
        expandTemplate(templateText(text)) !== text ||
        expandTemplate(templateText(text) + '{{ $labels.slo }}', { labels: { slo: 'S' } }) !== `${text}S`
    );
    expect(misprinted).toEqual([]);
  });
});

describe('rewriteTemplateCode', () => {
  const grafana = (template: string) => rewriteTemplateCode(template, (code) => code.replace(/\$value\b/g, 'V'));

  it('rewrites the code of actions', () => {
    expect(grafana('burning {{ printf "%.1f" $value }}x, {{ $value }}, {{- $value -}}')).toBe(
      'burning {{ printf "%.1f" V }}x, {{ V }}, {{- V -}}'
    );
  });

  it('keeps the text between actions, string constants, raw strings, character constants and comments', () => {
    const kept = [
      'https://example.com/?q=$value',
      '{{ "$value" }}',
      '{{ "a\\"$value" }}',
      '{{ `$value }}` }}',
      "{{ '$' }}$value",
      '{{/* $value */}}$value',
      '{{- /* $value */ -}}',
      templateText('{{ $value }}?q=$value'),
    ];
    for (const template of kept) {
      expect(grafana(template)).toBe(template);
    }
  });

  it('keeps what it cannot close', () => {
    expect(grafana('{{ "$value')).toBe('{{ "$value');
    expect(grafana('a {{ $value')).toBe('a {{ V');
  });
});
