import { z } from 'zod';
import type { BudgetPolicy, Indicator, Objective, Slo, TierName, TimeSlices, ValidationIssue } from '../slo/types';
import {
  parseTarget,
  parseWindow,
  parseDecimalField,
  parseSliceTarget,
  parseSliceWindow,
  windowToText,
} from '../slo/values';
import { BUDGET_ACTIONS, BUDGET_STATUSES } from '../slo/budgetPolicy';
import { parsePhases } from '../slo/phases';
import { parseMaintenance } from '../slo/maintenance';
import { quote, quoteValue } from '../slo/quote';
import { lifecycleToRaw, parseLifecycle, SLO_STATUSES } from '../slo/lifecycle';
import { numberOrString, stringMap } from './nativeFields';
import { alertingToNative, exactNumber, nativeAlertingSchema, toAlerting } from './nativeAlerting';

export const NATIVE_API_VERSION = 'burnrate.dev/v1';
export const NATIVE_KIND = 'ServiceLevelObjective';

// A number too large for a float (YAML reads 1e400 as Infinity) is refused here, by its field, in words.
const groupBy = z.array(z.string()).optional().describe('Labels kept on every rule: one SLO per value set.');

const ratioIndicator = z.strictObject({
  type: z.literal('ratio'),
  total: z.string().describe('Selector of the counter of all events, e.g. http_requests_total{job="api"}.'),
  good: z.string().optional().describe('Selector of the counter of good events (or give bad).'),
  bad: z.string().optional().describe('Selector of the counter of bad events (or give good).'),
  groupBy,
});

const latencyIndicator = z.strictObject({
  type: z.literal('latency'),
  histogram: z.string().describe('Histogram base name with matchers, e.g. http_request_duration_seconds{job="api"}.'),
  threshold: numberOrString.describe('Upper bound of a good request, in the histogram unit; a bucket boundary.'),
  native: z.boolean().optional().describe('Native histogram (histogram_fraction) instead of le buckets.'),
  groupBy,
});

const thresholdIndicator = z.strictObject({
  type: z.literal('threshold'),
  expr: z.string().describe('PromQL of a gauge, e.g. time() - pipeline_last_success_timestamp_seconds.'),
  operator: z.enum(['<', '<=', '>', '>=']).describe('A sample is good when expr <operator> threshold.'),
  threshold: numberOrString,
  groupBy,
});

const advancedIndicator = z.strictObject({
  type: z.literal('advanced'),
  total: z.string().describe('PromQL giving all events per second; {{.window}} is replaced by the rate window.'),
  good: z.string().optional(),
  bad: z.string().optional(),
  groupBy,
});

const errorRatioIndicator = z.strictObject({
  type: z.literal('errorRatio'),
  expr: z
    .string()
    .describe(
      'PromQL of a precomputed error ratio in [0, 1] over {{.window}} (Sloth raw SLI). Approximate: each window' +
        ' averages its samples.'
    ),
  groupBy,
});

const timeSlicesSchema = z
  .strictObject({
    window: z.string().describe('Length of a slice, from 1m to 5m, dividing the SLO window evenly, e.g. 1m.'),
    score: z
      .enum(['good', 'ratio'])
      .optional()
      .describe(
        'How a slice counts. good (the default): 1 when it reaches target, else 0; the objective is the share of' +
          ' good slices (OpenSLO Timeslices). ratio: its own good ratio (for a threshold SLI the share of its' +
          " samples that meet the condition); the objective is the mean of the slices' good ratios (OpenSLO" +
          ' RatioTimeslices), so a slice at 50% costs half a bad slice whatever its traffic.'
      ),
    target: numberOrString
      .optional()
      .describe(
        'With score good: the good ratio a slice must reach to be good, in (0, 1], e.g. 0.95 or "95%"; required' +
          ' for ratio, latency and advanced SLIs. For a threshold SLI the share of its samples that must meet the' +
          ' condition; without it, every sample must. Not allowed with score ratio.'
      ),
  })
  .describe(
    'Budget by time slices (OpenSLO Timeslices or RatioTimeslices): each slice scores 1 or 0 (good or bad), or' +
      ' its good ratio; slices without traffic are not counted. Without it, events are counted.'
  );

