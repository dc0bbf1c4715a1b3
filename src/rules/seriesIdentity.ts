import type { Slo } from '../slo/types';
import { counterSelectors } from '../promql/sli';
import { COUNTER_SNAPSHOTS, SLO_METRICS, type CounterRole } from '../promql/slo';
import { formatSelector } from '../promql/format';
import { buildRuleGroups, isAlertingRule } from './build';

/**
 * What names a recorded series in Prometheus: its metric name and its labels. A series whose name or labels
 * change is a new series, and starts its history empty; these are the identities an SLO's rules write.
 */
export interface SeriesIdentity {
  record: string;
  /** The labels the rule sets. */
  labels: Record<string, string>;
  /** The labels the expression keeps from the SLI (its grouping), one series per value. */
  grouping: string[];
  /** Snapshots of raw counters keep every label of the counter's series: the selector they read. */
  source?: string;
}

/** A recorded series whose history an edit ends or starts, and why. */
export interface IdentityChange {
  record: string;
  /** The series before the edit; absent for a series the edit adds. */
  before?: SeriesIdentity;
  /** The series after the edit; absent for a series the edit stops recording. */
  after?: SeriesIdentity;
  /** Why, one reason a line: each label that differs, or that the series is new or no longer recorded. */
  reasons: string[];
}

/** Snapshot and window-start records by the role of their counter. */
const SNAPSHOT_ROLES = new Map<string, CounterRole>(
  (Object.entries(COUNTER_SNAPSHOTS) as Array<[CounterRole, { snapshot: string; windowStart: string }]>).flatMap(
    ([role, names]) => [
      [names.snapshot, role],
      [names.windowStart, role],
    ]
  )
);

/**
 * The series the SLO's recording rules write. The rules-info series is left out: its fingerprint label
 * changes with every edit on purpose, and nothing reads its history.
 */
export function recordedSeriesIdentities(slo: Slo, evaluationInterval: string): SeriesIdentity[] {
  const selectors = slo.timeSlices ? undefined : counterSelectors(slo.indicator);
  const identities: SeriesIdentity[] = [];
  for (const group of buildRuleGroups(slo, { evaluationInterval })) {
    for (const rule of group.rules) {
      if (isAlertingRule(rule) || rule.record === SLO_METRICS.rulesInfo) {
        continue;
      }
      const role = SNAPSHOT_ROLES.get(rule.record);
      const selector = role !== undefined ? selectors?.[role] : undefined;
      identities.push({
        record: rule.record,
        labels: { ...rule.labels },
        grouping: selector ? [] : [...slo.indicator.groupBy].sort(),
        ...(selector && { source: formatSelector(selector) }),
      });
    }
  }
  return identities;
}

export function identityKey(identity: SeriesIdentity): string {
  const labels = Object.keys(identity.labels)
    .sort()
    .map((name) => [name, identity.labels[name]]);
  return JSON.stringify([identity.record, labels, identity.grouping, identity.source ?? null]);
}

/** How alike two series of one metric are: the labels they share with the same value. */
function likeness(a: SeriesIdentity, b: SeriesIdentity): number {
  const shared = Object.keys(a.labels).filter((name) => b.labels[name] === a.labels[name]).length;
  return shared + (a.source === b.source ? 1 : 0) + (a.grouping.join() === b.grouping.join() ? 1 : 0);
}

/** The differences between a series and the one that replaces it, in words. */
function differences(before: SeriesIdentity, after: SeriesIdentity): string[] {
  const reasons: string[] = [];
  const names = [...new Set([...Object.keys(before.labels), ...Object.keys(after.labels)])].sort();
  for (const name of names) {
    const old = before.labels[name];
    const now = after.labels[name];
    if (old === now) {
      continue;
    }
    if (old === undefined) {
      reasons.push(`label ${name}=${JSON.stringify(now)} added`);
    } else if (now === undefined) {
      reasons.push(`label ${name}=${JSON.stringify(old)} removed`);
    } else {
      reasons.push(`label ${name} changes from ${JSON.stringify(old)} to ${JSON.stringify(now)}`);
    }
  }
  if (before.grouping.join() !== after.grouping.join()) {
    const words = (grouping: string[]) => (grouping.length ? `by ${grouping.join(', ')}` : 'not grouped');
    reasons.push(`grouping changes from ${words(before.grouping)} to ${words(after.grouping)}`);
  }
  if (before.source !== after.source) {
    reasons.push(
      `it keeps the labels of other source series: ${before.source ?? 'none'} becomes ${after.source ?? 'none'}`
    );
  }
  return reasons;
}

/**
 * The recorded series an edit from `before` to `after` ends or starts: series of the old rules that the new
 * ones no longer write (their history stops there) and series the new rules write for the first time (theirs
 * starts empty). A series kept under another identity is one change, paired with the most alike series of
 * the same metric, with the labels that differ. An edit of the target, an annotation or an alert changes none.
 */
export function identityChanges(before: Slo, after: Slo, evaluationInterval: string): IdentityChange[] {
  const oldSeries = recordedSeriesIdentities(before, evaluationInterval);
  const newSeries = recordedSeriesIdentities(after, evaluationInterval);
  const oldKeys = new Set(oldSeries.map(identityKey));
  const newKeys = new Set(newSeries.map(identityKey));
  const ended = oldSeries.filter((s) => !newKeys.has(identityKey(s)));
  const started = newSeries.filter((s) => !oldKeys.has(identityKey(s)));
  const changes: IdentityChange[] = [];
  const unpaired = new Set(started);
  for (const old of ended) {
    let best: SeriesIdentity | undefined;
    for (const candidate of unpaired) {
      if (candidate.record === old.record && (!best || likeness(old, candidate) > likeness(old, best))) {
        best = candidate;
      }
    }
    if (best) {
      unpaired.delete(best);
      changes.push({ record: old.record, before: old, after: best, reasons: differences(old, best) });
    } else {
      changes.push({ record: old.record, before: old, reasons: ['no longer recorded: its history stops'] });
    }
  }
  for (const added of unpaired) {
    changes.push({ record: added.record, after: added, reasons: ['a new series: it starts with no history'] });
  }
  return changes;
}
