import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { parseNativeDocument } from '../formats/native';
import { makeSlo } from '../testing/fixtures';
import { expandTemplate } from '../testing/goTemplate';
import { buildRuleGroups, type RuleGroup } from './build';
import type { PlainRuleGroup } from './fingerprint';
import { RULE_FORMATS, renderRules, renderRulesInChunks, type GrafanaRuleGroup } from './output';

const EXAMPLES = path.join(__dirname, '..', '..', 'examples');

/** The rule groups of each example SLO, one batch per SLO. */
const batches: RuleGroup[][] = readdirSync(EXAMPLES)
  .filter((file) => file.endsWith('.yaml'))
  .sort()
  .map((file) => {
    const slo = parseNativeDocument(YAML.parse(readFileSync(path.join(EXAMPLES, file), 'utf8'))).slo!;
    return buildRuleGroups(slo, { evaluationInterval: '30s', grafanaUrl: 'https://grafana.example.com' });
  });
const options = { crdNamespace: 'monitoring', rulerNamespace: 'slos', datasourceUid: 'prom', folderUid: 'slos' };

describe('renderRulesInChunks', () => {
  it.each(RULE_FORMATS)('joins to exactly renderRules of every group (%s)', (format) => {
    const chunks = [...renderRulesInChunks(batches, format, options)];
    expect(chunks.length).toBeGreaterThan(batches.length - 1);
    expect(chunks.join('')).toBe(renderRules(batches.flat(), format, options));
  });

  it.each(RULE_FORMATS)('skips empty batches and batches without alerts (%s)', (format) => {
    const recordingOnly = batches[0].map((group) => ({
      ...group,
      rules: group.rules.filter((rule) => 'record' in rule),
    }));
    const mixed = [[], recordingOnly, batches[1], [], batches[2]];
    expect([...renderRulesInChunks(mixed, format, options)].join('')).toBe(renderRules(mixed.flat(), format, options));
  });

  it.each(RULE_FORMATS)('writes what renderRules writes for no groups at all (%s)', (format) => {
    expect([...renderRulesInChunks([], format, options)].join('')).toBe(renderRules([], format, options));
  });
});

/** An SLO whose every text reaching an alert reads like a Go template. */
const hostile = makeSlo({
  service: 'checkout{{ 40 + 2 }}',
  labels: { team: '{{ query "up" }}' },
  alerting: {
    enabled: true,
    labels: { route: '{{ unclosed' },
    noDataFor: '10m',
    absent: { for: '3m', severity: 'page' },
  },
  annotations: {
    runbook: 'https://runbooks.example.com/{{ $value }}?q=$value',
    dashboard: 'https://grafana.example.com/d/x?var-q=$value&x={{`}}',
  },
});
const groups = buildRuleGroups(hostile, { evaluationInterval: '30s' });

const ALERT_LABELS = {
  slo: 'checkout-availability',
  slo_uid: 'checkout-availability',
  service: 'checkout{{ 40 + 2 }}',
  team: '{{ query "up" }}',
  route: '{{ unclosed',
};
/** The labels of the series the burn-rate alerts read, which their `$labels` print. */
const SERIES_LABELS = { slo: 'checkout-availability', service: 'checkout{{ 40 + 2 }}' };

/** Each alert's labels and annotations as Prometheus or Grafana print them. */
function expandedAlerts(rules: Array<{ labels?: Record<string, string>; annotations?: Record<string, string> }>) {
  const expand = (map: Record<string, string> = {}) =>
    Object.fromEntries(
      Object.entries(map).map(([key, value]) => [key, expandTemplate(value, { labels: SERIES_LABELS, value: 15.75 })])
    );
  return rules.map((rule) => ({ labels: expand(rule.labels), annotations: expand(rule.annotations) }));
}

function plainAlerts(yamlGroups: PlainRuleGroup[]) {
  return yamlGroups.flatMap((g) => g.rules).filter((r) => r.alert !== undefined);
}

const expectLiteralAlerts = (alerts: ReturnType<typeof expandedAlerts>) => {
  // The four workbook alerts, the no-data alert and the absent alert.
  expect(alerts).toHaveLength(6);
  for (const { labels, annotations } of alerts) {
    expect(labels).toMatchObject(ALERT_LABELS);
    expect(annotations).toMatchObject({
      runbook_url: 'https://runbooks.example.com/{{ $value }}?q=$value',
      dashboard_url: 'https://grafana.example.com/d/x?var-q=$value&x={{`}}',
    });
    expect(annotations.description).toContain('checkout{{ 40 + 2 }} / checkout-availability');
  }
  expect(alerts[0].annotations.summary).toBe(
    'checkout-availability is burning its error budget 15.8x too fast (threshold 14.4x: 2% of the 30d budget in 1h)'
  );
};

