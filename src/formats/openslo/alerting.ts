/** The alert policies and conditions of an OpenSLO SLO (inline or by reference) as Burnrate alerting. */
import { quote, quoteValue } from '../../slo/quote';
import Big from 'big.js';
import type { Alerting, BurnRateAlert, Severity } from '../../slo/types';
import { formatPromDuration, parsePromDuration } from '../../slo/duration';
import { parseDecimalField } from '../../slo/values';
import { ANNOTATION_PREFIX, ANNOTATIONS, type Extensions } from './extensions';
import type { Reporter } from './reporter';
import { checkPolicy } from './documents';
import {
  SHORTHAND,
  type ConditionSpec,
  type FileIndex,
  type OpenSloInput,
  type PolicySpec,
  type SloSpec,
} from './schema';

export function readAlerting(
  spec: SloSpec,
  ext: Extensions | undefined,
  index: FileIndex,
  r: Reporter
): Alerting | undefined {
  const alerting: Alerting = { enabled: true, labels: {}, ...ext?.alerting };
  const policies = spec.alertPolicies ?? [];
  if (ext?.alerting.burnRates !== undefined) {
    if (policies.length > 0) {
      r.warn(
        'spec.alertPolicies',
        `not imported: the ${ANNOTATION_PREFIX}${ANNOTATIONS.burnRates} annotation gives the alerts`
      );
    }
    return alerting;
  }
  if (policies.length === 0) {
    return alerting;
  }
  const fromPolicies = readAlertPolicies(policies, index, r);
  if (fromPolicies.burnRates.length > 0) {
    alerting.burnRates = fromPolicies.burnRates;
  } else if (!r.failed) {
    r.warn('spec.alertPolicies', 'no burn-rate condition could be imported: the default burn-rate alerts apply');
  }
  if (alerting.noDataFor === undefined && fromPolicies.noDataFor !== undefined) {
    alerting.noDataFor = fromPolicies.noDataFor;
  }
  return alerting;
}

interface InDocument<T> {
  spec: T;
  r: Reporter;
  path: string;
}

function readAlertPolicies(
  policies: NonNullable<SloSpec['alertPolicies']>,
  index: FileIndex,
  r: Reporter
): { burnRates: BurnRateAlert[]; noDataFor?: string } {
  const burnRates: BurnRateAlert[] = [];
  let noDataSeconds: number | undefined;
  const notes = { shortWindow: false };
  policies.forEach((given, i) => {
    const path = `spec.alertPolicies[${i}]`;
    const entry = typeof given === 'string' ? { alertPolicyRef: given } : given;
    const policy = resolveRef<PolicySpec>(entry, 'alertPolicyRef', 'AlertPolicy', index, path, r);
    if (!policy) {
      return;
    }
    const { spec } = policy;
    if (entry.alertPolicyRef === undefined) {
      // An inline policy is checked here; one in a document of its own is checked with the documents.
      checkPolicy(spec, policy.path, index, policy.r);
    }
    if (spec.alertWhenBreaching === false) {
      policy.r.warn(
        `${policy.path}.alertWhenBreaching`,
        'is false: the policy raises no burn-rate alert, so it is not imported'
      );
      return;
    }
    if (spec.alertWhenResolved === true) {
      policy.r.warn(
        `${policy.path}.alertWhenResolved`,
        'ignored: resolved notifications are set in Alertmanager or Grafana'
      );
    }
    if ((spec.notificationTargets ?? []).length > 0) {
      policy.r.warn(
        `${policy.path}.notificationTargets`,
        'not imported: route the alerts by their labels (severity, slo, service, team) in Alertmanager or Grafana'
      );
    }
    (spec.conditions ?? []).forEach((conditionEntry, j) => {
      const conditionPath = `${policy.path}.conditions[${j}]`;
      const condition = resolveRef<ConditionSpec>(
        conditionEntry,
        'conditionRef',
        'AlertCondition',
        index,
        conditionPath,
        policy.r
      );
      if (!condition) {
        return;
      }
      const alert = readCondition(condition, notes);
      if (alert) {
        burnRates.push(alert.burnRate);
        if (spec.alertWhenNoData === true) {
          noDataSeconds = Math.min(noDataSeconds ?? Infinity, alert.lookbackSeconds);
        }
      }
    });
  });
  return { burnRates, ...(noDataSeconds !== undefined && { noDataFor: formatPromDuration(noDataSeconds) }) };
}

/** An inline object (kind, metadata, spec) or a reference to a document of the file by name. */
function resolveRef<T>(
  entry: { kind?: string; spec?: T } & Partial<Record<'alertPolicyRef' | 'conditionRef', string>>,
  refKey: 'alertPolicyRef' | 'conditionRef',
  kind: 'AlertPolicy' | 'AlertCondition',
  index: FileIndex,
  path: string,
  r: Reporter
): InDocument<T> | undefined {
  const documents = index[kind] as Map<string, OpenSloInput & { doc: { spec: T } }>;
  const scope = index.scope;
  const ref = entry[refKey];
  if (ref !== undefined) {
    if (entry.spec !== undefined) {
      r.error(path, `give ${refKey} or an inline ${kind}, not both`);
      return undefined;
    }
    const found = documents.get(ref);
    if (!found) {
      r.error(`${path}.${refKey}`, `no ${kind} named ${quote(ref)} in ${scope}`);
      return undefined;
    }
    return { spec: found.doc.spec, r: r.in(found), path: 'spec' };
  }
  if (entry.spec === undefined) {
    r.error(path, `give ${refKey} or an inline ${kind} (kind, metadata, spec)`);
    return undefined;
  }
  if (entry.kind !== undefined && entry.kind !== kind) {
    r.error(`${path}.kind`, `must be ${kind}, got ${quoteValue(entry.kind)}`);
    return undefined;
  }
  return { spec: entry.spec, r, path: `${path}.spec` };
}

