import Big from 'big.js';
import YAML from 'yaml';
import type { IndicatorType, Slo, ThresholdOperator, TierName, ValidationIssue } from '../../slo/types';
import { validateSlo } from '../../slo/validate';
import {
  NATIVE_API_VERSION,
  NATIVE_KIND,
  parseNativeDocument,
  toNativeDocument,
  windowToText,
} from '../../formats/native';

/** What the basic editor edits. Everything else of an SLO (alerting, annotations, more objectives) is kept as loaded. */
export interface SloFormState {
  name: string;
  displayName: string;
  service: string;
  description: string;
  owner: string;
  tier: TierName | '';
  indicatorType: IndicatorType;
  /** ratio and advanced: total events, and good or bad events. */
  total: string;
  eventsKind: 'good' | 'bad';
  events: string;
  /** latency */
  histogram: string;
  latencyThreshold: string;
  native: boolean;
  /** threshold */
  expr: string;
  operator: ThresholdOperator;
  threshold: string;
  /** The first objective: target in percent (99.9) and window (30d, week, month). */
  targetPercent: string;
  window: string;
  labels: Array<{ key: string; value: string }>;
}

export type FormField = Exclude<keyof SloFormState, 'eventsKind' | 'native'> | 'other';

export interface FormIssue extends ValidationIssue {
  field: FormField;
}

export function emptyForm(): SloFormState {
  return {
    name: '',
    displayName: '',
    service: '',
    description: '',
    owner: '',
    tier: '',
    indicatorType: 'ratio',
    total: '',
    eventsKind: 'bad',
    events: '',
    histogram: '',
    latencyThreshold: '',
    native: false,
    expr: '',
    operator: '<',
    threshold: '',
    targetPercent: '99.9',
    window: '30d',
    labels: [],
  };
}

function indicatorToForm(slo: Slo): Partial<SloFormState> {
  const indicator = slo.indicator;
  switch (indicator.type) {
    case 'ratio':
    case 'advanced':
      return {
        total: indicator.total,
        eventsKind: indicator.good !== undefined ? 'good' : 'bad',
        events: indicator.good ?? indicator.bad ?? '',
      };
    case 'latency':
      return { histogram: indicator.histogram, latencyThreshold: indicator.threshold, native: indicator.native };
    case 'threshold':
      return { expr: indicator.expr, operator: indicator.operator, threshold: indicator.threshold };
  }
}

export function sloToForm(slo: Slo): SloFormState {
  const objective = slo.objectives[0];
  return {
    ...emptyForm(),
    name: slo.name,
    displayName: slo.displayName ?? '',
    service: slo.service,
    description: slo.description ?? '',
    owner: slo.owner ?? '',
    tier: slo.tier ?? '',
    indicatorType: slo.indicator.type,
    ...indicatorToForm(slo),
    targetPercent: objective ? new Big(objective.target).times(100).toString() : '',
    window: objective ? windowToText(objective.window) : '30d',
    labels: Object.entries(slo.labels).map(([key, value]) => ({ key, value })),
  };
}

const optional = (key: string, value: string) => (value.trim() === '' ? {} : { [key]: value.trim() });

function indicatorDocument(form: SloFormState, base?: Slo): Record<string, unknown> {
  const groupBy =
    base && base.indicator.type === form.indicatorType && base.indicator.groupBy.length > 0
      ? { groupBy: base.indicator.groupBy }
      : {};
  switch (form.indicatorType) {
    case 'ratio':
    case 'advanced':
      return { type: form.indicatorType, total: form.total.trim(), [form.eventsKind]: form.events.trim(), ...groupBy };
    case 'latency':
      return {
        type: 'latency',
        histogram: form.histogram.trim(),
        threshold: form.latencyThreshold.trim(),
        ...(form.native && { native: true }),
        ...groupBy,
      };
    case 'threshold':
      return {
        type: 'threshold',
        expr: form.expr.trim(),
        operator: form.operator,
        threshold: form.threshold.trim(),
        ...groupBy,
      };
  }
}

function labelsDocument(form: SloFormState): Record<string, string> | undefined {
  const entries = form.labels.filter((l) => l.key.trim() !== '' || l.value.trim() !== '');
  return entries.length > 0 ? Object.fromEntries(entries.map((l) => [l.key.trim(), l.value])) : undefined;
}

/**
 * The native document the form describes. With `base` (the SLO being edited) what the form does not
 * show is kept, and so is the uid: renaming an SLO keeps its slo_uid.
 */
