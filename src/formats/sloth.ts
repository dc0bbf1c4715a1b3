/**
 * Sloth (https://github.com/slok/sloth): import of `version: "prometheus/v1"` files (snake_case fields)
 * and of the Kubernetes `sloth.slok.dev/v1` `PrometheusServiceLevel` (the same fields in camelCase,
 * under `spec`).
 *
 * What maps where:
 * - Each entry of `slos` is one SLO named `<service>-<slo name>`, Sloth's own id; the uid is the same.
 * - `objective` (a percentage) -> target (99.9 -> "0.999", exactly).
 * - Sloth has no per-SLO window: it applies its `--default-slo-period` (30d unless told otherwise),
 *   so the window is 30d, or `LoadOptions.slothWindow`.
 * - `sli.events` (`error_query` / `total_query`, with `{{.window}}`) -> an `advanced` indicator with
 *   bad and total; Burnrate puts its 5m rate window in place of `{{.window}}`. `sli.raw` (an error
 *   ratio) -> an `errorRatio` indicator, approximate as Sloth's own: each window averages its samples.
 *   `sli.plugin` is not supported.
 * - Labels of the service and of the SLO -> labels (the SLO's win).
 * - Alerting: `alerting.labels` -> alert labels; `alerting.annotations`: runbook and dashboard keys
 *   -> the SLO's links under their Burnrate names, the others onto every alert (`perSeverity` of both
 *   severities). Both severities disabled -> alerting off; one disabled -> explicit burn rates: the
 *   SRE workbook alerts of the other severity, which are Sloth's defaults too. Labels and annotations
 *   of `page_alert` / `ticket_alert` -> `alerting.perSeverity`, on the alerts of that severity only,
 *   over the common ones, as Sloth merges them; their `severity` label is dropped with a warning,
 *   since Burnrate sets it itself (page or ticket). `alerting.name` and plugins are not kept.
 */
import { z } from 'zod';
import Big from 'big.js';
import type { Alerting, BurnRateAlert, Indicator, Severity, Slo, SloWindow, ValidationIssue } from '../slo/types';
import { slothBurnRates, windowsOfPeriod, type SlothAlertWindows } from './slothWindows';
import { LINK_ANNOTATION_NAMES } from './annotations';
import {
  HAS_WINDOW,
  promqlSyntaxMessage,
  readQueryGrouping,
  readRatioGrouping,
  RESERVED_LABELS,
  type Warn,
} from './importing';
import { formatPromDuration, parsePromDuration } from '../slo/duration';
import { parseTarget, parseWindow, toDecimal, windowSeconds } from '../slo/values';
import { quote, quoteValue } from '../slo/quote';
import { BURN_ALERT_NAME, SLO_LABELS } from '../promql/slo';
import { WORKBOOK_BURN_RATES } from '../slo/burnRates';
import { isRecord, objectSchema, type DocumentIssue, type DocumentSchemas, type SourcePaths } from './document';

export const SLOTH_FILE_VERSION = 'prometheus/v1';
export const SLOTH_API_VERSION = 'sloth.slok.dev/v1';
export const SLOTH_KIND = 'PrometheusServiceLevel';
/** Sloth's `--default-slo-period`. */
export const SLOTH_DEFAULT_WINDOW = '30d';

export interface SlothOptions {
  /** The SLO period Sloth was run with (`--default-slo-period`); default 30d. */
  slothWindow?: string;
  /** Sloth `AlertWindows` read with the files (its `--slo-period-windows-path`); none: Sloth's own. */
  slothAlertWindows?: SlothAlertWindows[];
}

/** Field names of the prometheus/v1 file, by their name in the Kubernetes resource. */
const FILE_NAMES: Record<string, string> = {
  errorQuery: 'error_query',
  totalQuery: 'total_query',
  errorRatioQuery: 'error_ratio_query',
  pageAlert: 'page_alert',
  ticketAlert: 'ticket_alert',
  sloPlugins: 'slo_plugins',
};
const CRD_NAMES: Record<string, string> = Object.fromEntries(
  Object.entries(FILE_NAMES).map(([crd, file]) => [file, crd])
);

