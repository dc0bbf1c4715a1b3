import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { Slo } from '../slo/types';
import { runCli, type CliIo } from '../cli/run';
import { loadSloFiles } from './load';

/**
 * The forms of SLO files that Sloth, Pyrra and OpenSLO (with its tools oslo and the SDK) write, one
 * small file of ours per form in testdata/peers: each is read the way the CLI reads it, and is either
 * accepted as the SLO its authors mean or refused with the message that names the field by the
 * peer's own path. The rules of every accepted file go through `promtool check rules`.
 */
const PEERS = join(__dirname, 'testdata', 'peers');

interface Case {
  name: string;
  /** Files or directories under testdata/peers, read together as one catalogue. */
  files: string[];
  /** Accepted: the SLOs, by name, with the fields that matter for the form. */
  slos?: Record<string, Partial<Slo>>;
  /** Refused: the problem lines of `validate`, the file's path left out. */
  problems?: string[];
  /** Warning lines of `validate` that must be among its output (without " (warning)"). */
  warnings?: string[];
  /** Lines the rule file must hold, e.g. an alert's `for:`. */
  ruleLines?: string[];
}

const DENOMINATOR_CORRECTED =
  "the denominator-corrected plugin is not supported: it measures each alert window's errors against the SLO" +
  " period's average traffic rather than the window's own, so a quiet hour burns less, and Burnrate's burn rates are" +
  " the window's own error ratio. Remove it; for few errors among little traffic, give the imported SLO a low-traffic" +
  ' guard (alerting.minBadEvents: alerts need that many bad events in their long window), a different rule';

const APPROXIMATE =
  'This SLO is approximate: a precomputed error ratio cannot be counted exactly, so each window averages its samples' +
  ' at the evaluation interval (as Sloth does), weighing a quiet hour like a busy one. Give counters of good (or bad)' +
  ' and total events for an exact SLO.';