const budgetActions = z
  .array(z.enum(BUDGET_ACTIONS))
  .optional()
  .describe('Actions at this status, in order; an empty list: ship as normal.');
const budgetNote = z.string().optional();

const budgetPolicySchema = z
  .strictObject({
    healthy: budgetActions,
    attention: budgetActions,
    warning: budgetActions,
    critical: budgetActions,
    exhausted: budgetActions,
    notes: z
      .strictObject({
        healthy: budgetNote,
        attention: budgetNote,
        warning: budgetNote,
        critical: budgetNote,
        exhausted: budgetNote,
      })
      .optional()
      .describe('Free text per status, e.g. who approves exceptions to a freeze.'),
  })
  .describe('Error budget policy: the actions at each budget status; a status left out asks for none.');

/** The native SLO document, `apiVersion: burnrate.dev/v1`, `kind: ServiceLevelObjective`. */
export const nativeDocumentSchema = z.strictObject({
  apiVersion: z.literal(NATIVE_API_VERSION),
  kind: z.literal(NATIVE_KIND),
  metadata: z.strictObject({
    name: z.string().describe('Unique SLO name, the slo label of every rule.'),
    uid: z.string().optional().describe('Stable id, the slo_uid label; keep it when renaming. Defaults to name.'),
    displayName: z.string().optional(),
  }),
  spec: z.strictObject({
    service: z.string(),
    datasource: z
      .strictObject({ uid: z.string().describe("The datasource uid, as in Grafana's datasource settings URL.") })
      .optional()
      .describe(
        'The Prometheus-compatible datasource that holds the metrics and runs the rules; the app default without it.'
      ),
    description: z.string().optional(),
    owner: z.string().optional(),
    tier: z.enum(['critical', 'essential', 'standard', 'best_effort']).optional(),
    labels: stringMap.optional().describe('Copied onto every recorded series and alert.'),
    indicator: z.discriminatedUnion('type', [
      ratioIndicator,
      latencyIndicator,
      thresholdIndicator,
      advancedIndicator,
      errorRatioIndicator,
    ]),
    timeSlices: timeSlicesSchema.optional(),
    objectives: z
      .array(
        z.strictObject({
          target: numberOrString.describe('Ratio in (0, 1) such as 0.999, or a percentage string such as "99.9%".'),
          window: z.string().describe('Rolling duration (7d, 28d, 30d, ...) or calendar "week" / "month".'),
          displayName: z.string().optional(),
          phases: z
            .array(
              z.strictObject({
                from: z.string().describe('Date the phase starts, 00:00 UTC: YYYY-MM-DD.'),
                target: numberOrString.describe('The target from that date on.'),
              })
            )
            .optional()
            .describe('Progressive targets: each replaces the target from its date on, in date order.'),
        })
      )
      .min(1),
    alerting: nativeAlertingSchema.optional(),
    annotations: stringMap.optional().describe('runbook, dashboard and any other links.'),
    budgetPolicy: budgetPolicySchema
      .optional()
      .describe('Error budget policy; without it the default policy applies (see the README).'),
    maintenance: z
      .array(
        z.strictObject({
          start: z.string().describe('Start, a date and time with its zone on a whole minute: 2026-12-06T02:00:00Z.'),
          end: z.string().describe('End, after the start (the window covers start up to end).'),
          repeat: z.literal('weekly').optional().describe('Again every 7 days from the start.'),
          reason: z.string().describe('Why: shown on the dashboards and in reports.'),
        })
      )
      .optional()
      .describe('Maintenance windows: their events do not count against the budget and alerts stay quiet.'),
    status: z
      .enum(SLO_STATUSES, { error: `must be one of ${SLO_STATUSES.join(', ')}` })
      .optional()
      .describe(
        'active (the default): records and alerts as configured. draft: records, and every alert that would page' +
          ' is a ticket. retired: records (the history stays) but has no alerts.'
      ),
    owners: z
      .strictObject({
        product: z.string().optional().describe('Owns the promise to the users: agrees the target.'),
        sre: z.string().optional().describe('Owns the measurement and the alerts.'),
      })
      .optional()
      .describe('Who answers for the SLO: a name, a team or a Grafana team each.'),
    review: z
      .strictObject({
        interval: z.string().optional().describe('How often it is reviewed, a duration such as 90d (the default).'),
        last: z
          .strictObject({
            date: z.string().describe('The date of the last review, YYYY-MM-DD.'),
            by: z.string().describe('Who reviewed it.'),
            note: z.string().optional().describe('What was decided.'),
          })
          .optional(),
      })
      .optional()
      .describe('Regular review with the owners: due an interval after the last review.'),
  }),
});

