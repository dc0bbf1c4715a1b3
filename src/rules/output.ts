import { isAlertingRule, type AlertingRule, type RuleGroup } from './build';
import { parsePromDuration } from '../slo/duration';
import { fnv1a64 } from '../slo/hash';
import type { PlainRuleGroup } from './fingerprint';
import { rewriteTemplateCode } from './alertTemplate';
import { toYaml } from '../slo/yamlText';
import { groupItemsYaml } from './rulesYaml';

export type RuleFormat = 'prometheus' | 'prometheus-rule' | 'mimir' | 'grafana';
export const RULE_FORMATS: readonly RuleFormat[] = ['prometheus', 'prometheus-rule', 'mimir', 'grafana'];

export interface OutputOptions {
  /** PrometheusRule: metadata.name, metadata.namespace and extra labels (e.g. the Prometheus operator's selector). */
  crdName?: string;
  crdNamespace?: string;
  crdLabels?: Record<string, string>;
  /** Mimir/Cortex/Loki ruler namespace. */
  rulerNamespace?: string;
  /** Grafana-managed alerts: the Prometheus datasource they query and the folder they live in. */
  datasourceUid?: string;
  folderUid?: string;
  /** Grafana-managed alerts: the contact point of each severity (`page`, `ticket`); none: the notification policies route. */
  receivers?: Partial<Record<string, string>>;
}

export const DEFAULT_RULER_NAMESPACE = 'burnrate';

/** Group names from the settings' pattern: `burnrate-<uid>` becomes the pattern, the roll-up keeps its suffix. */
export function applyGroupPattern(groups: RuleGroup[], sloUid: string, pattern: string): RuleGroup[] {
  const name = pattern.split('{{uid}}').join(sloUid);
  return groups.map((g) => ({
    ...g,
    name: g.name === `burnrate-${sloUid}` ? name : g.name.replace(`burnrate-${sloUid}-`, `${name}-`),
  }));
}

/** Rule groups in the plain shape Prometheus, mimirtool and the ruler APIs share. */
export function toPlainGroups(groups: RuleGroup[]): PlainRuleGroup[] {
  return groups.map((group) => ({
    name: group.name,
    interval: group.interval,
    rules: group.rules.map((rule) =>
      isAlertingRule(rule)
        ? {
            alert: rule.alert,
            expr: rule.expr,
            ...(rule.for !== undefined && { for: rule.for }),
            labels: rule.labels,
            annotations: rule.annotations,
          }
        : { record: rule.record, expr: rule.expr, labels: rule.labels }
    ),
  }));
}

export function renderRules(groups: RuleGroup[], format: RuleFormat, options: OutputOptions = {}): string {
  switch (format) {
    case 'prometheus':
      return withGroups(toYaml({ groups: [] }), groups);
    case 'prometheus-rule':
      return withGroups(
        toYaml({
          apiVersion: 'monitoring.coreos.com/v1',
          kind: 'PrometheusRule',
          metadata: {
            name: options.crdName ?? 'burnrate-slos',
            ...(options.crdNamespace && { namespace: options.crdNamespace }),
            labels: { 'app.kubernetes.io/managed-by': 'burnrate', ...options.crdLabels },
          },
          spec: { groups: [] },
        }),
        groups
      );
    case 'mimir':
      return withGroups(toYaml({ namespace: options.rulerNamespace ?? DEFAULT_RULER_NAMESPACE, groups: [] }), groups);
    case 'grafana':
      return JSON.stringify(toGrafanaRuleGroups(groups, options), null, 2) + '\n';
  }
}

/** A YAML document written with `groups: []` as its last line, with these groups in their place. */
function withGroups(document: string, groups: RuleGroup[]): string {
  if (groups.length === 0) {
    return document;
  }
  const line = /^( *)groups: \[\]\n$/m.exec(document);
  if (!line || line.index + line[0].length !== document.length) {
    throw new Error('the rule document does not end with its groups');
  }
  return `${document.slice(0, line.index)}${line[1]}groups:\n${groupItemsYaml(toPlainGroups(groups), line[1])}`;
}

/** The groups of one SLO, with the datasource its Grafana-managed alerts query when it names its own. */
export interface RuleBatch {
  groups: RuleGroup[];
  datasourceUid?: string;
}

/**
 * renderRules a batch at a time (say the groups of one SLO after another), so that a large set is written
 * as it is made rather than held whole: the chunks join to exactly renderRules of all the groups.
 */
