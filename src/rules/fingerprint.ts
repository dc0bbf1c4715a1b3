import { parsePromDuration } from '../slo/duration';

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

/** 64 bits of FNV-1a (two 32-bit hashes with different seeds) of the UTF-8 bytes of `text`, as 16 hex digits. */
export function fnv1a64(text: string): string {
  // Both hashes in one pass over the text, its UTF-8 bytes made on the way (as TextEncoder makes them, a lone
  // surrogate as U+FFFD): every SLO's rules are hashed, ten thousand of them in a CLI run, and encoding
  // the text first cost more than hashing it.
  let first = 0x811c9dc5;
  let second = 0x050c5d1f;
  const add = (byte: number) => {
    first = Math.imul(first ^ byte, 0x01000193);
    second = Math.imul(second ^ byte, 0x01000193);
  };
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i);
    if (code < 0x80) {
      add(code);
      continue;
    }
    if (code >= 0xd800 && code <= 0xdfff) {
      const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
      if (code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        code = 0x10000 + ((code - 0xd800) << 10) + (next - 0xdc00);
        i++;
      } else {
        code = 0xfffd;
      }
    }
    if (code < 0x800) {
      add(0xc0 | (code >> 6));
    } else if (code < 0x10000) {
      add(0xe0 | (code >> 12));
      add(0x80 | ((code >> 6) & 0x3f));
    } else {
      add(0xf0 | (code >> 18));
      add(0x80 | ((code >> 12) & 0x3f));
      add(0x80 | ((code >> 6) & 0x3f));
    }
    add(0x80 | (code & 0x3f));
  }
  return (first >>> 0).toString(16).padStart(8, '0') + (second >>> 0).toString(16).padStart(8, '0');
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