export type NativeDocument = z.infer<typeof nativeDocumentSchema>;

export interface ParseResult {
  slo?: Slo;
  issues: ValidationIssue[];
}

/**
 * Turns a parsed YAML/JSON value into an Slo, or reports every structural problem by field path.
 * An Slo may come back together with errors (an objective that did not parse is left out of it):
 * callers treat any issue of severity 'error' as a failed document.
 */
export function parseNativeDocument(value: unknown): ParseResult {
  // The input is reported so that messages can quote the value at fault (an unknown action, a wrong type).
  const parsed = nativeDocumentSchema.safeParse(value, { reportInput: true });
  if (!parsed.success) {
    return { issues: parsed.error.issues.map(zodIssueToValidationIssue) };
  }
  return fromNativeDocument(parsed.data);
}

function fromNativeDocument(doc: NativeDocument): ParseResult {
  const issues: ValidationIssue[] = [];
  const { spec, metadata } = doc;
  const objectives: Objective[] = [];
  spec.objectives.forEach((o, i) => {
    const target = parseTarget(o.target, `spec.objectives[${i}].target`, issues);
    const window = parseWindow(o.window, `spec.objectives[${i}].window`, issues);
    const phases = o.phases ? parsePhases(o.phases, `spec.objectives[${i}].phases`, issues) : undefined;
    if (target !== undefined && window !== undefined && (o.phases === undefined || phases !== undefined)) {
      objectives.push({
        target,
        window,
        ...(o.displayName !== undefined && { displayName: o.displayName }),
        ...(phases !== undefined && phases.length > 0 && { phases }),
      });
    }
  });
  const indicator = toIndicator(spec.indicator, issues);
  const alerting = toAlerting(spec.alerting, issues);
  const maintenance = spec.maintenance ? parseMaintenance(spec.maintenance, 'spec.maintenance', issues) : undefined;
  const timeSlices = spec.timeSlices ? toTimeSlices(spec.timeSlices, issues) : undefined;
  const lifecycle = parseLifecycle(spec, 'spec', issues);
  // Objectives that do not parse are reported and left out; the rest is still returned so that
  // validation can report every other problem of the document at once.
  if (!indicator || !alerting || (spec.timeSlices && !timeSlices) || !lifecycle) {
    return { issues };
  }
  const slo: Slo = {
    name: metadata.name,
    uid: metadata.uid ?? metadata.name,
    service: spec.service,
    labels: spec.labels ?? {},
    indicator,
    ...(timeSlices !== undefined && { timeSlices }),
    objectives,
    alerting,
    annotations: spec.annotations ?? {},
    ...(metadata.displayName !== undefined && { displayName: metadata.displayName }),
    ...(spec.datasource !== undefined && { datasourceUid: spec.datasource.uid }),
    ...(spec.description !== undefined && { description: spec.description }),
    ...(spec.owner !== undefined && { owner: spec.owner }),
    ...(spec.tier !== undefined && { tier: spec.tier as TierName }),
    ...(spec.budgetPolicy !== undefined && { budgetPolicy: toBudgetPolicy(spec.budgetPolicy) }),
    ...(maintenance !== undefined && maintenance.length > 0 && { maintenance }),
    ...lifecycle,
  };
  return { slo, issues };
}

type NativeTimeSlices = NonNullable<NativeDocument['spec']['timeSlices']>;

function toTimeSlices(native: NativeTimeSlices, issues: ValidationIssue[]): TimeSlices | undefined {
  const slice = parseSliceWindow(native.window, 'spec.timeSlices.window', issues);
  const target =
    native.target === undefined ? undefined : parseSliceTarget(native.target, 'spec.timeSlices.target', issues);
  if (!slice || (native.target !== undefined && target === undefined)) {
    return undefined;
  }
  return {
    ...slice,
    ...(native.score !== undefined && { score: native.score }),
    ...(target !== undefined && { target }),
  };
}

