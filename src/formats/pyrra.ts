/**
 * Pyrra (https://github.com/pyrra-dev/pyrra): import of the `pyrra.dev/v1alpha1`
 * `ServiceLevelObjective` resource.
 *
 * What maps where:
 * - name: `metadata.name`; uid: `<namespace>-<name>` when there is a namespace (Pyrra SLOs of two
 *   namespaces may share a name), else the name.
 * - service: the first of the labels `pyrra.dev/service`, `service`, `app.kubernetes.io/name` and
 *   `app`; else the SLO name.
 * - labels: the `pyrra.dev/` labels without their prefix (those Pyrra copies onto its rules); the
 *   other Kubernetes labels select the resource and are not SLO labels. Annotations: likewise the
 *   `pyrra.dev/` ones, runbook and dashboard keys under Burnrate's names.
 * - `target` (a percentage string, "99.5") -> "0.995"; `window` -> a rolling window ("2w" -> 14d).
 * - `indicator.ratio` (errors / total selectors, grouping) -> a `ratio` indicator with bad and total.
 * - `indicator.latency` (`<h>_bucket{le="0.1",...}` over `<h>_count{...}`) -> a `latency` indicator of
 *   histogram `<h>` with threshold 0.1 and the other matchers; when the two do not fit that shape it
 *   is a `ratio` indicator with good = the bucket selector.
 * - `indicator.latencyNative` (a native histogram, latency as a duration) -> `latency` with native.
 * - `indicator.bool_gauge` (a gauge of 1 for good, 0 for bad, each sample one event, as Pyrra counts
 *   them) -> a `threshold` indicator: the selector, good while `> 0`, sampled at the evaluation interval.
 * - Alerting: `disabled: true` -> alerting off; `burnrates: false` -> no burn-rate alerts (an empty
 *   list). The burn-rate alerts are Burnrate's defaults (the SRE workbook's, close to Pyrra's).
 *   `absent` is on by default in Pyrra, so unless it is `false` the SLO gets Pyrra's absent alert
 *   (`alerting.absent`: it fires when the source series are gone, not at zero traffic) after Pyrra's own
 *   absent duration: the time the fastest burn-rate alert (14x over 1/672 of the window) takes to spend
 *   the budget, plus its `for`, rounded to minutes (at least 1m); 3m for 99.9% over 30d. Its severity is
 *   Pyrra's `critical` (page) or `severities.absent` (critical: page, warning: ticket). Pyrra makes no
 *   absent alert for `latencyNative`, and neither does the import. Burnrate's own no-data alert, which
 *   fires at zero traffic, stays off. `name`, `absentName` and the burn-rate `severities` are not kept.
 */
import { z } from 'zod';
import Big from 'big.js';
import type { Alerting, Decimal, Indicator, Severity, Slo, ValidationIssue } from '../slo/types';
import { LINK_ANNOTATION_NAMES } from './annotations';
import { RESERVED_LABELS, sameMatchers, type Warn } from './importing';
import { formatPromDuration, parsePromDuration } from '../slo/duration';
import { parseTarget, parseWindow, toDecimal, windowSeconds } from '../slo/values';
import { errorBudgetText } from '../slo/budget';
import { quote, quoteValue } from '../slo/quote';
import { parseVectorSelector, type VectorSelector } from '../promql/parse';
import { formatSelector, isLegalLabelName } from '../promql/format';
import { nativeLatencyWithLabelsCopied, rateWithLabelsCopied } from '../promql/grouping';
import { SLO_LABELS } from '../promql/slo';
import { objectSchema, type DocumentIssue, type DocumentSchemas, type SourcePaths } from './document';

export const PYRRA_API_VERSION = 'pyrra.dev/v1alpha1';
export const PYRRA_KIND = 'ServiceLevelObjective';
/** Prefix of the labels and annotations Pyrra copies onto its rules. */
export const PYRRA_PREFIX = 'pyrra.dev/';
/** Labels naming the service, in order of preference. */
export const PYRRA_SERVICE_LABELS = ['pyrra.dev/service', 'service', 'app.kubernetes.io/name', 'app'];

