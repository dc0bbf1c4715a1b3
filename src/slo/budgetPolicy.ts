/**
 * Error budget policies: what a team does at each budget status (freeze features, reliability sprint,
 * postmortem, ...). An SLO may carry its own policy (`spec.budgetPolicy`); without one the default
 * policy applies, worded as the release gate and the reliability work of decisions/ are.
 * Service-level policies are not modelled: a policy belongs to one SLO.
 */
import { STATUS_BURN_THRESHOLDS, type BudgetStatus } from './budget';
import type { BudgetAction, BudgetPolicy, Slo } from './types';

/** The statuses from best to worst (budget.ts gives their thresholds). */
export const BUDGET_STATUSES = [
  'healthy',
  'attention',
  'warning',
  'critical',
  'exhausted',
] as const satisfies readonly BudgetStatus[];

/** The actions in order of escalation; the order lists are shown in. */
export const BUDGET_ACTIONS = [
  'watch-burn',
  'release-review',
  'investigate',
  'reliability-sprint',
  'freeze-features',
  'postmortem-required',
  'escalate',
] as const satisfies readonly BudgetAction[];

export interface BudgetActionInfo {
  title: string;
  description: string;
}

export const BUDGET_ACTION_INFO: Readonly<Record<BudgetAction, BudgetActionInfo>> = {
  'watch-burn': {
    title: 'Watch the burn',
    description: 'Follow the burn rate and look at the error breakdown before it becomes a page',
  },
  'release-review': {
    title: 'Review risky changes',
    description: 'Changes need an SRE review before they ship, as the release gate decides by their risk',
  },
  investigate: {
    title: 'Investigate now',
    description: 'Find and stop what burns the budget; the budget runs out well before the window ends',
  },
  'reliability-sprint': {
    title: 'Reliability sprint',
    description: 'Reliability work comes before features in the current sprint',
  },
  'freeze-features': {
    title: 'Feature freeze',
    description: 'Only fixes and security patches ship until the budget recovers',
  },
  'postmortem-required': {
    title: 'Postmortem required',
    description: 'Write the postmortem of what spent the budget',
  },
  escalate: {
    title: 'Escalate',
    description: "Tell the owner's leadership, who decide on exceptions",
  },
};

/** What an empty list of actions means. */
export const NO_ACTION = 'Ship as normal';

/**
 * The policy of an SLO without its own, after the seed guide: the further the budget is spent, the
 * more a change must wait, up to a freeze with a postmortem once it is gone.
 */
export const DEFAULT_BUDGET_POLICY: BudgetPolicy = {
  actions: {
    healthy: [],
    attention: ['watch-burn', 'release-review'],
    warning: ['release-review', 'reliability-sprint'],
    critical: ['investigate', 'release-review', 'reliability-sprint'],
    exhausted: ['freeze-features', 'postmortem-required', 'reliability-sprint'],
  },
  notes: {},
};

export function isBudgetAction(value: string): value is BudgetAction {
  return (BUDGET_ACTIONS as readonly string[]).includes(value);
}

export function isBudgetStatus(value: string): value is BudgetStatus {
  return (BUDGET_STATUSES as readonly string[]).includes(value);
}

export interface EffectiveBudgetPolicy {
  policy: BudgetPolicy;
  /** 'slo': the SLO's own policy; 'default': the SLO has none. */
  source: 'slo' | 'default';
}

/** The policy an SLO follows: its own, else the default. */
export function effectiveBudgetPolicy(slo: Pick<Slo, 'budgetPolicy'>): EffectiveBudgetPolicy {
  return slo.budgetPolicy
    ? { policy: slo.budgetPolicy, source: 'slo' }
    : { policy: DEFAULT_BUDGET_POLICY, source: 'default' };
}

/** "Feature freeze, Postmortem required", or "Ship as normal" for no action. */
export function describeActions(actions: readonly BudgetAction[]): string {
  return actions.length === 0 ? NO_ACTION : actions.map((a) => BUDGET_ACTION_INFO[a].title).join(', ');
}

/** When a status applies, in words: "burn rate above 1.5x", "no budget left". */
export function statusCondition(status: BudgetStatus): string {
  switch (status) {
    case 'healthy':
      return `burn rate at most ${STATUS_BURN_THRESHOLDS.attention}x`;
    case 'exhausted':
      return 'no budget left';
    default:
      return `burn rate above ${STATUS_BURN_THRESHOLDS[status]}x`;
  }
}

export interface BudgetPolicyRow {
  status: BudgetStatus;
  actions: BudgetAction[];
  /** "Feature freeze, Postmortem required" or "Ship as normal". */
  words: string;
  note?: string;
  /** The row of the current status. */
  current: boolean;
}

/** One row per status, best first; a status the policy leaves out has no action. */
export function budgetPolicyRows(policy: BudgetPolicy, current?: BudgetStatus): BudgetPolicyRow[] {
  return BUDGET_STATUSES.map((status) => {
    const actions = policy.actions[status] ?? [];
    const note = policy.notes[status];
    return {
      status,
      actions,
      words: describeActions(actions),
      ...(note !== undefined && { note }),
      current: status === current,
    };
  });
}
