import type { Slo } from '../../slo/types';
import type { AppSettings } from '../../settings';
import { exportSlos } from '../../formats/export';
import { buildRuleGroups, type RuleGroup } from '../../rules/build';
import { renderRules, type RuleFormat } from '../../rules/output';

export type ExportChoice = 'burnrate' | 'openslo' | RuleFormat;

export const EXPORT_CHOICES: Array<{ value: ExportChoice; label: string; file: string }> = [
  { value: 'burnrate', label: 'Native YAML', file: 'slos.yaml' },
  { value: 'openslo', label: 'OpenSLO', file: 'openslo.yaml' },
  { value: 'prometheus', label: 'Prometheus rules', file: 'burnrate.rules.yaml' },
  { value: 'prometheus-rule', label: 'PrometheusRule CRD', file: 'burnrate-prometheusrule.yaml' },
  { value: 'mimir', label: 'Mimir ruler', file: 'burnrate.mimir.yaml' },
  { value: 'grafana', label: 'Grafana-managed', file: 'burnrate.grafana.json' },
];

/** Group names from the settings' pattern: `burnrate-<uid>` becomes the pattern, the roll-up keeps its suffix. */
export function applyGroupPattern(groups: RuleGroup[], sloUid: string, pattern: string): RuleGroup[] {
  const name = pattern.split('{{uid}}').join(sloUid);
  return groups.map((g) => ({
    ...g,
    name: g.name === `burnrate-${sloUid}` ? name : g.name.replace(`burnrate-${sloUid}-`, `${name}-`),
  }));
}

/** The text of SLOs in one export format. */
export function renderExport(slos: Slo[], format: ExportChoice, settings: AppSettings): string {
  if (format === 'burnrate' || format === 'openslo') {
    return exportSlos(slos, format);
  }
  const groups = slos.flatMap((slo) =>
    applyGroupPattern(
      buildRuleGroups(slo, { evaluationInterval: settings.evaluationInterval }),
      slo.uid,
      settings.ruleGroupPattern
    )
  );
  return renderRules(groups, format, {
    rulerNamespace: settings.ruleNamespace,
    ...(settings.datasourceUid && { datasourceUid: settings.datasourceUid }),
    folderUid: settings.dashboardFolderUid,
  });
}
