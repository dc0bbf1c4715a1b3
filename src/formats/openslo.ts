/**
 * OpenSLO v1 (https://github.com/OpenSLO/OpenSLO): import of SLO, SLI, Service, AlertPolicy,
 * AlertCondition, AlertNotificationTarget and DataSource documents, and export of an Slo as a Service
 * and an SLO with its indicator inline.
 *
 * What maps where:
 * - SLO `spec.service` -> service; `metadata.labels` -> labels (a list of values is joined with ",");
 *   `metadata.annotations` -> annotations, except the `burnrate.dev/` keys, which carry what OpenSLO
 *   has no field for (uid, owner, tier, groupBy, alerting, more objectives, the error budget policy) so
 *   that an export imports back to the same Slo.
 * - The SLI, inline (`indicator`) or by name (`indicatorRef`): a `ratioMetric` whose queries are plain
 *   counter selectors is a `ratio` indicator (a `latency` one when good is `<h>_bucket{le="x"}` and
 *   total `<h>_count` with the same matchers); other PromQL is an `advanced` indicator, used as it is
 *   (with `counter: true`, a bare selector among other queries is read as `rate(<selector>[{{.window}}])`).
 *   A `thresholdMetric` is a `threshold` indicator, with the objective's `op` and `value`.
 * - `timeWindow`: rolling durations (28d, 4w, ...); calendar `1w` and `1M` are the calendar week and
 *   month (UTC, weeks from Monday).
 * - `budgetingMethod`: Occurrences counts events; Timeslices counts good time slices, with the first
 *   objective's `timeSliceWindow` (a duration such as 1m) and `timeSliceTarget` (for a thresholdMetric
 *   only 1: a slice is good when every data point met the condition). RatioTimeslices is refused.
 * - Objectives share the SLO's one time window, and Burnrate needs a distinct window per objective:
 *   the first objective is imported and the others are reported.
 * - Alert policies (inline or by `alertPolicyRef`) with `burnrate` conditions (inline or by
 *   `conditionRef`) become burn-rate alerts: threshold -> factor, lookbackWindow -> long window, with a
 *   short window of 1/12 of it; `alertWhenNoData` -> a no-data alert after the shortest lookback window.
 *   What cannot be carried over (alertAfter, lt/lte conditions, notification targets) is a warning.
 *
 * Export writes ratio and classic latency indicators as counter selectors (`counter: true`), advanced
 * and native-histogram ones as PromQL rates (`counter: false`, with `{{.window}}`), and threshold ones
 * as a `thresholdMetric` with the objective's `op` and `value`. When the queries alone would not read
 * back to the same indicator (a native histogram, a selector written unusually), the
 * `burnrate.dev/indicator` annotation holds it; import uses it only while the queries still are the
 * ones it exports to.
 */
import { z } from 'zod';
import Big from 'big.js';
import type {
  Alerting,
  BudgetPolicy,
  BurnRateAlert,
  Decimal,
  Indicator,
  Objective,
  Severity,
  Slo,
  SloWindow,
  MaintenanceWindow,
  TargetPhase,
  ThresholdOperator,
  TimeSlices,
  ValidationIssue,
} from '../slo/types';
import { formatPromDuration, parsePromDuration } from '../slo/duration';
import { quote, quoteIfUnusual, quoteValue } from '../slo/quote';
import {
  parseDecimalField,
  parseSliceTarget,
  parseSliceWindow,
  parseTarget,
  parseWindow,
  toDecimal,
} from '../slo/values';
import { findPromqlSyntaxError, parseVectorSelector, type LabelMatcher, type VectorSelector } from '../promql/parse';
import { formatSelector } from '../promql/format';
import { leMatcher } from '../promql/sli';
import { SLO_LABELS } from '../promql/slo';
import { NATIVE_API_VERSION, NATIVE_KIND, parseNativeDocument, toNativeDocument, type NativeDocument } from './native';
import type { DocumentSchemas, FileIssue } from './load';

export const OPENSLO_API_VERSION = 'openslo/v1';
export const OPENSLO_KINDS = [
  'SLO',
  'SLI',
  'Service',
  'AlertPolicy',
  'AlertCondition',
  'AlertNotificationTarget',
  'DataSource',
] as const;
export type OpenSloKind = (typeof OPENSLO_KINDS)[number];

/** Prefix of the annotations that carry Burnrate fields with no OpenSLO equivalent. */
export const ANNOTATION_PREFIX = 'burnrate.dev/';

/** The `burnrate.dev/` annotations, by the field they carry. */
export const ANNOTATIONS = {
  uid: 'uid',
  owner: 'owner',
  tier: 'tier',
  /** JSON list of label names. */
  groupBy: 'groupBy',
  /** JSON of the native indicator, written only when the queries alone would not import back to it. */
  indicator: 'indicator',
  /** JSON list of the native objectives after the first (each has its own window). */
  moreObjectives: 'moreObjectives',
  /** "false" when alerting is off. */
  alertingEnabled: 'alertingEnabled',
  /** JSON object of the alert labels. */
  alertLabels: 'alertLabels',
  /** JSON list of the native burn-rate alerts. */
  burnRates: 'burnRates',
  minBadEvents: 'minBadEvents',
  noDataFor: 'noDataFor',
  /** JSON of the native error budget policy (OpenSLO v1 has no policy). */
  budgetPolicy: 'budgetPolicy',
  /** JSON list of the progressive target phases of the first objective ({"from": date, "target": ...}). */
  targetPhases: 'targetPhases',
  /** JSON list of the native maintenance windows (OpenSLO v1 has none). */
  maintenance: 'maintenance',
} as const;
type AnnotationField = keyof typeof ANNOTATIONS;

/** metricSource types whose queries are PromQL (compared without case). */
export const PROMQL_SOURCE_TYPES = ['Prometheus', 'Mimir', 'Cortex', 'Thanos', 'AmazonPrometheus', 'VictoriaMetrics'];

/** Calendar periods start at 00:00 UTC, weeks on Monday: the start time written on export. */
const CALENDAR_START = '2024-01-01 00:00:00';
const UTC_ZONES = new Set(['utc', 'etc/utc', 'gmt', 'etc/gmt', 'z', 'zulu', 'universal', 'etc/universal']);

const OPERATORS: Record<string, ThresholdOperator> = { lt: '<', lte: '<=', gt: '>', gte: '>=' };
const OPERATOR_NAMES: Record<ThresholdOperator, string> = { '<': 'lt', '<=': 'lte', '>': 'gt', '>=': 'gte' };
const RESERVED_LABELS = new Set<string>([...Object.values(SLO_LABELS), 'le', 'alertname']);

