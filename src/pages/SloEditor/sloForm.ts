import Big from 'big.js';
import type {
  BudgetAction,
  BudgetPolicy,
  BurnRateAlert,
  IndicatorType,
  Severity,
  Slo,
  SloStatus,
  ThresholdOperator,
  TierName,
  ValidationIssue,
} from '../../slo/types';
import { scoresSliceRatio, windowToText } from '../../slo/values';
import { SLO_TEMPLATES, TIERS } from '../../slo/tiers';
import type { BudgetStatus } from '../../slo/budget';
import { DEFAULT_BUDGET_POLICY } from '../../slo/budgetPolicy';
import { DEFAULT_EXHAUSTION_BURN_WINDOW } from '../../slo/burnRates';

/** One burn-rate alert as the form edits it: the factor, or the budget spent in the long window in percent. */
export interface BurnRateRow {
  severity: Severity;
  longWindow: string;
  shortWindow: string;
  mode: 'factor' | 'budgetSpent';
  /** The factor (14.4) or the budget spent in percent (2). */
  value: string;
  /** How long both windows must burn before it fires (the rule's for:); empty or undefined: at once. */
  for?: string;
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
  /** Uid of the SLO's own datasource (spec.datasource.uid); '': the app's default datasource. */
  datasourceUid: string;
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
  /** threshold: the gauge; errorRatio: the error ratio */
  expr: string;
  operator: ThresholdOperator;
  threshold: string;
  /** The first objective: target in percent (99.9) and window (30d, week, month). */
  targetPercent: string;
  window: string;
  /**
   * Count events (good / all), good time slices (spec.timeSlices), or the mean good ratio of the slices
   * (spec.timeSlices with score ratio, OpenSLO RatioTimeslices).
   */
  budgeting: 'events' | 'timeSlices' | 'sliceRatios';
  /** Length of a slice, e.g. 1m. */
  sliceWindow: string;
  /** The good ratio a slice must reach, in percent (95); not for threshold SLIs. */
  sliceTargetPercent: string;
  /**
   * Threshold SLIs: the share of a slice's samples that must meet the condition, in percent (70);
   * empty: every sample must.
   */
  sampleSliceTargetPercent: string;
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
  /** Budget-left alert below this percentage of the budget; empty for none. */
  budgetLeftPercent: string;
  budgetLeftSeverity: Severity;
  /** Exhaustion alert when the budget lasts less than this (a duration); empty for none. */
  exhaustionWithin: string;
  /** Its burn-rate window; empty for the default 6h. */
  exhaustionBurnWindow: string;
  /** Only while less than this percentage of the budget is left; empty for always. */
  exhaustionLeftBelowPercent: string;
  exhaustionSeverity: Severity;
  /** false: the default budget policy applies and no spec.budgetPolicy is written. */
  ownBudgetPolicy: boolean;
  /** The SLO's own policy; starts as the default so that customising starts from it. */
  budgetPolicy: PolicyRows;
  /** '': not written, which is active. */
  status: SloStatus | '';
  productOwner: string;
  sreOwner: string;
  /** A duration such as 90d; empty for the default (quarterly). The last review is kept as loaded. */
  reviewInterval: string;
}

/** The severities an alert of the form can have, as radio options. */
export const SEVERITY_OPTIONS: Array<{ label: string; value: Severity }> = [
  { label: 'Page', value: 'page' },
  { label: 'Ticket', value: 'ticket' },
];

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
    datasourceUid: '',
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
    sampleSliceTargetPercent: '',
    phases: [],
    labels: [],
    runbook: '',
    alertingEnabled: true,
    customBurnRates: false,
    burnRates: [],
    minBadEvents: '',
    noDataFor: '',
    budgetLeftPercent: '',
    budgetLeftSeverity: 'ticket',
    exhaustionWithin: '',
    exhaustionBurnWindow: '',
    exhaustionLeftBelowPercent: '',
    exhaustionSeverity: 'ticket',
    ownBudgetPolicy: false,
    budgetPolicy: policyToRows(DEFAULT_BUDGET_POLICY),
    status: '',
    productOwner: '',
    sreOwner: '',
    reviewInterval: '',
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
    case 'errorRatio':
      return { expr: indicator.expr };
  }
}

export function sloToForm(slo: Slo): SloFormState {
  const objective = slo.objectives[0];
  return {
    ...emptyForm(),
    name: slo.name,
    displayName: slo.displayName ?? '',
    service: slo.service,
    datasourceUid: slo.datasourceUid ?? '',
    description: slo.description ?? '',
    owner: slo.owner ?? '',
    tier: slo.tier ?? '',
    indicatorType: slo.indicator.type,
    ...indicatorToForm(slo),
    targetPercent: objective ? new Big(objective.target).times(100).toString() : '',
    window: objective ? windowToText(objective.window) : '30d',
    ...(slo.timeSlices && {
      budgeting: scoresSliceRatio(slo.timeSlices) ? ('sliceRatios' as const) : ('timeSlices' as const),
      sliceWindow: slo.timeSlices.window,
      ...(slo.timeSlices.target !== undefined && {
        [slo.indicator.type === 'threshold' ? 'sampleSliceTargetPercent' : 'sliceTargetPercent']: new Big(
          slo.timeSlices.target
        )
          .times(100)
          .toString(),
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
    ...budgetAlertsToForm(slo),
    ownBudgetPolicy: slo.budgetPolicy !== undefined,
    budgetPolicy: policyToRows(slo.budgetPolicy ?? DEFAULT_BUDGET_POLICY),
    status: slo.status ?? '',
    productOwner: slo.owners?.product ?? '',
    sreOwner: slo.owners?.sre ?? '',
    reviewInterval: slo.review?.interval ?? '',
  };
}

function budgetAlertsToForm(
  slo: Slo
): Pick<
  SloFormState,
  | 'budgetLeftPercent'
  | 'budgetLeftSeverity'
  | 'exhaustionWithin'
  | 'exhaustionBurnWindow'
  | 'exhaustionLeftBelowPercent'
  | 'exhaustionSeverity'
> {
  const { budgetLeft, exhaustion } = slo.alerting;
  const percent = (ratio: string) => new Big(ratio).times(100).toString();
  return {
    budgetLeftPercent: budgetLeft ? percent(budgetLeft.below) : '',
    budgetLeftSeverity: budgetLeft?.severity ?? 'ticket',
    exhaustionWithin: exhaustion?.within ?? '',
    exhaustionBurnWindow:
      exhaustion && exhaustion.burnWindow !== DEFAULT_EXHAUSTION_BURN_WINDOW ? exhaustion.burnWindow : '',
    exhaustionLeftBelowPercent: exhaustion && exhaustion.whenLeftBelow !== '1' ? percent(exhaustion.whenLeftBelow) : '',
    exhaustionSeverity: exhaustion?.severity ?? 'ticket',
  };
}

function burnRateToRow(alert: BurnRateAlert): BurnRateRow {
  const { severity, longWindow, shortWindow } = alert;
  const forDuration = alert.for !== undefined ? { for: alert.for } : {};
  return alert.budgetSpent !== undefined
    ? {
        severity,
        longWindow,
        shortWindow,
        mode: 'budgetSpent',
        value: new Big(alert.budgetSpent).times(100).toString(),
        ...forDuration,
      }
    : { severity, longWindow, shortWindow, mode: 'factor', value: alert.factor ?? '', ...forDuration };
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