function buildSchema(strict: boolean) {
  const obj = objectSchema(strict);
  const query = obj({ metric: z.string() });
  const grouping = z.array(z.string()).optional();
  return obj({
    apiVersion: z.literal(PYRRA_API_VERSION),
    kind: z.literal(PYRRA_KIND),
    // Kubernetes object metadata: other fields (uid, creationTimestamp, ...) are not read.
    metadata: z.looseObject({
      name: z.string(),
      namespace: z.string().optional(),
      labels: z.record(z.string(), z.string()).optional(),
      annotations: z.record(z.string(), z.string()).optional(),
    }),
    spec: obj({
      description: z.string().optional(),
      target: z.union([z.string(), z.number()]),
      window: z.string(),
      indicator: obj({
        ratio: obj({ errors: query, total: query, grouping }).optional(),
        latency: obj({ success: query, total: query, grouping }).optional(),
        latencyNative: obj({ total: query, latency: z.string(), grouping }).optional(),
        bool_gauge: obj({ metric: z.string(), grouping }).optional(),
      }),
      alerting: obj({
        disabled: z.boolean().optional(),
        burnrates: z.boolean().optional(),
        absent: z.boolean().optional(),
        name: z.string().optional(),
        absentName: z.string().optional(),
        severities: z.record(z.string(), z.string()).optional(),
      }).optional(),
      partial_response_strategy: z.string().optional(),
      performanceOverAccuracy: z.boolean().optional(),
      ruleOutput: z.unknown().optional(),
    }),
    status: z.unknown().optional(),
  });
}

export const pyrraSchemas: DocumentSchemas<ReturnType<typeof buildSchema>> = {
  strict: buildSchema(true),
  loose: buildSchema(false),
};

export type PyrraDocument = z.output<ReturnType<typeof buildSchema>>;
type Spec = PyrraDocument['spec'];

/** One Pyrra ServiceLevelObjective as an Slo. */
export function importPyrra(doc: PyrraDocument): { slo?: Slo; issues: DocumentIssue[]; paths: SourcePaths } {
  const { metadata, spec } = doc;
  const issues: ValidationIssue[] = [];
  const warn = (path: string, message: string) => issues.push({ path, message, severity: 'warning' });
  const error = (path: string, message: string) => issues.push({ path, message, severity: 'error' });
  const k8sLabels = metadata.labels ?? {};

  const percent = toDecimal(spec.target);
  if (percent === undefined) {
    error('spec.target', `must be a percentage such as "99.5", got ${quoteValue(spec.target)}`);
  } else if (new Big(percent).gt(0) && new Big(percent).lt(1)) {
    warn(
      'spec.target',
      `is a percentage: ${percent} means ${percent}%; for ${new Big(percent).times(100).toString()}% write "${new Big(percent).times(100).toString()}"`
    );
  }
  const target = percent === undefined ? undefined : parseTarget(`${percent}%`, 'spec.target', issues);
  const window = parseWindow(spec.window, 'spec.window', issues);
  const indicator = readIndicator(spec.indicator, issues);

  for (const key of ['partial_response_strategy', 'performanceOverAccuracy', 'ruleOutput'] as const) {
    if (spec[key] !== undefined) {
      warn(`spec.${key}`, 'ignored: it tunes the rules Pyrra generates; Burnrate generates its own');
    }
  }

  const labels: Record<string, string> = {};
  for (const [key, value] of Object.entries(k8sLabels)) {
    if (!key.startsWith(PYRRA_PREFIX)) {
      continue;
    }
    const name = key.slice(PYRRA_PREFIX.length);
    if (name === SLO_LABELS.service) {
      continue; // the service, below
    }
    if (RESERVED_LABELS.has(name)) {
      warn(`metadata.labels.${key}`, `dropped: Burnrate sets the label "${name}" on every rule itself`);
    } else {
      labels[name] = value;
    }
  }
  const serviceLabel = PYRRA_SERVICE_LABELS.find((label) => k8sLabels[label] !== undefined && k8sLabels[label] !== '');
  const annotations: Record<string, string> = {};
  for (const [key, value] of Object.entries(metadata.annotations ?? {})) {
    if (key.startsWith(PYRRA_PREFIX)) {
      const name = key.slice(PYRRA_PREFIX.length);
      annotations[LINK_ANNOTATION_NAMES[name] ?? name] = value;
    }
  }
  const alerting = readAlerting(
    spec.alerting,
    window === undefined || target === undefined ? undefined : { seconds: windowSeconds(window), target },
    spec.indicator.latencyNative === undefined,
    warn
  );

  const name = metadata.name;
  const withSlo = issues.map((issue) => ({ ...issue, slo: name }));
  if (target === undefined || !window || !indicator || issues.some((i) => i.severity === 'error')) {
    return { issues: withSlo, paths: [] };
  }
  return {
    slo: {
      name,
      uid: metadata.namespace ? `${metadata.namespace}-${name}` : name,
      service: serviceLabel ? k8sLabels[serviceLabel] : name,
      labels,
      indicator,
      objectives: [{ target, window }],
      alerting,
      annotations,
      ...(spec.description !== undefined && spec.description !== '' && { description: spec.description }),
    },
    issues: withSlo,
    paths: pyrraPaths(spec.indicator),
  };
}