function buildSchemas(strict: boolean) {
  const obj = objectSchema(strict);
  // Sloth reads label values into strings: `tier: 2` and `generated: true` are "2" and "true".
  const labels = z
    .record(
      z.string(),
      z.union([z.string(), z.number(), z.boolean()]).transform((value) => String(value))
    )
    .optional();
  const text = z.string().optional();
  const alert = obj({ disable: z.boolean().optional(), labels, annotations: labels });
  const plugin = obj({ id: z.string(), options: z.record(z.string(), z.unknown()).optional() });
  const plugins = z.unknown().optional();
  const file = obj({
    version: z.literal(SLOTH_FILE_VERSION),
    service: z.string(),
    labels,
    slo_plugins: plugins,
    slos: z.array(
      obj({
        name: z.string(),
        description: text,
        objective: z.union([z.number(), z.string()]),
        plugins,
        labels,
        sli: obj({
          raw: obj({ error_ratio_query: z.string() }).optional(),
          events: obj({ error_query: z.string(), total_query: z.string() }).optional(),
          plugin: plugin.optional(),
        }),
        alerting: obj({
          name: text,
          labels,
          annotations: labels,
          page_alert: alert.optional(),
          ticket_alert: alert.optional(),
        }).optional(),
      })
    ),
  });
  const crd = obj({
    apiVersion: z.literal(SLOTH_API_VERSION),
    kind: z.literal(SLOTH_KIND),
    // Kubernetes object metadata: not read, any fields.
    metadata: z.record(z.string(), z.unknown()).optional(),
    spec: obj({
      service: z.string(),
      labels,
      sloPlugins: plugins,
      slos: z.array(
        obj({
          name: z.string(),
          description: text,
          objective: z.union([z.number(), z.string()]),
          plugins,
          labels,
          sli: obj({
            raw: obj({ errorRatioQuery: z.string() }).optional(),
            events: obj({ errorQuery: z.string(), totalQuery: z.string() }).optional(),
            plugin: plugin.optional(),
          }),
          alerting: obj({
            name: text,
            labels,
            annotations: labels,
            pageAlert: alert.optional(),
            ticketAlert: alert.optional(),
          }).optional(),
        })
      ),
    }),
    status: z.unknown().optional(),
  });
  return { file, crd };
}

const strictSchemas = buildSchemas(true);
const looseSchemas = buildSchemas(false);

export const slothFileSchemas: DocumentSchemas<typeof looseSchemas.file> = {
  strict: strictSchemas.file,
  loose: looseSchemas.file,
  spellings: FILE_NAMES,
};

export const slothCrdSchemas: DocumentSchemas<typeof looseSchemas.crd> = {
  strict: strictSchemas.crd,
  loose: looseSchemas.crd,
  spellings: CRD_NAMES,
};

export type SlothFile = z.output<typeof looseSchemas.file>;
export type SlothCrd = z.output<typeof looseSchemas.crd>;
type CrdSlo = SlothCrd['spec']['slos'][number];

/** How a variant spells its fields in paths. */
interface Style {
  root: string;
  name: (crdName: string) => string;
}

const FILE_STYLE: Style = { root: '', name: (n) => FILE_NAMES[n] ?? n };
const CRD_STYLE: Style = { root: 'spec.', name: (n) => n };

export interface SlothImport {
  slos: Slo[];
  issues: DocumentIssue[];
  /** For each SLO, how its file spells the fields validation names. */
  paths: SourcePaths[];
}

/** The SLOs of a Sloth `version: prometheus/v1` file. */
export function importSlothFile(file: SlothFile, options: SlothOptions = {}): SlothImport {
  const slos: CrdSlo[] = file.slos.map((slo) => {
    const { sli, alerting } = slo;
    return {
      name: slo.name,
      ...(slo.description !== undefined && { description: slo.description }),
      objective: slo.objective,
      ...(slo.plugins !== undefined && { plugins: slo.plugins }),
      ...(slo.labels !== undefined && { labels: slo.labels }),
      sli: {
        ...(sli.raw && { raw: { errorRatioQuery: sli.raw.error_ratio_query } }),
        ...(sli.events && { events: { errorQuery: sli.events.error_query, totalQuery: sli.events.total_query } }),
        ...(sli.plugin && { plugin: sli.plugin }),
      },
      ...(alerting && {
        alerting: {
          ...(alerting.name !== undefined && { name: alerting.name }),
          ...(alerting.labels !== undefined && { labels: alerting.labels }),
          ...(alerting.annotations !== undefined && { annotations: alerting.annotations }),
          ...(alerting.page_alert && { pageAlert: alerting.page_alert }),
          ...(alerting.ticket_alert && { ticketAlert: alerting.ticket_alert }),
        },
      }),
    };
  });
  return importGroup(
    { service: file.service, labels: file.labels, plugins: file.slo_plugins, slos },
    FILE_STYLE,
    options
  );
}

