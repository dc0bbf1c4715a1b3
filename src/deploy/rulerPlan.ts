import YAML from 'yaml';
import { SLO_LABELS, SLO_METRICS } from '../promql/slo';
import { canonicalGroup, fingerprintGroups, type PlainRule, type PlainRuleGroup } from '../rules/fingerprint';

/**
 * What a deployment to a ruler namespace changes, and whether deployed rules match their SLOs. Pure:
 * the ruler client and the pages feed it the groups they read.
 */

export type GroupAction = 'create' | 'update' | 'unchanged' | 'delete';

export interface GroupChange {
  group: string;
  /** The SLO the group belongs to (from the `slo_uid` label of its rules). */
  sloUid?: string;
  action: GroupAction;
  /** Why a group is deleted. */
  reason?: string;
  desired?: PlainRuleGroup;
  deployed?: PlainRuleGroup;
}

/** The SLO a group of Burnrate's belongs to: every rule has the same `slo_uid` label. */
export function groupSloUid(group: PlainRuleGroup): string | undefined {
  const uids = new Set(group.rules.map((r) => r.labels?.[SLO_LABELS.uid]));
  if (uids.size !== 1) {
    return undefined;
  }
  const [uid] = uids;
  return uid;
}

function sameGroup(a: PlainRuleGroup, b: PlainRuleGroup, defaultInterval?: string): boolean {
  return canonicalGroup(a, defaultInterval) === canonicalGroup(b, defaultInterval);
}

export interface PlanInput {
  /** The groups to deploy, of the chosen SLOs. */
  desired: PlainRuleGroup[];
  /** The groups in the namespace now. */
  deployed: PlainRuleGroup[];
  /** Uids of every SLO that exists (chosen or not): Burnrate groups of any other SLO are left over. */
  existingSloUids: ReadonlySet<string>;
  /** Uids of the SLOs that live on another datasource: their groups here are left over from before a move. */
  elsewhereSloUids?: ReadonlySet<string>;
  /** The ruler's evaluation interval for groups without one (Mimir's default: 1m). */
  defaultInterval?: string;
}

/**
 * One change per group: the desired groups created, updated or unchanged; Burnrate's groups of SLOs
 * that no longer exist, or that moved to another datasource, deleted, and so are groups of a chosen SLO under
 * a name it no longer uses (the group name pattern changed). Groups that are not Burnrate's, and those of SLOs not chosen, are left
 * alone.
 */
export function planRulerDeploy({
  desired,
  deployed,
  existingSloUids,
  elsewhereSloUids,
  defaultInterval,
}: PlanInput): GroupChange[] {
  const byName = new Map(deployed.map((g) => [g.name, g]));
  const desiredNames = new Set(desired.map((g) => g.name));
  const chosen = new Set(desired.map(groupSloUid).filter((u): u is string => u !== undefined));
  const changes: GroupChange[] = desired.map((group) => {
    const current = byName.get(group.name);
    const sloUid = groupSloUid(group);
    if (!current) {
      return { group: group.name, sloUid, action: 'create', desired: group };
    }
    const action = sameGroup(group, current, defaultInterval) ? 'unchanged' : 'update';
    return { group: group.name, sloUid, action, desired: group, deployed: current };
  });
  for (const group of deployed) {
    const sloUid = groupSloUid(group);
    if (desiredNames.has(group.name) || sloUid === undefined) {
      continue;
    }
    if (elsewhereSloUids?.has(sloUid)) {
      changes.push({
        group: group.name,
        sloUid,
        action: 'delete',
        reason: `SLO ${sloUid} now lives on another datasource`,
        deployed: group,
      });
    } else if (!existingSloUids.has(sloUid)) {
      changes.push({
        group: group.name,
        sloUid,
        action: 'delete',
        reason: `SLO ${sloUid} was deleted`,
        deployed: group,
      });
    } else if (chosen.has(sloUid)) {
      changes.push({
        group: group.name,
        sloUid,
        action: 'delete',
        reason: 'the SLO no longer uses this group name',
        deployed: group,
      });
    }
  }
  return changes;
}

