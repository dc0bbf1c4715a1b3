import Big from 'big.js';
import YAML from 'yaml';
import type {
  BudgetAction,
  BudgetPolicy,
  BurnRateAlert,
  IndicatorType,
  Objective,
  Severity,
  Slo,
  ThresholdOperator,
  TierName,
  ValidationIssue,
} from '../../slo/types';
import { validateSlo } from '../../rules/validate';
import { parseSliceWindow, parseTarget, parseWindow, windowToText } from '../../slo/values';
import { parsePromDuration } from '../../slo/duration';
import { SLO_TEMPLATES, TIERS } from '../../slo/tiers';
import { describeBurnRate, describeObjective } from '../../slo/describe';
import { resolveBurnRates } from '../../slo/burnRates';
import type { BudgetStatus } from '../../slo/budget';
import { BUDGET_STATUSES, DEFAULT_BUDGET_POLICY } from '../../slo/budgetPolicy';
import { NATIVE_API_VERSION, NATIVE_KIND, parseNativeDocument, toNativeDocument } from '../../formats/native';

/** One burn-rate alert as the form edits it: the factor, or the budget spent in the long window in percent. */
export interface BurnRateRow {
  severity: Severity;
  longWindow: string;
  shortWindow: string;
  mode: 'factor' | 'budgetSpent';
  /** The factor (14.4) or the budget spent in percent (2). */
  value: string;
}

/** The actions and the note of one budget status, as the form edits them. */
export interface PolicyRow {
  actions: BudgetAction[];
  note: string;
}

export type PolicyRows = Record<BudgetStatus, PolicyRow>;

/**
 * What the editor edits. Everything else of an SLO (alerting labels, grouping, more objectives, other
 * annotations) is kept as loaded.
 */
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
  /** Count events (good / all), or good time slices (spec.timeSlices). */
  budgeting: 'events' | 'timeSlices';
  /** Length of a slice, e.g. 1m. */
  sliceWindow: string;
  /** The good ratio a slice must reach, in percent (95); not for threshold SLIs. */
  sliceTargetPercent: string;
  /** Progressive targets of the first objective: a date (YYYY-MM-DD) and a target in percent each. */
  phases: Array<{ from: string; targetPercent: string }>;
  labels: Array<{ key: string; value: string }>;
  /** annotations.runbook */
  runbook: string;
  alertingEnabled: boolean;
  /** false: the workbook alerts scaled to the window, with the tier's severities. */
  customBurnRates: boolean;
  burnRates: BurnRateRow[];
  /** Low-traffic guard: a whole number, or empty for none. */
  minBadEvents: string;
  /** No-data alert after this long without events; empty for none. */
  noDataFor: string;
  /** false: the default budget policy applies and no spec.budgetPolicy is written. */
  ownBudgetPolicy: boolean;
  /** The SLO's own policy; starts as the default so that customising starts from it. */
  budgetPolicy: PolicyRows;
}

export type FormField =
  | Exclude<keyof SloFormState, 'eventsKind' | 'native' | 'alertingEnabled' | 'customBurnRates' | 'ownBudgetPolicy'>
  | 'other';

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
    budgeting: 'events',
    sliceWindow: '1m',
    sliceTargetPercent: '95',
    phases: [],
    labels: [],
    runbook: '',
    alertingEnabled: true,
    customBurnRates: false,
    burnRates: [],
    minBadEvents: '',
    noDataFor: '',
    ownBudgetPolicy: false,
    budgetPolicy: policyToRows(DEFAULT_BUDGET_POLICY),
  };
}

export function policyToRows(policy: BudgetPolicy): PolicyRows {
  const row = (status: BudgetStatus): PolicyRow => ({
    actions: [...(policy.actions[status] ?? [])],
    note: policy.notes[status] ?? '',
  });
  return {
    healthy: row('healthy'),
    attention: row('attention'),
    warning: row('warning'),
    critical: row('critical'),
    exhausted: row('exhausted'),
  };
}

function indicatorToForm(slo: Pick<Slo, 'indicator'>): Partial<SloFormState> {
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
    ...(slo.timeSlices && {
      budgeting: 'timeSlices' as const,
      sliceWindow: slo.timeSlices.window,
      ...(slo.timeSlices.target !== undefined && {
        sliceTargetPercent: new Big(slo.timeSlices.target).times(100).toString(),
      }),
    }),
    phases: (objective?.phases ?? []).map((p) => ({
      from: p.from,
      targetPercent: new Big(p.target).times(100).toString(),
    })),
    labels: Object.entries(slo.labels).map(([key, value]) => ({ key, value })),
    runbook: slo.annotations.runbook ?? '',
    alertingEnabled: slo.alerting.enabled,
    customBurnRates: slo.alerting.burnRates !== undefined,
    burnRates: (slo.alerting.burnRates ?? []).map(burnRateToRow),
    minBadEvents: slo.alerting.minBadEvents === undefined ? '' : String(slo.alerting.minBadEvents),
    noDataFor: slo.alerting.noDataFor ?? '',
    ownBudgetPolicy: slo.budgetPolicy !== undefined,
    budgetPolicy: policyToRows(slo.budgetPolicy ?? DEFAULT_BUDGET_POLICY),
  };
}