/** The SLOs of a Sloth `PrometheusServiceLevel` Kubernetes resource. */
export function importSlothCrd(crd: SlothCrd, options: SlothOptions = {}): SlothImport {
  const { spec } = crd;
  return importGroup(
    { service: spec.service, labels: spec.labels, plugins: spec.sloPlugins, slos: spec.slos },
    CRD_STYLE,
    options
  );
}

/** Sloth's SLO plugin that scales each alert window's error ratio by its share of the period's traffic. */
const DENOMINATOR_CORRECTED = /\/denominator_corrected_rules\//;

/**
 * Plugins that change what the alerts mean, which Burnrate cannot leave out: errors at their `id`.
 * `denominator_corrected_rules` divides the errors of each alert window by the SLO period's mean
 * traffic instead of the window's own (errors in 1h / events of 1h at the 30d average rate), so a
 * quiet hour burns less; Burnrate's burn rates are the window's own error ratio.
 */
function refusedPlugins(plugins: unknown, path: string): ValidationIssue[] {
  const chain = isRecord(plugins) && Array.isArray(plugins.chain) ? plugins.chain : [];
  return chain.flatMap((plugin: unknown, i) =>
    isRecord(plugin) && typeof plugin.id === 'string' && DENOMINATOR_CORRECTED.test(plugin.id)
      ? [
          {
            path: `${path}.chain[${i}].id`,
            message:
              "the denominator-corrected plugin is not supported: it measures each alert window's errors against the" +
              " SLO period's average traffic rather than the window's own, so a quiet hour burns less, and Burnrate's" +
              " burn rates are the window's own error ratio. Remove it; for few errors among little traffic, give the" +
              ' imported SLO a low-traffic guard (alerting.minBadEvents: alerts need that many bad events in their' +
              ' long window), a different rule',
            severity: 'error' as const,
          },
        ]
      : []
  );
}

/** Sloth's rule for service and SLO names: alphanumerics, `.`, `_` and `-`, starting and ending alphanumeric. */
const SLOTH_NAME = /^[A-Za-z0-9][-A-Za-z0-9_.]*[A-Za-z0-9]$/;

function slothNameProblem(name: string): string | undefined {
  return SLOTH_NAME.test(name)
    ? undefined
    : `${quoteValue(name)} is not a name Sloth accepts: letters, digits, ".", "_" and "-", starting and ending with a letter or digit`;
}

interface Group {
  service: string;
  labels?: Record<string, string>;
  plugins?: unknown;
  slos: CrdSlo[];
}

function importGroup(group: Group, style: Style, options: SlothOptions): SlothImport {
  const issues: DocumentIssue[] = [];
  if (group.plugins !== undefined) {
    const path = `${style.root}${style.name('sloPlugins')}`;
    const refused = refusedPlugins(group.plugins, path);
    issues.push(
      ...(refused.length > 0
        ? refused
        : [
            {
              path,
              message: 'ignored: Sloth plugins are Go code run by Sloth; Burnrate generates its own rules',
              severity: 'warning' as const,
            },
          ])
    );
  }
  const serviceProblem = slothNameProblem(group.service);
  if (serviceProblem !== undefined) {
    issues.push({ path: `${style.root}service`, message: serviceProblem, severity: 'error' });
    return { slos: [], issues, paths: [] };
  }
  const windowIssues: ValidationIssue[] = [];
  const window = parseWindow(options.slothWindow ?? SLOTH_DEFAULT_WINDOW, 'slothWindow', windowIssues);
  issues.push(...windowIssues);
  const alertWindows = window && windowsOfPeriod(window, options.slothAlertWindows, issues);
  const slos: Slo[] = [];
  const paths: SourcePaths[] = [];
  group.slos.forEach((slo, i) => {
    const name = `${group.service}-${slo.name}`;
    const local: ValidationIssue[] = [];
    const imported =
      window && alertWindows !== null
        ? importSlo(group, slo, `${style.root}slos[${i}]`, style, { window, alertWindows }, local)
        : undefined;
    issues.push(...local.map((issue) => ({ ...issue, slo: name })));
    if (imported && !local.some((issue) => issue.severity === 'error')) {
      slos.push(imported);
      paths.push(slothPaths(`${style.root}slos[${i}]`, style, imported.indicator.type === 'errorRatio'));
    }
  });
  return { slos, issues, paths };
}

