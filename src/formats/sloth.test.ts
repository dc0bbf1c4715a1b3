import { readFileSync } from 'fs';
import { join } from 'path';
import YAML from 'yaml';
import type { AdvancedIndicator, Slo } from '../slo/types';
import { loadSloDocuments, loadSloFiles, type FileIssue } from './load';

const fixture = (name: string) => readFileSync(join(__dirname, 'testdata', name), 'utf8');
const DAYS_30 = { kind: 'rolling' as const, duration: '30d', seconds: 30 * 86400 };
const ALERT_NAME_NOTE =
  'not kept: Burnrate names its burn-rate alerts SLOErrorBudgetBurn and tells SLOs apart by the slo label';

describe('Sloth prometheus/v1 file', () => {
  it('reads every SLO of a real-world file', () => {
    expect(loadSloDocuments(fixture('sloth-payments.yaml'))).toEqual({
      slos: [
        {
          format: 'sloth',
          document: 0,
          slo: {
            name: 'payments-api-requests-availability',
            uid: 'payments-api-requests-availability',
            service: 'payments-api',
            description: 'Payment requests that do not fail with a server error.',
            labels: { owner: 'payments-team', tier: '1', category: 'availability' },
            indicator: {
              type: 'advanced',
              total: 'sum(rate(http_server_requests_total{service="payments-api"}[{{.window}}]))',
              bad: 'sum(rate(http_server_requests_total{service="payments-api",code=~"5.."}[{{.window}}]))',
              groupBy: [],
            },
            objectives: [{ target: '0.9995', window: DAYS_30 }],
            alerting: {
              enabled: true,
              labels: { team: 'payments' },
              perSeverity: {
                page: {
                  labels: { route: 'pagerduty' },
                  annotations: { summary: 'Payments API is burning its availability budget' },
                },
                ticket: {
                  labels: { route: 'slack' },
                  annotations: { summary: 'Payments API is burning its availability budget' },
                },
              },
            },
            annotations: { runbook: 'https://runbooks.example.com/payments/availability' },
          },
        },
        {
          format: 'sloth',
          document: 0,
          slo: {
            name: 'payments-api-requests-latency',
            uid: 'payments-api-requests-latency',
            service: 'payments-api',
            description: 'Payment requests served in under 300ms.',
            labels: { owner: 'payments-team', tier: '1' },
            indicator: {
              type: 'advanced',
              total: 'sum(rate(http_server_request_duration_seconds_count{service="payments-api"}[{{.window}}]))',
              bad:
                '(\n' +
                '  sum(rate(http_server_request_duration_seconds_count{service="payments-api"}[{{.window}}]))\n' +
                '  -\n' +
                '  sum(rate(http_server_request_duration_seconds_bucket{service="payments-api",le="0.3"}[{{.window}}]))\n' +
                ')\n',
              groupBy: [],
            },
            objectives: [{ target: '0.99', window: DAYS_30 }],
            alerting: {
              enabled: true,
              labels: {},
              perSeverity: { page: { labels: { channel: 'payments-oncall' }, annotations: {} } },
              burnRates: [
                { severity: 'page', longWindow: '1h', shortWindow: '5m', budgetSpent: '0.02' },
                { severity: 'page', longWindow: '6h', shortWindow: '30m', budgetSpent: '0.05' },
              ],
            },
            annotations: {},
          },
        },
      ],
      issues: [
        {
          path: 'slos[0].alerting.name',
          message: ALERT_NAME_NOTE,
          severity: 'warning',
          document: 0,
          slo: 'payments-api-requests-availability',
        },
        {
          path: 'slos[0].alerting.page_alert.labels.severity',
          message:
            'dropped: Burnrate alerts carry severity="page" or "ticket"; route page alerts on severity="page" instead of "critical"',
          severity: 'warning',
          document: 0,
          slo: 'payments-api-requests-availability',
        },
        {
          path: 'slos[0].alerting.ticket_alert.labels.severity',
          message:
            'dropped: Burnrate alerts carry severity="page" or "ticket"; route ticket alerts on severity="ticket" instead of "warning"',
          severity: 'warning',
          document: 0,
          slo: 'payments-api-requests-availability',
        },
        {
          path: 'slos[1].alerting.name',
          message: ALERT_NAME_NOTE,
          severity: 'warning',
          document: 0,
          slo: 'payments-api-requests-latency',
        },
        {
          path: 'slos[1].alerting.ticket_alert.disable',
          message:
            "the ticket alerts are disabled: imported as explicit burnRates, the SRE workbook's page alerts only",
          severity: 'warning',
          document: 0,
          slo: 'payments-api-requests-latency',
        },
      ],
    });
  });
});