type NativeBudgetPolicy = NonNullable<NativeDocument['spec']['budgetPolicy']>;

function toBudgetPolicy(native: NativeBudgetPolicy): BudgetPolicy {
  const policy: BudgetPolicy = { actions: {}, notes: {} };
  for (const status of BUDGET_STATUSES) {
    const actions = native[status];
    if (actions !== undefined) {
      policy.actions[status] = [...actions];
    }
    const note = native.notes?.[status];
    if (note !== undefined) {
      policy.notes[status] = note;
    }
  }
  return policy;
}

function budgetPolicyToNative(policy: BudgetPolicy): NativeBudgetPolicy {
  const out: NativeBudgetPolicy = {};
  const notes: NonNullable<NativeBudgetPolicy['notes']> = {};
  for (const status of BUDGET_STATUSES) {
    const actions = policy.actions[status];
    if (actions !== undefined) {
      out[status] = [...actions];
    }
    const note = policy.notes[status];
    if (note !== undefined) {
      notes[status] = note;
    }
  }
  if (Object.keys(notes).length > 0) {
    out.notes = notes;
  }
  return out;
}

function toIndicator(indicator: NativeDocument['spec']['indicator'], issues: ValidationIssue[]): Indicator | undefined {
  const path = 'spec.indicator';
  const groupBy = indicator.groupBy ?? [];
  switch (indicator.type) {
    case 'ratio':
    case 'advanced': {
      const { good, bad } = indicator;
      if ((good === undefined) === (bad === undefined)) {
        issues.push({
          path: `${path}.${good === undefined ? 'bad' : 'good'}`,
          message: 'give exactly one of good and bad (with total)',
          severity: 'error',
        });
        return undefined;
      }
      return {
        type: indicator.type,
        total: indicator.total,
        ...(good !== undefined ? { good } : { bad }),
        groupBy,
      };
    }
    case 'latency': {
      const threshold = parseDecimalField(indicator.threshold, `${path}.threshold`, issues);
      return threshold === undefined
        ? undefined
        : { type: 'latency', histogram: indicator.histogram, threshold, native: indicator.native ?? false, groupBy };
    }
    case 'threshold': {
      const threshold = parseDecimalField(indicator.threshold, `${path}.threshold`, issues);
      return threshold === undefined
        ? undefined
        : { type: 'threshold', expr: indicator.expr, operator: indicator.operator, threshold, groupBy };
    }
    case 'errorRatio':
      return { type: 'errorRatio', expr: indicator.expr, groupBy };
  }
}

/** The native document of an Slo: what the user wrote, with no defaults added. */
export function toNativeDocument(slo: Slo): NativeDocument {
  const spec: NativeDocument['spec'] = {
    service: slo.service,
    ...(slo.datasourceUid !== undefined && { datasource: { uid: slo.datasourceUid } }),
    ...(slo.description !== undefined && { description: slo.description }),
    ...(slo.owner !== undefined && { owner: slo.owner }),
    ...(slo.tier !== undefined && { tier: slo.tier }),
    ...(Object.keys(slo.labels).length > 0 && { labels: slo.labels }),
    indicator: indicatorToNative(slo.indicator),
    ...(slo.timeSlices && {
      timeSlices: {
        window: slo.timeSlices.window,
        ...(slo.timeSlices.score !== undefined && { score: slo.timeSlices.score }),
        ...(slo.timeSlices.target !== undefined && { target: exactNumber(slo.timeSlices.target) }),
      },
    }),
    objectives: slo.objectives.map((o) => ({
      target: exactNumber(o.target),
      window: windowToText(o.window),
      ...(o.displayName !== undefined && { displayName: o.displayName }),
      ...(o.phases &&
        o.phases.length > 0 && { phases: o.phases.map((p) => ({ from: p.from, target: exactNumber(p.target) })) }),
    })),
  };
  const alerting = alertingToNative(slo.alerting);
  if (alerting) {
    spec.alerting = alerting;
  }
  if (Object.keys(slo.annotations).length > 0) {
    spec.annotations = slo.annotations;
  }
  if (slo.budgetPolicy) {
    spec.budgetPolicy = budgetPolicyToNative(slo.budgetPolicy);
  }
  if (slo.maintenance && slo.maintenance.length > 0) {
    spec.maintenance = slo.maintenance.map((w) => ({
      start: w.start,
      end: w.end,
      ...(w.repeat && { repeat: w.repeat }),
      reason: w.reason,
    }));
  }
  Object.assign(spec, lifecycleToRaw(slo) satisfies Partial<NativeDocument['spec']>);
  return {
    apiVersion: NATIVE_API_VERSION,
    kind: NATIVE_KIND,
    metadata: {
      name: slo.name,
      ...(slo.uid !== slo.name && { uid: slo.uid }),
      ...(slo.displayName !== undefined && { displayName: slo.displayName }),
    },
    spec,
  };
}