/** Where the fields of the SLO at `path` (`slos[2]`) are in a Sloth file; `raw`: of a raw SLI. */
function slothPaths(path: string, style: Style, raw: boolean): SourcePaths {
  const events = `${path}.sli.events`;
  // A raw SLI's grouping is read from its one query.
  const grouped = raw ? `${path}.sli.raw.${style.name('errorRatioQuery')}` : `${events}.${style.name('errorQuery')}`;
  return [
    { from: 'metadata.name', to: `${path}.name`, whole: true },
    { from: 'metadata.uid', to: `${path}.name`, whole: true },
    { from: 'spec.service', to: `${style.root}service`, whole: true },
    { from: 'spec.description', to: `${path}.description` },
    { from: 'spec.labels', to: `${path}.labels` },
    { from: 'spec.objectives[0].target', to: `${path}.objective`, whole: true },
    { from: 'spec.indicator', to: `${path}.sli` },
    { from: 'spec.indicator.total', to: `${events}.${style.name('totalQuery')}`, whole: true },
    { from: 'spec.indicator.bad', to: `${events}.${style.name('errorQuery')}`, whole: true },
    { from: 'spec.indicator.groupBy', to: grouped, whole: true },
    { from: 'spec.indicator.expr', to: `${path}.sli.raw.${style.name('errorRatioQuery')}`, whole: true },
    { from: 'spec.alerting', to: `${path}.alerting` },
    { from: 'spec.alerting.burnRates', to: `${path}.alerting`, whole: true },
    { from: 'spec.annotations', to: `${path}.alerting.annotations` },
  ];
}

function importSlo(
  group: Group,
  slo: CrdSlo,
  path: string,
  style: Style,
  { window, alertWindows }: { window: SloWindow; alertWindows: SlothAlertWindows | undefined },
  issues: ValidationIssue[]
): Slo | undefined {
  const warn = (p: string, message: string) => issues.push({ path: p, message, severity: 'warning' });
  const name = `${group.service}-${slo.name}`;
  const nameProblem = slothNameProblem(slo.name);
  if (nameProblem !== undefined) {
    issues.push({ path: `${path}.name`, message: nameProblem, severity: 'error' });
  }
  const objective = toDecimal(slo.objective);
  if (objective === undefined) {
    issues.push({
      path: `${path}.objective`,
      message: `must be a percentage such as 99.9, got ${quoteValue(slo.objective)}`,
      severity: 'error',
    });
  }
  const target = objective === undefined ? undefined : parseTarget(`${objective}%`, `${path}.objective`, issues);
  if (objective !== undefined && new Big(objective).gt(0) && new Big(objective).lt(1)) {
    warn(
      `${path}.objective`,
      `is a percentage: ${objective} means ${objective}%; for ${new Big(objective).times(100).toString()}% write ${new Big(objective).times(100).toString()}`
    );
  }
  const indicator = readSli(slo.sli, `${path}.sli`, style, issues);
  if (slo.plugins !== undefined) {
    const refused = refusedPlugins(slo.plugins, `${path}.plugins`);
    if (refused.length > 0) {
      issues.push(...refused);
    } else {
      warn(`${path}.plugins`, 'ignored: Sloth plugins are Go code run by Sloth; Burnrate generates its own rules');
    }
  }
  const labels = {
    ...keepLabels(group.labels ?? {}, `${style.root}labels`, 'rule', warn),
    ...keepLabels(slo.labels ?? {}, `${path}.labels`, 'rule', warn),
  };
  const { alerting, annotations } = readAlerting(
    slo.alerting,
    `${path}.alerting`,
    style,
    { window, alertWindows },
    warn
  );
  if (target === undefined || !indicator) {
    return undefined;
  }
  return {
    name,
    uid: name,
    service: group.service,
    labels,
    indicator,
    objectives: [{ target, window }],
    alerting,
    annotations,
    ...(slo.description !== undefined && slo.description !== '' && { description: slo.description }),
  };
}

