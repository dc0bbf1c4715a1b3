/**
 * An Slo as OpenSLO v1 documents: a Service and an SLO with the indicator inline, and the Burnrate
 * fields OpenSLO has no place for as `burnrate.dev/` annotations.
 */
import type { Slo, SloWindow, TimeSlices } from '../../slo/types';
import { scoresSliceRatio, toDecimal } from '../../slo/values';
import type { BudgetingMethod } from './objectives';
import { toNativeDocument, type NativeDocument } from '../native';
import { ANNOTATION_PREFIX, ANNOTATIONS, type AnnotationField } from './extensions';
import { importsBack, indicatorToOpenSlo, type OpenSloSliSpec } from './indicator';
import { openSloName } from './names';
import { OPENSLO_API_VERSION } from './schema';

/** Calendar periods start at 00:00 UTC, weeks on Monday: the start time written on export. */
const CALENDAR_START = '2024-01-01 00:00:00';

export interface OpenSloServiceDocument {
  apiVersion: typeof OPENSLO_API_VERSION;
  kind: 'Service';
  metadata: { name: string; displayName?: string };
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
    budgetingMethod: BudgetingMethod;
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
  const name = openSloName(slo.name);
  const service = openSloName(slo.service);
  if (name !== slo.name) {
    put('name', slo.name);
  }
  if (service !== slo.service) {
    put('service', slo.service);
  }
  if (slo.uid !== slo.name) {
    put('uid', slo.uid);
  }
  if (toDecimal(Number(first.target)) !== toDecimal(first.target)) {
    put('target', first.target);
  }
  if (slo.datasourceUid !== undefined) {
    put('datasourceUid', slo.datasourceUid);
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
  if (alerting.budgetLeft) {
    put('budgetLeftAlert', JSON.stringify(alerting.budgetLeft));
  }
  if (alerting.exhaustion) {
    put('exhaustionAlert', JSON.stringify(alerting.exhaustion));
  }
  if (alerting.absent) {
    put('absentAlert', JSON.stringify(alerting.absent));
  }
  if (alerting.perSeverity) {
    put('severityAlerts', JSON.stringify(alerting.perSeverity));
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
  // Owners and status are plain text, readable by any OpenSLO tool; the review is JSON like the other fields.
  if (slo.status !== undefined) {
    put('status', slo.status);
  }
  if (slo.owners?.product !== undefined) {
    put('productOwner', slo.owners.product);
  }
  if (slo.owners?.sre !== undefined) {
    put('sreOwner', slo.owners.sre);
  }
  if (native.spec.review) {
    put('review', JSON.stringify(native.spec.review));
  }
  const serviceDocument: OpenSloServiceDocument = {
    apiVersion: OPENSLO_API_VERSION,
    kind: 'Service',
    metadata: { name: service, ...(service !== slo.service && { displayName: slo.service }) },
    spec: {},
  };
  const sloDocument: OpenSloSloDocument = {
    apiVersion: OPENSLO_API_VERSION,
    kind: 'SLO',
    metadata: {
      name,
      ...(slo.displayName !== undefined && { displayName: slo.displayName }),
      ...(Object.keys(slo.labels).length > 0 && { labels: { ...slo.labels } }),
      ...(Object.keys(annotations).length > 0 && { annotations }),
    },
    spec: {
      ...(slo.description !== undefined && { description: slo.description }),
      service,
      indicator: { metadata: { name }, spec: exported.sli },
      timeWindow: [windowToOpenSlo(first.window)],
      budgetingMethod: budgetingMethodOf(slo.timeSlices),
      objectives: [
        {
          ...(first.displayName !== undefined && { displayName: first.displayName }),
          target: Number(first.target),
          ...(exported.op !== undefined && { op: exported.op }),
          ...(exported.value !== undefined && { value: exported.value }),
          // A threshold slice is good when every data point met the condition: a slice target of 1.
          // RatioTimeslices judges no slice: it has no slice target.
          ...(slo.timeSlices &&
            !scoresSliceRatio(slo.timeSlices) && { timeSliceTarget: Number(slo.timeSlices.target ?? '1') }),
          ...(slo.timeSlices && {
            timeSliceWindow: shorthand(slo.timeSlices.windowSeconds) ?? slo.timeSlices.window,
          }),
        },
      ],
    },
  };
  return [serviceDocument, sloDocument];
}

/** Good slices counted: Timeslices; slices scored by their good ratio: RatioTimeslices; events: Occurrences. */
function budgetingMethodOf(timeSlices: TimeSlices | undefined): BudgetingMethod {
  if (!timeSlices) {
    return 'Occurrences';
  }
  return scoresSliceRatio(timeSlices) ? 'RatioTimeslices' : 'Timeslices';
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
