import YAML from 'yaml';
import type { Journey } from '../slo/catalogue';
import { journeyInhibitRules, renderInhibitRules } from './inhibitRules';

const LOGIN: Journey = {
  name: 'User login',
  sloUid: 'login-e2e',
  steps: [
    { title: 'Load page', sloUid: 'web.login-page' },
    { title: 'Submit credentials', sloUid: 'auth-api' },
    { title: 'Whole journey', sloUid: 'login-e2e' },
    { title: 'Load dashboard', sloUid: 'auth-api' },
  ],
};
const CHECKOUT: Journey = { name: 'Checkout', steps: [{ title: 'Pay', sloUid: 'payments' }] };

describe('journeyInhibitRules', () => {
  it("holds back the steps' pages over the same window while the journey's own SLO pages", () => {
    expect(renderInhibitRules(journeyInhibitRules([LOGIN, CHECKOUT]))).toBe(
      [
        'inhibit_rules:',
        '  - source_matchers:',
        '      - alertname="SLOErrorBudgetBurn"',
        '      - severity="page"',
        '      - slo_uid="login-e2e"',
        '    target_matchers:',
        '      - alertname="SLOErrorBudgetBurn"',
        '      - severity="page"',
        '      - slo_uid=~"web\\\\.login-page|auth-api"',
        '    equal:',
        '      - long_window',
        '',
      ].join('\n')
    );
  });

  it('matches a single step exactly, and makes no rule without a step other than the journey', () => {
    const oneStep: Journey = { ...CHECKOUT, sloUid: 'checkout-e2e' };
    expect(journeyInhibitRules([oneStep])[0].target_matchers[2]).toBe('slo_uid="payments"');
    expect(journeyInhibitRules([{ ...CHECKOUT, sloUid: 'payments' }])).toEqual([]);
    expect(journeyInhibitRules([CHECKOUT])).toEqual([]);
    expect(renderInhibitRules([])).toBe('inhibit_rules: []\n');
  });
});

/**
 * Alertmanager's configuration (docs: configuration, `<inhibit_rule>`): `source_matchers` and
 * `target_matchers` are lists of matchers `name op "value"` (op `=`, `!=`, `=~`, `!~`; the value a
 * double-quoted string with `\\`, `\"` and `\n` escapes; regular expressions anchored at both ends), and
 * `equal` a list of label names.
 */
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const MATCHER = /^([a-zA-Z_][a-zA-Z0-9_]*)(=~|!~|!=|=)"((?:[^"\\]|\\.)*)"$/;

function parseMatcher(text: string): { name: string; op: string; value: string } {
  const match = MATCHER.exec(text);
  if (!match) {
    throw new Error(`not a matcher: ${text}`);
  }
  const value = match[3].replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
  return { name: match[1], op: match[2], value };
}

function matches(matchers: string[], labels: Record<string, string>): boolean {
  return matchers.map(parseMatcher).every(({ name, op, value }) => {
    const actual = labels[name] ?? '';
    return op === '=' ? actual === value : op === '=~' ? new RegExp(`^(?:${value})$`).test(actual) : false;
  });
}

describe('the inhibit rules, read as Alertmanager reads them', () => {
  const unusual: Journey = {
    name: 'Odd uids',
    sloUid: 'e2e"\\',
    steps: [
      { title: 'a', sloUid: 'a.b' },
      { title: 'b', sloUid: 'c+d(e)|f' },
    ],
  };
  const config = YAML.parse(renderInhibitRules(journeyInhibitRules([LOGIN, unusual]))) as Record<string, unknown>;
  const rules = config.inhibit_rules as Array<Record<string, string[]>>;

  it('have the fields of <inhibit_rule> and nothing else', () => {
    expect(Object.keys(config)).toEqual(['inhibit_rules']);
    for (const rule of rules) {
      expect(Object.keys(rule).sort()).toEqual(['equal', 'source_matchers', 'target_matchers']);
      [...rule.source_matchers, ...rule.target_matchers].forEach(parseMatcher);
      expect(rule.equal.every((name) => LABEL_NAME.test(name))).toBe(true);
    }
  });

  it("match the journey's pages as sources and exactly its steps' pages as targets", () => {
    const page = (uid: string) => ({
      alertname: 'SLOErrorBudgetBurn',
      severity: 'page',
      slo_uid: uid,
      long_window: '1h',
    });
    const [login, odd] = rules;
    expect(matches(login.source_matchers, page('login-e2e'))).toBe(true);
    expect(matches(login.source_matchers, { ...page('login-e2e'), severity: 'ticket' })).toBe(false);
    expect(
      ['web.login-page', 'auth-api', 'webxlogin-page', 'login-e2e', 'auth'].map((uid) =>
        matches(login.target_matchers, page(uid))
      )
    ).toEqual([true, true, false, false, false]);
    expect(matches(login.target_matchers, { ...page('auth-api'), alertname: 'SLOErrorBudgetLow' })).toBe(false);
    expect(matches(odd.source_matchers, page('e2e"\\'))).toBe(true);
    expect(['a.b', 'c+d(e)|f', 'axb', 'f', 'cd(e)'].map((uid) => matches(odd.target_matchers, page(uid)))).toEqual([
      true,
      true,
      false,
      false,
      false,
    ]);
  });
});
