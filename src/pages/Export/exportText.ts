import type { Slo } from '../../slo/types';
import type { AppSettings } from '../../settings';
import { exportSlos } from '../../formats/export';
import { buildRuleGroups } from '../../rules/build';
import {
  applyGroupPattern,
  renderRules,
  toGrafanaRuleGroups,
  groupsWithoutAlerts,
  type GrafanaRuleGroup,
  type RuleFormat,
} from '../../rules/output';
import { buildGeneratedSloDashboard } from '../../scenes/dashboardJson';
import { datasourceOf, groupByDatasource } from '../../slo/datasource';
import { datasourceName } from '../../api/byDatasource';

export { applyGroupPattern };

export type ExportChoice = 'burnrate' | 'openslo' | RuleFormat | 'dashboard';

export const EXPORT_CHOICES: Array<{ value: ExportChoice; label: string; file: string; language: 'yaml' | 'json' }> = [
  { value: 'burnrate', label: 'Native YAML', file: 'slos.yaml', language: 'yaml' },
  { value: 'openslo', label: 'OpenSLO', file: 'openslo.yaml', language: 'yaml' },
  { value: 'prometheus', label: 'Prometheus rules', file: 'burnrate.rules.yaml', language: 'yaml' },
  { value: 'prometheus-rule', label: 'PrometheusRule CRD', file: 'burnrate-prometheusrule.yaml', language: 'yaml' },
  { value: 'mimir', label: 'Mimir/Cortex/Loki ruler', file: 'burnrate.mimir.yaml', language: 'yaml' },
  { value: 'grafana', label: 'Grafana-managed', file: 'burnrate.grafana.json', language: 'json' },
  { value: 'dashboard', label: 'Dashboard JSON', file: 'burnrate-dashboards.json', language: 'json' },
];

/** Options of the PrometheusRule custom resource. */
export interface CrdOptions {
  namespace: string;
  /** `key=value` pairs separated by commas, e.g. the Prometheus operator's ruleSelector labels. */
  labels: string;
}

/** `a=b, c=d` as labels; the first malformed pair is reported by its text. */
export function parseLabelPairs(text: string): { labels: Record<string, string>; error?: string } {
  const labels: Record<string, string> = {};
  for (const pair of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const match = /^([a-zA-Z_][a-zA-Z0-9_./-]*)\s*=\s*(.*)$/.exec(pair);
    if (!match) {
      return { labels, error: `"${pair}" is not key=value` };
    }
    labels[match[1]] = match[2].replace(/^"(.*)"$/, '$1');
  }
  return { labels };
}

/**
 * The text of SLOs in one export format. Dashboard JSON: the classic dashboard of each SLO's first
 * objective on the recorded series; one SLO gives one dashboard (importable as it is), several give an
 * array of them.
 */
/** Where Grafana-managed rules go: a folder, and a contact point per severity (empty: the policies route). */
export interface GrafanaTargetOptions {
  folderUid: string;
  pageReceiver: string;
  ticketReceiver: string;
}

function sloRuleGroups(slos: Slo[], settings: AppSettings) {
  return slos.flatMap((slo) =>
    applyGroupPattern(
      buildRuleGroups(slo, { evaluationInterval: settings.evaluationInterval }),
      slo.uid,
      settings.ruleGroupPattern
    )
  );
}

function receivers(target?: GrafanaTargetOptions): Partial<Record<string, string>> | undefined {
  if (!target) {
    return undefined;
  }
  return {
    ...(target.pageReceiver && { page: target.pageReceiver }),
    ...(target.ticketReceiver && { ticket: target.ticketReceiver }),
  };
}

/** The Grafana-managed rule groups of SLOs, as deployed and as exported: each queries its SLO's datasource. */
export function grafanaGroups(slos: Slo[], settings: AppSettings, target: GrafanaTargetOptions): GrafanaRuleGroup[] {
  return slos.flatMap((slo) => {
    const datasourceUid = datasourceOf(slo, settings.datasourceUid);
    return toGrafanaRuleGroups(sloRuleGroups([slo], settings), {
      ...(datasourceUid && { datasourceUid }),
      folderUid: target.folderUid || settings.dashboardFolderUid,
      receivers: receivers(target),
    });
  });
}

/** Rules asked of one file for SLOs on several datasources: the user picks one, nothing is wrong. */
export class MixedDatasourcesError extends Error {}

/**
 * The one datasource of SLOs whose rules go in one file (a file runs on one Prometheus or ruler); an error
 * that counts the SLOs of each when they are on several.
 */
export function singleDatasource(slos: Slo[], settings: AppSettings): string {
  const groups = groupByDatasource(slos, settings.datasourceUid);
  if (groups.size <= 1) {
    return [...groups.keys()][0] ?? settings.datasourceUid;
  }
  const counts = [...groups].map(
    ([uid, group]) =>
      `${uid === '' ? 'no datasource' : datasourceName(uid)}: ${group.length} SLO${group.length === 1 ? '' : 's'}`
  );
  throw new MixedDatasourcesError(
    `The chosen SLOs are on ${groups.size} datasources (${counts.join(', ')}), and a rule file runs on one ` +
      'Prometheus or ruler: choose a datasource'
  );
}

/** The chosen SLOs' rule groups that have no alert: their Grafana-managed groups, if any, are removed on deploy. */
export function grafanaGroupsWithoutAlerts(slos: Slo[], settings: AppSettings): string[] {
  return groupsWithoutAlerts(sloRuleGroups(slos, settings));
}

export function renderExport(
  slos: Slo[],
  format: ExportChoice,
  settings: AppSettings,
  crd?: CrdOptions,
  grafana?: GrafanaTargetOptions
): string {
  if (format === 'burnrate' || format === 'openslo') {
    return exportSlos(slos, format);
  }
  if (format === 'dashboard') {
    const dashboards = slos.map((slo) =>
      buildGeneratedSloDashboard({
        slo,
        objective: slo.objectives[0],
        source: 'recorded',
        evaluationInterval: settings.evaluationInterval,
        // Each dashboard's datasource variable starts on the datasource its SLO lives on.
        datasourceUid: datasourceOf(slo, settings.datasourceUid),
      })
    );
    return JSON.stringify(dashboards.length === 1 ? dashboards[0] : dashboards, null, 2) + '\n';
  }
  if (format === 'grafana') {
    return (
      JSON.stringify(
        grafanaGroups(slos, settings, grafana ?? { folderUid: '', pageReceiver: '', ticketReceiver: '' }),
        null,
        2
      ) + '\n'
    );
  }
  singleDatasource(slos, settings);
  const groups = sloRuleGroups(slos, settings);
  const crdLabels = crd ? parseLabelPairs(crd.labels) : undefined;
  if (crdLabels?.error) {
    throw new Error(`PrometheusRule labels: ${crdLabels.error}`);
  }
  return renderRules(groups, format, {
    rulerNamespace: settings.ruleNamespace,
    ...(settings.datasourceUid && { datasourceUid: settings.datasourceUid }),
    folderUid: grafana?.folderUid || settings.dashboardFolderUid,
    receivers: receivers(grafana),
    ...(crd?.namespace && { crdNamespace: crd.namespace }),
    ...(crdLabels && { crdLabels: crdLabels.labels }),
  });
}
