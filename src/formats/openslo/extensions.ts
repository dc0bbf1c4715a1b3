/**
 * The `burnrate.dev/` annotations of an OpenSLO SLO: the Burnrate fields OpenSLO has no place for, so
 * that an exported SLO imports back to the same Slo.
 */
import type {
  Alerting,
  BudgetPolicy,
  Decimal,
  Indicator,
  MaintenanceWindow,
  Objective,
  Slo,
  TargetPhase,
} from '../../slo/types';
import { NATIVE_API_VERSION, NATIVE_KIND, parseNativeDocument } from '../native';
import { isRecord } from '../document';
import type { Reporter } from './reporter';
import { DATASOURCE_UID_RULE, isDatasourceUid } from '../../slo/datasource';
import { quote } from '../../slo/quote';

/** Prefix of the annotations that carry Burnrate fields with no OpenSLO equivalent. */
export const ANNOTATION_PREFIX = 'burnrate.dev/';

/** The `burnrate.dev/` annotations, by the field they carry. */
export const ANNOTATIONS = {
  /** The SLO's name when it is no DNS label, which OpenSLO's metadata.name must be. */
  name: 'name',
  /** The service when it is no DNS label, which the name of OpenSLO's Service must be. */
  service: 'service',
  uid: 'uid',
  /** The first objective's target when the number in spec.objectives[0].target does not hold it exactly. */
  target: 'target',
  /** The uid of the Grafana datasource of the SLO (OpenSLO's DataSource objects name no Grafana datasource). */
  datasourceUid: 'datasourceUid',
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
  /** JSON of the native budget-left alert ({"below": "25%", "severity": "ticket"}). */
  budgetLeftAlert: 'budgetLeftAlert',
  /** JSON of the native exhaustion alert ({"within": "3d", "burnWindow": "6h", ...}). */
  exhaustionAlert: 'exhaustionAlert',
  /** JSON of the native absent alert ({"for": "3m", "severity": "page"}). */
  absentAlert: 'absentAlert',
  /** JSON of the native labels and annotations per severity ({"page": {"labels": {...}}}). */
  severityAlerts: 'severityAlerts',
  /** JSON of the native error budget policy (OpenSLO v1 has no policy). */
  budgetPolicy: 'budgetPolicy',
  /** JSON list of the progressive target phases of the first objective ({"from": date, "target": ...}). */
  targetPhases: 'targetPhases',
  /** JSON list of the native maintenance windows (OpenSLO v1 has none). */
  maintenance: 'maintenance',
  /** draft, active or retired; left out when not written (active). */
  status: 'status',
  /** The product owner, free text. */
  productOwner: 'productOwner',
  /** The SRE owner, free text. */
  sreOwner: 'sreOwner',
  /** JSON of the native review: {"interval": "90d", "last": {"date": "2026-11-02", "by": "...", "note": "..."}}. */
  review: 'review',
} as const;
export type AnnotationField = keyof typeof ANNOTATIONS;

