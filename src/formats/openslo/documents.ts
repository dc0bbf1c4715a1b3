/**
 * The checks of the OpenSLO v1 spec on the documents that are not SLOs (SLI, AlertPolicy,
 * AlertCondition, AlertNotificationTarget, DataSource), made whether an SLO uses them or not: a file
 * of alert policies is wrong or right on its own. Messages match those of the importers, so that an
 * issue found both here and while reading an SLO is reported once.
 */
import { quote, quoteValue } from '../../slo/quote';
import type { Reporter } from './reporter';
import type { ConditionSpec, FileIndex, OpenSloInput, PolicySpec, SliSpec } from './schema';

const CONDITION_OPS = ['lt', 'lte', 'gt', 'gte'];

export function checkDocument(input: OpenSloInput, index: FileIndex, r: Reporter): void {
  const { doc } = input;
  switch (doc.kind) {
    case 'SLI':
      checkSli(doc.spec, 'spec', r);
      break;
    case 'AlertPolicy':
      checkPolicy(doc.spec, 'spec', index, r);
      break;
    case 'AlertCondition':
      checkCondition(doc.spec, 'spec', r);
      break;
    case 'AlertNotificationTarget':
      if (doc.spec.target === undefined) {
        r.error('spec.target', 'is required: where notifications go, such as slack or pagerduty');
      }
      break;
    case 'DataSource':
      if (doc.spec.type === undefined) {
        r.error('spec.type', 'is required: the kind of source, such as Prometheus');
      }
      if (doc.spec.connectionDetails === undefined) {
        r.error('spec.connectionDetails', 'is required: how to reach the source');
      }
      break;
    case 'Service':
    case 'SLO':
      break;
  }
}

/** The shape of an SLI: one of ratioMetric and thresholdMetric; good or bad with total, or raw. */
export function checkSli(sli: SliSpec, path: string, r: Reporter): void {
  if (sli.ratioMetric && sli.thresholdMetric) {
    r.error(`${path}.thresholdMetric`, 'give ratioMetric or thresholdMetric, not both');
    return;
  }
  if (!sli.ratioMetric && !sli.thresholdMetric) {
    r.error(`${path}.ratioMetric`, 'is required: give ratioMetric (good or bad, and total) or thresholdMetric');
    return;
  }
  const metric = sli.ratioMetric;
  if (!metric || metric.raw) {
    return;
  }
  const p = `${path}.ratioMetric`;
  if (!metric.total) {
    r.error(`${p}.total`, 'is required, with good or bad');
  } else if ((metric.good === undefined) === (metric.bad === undefined)) {
    r.error(`${p}.${metric.good ? 'bad' : 'good'}`, 'give exactly one of good and bad (with total)');
  }
}

export function checkPolicy(policy: PolicySpec, path: string, index: FileIndex, r: Reporter): void {
  const conditions = policy.conditions ?? [];
  if (conditions.length === 0) {
    r.error(`${path}.conditions`, 'is required: one alert condition (inline or by conditionRef)');
  } else if (conditions.length > 1) {
    r.error(
      `${path}.conditions`,
      `holds ${conditions.length} conditions: an OpenSLO AlertPolicy has one; give each condition its own policy`
    );
  }
  conditions.forEach((condition, i) => {
    const at = `${path}.conditions[${i}]`;
    if (condition.conditionRef !== undefined) {
      if (condition.spec !== undefined) {
        r.error(at, 'give conditionRef or an inline AlertCondition, not both');
      } else if (!index.AlertCondition.has(condition.conditionRef)) {
        r.error(`${at}.conditionRef`, `no AlertCondition named ${quote(condition.conditionRef)} in ${index.scope}`);
      }
    } else if (condition.spec === undefined) {
      r.error(at, 'give conditionRef or an inline AlertCondition (kind, metadata, spec)');
    } else if (condition.kind !== undefined && condition.kind !== 'AlertCondition') {
      r.error(`${at}.kind`, `must be AlertCondition, got ${quoteValue(condition.kind)}`);
    } else {
      checkCondition(condition.spec, `${at}.spec`, r);
    }
  });
  (policy.notificationTargets ?? []).forEach((target, i) => {
    const at = `${path}.notificationTargets[${i}]`;
    if (target.targetRef !== undefined) {
      if (target.spec !== undefined) {
        r.error(at, 'give targetRef or an inline AlertNotificationTarget, not both');
      } else if (!index.AlertNotificationTarget.has(target.targetRef)) {
        r.error(`${at}.targetRef`, `no AlertNotificationTarget named ${quote(target.targetRef)} in ${index.scope}`);
      }
    } else if (target.spec === undefined) {
      r.error(at, 'give targetRef or an inline AlertNotificationTarget (kind, metadata, spec)');
    } else if (target.kind !== undefined && target.kind !== 'AlertNotificationTarget') {
      r.error(`${at}.kind`, `must be AlertNotificationTarget, got ${quoteValue(target.kind)}`);
    } else if (target.spec.target === undefined) {
      r.error(`${at}.spec.target`, 'is required: where notifications go, such as slack or pagerduty');
    }
  });
}

/** An alert condition as the spec has it: severity, and a burnrate condition with op, threshold and lookbackWindow. */
export function checkCondition(spec: ConditionSpec, path: string, r: Reporter): void {
  const { kind, op, threshold, lookbackWindow } = spec.condition;
  if (spec.severity === undefined) {
    r.error(`${path}.severity`, 'is required: such as page or ticket');
  }
  const at = `${path}.condition`;
  if (kind === undefined) {
    r.error(`${at}.kind`, 'is required: burnrate');
  }
  if (op === undefined) {
    r.error(`${at}.op`, 'is required: lt, lte, gt or gte');
  } else if (!CONDITION_OPS.includes(op)) {
    r.error(`${at}.op`, `must be lt, lte, gt or gte, got ${quoteValue(op)}`);
  }
  if (threshold === undefined) {
    r.error(`${at}.threshold`, 'is required: the burn rate that fires the alert, such as 14.4');
  }
  if (lookbackWindow === undefined) {
    r.error(`${at}.lookbackWindow`, 'is required: the window the burn rate is measured over, such as 1h');
  }
}