const CASES: Case[] = [
  {
    name: 'OpenSLO objects as one top-level YAML list (oslo, the SDK)',
    files: ['openslo-list.yaml'],
    slos: {
      'orders-availability': {
        service: 'orders',
        indicator: {
          type: 'ratio',
          total: 'orders_requests_total{job="orders"}',
          bad: 'orders_requests_total{job="orders",status=~"5.."}',
          groupBy: [],
        },
        objectives: [{ target: '0.998', window: { kind: 'rolling', duration: '28d', seconds: 28 * 86400 } }],
      },
    },
  },
  {
    name: 'an OpenSLO Service alone: nothing to make rules from',
    files: ['openslo-service-only.yaml'],
    problems: [
      'openslo-service-only.yaml: holds no SLO, only OpenSLO 1 Service: nothing to make rules from (give the files of its SLOs with it)',
    ],
  },
  {
    name: 'an OpenSLO Service with an unknown field, and no SLO',
    files: ['openslo-unknown-field.yaml'],
    problems: [
      'openslo-unknown-field.yaml: holds no SLO, only OpenSLO 1 Service: nothing to make rules from (give the files of its SLOs with it)',
    ],
  },
  {
    name: 'an AlertPolicy whose condition is nowhere',
    files: ['openslo-policy-missing-condition.yaml'],
    problems: [
      'openslo-policy-missing-condition.yaml: document 1: [0].spec.conditions[0].conditionRef: no AlertCondition named "billing-burn-2x" in this file',
    ],
  },
  {
    name: 'an AlertPolicy whose notification target is nowhere',
    files: ['openslo-policy-missing-target.yaml'],
    problems: [
      'openslo-policy-missing-target.yaml: document 1: [0].spec.notificationTargets[0].targetRef: no AlertNotificationTarget named "billing-pager" in this file',
    ],
  },
  {
    name: 'an AlertPolicy of two conditions, one without a severity',
    files: ['openslo-policy-two-conditions.yaml'],
    problems: [
      'openslo-policy-two-conditions.yaml: document 1: spec.conditions: holds 2 conditions: an OpenSLO AlertPolicy has one; give each condition its own policy',
      'openslo-policy-two-conditions.yaml: document 3: spec.severity: is required: such as page or ticket',
    ],
  },
  {
    name: 'OpenSLO references across the files of a directory, one catalogue',
    files: ['catalogue'],
    slos: {
      'search-availability': {
        service: 'search',
        indicator: {
          type: 'ratio',
          good: 'search_queries_total{outcome="ok"}',
          total: 'search_queries_total',
          groupBy: [],
        },
        alerting: {
          enabled: true,
          labels: {},
          burnRates: [{ severity: 'page', longWindow: '1h', shortWindow: '5m', factor: '14.4' }],
        },
      },
    },
  },
  {
    name: 'an OpenSLO SLO given without the files it refers to',
    files: ['catalogue/slo.yaml'],
    problems: [
      'catalogue/slo.yaml: search-availability: spec.indicatorRef: no SLI named "search-errors" in this file',
      'catalogue/slo.yaml: search-availability: spec.alertPolicies[0].alertPolicyRef: no AlertPolicy named "search-fast-burn" in this file',
    ],
  },
  {
    name: 'OpenSLO alertPolicies empty, and a list of policy names',
    files: ['openslo-alert-policies.yaml'],
    slos: {
      'profile-availability': { alerting: { enabled: true, labels: {} } },
      'profile-writes': {
        alerting: {
          enabled: true,
          labels: {},
          burnRates: [{ severity: 'page', longWindow: '2h', shortWindow: '10m', factor: '10' }],
        },
      },
    },
  },
  {
    name: 'OpenSLO counter: true on summed counters',
    files: ['openslo-counter-sum.yaml'],
    problems: ['total', 'good'].map(
      (key) =>
        `openslo-counter-sum.yaml: web-availability: spec.indicator.spec.ratioMetric.counter: is true, so good and total are counters, but ${key}.metricSource.spec.query aggregates them without a rate: Burnrate cannot take the rate of a sum (counter resets). Give the bare counter selectors, or set counter: false and write it as sum(rate(<selector>[{{.window}}]))`
    ),
  },
  {
    name: 'OpenSLO Timeslices of a thresholdMetric with timeSliceTarget 0.7',
    files: ['openslo-threshold-slices.yaml'],
    slos: {
      'queue-lag': {
        indicator: {
          type: 'threshold',
          expr: 'max(kafka_consumergroup_lag{consumergroup="ingest"})',
          operator: '<',
          threshold: '500',
          groupBy: [],
        },
        timeSlices: { window: '2m', windowSeconds: 120, target: '0.7' },
      },
    },
  },
  {
    name: 'OpenSLO RatioTimeslices of good, bad and threshold SLIs: each slice scored by its good ratio',
    files: ['openslo-ratio-timeslices.yaml'],
    slos: {
      'basket-availability': {
        indicator: {
          type: 'ratio',
          total: 'basket_requests_total{job="basket"}',
          good: 'basket_requests_total{job="basket",code!~"5.."}',
          groupBy: [],
        },
        timeSlices: { window: '1m', windowSeconds: 60, score: 'ratio' },
        objectives: [
          {
            target: '0.99',
            window: { kind: 'rolling', duration: '14d', seconds: 14 * 86400 },
            displayName: 'Mean good minute',
          },
        ],
      },
      'basket-errors': {
        indicator: {
          type: 'ratio',
          total: 'basket_requests_total{job="basket"}',
          bad: 'basket_requests_total{job="basket",code=~"5.."}',
          groupBy: [],
        },
        timeSlices: { window: '5m', windowSeconds: 300, score: 'ratio' },
      },
      'basket-queue-depth': {
        indicator: {
          type: 'threshold',
          expr: 'max(basket_queue_depth{job="basket"})',
          operator: '<=',
          threshold: '100',
          groupBy: [],
        },
        timeSlices: { window: '2m', windowSeconds: 120, score: 'ratio' },
        objectives: [{ target: '0.95', window: { kind: 'calendar', unit: 'week' } }],
      },
    },
    ruleLines: ['      - record: slo:slice_good:ratio'],
  },
  {
    name: 'OpenSLO RatioTimeslices with a timeSliceTarget, which judges no slice there',
    files: ['openslo-ratio-timeslices-target.yaml'],
    slos: { 'search-ratio-minutes': { timeSlices: { window: '1m', windowSeconds: 60, score: 'ratio' } } },
    warnings: [
      'openslo-ratio-timeslices-target.yaml: search-ratio-minutes: spec.objectives[0].timeSliceTarget: ignored: RatioTimeslices averages the good ratio of every slice and judges no slice against a target (Timeslices does)',
    ],
  },
  {
    name: 'OpenSLO RatioTimeslices without a slice length',
    files: ['openslo-ratio-timeslices-no-window.yaml'],
    problems: [
      'openslo-ratio-timeslices-no-window.yaml: search-ratio-slices: spec.objectives[0].timeSliceWindow: is required with budgetingMethod RatioTimeslices: the length of a slice, such as 1m',
    ],
  },
  {
    name: 'OpenSLO alertAfter, by conditionRef: the alert waits that long (for:)',
    files: ['openslo-alert-after.yaml'],
    slos: {
      'payments-capture': {
        alerting: {
          enabled: true,
          labels: {},
          burnRates: [{ severity: 'page', longWindow: '2h', shortWindow: '10m', factor: '10', for: '5m' }],
        },
      },
    },
    ruleLines: ['        for: 5m'],
  },
  {
    name: 'OpenSLO op: lte on a burn rate, refused with the reason',
    files: ['openslo-condition-lte.yaml'],
    problems: [
      'openslo-condition-lte.yaml: payments-refunds: spec.alertPolicies[0].spec.conditions[0].spec.condition.op: is lte: a burn-rate condition alerts while the error budget burns faster than the threshold; lte would alert while the service is healthy (no errors is a burn rate of 0). Write op: gt (or gte)',
    ],
  },
  {
    name: 'an OpenSLO name that is not a DNS label',
    files: ['openslo-bad-name.yaml'],
    problems: [
      'openslo-bad-name.yaml: Checkout_Availability: metadata.name: "Checkout_Availability" is not a DNS label (RFC 1123), as OpenSLO names must be: lower-case letters, digits and "-", starting and ending with a letter or digit',
    ],
  },
  {
    name: 'a Sloth SLO name Sloth refuses',
    files: ['sloth-bad-name.yaml'],
    problems: [
      'sloth-bad-name.yaml: checkout-availability/v2: slos[0].name: "availability/v2" is not a name Sloth accepts: letters, digits, ".", "_" and "-", starting and ending with a letter or digit',
    ],
  },
  {
    name: "Sloth's denominator_corrected SLO plugin, on the group and on an SLO",
    files: ['sloth-denominator-corrected.yaml'],
    problems: [
      `sloth-denominator-corrected.yaml: document 1: slo_plugins.chain[0].id: ${DENOMINATOR_CORRECTED}`,
      `sloth-denominator-corrected.yaml: search-queries: slos[0].plugins.chain[1].id: ${DENOMINATOR_CORRECTED}`,
    ],
  },
  {
    name: 'an OpenSLO rolling 1M window, read as 30d',
    files: ['openslo-rolling-month.yaml'],
    slos: {
      'catalog-reads': {
        objectives: [{ target: '0.999', window: { kind: 'rolling', duration: '30d', seconds: 30 * 86400 } }],
      },
    },
    warnings: [
      'openslo-rolling-month.yaml: catalog-reads: spec.timeWindow[0].duration: a rolling 1M has no fixed length: read as 30d (a month as 30 days, a quarter 90, a year 365)',
    ],
  },
  {
    name: "Pyrra's performanceOverAccuracy: it tunes Pyrra's own rules, so it is left out, saying so",
    files: ['pyrra-performance-over-accuracy.yaml'],
    slos: {
      'orders-errors': {
        uid: 'shop-orders-errors',
        objectives: [{ target: '0.995', window: { kind: 'rolling', duration: '28d', seconds: 28 * 86400 } }],
      },
    },
    warnings: [
      'pyrra-performance-over-accuracy.yaml: orders-errors: spec.performanceOverAccuracy: ignored: it tunes the rules Pyrra generates; Burnrate generates its own',
    ],
  },
  {
    name: 'Sloth label values that are numbers and booleans',
    files: ['sloth-label-values.yaml'],
    slos: {
      'metrics-store-ingest-errors': { labels: { tier: '2', generated: 'true', replicas: '3' } },
    },
  },
  {
    name: 'Sloth queries grouped by handler, by (...) before and after',
    files: ['sloth-grouped.yaml'],
    slos: {
      'api-requests-availability': {
        indicator: {
          type: 'advanced',
          bad: 'sum by (handler) (rate(api_requests_total{code=~"5.."}[{{.window}}]))',
          total: 'sum(rate(api_requests_total[{{.window}}])) by (handler)',
          groupBy: ['handler'],
        },
      },
    },
  },
  {
    name: 'Sloth queries grouped by different labels',
    files: ['sloth-grouped-apart.yaml'],
    problems: [
      'sloth-grouped-apart.yaml: api-requests-availability: slos[0].sli.events.error_query: groups by (code, handler) and total_query by (handler): Sloth divides one by the other label by label, so both must keep the same labels',
    ],
  },
  {
    name: 'Sloth raw SLIs (prometheus/v1): an approximate error ratio, grouped by queue where the query is',
    files: ['sloth-raw.yaml'],
    slos: {
      'ledger-postings-errors': {
        labels: { team: 'accounts' },
        indicator: {
          type: 'errorRatio',
          expr: 'sum(rate(ledger_postings_failed_total[{{.window}}]))\n/\nsum(rate(ledger_postings_total[{{.window}}]))\n',
          groupBy: [],
        },
        objectives: [{ target: '0.999', window: { kind: 'rolling', duration: '30d', seconds: 30 * 86400 } }],
      },
      'ledger-settlement-errors': {
        indicator: {
          type: 'errorRatio',
          expr: 'sum by (queue) (rate(ledger_settlements_failed_total[{{.window}}]))\n/\nsum by (queue) (rate(ledger_settlements_total[{{.window}}]))\n',
          groupBy: ['queue'],
        },
      },
    },
    warnings: [
      `sloth-raw.yaml: ledger-postings-errors: slos[0].sli: ${APPROXIMATE}`,
      `sloth-raw.yaml: ledger-settlement-errors: slos[1].sli: ${APPROXIMATE}`,
    ],
  },
  {
    name: 'a Sloth raw SLI of a recorded ratio (PrometheusServiceLevel)',
    files: ['sloth-raw-crd.yaml'],
    slos: {
      'gateway-upstream-errors': {
        indicator: { type: 'errorRatio', expr: 'gateway:upstream_error:ratio_rate{{.window}}', groupBy: [] },
        alerting: { enabled: false, labels: {} },
      },
    },
    warnings: [`sloth-raw-crd.yaml: gateway-upstream-errors: spec.slos[0].sli: ${APPROXIMATE}`],
  },
  {
    name: 'a Sloth raw SLI grouped without labels',
    files: ['sloth-raw-without.yaml'],
    problems: [
      'sloth-raw-without.yaml: ledger-postings-errors: slos[0].sli.raw.error_ratio_query: groups without (instance): Burnrate needs the labels an SLI is split by named; write by (...) with them',
    ],
  },
  {
    name: 'OpenSLO precomputed ratios (ratioMetric.raw), of good and of bad events',
    files: ['openslo-raw.yaml'],
    slos: {
      'login-success': {
        indicator: {
          type: 'errorRatio',
          expr: '1 - (identity:login_success:ratio_rate5m{realm="customers"})',
          groupBy: [],
        },
      },
      'token-failures': {
        indicator: {
          type: 'errorRatio',
          expr: 'sum by (client) (rate(identity_token_failures_total[5m])) / sum by (client) (rate(identity_token_requests_total[5m]))',
          groupBy: [],
        },
      },
    },
    warnings: [
      `openslo-raw.yaml: login-success: spec.indicator: ${APPROXIMATE}`,
      `openslo-raw.yaml: token-failures: spec.indicator: ${APPROXIMATE}`,
    ],
  },
  {
    name: 'a Sloth name used twice, cited by its Sloth field',
    files: ['sloth-duplicate.yaml'],
    problems: [
      'sloth-duplicate.yaml: slos[1].name: "cart-availability" is already the name of an SLO in sloth-duplicate.yaml: names must be unique',
    ],
  },
  {
    name: 'a Sloth file of no SLO',
    files: ['sloth-empty.yaml'],
    problems: ['sloth-empty.yaml: holds no SLO: nothing to make rules from'],
  },
  {
    name: 'the openslo/v1alpha SLO that Sloth reads',
    files: ['sloth-openslo-alpha.yaml'],
    slos: {
      'checkout-checkout-requests-0': {
        service: 'checkout',
        indicator: {
          type: 'advanced',
          good: 'sum(rate(checkout_requests_total{code!~"5.."}[{{.window}}]))',
          total: 'sum(rate(checkout_requests_total[{{.window}}]))',
          groupBy: [],
        },
        objectives: [{ target: '0.995', window: { kind: 'rolling', duration: '28d', seconds: 28 * 86400 } }],
        alerting: { enabled: false, labels: {} },
      },
    },
  },
  {
    name: 'Pyrra grouping by service, kept as exported_service',
    files: ['pyrra-service-grouping.yaml'],
    slos: {
      'mesh-errors': {
        uid: 'mesh-mesh-errors',
        service: 'mesh-errors',
        labels: { team: 'platform' },
        indicator: {
          type: 'advanced',
          total: 'label_replace(rate(mesh_requests_total[{{.window}}]), "exported_service", "$1", "service", "(.*)")',
          bad: 'label_replace(rate(mesh_requests_total{response_code=~"5.."}[{{.window}}]), "exported_service", "$1", "service", "(.*)")',
          groupBy: ['exported_service'],
        },
      },
    },
  },
  {
    name: 'Sloth alerts routed by severity, with AlertWindows of their own in another file',
    files: ['sloth-windows'],
    slos: {
      'billing-invoices-availability': {
        alerting: {
          enabled: true,
          labels: { team: 'billing' },
          perSeverity: {
            page: {
              labels: { route: 'pagerduty' },
              annotations: { channel: '#billing', summary: 'Invoices are failing: {{ $labels.handler }} pages' },
            },
            ticket: { labels: { route: 'jira' }, annotations: { channel: '#billing' } },
          },
          burnRates: [
            { severity: 'page', longWindow: '30m', shortWindow: '5m', budgetSpent: '0.01' },
            { severity: 'page', longWindow: '4h', shortWindow: '20m', budgetSpent: '0.04' },
            { severity: 'ticket', longWindow: '12h', shortWindow: '1h', budgetSpent: '0.08' },
            { severity: 'ticket', longWindow: '6d', shortWindow: '12h', budgetSpent: '0.2' },
          ],
        },
        annotations: { runbook: 'https://runbooks.example.com/billing/invoices' },
      },
    },
    ruleLines: [
      // 1% of 30d in 30m: 14.4x; the page text printed as written, not run as a template.
      '          (sum(sum_over_time(slo:bad_events:rate5m{slo_uid="billing-invoices-availability"}[30m])) / sum(sum_over_time(slo:events:rate5m{slo_uid="billing-invoices-availability"}[30m])) / 0.005 > 14.4)',
      '        labels: { slo: billing-invoices-availability, slo_uid: billing-invoices-availability, service: billing, team: billing, severity: page, slo_window: 30d, long_window: 30m, short_window: 5m, route: pagerduty }',
      '        labels: { slo: billing-invoices-availability, slo_uid: billing-invoices-availability, service: billing, team: billing, severity: ticket, slo_window: 30d, long_window: 6d, short_window: 12h, route: jira }',
      `          summary: 'Invoices are failing: {{ "{{" }} $labels.handler }} pages'`,
      '          channel: "#billing"',
    ],
  },
  {
    name: "Pyrra's absent alert: the series gone, after Pyrra's duration, with its severity",
    files: ['pyrra-absent.yaml'],
    slos: {
      'search-latency': {
        service: 'search',
        alerting: { enabled: true, labels: {}, absent: { for: '10m', severity: 'ticket' } },
      },
    },
    ruleLines: [
      '      - alert: SLOMetricAbsent',
      '        expr: |-',
      '          absent(search_request_duration_seconds_count{job="search"})',
      '          or',
      '          absent(search_request_duration_seconds_bucket{job="search",le="0.5"})',
      '        for: 10m',
      '        labels: { slo: search-latency, slo_uid: search-search-latency, service: search, severity: ticket }',
    ],
  },
  {
    name: 'a Pyrra bool_gauge: each sample an event, good while 1',
    files: ['pyrra-bool-gauge.yaml'],
    slos: {
      'homepage-probe': {
        service: 'homepage',
        indicator: {
          type: 'threshold',
          expr: 'probe_success{job="blackbox",instance="https://shop.example"}',
          operator: '>',
          threshold: '0',
          groupBy: ['instance'],
        },
        objectives: [{ target: '0.99', window: { kind: 'rolling', duration: '14d', seconds: 14 * 86400 } }],
      },
    },
  },
  {
    name: 'Pyrra native histogram latency grouped by service, kept as exported_service',
    files: ['pyrra-native-service-grouping.yaml'],
    slos: {
      'rpc-latency': {
        indicator: {
          type: 'advanced',
          good: 'histogram_fraction(0, 0.25, label_replace(rate(rpc_duration_seconds{job="gateway"}[{{.window}}]), "exported_service", "$1", "service", "(.*)")) * histogram_count(label_replace(rate(rpc_duration_seconds{job="gateway"}[{{.window}}]), "exported_service", "$1", "service", "(.*)"))',
          total:
            'histogram_count(label_replace(rate(rpc_duration_seconds{job="gateway"}[{{.window}}]), "exported_service", "$1", "service", "(.*)"))',
          groupBy: ['exported_service'],
        },
      },
    },
  },
  {
    name: 'a Pyrra grouping label Prometheus refuses, at its Pyrra path',
    files: ['pyrra-bad-grouping.yaml'],
    problems: [
      'pyrra-bad-grouping.yaml: mesh-errors: spec.indicator.ratio.grouping[0]: "destination-service" is not a legal Prometheus label name',
    ],
  },
  {
    name: 'a Pyrra SLO without a target',
    files: ['pyrra-no-target.yaml'],
    problems: ['pyrra-no-target.yaml: mesh-errors: spec.target: is required (string or number)'],
  },
  {
    name: 'a Pyrra target of 100%',
    files: ['pyrra-bad-target.yaml'],
    problems: [
      'pyrra-bad-target.yaml: mesh-errors: spec.target: 100% leaves no error budget (every error would be an outage and burn rates would be infinite); use a target below 100%, such as 99.95% (0.9995)',
    ],
  },
];

