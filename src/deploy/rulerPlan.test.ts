import { buildRuleGroups } from '../rules/build';
import { toPlainGroups } from '../rules/output';
import type { PlainRuleGroup } from '../rules/fingerprint';
import { makeSlo } from '../testing/fixtures';
import { countActions, groupSloUid, planRulerDeploy, sloDrift } from './rulerPlan';

const OPTIONS = { evaluationInterval: '30s' };
const checkout = makeSlo();
const checkoutGroups = toPlainGroups(buildRuleGroups(checkout, OPTIONS));
const search = makeSlo({
  name: 'search-availability',
  uid: 'search-availability',
  service: 'search',
  indicator: {
    type: 'ratio',
    total: 'http_requests_total{job="search"}',
    bad: 'http_requests_total{job="search",code=~"5.."}',
    groupBy: [],
  },
});
const searchGroups = toPlainGroups(buildRuleGroups(search, OPTIONS));
const foreign: PlainRuleGroup = { name: 'node-alerts', rules: [{ alert: 'NodeDown', expr: 'up == 0' }] };

/** The same group as a ruler prints it back: keys in another order, `for: 0s` and annotations of recording rules dropped. */
function asRulerPrintsIt(group: PlainRuleGroup): PlainRuleGroup {
  return {
    rules: group.rules.map((r) => ({
      expr: r.expr,
      ...(r.alert !== undefined && { alert: r.alert, ...(r.for && r.for !== '0s' && { for: r.for }) }),
      ...(r.record !== undefined && { record: r.record }),
      labels: Object.fromEntries(Object.entries(r.labels ?? {}).reverse()),
      ...(r.annotations && { annotations: r.annotations }),
    })),
    name: group.name,
    interval: group.interval === '30s' ? '30s' : group.interval,
  } as PlainRuleGroup;
}

function withExpr(group: PlainRuleGroup, index: number, expr: string): PlainRuleGroup {
  return { ...group, rules: group.rules.map((r, i) => (i === index ? { ...r, expr } : r)) };
}

describe('planRulerDeploy', () => {
  const existing = new Set(['checkout-availability', 'search-availability']);

  it('creates what is missing and leaves what is equal, however the ruler prints it', () => {
    const changes = planRulerDeploy({
      desired: checkoutGroups,
      deployed: [asRulerPrintsIt(checkoutGroups[0]), foreign],
      existingSloUids: existing,
    });
    expect(changes.map((c) => [c.group, c.action])).toEqual([
      ['burnrate-checkout-availability', 'unchanged'],
      ['burnrate-checkout-availability-rollup', 'create'],
    ]);
    expect(changes[0].sloUid).toBe('checkout-availability');
  });

  it('updates a group whose rules differ', () => {
    const edited = withExpr(checkoutGroups[1], 0, 'http_requests_total');
    const changes = planRulerDeploy({
      desired: checkoutGroups,
      deployed: [checkoutGroups[0], edited],
      existingSloUids: existing,
    });
    expect(changes.map((c) => c.action)).toEqual(['unchanged', 'update']);
    expect(changes[1].deployed).toBe(edited);
  });

  it('deletes the groups of deleted SLOs, and not those of SLOs that were not chosen or not ours', () => {
    const deleted = toPlainGroups(buildRuleGroups(makeSlo({ name: 'old', uid: 'old-slo' }), OPTIONS));
    const changes = planRulerDeploy({
      desired: checkoutGroups,
      deployed: [...checkoutGroups, ...searchGroups, ...deleted, foreign],
      existingSloUids: existing,
    });
    expect(changes.filter((c) => c.action === 'delete').map((c) => [c.group, c.reason])).toEqual([
      ['burnrate-old-slo', 'SLO old-slo was deleted'],
      ['burnrate-old-slo-rollup', 'SLO old-slo was deleted'],
    ]);
    expect(countActions(changes)).toEqual({ create: 0, update: 0, unchanged: 2, delete: 2 });
  });

  it('deletes a chosen SLO group under a name it no longer uses', () => {
    const renamed = checkoutGroups.map((g) => ({ ...g, name: g.name.replace('burnrate-', 'slo-') }));
    const changes = planRulerDeploy({ desired: renamed, deployed: checkoutGroups, existingSloUids: existing });
    expect(changes.map((c) => [c.group, c.action])).toEqual([
      ['slo-checkout-availability', 'create'],
      ['slo-checkout-availability-rollup', 'create'],
      ['burnrate-checkout-availability', 'delete'],
      ['burnrate-checkout-availability-rollup', 'delete'],
    ]);
  });

  it('tells the SLO of a group by the slo_uid of all its rules', () => {
    expect(groupSloUid(checkoutGroups[1])).toBe('checkout-availability');
    expect(groupSloUid(foreign)).toBeUndefined();
    expect(
      groupSloUid({ name: 'mixed', rules: [...checkoutGroups[0].rules, ...searchGroups[0].rules] })
    ).toBeUndefined();
  });
});

describe('sloDrift', () => {
  it('is not deployed without a group of the SLO', () => {
    expect(sloDrift(checkout.uid, checkoutGroups, [foreign, ...searchGroups]).status).toBe('not-deployed');
  });

  it('is up to date when the deployed rules are the desired ones, as the ruler prints them', () => {
    expect(sloDrift(checkout.uid, checkoutGroups, checkoutGroups.map(asRulerPrintsIt)).status).toBe('up-to-date');
  });

  it('is outdated when intact rules come from an earlier version of the SLO', () => {
    const earlier = makeSlo({
      objectives: [{ target: '0.995', window: { kind: 'rolling', duration: '30d', seconds: 2592000 } }],
    });
    const deployed = toPlainGroups(buildRuleGroups(earlier, OPTIONS));
    const drift = sloDrift(checkout.uid, checkoutGroups, deployed);
    expect(drift.status).toBe('outdated');
    expect(drift.detail).toMatch(/earlier version/);
  });

  it('is changed by hand when one of its groups was removed', () => {
    const onlyBase = { ...checkoutGroups[0] };
    // The base group alone does not match the fingerprint of both groups: edited by hand.
    expect(sloDrift(checkout.uid, checkoutGroups, [onlyBase]).status).toBe('changed-by-hand');
  });

  it('is changed by hand when the rules do not match their own fingerprint', () => {
    const edited = [checkoutGroups[0], withExpr(checkoutGroups[1], 2, 'sum(rate(http_requests_total[10m]))')];
    const drift = sloDrift(checkout.uid, checkoutGroups, edited);
    expect(drift.status).toBe('changed-by-hand');
    const threshold = [
      {
        ...checkoutGroups[0],
        rules: checkoutGroups[0].rules.map((r) => (r.alert ? { ...r, for: '5m' } : r)),
      },
      checkoutGroups[1],
    ];
    expect(sloDrift(checkout.uid, checkoutGroups, threshold).status).toBe('changed-by-hand');
  });

  it('reads the group interval the ruler defaults to', () => {
    const noInterval = checkoutGroups.map((g) => ({ name: g.name, rules: g.rules }));
    expect(sloDrift(checkout.uid, checkoutGroups, noInterval, '1m').status).toBe('changed-by-hand');
    const same = checkoutGroups.map((g) => (g.interval === '30s' ? { name: g.name, rules: g.rules } : g));
    expect(sloDrift(checkout.uid, checkoutGroups, same, '30s').status).toBe('up-to-date');
  });
});
