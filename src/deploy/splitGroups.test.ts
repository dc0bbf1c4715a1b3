import { buildRuleGroups } from '../rules/build';
import { toPlainGroups } from '../rules/output';
import type { PlainRuleGroup } from '../rules/fingerprint';
import type { Slo } from '../slo/types';
import { makeSlo } from '../testing/fixtures';
import { sloDrift } from './rulerPlan';
import { splitGroup, splitSloGroups } from './splitGroups';

const rolling = (duration: string, seconds: number) => ({ kind: 'rolling' as const, duration, seconds });
const threeObjectives: Slo['objectives'] = [
  { target: '0.999', window: rolling('30d', 2592000) },
  { target: '0.99', window: rolling('7d', 604800) },
  { target: '0.995', window: rolling('28d', 2419200) },
];
const groupsOf = (slo: Slo) => toPlainGroups(buildRuleGroups(slo, { evaluationInterval: '30s' }));
const names = (group: PlainRuleGroup) => group.rules.map((r) => r.record ?? r.alert);

describe('splitGroup', () => {
  it('leaves a group within the limit, or without one, as it is', () => {
    const [base] = groupsOf(makeSlo());
    expect(splitGroup(base, 20)).toEqual({ kind: 'fits', groups: [base] });
    expect(splitGroup(base, 0)).toEqual({ kind: 'fits', groups: [base] });
  });

  it('cuts a base group between rules that do not read one another, keeping each chain whole and in order', () => {
    const [base] = groupsOf(makeSlo({ objectives: threeObjectives }));
    expect(base.rules).toHaveLength(23);
    const result = splitGroup(base, 22);
    expect(result.kind).toBe('split');
    const [first, second] = result.groups;
    expect(result.groups.map((g) => [g.name, g.interval, g.rules.length])).toEqual([
      ['burnrate-checkout-availability', '30s', 22],
      ['burnrate-checkout-availability-part2', '30s', 1],
    ]);
    // The rates, their hourly sums and every alert reading them stay together, in the builder's order.
    expect(names(first).slice(0, 4)).toEqual([
      'slo:events:rate5m',
      'slo:bad_events:rate5m',
      'slo:events:rate5m_sum10m',
      'slo:bad_events:rate5m_sum10m',
    ]);
    expect(names(first).filter((n) => n === 'SLOErrorBudgetBurn')).toHaveLength(12);
    expect(names(second)).toEqual(['burnrate:slo_rules:info']);
    expect([...first.rules, ...second.rules].sort((a, b) => a.expr.localeCompare(b.expr))).toEqual(
      [...base.rules].sort((a, b) => a.expr.localeCompare(b.expr))
    );
  });

  it('refuses when the rules that read one another are more than the limit, naming them', () => {
    const slo = makeSlo({
      objectives: threeObjectives,
      alerting: {
        enabled: true,
        labels: {},
        noDataFor: '30m',
        budgetLeft: { below: '0.25', severity: 'ticket' },
        exhaustion: { within: '3d', burnWindow: '6h', severity: 'ticket', whenLeftBelow: '1' },
      },
    });
    const [base] = groupsOf(slo);
    expect(base.rules).toHaveLength(30);
    expect(splitGroup(base, 20)).toEqual({
      kind: 'refused',
      groups: [base],
      reason:
        '26 of its rules (slo:events:rate5m, slo:bad_events:rate5m, slo:events:rate5m_sum10m, ' +
        'slo:bad_events:rate5m_sum10m, slo:error_budget_remaining:ratio, ' +
        'SLOErrorBudgetBurn, SLOErrorBudgetLow, SLOErrorBudgetExhaustion, SLONoData) read series recorded in ' +
        'the group at the same evaluation and must stay in one group, more than the 20 allowed',
    });
    // With room for them the rest goes to a second group.
    expect(splitGroup(base, 26).groups.map((g) => g.rules.length)).toEqual([26, 4]);
  });

  it('never splits a roll-up group, whose snapshots and tiles must be recorded at one instant', () => {
    const [, rollup] = groupsOf(makeSlo({ objectives: threeObjectives }));
    expect(rollup.rules).toHaveLength(16);
    expect(splitGroup(rollup, 10)).toEqual({
      kind: 'refused',
      groups: [rollup],
      reason:
        'it records slo:total_counter:snapshot, and its counter snapshots, tiles and window sums are exact only ' +
        'when recorded at one instant, in one group',
    });
  });

  it('reads a series by its whole name only', () => {
    const group: PlainRuleGroup = {
      name: 'g',
      rules: [
        { record: 'job:up', expr: 'up' },
        { record: 'job:up:sum', expr: 'sum(job:up_total)' },
        { record: 'job:down', expr: '1 - job:up' },
      ],
    };
    expect(splitGroup(group, 2).groups.map(names)).toEqual([['job:up', 'job:down'], ['job:up:sum']]);
  });
});

describe('splitSloGroups', () => {
  it('stamps the split groups with their own fingerprint, so that they read as up to date once deployed', () => {
    const slo = makeSlo({ objectives: threeObjectives });
    const { groups, split, refused } = splitSloGroups(groupsOf(slo), 20);
    expect([...split]).toEqual([
      ['burnrate-checkout-availability', ['burnrate-checkout-availability', 'burnrate-checkout-availability-part2']],
    ]);
    expect(refused.size).toBe(0);
    expect(groups.map((g) => g.name)).toEqual([
      'burnrate-checkout-availability',
      'burnrate-checkout-availability-part2',
      'burnrate-checkout-availability-rollup',
    ]);
    expect(sloDrift(slo.uid, groups, groups).status).toBe('up-to-date');
    expect(sloDrift(slo.uid, groups, groupsOf(slo)).status).toBe('outdated');
  });

  it('keeps the groups, stamp included, when none is split', () => {
    const built = groupsOf(makeSlo());
    expect(splitSloGroups(built, 20).groups).toEqual(built);
  });
});