export function formToDocument(form: SloFormState, base?: Slo): Record<string, unknown> {
  const name = form.name.trim();
  const uid = base?.uid ?? name;
  const baseSpec = base ? toNativeDocument(base).spec : undefined;
  const labels = labelsDocument(form);
  const firstObjective = {
    target: `${form.targetPercent.trim()}%`,
    window: form.window.trim(),
    ...(base?.objectives[0]?.displayName !== undefined && { displayName: base.objectives[0].displayName }),
  };
  return {
    apiVersion: NATIVE_API_VERSION,
    kind: NATIVE_KIND,
    metadata: { name, ...(uid !== name && { uid }), ...optional('displayName', form.displayName) },
    spec: {
      service: form.service.trim(),
      ...optional('description', form.description),
      ...optional('owner', form.owner),
      ...(form.tier !== '' && { tier: form.tier }),
      ...(labels && { labels }),
      indicator: indicatorDocument(form, base),
      objectives: [firstObjective, ...(baseSpec?.objectives.slice(1) ?? [])],
      ...(baseSpec?.alerting && { alerting: baseSpec.alerting }),
      ...(baseSpec?.annotations && { annotations: baseSpec.annotations }),
    },
  };
}

const FIELD_BY_PATH: Array<[RegExp, FormField | ((form: SloFormState) => FormField)]> = [
  [/^metadata\.(name|uid)$/, 'name'],
  [/^metadata\.displayName$/, 'displayName'],
  [/^spec\.service$/, 'service'],
  [/^spec\.description$/, 'description'],
  [/^spec\.owner$/, 'owner'],
  [/^spec\.tier$/, 'tier'],
  [/^spec\.labels\b/, 'labels'],
  [/^spec\.indicator\.total$/, 'total'],
  [/^spec\.indicator\.(good|bad)$/, 'events'],
  [/^spec\.indicator\.histogram$/, 'histogram'],
  [/^spec\.indicator\.threshold$/, (form) => (form.indicatorType === 'latency' ? 'latencyThreshold' : 'threshold')],
  [/^spec\.indicator\.expr$/, 'expr'],
  [/^spec\.indicator\.operator$/, 'operator'],
  [/^spec\.indicator(\.type)?$/, 'indicatorType'],
  [/^spec\.objectives\[0\]\.target$/, 'targetPercent'],
  [/^spec\.objectives\[0\]\.window$/, 'window'],
];

/** The form field a document path belongs to; 'other' for what the basic form does not show. */
export function fieldForPath(path: string, form: SloFormState): FormField {
  const hit = FIELD_BY_PATH.find(([pattern]) => pattern.test(path));
  if (!hit) {
    return 'other';
  }
  return typeof hit[1] === 'function' ? hit[1](form) : hit[1];
}

export interface Evaluation {
  /** Set when the document has no errors (warnings allowed). */
  slo?: Slo;
  issues: ValidationIssue[];
}

export interface ValidateDocumentOptions {
  evaluationInterval?: string;
  /** The SLO being edited: its uid must not change. */
  base?: Slo;
}

/** Structure, values and validation of a native document, every problem by path. */
export function evaluateDocument(document: unknown, options: ValidateDocumentOptions = {}): Evaluation {
  const parsed = parseNativeDocument(document);
  const issues = [
    ...parsed.issues,
    ...(parsed.slo ? validateSlo(parsed.slo, { evaluationInterval: options.evaluationInterval }) : []),
  ];
  if (options.base && parsed.slo && parsed.slo.uid !== options.base.uid) {
    issues.push({
      path: 'metadata.uid',
      message: `the uid of a saved SLO cannot change (it is ${options.base.uid}); create a new SLO instead`,
      severity: 'error',
    });
  }
  const ok = parsed.slo !== undefined && !issues.some((i) => i.severity === 'error');
  return { ...(ok && { slo: parsed.slo }), issues };
}

/** The SLO of the form, and each problem mapped to its field. */
export function evaluateForm(
  form: SloFormState,
  options: ValidateDocumentOptions = {}
): { slo?: Slo; issues: FormIssue[] } {
  const result = evaluateDocument(formToDocument(form, options.base), options);
  return { ...result, issues: result.issues.map((issue) => ({ ...issue, field: fieldForPath(issue.path, form) })) };
}

export interface YamlEvaluation extends Evaluation {
  /** Set when the text is a YAML mapping, for switching back to the form. */
  document?: unknown;
}

/** The YAML tab: syntax errors by line, then the same checks as the form. */
export function evaluateYaml(text: string, options: ValidateDocumentOptions = {}): YamlEvaluation {
  const parsed = YAML.parseDocument(text);
  if (parsed.errors.length > 0) {
    return {
      issues: parsed.errors.map((e) => ({
        path: e.linePos ? `line ${e.linePos[0].line}` : '',
        message: e.message.split('\n')[0],
        severity: 'error',
      })),
    };
  }
  const document: unknown = parsed.toJS();
  return { ...evaluateDocument(document, options), document };
}

/** The form's document as YAML, for the YAML tab (also when it is not valid yet). */
export function formToYaml(form: SloFormState, base?: Slo): string {
  const options = { lineWidth: 0, minContentWidth: 0, aliasDuplicateObjects: false } as const;
  return new YAML.Document(formToDocument(form, base), options).toString(options);
}

/** Issues grouped by field, errors first. */
export function issuesByField(issues: FormIssue[]): Partial<Record<FormField, FormIssue[]>> {
  const out: Partial<Record<FormField, FormIssue[]>> = {};
  for (const issue of [...issues].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1))) {
    (out[issue.field] ??= []).push(issue);
  }
  return out;
}