function readCondition(
  located: InDocument<ConditionSpec>,
  notes: { shortWindow: boolean }
): { burnRate: BurnRateAlert; lookbackSeconds: number } | undefined {
  const { spec, r } = located;
  const path = `${located.path}.condition`;
  const { kind, op, threshold, lookbackWindow, alertAfter } = spec.condition;
  if (kind !== undefined && kind !== 'burnrate') {
    r.warn(`${path}.kind`, `a ${kind} condition is not imported: Burnrate reads burnrate conditions`);
    return undefined;
  }
  // gt and gte fire alike on a burn rate, a measured ratio that does not sit on the threshold.
  if (op !== 'gt' && op !== 'gte') {
    r.error(
      `${path}.op`,
      op === 'lt' || op === 'lte'
        ? `is ${op}: a burn-rate condition alerts while the error budget burns faster than the threshold; ${op} would` +
            ` alert while the service is healthy (no errors is a burn rate of 0). Write op: gt (or gte)`
        : `must be gt or gte for a burnrate condition, got ${quoteValue(op)}`
    );
    return undefined;
  }
  if (threshold === undefined) {
    r.error(`${path}.threshold`, 'is required: the burn rate that fires the alert, such as 14.4');
    return undefined;
  }
  const factor = r.collect((issues) => parseDecimalField(threshold, `${path}.threshold`, issues));
  if (factor === undefined) {
    return undefined;
  }
  if (!new Big(factor).gt(0)) {
    r.error(`${path}.threshold`, `must be a positive burn rate, got ${factor}`);
    return undefined;
  }
  if (lookbackWindow === undefined) {
    r.error(`${path}.lookbackWindow`, 'is required: the window the burn rate is measured over, such as 1h');
    return undefined;
  }
  const lookbackSeconds = alertDurationSeconds(lookbackWindow);
  if (lookbackSeconds === undefined) {
    r.error(`${path}.lookbackWindow`, `must be a duration such as 1h or 6h, got ${quoteValue(lookbackWindow)}`);
    return undefined;
  }
  // A zero alertAfter (0m) fires at once, as no for: does.
  const alertAfterSeconds =
    alertAfter === undefined ? undefined : /^0+[a-zA-Z]*$/.test(alertAfter) ? 0 : alertDurationSeconds(alertAfter);
  if (alertAfter !== undefined && alertAfterSeconds === undefined) {
    r.error(`${path}.alertAfter`, `must be a duration such as 5m, got ${quoteValue(alertAfter)}`);
    return undefined;
  }
  const shortSeconds = Math.max(1, Math.round(lookbackSeconds / 12));
  if (!notes.shortWindow) {
    notes.shortWindow = true;
    r.warn(
      `${path}.lookbackWindow`,
      'OpenSLO gives one window; Burnrate also checks a short window of 1/12 of it (5m for 1h, as the SRE workbook does) so that alerts resolve soon after the burn stops'
    );
  }
  const severity = readSeverity(spec.severity, `${located.path}.severity`, r);
  return {
    burnRate: {
      severity,
      longWindow: formatPromDuration(lookbackSeconds),
      shortWindow: formatPromDuration(shortSeconds),
      factor,
      // The rule's for: the burn must last this long before the alert fires.
      ...(alertAfterSeconds !== undefined && alertAfterSeconds > 0 && { for: formatPromDuration(alertAfterSeconds) }),
    },
    lookbackSeconds,
  };
}

/** Seconds of an OpenSLO duration (a number and m, h, d or w) or of a Prometheus duration. */
function alertDurationSeconds(text: string): number | undefined {
  const shorthand = SHORTHAND.exec(text);
  if (shorthand && ['M', 'Q', 'Y'].includes(shorthand[2])) {
    return undefined;
  }
  return parsePromDuration(text);
}

const PAGE_SEVERITIES = /^(page|critical|high|urgent|sev[-_ ]?[01]|p[01])$/i;
const TICKET_SEVERITIES = /^(ticket|warning|medium|low|info|sev[-_ ]?[2-5]|p[2-5])$/i;

function readSeverity(severity: string | undefined, path: string, r: Reporter): Severity {
  if (severity === 'page' || severity === 'ticket') {
    return severity;
  }
  if (severity !== undefined && PAGE_SEVERITIES.test(severity)) {
    r.warn(path, `${quote(severity)} read as page (Burnrate severities are page and ticket)`);
    return 'page';
  }
  r.warn(
    path,
    severity === undefined
      ? 'is missing: read as ticket'
      : `${quote(severity)} read as ticket (Burnrate severities are page and ticket)${TICKET_SEVERITIES.test(severity) ? '' : '; say page for alerts that must wake someone'}`
  );
  return 'ticket';
}
