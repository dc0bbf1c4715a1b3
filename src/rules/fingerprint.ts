import { parsePromDuration } from '../slo/duration';
import { fnv1a64 } from '../slo/hash';

/**
 * Fingerprints of rule groups: what the rules do, independent of how a ruler prints them back (key
 * order, `for: 0s` left out, `1m` or `60s`) and of the groups' names (a deployment may rename them).
 * Burnrate stamps the fingerprint of an SLO's rules into the rules themselves (`burnrate:slo_rules:info`),
 * so that deployed rules tell whether they are intact and which version of the SLO made them.
 */

/** A rule as Prometheus, the ruler APIs and our builders all write it. */
export interface PlainRule {
  record?: string;
  alert?: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export interface PlainRuleGroup {
  name: string;
  interval?: string;
  rules: PlainRule[];
}

function sortedEntries(map: Record<string, string> | undefined): Array<[string, string]> {
  return Object.entries(map ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function durationSeconds(text: string | undefined): number {
  if (text === undefined || text === '') {
    return 0;
  }
  return parsePromDuration(text) ?? Number.NaN;
}

/** A rule in a canonical form: equal for rules that do the same thing. */
export function canonicalRule(rule: PlainRule): string {
  return JSON.stringify([
    rule.record ?? null,
    rule.alert ?? null,
    rule.expr.trim(),
    rule.alert !== undefined ? durationSeconds(rule.for) : null,
    sortedEntries(rule.labels),
    rule.alert !== undefined ? sortedEntries(rule.annotations) : null,
  ]);
}

/** A group's rules and interval in canonical form, without its name. */
export function canonicalGroup(group: Omit<PlainRuleGroup, 'name'>, defaultInterval?: string): string {
  const interval = durationSeconds(group.interval ?? defaultInterval);
  return JSON.stringify([interval, group.rules.map(canonicalRule)]);
}

/**
 * Annotations left out of the fingerprint: the link to the SLO page is built from wherever the rules were
 * made (the CLI's --grafana-url, or none from the app), not from what they compute, so a rule file made
 * for the demo's Grafana is the same version as the app's.
 */
const PLACE_ANNOTATIONS = new Set(['dashboard_url']);

function withoutPlace(rule: PlainRule): PlainRule {
  if (!rule.annotations) {
    return rule;
  }
  const annotations = Object.fromEntries(Object.entries(rule.annotations).filter(([k]) => !PLACE_ANNOTATIONS.has(k)));
  return { ...rule, annotations };
}

/** The fingerprint of a set of groups (an SLO's), in their order, ignoring names and links to the SLO page. */
export function fingerprintGroups(groups: Array<Omit<PlainRuleGroup, 'name'>>): string {
  return fnv1a64(groups.map((g) => canonicalGroup({ ...g, rules: g.rules.map(withoutPlace) })).join('\n'));
}