/** Where the fields validation names are in a Pyrra resource. */
function pyrraPaths(indicator: Spec['indicator']): SourcePaths {
  const kind =
    (['ratio', 'latency', 'latencyNative', 'bool_gauge'] as const).find((key) => indicator[key] !== undefined) ??
    'ratio';
  const at = `spec.indicator.${kind}`;
  return [
    { from: 'metadata.uid', to: 'metadata.name', whole: true },
    { from: 'spec.service', to: 'metadata.labels', whole: true },
    { from: 'spec.labels', to: 'metadata.labels' },
    { from: 'spec.objectives[0].target', to: 'spec.target', whole: true },
    { from: 'spec.objectives[0].window', to: 'spec.window', whole: true },
    { from: 'spec.indicator', to: at, whole: true },
    { from: 'spec.indicator.groupBy', to: `${at}.grouping` },
    { from: 'spec.indicator.total', to: `${at}.total.metric`, whole: true },
    { from: 'spec.indicator.histogram', to: `${at}.total.metric`, whole: true },
    { from: 'spec.indicator.expr', to: `${at}.metric`, whole: true },
    { from: 'spec.indicator.bad', to: `${at}.errors.metric`, whole: true },
    { from: 'spec.indicator.good', to: `${at}.success.metric`, whole: true },
    {
      from: 'spec.indicator.threshold',
      to: kind === 'latencyNative' ? `${at}.latency` : `${at}.success.metric`,
      whole: true,
    },
    { from: 'spec.annotations', to: 'metadata.annotations' },
  ];
}

function readIndicator(indicator: Spec['indicator'], issues: ValidationIssue[]): Indicator | undefined {
  const error = (path: string, message: string) => issues.push({ path, message, severity: 'error' });
  const path = 'spec.indicator';
  const given = (['ratio', 'latency', 'latencyNative', 'bool_gauge'] as const).filter(
    (key) => indicator[key] !== undefined
  );
  if (given.length !== 1) {
    error(
      path,
      given.length === 0
        ? 'give one of ratio, latency, latencyNative and bool_gauge'
        : `give only one of ${given.join(', ')}`
    );
    return undefined;
  }
  if (indicator.bool_gauge) {
    const { metric, grouping } = indicator.bool_gauge;
    const gauge = selector(metric, `${path}.bool_gauge.metric`, issues);
    const groups = readGrouping(grouping, `${path}.bool_gauge.grouping`, issues);
    if (groups && groups.copied.length > 0) {
      error(
        `${path}.bool_gauge.grouping[${groups.copied[0].index}]`,
        `${quote(groups.copied[0].label)} is set by Burnrate on every rule, and a gauge's samples cannot be regrouped under another name: drop it from grouping`
      );
      return undefined;
    }
    // Pyrra counts the samples that are 0 over all samples: a threshold SLI, good while the gauge is 1.
    return gauge && groups
      ? { type: 'threshold', expr: metric, operator: '>', threshold: '0', groupBy: groups.groupBy }
      : undefined;
  }
  if (indicator.ratio) {
    const { errors, total, grouping } = indicator.ratio;
    const bad = selector(errors.metric, `${path}.ratio.errors.metric`, issues);
    const all = selector(total.metric, `${path}.ratio.total.metric`, issues);
    const groups = readGrouping(grouping, `${path}.ratio.grouping`, issues);
    if (!bad || !all || !groups) {
      return undefined;
    }
    if (groups.copied.length > 0) {
      return {
        type: 'advanced',
        total: withCopiedLabels(total.metric, groups.copied),
        bad: withCopiedLabels(errors.metric, groups.copied),
        groupBy: groups.groupBy,
      };
    }
    return { type: 'ratio', total: total.metric, bad: errors.metric, groupBy: groups.groupBy };
  }
  if (indicator.latency) {
    const { success, total, grouping } = indicator.latency;
    const good = selector(success.metric, `${path}.latency.success.metric`, issues);
    const all = selector(total.metric, `${path}.latency.total.metric`, issues);
    const groups = readGrouping(grouping, `${path}.latency.grouping`, issues);
    if (!good || !all || !groups) {
      return undefined;
    }
    const groupBy = groups.groupBy;
    if (groups.copied.length > 0) {
      return {
        type: 'advanced',
        total: withCopiedLabels(total.metric, groups.copied),
        good: withCopiedLabels(success.metric, groups.copied),
        groupBy,
      };
    }
    const latency = latencyOf(good, all);
    if (typeof latency === 'string') {
      issues.push({
        path: `${path}.latency`,
        message: `read as a ratio of good (success) over total events: ${latency}, so it is not a Burnrate latency indicator`,
        severity: 'warning',
      });
      return { type: 'ratio', total: total.metric, good: success.metric, groupBy };
    }
    return { type: 'latency', histogram: latency.histogram, threshold: latency.threshold, native: false, groupBy };
  }
  if (indicator.latencyNative) {
    const { total, latency, grouping } = indicator.latencyNative;
    const histogram = selector(total.metric, `${path}.latencyNative.total.metric`, issues);
    const groups = readGrouping(grouping, `${path}.latencyNative.grouping`, issues);
    const seconds = parsePromDuration(latency);
    if (seconds === undefined) {
      error(`${path}.latencyNative.latency`, `must be a duration such as 100ms or 1s, got ${quote(latency)}`);
    }
    if (!histogram || seconds === undefined || !groups) {
      return undefined;
    }
    const threshold = new Big(Math.round(seconds * 1000)).div(1000).toString();
    if (groups.copied.length > 0) {
      const copies = groups.copied.map(({ label }) => ({ from: label, to: `${EXPORTED_PREFIX}${label}` }));
      return {
        type: 'advanced',
        ...nativeLatencyWithLabelsCopied(total.metric, threshold, copies),
        groupBy: groups.groupBy,
      };
    }
    return { type: 'latency', histogram: total.metric, threshold, native: true, groupBy: groups.groupBy };
  }
  return undefined;
}