describe('Sloth PrometheusServiceLevel resource', () => {
  it('reads the SLOs, the raw SLI as an approximate error ratio', () => {
    expect(loadSloDocuments(fixture('sloth-crd.yaml'))).toEqual({
      slos: [
        {
          format: 'sloth',
          document: 0,
          slo: {
            name: 'search-query-errors',
            uid: 'search-query-errors',
            service: 'search',
            description: 'Search queries answered without error.',
            labels: { team: 'discovery' },
            indicator: {
              type: 'advanced',
              total: 'sum(rate(search_queries_total[{{.window}}]))',
              bad: 'sum(rate(search_queries_total{status="error"}[{{.window}}]))',
              groupBy: [],
            },
            objectives: [{ target: '0.995', window: DAYS_30 }],
            alerting: { enabled: false, labels: { team: 'discovery' } },
            annotations: { runbook: 'https://runbooks.example.com/search/errors' },
          },
        },
        {
          format: 'sloth',
          document: 0,
          slo: {
            name: 'search-index-freshness',
            uid: 'search-index-freshness',
            service: 'search',
            labels: { team: 'discovery' },
            indicator: {
              type: 'errorRatio',
              expr: '1 - avg_over_time(search_index_fresh[{{.window}}])',
              groupBy: [],
            },
            objectives: [{ target: '0.99', window: DAYS_30 }],
            alerting: { enabled: true, labels: {} },
            annotations: {},
          },
        },
      ],
      issues: [
        {
          path: 'spec.slos[0].alerting.name',
          message: ALERT_NAME_NOTE,
          severity: 'warning',
          document: 0,
          slo: 'search-query-errors',
        },
        {
          path: 'spec.slos[1].alerting.name',
          message: ALERT_NAME_NOTE,
          severity: 'warning',
          document: 0,
          slo: 'search-index-freshness',
        },
      ],
    });
  });
});