describe('alerts of an SLO whose text reads like templates', () => {
  it('record the text as it is: recording rules are not templates', () => {
    const recorded = groups.flatMap((g) => g.rules).find((r) => 'record' in r && r.labels.service !== undefined);
    expect(recorded?.labels).toMatchObject({ service: 'checkout{{ 40 + 2 }}', team: '{{ query "up" }}' });
  });

  it.each([
    ['prometheus', (doc: { groups: PlainRuleGroup[] }) => doc.groups],
    ['prometheus-rule', (doc: { spec: { groups: PlainRuleGroup[] } }) => doc.spec.groups],
    ['mimir', (doc: { groups: PlainRuleGroup[] }) => doc.groups],
  ] as const)('print it literally in %s rules', (format, groupsOf: (doc: never) => PlainRuleGroup[]) => {
    const rules = plainAlerts(groupsOf(YAML.parse(renderRules(groups, format)) as never));
    expect(rules[0].labels?.service).toBe('checkout{{ "{{" }} 40 + 2 }}');
    expectLiteralAlerts(expandedAlerts(rules));
  });

  it('print it literally in Grafana-managed rules, rewriting $value only in our own template code', () => {
    const grafana = JSON.parse(renderRules(groups, 'grafana')) as GrafanaRuleGroup[];
    const rules = grafana.flatMap((g) => g.rules);
    const burn = rules[0].annotations.summary;
    expect(burn).toBe(
      'checkout-availability is burning its error budget {{ printf "%.1f" $values.A.Value }}x too fast' +
        ' (threshold 14.4x: 2% of the 30d budget in 1h)'
    );
    expectLiteralAlerts(expandedAlerts(rules));
    expect(rules.map((r) => r.title)).toEqual([
      'checkout-availability 30d: page on burn over 1h and 5m',
      'checkout-availability 30d: page on burn over 6h and 30m',
      'checkout-availability 30d: ticket on burn over 1d and 2h',
      'checkout-availability 30d: ticket on burn over 3d and 6h',
      'checkout-availability: SLONoData',
      'checkout-availability: SLOMetricAbsent',
    ]);
    expect(rules[5]).toMatchObject({
      for: '3m',
      noDataState: 'OK',
      labels: { severity: 'page' },
      annotations: { summary: 'checkout-availability has no source series for 3m' },
    });
    // Any sample fires, as in Prometheus: the no-data alert's sum of 0 events included.
    for (const rule of rules) {
      expect(rule.condition).toBe('B');
      expect(rule.data[1].model).toEqual({ refId: 'B', type: 'math', expression: 'is_number($A)' });
    }
  });

  it('keep Grafana titles within its 190 bytes, a long SLO name cut and told apart by a hash', () => {
    const titles = (name: string) => {
      const slo = parseNativeDocument({
        apiVersion: 'burnrate.dev/v1',
        kind: 'ServiceLevelObjective',
        metadata: { name },
        spec: {
          service: 'checkout',
          indicator: { type: 'ratio', total: 'http_requests_total', bad: 'http_errors_total' },
          objectives: [{ target: 0.99, window: '36500d' }],
          alerting: {
            burnRates: [
              { severity: 'ticket', longWindow: '3649d23h59m59s999ms', shortWindow: '364d23h59m59s999ms', factor: 1 },
            ],
          },
        },
      }).slo!;
      const grafana = JSON.parse(renderRules(buildRuleGroups(slo, { evaluationInterval: '30s' }), 'grafana'));
      return (grafana as GrafanaRuleGroup[]).flatMap((g) => g.rules.map((r) => r.title));
    };
    const first = titles(`${'a'.repeat(127)}1`);
    const second = titles(`${'a'.repeat(127)}2`);
    expect(first[0]).toMatch(
      /^a{100,}~[0-9a-f]{8} 36500d: ticket on burn over 3649d23h59m59s999ms and 364d23h59m59s999ms$/
    );
    for (const title of [...first, ...second]) {
      expect(new TextEncoder().encode(title).length).toBeLessThanOrEqual(190);
    }
    expect(first[0]).not.toBe(second[0]);
    expect(titles('short')[0]).toBe('short 36500d: ticket on burn over 3649d23h59m59s999ms and 364d23h59m59s999ms');
  });

  it('run Grafana-managed groups on multiples of the 10 s base interval of Grafana', () => {
    const intervals = (evaluationInterval: string) =>
      (
        JSON.parse(renderRules(buildRuleGroups(makeSlo(), { evaluationInterval }), 'grafana')) as GrafanaRuleGroup[]
      ).map((g) => g.interval);
    expect(intervals('30s')).toEqual([30]);
    expect(intervals('15s')).toEqual([20]);
    expect(intervals('5s')).toEqual([10]);
    expect(intervals('1m')).toEqual([60]);
  });

  it('link the dashboard of a Grafana URL that reads like a template literally', () => {
    const slo = makeSlo({ annotations: {}, service: 'checkout' });
    const [base] = buildRuleGroups(slo, {
      evaluationInterval: '30s',
      grafanaUrl: 'https://grafana.example.com/{{ .x }}/',
    });
    const links = base.rules.flatMap((r) => ('alert' in r ? [r.annotations.dashboard_url] : []));
    expect(links.map((link) => expandTemplate(link))).toEqual(
      Array(4).fill('https://grafana.example.com/{{ .x }}/a/burnrate-slo-app/slos/checkout-availability')
    );
  });
});