export function splitAnnotations(annotations: Record<string, string>): {
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

export function annotationPath(key: string): string {
  return `metadata.annotations["${ANNOTATION_PREFIX}${key}"]`;
}

export interface Extensions {
  name?: string;
  service?: string;
  uid?: string;
  target?: Decimal;
  datasourceUid?: string;
  owner?: string;
  tier?: Slo['tier'];
  groupBy: string[];
  hint?: Indicator;
  moreObjectives: Objective[];
  alerting: Partial<Alerting>;
  budgetPolicy?: BudgetPolicy;
  targetPhases?: TargetPhase[];
  maintenance?: MaintenanceWindow[];
  lifecycle: Pick<Slo, 'status' | 'owners' | 'review'>;
}

/** Where an issue of the wrapper native document (see readExtensions) comes from. */
const WRAPPER_PATHS: Array<[string, AnnotationField]> = [
  ['metadata.uid', 'uid'],
  ['spec.datasource.uid', 'datasourceUid'],
  ['spec.datasource', 'datasourceUid'],
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
  ['spec.alerting.budgetLeft', 'budgetLeftAlert'],
  ['spec.alerting.exhaustion', 'exhaustionAlert'],
  ['spec.alerting.absent', 'absentAlert'],
  ['spec.alerting.perSeverity', 'severityAlerts'],
  ['spec.budgetPolicy', 'budgetPolicy'],
  ['spec.maintenance', 'maintenance'],
  ['spec.status', 'status'],
  ['spec.owners.product', 'productOwner'],
  ['spec.owners.sre', 'sreOwner'],
  ['spec.review', 'review'],
];

/**
 * Reads the `burnrate.dev/` annotations. They hold native fields, so they are checked by the native
 * parser: they are put into a native document around placeholders, and its issues are named by the
 * annotation they come from.
 */
export function readExtensions(ours: Record<string, string>, r: Reporter): Extensions | undefined {
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
  const datasourceUid = text('datasourceUid');
  if (datasourceUid !== undefined && !isDatasourceUid(datasourceUid)) {
    r.error(annotationPath(ANNOTATIONS.datasourceUid), `${DATASOURCE_UID_RULE}, got ${quote(datasourceUid)}`);
    broken = true;
  }
  const groupBy = json('groupBy');
  const hint = json('indicator');
  const moreObjectives = json('moreObjectives');
  const enabled = json('alertingEnabled');
  const alertLabels = json('alertLabels');
  const burnRates = json('burnRates');
  const minBadEvents = json('minBadEvents');
  const budgetLeft = json('budgetLeftAlert');
  const exhaustion = json('exhaustionAlert');
  const absent = json('absentAlert');
  const perSeverity = json('severityAlerts');
  const budgetPolicy = json('budgetPolicy');
  const targetPhases = json('targetPhases');
  const maintenance = json('maintenance');
  const review = json('review');
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
  const indicator = isRecord(hint)
    ? { ...hint }
    : (hint ?? { type: 'ratio', total: 'placeholder', bad: 'placeholder' });
  if (groupBy !== undefined && isRecord(indicator)) {
    indicator.groupBy = groupBy;
  }
  const noDataFor = text('noDataFor');
  const alerting = {
    ...(enabled !== undefined && { enabled }),
    ...(alertLabels !== undefined && { labels: alertLabels }),
    ...(burnRates !== undefined && { burnRates }),
    ...(minBadEvents !== undefined && { minBadEvents }),
    ...(noDataFor !== undefined && { noData: { for: noDataFor } }),
    ...(budgetLeft !== undefined && { budgetLeft }),
    ...(exhaustion !== undefined && { exhaustion }),
    ...(absent !== undefined && { absent }),
    ...(perSeverity !== undefined && { perSeverity }),
  };
  const wrapper = {
    apiVersion: NATIVE_API_VERSION,
    kind: NATIVE_KIND,
    metadata: { name: 'placeholder', ...(text('uid') !== undefined && { uid: text('uid') }) },
    spec: {
      service: 'placeholder',
      ...(text('datasourceUid') !== undefined && { datasource: { uid: text('datasourceUid') } }),
      ...(text('owner') !== undefined && { owner: text('owner') }),
      ...(text('tier') !== undefined && { tier: text('tier') }),
      indicator,
      objectives: [
        {
          target: text('target') ?? 0.5,
          window: '30d',
          ...(targetPhases !== undefined && { phases: targetPhases }),
        },
        ...((moreObjectives as unknown[] | undefined) ?? []),
      ],
      alerting,
      ...(budgetPolicy !== undefined && { budgetPolicy }),
      ...(maintenance !== undefined && { maintenance }),
      ...(text('status') !== undefined && { status: text('status') }),
      ...((text('productOwner') !== undefined || text('sreOwner') !== undefined) && {
        owners: {
          ...(text('productOwner') !== undefined && { product: text('productOwner') }),
          ...(text('sreOwner') !== undefined && { sre: text('sreOwner') }),
        },
      }),
      ...(review !== undefined && { review }),
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
  if (slo.alerting.budgetLeft !== undefined) {
    partial.budgetLeft = slo.alerting.budgetLeft;
  }
  if (slo.alerting.exhaustion !== undefined) {
    partial.exhaustion = slo.alerting.exhaustion;
  }
  if (slo.alerting.absent !== undefined) {
    partial.absent = slo.alerting.absent;
  }
  if (slo.alerting.perSeverity !== undefined) {
    partial.perSeverity = slo.alerting.perSeverity;
  }
  return {
    ...(text('name') !== undefined && { name: text('name') }),
    ...(text('service') !== undefined && { service: text('service') }),
    ...(text('uid') !== undefined && { uid: slo.uid }),
    ...(text('target') !== undefined && { target: slo.objectives[0].target }),
    ...(slo.datasourceUid !== undefined && { datasourceUid: slo.datasourceUid }),
    ...(slo.owner !== undefined && { owner: slo.owner }),
    ...(slo.tier !== undefined && { tier: slo.tier }),
    groupBy: slo.indicator.groupBy,
    ...(hint !== undefined && { hint: slo.indicator }),
    moreObjectives: slo.objectives.slice(1),
    alerting: partial,
    ...(slo.budgetPolicy !== undefined && { budgetPolicy: slo.budgetPolicy }),
    ...(slo.objectives[0]?.phases !== undefined && { targetPhases: slo.objectives[0].phases }),
    ...(slo.maintenance !== undefined && { maintenance: slo.maintenance }),
    lifecycle: {
      ...(slo.status !== undefined && { status: slo.status }),
      ...(slo.owners !== undefined && { owners: slo.owners }),
      ...(slo.review !== undefined && { review: slo.review }),
    },
  };
}

function wrapperPathToAnnotation(path: string): string {
  if (path === 'spec.objectives[0].target') {
    return annotationPath(ANNOTATIONS.target);
  }
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