function readSli(sli: CrdSlo['sli'], path: string, style: Style, issues: ValidationIssue[]): Indicator | undefined {
  const error = (p: string, message: string) => issues.push({ path: p, message, severity: 'error' });
  const given = (['events', 'raw', 'plugin'] as const).filter((kind) => sli[kind] !== undefined);
  if (given.length !== 1) {
    error(path, given.length === 0 ? 'give one of events, raw and plugin' : `give only one of ${given.join(', ')}`);
    return undefined;
  }
  if (sli.raw) {
    return readRawSli(sli.raw.errorRatioQuery, `${path}.raw.${style.name('errorRatioQuery')}`, issues);
  }
  if (sli.plugin) {
    error(
      `${path}.plugin.id`,
      `the SLI plugin ${quote(sli.plugin.id)} is not supported: plugins are Go code run by Sloth; write its queries as events (${style.name('errorQuery')} and ${style.name('totalQuery')})`
    );
    return undefined;
  }
  const events = sli.events;
  if (!events) {
    return undefined;
  }
  let valid = true;
  for (const key of ['errorQuery', 'totalQuery'] as const) {
    const query = events[key];
    const queryPath = `${path}.events.${style.name(key)}`;
    const problem = promqlSyntaxMessage(query);
    if (problem) {
      error(queryPath, problem);
      valid = false;
    } else if (!HAS_WINDOW.test(query)) {
      issues.push({
        path: queryPath,
        message: 'has no {{.window}}, which Sloth requires: it is used as it is, so it must give events per second',
        severity: 'warning',
      });
    }
  }
  if (!valid) {
    return undefined;
  }
  const groupBy = readQueryGrouping(
    { query: events.errorQuery, path: `${path}.events.${style.name('errorQuery')}` },
    { query: events.totalQuery, path: `${path}.events.${style.name('totalQuery')}`, name: style.name('totalQuery') },
    error
  );
  return groupBy && { type: 'advanced', total: events.totalQuery, bad: events.errorQuery, groupBy };
}

/**
 * A raw SLI: an error ratio over `{{.window}}`, read with Sloth's semantics as an approximate
 * errorRatio SLI (each window averages the ratio's samples, as Sloth's period SLI does).
 */
function readRawSli(query: string, path: string, issues: ValidationIssue[]): Indicator | undefined {
  const error = (p: string, message: string) => issues.push({ path: p, message, severity: 'error' });
  const problem = promqlSyntaxMessage(query);
  if (problem) {
    error(path, problem);
    return undefined;
  }
  const groupBy = readRatioGrouping(query, path, error);
  return groupBy && { type: 'errorRatio', expr: query, groupBy };
}

/** The labels an SLO may bring: those Burnrate sets on every rule or alert itself are dropped. */
function keepLabels(
  labels: Record<string, string>,
  path: string,
  on: 'rule' | 'alert',
  warn: Warn
): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(labels)) {
    if (RESERVED_LABELS.has(name)) {
      warn(`${path}.${name}`, `dropped: Burnrate sets the label "${name}" on every ${on} itself`);
    } else {
      kept[name] = value;
    }
  }
  return kept;
}

type SlothAlerting = NonNullable<CrdSlo['alerting']>;