function buildSchema(strict: boolean) {
  // Both forms have the same static type; only the strict one refuses unknown fields.
  const obj = <T extends z.ZodRawShape>(shape: T) =>
    (strict ? z.strictObject(shape) : z.object(shape)) as unknown as z.ZodObject<T, z.core.$strip>;
  const text = z.string();
  const number = z.union([z.number(), z.string()]);
  const metadata = obj({
    name: z.string(),
    displayName: text.optional(),
    labels: z.record(z.string(), z.union([z.string(), z.array(z.string())])).optional(),
    annotations: z.record(z.string(), z.string()).optional(),
  });
  const metric = obj({
    metricSource: obj({
      metricSourceRef: text.optional(),
      type: text.optional(),
      // Open-ended: each source type has its own fields.
      spec: z.record(z.string(), z.unknown()).optional(),
    }),
  });
  const sliSpec = obj({
    description: text.optional(),
    thresholdMetric: metric.optional(),
    ratioMetric: obj({
      counter: z.boolean().optional(),
      good: metric.optional(),
      bad: metric.optional(),
      total: metric.optional(),
      rawType: text.optional(),
      raw: metric.optional(),
    }).optional(),
  });
  const conditionSpec = obj({
    description: text.optional(),
    severity: text.optional(),
    condition: obj({
      kind: text.optional(),
      op: text.optional(),
      threshold: number.optional(),
      lookbackWindow: text.optional(),
      alertAfter: text.optional(),
    }),
  });
  const policySpec = obj({
    description: text.optional(),
    alertWhenNoData: z.boolean().optional(),
    alertWhenResolved: z.boolean().optional(),
    alertWhenBreaching: z.boolean().optional(),
    conditions: z
      .array(
        obj({
          conditionRef: text.optional(),
          kind: text.optional(),
          metadata: metadata.optional(),
          spec: conditionSpec.optional(),
        })
      )
      .optional(),
    // Notification targets are not imported: any content.
    notificationTargets: z.array(z.unknown()).optional(),
  });
  const sloSpec = obj({
    description: text.optional(),
    service: z.string(),
    indicator: obj({ metadata: metadata.optional(), spec: sliSpec }).optional(),
    indicatorRef: text.optional(),
    timeWindow: z
      .array(
        obj({
          duration: z.string(),
          isRolling: z.boolean().optional(),
          calendar: obj({ startTime: text.optional(), timeZone: text.optional() }).optional(),
        })
      )
      .optional(),
    budgetingMethod: text.optional(),
    objectives: z
      .array(
        obj({
          displayName: text.optional(),
          op: text.optional(),
          value: number.optional(),
          target: number.optional(),
          targetPercent: number.optional(),
          timeSliceTarget: number.optional(),
          timeSliceWindow: number.optional(),
          indicator: z.unknown().optional(),
          indicatorRef: text.optional(),
          compositeWeight: number.optional(),
        })
      )
      .min(1),
    alertPolicies: z
      .array(
        obj({
          alertPolicyRef: text.optional(),
          kind: text.optional(),
          metadata: metadata.optional(),
          spec: policySpec.optional(),
        })
      )
      .optional(),
  });
  const doc = <K extends OpenSloKind, S extends z.ZodType>(kind: K, spec: S) =>
    obj({ apiVersion: z.literal(OPENSLO_API_VERSION), kind: z.literal(kind), metadata, spec });
  return z.discriminatedUnion('kind', [
    doc('SLO', sloSpec),
    doc('SLI', sliSpec),
    doc('Service', obj({ description: text.optional() }).optional()),
    doc('AlertPolicy', policySpec),
    doc('AlertCondition', conditionSpec),
    doc('AlertNotificationTarget', obj({ description: text.optional(), target: text.optional() })),
    doc(
      'DataSource',
      obj({ description: text.optional(), type: text.optional(), connectionDetails: z.unknown().optional() })
    ),
  ]);
}

export const openSloSchemas: DocumentSchemas<ReturnType<typeof buildSchema>> = {
  strict: buildSchema(true),
  loose: buildSchema(false),
};

export type OpenSloDocument = z.output<ReturnType<typeof buildSchema>>;
type DocOf<K extends OpenSloKind> = Extract<OpenSloDocument, { kind: K }>;
type SloSpec = DocOf<'SLO'>['spec'];
type SliSpec = DocOf<'SLI'>['spec'];
type ObjectiveSpec = SloSpec['objectives'][number];
type PolicySpec = DocOf<'AlertPolicy'>['spec'];
type ConditionSpec = DocOf<'AlertCondition'>['spec'];
type MetricSpec = NonNullable<SliSpec['thresholdMetric']>;
type TimeWindowSpec = NonNullable<SloSpec['timeWindow']>[number];

/** One parsed OpenSLO document of a file, with where it is. */
export interface OpenSloInput {
  doc: OpenSloDocument;
  document: number;
  /** Path of the document inside its YAML document ('' or `items[2].`). */
  prefix: string;
}

type Located<K extends OpenSloKind> = OpenSloInput & { doc: DocOf<K> };

/** The documents of a file by kind and name, to resolve references. */
interface FileIndex {
  SLI: Map<string, Located<'SLI'>>;
  Service: Map<string, Located<'Service'>>;
  AlertPolicy: Map<string, Located<'AlertPolicy'>>;
  AlertCondition: Map<string, Located<'AlertCondition'>>;
  DataSource: Map<string, Located<'DataSource'>>;
}

/** Collects the issues of one SLO, wherever in the file they are. */
class Reporter {
  private readonly state: { errors: number };

  constructor(
    private readonly out: FileIssue[],
    private readonly at: { document: number; prefix: string },
    private readonly slo: string | undefined,
    state?: { errors: number }
  ) {
    this.state = state ?? { errors: 0 };
  }

  get failed(): boolean {
    return this.state.errors > 0;
  }

  /** The same SLO's issues in another document (a referenced SLI or alert policy). */
  in(input: OpenSloInput): Reporter {
    return new Reporter(this.out, input, this.slo, this.state);
  }

  error(path: string, message: string): void {
    this.push({ path, message, severity: 'error' });
  }

  warn(path: string, message: string): void {
    this.push({ path, message, severity: 'warning' });
  }

  push(issue: ValidationIssue): void {
    if (issue.severity === 'error') {
      this.state.errors++;
    }
    this.out.push({
      ...issue,
      path: this.at.prefix + issue.path,
      document: this.at.document,
      ...(this.slo !== undefined && { slo: this.slo }),
    });
  }

  /** Runs a validator of slo/values.ts and keeps its issues. */
  collect<T>(run: (issues: ValidationIssue[]) => T): T {
    const issues: ValidationIssue[] = [];
    const result = run(issues);
    issues.forEach((issue) => this.push(issue));
    return result;
  }
}

/** A reporter that keeps nothing: for trying an import silently. */
function silentReporter(): Reporter {
  return new Reporter([], { document: 0, prefix: '' }, undefined);
}

/**
 * Reads the SLOs of the OpenSLO documents of one file. References (indicatorRef, alertPolicyRef,
 * conditionRef, metricSourceRef, service) are resolved by name among these documents.
 */
