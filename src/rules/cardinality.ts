import type { Slo } from '../slo/types';
import { COUNTER_SNAPSHOTS, SLO_METRICS, type CounterRole } from '../promql/slo';
import { buildRuleGroups, isAlertingRule, type RuleOptions } from './build';

/**
 * How many series an SLO's recording rules write, from two kinds of counts read on the datasource:
 * the SLO's groups (one per value combination of its grouping labels, one without grouping) and,
 * for SLIs counted exactly from counters, the source series of each counter (their snapshots keep
 * every source series), by the queries of promql/cardinality.ts.
 */

/** Above this many series for one SLO, the editor warns: usually a grouping label with too many values. */
export const SERIES_WARNING_LIMIT = 5000;

export interface CardinalityCounts {
  groups: number;
  counters: Partial<Record<CounterRole, number>>;
}

export interface RecordedSeries {
  record: string;
  /** Rules recording this name (several for calendar slots and for several objectives). */
  rules: number;
  series: number;
  /** What one rule's series are per: the SLO's groups, the source series of a counter, or one series. */
  per: 'group' | CounterRole | 'one';
}

export interface CardinalityEstimate {
  total: number;
  byRecord: RecordedSeries[];
  overLimit: boolean;
}

const SNAPSHOT_ROLES = new Map<string, CounterRole>(
  (Object.entries(COUNTER_SNAPSHOTS) as Array<[CounterRole, { snapshot: string; windowStart: string }]>).flatMap(
    ([role, names]) => [
      [names.snapshot, role],
      [names.windowStart, role],
    ]
  )
);

/** Series of one rule: constants are one series, snapshots one per source series, the rest one per group. */
function perWhat(record: string): RecordedSeries['per'] {
  if (record === SLO_METRICS.objective || record === SLO_METRICS.rulesInfo) {
    return 'one';
  }
  return SNAPSHOT_ROLES.get(record) ?? 'group';
}

/**
 * The distinct series the SLO's recording rules write (a calendar window's tiles and sums are written
 * once per period slot, so all slots count). Alerts are left out: they write ALERTS series only while
 * they fire, at most one per group and alert.
 */
export function estimateRecordedSeries(slo: Slo, options: RuleOptions, counts: CardinalityCounts): CardinalityEstimate {
  const byName = new Map<string, RecordedSeries>();
  for (const group of buildRuleGroups(slo, options)) {
    for (const rule of group.rules) {
      if (isAlertingRule(rule)) {
        continue;
      }
      const per = perWhat(rule.record);
      const series = per === 'one' ? 1 : per === 'group' ? counts.groups : (counts.counters[per] ?? 0);
      const entry = byName.get(rule.record) ?? { record: rule.record, rules: 0, series: 0, per };
      entry.rules += 1;
      entry.series += series;
      byName.set(rule.record, entry);
    }
  }
  const byRecord = [...byName.values()];
  const total = byRecord.reduce((n, r) => n + r.series, 0);
  return { total, byRecord, overLimit: total > SERIES_WARNING_LIMIT };
}
