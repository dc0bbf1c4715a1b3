import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { readDemoPrometheus } from '../history/demoPrometheus';
import {
  localPrometheusPlan,
  parseDatasourceUrl,
  provisionedDatasources,
  readProvisionedDatasources,
} from './provisioning';

const ROOT = path.resolve(__dirname, '..', '..');

/** The SLO names in a rule file's labels. */
function slosOf(rulesYaml: string | undefined): string[] {
  const groups = (YAML.parse(rulesYaml ?? '') as { groups?: Array<{ rules: Array<{ labels?: { slo?: string } }> }> })
    .groups;
  return [...new Set((groups ?? []).flatMap((g) => g.rules.map((r) => r.labels?.slo ?? '')))].filter(Boolean).sort();
}

describe('the provisioned datasources of the demo and the preview', () => {
  it('are two Prometheus datasources, the first the default', () => {
    expect(readProvisionedDatasources(ROOT)).toEqual([
      {
        uid: 'prometheus',
        name: 'Prometheus',
        provisionedUrl: 'http://prometheus:9090',
        scrapeInterval: '15s',
        isDefault: true,
      },
      {
        uid: 'prometheus-eu',
        name: 'Prometheus EU',
        provisionedUrl: 'http://prometheus-eu:9090',
        scrapeInterval: '15s',
        isDefault: false,
      },
    ]);
  });

  it('point at one Prometheus for all, or each at its own', () => {
    const all = provisionedDatasources(ROOT, { all: 'http://127.0.0.1:9090' });
    expect(all.map((d) => [d.uid, d.url])).toEqual([
      ['prometheus', 'http://127.0.0.1:9090'],
      ['prometheus-eu', 'http://127.0.0.1:9090'],
    ]);
    const apart = provisionedDatasources(ROOT, {
      all: 'http://127.0.0.1:9090',
      byUid: { 'prometheus-eu': 'http://127.0.0.1:9091' },
    });
    expect(apart.map((d) => [d.uid, d.url, d.isDefault])).toEqual([
      ['prometheus', 'http://127.0.0.1:9090', true],
      ['prometheus-eu', 'http://127.0.0.1:9091', false],
    ]);
  });

  it('each get the Prometheus of the demo folder their URL names', () => {
    expect(localPrometheusPlan(ROOT)).toEqual([
      {
        name: 'prometheus',
        datasourceUids: ['prometheus'],
        configFile: path.join(ROOT, 'demo', 'prometheus', 'prometheus.yml'),
      },
      {
        name: 'prometheus-eu',
        datasourceUids: ['prometheus-eu'],
        configFile: path.join(ROOT, 'demo', 'prometheus-eu', 'prometheus.yml'),
      },
    ]);
  });

  it('share the default datasource’s Prometheus when their URL names no demo folder', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'provisioning-test-'));
    try {
      fs.mkdirSync(path.join(root, 'provisioning', 'datasources'), { recursive: true });
      fs.writeFileSync(
        path.join(root, 'provisioning', 'datasources', 'prometheus.yaml'),
        YAML.stringify({
          datasources: [
            { name: 'Elsewhere', uid: 'elsewhere', type: 'prometheus', url: 'http://mimir:8080' },
            { name: 'Main', uid: 'main', type: 'prometheus', url: 'http://prometheus:9090', isDefault: true },
          ],
        })
      );
      // No demo folder at all: one Prometheus, of a configuration of its own, for both.
      expect(localPrometheusPlan(root)).toEqual([{ name: 'prometheus', datasourceUids: ['main', 'elsewhere'] }]);
      fs.mkdirSync(path.join(root, 'demo', 'prometheus'), { recursive: true });
      fs.writeFileSync(path.join(root, 'demo', 'prometheus', 'prometheus.yml'), 'rule_files: [rules/a.yaml]\n');
      expect(localPrometheusPlan(root)).toEqual([
        {
          name: 'prometheus',
          datasourceUids: ['main', 'elsewhere'],
          configFile: path.join(root, 'demo', 'prometheus', 'prometheus.yml'),
        },
      ]);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('scrape different services, and each Prometheus loads the rules of its own datasource’s SLOs', () => {
    const main = readDemoPrometheus(path.join(ROOT, 'demo', 'prometheus', 'prometheus.yml'));
    const eu = readDemoPrometheus(path.join(ROOT, 'demo', 'prometheus-eu', 'prometheus.yml'));
    expect(main.jobs.sort()).toEqual(['api-gateway', 'checkout', 'search']);
    expect(eu.jobs.sort()).toEqual(['orders-etl', 'web']);
    // The path the live Prometheus names its rule file by, which the history's evaluation offsets hash.
    expect(main.ruleFile).toBe('rules/burnrate.rules.yaml');
    expect(eu.ruleFile).toBe('rules/burnrate.rules.yaml');
    expect(slosOf(main.rulesYaml)).toEqual(['api-latency', 'checkout-availability', 'search-availability']);
    expect(slosOf(eu.rulesYaml)).toEqual(['orders-pipeline-freshness']);
    // The provisioned SLO document names the datasource whose Prometheus runs its rules.
    const dashboard = fs.readFileSync(
      path.join(ROOT, 'provisioning', 'dashboards', 'slos', 'orders-pipeline-freshness.json'),
      'utf8'
    );
    expect(dashboard).toContain('datasource:\\n    uid: prometheus-eu');
  });

  it('take --datasource-url UID=URL', () => {
    expect(parseDatasourceUrl('prometheus-eu=http://127.0.0.1:9091')).toEqual([
      'prometheus-eu',
      'http://127.0.0.1:9091',
    ]);
    expect(parseDatasourceUrl('http://127.0.0.1:9091')).toBeUndefined();
    expect(parseDatasourceUrl('prometheus-eu=')).toBeUndefined();
  });
});