export function importOpenSlo(inputs: OpenSloInput[]): {
  slos: Array<{ slo: Slo; document: number }>;
  issues: FileIssue[];
} {
  const issues: FileIssue[] = [];
  const index: FileIndex = {
    SLI: new Map(),
    Service: new Map(),
    AlertPolicy: new Map(),
    AlertCondition: new Map(),
    DataSource: new Map(),
  };
  const seen = new Map<string, OpenSloInput>();
  for (const input of inputs) {
    const { kind, metadata } = input.doc;
    const key = `${kind}/${metadata.name}`;
    const earlier = seen.get(key);
    if (earlier) {
      new Reporter(issues, input, kind === 'SLO' ? metadata.name : undefined).error(
        'metadata.name',
        `document ${earlier.document} already defines the ${kind} ${quote(metadata.name)}: names must be unique per kind`
      );
      continue;
    }
    seen.set(key, input);
    addToIndex(index, input);
  }
  const slos: Array<{ slo: Slo; document: number }> = [];
  for (const input of seen.values()) {
    if (input.doc.kind === 'SLO') {
      const slo = importSloDocument({ ...input, doc: input.doc }, index, issues);
      if (slo) {
        slos.push({ slo, document: input.document });
      }
    }
  }
  return { slos, issues };
}

function addToIndex(index: FileIndex, input: OpenSloInput): void {
  const { doc } = input;
  switch (doc.kind) {
    case 'SLI':
      index.SLI.set(doc.metadata.name, { ...input, doc });
      break;
    case 'Service':
      index.Service.set(doc.metadata.name, { ...input, doc });
      break;
    case 'AlertPolicy':
      index.AlertPolicy.set(doc.metadata.name, { ...input, doc });
      break;
    case 'AlertCondition':
      index.AlertCondition.set(doc.metadata.name, { ...input, doc });
      break;
    case 'DataSource':
      index.DataSource.set(doc.metadata.name, { ...input, doc });
      break;
    case 'SLO':
    case 'AlertNotificationTarget':
      break;
  }
}

function importSloDocument(input: Located<'SLO'>, index: FileIndex, issues: FileIssue[]): Slo | undefined {
  const { metadata, spec } = input.doc;
  const r = new Reporter(issues, input, metadata.name);

  if (index.Service.size > 0 && !index.Service.has(spec.service)) {
    r.warn(
      'spec.service',
      `no Service named ${quote(spec.service)} in this file (the SLO is imported with that service name)`
    );
  }
  const { ours, theirs } = splitAnnotations(metadata.annotations ?? {});
  const ext = readExtensions(ours, r);
  const labels = readLabels(metadata.labels ?? {}, r);

  const budgetingMethod = checkBudgetingMethod(spec.budgetingMethod, r);
  const window = readTimeWindow(spec.timeWindow, r);
  spec.objectives.forEach((o, i) => {
    if (o.indicator !== undefined || o.indicatorRef !== undefined) {
      r.error(
        `spec.objectives[${i}].${o.indicator !== undefined ? 'indicator' : 'indicatorRef'}`,
        'composite SLOs (an indicator per objective) are not supported: import each part as its own SLO'
      );
    }
  });
  const first = spec.objectives[0];
  const target = readTarget(first, 'spec.objectives[0]', r);
  dropOtherObjectives(spec.objectives, r);

  const sli = resolveSli(spec, index, r);
  const groupBy = ext?.groupBy ?? [];
  let indicator: Indicator | undefined;
  let timeSlices: TimeSlices | undefined;
  if (sli) {
    const context: SliContext = {
      r: sli.r,
      path: sli.path,
      objective: first,
      objectivePath: 'spec.objectives[0]',
      objectiveR: r,
      index,
    };
    indicator = ext?.hint ? checkHint(ext.hint, sli.spec, first, r) : undefined;
    indicator = indicator ?? readIndicator(sli.spec, groupBy, context);
    const threshold = sli.spec.thresholdMetric !== undefined;
    warnObjectiveFields(first, threshold, budgetingMethod === 'Timeslices', r);
    if (budgetingMethod === 'Timeslices') {
      timeSlices = readTimeSlices(first, 'spec.objectives[0]', threshold, r);
    }
  }

  const alerting = readAlerting(spec, ext, index, r);
  if (r.failed || !ext || !window || target === undefined || !indicator || !alerting) {
    return undefined;
  }
  if (budgetingMethod === 'Timeslices' && !timeSlices) {
    return undefined;
  }
  const objectives: Objective[] = [
    {
      target,
      window,
      ...(first.displayName !== undefined && { displayName: first.displayName }),
      ...(ext.targetPhases !== undefined && { phases: ext.targetPhases }),
    },
    ...ext.moreObjectives,
  ];
  return {
    name: metadata.name,
    uid: ext.uid ?? metadata.name,
    service: spec.service,
    labels,
    indicator,
    ...(timeSlices !== undefined && { timeSlices }),
    objectives,
    alerting,
    annotations: theirs,
    ...(metadata.displayName !== undefined && { displayName: metadata.displayName }),
    ...(spec.description !== undefined && { description: spec.description }),
    ...(ext.owner !== undefined && { owner: ext.owner }),
    ...(ext.tier !== undefined && { tier: ext.tier }),
    ...(ext.budgetPolicy !== undefined && { budgetPolicy: ext.budgetPolicy }),
    ...(ext.maintenance !== undefined && { maintenance: ext.maintenance }),
  };
}

function splitAnnotations(annotations: Record<string, string>): {
  ours: Record<string, string>;
  theirs: Record<string, string>;
} {
  const ours: Record<string, string> = {};
  const theirs: Record<string, string> = {};
  for (const [key, value] of Object.entries(annotations)) {
    if (key.startsWith(ANNOTATION_PREFIX)) {
      ours[key.slice(ANNOTATION_PREFIX.length)] = value;
    } else {
      theirs[key] = value;
    }
  }
  return { ours, theirs };
}

function annotationPath(key: string): string {
  return `metadata.annotations["${ANNOTATION_PREFIX}${key}"]`;
}

interface Extensions {
  uid?: string;
  owner?: string;
  tier?: Slo['tier'];
  groupBy: string[];
  hint?: Indicator;
  moreObjectives: Objective[];
  alerting: Partial<Alerting>;
  budgetPolicy?: BudgetPolicy;
  targetPhases?: TargetPhase[];
  maintenance?: MaintenanceWindow[];
}

/** Where an issue of the wrapper native document (see readExtensions) comes from. */
const WRAPPER_PATHS: Array<[string, AnnotationField]> = [
  ['metadata.uid', 'uid'],
  ['spec.owner', 'owner'],
  ['spec.tier', 'tier'],
  ['spec.indicator.groupBy', 'groupBy'],
  ['spec.indicator', 'indicator'],
  ['spec.alerting.enabled', 'alertingEnabled'],
  ['spec.alerting.labels', 'alertLabels'],
  ['spec.alerting.burnRates', 'burnRates'],
  ['spec.alerting.minBadEvents', 'minBadEvents'],
  ['spec.alerting.noData.for', 'noDataFor'],
  ['spec.alerting.noData', 'noDataFor'],
  ['spec.budgetPolicy', 'budgetPolicy'],
  ['spec.maintenance', 'maintenance'],
];

/**
 * Reads the `burnrate.dev/` annotations. They hold native fields, so they are checked by the native
 * parser: they are put into a native document around placeholders, and its issues are named by the
 * annotation they come from.
 */