function burnRateToRow(alert: BurnRateAlert): BurnRateRow {
  const { severity, longWindow, shortWindow } = alert;
  return alert.budgetSpent !== undefined
    ? {
        severity,
        longWindow,
        shortWindow,
        mode: 'budgetSpent',
        value: new Big(alert.budgetSpent).times(100).toString(),
      }
    : { severity, longWindow, shortWindow, mode: 'factor', value: alert.factor ?? '' };
}

/** A new SLO from a template of docs/slo-maths.md: its example indicator, target and window. */
export function formFromTemplate(templateId: string, current: SloFormState = emptyForm()): SloFormState {
  const template = SLO_TEMPLATES.find((t) => t.id === templateId);
  if (!template) {
    return current;
  }
  const blank = emptyForm();
  return {
    ...current,
    // The indicator fields of another kind are cleared.
    total: blank.total,
    events: blank.events,
    histogram: blank.histogram,
    latencyThreshold: blank.latencyThreshold,
    expr: blank.expr,
    threshold: blank.threshold,
    indicatorType: template.exampleIndicator.type,
    ...indicatorToForm({ indicator: template.exampleIndicator }),
    displayName: current.displayName || template.title,
    description: template.description,
    targetPercent: new Big(template.target).times(100).toString(),
    window: template.window,
  };
}

/** The tier's defaults: its target, and its latency threshold for a latency SLI. */
export function applyTier(form: SloFormState, tier: TierName): SloFormState {
  const defaults = TIERS[tier];
  return {
    ...form,
    tier,
    targetPercent: new Big(defaults.target).times(100).toString(),
    ...(form.indicatorType === 'latency' && { latencyThreshold: defaults.latencyThresholdSeconds }),
  };
}

/**
 * The user's edit on top of someone else's newer version: each field the user changed since `mine` was
 * loaded keeps the user's value; every other field takes `theirs`.
 */
export function rebaseForm(form: SloFormState, mine: Slo, theirs: Slo): SloFormState {
  const before = sloToForm(mine);
  const after = sloToForm(theirs);
  const out: SloFormState = { ...form };
  for (const key of Object.keys(form) as Array<keyof SloFormState>) {
    if (JSON.stringify(form[key]) === JSON.stringify(before[key])) {
      Object.assign(out, { [key]: after[key] });
    }
  }
  return out;
}

