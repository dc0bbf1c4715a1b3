import { SLO_LABELS, SLO_METRICS } from '../promql/slo';
import type { PlainRule, PlainRuleGroup } from '../rules/fingerprint';
import { rulesContentFingerprint } from './rulerPlan';

/**
 * Splitting an SLO's rule groups to fit a ruler's rules-per-group limit, where that keeps the rules exact.
 * A ruler evaluates a group's rules in order, each at the same instant, and a rule that reads a series
 * recorded in its own group sees the value recorded at that evaluation. Rules of different groups run at
 * different instants (each group has its own offset in the interval) and in no set order. So:
 *
 * - rules that read one another (by the name of a series the group records, in either direction) stay in
 *   one group, in their order;
 * - groups whose rules must carry one instant are never split: the roll-up's counter snapshots, tiles,
 *   window sums and window starts (the exact window subtracts a snapshot from a counter at the very instant
 *   of the last tile) and the slices;
 * - the other rules (each objective's target, its budget remaining, the info stamp) read only source series
 *   or other groups' series and give the same values in any group with the same interval.
 */

/** Series recorded together at one instant by design: a group recording any of them is never split. */
const ONE_INSTANT_SERIES: ReadonlySet<string> = new Set([
  SLO_METRICS.eventsTile,
  SLO_METRICS.badEventsTile,
  SLO_METRICS.totalCounterSnapshot,
  SLO_METRICS.goodCounterSnapshot,
  SLO_METRICS.badCounterSnapshot,
  SLO_METRICS.totalCounterWindowStart,
  SLO_METRICS.goodCounterWindowStart,
  SLO_METRICS.badCounterWindowStart,
  SLO_METRICS.eventsWindow,
  SLO_METRICS.badEventsWindow,
  SLO_METRICS.sliceGood,
  SLO_METRICS.sliceGoodRatio,
]);

export type GroupSplit =
  | { kind: 'fits'; groups: PlainRuleGroup[] }
  | { kind: 'split'; groups: PlainRuleGroup[] }
  /** Left whole: `reason` says why splitting it would change what its rules compute. */
  | { kind: 'refused'; groups: PlainRuleGroup[]; reason: string };

/** The name of a split group's later parts: `<name>-part2`, `-part3`... */
export function partName(name: string, part: number): string {
  return part === 1 ? name : `${name}-part${part}`;
}

function ruleName(rule: PlainRule): string {
  return rule.record ?? rule.alert ?? 'a rule';
}

/** Whether `expr` names the series `metric` (not as part of a longer name). */
function readsSeries(expr: string, metric: string): boolean {
  let from = 0;
  for (;;) {
    const at = expr.indexOf(metric, from);
    if (at < 0) {
      return false;
    }
    const before = at === 0 ? '' : expr[at - 1];
    const after = expr[at + metric.length] ?? '';
    if (!/[A-Za-z0-9_:]/.test(before) && !/[A-Za-z0-9_:]/.test(after)) {
      return true;
    }
    from = at + 1;
  }
}

/** The rules that must stay together, as lists of rule indexes in their order, in order of their first rule. */
function chains(rules: PlainRule[]): number[][] {
  const parent = rules.map((_, i) => i);
  const root = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  };
  const recordedBy = new Map<string, number[]>();
  rules.forEach((rule, i) => {
    if (rule.record !== undefined) {
      recordedBy.set(rule.record, [...(recordedBy.get(rule.record) ?? []), i]);
    }
  });
  rules.forEach((rule, i) => {
    for (const [metric, recorders] of recordedBy) {
      if (readsSeries(rule.expr, metric)) {
        for (const j of recorders) {
          parent[root(j)] = root(i);
        }
      }
    }
  });
  const byRoot = new Map<number, number[]>();
  rules.forEach((_, i) => byRoot.set(root(i), [...(byRoot.get(root(i)) ?? []), i]));
  return [...byRoot.values()];
}

/**
 * One group cut into groups of at most `maxRules` rules (0: no limit), or left whole with the reason
 * when a cut would change what its rules compute.
 */
export function splitGroup(group: PlainRuleGroup, maxRules: number): GroupSplit {
  if (maxRules <= 0 || group.rules.length <= maxRules) {
    return { kind: 'fits', groups: [group] };
  }
  const oneInstant = group.rules.find((r) => r.record !== undefined && ONE_INSTANT_SERIES.has(r.record));
  if (oneInstant) {
    return {
      kind: 'refused',
      groups: [group],
      reason:
        `it records ${oneInstant.record}, and its counter snapshots, tiles and window sums are exact only when ` +
        'recorded at one instant, in one group',
    };
  }
  const together = chains(group.rules);
  const longest = together.reduce((a, b) => (b.length > a.length ? b : a));
  if (longest.length > maxRules) {
    const names = [...new Set(longest.map((i) => ruleName(group.rules[i])))];
    return {
      kind: 'refused',
      groups: [group],
      reason:
        `${longest.length} of its rules (${names.join(', ')}) read series recorded in the group at the same ` +
        `evaluation and must stay in one group, more than the ${maxRules} allowed`,
    };
  }
  // First fit, in the order of each chain's first rule: the first part keeps the group's name and first rule.
  const parts: number[][] = [];
  for (const chain of together) {
    const part = parts.find((p) => p.length + chain.length <= maxRules);
    if (part) {
      part.push(...chain);
    } else {
      parts.push([...chain]);
    }
  }
  return {
    kind: 'split',
    groups: parts.map((indexes, i) => ({
      ...group,
      name: partName(group.name, i + 1),
      rules: [...indexes].sort((a, b) => a - b).map((index) => group.rules[index]),
    })),
  };
}

export interface SloGroupsSplit {
  groups: PlainRuleGroup[];
  /** Groups left whole over the limit, by name, with the reason. */
  refused: Map<string, string>;
  /** Groups split, by name, with the names of their parts. */
  split: Map<string, string[]>;
}

/**
 * An SLO's groups (in the builder's order) split to fit `maxRules`. When a group is split, the info
 * rule's fingerprint is stamped again over the split groups, so that the drift of deployed rules is
 * judged against what was deployed.
 */
export function splitSloGroups(groups: PlainRuleGroup[], maxRules: number): SloGroupsSplit {
  const refused = new Map<string, string>();
  const split = new Map<string, string[]>();
  const out: PlainRuleGroup[] = [];
  for (const group of groups) {
    const result = splitGroup(group, maxRules);
    out.push(...result.groups);
    if (result.kind === 'refused') {
      refused.set(group.name, result.reason);
    } else if (result.kind === 'split') {
      split.set(
        group.name,
        result.groups.map((g) => g.name)
      );
    }
  }
  if (split.size === 0) {
    return { groups: out, refused, split };
  }
  const fingerprint = rulesContentFingerprint(out);
  const restamped = out.map((group) => ({
    ...group,
    rules: group.rules.map((rule) =>
      rule.record === SLO_METRICS.rulesInfo
        ? { ...rule, labels: { ...rule.labels, [SLO_LABELS.rulesFingerprint]: fingerprint } }
        : rule
    ),
  }));
  return { groups: restamped, refused, split };
}