function readExtensions(ours: Record<string, string>, r: Reporter): Extensions | undefined {
  const known = new Set<string>(Object.values(ANNOTATIONS));
  for (const key of Object.keys(ours)) {
    if (!known.has(key)) {
      r.warn(annotationPath(key), `unknown Burnrate annotation, ignored (known: ${[...known].join(', ')})`);
    }
  }
  let broken = false;
  const json = (field: AnnotationField): unknown => {
    const text = ours[ANNOTATIONS[field]];
    if (text === undefined) {
      return undefined;
    }
    try {
      return JSON.parse(text);
    } catch (e) {
      r.error(annotationPath(ANNOTATIONS[field]), `must be JSON: ${e instanceof Error ? e.message : String(e)}`);
      broken = true;
      return undefined;
    }
  };
  const text = (field: AnnotationField): string | undefined => ours[ANNOTATIONS[field]];
  const groupBy = json('groupBy');
  const hint = json('indicator');
  const moreObjectives = json('moreObjectives');
  const enabled = json('alertingEnabled');
  const alertLabels = json('alertLabels');
  const burnRates = json('burnRates');
  const minBadEvents = json('minBadEvents');
  const budgetPolicy = json('budgetPolicy');
  const targetPhases = json('targetPhases');
  const maintenance = json('maintenance');
  if (broken) {
    return undefined;
  }
  if (moreObjectives !== undefined && !Array.isArray(moreObjectives)) {
    r.error(
      annotationPath(ANNOTATIONS.moreObjectives),
      'must be a JSON list of objectives ({"target": ..., "window": ...})'
    );
    return undefined;
  }
  const indicator = isObject(hint)
    ? { ...hint }
    : (hint ?? { type: 'ratio', total: 'placeholder', bad: 'placeholder' });
  if (groupBy !== undefined && isObject(indicator)) {
    indicator.groupBy = groupBy;
  }
  const noDataFor = text('noDataFor');
  const alerting = {
    ...(enabled !== undefined && { enabled }),
    ...(alertLabels !== undefined && { labels: alertLabels }),
    ...(burnRates !== undefined && { burnRates }),
    ...(minBadEvents !== undefined && { minBadEvents }),
    ...(noDataFor !== undefined && { noData: { for: noDataFor } }),
  };
  const wrapper = {
    apiVersion: NATIVE_API_VERSION,
    kind: NATIVE_KIND,
    metadata: { name: 'placeholder', ...(text('uid') !== undefined && { uid: text('uid') }) },
    spec: {
      service: 'placeholder',
      ...(text('owner') !== undefined && { owner: text('owner') }),
      ...(text('tier') !== undefined && { tier: text('tier') }),
      indicator,
      objectives: [
        { target: 0.5, window: '30d', ...(targetPhases !== undefined && { phases: targetPhases }) },
        ...((moreObjectives as unknown[] | undefined) ?? []),
      ],
      alerting,
      ...(budgetPolicy !== undefined && { budgetPolicy }),
      ...(maintenance !== undefined && { maintenance }),
    },
  };
  const parsed = parseNativeDocument(wrapper);
  for (const issue of parsed.issues) {
    r.push({ ...issue, path: wrapperPathToAnnotation(issue.path) });
  }
  const slo = parsed.slo;
  if (!slo || parsed.issues.some((i) => i.severity === 'error')) {
    return undefined;
  }
  const partial: Partial<Alerting> = {};
  if (enabled !== undefined) {
    partial.enabled = slo.alerting.enabled;
  }
  if (alertLabels !== undefined) {
    partial.labels = slo.alerting.labels;
  }
  if (slo.alerting.burnRates !== undefined) {
    partial.burnRates = slo.alerting.burnRates;
  }
  if (slo.alerting.minBadEvents !== undefined) {
    partial.minBadEvents = slo.alerting.minBadEvents;
  }
  if (slo.alerting.noDataFor !== undefined) {
    partial.noDataFor = slo.alerting.noDataFor;
  }
  return {
    ...(text('uid') !== undefined && { uid: slo.uid }),
    ...(slo.owner !== undefined && { owner: slo.owner }),
    ...(slo.tier !== undefined && { tier: slo.tier }),
    groupBy: slo.indicator.groupBy,
    ...(hint !== undefined && { hint: slo.indicator }),
    moreObjectives: slo.objectives.slice(1),
    alerting: partial,
    ...(slo.budgetPolicy !== undefined && { budgetPolicy: slo.budgetPolicy }),
    ...(slo.objectives[0]?.phases !== undefined && { targetPhases: slo.objectives[0].phases }),
    ...(slo.maintenance !== undefined && { maintenance: slo.maintenance }),
  };
}

function wrapperPathToAnnotation(path: string): string {
  const phases = /^spec\.objectives\[0\]\.phases(.*)$/.exec(path);
  if (phases) {
    return `${annotationPath(ANNOTATIONS.targetPhases)}${phases[1]}`;
  }
  const objective = /^spec\.objectives\[(\d+)\](.*)$/.exec(path);
  if (objective) {
    return `${annotationPath(ANNOTATIONS.moreObjectives)}[${Number(objective[1]) - 1}]${objective[2]}`;
  }
  for (const [from, field] of WRAPPER_PATHS) {
    if (path === from || path.startsWith(`${from}.`) || path.startsWith(`${from}[`)) {
      return annotationPath(ANNOTATIONS[field]) + path.slice(from.length);
    }
  }
  return path;
}

function readLabels(labels: Record<string, string | string[]>, r: Reporter): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(labels)) {
    const path = `metadata.labels.${name}`;
    if (RESERVED_LABELS.has(name)) {
      r.warn(path, `dropped: Burnrate sets the label "${name}" on every rule itself`);
      continue;
    }
    if (Array.isArray(value)) {
      r.warn(
        path,
        `has ${value.length} values: a Prometheus label has one, so they are joined as ${quote(value.join(','))}`
      );
      out[name] = value.join(',');
    } else {
      out[name] = value;
    }
  }
  return out;
}

function checkBudgetingMethod(method: string | undefined, r: Reporter): 'Occurrences' | 'Timeslices' | undefined {
  if (method === undefined) {
    r.warn('spec.budgetingMethod', 'is missing: read as Occurrences (good events over all events)');
    return 'Occurrences';
  }
  if (method === 'Occurrences' || method === 'Timeslices') {
    return method;
  }
  if (method === 'RatioTimeslices') {
    r.error(
      'spec.budgetingMethod',
      'RatioTimeslices is not supported: it averages the good ratio of every slice, and Burnrate counts each slice' +
        ' as good or bad; use Timeslices (a slice is good when it reaches timeSliceTarget) or Occurrences'
    );
  } else {
    r.error('spec.budgetingMethod', `must be Occurrences, Timeslices or RatioTimeslices, got ${quoteValue(method)}`);
  }
  return undefined;
}