describe('Sloth: cases', () => {
  const slo = (fields: Record<string, unknown>) => ({
    name: 'availability',
    objective: 99.9,
    sli: {
      events: {
        error_query: 'sum(rate(errors_total[{{.window}}]))',
        total_query: 'sum(rate(requests_total[{{.window}}]))',
      },
    },
    ...fields,
  });
  const file = (slos: unknown[], extra: Record<string, unknown> = {}) =>
    YAML.stringify({ version: 'prometheus/v1', service: 'shop', ...extra, slos });
  const indicator: AdvancedIndicator = {
    type: 'advanced',
    total: 'sum(rate(requests_total[{{.window}}]))',
    bad: 'sum(rate(errors_total[{{.window}}]))',
    groupBy: [],
  };
  const base: Slo = {
    name: 'shop-availability',
    uid: 'shop-availability',
    service: 'shop',
    labels: {},
    indicator,
    objectives: [{ target: '0.999', window: DAYS_30 }],
    alerting: { enabled: true, labels: {} },
    annotations: {},
  };
  const issue = (path: string, message: string, severity: FileIssue['severity'] = 'warning'): FileIssue => ({
    path,
    message,
    severity,
    document: 0,
    slo: 'shop-availability',
  });

  it.each<{ name: string; text: string; options?: { slothWindow: string }; slo?: Slo; issues: FileIssue[] }>([
    { name: 'a minimal SLO', text: file([slo({})]), slo: base, issues: [] },
    {
      name: 'objective 99.95 is exactly 0.9995',
      text: file([slo({ objective: 99.95 })]),
      slo: { ...base, objectives: [{ target: '0.9995', window: DAYS_30 }] },
      issues: [],
    },
    {
      name: 'objective 100 has no budget',
      text: file([slo({ objective: 100 })]),
      issues: [
        issue(
          'slos[0].objective',
          '100% leaves no error budget (every error would be an outage and burn rates would be infinite); use a target below 100%, such as 99.95% (0.9995)',
          'error'
        ),
      ],
    },
    {
      name: 'an objective written as a ratio',
      text: file([slo({ objective: 0.999 })]),
      slo: { ...base, objectives: [{ target: '0.00999', window: DAYS_30 }] },
      issues: [issue('slos[0].objective', 'is a percentage: 0.999 means 0.999%; for 99.9% write 99.9')],
    },
    {
      name: "a Sloth run with a 28d period keeps Sloth's 28d windows, unscaled",
      text: file([slo({ alerting: { page_alert: { disable: true } } })]),
      options: { slothWindow: '28d' },
      slo: {
        ...base,
        objectives: [{ target: '0.999', window: { kind: 'rolling', duration: '28d', seconds: 28 * 86400 } }],
        alerting: {
          enabled: true,
          labels: {},
          burnRates: [
            { severity: 'ticket', longWindow: '1d', shortWindow: '2h', budgetSpent: '0.1' },
            { severity: 'ticket', longWindow: '3d', shortWindow: '6h', budgetSpent: '0.1' },
          ],
        },
      },
      issues: [
        issue(
          'slos[0].alerting.page_alert.disable',
          "the page alerts are disabled: imported as explicit burnRates, the SRE workbook's ticket alerts only"
        ),
      ],
    },
    {
      name: 'labels of the service and of the SLO, the SLO winning, reserved names dropped',
      text: file([slo({ labels: { team: 'cart', slo: 'x' } })], { labels: { team: 'shop', env: 'prod' } }),
      slo: { ...base, labels: { team: 'cart', env: 'prod' } },
      issues: [issue('slos[0].labels.slo', 'dropped: Burnrate sets the label "slo" on every rule itself')],
    },
    {
      name: 'labels and annotations of each severity on its alerts, the common annotations on every alert',
      text: file([
        slo({
          alerting: {
            labels: { team: 'shop' },
            annotations: { dashboard_url: 'https://grafana.example.com/d/shop', team_chat: '#shop', playbook: 'p0' },
            page_alert: { labels: { routing: 'shop' }, annotations: { playbook: 'p1' } },
            ticket_alert: { labels: { routing: 'shop' }, annotations: { playbook: 'p2' } },
          },
        }),
      ]),
      slo: {
        ...base,
        alerting: {
          enabled: true,
          labels: { team: 'shop' },
          perSeverity: {
            page: { labels: { routing: 'shop' }, annotations: { team_chat: '#shop', playbook: 'p1' } },
            ticket: { labels: { routing: 'shop' }, annotations: { team_chat: '#shop', playbook: 'p2' } },
          },
        },
        annotations: { dashboard: 'https://grafana.example.com/d/shop' },
      },
      issues: [],
    },
    {
      name: 'a query without {{.window}}',
      text: file([
        slo({
          sli: {
            events: { error_query: 'slo:errors:rate5m', total_query: 'sum(rate(requests_total[{{ .window }}]))' },
          },
        }),
      ]),
      slo: {
        ...base,
        indicator: { ...indicator, bad: 'slo:errors:rate5m', total: 'sum(rate(requests_total[{{ .window }}]))' },
      },
      issues: [
        issue(
          'slos[0].sli.events.error_query',
          'has no {{.window}}, which Sloth requires: it is used as it is, so it must give events per second'
        ),
      ],
    },
    {
      name: 'a PromQL syntax error',
      text: file([
        slo({
          sli: {
            events: {
              error_query: 'sum(rate(errors_total[{{.window}}])',
              total_query: 'sum(rate(requests_total[{{.window}}]))',
            },
          },
        }),
      ]),
      issues: [
        issue(
          'slos[0].sli.events.error_query',
          'PromQL syntax error at character 36: the expression ends too early',
          'error'
        ),
      ],
    },
    {
      name: 'an SLI plugin',
      text: file([
        slo({
          sli: {
            plugin: { id: 'sloth-common/kubernetes/apiserver/availability', options: { filter: 'verb!="WATCH"' } },
          },
        }),
      ]),
      issues: [
        issue(
          'slos[0].sli.plugin.id',
          'the SLI plugin "sloth-common/kubernetes/apiserver/availability" is not supported: plugins are Go code run by Sloth; write its queries as events (error_query and total_query)',
          'error'
        ),
      ],
    },
    {
      name: 'two SLI types',
      text: file([slo({ sli: { raw: { error_ratio_query: 'x' }, events: { error_query: 'y', total_query: 'z' } } })]),
      issues: [issue('slos[0].sli', 'give only one of events, raw', 'error')],
    },
    {
      name: 'the camelCase spelling in a prometheus/v1 file',
      text: file([slo({ sli: { events: { errorQuery: 'a', totalQuery: 'b' } } })]),
      issues: [
        issue('slos[0].sli.events.error_query', 'is required (string)', 'error'),
        issue('slos[0].sli.events.total_query', 'is required (string)', 'error'),
        issue(
          'slos[0].sli.events.errorQuery',
          'unknown field "errorQuery", ignored: this format spells it error_query'
        ),
        issue(
          'slos[0].sli.events.totalQuery',
          'unknown field "totalQuery", ignored: this format spells it total_query'
        ),
      ],
    },
    {
      name: 'plugins are ignored',
      text: file([slo({ plugins: { chain: [{ id: 'x' }] } })], { slo_plugins: { chain: [{ id: 'y' }] } }),
      slo: base,
      issues: [
        {
          path: 'slo_plugins',
          message: 'ignored: Sloth plugins are Go code run by Sloth; Burnrate generates its own rules',
          severity: 'warning',
          document: 0,
        },
        issue('slos[0].plugins', 'ignored: Sloth plugins are Go code run by Sloth; Burnrate generates its own rules'),
      ],
    },
  ])('$name', ({ text, options, slo: want, issues }) => {
    const result = loadSloDocuments(text, options);
    expect(result.issues).toEqual(issues);
    expect(result.slos).toEqual(want ? [{ slo: want, format: 'sloth', document: 0 }] : []);
  });
});