export function* renderRulesInChunks(
  batches: Iterable<RuleGroup[] | RuleBatch>,
  format: RuleFormat,
  options: OutputOptions = {}
): Generator<string> {
  let started = false;
  for (const batch of batches) {
    const { groups, datasourceUid } = Array.isArray(batch) ? { groups: batch, datasourceUid: undefined } : batch;
    const chunk =
      format === 'grafana'
        ? grafanaChunk(groups, datasourceUid !== undefined ? { ...options, datasourceUid } : options, started)
        : yamlChunk(groups, format, options, started);
    if (chunk !== '') {
      started = true;
      yield chunk;
    }
  }
  if (format === 'grafana') {
    yield started ? '\n]\n' : '[]\n';
  } else if (!started) {
    yield renderRules([], format, options);
  }
}

/** The indent of each YAML format's groups key: the document's last key, so that its items end the text. */
const GROUPS_INDENT: Record<Exclude<RuleFormat, 'grafana'>, string> = {
  prometheus: '',
  'prometheus-rule': '  ',
  mimir: '',
};

/** The document with these groups, the first time; after that only its list items. */
function yamlChunk(
  groups: RuleGroup[],
  format: Exclude<RuleFormat, 'grafana'>,
  options: OutputOptions,
  started: boolean
): string {
  if (groups.length === 0) {
    return '';
  }
  if (!started) {
    return renderRules(groups, format, options);
  }
  // The groups' items alone, as withGroups writes them under the key: the document around them is written
  // once, not again for each of ten thousand SLOs.
  return groupItemsYaml(toPlainGroups(groups), GROUPS_INDENT[format]);
}

/** The JSON array's items as JSON.stringify(all, null, 2) writes them: indented, comma before all but the first. */
function grafanaChunk(groups: RuleGroup[], options: OutputOptions, started: boolean): string {
  return toGrafanaRuleGroups(groups, options)
    .map((group, i) => {
      const item = JSON.stringify(group, null, 2).replace(/^/gm, '  ');
      return `${started || i > 0 ? ',\n' : '[\n'}${item}`;
    })
    .join('');
}

/** Placeholders the user replaces (or the app fills in) when no datasource or folder is given. */
export const DATASOURCE_UID_PLACEHOLDER = '${DATASOURCE_UID}';
export const FOLDER_UID_PLACEHOLDER = '${FOLDER_UID}';

export interface GrafanaAlertRule {
  uid: string;
  title: string;
  condition: string;
  folderUID: string;
  ruleGroup: string;
  for: string;
  noDataState: 'OK';
  execErrState: 'Error';
  data: Array<{
    refId: string;
    datasourceUid: string;
    relativeTimeRange: { from: number; to: number };
    model: Record<string, unknown>;
  }>;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** Simplified routing (Grafana 11+): the contact point of the rule, chosen by its severity. */
  notification_settings?: { receiver: string };
}

export interface GrafanaRuleGroup {
  title: string;
  folderUid: string;
  /** Seconds. */
  interval: number;
  rules: GrafanaAlertRule[];
}

/**
 * Grafana-managed alert rule groups for `PUT /api/v1/provisioning/folder/<folderUid>/rule-groups/<group>`.
 * They query the recorded series, so the recording rules must run in the datasource (file or ruler).
 * No data is OK: the burn-rate query returns nothing while the budget is safe.
 */
export function toGrafanaRuleGroups(groups: RuleGroup[], options: OutputOptions): GrafanaRuleGroup[] {
  const folderUid = options.folderUid ?? FOLDER_UID_PLACEHOLDER;
  const datasourceUid = options.datasourceUid ?? DATASOURCE_UID_PLACEHOLDER;
  return groups.flatMap((group) => {
    const alerts = group.rules.filter(isAlertingRule);
    if (alerts.length === 0) {
      return [];
    }
    return [
      {
        title: group.name,
        folderUid,
        interval: grafanaInterval(intervalSeconds(group.interval)),
        rules: alerts.map((rule, i) => {
          const grafanaRule = toGrafanaRule(rule, group.name, i, folderUid, datasourceUid);
          const receiver = options.receivers?.[rule.labels.severity ?? ''];
          return receiver ? { ...grafanaRule, notification_settings: { receiver } } : grafanaRule;
        }),
      },
    ];
  });
}

/**
 * The names of the groups that carry no alert (all groups of a retired SLO, or of one with alerting off):
 * a Grafana-managed group of that name, deployed before, is left over and must go.
 */
export function groupsWithoutAlerts(groups: RuleGroup[]): string[] {
  return groups.filter((group) => !group.rules.some(isAlertingRule)).map((group) => group.name);
}

