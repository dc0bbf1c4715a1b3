import type { PlainRuleGroup } from '../rules/fingerprint';
import type { GroupChange } from './rulerPlan';

/**
 * A ruler's limits (Mimir, Cortex, Loki: `ruler_max_rules_per_rule_group`, `ruler_max_rule_groups_per_tenant`)
 * against a deploy, before it is made. Pure. How Mimir counts, from its ruler API: a group written is
 * refused when it has more rules than the limit; and when the tenant's groups in all namespaces, plus one
 * for the group written (even when it replaces one), are more than the group limit.
 */

/** 0: no limit. */
export interface RulerLimits {
  rulesPerGroup: number;
  ruleGroups: number;
}

export interface GroupVerdict {
  group: string;
  rules: number;
  fits: boolean;
  /** Why the group is over the limit, in plain words with the numbers. */
  message?: string;
}

export interface TenantCounts {
  /** Groups in the tenant now, all namespaces. */
  now: number;
  /** Groups in the deploy's namespace after the deploy. */
  namespaceAfter: number;
  /** Groups in the tenant after the deploy. */
  after: number;
  /** The most the ruler counts while the deploy writes (groups present, plus the one written). */
  peak: number;
}

export interface LimitReport {
  groups: GroupVerdict[];
  /** Only when the deployed groups were read. */
  tenant?: TenantCounts;
  fits: boolean;
  /** Every problem, one sentence each. */
  problems: string[];
}

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** The verdict of each group to write: its rules against the limit; `unsplittable` says why a group was left whole. */
export function checkGroups(
  groups: PlainRuleGroup[],
  limits: RulerLimits,
  unsplittable: ReadonlyMap<string, string> = new Map()
): GroupVerdict[] {
  return groups.map((group) => {
    const rules = group.rules.length;
    if (limits.rulesPerGroup <= 0 || rules <= limits.rulesPerGroup) {
      return { group: group.name, rules, fits: true };
    }
    const reason = unsplittable.get(group.name);
    return {
      group: group.name,
      rules,
      fits: false,
      message:
        `group ${group.name} has ${rules} rules, the ruler allows ${limits.rulesPerGroup} per group` +
        (reason ? `; it is not split because ${reason}` : ''),
    };
  });
}

export interface TenantCheckInput {
  /** The plan, in the order it is applied (writes before deletions, as applyPlan does). */
  changes: GroupChange[];
  /** Groups of each namespace of the tenant now. */
  groupsByNamespace: Record<string, number>;
  namespace: string;
  limits: RulerLimits;
}

/** The tenant's group count through the deploy, as the ruler counts it. */
export function tenantCounts({ changes, groupsByNamespace, namespace }: TenantCheckInput): TenantCounts {
  const now = Object.values(groupsByNamespace).reduce((a, b) => a + b, 0);
  let count = now;
  let peak = now;
  for (const change of changes) {
    if (change.action === 'create' || change.action === 'update') {
      peak = Math.max(peak, count + 1);
      if (change.action === 'create') {
        count++;
      }
    }
  }
  const created = changes.filter((c) => c.action === 'create').length;
  const deleted = changes.filter((c) => c.action === 'delete').length;
  return {
    now,
    namespaceAfter: (groupsByNamespace[namespace] ?? 0) + created - deleted,
    after: now + created - deleted,
    peak,
  };
}

/** Whether the groups to write and the tenant's groups fit the limits, with each problem in plain words. */
export function checkRulerLimits(
  input: TenantCheckInput,
  unsplittable: ReadonlyMap<string, string> = new Map()
): LimitReport {
  const { changes, limits } = input;
  const written = changes
    .filter((c) => c.action === 'create' || c.action === 'update')
    .map((c) => c.desired)
    .filter((g): g is PlainRuleGroup => g !== undefined);
  const groups = checkGroups(written, limits, unsplittable);
  const problems = groups.flatMap((g) => (g.message ? [g.message] : []));
  const tenant = tenantCounts(input);
  if (limits.ruleGroups > 0) {
    const created = changes.filter((c) => c.action === 'create').length;
    if (tenant.after > limits.ruleGroups) {
      problems.push(
        `the tenant would hold ${tenant.after} rule groups after this deploy (${tenant.now} now, ` +
          `${created} new), the ruler allows ${limits.ruleGroups}`
      );
    } else if (tenant.peak > limits.ruleGroups) {
      problems.push(
        `the tenant holds ${tenant.now} rule groups and the ruler would count ${tenant.peak} while this deploy ` +
          `writes (it counts the group it writes as one more, and left-over groups are removed last), ` +
          `the ruler allows ${limits.ruleGroups}`
      );
    }
  }
  return { groups, tenant, fits: problems.length === 0, problems };
}

/** A ruler's refusal of a group for one of its limits, read from its message. */
export interface LimitRefusal {
  limit: 'rulesPerGroup' | 'ruleGroups';
  allowed: number;
  actual: number;
}

// The texts of Mimir's, Cortex's and Loki's rulers (pkg/ruler: errMaxRulesPerRuleGroupPerUserLimitExceeded,
// errMaxRuleGroupsPerUserLimitExceeded), wherever Grafana's proxy puts them in its answer.
const RULES_PER_GROUP = /per-user rules per rule group limit \(limit: (\d+) actual: (\d+)\) exceeded/;
const RULE_GROUPS = /per-user rule groups limit \(limit: (\d+) actual: (\d+)\) exceeded/;

export function parseLimitRefusal(text: string): LimitRefusal | undefined {
  const perGroup = RULES_PER_GROUP.exec(text);
  if (perGroup) {
    return { limit: 'rulesPerGroup', allowed: Number(perGroup[1]), actual: Number(perGroup[2]) };
  }
  const groups = RULE_GROUPS.exec(text);
  if (groups) {
    return { limit: 'ruleGroups', allowed: Number(groups[1]), actual: Number(groups[2]) };
  }
  return undefined;
}

/** A refusal in plain words, naming the limit and where to change it (no final stop: pages add their own). */
export function limitRefusalText(group: string, refusal: LimitRefusal): string {
  if (refusal.limit === 'rulesPerGroup') {
    return (
      `The ruler refused group ${group}: it has ${plural(refusal.actual, 'rule', 'rules')}, and the ruler allows ` +
      `${refusal.allowed} per group (ruler_max_rules_per_rule_group). Set "Rules per group" to ` +
      `${refusal.allowed} in the app's configuration so that groups are split where they can be, or ask for ` +
      'a higher limit for the tenant'
    );
  }
  return (
    `The ruler refused group ${group}: the tenant would hold ${refusal.actual} rule groups, and the ruler ` +
    `allows ${refusal.allowed} (ruler_max_rule_groups_per_tenant). Set "Rule groups of the tenant" to ` +
    `${refusal.allowed} in the app's configuration, deploy fewer SLOs, or ask for a higher limit for the tenant`
  );
}
