import Big from 'big.js';
import type { BurnRateAlert, Objective, Severity, Slo, ValidationIssue } from '../../slo/types';
import { parseSliceWindow, parseTarget, parseWindow } from '../../slo/values';
import { parsePromDuration } from '../../slo/duration';
import { TIERS } from '../../slo/tiers';
import { describeBurnRate, describeObjective, eventNoun } from '../../slo/describe';
import { resolveBurnRates } from '../../slo/burnRates';
import type { BurnRateRow, SloFormState } from './sloForm';

/** What the form will mean while it is edited: the objective and the burn-rate alerts in words. */

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
  const noun = eventNoun(form.indicatorType);
  if (form.budgeting === 'events') {
    return describeObjective(objective, noun);
  }
  const slice = parseSliceWindow(form.sliceWindow, '', []);
  if (!slice) {
    return undefined;
  }
  return describeObjective(objective, noun, form.budgeting === 'sliceRatios' ? { ...slice, score: 'ratio' } : slice);
}

export interface AlertPreview {
  severity: Severity;
  longWindow: string;
  shortWindow: string;
  factor: string;
  /** In plain words, when the alert and the objective parse. */
  words?: string;
  canFire: boolean;
  /** A default the target could not reach: the workbook factor it replaces. */
  adaptedFrom?: string;
  /** Seconds a full outage takes to fire it. */
  fullOutageSeconds?: number;
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
      adaptedFrom: r.adaptedFrom,
      fullOutageSeconds: r.fullOutageSeconds,
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
