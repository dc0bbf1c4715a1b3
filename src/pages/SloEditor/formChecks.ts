import YAML from 'yaml';
import type { Slo, ValidationIssue } from '../../slo/types';
import { validateSlo } from '../../rules/validate';
import { parseNativeDocument } from '../../formats/native';
import { formToDocument, WHOLE_NUMBER } from './formDocument';
import type { FormField, FormIssue, SloFormState } from './sloForm';

/** The checks of the form and the YAML tab: every problem of the document, mapped to the field that shows it. */

const FIELD_BY_PATH: Array<[RegExp, FormField | ((form: SloFormState) => FormField)]> = [
  [/^metadata\.(name|uid)$/, 'name'],
  [/^metadata\.displayName$/, 'displayName'],
  [/^spec\.service$/, 'service'],
  [/^spec\.datasource\b/, 'datasourceUid'],
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
  [
    /^spec\.timeSlices\.target$/,
    (form) => (form.indicatorType === 'threshold' ? 'sampleSliceTargetPercent' : 'sliceTargetPercent'),
  ],
  [/^spec\.timeSlices\b/, 'budgeting'],
  [/^spec\.objectives\[0\]\.target$/, 'targetPercent'],
  [/^spec\.objectives\[0\]\.phases\b/, 'phases'],
  [/^spec\.objectives\[0\]\.window$/, 'window'],
  [/^spec\.alerting\.burnRates\b/, 'burnRates'],
  [/^spec\.alerting\.minBadEvents$/, 'minBadEvents'],
  [/^spec\.alerting\.noData\b/, 'noDataFor'],
  [/^spec\.alerting\.budgetLeft\b/, 'budgetLeftPercent'],
  [/^spec\.alerting\.exhaustion\.burnWindow$/, 'exhaustionBurnWindow'],
  [/^spec\.alerting\.exhaustion\.whenLeftBelow$/, 'exhaustionLeftBelowPercent'],
  [/^spec\.alerting\.exhaustion\b/, 'exhaustionWithin'],
  [/^spec\.annotations\.runbook$/, 'runbook'],
  [/^spec\.budgetPolicy\b/, 'budgetPolicy'],
  [/^spec\.status$/, 'status'],
  [/^spec\.owners\.product$/, 'productOwner'],
  [/^spec\.owners\.sre$/, 'sreOwner'],
  [/^spec\.review\.interval$/, 'reviewInterval'],
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
  const percentFields: Array<[string, string]> = [
    ['spec.objectives[0].target', form.targetPercent],
    ...form.phases.map((p, i): [string, string] => [`spec.objectives[0].phases[${i}].target`, p.targetPercent]),
  ];
  for (const [path, text] of percentFields) {
    const question = ratioInPercentField(text);
    if (question) {
      result.issues.push({ path, message: question, severity: 'error' });
      delete result.slo;
    }
  }
  return { ...result, issues: result.issues.map((issue) => ({ ...issue, field: fieldForPath(issue.path, form) })) };
}

/**
 * The target fields take percentages, but a ratio such as 0.9995 is what the YAML and most tools write: taken
 * as 0.9995% it would be a target no one means. Below 1% the form asks instead of guessing.
 */
function ratioInPercentField(text: string): string | undefined {
  const trimmed = text.trim();
  if (!/^0?\.\d+$/.test(trimmed)) {
    return undefined;
  }
  const percent = (Number(trimmed) * 100).toPrecision(12).replace(/\.?0+$/, '');
  return `this field is in per cent: ${trimmed} would be ${trimmed}%. Did you mean ${percent}%? Type ${percent}`;
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

/** Issues grouped by field, errors first. */
export function issuesByField(issues: FormIssue[]): Partial<Record<FormField, FormIssue[]>> {
  const out: Partial<Record<FormField, FormIssue[]>> = {};
  for (const issue of [...issues].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1))) {
    (out[issue.field] ??= []).push(issue);
  }
  return out;
}