/** The slices of a Timeslices SLO, from its first objective. */
function readTimeSlices(
  objective: ObjectiveSpec,
  path: string,
  threshold: boolean,
  r: Reporter
): TimeSlices | undefined {
  const { timeSliceWindow, timeSliceTarget } = objective;
  let slice: { window: string; windowSeconds: number } | undefined;
  if (timeSliceWindow === undefined) {
    r.error(
      `${path}.timeSliceWindow`,
      'is required with budgetingMethod Timeslices: the length of a slice, such as 1m'
    );
  } else if (typeof timeSliceWindow === 'number') {
    r.error(`${path}.timeSliceWindow`, `must be a duration such as 1m: ${timeSliceWindow} has no unit`);
  } else {
    slice = r.collect((issues) => parseSliceWindow(timeSliceWindow, `${path}.timeSliceWindow`, issues));
  }
  if (timeSliceTarget === undefined) {
    r.error(
      `${path}.timeSliceTarget`,
      'is required with budgetingMethod Timeslices: the good ratio a slice must reach, such as 0.95'
    );
    return undefined;
  }
  const target = r.collect((issues) => parseSliceTarget(timeSliceTarget, `${path}.timeSliceTarget`, issues));
  if (threshold && target !== undefined && target !== '1') {
    r.error(
      `${path}.timeSliceTarget`,
      `must be 1 for a thresholdMetric, got ${target}: Burnrate counts a slice as good when every data point of it met op and value`
    );
    return undefined;
  }
  if (!slice || target === undefined) {
    return undefined;
  }
  return threshold ? slice : { ...slice, target };
}

const SHORTHAND = /^(\d+)([mhdwMQY])$/;

function readTimeWindow(windows: TimeWindowSpec[] | undefined, r: Reporter): SloWindow | undefined {
  if (windows === undefined || windows.length === 0) {
    r.warn('spec.timeWindow', 'is missing: read as a rolling window of 30d');
    return { kind: 'rolling', duration: '30d', seconds: 30 * 86400 };
  }
  if (windows.length > 1) {
    r.error('spec.timeWindow', `must hold exactly one window, got ${windows.length}`);
    return undefined;
  }
  const window = windows[0];
  const path = 'spec.timeWindow[0]';
  const calendar = window.isRolling === true ? undefined : window.calendar;
  if (window.isRolling === true && window.calendar) {
    r.error(`${path}.calendar`, 'a rolling window (isRolling: true) has no calendar: remove one of them');
    return undefined;
  }
  if (window.isRolling === false || calendar) {
    const unit = window.duration === '1w' ? 'week' : window.duration === '1M' ? 'month' : undefined;
    if (!unit) {
      r.error(
        `${path}.duration`,
        `a calendar window of ${window.duration} is not supported: Burnrate has calendar weeks (1w) and months (1M); use a rolling window for other periods`
      );
      return undefined;
    }
    checkCalendarStart(unit, calendar, `${path}.calendar`, r);
    return { kind: 'calendar', unit };
  }
  const shorthand = SHORTHAND.exec(window.duration);
  if (shorthand && ['M', 'Q', 'Y'].includes(shorthand[2])) {
    r.error(
      `${path}.duration`,
      `a rolling window of ${window.duration} has no fixed length: give it in days or weeks, such as 30d or 4w`
    );
    return undefined;
  }
  return r.collect((issues) => parseWindow(window.duration, `${path}.duration`, issues));
}

function checkCalendarStart(
  unit: 'week' | 'month',
  calendar: TimeWindowSpec['calendar'],
  path: string,
  r: Reporter
): void {
  const periods = unit === 'week' ? 'weeks start on Monday at 00:00 UTC' : 'months start on the 1st at 00:00 UTC';
  if (calendar?.timeZone !== undefined && !UTC_ZONES.has(calendar.timeZone.toLowerCase())) {
    r.warn(`${path}.timeZone`, `${calendar.timeZone} is not used: Burnrate calendar ${periods}`);
  }
  if (calendar?.startTime === undefined) {
    return;
  }
  const start = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(calendar.startTime.trim());
  const midnight = start && (start[4] ?? '00') === '00' && (start[5] ?? '00') === '00' && (start[6] ?? '00') === '00';
  const aligned =
    start &&
    midnight &&
    (unit === 'month'
      ? start[3] === '01'
      : new Date(Date.UTC(Number(start[1]), Number(start[2]) - 1, Number(start[3]))).getUTCDay() === 1);
  if (!aligned) {
    r.warn(`${path}.startTime`, `${calendar.startTime} is not used: Burnrate calendar ${periods}`);
  }
}

function readTarget(objective: ObjectiveSpec, path: string, r: Reporter): Decimal | undefined {
  const { target, targetPercent } = objective;
  if (target !== undefined && targetPercent !== undefined) {
    r.error(`${path}.targetPercent`, 'give target (0.999) or targetPercent (99.9), not both');
    return undefined;
  }
  if (target !== undefined) {
    return r.collect((issues) => parseTarget(target, `${path}.target`, issues));
  }
  if (targetPercent !== undefined) {
    const percent = toDecimal(String(targetPercent).replace(/%$/, ''));
    if (percent === undefined) {
      r.error(`${path}.targetPercent`, `must be a percentage such as 99.9, got ${quoteValue(targetPercent)}`);
      return undefined;
    }
    return r.collect((issues) => parseTarget(`${percent}%`, `${path}.targetPercent`, issues));
  }
  r.error(`${path}.target`, 'is required: give target (such as 0.999) or targetPercent (such as 99.9)');
  return undefined;
}

function dropOtherObjectives(objectives: ObjectiveSpec[], r: Reporter): void {
  const first = objectives[0];
  objectives.slice(1).forEach((o, k) => {
    const i = k + 1;
    const same = o.target === first.target && o.targetPercent === first.targetPercent;
    r.warn(
      `spec.objectives[${i}]`,
      same
        ? 'dropped: it repeats objectives[0]'
        : `dropped (target ${o.target ?? `${o.targetPercent}%`}): an OpenSLO SLO gives all its objectives one time window, ` +
            'and Burnrate needs a distinct window per objective, so only objectives[0] is imported'
    );
  });
}

function warnObjectiveFields(objective: ObjectiveSpec, threshold: boolean, timeSliced: boolean, r: Reporter): void {
  const path = 'spec.objectives[0]';
  if (!threshold) {
    for (const key of ['op', 'value'] as const) {
      if (objective[key] !== undefined) {
        r.warn(`${path}.${key}`, 'ignored: op and value only apply to a thresholdMetric');
      }
    }
  }
  const ignored = timeSliced
    ? (['compositeWeight'] as const)
    : (['timeSliceTarget', 'timeSliceWindow', 'compositeWeight'] as const);
  for (const key of ignored) {
    if (objective[key] !== undefined) {
      r.warn(
        `${path}.${key}`,
        `ignored: ${key} only applies to ${key === 'compositeWeight' ? 'composite SLOs' : 'time slice budgeting'}`
      );
    }
  }
}

interface ResolvedSli {
  spec: SliSpec;
  r: Reporter;
  /** Path of the SLI spec in its document. */
  path: string;
}

