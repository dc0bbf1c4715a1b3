import YAML from 'yaml';
import { toYaml } from './yamlText';

describe('toYaml', () => {
  it('writes ordinary values as the yaml library does', () => {
    const value = { a: 'plain', b: 'a: b', c: 'line\nbreak', d: 'x #y', e: 0.5, f: ['é', '😀', 'tab\there'] };
    expect(toYaml(value)).toBe(
      YAML.stringify(value, { lineWidth: 0, minContentWidth: 0, aliasDuplicateObjects: false })
    );
  });

  it('escapes what Go reads as line breaks or refuses, and reads back the same', () => {
    const value = {
      separators: 'line\u2028paragraph\u2029next\u0085',
      controls: 'del\u007f c1\u009b nul\u0000 \ufffe',
      list: ['ok', '\u2028'],
    };
    const text = toYaml(value);
    expect(text).toBe(
      [
        'separators: "line\\u2028paragraph\\u2029next\\u0085"',
        'controls: "del\\u007f c1\\u009b nul\\0 \\ufffe"',
        'list:',
        '  - ok',
        '  - "\\u2028"',
        '',
      ].join('\n')
    );
    expect(text).not.toMatch(/[\u2028\u2029\u0085\u007f\u009b\ufffe]/);
    expect(YAML.parse(text)).toEqual(value);
  });

  it('quotes text that starts with blanks and a tab, which Go would read as a block indented by a tab', () => {
    const value = { a: '\n\t: x', b: ' \t\ny', c: '\ta', d: 'x\n\ty' };
    const text = toYaml(value);
    expect(text).toBe(['a: "\\n\\t: x"', 'b: " \\t\\ny"', 'c: "\\ta"', 'd: |-', '  x', '  \ty', ''].join('\n'));
    expect(YAML.parse(text)).toEqual(value);
  });
});
