import { makeSlo } from '../testing/fixtures';
import {
  budgetPolicyRows,
  DEFAULT_BUDGET_POLICY,
  describeActions,
  effectiveBudgetPolicy,
  statusCondition,
  type BudgetPolicyRow,
} from './budgetPolicy';
import type { BudgetPolicy } from './types';

describe('effectiveBudgetPolicy', () => {
  it('is the default for an SLO without a policy', () => {
    expect(effectiveBudgetPolicy(makeSlo())).toEqual({ policy: DEFAULT_BUDGET_POLICY, source: 'default' });
  });

  it("is the SLO's own, even an empty one", () => {
    const own: BudgetPolicy = { actions: {}, notes: {} };
    expect(effectiveBudgetPolicy(makeSlo({ budgetPolicy: own }))).toEqual({ policy: own, source: 'slo' });
  });
});

describe('describeActions', () => {
  it.each([
    { name: 'no action', actions: [] as const, want: 'Ship as normal' },
    { name: 'one action', actions: ['release-review'] as const, want: 'Review risky changes' },
    {
      name: 'several, in the order given',
      actions: ['freeze-features', 'postmortem-required', 'reliability-sprint'] as const,
      want: 'Feature freeze, Postmortem required, Reliability sprint',
    },
  ])('$name', ({ actions, want }) => {
    expect(describeActions(actions)).toBe(want);
  });
});

describe('budgetPolicyRows', () => {
  it('gives the default policy, the current status marked', () => {
    expect(budgetPolicyRows(DEFAULT_BUDGET_POLICY, 'warning')).toEqual<BudgetPolicyRow[]>([
      { status: 'healthy', actions: [], words: 'Ship as normal', current: false },
      {
        status: 'attention',
        actions: ['watch-burn', 'release-review'],
        words: 'Watch the burn, Review risky changes',
        current: false,
      },
      {
        status: 'warning',
        actions: ['release-review', 'reliability-sprint'],
        words: 'Review risky changes, Reliability sprint',
        current: true,
      },
      {
        status: 'critical',
        actions: ['investigate', 'release-review', 'reliability-sprint'],
        words: 'Investigate now, Review risky changes, Reliability sprint',
        current: false,
      },
      {
        status: 'exhausted',
        actions: ['freeze-features', 'postmortem-required', 'reliability-sprint'],
        words: 'Feature freeze, Postmortem required, Reliability sprint',
        current: false,
      },
    ]);
  });

  it('gives no action for a status the policy leaves out, and the notes', () => {
    const policy: BudgetPolicy = {
      actions: { exhausted: ['freeze-features', 'escalate'] },
      notes: { exhausted: 'The payments lead approves exceptions.', healthy: 'Ship as usual.' },
    };
    expect(budgetPolicyRows(policy).map((r) => [r.status, r.words, r.note, r.current])).toEqual([
      ['healthy', 'Ship as normal', 'Ship as usual.', false],
      ['attention', 'Ship as normal', undefined, false],
      ['warning', 'Ship as normal', undefined, false],
      ['critical', 'Ship as normal', undefined, false],
      ['exhausted', 'Feature freeze, Escalate', 'The payments lead approves exceptions.', false],
    ]);
  });
});

describe('statusCondition', () => {
  it.each([
    ['healthy', 'burn rate at most 1x'],
    ['attention', 'burn rate above 1x'],
    ['warning', 'burn rate above 1.5x'],
    ['critical', 'burn rate above 2x'],
    ['exhausted', 'no budget left'],
  ] as const)('%s: %s', (status, want) => {
    expect(statusCondition(status)).toBe(want);
  });
});