function resolveSli(spec: SloSpec, index: FileIndex, r: Reporter): ResolvedSli | undefined {
  if (spec.indicator && spec.indicatorRef !== undefined) {
    r.error('spec.indicatorRef', 'give indicator (inline) or indicatorRef, not both');
    return undefined;
  }
  if (spec.indicator) {
    return { spec: spec.indicator.spec, r, path: 'spec.indicator.spec' };
  }
  if (spec.indicatorRef !== undefined) {
    const sli = index.SLI.get(spec.indicatorRef);
    if (!sli) {
      const names = [...index.SLI.keys()];
      r.error(
        'spec.indicatorRef',
        `no SLI named ${quote(spec.indicatorRef)} in this file${names.length ? ` (SLIs: ${names.map((n) => quoteIfUnusual(n)).join(', ')})` : ''}`
      );
      return undefined;
    }
    return { spec: sli.doc.spec, r: r.in(sli), path: 'spec' };
  }
  r.error('spec.indicator', 'is required: give indicator (inline) or indicatorRef (the name of an SLI)');
  return undefined;
}

interface SliContext {
  /** Reports in the document of the SLI. */
  r: Reporter;
  path: string;
  objective: ObjectiveSpec;
  objectivePath: string;
  /** Reports in the document of the SLO. */
  objectiveR: Reporter;
  index: FileIndex;
}

/** The indicator an OpenSLO SLI spec describes (groupBy is added by the caller). */
function readIndicator(sli: SliSpec, groupBy: string[], context: SliContext): Indicator | undefined {
  const { r, path } = context;
  if (sli.ratioMetric && sli.thresholdMetric) {
    r.error(`${path}.thresholdMetric`, 'give ratioMetric or thresholdMetric, not both');
    return undefined;
  }
  if (sli.thresholdMetric) {
    return readThresholdMetric(sli.thresholdMetric, groupBy, context);
  }
  if (!sli.ratioMetric) {
    r.error(`${path}.ratioMetric`, 'is required: give ratioMetric (good or bad, and total) or thresholdMetric');
    return undefined;
  }
  const metric = sli.ratioMetric;
  const p = `${path}.ratioMetric`;
  if (metric.raw) {
    r.error(
      `${p}.raw`,
      'a precomputed ratio is not supported: an error ratio cannot be turned back into event counts, which Burnrate sums over windows; give good or bad, and total'
    );
    return undefined;
  }
  if (!metric.total) {
    r.error(`${p}.total`, 'is required, with good or bad');
    return undefined;
  }
  if ((metric.good === undefined) === (metric.bad === undefined)) {
    r.error(`${p}.${metric.good ? 'bad' : 'good'}`, 'give exactly one of good and bad (with total)');
    return undefined;
  }
  const key = metric.good ? 'good' : 'bad';
  const total = readQuery(metric.total, `${p}.total`, context);
  const part = readQuery((metric.good ?? metric.bad) as MetricSpec, `${p}.${key}`, context);
  if (total === undefined || part === undefined) {
    return undefined;
  }
  const syntaxOk = [checkPromql(total, `${p}.total${QUERY_PATH}`, r), checkPromql(part, `${p}.${key}${QUERY_PATH}`, r)];
  if (!syntaxOk.every(Boolean)) {
    return undefined;
  }
  const totalSelector = trySelector(total);
  const partSelector = trySelector(part);
  if (metric.counter !== false && totalSelector && partSelector) {
    const latency = key === 'good' ? latencyFromBuckets(partSelector, totalSelector, groupBy) : undefined;
    return latency ?? { type: 'ratio', total, ...(key === 'good' ? { good: part } : { bad: part }), groupBy };
  }
  // Any other PromQL: events per second as it is.
  const asRate = (query: string, selector: VectorSelector | undefined, queryPath: string): string => {
    if (metric.counter !== false && selector) {
      const rate = `rate(${query.trim()}[{{.window}}])`;
      r.warn(queryPath, `a counter selector among other PromQL: read as ${rate}`);
      return rate;
    }
    if (metric.counter === true && !/\[[^\]]+\]/.test(query) && !HAS_WINDOW.test(query)) {
      r.warn(
        queryPath,
        'counter is true but the query reads no range: it is used as events per second as it is; if it reads a counter, write it as sum(rate(<selector>[{{.window}}]))'
      );
    }
    return query;
  };
  const totalQuery = asRate(total, totalSelector, `${p}.total${QUERY_PATH}`);
  const partQuery = asRate(part, partSelector, `${p}.${key}${QUERY_PATH}`);
  return {
    type: 'advanced',
    total: totalQuery,
    ...(key === 'good' ? { good: partQuery } : { bad: partQuery }),
    groupBy,
  };
}

const QUERY_PATH = '.metricSource.spec.query';
const HAS_WINDOW = /\{\{\s*\.window\s*\}\}/;

function readThresholdMetric(metric: MetricSpec, groupBy: string[], context: SliContext): Indicator | undefined {
  const { objective, objectivePath, objectiveR } = context;
  const path = `${context.path}.thresholdMetric`;
  const expr = readQuery(metric, path, context);
  const ok = expr !== undefined && checkPromql(expr, `${path}${QUERY_PATH}`, context.r);
  if (objective.op === undefined) {
    objectiveR.error(
      `${objectivePath}.op`,
      'is required with a thresholdMetric: lt, lte, gt or gte (a sample is good when it is <op> value)'
    );
    return undefined;
  }
  const operator = OPERATORS[objective.op];
  if (!operator) {
    objectiveR.error(`${objectivePath}.op`, `must be lt, lte, gt or gte, got ${quoteValue(objective.op)}`);
    return undefined;
  }
  if (objective.value === undefined) {
    objectiveR.error(
      `${objectivePath}.value`,
      'is required with a thresholdMetric: the value samples are compared with'
    );
    return undefined;
  }
  const value = objective.value;
  const threshold = objectiveR.collect((issues) => parseDecimalField(value, `${objectivePath}.value`, issues));
  if (!ok || threshold === undefined) {
    return undefined;
  }
  return { type: 'threshold', expr, operator, threshold, groupBy };
}

/** The PromQL of a metric source, once its type is known to speak PromQL. */
function readQuery(metric: MetricSpec, path: string, context: SliContext): string | undefined {
  const { r } = context;
  const source = metric.metricSource;
  const ref = source.metricSourceRef;
  const type = source.type ?? (ref !== undefined ? context.index.DataSource.get(ref)?.doc.spec.type : undefined);
  if (type === undefined) {
    r.warn(
      `${path}.metricSource.type`,
      ref !== undefined
        ? `no DataSource named ${quote(ref)} with a type in this file: the query is read as PromQL`
        : 'is missing: the query is read as PromQL'
    );
  } else if (!PROMQL_SOURCE_TYPES.some((t) => t.toLowerCase() === type.toLowerCase())) {
    r.error(
      `${path}.metricSource.type`,
      `${type} is not supported: Burnrate reads PromQL sources (${PROMQL_SOURCE_TYPES.join(', ')})`
    );
    return undefined;
  }
  const query = source.spec?.query ?? source.spec?.promql;
  if (typeof query !== 'string' || query.trim() === '') {
    r.error(`${path}${QUERY_PATH}`, 'is required: the PromQL query');
    return undefined;
  }
  return query;
}

