import YAML from 'yaml';
import type { Slo } from '../../slo/types';
import { BUDGET_STATUSES } from '../../slo/budgetPolicy';
import { NATIVE_API_VERSION, NATIVE_KIND, toNativeDocument } from '../../formats/native';
import type { BurnRateRow, SloFormState } from './sloForm';

/** The form as a native SLO document (and as its YAML): what the editor saves and validates. */

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
    case 'errorRatio':
      return { type: 'errorRatio', expr: form.expr.trim(), ...groupBy };
  }
}

function timeSlicesDocument(form: SloFormState): Record<string, string> | undefined {
  if (form.budgeting === 'events') {
    return undefined;
  }
  // Slices scored by their good ratio judge no slice: no target.
  if (form.budgeting === 'sliceRatios') {
    return { window: form.sliceWindow.trim(), score: 'ratio' };
  }
  // A threshold SLI's slice is good when that share of its samples met the condition, or all of them.
  const target =
    form.indicatorType === 'threshold' ? form.sampleSliceTargetPercent.trim() : form.sliceTargetPercent.trim();
  return {
    window: form.sliceWindow.trim(),
    ...((form.indicatorType !== 'threshold' || target !== '') && { target: `${target}%` }),
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
    ...(row.for !== undefined && row.for.trim() !== '' && { for: row.for.trim() }),
  };
}

/** A low-traffic guard is a whole number of bad events; the form checks use the same test. */
export const WHOLE_NUMBER = /^\d+$/;

function alertingDocument(form: SloFormState, keep?: Slo): Record<string, unknown> | undefined {
  // Fields the form does not show are kept as loaded.
  const labels = keep?.alerting.labels ?? {};
  const absent = keep?.alerting.absent;
  const perSeverity = keep ? toNativeDocument(keep).spec.alerting?.perSeverity : undefined;
  const minBadEvents = form.minBadEvents.trim();
  const noDataFor = form.noDataFor.trim();
  const out: Record<string, unknown> = {
    ...(!form.alertingEnabled && { enabled: false }),
    ...(Object.keys(labels).length > 0 && { labels }),
    ...(form.customBurnRates && { burnRates: form.burnRates.map(rowToAlert) }),
    ...(WHOLE_NUMBER.test(minBadEvents) && Number(minBadEvents) > 0 && { minBadEvents: Number(minBadEvents) }),
    ...(noDataFor !== '' && { noData: { for: noDataFor } }),
    ...(absent && { absent: { for: absent.for, severity: absent.severity } }),
    ...(perSeverity && { perSeverity }),
    ...budgetAlertsDocument(form),
  };
  return Object.keys(out).length > 0 ? out : undefined;
}

/** The alerts on the budget itself, each written only when its main field is filled in. */
function budgetAlertsDocument(form: SloFormState): Record<string, unknown> {
  const below = form.budgetLeftPercent.trim();
  const within = form.exhaustionWithin.trim();
  const burnWindow = form.exhaustionBurnWindow.trim();
  const leftBelow = form.exhaustionLeftBelowPercent.trim();
  return {
    ...(below !== '' && { budgetLeft: { below: `${below}%`, severity: form.budgetLeftSeverity } }),
    ...(within !== '' && {
      exhaustion: {
        within,
        ...(burnWindow !== '' && { burnWindow }),
        severity: form.exhaustionSeverity,
        ...(leftBelow !== '' && { whenLeftBelow: `${leftBelow}%` }),
      },
    }),
  };
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

/** Status, owners and review interval as the form sets them; the last review is kept as loaded. */
function lifecycleDocument(form: SloFormState, base?: Slo): Record<string, unknown> {
  const owners = { ...optional('product', form.productOwner), ...optional('sre', form.sreOwner) };
  const last = base ? toNativeDocument(base).spec.review?.last : undefined;
  const review = { ...optional('interval', form.reviewInterval), ...(last && { last }) };
  return {
    ...(form.status !== '' && { status: form.status }),
    ...(Object.keys(owners).length > 0 && { owners }),
    ...(Object.keys(review).length > 0 && { review }),
  };
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
      // Written only when one is chosen: without it the SLO lives on the app's default datasource.
      ...(form.datasourceUid.trim() !== '' && { datasource: { uid: form.datasourceUid.trim() } }),
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
      // The last review belongs to the SLO edited, never to the one a new SLO duplicates.
      ...lifecycleDocument(form, base),
    },
  };
}

/** The form's document as YAML, for the YAML tab (also when it is not valid yet). */
export function formToYaml(form: SloFormState, base?: Slo, keep: Slo | undefined = base): string {
  const options = { lineWidth: 0, minContentWidth: 0, aliasDuplicateObjects: false } as const;
  return new YAML.Document(formToDocument(form, base, keep), options).toString(options);
}