function readAlerting(
  sloth: SlothAlerting | undefined,
  path: string,
  style: Style,
  { window, alertWindows }: { window: SloWindow; alertWindows: SlothAlertWindows | undefined },
  warn: Warn
): { alerting: Alerting; annotations: Slo['annotations'] } {
  const alerting: Alerting = { enabled: true, labels: {} };
  const annotations: Record<string, string> = {};
  const burnRates = (severities: Severity[]) =>
    alertWindows
      ? slothBurnRates(alertWindows, severities)
      : severities.length === 1
        ? workbookAlerts(severities[0], window)
        : undefined;
  if (!sloth) {
    const all = burnRates(['page', 'ticket']);
    return { alerting: { ...alerting, ...(all && { burnRates: all }) }, annotations };
  }
  if (sloth.name !== undefined && sloth.name !== '') {
    warn(
      `${path}.name`,
      `not kept: Burnrate names its burn-rate alerts ${BURN_ALERT_NAME} and tells SLOs apart by the slo label`
    );
  }
  Object.assign(alerting.labels, keepLabels(sloth.labels ?? {}, `${path}.labels`, 'alert', warn));
  // Links become the SLO's runbook and dashboard, on every alert; the other annotations go on the alerts.
  const common: Record<string, string> = {};
  for (const [key, value] of Object.entries(sloth.annotations ?? {})) {
    if (LINK_ANNOTATION_NAMES[key] !== undefined) {
      annotations[LINK_ANNOTATION_NAMES[key]] = value;
    } else {
      common[key] = value;
    }
  }

  const severities = [
    { severity: 'page' as const, key: 'pageAlert', alert: sloth.pageAlert ?? {} },
    { severity: 'ticket' as const, key: 'ticketAlert', alert: sloth.ticketAlert ?? {} },
  ].map((s) => ({ ...s, path: `${path}.${style.name(s.key)}` }));
  const active = severities.filter((s) => s.alert.disable !== true);
  if (active.length === 0) {
    alerting.enabled = false;
    Object.assign(annotations, common);
    return { alerting, annotations };
  }
  if (active.length === 1) {
    const [on] = active;
    const off = on === severities[0] ? severities[1] : severities[0];
    alerting.burnRates = burnRates([on.severity]);
    warn(
      `${off.path}.disable`,
      `the ${off.severity} alerts are disabled: imported as explicit burnRates, the SRE workbook's ${on.severity} alerts only`
    );
  } else {
    const all = burnRates(['page', 'ticket']);
    if (all) {
      alerting.burnRates = all;
    }
  }
  // Each severity's labels and annotations on its own alerts, over the common ones, as Sloth merges them.
  const perSeverity: NonNullable<Alerting['perSeverity']> = {};
  for (const s of active) {
    const labels: Record<string, string> = {};
    for (const [key, value] of Object.entries(s.alert.labels ?? {})) {
      const entryPath = `${s.path}.labels.${key}`;
      if (key === SLO_LABELS.severity) {
        warn(
          entryPath,
          `dropped: Burnrate alerts carry severity="page" or "ticket"; route ${s.severity} alerts on severity="${s.severity}" instead of ${quote(value)}`
        );
      } else if (RESERVED_LABELS.has(key)) {
        warn(entryPath, `dropped: Burnrate sets the label "${key}" on every alert itself`);
      } else {
        labels[key] = value;
      }
    }
    const severityAnnotations = { ...common, ...(s.alert.annotations ?? {}) };
    if (Object.keys(labels).length > 0 || Object.keys(severityAnnotations).length > 0) {
      perSeverity[s.severity] = { labels, annotations: severityAnnotations };
    }
  }
  if (Object.keys(perSeverity).length > 0) {
    alerting.perSeverity = perSeverity;
  }
  return { alerting, annotations };
}

/** The workbook alerts of one severity, with windows scaled to the SLO window as the defaults are. */
function workbookAlerts(severity: 'page' | 'ticket', window: SloWindow): BurnRateAlert[] {
  const scale = new Big(windowSeconds(window)).div(30 * 86400);
  // At least one second, as the defaults: a window that rounds to nothing is no duration.
  const scaled = (duration: string) =>
    formatPromDuration(Math.max(1, Number(scale.times(parsePromDuration(duration) ?? 0).round(0))));
  return WORKBOOK_BURN_RATES.filter((alert) => alert.severity === severity).map((alert) => ({
    severity,
    longWindow: scaled(alert.longWindow),
    shortWindow: scaled(alert.shortWindow),
    factor: alert.factor,
  }));
}
