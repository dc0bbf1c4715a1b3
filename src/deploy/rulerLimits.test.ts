import type { PlainRuleGroup } from '../rules/fingerprint';
import type { GroupChange } from './rulerPlan';
import { checkGroups, checkRulerLimits, parseLimitRefusal, tenantCounts } from './rulerLimits';

const MIMIR = { rulesPerGroup: 20, ruleGroups: 70 };

function group(name: string, rules: number): PlainRuleGroup {
  return { name, rules: Array.from({ length: rules }, (_, i) => ({ record: `r${i}`, expr: 'up' })) };
}
const create = (name: string, rules = 5): GroupChange => ({
  group: name,
  action: 'create',
  desired: group(name, rules),
});
const update = (name: string, rules = 5): GroupChange => ({
  group: name,
  action: 'update',
  desired: group(name, rules),
});
const unchanged = (name: string): GroupChange => ({ group: name, action: 'unchanged', desired: group(name, 5) });
const remove = (name: string): GroupChange => ({ group: name, action: 'delete', deployed: group(name, 5) });

describe('checkGroups', () => {
  it('passes groups within the limit and names each one over it with the numbers', () => {
    expect(checkGroups([group('burnrate-search', 20), group('burnrate-checkout', 24)], MIMIR)).toEqual([
      { group: 'burnrate-search', rules: 20, fits: true },
      {
        group: 'burnrate-checkout',
        rules: 24,
        fits: false,
        message: 'group burnrate-checkout has 24 rules, the ruler allows 20 per group',
      },
    ]);
  });

  it('says why a group over the limit was not split', () => {
    const [verdict] = checkGroups(
      [group('burnrate-checkout-rollup', 24)],
      MIMIR,
      new Map([['burnrate-checkout-rollup', 'it records tiles']])
    );
    expect(verdict.message).toBe(
      'group burnrate-checkout-rollup has 24 rules, the ruler allows 20 per group; it is not split because it records tiles'
    );
  });

  it('has no limit at 0', () => {
    expect(checkGroups([group('g', 500)], { rulesPerGroup: 0, ruleGroups: 0 })[0].fits).toBe(true);
  });
});

describe('tenantCounts', () => {
  it('counts every namespace, the plan after it, and the most the ruler counts while writing', () => {
    const changes = [update('a'), create('b'), create('c'), unchanged('d'), remove('e')];
    expect(
      tenantCounts({ changes, groupsByNamespace: { burnrate: 3, other: 60 }, namespace: 'burnrate', limits: MIMIR })
    ).toEqual({
      now: 63,
      namespaceAfter: 4,
      after: 64,
      // the last write, c, comes when a and b are there: 64 groups, plus c itself
      peak: 65,
    });
  });
});

describe('checkRulerLimits', () => {
  it('fits when every group and the tenant stay within the limits', () => {
    const report = checkRulerLimits({
      changes: [create('a'), create('b')],
      groupsByNamespace: { burnrate: 0, other: 68 },
      namespace: 'burnrate',
      limits: MIMIR,
    });
    expect(report).toMatchObject({ fits: true, problems: [], tenant: { now: 68, after: 70, peak: 70 } });
  });

  it('refuses a deploy that leaves the tenant with more groups than allowed', () => {
    const report = checkRulerLimits({
      changes: [create('a'), create('b'), create('c')],
      groupsByNamespace: { other: 69 },
      namespace: 'burnrate',
      limits: MIMIR,
    });
    expect(report.fits).toBe(false);
    expect(report.problems).toEqual([
      'the tenant would hold 72 rule groups after this deploy (69 now, 3 new), the ruler allows 70',
    ]);
  });

  it('refuses a deploy that fits once left-over groups are removed but not while it writes', () => {
    const report = checkRulerLimits({
      changes: [update('a'), remove('old')],
      groupsByNamespace: { burnrate: 2, other: 68 },
      namespace: 'burnrate',
      limits: MIMIR,
    });
    expect(report.problems).toEqual([
      'the tenant holds 70 rule groups and the ruler would count 71 while this deploy writes (it counts the group it writes as one more, and left-over groups are removed last), the ruler allows 70',
    ]);
  });

  it('checks only the groups it writes, and has no group limit at 0', () => {
    const report = checkRulerLimits({
      changes: [unchanged('big'), update('huge', 21)],
      groupsByNamespace: { burnrate: 500 },
      namespace: 'burnrate',
      limits: { rulesPerGroup: 20, ruleGroups: 0 },
    });
    expect(report.problems).toEqual(['group huge has 21 rules, the ruler allows 20 per group']);
  });
});

describe('parseLimitRefusal', () => {
  it("reads Mimir's, Cortex's and Loki's messages, wherever they are in the answer", () => {
    expect(parseLimitRefusal('per-user rules per rule group limit (limit: 20 actual: 26) exceeded\n')).toEqual({
      limit: 'rulesPerGroup',
      allowed: 20,
      actual: 26,
    });
    expect(
      parseLimitRefusal('failed to update rule group: per-user rule groups limit (limit: 70 actual: 71) exceeded')
    ).toEqual({
      limit: 'ruleGroups',
      allowed: 70,
      actual: 71,
    });
    expect(parseLimitRefusal('invalid rule group')).toBeUndefined();
  });
});
