/** The SLO documents of a file, with what they refer to, as Slos. */
import { quote } from '../../slo/quote';
import type { Decimal, Indicator, Objective, Slo, TimeSlices } from '../../slo/types';
import type { FileIssue } from '../document';
import { RESERVED_LABELS } from '../importing';
import { readAlerting } from './alerting';
import { ANNOTATIONS, annotationPath, readExtensions, splitAnnotations } from './extensions';
import { dnsLabelProblem } from './names';
import { checkHint, readIndicator, resolveSli, type SliContext } from './indicator';
import {
  checkBudgetingMethod,
  dropOtherObjectives,
  readTarget,
  readTimeSlices,
  readTimeWindow,
  warnObjectiveFields,
} from './objectives';
import { Reporter } from './reporter';
import { emptyIndex, type FileIndex, type Located, type OpenSloInput } from './schema';
import { checkDocument } from './documents';

/**
 * Reads the SLOs of the OpenSLO documents of one file, or of several files read as one catalogue.
 * References (indicatorRef, alertPolicyRef, conditionRef, targetRef, metricSourceRef, service) are
 * resolved by name among these documents; `scope` says where, in messages. Every document is checked
 * against the OpenSLO spec, whether an SLO uses it or not.
 */
export function importOpenSlo(
  inputs: OpenSloInput[],
  scope = 'this file'
): {
  slos: Array<{ slo: Slo; document: number; file?: string }>;
  issues: FileIssue[];
} {
  const issues: FileIssue[] = [];
  const index = emptyIndex(scope);
  const seen = new Map<string, OpenSloInput>();
  for (const input of inputs) {
    const { kind, metadata } = input.doc;
    const nameProblem = dnsLabelProblem(metadata.name);
    if (nameProblem !== undefined) {
      new Reporter(issues, input, kind === 'SLO' ? metadata.name : undefined).error('metadata.name', nameProblem);
      continue;
    }
    const key = `${kind}/${metadata.name}`;
    const earlier = seen.get(key);
    if (earlier) {
      new Reporter(issues, input, kind === 'SLO' ? metadata.name : undefined).error(
        'metadata.name',
        `${earlier.file !== undefined && earlier.file !== input.file ? `${earlier.file} ` : ''}document ${earlier.document}${earlier.prefix ? ` at ${earlier.prefix.replace(/\.$/, '')}` : ''} already defines the ${kind} ${quote(metadata.name)}: names must be unique per kind`
      );
      continue;
    }
    seen.set(key, input);
    addToIndex(index, input);
  }
  const slos: Array<{ slo: Slo; document: number; file?: string }> = [];
  for (const input of seen.values()) {
    if (input.doc.kind === 'SLO') {
      const slo = importSloDocument({ ...input, doc: input.doc }, index, issues);
      if (slo) {
        slos.push({ slo, document: input.document, ...(input.file !== undefined && { file: input.file }) });
      }
    } else {
      checkDocument(input, index, new Reporter(issues, input, undefined));
    }
  }
  return { slos, issues: withoutRepeats(issues) };
}

/**
 * An issue of a shared document (an SLI or alert condition several SLOs use) is found once per SLO
 * that reads it, and once when the document itself is checked: each is reported once, with the first
 * SLO that met it.
 */
function withoutRepeats(issues: FileIssue[]): FileIssue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = JSON.stringify([issue.file, issue.document, issue.path, issue.message, issue.severity]);
    if (seen.has(key)) {
      return false;
    }
    seen.add(key);
    return true;
  });
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
    case 'AlertNotificationTarget':
      index.AlertNotificationTarget.set(doc.metadata.name, { ...input, doc });
      break;
    case 'SLO':
      break;
  }
}

function importSloDocument(input: Located<'SLO'>, index: FileIndex, issues: FileIssue[]): Slo | undefined {
  const { metadata, spec } = input.doc;
  const r = new Reporter(issues, input, metadata.name);

  if (index.Service.size > 0 && !index.Service.has(spec.service)) {
    r.warn(
      'spec.service',
      `no Service named ${quote(spec.service)} in ${index.scope} (the SLO is imported with that service name)`
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
  const target = exactTarget(ext?.target, first.target, r) ?? readTarget(first, 'spec.objectives[0]', r);
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
    warnObjectiveFields(first, threshold, budgetingMethod !== 'Occurrences', r);
    if (budgetingMethod === 'Timeslices' || budgetingMethod === 'RatioTimeslices') {
      timeSlices = readTimeSlices(first, 'spec.objectives[0]', threshold, budgetingMethod, r);
    }
  }

  const alerting = readAlerting(spec, ext, index, r);
  if (r.failed || !ext || !window || target === undefined || !indicator || !alerting) {
    return undefined;
  }
  if (budgetingMethod !== 'Occurrences' && !timeSlices) {
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
    // An exported SLO whose name or service is no DNS label carries them in annotations (see names.ts).
    name: ext.name ?? metadata.name,
    uid: ext.uid ?? ext.name ?? metadata.name,
    service: ext.service ?? spec.service,
    labels,
    indicator,
    ...(timeSlices !== undefined && { timeSlices }),
    objectives,
    alerting,
    annotations: theirs,
    ...(metadata.displayName !== undefined && { displayName: metadata.displayName }),
    ...(spec.description !== undefined && { description: spec.description }),
    ...(ext.datasourceUid !== undefined && { datasourceUid: ext.datasourceUid }),
    ...(ext.owner !== undefined && { owner: ext.owner }),
    ...(ext.tier !== undefined && { tier: ext.tier }),
    ...(ext.budgetPolicy !== undefined && { budgetPolicy: ext.budgetPolicy }),
    ...(ext.maintenance !== undefined && { maintenance: ext.maintenance }),
    ...ext.lifecycle,
  };
}

/**
 * The exact target of the `target` annotation, which an export writes when the YAML number rounds it (a
 * float holds about 17 digits): used when it is the number given, else ignored with a warning.
 */
function exactTarget(
  exact: Decimal | undefined,
  written: number | string | undefined,
  r: Reporter
): Decimal | undefined {
  if (exact === undefined) {
    return undefined;
  }
  if (written !== undefined && Number(written) === Number(exact)) {
    return exact;
  }
  r.warn(
    annotationPath(ANNOTATIONS.target),
    `ignored: ${exact} is not the target of spec.objectives[0] (${written === undefined ? 'none' : String(written)})`
  );
  return undefined;
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