/** How the rules deployed for an SLO compare with the rules it makes now. */
export type DriftStatus = 'not-deployed' | 'up-to-date' | 'outdated' | 'changed-by-hand';

export const DRIFT_TEXT: Record<DriftStatus, string> = {
  'not-deployed': 'Not in the ruler',
  'up-to-date': 'Up to date',
  outdated: 'Outdated',
  'changed-by-hand': 'Changed by hand',
};

export interface Drift {
  status: DriftStatus;
  /** One sentence for a tooltip or the SLO page. */
  detail: string;
}

function isInfoRule(rule: PlainRule): boolean {
  return rule.record === SLO_METRICS.rulesInfo;
}

/** The groups' fingerprint without the info rule, as the builder computes it. */
export function rulesContentFingerprint(groups: PlainRuleGroup[], defaultInterval?: string): string {
  return fingerprintGroups(
    groups.map((g) => ({ interval: g.interval ?? defaultInterval, rules: g.rules.filter((r) => !isInfoRule(r)) }))
  );
}

function stampedFingerprint(groups: PlainRuleGroup[]): string | undefined {
  for (const group of groups) {
    const info = group.rules.find(isInfoRule);
    if (info) {
      return info.labels?.[SLO_LABELS.rulesFingerprint];
    }
  }
  return undefined;
}

/**
 * Drift of one SLO: `desired` are the groups it makes now (in order), `deployed` all groups of the
 * namespace. Deployed groups are the SLO's by their `slo_uid`. Intact rules carry the fingerprint of
 * their own content: then they are up to date when that is also the fingerprint of the desired rules,
 * outdated otherwise (made from an earlier version of the SLO). Rules whose content does not match
 * their fingerprint were edited after they were deployed.
 */
export function sloDrift(
  sloUid: string,
  desired: PlainRuleGroup[],
  deployed: PlainRuleGroup[],
  defaultInterval?: string
): Drift {
  const mine = deployed.filter((g) => groupSloUid(g) === sloUid);
  if (mine.length === 0) {
    return {
      status: 'not-deployed',
      detail:
        'No rule group of this SLO is in the ruler namespace (rules Prometheus loads from files are not seen here).',
    };
  }
  const byName = new Map(mine.map((g) => [g.name, g]));
  const inOrder = desired.map((g) => byName.get(g.name)).filter((g): g is PlainRuleGroup => g !== undefined);
  const deployedSet = inOrder.length === mine.length ? inOrder : mine;
  const stamped = stampedFingerprint(deployedSet);
  const content = rulesContentFingerprint(deployedSet, defaultInterval);
  if (stamped === undefined || stamped !== content) {
    return {
      status: 'changed-by-hand',
      detail: 'The deployed rules differ from what Burnrate deployed: someone edited them in the ruler.',
    };
  }
  const missing = desired.filter((g) => !byName.has(g.name)).map((g) => g.name);
  if (stamped === rulesContentFingerprint(desired) && missing.length === 0) {
    return { status: 'up-to-date', detail: 'The deployed rules are the rules this SLO makes now.' };
  }
  return {
    status: 'outdated',
    detail:
      missing.length > 0
        ? `Group ${missing.join(', ')} is not deployed: deploy to update.`
        : 'The deployed rules were made from an earlier version of this SLO: deploy to update.',
  };
}

/** A group as the YAML a user reads in a diff. */
export function groupYaml(group: PlainRuleGroup | undefined): string {
  return group ? YAML.stringify(group, { lineWidth: 0 }) : '';
}

/** Counts of a plan's actions, for a summary line. */
export function countActions(changes: GroupChange[]): Record<GroupAction, number> {
  const counts: Record<GroupAction, number> = { create: 0, update: 0, unchanged: 0, delete: 0 };
  for (const change of changes) {
    counts[change.action]++;
  }
  return counts;
}