describe('Sloth alert windows', () => {
  const sloFile = (alerting: Record<string, unknown> = {}) =>
    YAML.stringify({
      version: 'prometheus/v1',
      service: 'shop',
      slos: [
        {
          name: 'availability',
          objective: 99.9,
          sli: {
            events: {
              error_query: 'sum(rate(errors_total[{{.window}}]))',
              total_query: 'sum(rate(requests_total[{{.window}}]))',
            },
          },
          alerting,
        },
      ],
    });
  // Sloth's own example of custom windows for a 7d period.
  const windows7d = YAML.stringify({
    apiVersion: 'sloth.slok.dev/v1',
    kind: 'AlertWindows',
    spec: {
      sloPeriod: '7d',
      page: {
        quick: { errorBudgetPercent: 8, shortWindow: '5m', longWindow: '1h' },
        slow: { errorBudgetPercent: 12.5, shortWindow: '30m', longWindow: '6h' },
      },
      ticket: {
        quick: { errorBudgetPercent: 20, shortWindow: '2h', longWindow: '1d' },
        slow: { errorBudgetPercent: 42, shortWindow: '6h', longWindow: '3d' },
      },
    },
  });
  const burnRatesOf = (result: ReturnType<typeof loadSloFiles>) => result.slos.map((s) => s.slo.alerting.burnRates);

  it("keeps Burnrate's defaults for Sloth's 30d windows, which are the same", () => {
    expect(burnRatesOf(loadSloFiles([{ name: 'slos.yaml', text: sloFile() }]))).toEqual([undefined]);
  });

  it('reads the 28d windows as Sloth has them: unscaled, each spending its share of the 28d budget', () => {
    const result = loadSloFiles([{ name: 'slos.yaml', text: sloFile() }], { slothWindow: '28d' });
    expect(result.issues).toEqual([]);
    expect(burnRatesOf(result)).toEqual([
      [
        { severity: 'page', longWindow: '1h', shortWindow: '5m', budgetSpent: '0.02' },
        { severity: 'page', longWindow: '6h', shortWindow: '30m', budgetSpent: '0.05' },
        { severity: 'ticket', longWindow: '1d', shortWindow: '2h', budgetSpent: '0.1' },
        { severity: 'ticket', longWindow: '3d', shortWindow: '6h', budgetSpent: '0.1' },
      ],
    ]);
  });

  it('reads AlertWindows of another file of the catalogue for the period Sloth runs with', () => {
    const result = loadSloFiles(
      [
        { name: 'slos.yaml', text: sloFile({ ticket_alert: { disable: true } }) },
        { name: 'windows/7d.yaml', text: windows7d },
      ],
      { slothWindow: '7d' }
    );
    expect(result.issues.filter((i) => i.path !== 'slos[0].alerting.ticket_alert.disable')).toEqual([]);
    expect(burnRatesOf(result)).toEqual([
      [
        { severity: 'page', longWindow: '1h', shortWindow: '5m', budgetSpent: '0.08' },
        { severity: 'page', longWindow: '6h', shortWindow: '30m', budgetSpent: '0.125' },
      ],
    ]);
  });

  it('refuses a period the AlertWindows given do not hold, as Sloth does', () => {
    const result = loadSloFiles([{ name: 'slos.yaml', text: `${sloFile()}---\n${windows7d}` }]);
    expect(result.slos).toEqual([]);
    expect(result.issues).toContainEqual({
      file: 'slos.yaml',
      document: 0,
      path: 'slothWindow',
      message:
        'no AlertWindows given for the SLO period 30d (only for 7d): Sloth refuses it; give AlertWindows with sloPeriod: 30d',
      severity: 'error',
    });
  });

  it("says that a period Sloth has no windows for gets Burnrate's scaled defaults", () => {
    const result = loadSloFiles([{ name: 'slos.yaml', text: sloFile() }], { slothWindow: '14d' });
    expect(burnRatesOf(result)).toEqual([undefined]);
    expect(result.issues).toEqual([
      {
        file: 'slos.yaml',
        document: 0,
        path: 'slothWindow',
        message:
          "Sloth has alert windows for 30d and 28d only: the 14d SLOs get Burnrate's default alerts scaled to their window",
        severity: 'warning',
      },
    ]);
  });

  it('names the field of a bad window, and a file of windows alone holds no SLO', () => {
    const bad = windows7d
      .replace('errorBudgetPercent: 8', 'errorBudgetPercent: 0')
      .replace('longWindow: 3d', 'longWindow: soon');
    expect(loadSloFiles([{ name: 'windows.yaml', text: bad }]).issues).toEqual([
      {
        file: 'windows.yaml',
        document: 0,
        path: 'spec.page.quick.errorBudgetPercent',
        message: 'must be a percentage above 0 such as 2, got 0',
        severity: 'error',
      },
      {
        file: 'windows.yaml',
        document: 0,
        path: 'spec.ticket.slow.longWindow',
        message: 'must be a duration such as 1h, got "soon"',
        severity: 'error',
      },
    ]);
    expect(loadSloFiles([{ name: 'windows.yaml', text: windows7d }]).issues).toEqual([
      {
        file: 'windows.yaml',
        path: '',
        message: 'holds no SLO, only Sloth AlertWindows: nothing to make rules from (give the Sloth SLO files with it)',
        severity: 'error',
      },
    ]);
  });
});