/** A copy of an SLO as a new one: the same settings under a new name. */
export function duplicateForm(slo: Slo): SloFormState {
  const form = sloToForm(slo);
  return {
    ...form,
    name: `${slo.name}-copy`,
    displayName: `${slo.displayName ?? slo.name} (copy)`,
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

function timeSlicesDocument(form: SloFormState): Record<string, string> | undefined {
  if (form.budgeting !== 'timeSlices') {
    return undefined;
  }
  // A threshold SLI's slice is good when the condition held throughout: it has no slice target.
  return {
    window: form.sliceWindow.trim(),
    ...(form.indicatorType !== 'threshold' && { target: `${form.sliceTargetPercent.trim()}%` }),
  };
}

function labelsDocument(form: SloFormState): Record<string, string> | undefined {
  const entries = form.labels.filter((l) => l.key.trim() !== '' || l.value.trim() !== '');
  return entries.length > 0 ? Object.fromEntries(entries.map((l) => [l.key.trim(), l.value])) : undefined;
}

function rowToAlert(row: BurnRateRow): Record<string, unknown> {
  const value = row.value.trim();
  return {
    severity: row.severity,
    longWindow: row.longWindow.trim(),
    shortWindow: row.shortWindow.trim(),
    ...(row.mode === 'factor' ? { factor: value } : { budgetSpent: value === '' ? '' : `${value}%` }),
  };
}

const WHOLE_NUMBER = /^\d+$/;

function alertingDocument(form: SloFormState, keep?: Slo): Record<string, unknown> | undefined {
  const labels = keep?.alerting.labels ?? {};
  const minBadEvents = form.minBadEvents.trim();
  const noDataFor = form.noDataFor.trim();
  const out: Record<string, unknown> = {
    ...(!form.alertingEnabled && { enabled: false }),
    ...(Object.keys(labels).length > 0 && { labels }),
    ...(form.customBurnRates && { burnRates: form.burnRates.map(rowToAlert) }),
    ...(WHOLE_NUMBER.test(minBadEvents) && Number(minBadEvents) > 0 && { minBadEvents: Number(minBadEvents) }),
    ...(noDataFor !== '' && { noData: { for: noDataFor } }),
  };
  return Object.keys(out).length > 0 ? out : undefined;
}

function annotationsDocument(form: SloFormState, keep?: Slo): Record<string, string> | undefined {
  const { runbook: _runbook, ...others } = keep?.annotations ?? {};
  const out = { ...others, ...optional('runbook', form.runbook) };
  return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * The own policy as written: statuses with actions, and those the kept SLO listed (an explicit `[]`
 * stays); a status with neither is left out, which means the same: no action.
 */
function budgetPolicyDocument(form: SloFormState, keep?: Slo): Record<string, unknown> | undefined {
  if (!form.ownBudgetPolicy) {
    return undefined;
  }
  const listed = keep?.budgetPolicy?.actions ?? {};
  const out: Record<string, unknown> = {};
  const notes: Record<string, string> = {};
  for (const status of BUDGET_STATUSES) {
    const row = form.budgetPolicy[status];
    if (row.actions.length > 0 || listed[status] !== undefined) {
      out[status] = row.actions;
    }
    if (row.note.trim() !== '') {
      notes[status] = row.note.trim();
    }
  }
  return Object.keys(notes).length > 0 ? { ...out, notes } : out;
}

/**
 * The native document the form describes. With `base` (the SLO being edited) the uid is kept: renaming
 * an SLO keeps its slo_uid. What the form does not show is kept from `keep` (by default `base`; the
 * source SLO of a duplicate).
 */
export function formToDocument(form: SloFormState, base?: Slo, keep: Slo | undefined = base): Record<string, unknown> {
  const name = form.name.trim();
  const uid = base?.uid ?? name;
  const keptSpec = keep ? toNativeDocument(keep).spec : undefined;
  const labels = labelsDocument(form);
  const firstObjective = {
    target: `${form.targetPercent.trim()}%`,
    window: form.window.trim(),
    ...(keep?.objectives[0]?.displayName !== undefined && { displayName: keep.objectives[0].displayName }),
    ...(form.phases.length > 0 && {
      phases: form.phases.map((p) => ({ from: p.from.trim(), target: `${p.targetPercent.trim()}%` })),
    }),
  };
  const alerting = alertingDocument(form, keep);
  const annotations = annotationsDocument(form, keep);
  const budgetPolicy = budgetPolicyDocument(form, keep);
  const timeSlices = timeSlicesDocument(form);
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
      indicator: indicatorDocument(form, keep),
      ...(timeSlices && { timeSlices }),
      objectives: [firstObjective, ...(keptSpec?.objectives.slice(1) ?? [])],
      ...(alerting && { alerting }),
      ...(annotations && { annotations }),
      ...(budgetPolicy && { budgetPolicy }),
      // Scheduled on the Maintenance page or in YAML; the form keeps them.
      ...(keptSpec?.maintenance && { maintenance: keptSpec.maintenance }),
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
  [/^spec\.timeSlices\.window$/, 'sliceWindow'],
  [/^spec\.timeSlices\.target$/, 'sliceTargetPercent'],
  [/^spec\.timeSlices\b/, 'budgeting'],
  [/^spec\.objectives\[0\]\.target$/, 'targetPercent'],
  [/^spec\.objectives\[0\]\.phases\b/, 'phases'],
  [/^spec\.objectives\[0\]\.window$/, 'window'],
  [/^spec\.alerting\.burnRates\b/, 'burnRates'],
  [/^spec\.alerting\.minBadEvents$/, 'minBadEvents'],
  [/^spec\.alerting\.noData\b/, 'noDataFor'],
  [/^spec\.annotations\.runbook$/, 'runbook'],
  [/^spec\.budgetPolicy\b/, 'budgetPolicy'],
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
  /** The SLO a new one is a copy of: what the form does not show is kept from it. */
  source?: Slo;
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
  const result = evaluateDocument(formToDocument(form, options.base, options.base ?? options.source), options);
  const minBadEvents = form.minBadEvents.trim();
  if (minBadEvents !== '' && !(WHOLE_NUMBER.test(minBadEvents) && Number(minBadEvents) > 0)) {
    result.issues.push({
      path: 'spec.alerting.minBadEvents',
      message: `must be a whole number of bad events such as 5, got ${JSON.stringify(minBadEvents)}`,
      severity: 'error',
    });
    delete result.slo;
  }
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
export function formToYaml(form: SloFormState, base?: Slo, keep: Slo | undefined = base): string {
  const options = { lineWidth: 0, minContentWidth: 0, aliasDuplicateObjects: false } as const;
  return new YAML.Document(formToDocument(form, base, keep), options).toString(options);
}

/** The first objective of the form when its target and window parse, else undefined. */
export function formObjective(form: SloFormState): Objective | undefined {
  const issues: ValidationIssue[] = [];
  const target = parseTarget(`${form.targetPercent.trim()}%`, '', issues);
  const window = parseWindow(form.window, '', issues);
  return target !== undefined && window !== undefined ? { target, window } : undefined;
}

/** The objective in plain words, when the target and window parse. */
export function objectiveWords(form: SloFormState): string | undefined {
  const objective = formObjective(form);
  if (!objective) {
    return undefined;
  }
  const noun =
    form.indicatorType === 'threshold' ? 'samples' : form.indicatorType === 'advanced' ? 'events' : 'requests';
  const slice = form.budgeting === 'timeSlices' ? parseSliceWindow(form.sliceWindow, '', []) : undefined;
  if (form.budgeting === 'timeSlices' && !slice) {
    return undefined;
  }
  return describeObjective(objective, noun, slice);
}

export interface AlertPreview {
  severity: Severity;
  longWindow: string;
  shortWindow: string;
  factor: string;
  /** In plain words, when the alert and the objective parse. */
  words?: string;
  canFire: boolean;
}

function alertingOnly(burnRates?: BurnRateAlert[]): Slo {
  return {
    name: '',
    uid: '',
    service: '',
    labels: {},
    indicator: { type: 'ratio', total: '', groupBy: [] },
    objectives: [],
    alerting: { enabled: true, labels: {}, ...(burnRates && { burnRates }) },
    annotations: {},
  };
}

function rowAlert(row: BurnRateRow): BurnRateAlert | undefined {
  const issues: ValidationIssue[] = [];
  if (parsePromDuration(row.longWindow) === undefined || parsePromDuration(row.shortWindow) === undefined) {
    return undefined;
  }
  const { severity, longWindow, shortWindow } = row;
  if (row.mode === 'factor') {
    const ok = /^\d+(\.\d+)?$/.test(row.value.trim()) && new Big(row.value.trim()).gt(0);
    return ok ? { severity, longWindow, shortWindow, factor: new Big(row.value.trim()).toString() } : undefined;
  }
  const budgetSpent = parseTarget(`${row.value.trim()}%`, '', issues, 'share');
  return budgetSpent === undefined ? undefined : { severity, longWindow, shortWindow, budgetSpent };
}

/**
 * The burn-rate alerts the rules will have, in words: the form's rows, or the workbook defaults scaled to
 * the window with the tier's severities. Undefined while the target or window do not parse.
 */
export function alertPreviews(form: SloFormState): AlertPreview[] | undefined {
  const objective = formObjective(form);
  if (!objective) {
    return undefined;
  }
  if (!form.customBurnRates) {
    const severities = form.tier === '' ? undefined : TIERS[form.tier].alertSeverities;
    return resolveBurnRates(alertingOnly(), objective, severities).map((r) => ({
      severity: r.severity,
      longWindow: r.longWindow,
      shortWindow: r.shortWindow,
      factor: r.factor,
      words: describeBurnRate(r),
      canFire: r.canFire,
    }));
  }
  return form.burnRates.map((row) => {
    const alert = rowAlert(row);
    const resolved = alert ? resolveBurnRates(alertingOnly([alert]), objective)[0] : undefined;
    return {
      severity: row.severity,
      longWindow: row.longWindow,
      shortWindow: row.shortWindow,
      factor: resolved?.factor ?? row.value,
      words: resolved ? describeBurnRate(resolved) : undefined,
      canFire: resolved?.canFire ?? true,
    };
  });
}

/** The default alerts as editable rows, to start customising from. */
export function defaultBurnRateRows(form: SloFormState): BurnRateRow[] {
  return (alertPreviews({ ...form, customBurnRates: false }) ?? []).map((a) => ({
    severity: a.severity,
    longWindow: a.longWindow,
    shortWindow: a.shortWindow,
    mode: 'factor',
    value: a.factor,
  }));
}

/** Issues grouped by field, errors first. */
export function issuesByField(issues: FormIssue[]): Partial<Record<FormField, FormIssue[]>> {
  const out: Partial<Record<FormField, FormIssue[]>> = {};
  for (const issue of [...issues].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1))) {
    (out[issue.field] ??= []).push(issue);
  }
  return out;
}