function toGrafanaRule(
  rule: AlertingRule,
  groupName: string,
  index: number,
  folderUid: string,
  datasourceUid: string
): GrafanaAlertRule {
  const { severity, long_window: long, short_window: short, slo_window: window } = rule.labels;
  const slo = rule.labels.slo ?? groupName;
  return {
    uid: stableUid(`${groupName}/${index}/${rule.alert}`),
    // Titles are unique in a folder: name the objective's window and the alert's windows.
    title: grafanaTitle(
      slo,
      long
        ? ` ${window}: ${severity} on burn over ${long} and ${short}`
        : window
          ? ` ${window}: ${rule.alert}`
          : `: ${rule.alert}`
    ),
    condition: 'B',
    folderUID: folderUid,
    ruleGroup: groupName,
    for: rule.for ?? '0s',
    noDataState: 'OK',
    execErrState: 'Error',
    data: [
      {
        refId: 'A',
        datasourceUid,
        relativeTimeRange: { from: 600, to: 0 },
        model: { refId: 'A', expr: rule.expr, instant: true, range: false },
      },
      {
        refId: 'B',
        datasourceUid: '__expr__',
        relativeTimeRange: { from: 0, to: 0 },
        // As in Prometheus, any sample of the expression fires, whatever its value: a threshold above 0 would
        // never fire the no-data alert (a sum of 0 events) or a budget alert below 0.
        model: { refId: 'B', type: 'math', expression: 'is_number($A)' },
      },
      // Figures the annotations print ($values.C.Value): instant queries whose series carry the same labels as
      // A's, which is how Grafana gives each alert instance its own values.
      ...(rule.grafana?.queries ?? []).map(({ refId, expr }) => ({
        refId,
        datasourceUid,
        relativeTimeRange: { from: 600, to: 0 },
        model: { refId, expr, instant: true, range: false },
      })),
    ],
    labels: rule.labels,
    annotations: Object.fromEntries(
      Object.entries(rule.grafana?.annotations ?? rule.annotations).map(([key, value]) => [key, grafanaTemplate(value)])
    ),
  };
}

/** Grafana refuses an alert rule title of more bytes than this (the size of its column). */
const GRAFANA_TITLE_MAX_BYTES = 190;

/**
 * The title `<slo><what>`, within Grafana's limit: an SLO name too long for it is cut, and a hash of the
 * whole name after the cut keeps titles of SLOs that share the beginning apart. `what` is kept whole.
 */
function grafanaTitle(slo: string, what: string): string {
  const bytes = (text: string) => new TextEncoder().encode(text).length;
  if (bytes(slo + what) <= GRAFANA_TITLE_MAX_BYTES) {
    return slo + what;
  }
  const mark = `~${fnv1a64(slo).slice(0, 8)}`;
  let kept = slo.slice(0, Math.max(0, GRAFANA_TITLE_MAX_BYTES - bytes(mark + what)));
  while (kept !== '' && bytes(kept + mark + what) > GRAFANA_TITLE_MAX_BYTES) {
    kept = kept.slice(0, -1);
  }
  // Never half of a surrogate pair at the cut.
  kept = kept.replace(/[\ud800-\udbff]$/, '');
  return kept + mark + what;
}

/**
 * An annotation for Grafana, which names the value of query A `$values.A.Value`. Only the code of the
 * template's actions is rewritten: a `$value` in the SLO's own text (a link's `?q=$value`) is kept.
 */
function grafanaTemplate(template: string): string {
  return rewriteTemplateCode(template, (code) => code.replace(/\$value\b/g, '$values.A.Value'));
}

/** Grafana evaluates rule groups on multiples of its scheduler's base interval, 10 s unless changed. */
export const GRAFANA_BASE_INTERVAL_SECONDS = 10;

/**
 * A group's interval as Grafana accepts it: the next multiple of its base interval (15s runs at 20s). The
 * alerts read recorded series, so running them a few seconds apart from the recording rules changes nothing.
 */
export function grafanaInterval(seconds: number): number {
  return Math.max(1, Math.ceil(seconds / GRAFANA_BASE_INTERVAL_SECONDS)) * GRAFANA_BASE_INTERVAL_SECONDS;
}

function intervalSeconds(interval: string): number {
  const seconds = parsePromDuration(interval);
  if (seconds === undefined || !Number.isInteger(seconds)) {
    throw new RangeError(`interval ${interval} is not a whole number of seconds`);
  }
  return seconds;
}

/** A Grafana rule uid (at most 40 characters of [a-zA-Z0-9_-]) derived from a stable key. */
export function stableUid(key: string): string {
  return `burnrate-${fnv1a64(key)}`;
}
