import fc from 'fast-check';
import YAML from 'yaml';
import { parseNativeDocument } from '../formats/native';
import { validateSlo } from './validate';
import type { Slo } from '../slo/types';
import { findPromqlSyntaxError } from '../promql/parse';
import { expandTemplate } from '../testing/goTemplate';
import { hostileSlo } from '../testing/hostileSlo';
import { buildRuleGroups, isAlertingRule, seriesLabels } from './build';
import { renderRules, toPlainGroups, type GrafanaRuleGroup } from './output';

/**
 * Every SLO that validates gives rules that mean what it says, whatever its text and numbers. Here
 * without Prometheus: PromQL that parses, YAML that reads back as the same rules, alerts that print the
 * SLO's text. tests/promtool/hostile.ts checks the same SLOs with promtool.
 */
function validSlo(document: unknown): Slo | undefined {
  const parsed = parseNativeDocument(document);
  const issues = [...parsed.issues, ...(parsed.slo ? validateSlo(parsed.slo) : [])];
  return issues.some((issue) => issue.severity === 'error') ? undefined : parsed.slo;
}

describe('rules of SLOs with hostile text and numbers', () => {
  it('parse, read back from YAML as they were built, and alert with the text as written', () => {
    let valid = 0;
    fc.assert(
      fc.property(hostileSlo, ({ document, grafanaUrl }) => {
        const slo = validSlo(document);
        if (!slo) {
          return;
        }
        valid++;
        const groups = buildRuleGroups(slo, { evaluationInterval: '30s', grafanaUrl });
        for (const rule of groups.flatMap((g) => g.rules)) {
          expect(findPromqlSyntaxError(rule.expr)).toBeUndefined();
        }
        const plain = toPlainGroups(groups);
        expect(YAML.parse(renderRules(groups, 'prometheus'))).toEqual({ groups: plain });
        expect(YAML.parse(renderRules(groups, 'mimir')).groups).toEqual(plain);
        expect(YAML.parse(renderRules(groups, 'prometheus-rule')).spec.groups).toEqual(plain);

        const series = seriesLabels(slo);
        const alertLabels = { ...series, ...slo.alerting.labels };
        const expand = (map: Record<string, string>) =>
          Object.fromEntries(
            Object.entries(map).map(([key, value]) => [key, expandTemplate(value, { labels: series, value: 2 })])
          );
        const links = {
          ...(slo.annotations.runbook && { runbook_url: slo.annotations.runbook }),
          ...(slo.annotations.dashboard && { dashboard_url: slo.annotations.dashboard }),
        };
        const grafana = (JSON.parse(renderRules(groups, 'grafana')) as GrafanaRuleGroup[]).flatMap((g) => g.rules);
        const alerts = [...groups.flatMap((g) => g.rules).filter(isAlertingRule), ...grafana];
        const page = slo.alerting.perSeverity?.page;
        for (const alert of alerts) {
          expect(expand(alert.labels)).toMatchObject(alertLabels);
          expect(expand(alert.annotations)).toMatchObject(links);
          if (page && alert.labels.severity === 'page') {
            // A severity's own text, printed as written.
            expect(expand(alert.labels)).toMatchObject(page.labels);
            expect(expand(alert.annotations)).toMatchObject(page.annotations);
          }
        }
        expect(new Set(grafana.map((rule) => rule.title)).size).toBe(grafana.length);
        // Grafana refuses longer titles.
        for (const rule of grafana) {
          expect(new TextEncoder().encode(rule.title).length).toBeLessThanOrEqual(190);
        }
      }),
      { numRuns: 100, seed: 19 }
    );
    expect(valid).toBeGreaterThan(20);
  });
});
