import { quotePromqlString } from '../promql/format';
import { SLO_LABELS, SLO_METRICS } from '../promql/slo';
import type { ObjectiveReading } from './gate';

/**
 * What the gate reads of a service from the series Burnrate records, by their `service` label: no SLO
 * file is needed, only the rules deployed.
 */

export interface LabelledValue {
  labels: Record<string, string>;
  value: number;
}

export function serviceQueries(service: string): { objectives: string; budgets: string; errorRatio1h: string } {
  const matcher = `{${SLO_LABELS.service}=${quotePromqlString(service)}}`;
  const sum = (metric: string) => `sum by (${SLO_LABELS.uid}) (sum_over_time(${metric}${matcher}[1h]))`;
  return {
    objectives: `${SLO_METRICS.objective}${matcher}`,
    budgets: `${SLO_METRICS.budgetRemaining}${matcher}`,
    errorRatio1h: `${sum(SLO_METRICS.badEvents)} / ${sum(SLO_METRICS.events)}`,
  };
}

/**
 * One reading per objective (`slo:objective:ratio` series): the lowest budget remaining of its groups,
 * and the burn rate of the SLO's last hour against that objective.
 */
export function buildReadings(
  objectives: LabelledValue[],
  budgets: LabelledValue[],
  errorRatios1h: LabelledValue[]
): ObjectiveReading[] {
  const key = (labels: Record<string, string>) => `${labels[SLO_LABELS.uid]}\u0000${labels[SLO_LABELS.window]}`;
  const lowest = new Map<string, number>();
  for (const b of budgets) {
    if (Number.isFinite(b.value)) {
      const k = key(b.labels);
      lowest.set(k, Math.min(lowest.get(k) ?? Infinity, b.value));
    }
  }
  const errors = new Map(errorRatios1h.map((e) => [e.labels[SLO_LABELS.uid], e.value]));
  const seen = new Set<string>();
  const readings: ObjectiveReading[] = [];
  for (const o of objectives) {
    const k = key(o.labels);
    if (seen.has(k) || !(o.value > 0 && o.value < 1)) {
      continue;
    }
    seen.add(k);
    const uid = o.labels[SLO_LABELS.uid];
    const error = errors.get(uid);
    readings.push({
      sloUid: uid,
      sloName: o.labels[SLO_LABELS.name] ?? uid,
      window: o.labels[SLO_LABELS.window] ?? '',
      target: String(o.value),
      remaining: lowest.get(k),
      burnRate1h: error !== undefined && Number.isFinite(error) ? error / (1 - o.value) : undefined,
    });
  }
  return readings.sort((a, b) => a.sloName.localeCompare(b.sloName) || a.window.localeCompare(b.window));
}