/** Prefix of a grouping label that Burnrate sets itself, as Prometheus prefixes a clashing target label. */
export const EXPORTED_PREFIX = 'exported_';

interface Grouping {
  groupBy: string[];
  /** Labels Burnrate sets itself, grouped by under `exported_<label>` instead. */
  copied: Array<{ label: string; index: number }>;
}

/**
 * Pyrra's grouping labels, checked at Pyrra's path. A label Burnrate sets on every rule (`service`) is
 * kept as `exported_<label>`, copied in the queries, and the mapping is stated in a warning.
 */
function readGrouping(grouping: string[] | undefined, path: string, issues: ValidationIssue[]): Grouping | undefined {
  const result: Grouping = { groupBy: [], copied: [] };
  let valid = true;
  (grouping ?? []).forEach((label, index) => {
    const at = `${path}[${index}]`;
    if (!isLegalLabelName(label)) {
      issues.push({ path: at, message: `${quote(label)} is not a legal Prometheus label name`, severity: 'error' });
      valid = false;
      return;
    }
    const name = RESERVED_LABELS.has(label) ? `${EXPORTED_PREFIX}${label}` : label;
    if (result.groupBy.includes(name)) {
      issues.push({ path: at, message: `${quote(label)} is listed twice`, severity: 'error' });
      valid = false;
      return;
    }
    if (name !== label) {
      result.copied.push({ label, index });
      issues.push({
        path: at,
        message: `grouped by as ${quote(name)}: Burnrate sets "${label}" on every rule to the SLO's service, so the queries copy ${label} to ${name}`,
        severity: 'warning',
      });
    }
    result.groupBy.push(name);
  });
  return valid ? result : undefined;
}

/** A counter selector as the rate over `{{.window}}` with each copied label copied to its exported name. */
function withCopiedLabels(selectorText: string, copied: Grouping['copied']): string {
  return rateWithLabelsCopied(
    selectorText,
    copied.map(({ label }) => ({ from: label, to: `${EXPORTED_PREFIX}${label}` }))
  );
}

function selector(text: string, path: string, issues: ValidationIssue[]): VectorSelector | undefined {
  try {
    return parseVectorSelector(text.trim());
  } catch (e) {
    issues.push({
      path,
      message: `${e instanceof Error ? e.message : String(e)} in ${quote(text)}`,
      severity: 'error',
    });
    return undefined;
  }
}

