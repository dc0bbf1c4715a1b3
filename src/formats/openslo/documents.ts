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
    const inline = referenceOrInline(condition, condition.conditionRef, at, 'conditionRef', 'AlertCondition', index, r);
    if (inline) {
      checkCondition(inline, `${at}.spec`, r);
    }
  });
  (policy.notificationTargets ?? []).forEach((target, i) => {
    const at = `${path}.notificationTargets[${i}]`;
    const inline = referenceOrInline(target, target.targetRef, at, 'targetRef', 'AlertNotificationTarget', index, r);
    if (inline && inline.target === undefined) {
      r.error(`${at}.spec.target`, 'is required: where notifications go, such as slack or pagerduty');
    }
  });
}

/**
 * An object of a policy given either by reference to one of `kind` elsewhere in the catalogue, or inline:
 * reports a reference that names nothing, both at once, neither, or an inline object of another kind.
 * Returns the inline object's spec when there is one to check further.
 */
function referenceOrInline<Spec>(
  item: { kind?: string; spec?: Spec },
  ref: string | undefined,
  at: string,
  refKey: string,
  kind: 'AlertCondition' | 'AlertNotificationTarget',
  index: FileIndex,
  r: Reporter
): Spec | undefined {
  if (ref !== undefined) {
    if (item.spec !== undefined) {
      r.error(at, `give ${refKey} or an inline ${kind}, not both`);
    } else if (!index[kind].has(ref)) {
      r.error(`${at}.${refKey}`, `no ${kind} named ${quote(ref)} in ${index.scope}`);
    }
    return undefined;
  }
  if (item.spec === undefined) {
    r.error(at, `give ${refKey} or an inline ${kind} (kind, metadata, spec)`);
    return undefined;
  }
  if (item.kind !== undefined && item.kind !== kind) {
    r.error(`${at}.kind`, `must be ${kind}, got ${quoteValue(item.kind)}`);
    return undefined;
  }
  return item.spec;
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