function indicatorToNative(indicator: Indicator): NativeDocument['spec']['indicator'] {
  const groupBy = indicator.groupBy.length > 0 ? { groupBy: indicator.groupBy } : {};
  switch (indicator.type) {
    case 'ratio':
    case 'advanced':
      return {
        type: indicator.type,
        total: indicator.total,
        ...(indicator.good !== undefined ? { good: indicator.good } : { bad: indicator.bad }),
        ...groupBy,
      };
    case 'latency':
      return {
        type: 'latency',
        histogram: indicator.histogram,
        threshold: exactNumber(indicator.threshold),
        ...(indicator.native && { native: true }),
        ...groupBy,
      };
    case 'threshold':
      return {
        type: 'threshold',
        expr: indicator.expr,
        operator: indicator.operator,
        threshold: exactNumber(indicator.threshold),
        ...groupBy,
      };
    case 'errorRatio':
      return { type: 'errorRatio', expr: indicator.expr, ...groupBy };
  }
}

/** Field path in the form `spec.objectives[0].target`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`)).join('');
}

const BUDGET_POLICY_PATH = /^spec\.budgetPolicy(\.notes)?$/;

function zodIssueToValidationIssue(issue: z.core.$ZodIssue): ValidationIssue {
  const path = formatPath(issue.path);
  switch (issue.code) {
    case 'unrecognized_keys':
      if (BUDGET_POLICY_PATH.test(path)) {
        // A misspelt status is the likely cause: name the statuses rather than "unknown field".
        const known = path.endsWith('.notes') ? BUDGET_STATUSES : [...BUDGET_STATUSES, 'notes'];
        return {
          path: issue.keys.map((k) => `${path}.${k}`).join(', '),
          message: `unknown status ${issue.keys.map((k) => quote(k)).join(', ')}; known: ${known.join(', ')}`,
          severity: 'error',
        };
      }
      return {
        path: issue.keys.map((k) => (path ? `${path}.${k}` : k)).join(', '),
        message: `unknown field${issue.keys.length > 1 ? 's' : ''}: remove or rename ${issue.keys.map((k) => quote(k)).join(', ')}`,
        severity: 'error',
      };
    case 'invalid_union':
      if (path.endsWith('indicator') || path.endsWith('indicator.type')) {
        return {
          path: path.endsWith('.type') ? path : `${path}.type`,
          message: 'must be one of ratio, latency, threshold, advanced, errorRatio',
          severity: 'error',
        };
      }
      break;
    case 'invalid_type':
      if (issue.input === undefined) {
        return { path, message: `is required (${issue.expected})`, severity: 'error' };
      }
      if (issue.expected === 'array' && /^spec\.budgetPolicy\.\w+$/.test(path)) {
        return {
          path,
          message: 'must be a list of actions, e.g. [freeze-features, postmortem-required]',
          severity: 'error',
        };
      }
      break;
    case 'invalid_value':
      if (path.startsWith('spec.budgetPolicy.')) {
        return {
          path,
          message: `unknown action ${quoteValue(issue.input)}; known: ${BUDGET_ACTIONS.join(', ')}`,
          severity: 'error',
        };
      }
      break;
    default:
      break;
  }
  return { path, message: issue.message, severity: 'error' };
}