/** The YAML files under a directory, as the CLI lists them. */
function listYamlFiles(path: string): string[] | undefined {
  if (!statSync(path, { throwIfNoEntry: false })?.isDirectory()) {
    return undefined;
  }
  return readdirSync(path, { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.ya?ml$/.test(name))
    .map((name) => join(path, name))
    .sort();
}

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    readFile: (path) => readFileSync(path, 'utf8'),
    listYamlFiles,
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
  };
  const code = await runCli(args, io);
  return { code, stdout, stderr };
}

/** Problem lines of the CLI, with the test data directory left out of paths. */
function problemLines(stderr: string): string[] {
  return stderr
    .split('\n')
    .filter((line) => line !== '' && !line.endsWith('(warning)') && !/problems? found; no output written\.$/.test(line))
    .map((line) => line.split(`${PEERS}/`).join(''));
}

const hasPromtool = spawnSync('promtool', ['--version']).status === 0;

describe('SLO files as Sloth, Pyrra and OpenSLO write them', () => {
  it('has a case for every test file', () => {
    const used = new Set(
      CASES.flatMap((c) => c.files.flatMap((f) => listYamlFiles(join(PEERS, f)) ?? [join(PEERS, f)]))
    );
    const files = listYamlFiles(PEERS) ?? [];
    expect(files.filter((file) => !used.has(file)).map((file) => relative(PEERS, file))).toEqual([]);
  });

  it.each(CASES)('$name', async ({ files, slos, problems, warnings, ruleLines }) => {
    const paths = files.map((f) => join(PEERS, f));
    const validated = await cli(['validate', ...paths]);
    const warningLines = validated.stderr
      .split('\n')
      .filter((line) => line.endsWith(' (warning)'))
      .map((line) => line.split(`${PEERS}/`).join('').slice(0, -' (warning)'.length));
    expect(warningLines).toEqual(expect.arrayContaining(warnings ?? []));
    if (problems) {
      expect(problemLines(validated.stderr)).toEqual(problems);
      expect(validated.code).toBe(1);
      return;
    }
    expect(problemLines(validated.stderr)).toEqual([]);
    expect(validated.code).toBe(0);
    const texts = paths
      .flatMap((path) => listYamlFiles(path) ?? [path])
      .map((path) => ({ name: path, text: readFileSync(path, 'utf8') }));
    const loaded = loadSloFiles(texts).slos.map(({ slo }) => slo);
    expect(loaded.map((slo) => slo.name)).toEqual(Object.keys(slos ?? {}));
    for (const slo of loaded) {
      expect(slo).toMatchObject(slos?.[slo.name] ?? {});
    }

    // Everything accepted gives rules that Prometheus accepts.
    const rules = await cli(['rules', ...paths]);
    expect(rules.code).toBe(0);
    expect(rules.stdout.split('\n')).toEqual(expect.arrayContaining(ruleLines ?? []));
    if (!hasPromtool) {
      throw new Error('promtool is not installed: it checks the rules of every accepted file (install Prometheus)');
    }
    const dir = mkdtempSync(join(tmpdir(), 'peer-rules-'));
    try {
      const file = join(dir, 'rules.yaml');
      writeFileSync(file, rules.stdout);
      const checked = spawnSync('promtool', ['check', 'rules', file], { encoding: 'utf8' });
      expect(checked.stderr).toBe('');
      expect(checked.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