function trySelector(query: string): VectorSelector | undefined {
  try {
    return parseVectorSelector(query.trim());
  } catch {
    return undefined;
  }
}

function checkPromql(expr: string, path: string, r: Reporter): boolean {
  const problem = findPromqlSyntaxError(withRateWindow(expr));
  if (problem) {
    r.error(path, `PromQL ${problem.message}`);
  }
  return problem === undefined;
}

/**
 * `<h>_bucket{le="0.5",m...}` over `<h>_count{m...}` is the latency indicator of histogram `<h>{m...}`
 * under 0.5; also `le=~"1(\.0)?"`, the form Burnrate writes for whole numbers.
 */
function latencyFromBuckets(good: VectorSelector, total: VectorSelector, groupBy: string[]): Indicator | undefined {
  if (!good.metric.endsWith('_bucket')) {
    return undefined;
  }
  const base = good.metric.slice(0, -'_bucket'.length);
  const les = good.matchers.filter((m) => m.name === 'le');
  const threshold = les.length === 1 ? thresholdOfLe(les[0]) : undefined;
  const others = good.matchers.filter((m) => m.name !== 'le');
  if (total.metric !== `${base}_count` || threshold === undefined || !sameMatchers(others, total.matchers)) {
    return undefined;
  }
  return {
    type: 'latency',
    histogram: formatSelector({ metric: base, matchers: total.matchers }),
    threshold,
    native: false,
    groupBy,
  };
}

function thresholdOfLe(matcher: LabelMatcher): Decimal | undefined {
  const whole = /^(\d+)\(\\\.0\)\?$/.exec(matcher.value);
  const text = matcher.op === '=' ? matcher.value : matcher.op === '=~' && whole ? whole[1] : undefined;
  const decimal = text === undefined ? undefined : toDecimal(text);
  return decimal !== undefined && new Big(decimal).gt(0) ? decimal : undefined;
}

function sameMatchers(a: LabelMatcher[], b: LabelMatcher[]): boolean {
  const key = (m: LabelMatcher) => JSON.stringify([m.name, m.op, m.value]);
  const set = new Set(b.map(key));
  return a.length === b.length && a.every((m) => set.has(key(m)));
}

/**
 * The `burnrate.dev/indicator` annotation gives the indicator when the queries still are what it
 * exports to; when they were edited since, the queries win.
 */
function checkHint(hint: Indicator, sli: SliSpec, objective: ObjectiveSpec, r: Reporter): Indicator | undefined {
  const exported = indicatorToOpenSlo(hint);
  const actual = {
    sli: pickMetrics(sli),
    op: objective.op,
    value: objective.value === undefined ? undefined : Number(objective.value),
  };
  if (canonicalJson(exported) === canonicalJson(actual)) {
    return hint;
  }
  r.warn(
    annotationPath(ANNOTATIONS.indicator),
    'ignored: the queries were changed since it was written, so the indicator is read from the queries'
  );
  return undefined;
}

function pickMetrics(sli: SliSpec): OpenSloSliSpec {
  return {
    ...(sli.ratioMetric && { ratioMetric: sli.ratioMetric }),
    ...(sli.thresholdMetric && { thresholdMetric: sli.thresholdMetric }),
  } as OpenSloSliSpec;
}

