import fc from 'fast-check';
import { toYaml } from '../slo/yamlText';
import type { PlainRule, PlainRuleGroup } from './fingerprint';
import { RULE_FILE_STYLE, groupItemsYaml } from './rulesYaml';

/** Characters that change how YAML writes a string: indicators, quotes, spaces, breaks, digits, controls. */
const TRICKY = [
  '\n(a > 1)\nand\n(b)',
  ' x\ny ',
  ...'ab:#-?\'"\n\t {}[]|>%@`!&*~0159.+-eExo_/\\',
  ' ',
  'é',
  '\u2028',
  '\u0001',
  '\u0085',
  '---',
  '...',
  'true',
  'null',
  '.inf',
  '0x1F',
  '1e5',
];
const text = fc.array(fc.constantFrom(...TRICKY), { maxLength: 12 }).map((parts) => parts.join(''));
const name = fc.oneof(
  fc.constantFrom('job', 'slo', 'true', 'null', '1', 'a-b', 'x y', 'é', '__name__'),
  fc.stringMatching(/^[a-z_]{1,6}$/)
);
const stringMap = fc.option(fc.dictionary(name, text, { maxKeys: 4 }), { nil: undefined });
const rule: fc.Arbitrary<PlainRule> = fc.oneof(
  fc.record({ record: text, expr: text, labels: stringMap }),
  fc.record({
    alert: text,
    expr: text,
    for: fc.option(text, { nil: undefined }),
    labels: stringMap,
    annotations: stringMap,
  })
);
const group: fc.Arbitrary<PlainRuleGroup> = fc.record({
  name: text,
  interval: fc.option(text, { nil: undefined }),
  rules: fc.array(rule, { maxLength: 3 }),
});

describe('groupItemsYaml', () => {
  it('writes the text the yaml library writes, at the top level and nested', () => {
    fc.assert(
      fc.property(fc.array(group, { minLength: 1, maxLength: 3 }), (groups) => {
        expect(`groups:\n${groupItemsYaml(groups, '')}`).toBe(toYaml({ groups }, RULE_FILE_STYLE));
        expect(`spec:\n  groups:\n${groupItemsYaml(groups, '  ')}`).toBe(toYaml({ spec: { groups } }, RULE_FILE_STYLE));
      }),
      { numRuns: 3000 }
    );
  });

  it('writes PromQL plain, a multi-line alert expression as a block, and template text quoted', () => {
    const groups: PlainRuleGroup[] = [
      {
        name: 'burnrate-checkout',
        interval: '30s',
        rules: [
          {
            record: 'slo:events:rate5m',
            expr: 'sum(rate(http_requests_total{job="checkout"}[5m]))',
            labels: { slo: 'checkout' },
          },
          {
            alert: 'SLOErrorBudgetBurn',
            expr: '(a > 14.4)\nand\n(b > 14.4)',
            for: '2m',
            labels: {},
            annotations: { summary: '{{ $labels.slo }} burns: "fast"', runbook_url: 'https://runbooks.example.com/x' },
          },
        ],
      },
    ];
    const written = `groups:\n${groupItemsYaml(groups, '')}`;
    expect(written).toBe(toYaml({ groups }, RULE_FILE_STYLE));
    expect(written).toContain('        expr: |-\n          (a > 14.4)\n          and\n');
    expect(written).toContain(`summary: '{{ $labels.slo }} burns: "fast"'`);
    expect(written).toContain('        labels: { slo: checkout }\n');
    expect(written).toContain('        labels: {}\n');
  });

  it('quotes a label value in the flow mapping wherever Go would not read it plain', () => {
    // Go's YAML reader (Prometheus, promtool) refuses `?` and a leading `:` in a plain value of a flow mapping.
    const labels = { a: '---?q=$value', b: ':a', c: 'a?', d: '-', e: 'Payments Team', f: '1', g: 'x.y/z', h: 'a#b' };
    const written = groupItemsYaml([{ name: 'g', rules: [{ record: 'r', expr: 'vector(1)', labels }] }], '');
    expect(written).toContain(
      '      labels: { a: "---?q=$value", b: ":a", c: "a?", d: "-", e: Payments Team, f: "1", g: x.y/z, h: "a#b" }\n'
    );
  });
});
