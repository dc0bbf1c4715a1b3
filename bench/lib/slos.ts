/**
 * The SLOs under test in the accuracy test (tests/accuracy) and the benchmark (bench/): their native
 * documents, read as the plugin reads them, and the parts of our rule groups that the backfill has to
 * put in separate stages.
 */
import { parseNativeDocument } from '../../src/formats/native';
import { validateSlo } from '../../src/rules/validate';
import { isAlertingRule, type RecordingRule, type RuleGroup } from '../../src/rules/build';
import { SLO_METRICS } from '../../src/promql/slo';
import type { Slo } from '../../src/slo/types';

/** What a native SLO document says, but for its window and alerting. */
export interface SloSpec {
  name: string;
  service: string;
  indicator: object;
  target: string;
}

/** The native document (burnrate.dev/v1) of an SLO with one objective. */
export function sloDocument(spec: SloSpec, window: string, alerting?: object): Record<string, unknown> {
  return {
    apiVersion: 'burnrate.dev/v1',
    kind: 'ServiceLevelObjective',
    metadata: { name: spec.name },
    spec: {
      service: spec.service,
      indicator: spec.indicator,
      objectives: [{ target: spec.target, window }],
      ...(alerting && { alerting }),
    },
  };
}

/** Parses and validates a native document; throws on any error. */
export function loadSlo(doc: object): Slo {
  const { slo, issues } = parseNativeDocument(doc);
  const problems = [...issues, ...(slo ? validateSlo(slo) : [])].filter((i) => i.severity === 'error');
  if (!slo || problems.length > 0) {
    throw new Error(`invalid SLO${slo ? ` ${slo.name}` : ''}: ${JSON.stringify(problems)}`);
  }
  return slo;
}

/** The slo:error_budget_remaining:ratio rule of the SLO's base group (the first of its groups). */
export function budgetRemainingRule(slo: Slo, groups: RuleGroup[]): RecordingRule {
  const rule = groups[0].rules.find((r) => !isAlertingRule(r) && r.record === SLO_METRICS.budgetRemaining);
  if (!rule || isAlertingRule(rule)) {
    throw new Error(`no ${SLO_METRICS.budgetRemaining} rule for ${slo.name}`);
  }
  return rule;
}

/** The 5m rates of the base group, which read only the source counters. */
export const RATE_RECORDS: string[] = [SLO_METRICS.events, SLO_METRICS.badEvents];

/** The 10 minute sums of the 5m rates, which read the rates: the alerts' windows of a day or more add them up. */
export const BLOCK_RECORDS: string[] = [SLO_METRICS.eventsBlock, SLO_METRICS.badEventsBlock];

/** Our roll-up records that read other recorded series (tiles, snapshots): a later backfill stage. */
export const WINDOW_RECORDS: string[] = [
  SLO_METRICS.eventsWindow,
  SLO_METRICS.badEventsWindow,
  SLO_METRICS.totalCounterWindowStart,
  SLO_METRICS.goodCounterWindowStart,
  SLO_METRICS.badCounterWindowStart,
];