function readAlerting(spec: SloSpec, ext: Extensions | undefined, index: FileIndex, r: Reporter): Alerting | undefined {
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
  policies.forEach((entry, i) => {
    const path = `spec.alertPolicies[${i}]`;
    const policy = resolveRef<PolicySpec>(entry, 'alertPolicyRef', 'AlertPolicy', index.AlertPolicy, path, r);
    if (!policy) {
      return;
    }
    const { spec } = policy;
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
        index.AlertCondition,
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
  documents: Map<string, OpenSloInput & { doc: { spec: T } }>,
  path: string,
  r: Reporter
): InDocument<T> | undefined {
  const ref = entry[refKey];
  if (ref !== undefined) {
    if (entry.spec !== undefined) {
      r.error(path, `give ${refKey} or an inline ${kind}, not both`);
      return undefined;
    }
    const found = documents.get(ref);
    if (!found) {
      r.error(`${path}.${refKey}`, `no ${kind} named ${quote(ref)} in this file`);
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
  if (op !== 'gt' && op !== 'gte') {
    r.warn(
      `${path}.op`,
      op === 'lt' || op === 'lte'
        ? `condition not imported: op ${op} alerts while the burn rate is below the threshold, and Burnrate alerts when it is above (gt, gte)`
        : `condition not imported: op must be gt or gte, got ${quoteValue(op)}`
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
  if (alertAfter !== undefined && alertDurationSeconds(alertAfter) !== undefined) {
    r.warn(
      `${path}.alertAfter`,
      'ignored: a Burnrate alert fires once both its long and short windows burn, which already asks the burn to last'
    );
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

// ---------------------------------------------------------------------------------------------------
// Export

interface OpenSloMetric {
  metricSource: { type: string; spec: { query: string } };
}

/** The SLI spec Burnrate writes. */
export interface OpenSloSliSpec {
  ratioMetric?: { counter: boolean; good?: OpenSloMetric; bad?: OpenSloMetric; total: OpenSloMetric };
  thresholdMetric?: OpenSloMetric;
}

export interface OpenSloServiceDocument {
  apiVersion: typeof OPENSLO_API_VERSION;
  kind: 'Service';
  metadata: { name: string };
  spec: { description?: string };
}

export interface OpenSloSloDocument {
  apiVersion: typeof OPENSLO_API_VERSION;
  kind: 'SLO';
  metadata: {
    name: string;
    displayName?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  spec: {
    description?: string;
    service: string;
    indicator: { metadata: { name: string }; spec: OpenSloSliSpec };
    timeWindow: Array<{ duration: string; isRolling: boolean; calendar?: { startTime: string; timeZone: string } }>;
    budgetingMethod: 'Occurrences' | 'Timeslices';
    objectives: Array<{
      displayName?: string;
      target: number;
      op?: string;
      value?: number;
      timeSliceTarget?: number;
      timeSliceWindow?: string;
    }>;
  };
}

export type OpenSloExportDocument = OpenSloServiceDocument | OpenSloSloDocument;

/**
 * An Slo as OpenSLO v1: its Service (the same for every SLO of the service: callers dedupe by name)
 * and the SLO, with the indicator inline and Burnrate's own fields as `burnrate.dev/` annotations.
 * Importing the result gives the Slo back, field for field.
 */
export function toOpenSloDocuments(slo: Slo): OpenSloExportDocument[] {
  const native = toNativeDocument(slo);
  const [first] = slo.objectives;
  const exported = indicatorToOpenSlo(slo.indicator);
  const annotations: Record<string, string> = { ...slo.annotations };
  const put = (field: AnnotationField, value: string) => {
    annotations[ANNOTATION_PREFIX + ANNOTATIONS[field]] = value;
  };
  if (slo.uid !== slo.name) {
    put('uid', slo.uid);
  }
  if (slo.owner !== undefined) {
    put('owner', slo.owner);
  }
  if (slo.tier !== undefined) {
    put('tier', slo.tier);
  }
  if (slo.indicator.groupBy.length > 0) {
    put('groupBy', JSON.stringify(slo.indicator.groupBy));
  }
  if (!importsBack(exported, slo.indicator)) {
    const indicator: Record<string, unknown> = { ...native.spec.indicator };
    delete indicator.groupBy;
    put('indicator', JSON.stringify(indicator));
  }
  if (slo.objectives.length > 1) {
    put('moreObjectives', JSON.stringify(native.spec.objectives.slice(1)));
  }
  const alerting: NonNullable<NativeDocument['spec']['alerting']> = native.spec.alerting ?? {};
  if (alerting.enabled === false) {
    put('alertingEnabled', 'false');
  }
  if (alerting.labels) {
    put('alertLabels', JSON.stringify(alerting.labels));
  }
  if (alerting.burnRates) {
    put('burnRates', JSON.stringify(alerting.burnRates));
  }
  if (alerting.minBadEvents !== undefined) {
    put('minBadEvents', String(alerting.minBadEvents));
  }
  if (alerting.noData) {
    put('noDataFor', alerting.noData.for);
  }
  if (native.spec.budgetPolicy) {
    put('budgetPolicy', JSON.stringify(native.spec.budgetPolicy));
  }
  const firstPhases = native.spec.objectives[0]?.phases;
  if (firstPhases) {
    put('targetPhases', JSON.stringify(firstPhases));
  }
  if (native.spec.maintenance) {
    put('maintenance', JSON.stringify(native.spec.maintenance));
  }
  const service: OpenSloServiceDocument = {
    apiVersion: OPENSLO_API_VERSION,
    kind: 'Service',
    metadata: { name: slo.service },
    spec: {},
  };
  const sloDocument: OpenSloSloDocument = {
    apiVersion: OPENSLO_API_VERSION,
    kind: 'SLO',
    metadata: {
      name: slo.name,
      ...(slo.displayName !== undefined && { displayName: slo.displayName }),
      ...(Object.keys(slo.labels).length > 0 && { labels: { ...slo.labels } }),
      ...(Object.keys(annotations).length > 0 && { annotations }),
    },
    spec: {
      ...(slo.description !== undefined && { description: slo.description }),
      service: slo.service,
      indicator: { metadata: { name: slo.name }, spec: exported.sli },
      timeWindow: [windowToOpenSlo(first.window)],
      budgetingMethod: slo.timeSlices ? 'Timeslices' : 'Occurrences',
      objectives: [
        {
          ...(first.displayName !== undefined && { displayName: first.displayName }),
          target: Number(first.target),
          ...(exported.op !== undefined && { op: exported.op }),
          ...(exported.value !== undefined && { value: exported.value }),
          // A threshold slice is good when every data point met the condition: a slice target of 1.
          ...(slo.timeSlices && {
            timeSliceTarget: Number(slo.timeSlices.target ?? '1'),
            timeSliceWindow: shorthand(slo.timeSlices.windowSeconds) ?? slo.timeSlices.window,
          }),
        },
      ],
    },
  };
  return [service, sloDocument];
}

interface ExportedIndicator {
  sli: OpenSloSliSpec;
  /** For a threshold indicator: the objective's op and value. */
  op?: string;
  value?: number;
}

function prometheus(query: string): OpenSloMetric {
  return { metricSource: { type: 'Prometheus', spec: { query } } };
}

function indicatorToOpenSlo(indicator: Indicator): ExportedIndicator {
  switch (indicator.type) {
    case 'ratio':
    case 'advanced': {
      const part =
        indicator.good !== undefined ? { good: prometheus(indicator.good) } : { bad: prometheus(indicator.bad ?? '') };
      // Counters are rated by the consumer; advanced queries already give events per second.
      return {
        sli: { ratioMetric: { counter: indicator.type === 'ratio', ...part, total: prometheus(indicator.total) } },
      };
    }
    case 'latency': {
      const histogram = trySelector(indicator.histogram) ?? { metric: indicator.histogram, matchers: [] };
      if (indicator.native) {
        const rate = `rate(${indicator.histogram}[{{.window}}])`;
        return {
          sli: {
            ratioMetric: {
              counter: false,
              good: prometheus(`histogram_fraction(0, ${indicator.threshold}, ${rate}) * histogram_count(${rate})`),
              total: prometheus(`histogram_count(${rate})`),
            },
          },
        };
      }
      const bucket = {
        metric: `${histogram.metric}_bucket`,
        matchers: [...histogram.matchers, leMatcher(indicator.threshold)],
      };
      const count = { metric: `${histogram.metric}_count`, matchers: histogram.matchers };
      return {
        sli: {
          ratioMetric: {
            counter: true,
            good: prometheus(formatSelector(bucket)),
            total: prometheus(formatSelector(count)),
          },
        },
      };
    }
    case 'threshold':
      return {
        sli: { thresholdMetric: prometheus(indicator.expr) },
        op: OPERATOR_NAMES[indicator.operator],
        value: Number(indicator.threshold),
      };
  }
}

/** True when importing the exported queries alone gives the indicator back (its groupBy aside). */
function importsBack(exported: ExportedIndicator, indicator: Indicator): boolean {
  const r = silentReporter();
  const index: FileIndex = {
    SLI: new Map(),
    Service: new Map(),
    AlertPolicy: new Map(),
    AlertCondition: new Map(),
    DataSource: new Map(),
  };
  const objective: ObjectiveSpec = {
    ...(exported.op !== undefined && { op: exported.op }),
    ...(exported.value !== undefined && { value: exported.value }),
  };
  const read = readIndicator(exported.sli as SliSpec, indicator.groupBy, {
    r,
    path: '',
    objective,
    objectivePath: '',
    objectiveR: r,
    index,
  });
  return !r.failed && read !== undefined && canonicalJson(read) === canonicalJson(indicator);
}

function windowToOpenSlo(window: SloWindow): OpenSloSloDocument['spec']['timeWindow'][number] {
  if (window.kind === 'calendar') {
    return {
      duration: window.unit === 'week' ? '1w' : '1M',
      isRolling: false,
      calendar: { startTime: CALENDAR_START, timeZone: 'UTC' },
    };
  }
  return { duration: shorthand(window.seconds) ?? window.duration, isRolling: true };
}

/** OpenSLO durations have a single unit: 36h, not 1d12h. */
function shorthand(seconds: number): string | undefined {
  for (const [unit, size] of [
    ['d', 86400],
    ['h', 3600],
    ['m', 60],
  ] as const) {
    if (seconds % size === 0) {
      return `${seconds / size}${unit}`;
    }
  }
  return undefined;
}

/** JSON with sorted keys, for comparing plain data. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    isObject(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The expression with a duration in place of each `{{.window}}`, padded to the placeholder's length
 * (`00000005m`) so that syntax error positions are those of the text the user wrote.
 */
function withRateWindow(expr: string): string {
  return expr.replace(/\{\{\s*\.window\s*\}\}/g, (placeholder) => '5m'.padStart(placeholder.length, '0'));
}