/** The histogram and threshold of a bucket selector over a count selector, or why they are not one. */
function latencyOf(bucket: VectorSelector, count: VectorSelector): { histogram: string; threshold: Decimal } | string {
  if (!bucket.metric.endsWith('_bucket')) {
    return `the success metric ${bucket.metric} is not a histogram bucket (<name>_bucket)`;
  }
  const base = bucket.metric.slice(0, -'_bucket'.length);
  if (count.metric !== `${base}_count`) {
    return `the total metric is ${count.metric}, not ${base}_count`;
  }
  const les = bucket.matchers.filter((m) => m.name === 'le');
  const threshold = les.length === 1 && les[0].op === '=' ? toDecimal(les[0].value) : undefined;
  if (threshold === undefined || !new Big(threshold).gt(0)) {
    return 'the success metric has no le="<seconds>" matcher';
  }
  const others = bucket.matchers.filter((m) => m.name !== 'le');
  if (!sameMatchers(others, count.matchers)) {
    return 'the success and total metrics have different matchers (besides le)';
  }
  return { histogram: formatSelector({ metric: base, matchers: others }), threshold };
}

/** Pyrra's severities as Burnrate's: critical pages, warning tickets. */
const PYRRA_SEVERITIES = new Map<string, Severity>([
  ['critical', 'page'],
  ['page', 'page'],
  ['warning', 'ticket'],
  ['ticket', 'ticket'],
]);

function readAlerting(
  pyrra: Spec['alerting'],
  objective: { seconds: number; target: Decimal } | undefined,
  hasAbsentAlert: boolean,
  warn: Warn
): Alerting {
  const alerting: Alerting = { enabled: true, labels: {} };
  const path = 'spec.alerting';
  if (pyrra?.disabled === true) {
    alerting.enabled = false;
  } else if (pyrra?.burnrates === false) {
    alerting.burnRates = [];
  }
  const absent = alerting.enabled && pyrra?.absent !== false && hasAbsentAlert;
  if (absent && objective) {
    alerting.absent = {
      for: formatPromDuration(pyrraAbsentSeconds(objective.seconds, objective.target)),
      severity: absentSeverity(pyrra?.severities?.absent, `${path}.severities.absent`, warn),
    };
  }
  if (pyrra?.burnrates === false && !absent && alerting.enabled) {
    alerting.enabled = false;
    delete alerting.burnRates;
  }
  for (const key of ['name', 'absentName'] as const) {
    if (pyrra?.[key] !== undefined && pyrra[key] !== '') {
      warn(`${path}.${key}`, 'not kept: Burnrate names its alerts itself and tells SLOs apart by the slo label');
    }
  }
  const burnSeverities = Object.keys(pyrra?.severities ?? {}).filter((key) => key !== 'absent');
  if (burnSeverities.length > 0) {
    warn(
      `${path}.severities.${burnSeverities[0]}`,
      'not kept: Burnrate alerts carry severity="page" (fast burns) or "ticket" (slow burns)'
    );
  }
  return alerting;
}

/** The absent alert's severity: Pyrra's default critical, or the one given if Burnrate has it. */
function absentSeverity(given: string | undefined, path: string, warn: Warn): Severity {
  if (given === undefined || given === '') {
    return 'page';
  }
  const severity = PYRRA_SEVERITIES.get(given);
  if (severity === undefined) {
    warn(path, `${quote(given)} is not kept: the absent alert pages, as Pyrra's default critical does`);
    return 'page';
  }
  return severity;
}

/**
 * Pyrra's absent alert duration: the fastest burn-rate alert (factor 14 over a long window of 1/672
 * of the SLO window) spends its share of the budget, plus that alert's `for` (1/20160 of the window),
 * rounded to the minute; at least 1m here, as Burnrate needs a positive duration.
 */
export function pyrraAbsentSeconds(windowSecs: number, target: Decimal): number {
  const minute = (seconds: number) => Math.round(seconds / 60) * 60;
  const long = minute(windowSecs / (28 * 24));
  const forSeconds = minute(windowSecs / (28 * 24 * 30));
  const burn = new Big(14).times(errorBudgetText(target)).times(long).round(0, Big.roundDown);
  return Math.max(60, minute(burn.toNumber() + forSeconds));
}
