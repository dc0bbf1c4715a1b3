import { readFileSync } from 'fs';
import { join } from 'path';
import YAML from 'yaml';
import type { RatioIndicator, Slo } from '../slo/types';
import { loadSloDocuments, type FileIssue } from './load';
import { exportSlos } from './export';
import { toOpenSloDocuments } from './openslo';

const fixture = (name: string) => readFileSync(join(__dirname, 'testdata', name), 'utf8');
const rolling = (duration: string, seconds: number) => ({ kind: 'rolling' as const, duration, seconds });
const DAYS_30 = rolling('30d', 30 * 86400);
const DAYS_28 = rolling('28d', 28 * 86400);

/** A small valid OpenSLO SLO; cases change it. */
function baseSlo(): Record<string, unknown> & { metadata: Record<string, unknown>; spec: Record<string, unknown> } {
  return {
    apiVersion: 'openslo/v1',
    kind: 'SLO',
    metadata: { name: 'api-availability' },
    spec: {
      service: 'api',
      indicator: {
        metadata: { name: 'api-errors' },
        spec: {
          ratioMetric: {
            counter: true,
            bad: {
              metricSource: { type: 'Prometheus', spec: { query: 'http_requests_total{job="api",code=~"5.."}' } },
            },
            total: { metricSource: { type: 'Prometheus', spec: { query: 'http_requests_total{job="api"}' } } },
          },
        },
      },
      timeWindow: [{ duration: '30d', isRolling: true }],
      budgetingMethod: 'Occurrences',
      objectives: [{ target: 0.999 }],
    },
  };
}

type Doc = ReturnType<typeof baseSlo>;
const ratioMetric = (doc: Doc) =>
  ((doc.spec.indicator as { spec: Record<string, unknown> }).spec.ratioMetric ?? {}) as Record<string, unknown>;

const BASE_INDICATOR: RatioIndicator = {
  type: 'ratio',
  total: 'http_requests_total{job="api"}',
  bad: 'http_requests_total{job="api",code=~"5.."}',
  groupBy: [],
};

const BASE_SLO: Slo = {
  name: 'api-availability',
  uid: 'api-availability',
  service: 'api',
  labels: {},
  indicator: BASE_INDICATOR,
  objectives: [{ target: '0.999', window: DAYS_30 }],
  alerting: { enabled: true, labels: {} },
  annotations: {},
};

function load(docs: unknown[]) {
  return loadSloDocuments(docs.map((d) => YAML.stringify(d)).join('---\n'));
}

const issue = (path: string, message: string, severity: FileIssue['severity'] = 'error', document = 0): FileIssue => ({
  path,
  message,
  severity,
  document,
  slo: 'api-availability',
});

describe('OpenSLO import of a real-world file', () => {
  it('resolves the SLI, alert policies, conditions and data source by name', () => {
    const result = loadSloDocuments(fixture('openslo-checkout.yaml'));
    expect(result).toEqual({
      slos: [
        {
          format: 'openslo',
          document: 6,
          slo: {
            name: 'checkout-availability',
            uid: 'checkout-availability',
            displayName: 'Checkout availability',
            description: '99.9% of checkout API requests succeed over 28 days',
            service: 'checkout',
            labels: { team: 'payments' },
            indicator: {
              type: 'ratio',
              total: 'http_requests_total{job="checkout-api"}',
              bad: 'http_requests_total{job="checkout-api",code=~"5.."}',
              groupBy: [],
            },
            objectives: [{ target: '0.999', window: DAYS_28, displayName: 'Available' }],
            alerting: {
              enabled: true,
              labels: {},
              burnRates: [
                { severity: 'page', longWindow: '1h', shortWindow: '5m', factor: '14.4' },
                { severity: 'ticket', longWindow: '3d', shortWindow: '6h', factor: '1' },
              ],
              noDataFor: '1h',
            },
            annotations: { runbook: 'https://runbooks.example.com/checkout/availability' },
          },
        },
        {
          format: 'openslo',
          document: 7,
          slo: {
            name: 'checkout-latency',
            uid: 'checkout-latency',
            service: 'checkout',
            labels: { team: 'payments' },
            indicator: {
              type: 'latency',
              histogram: 'http_request_duration_seconds{job="checkout-api"}',
              threshold: '0.5',
              native: false,
              groupBy: [],
            },
            objectives: [{ target: '0.99', window: { kind: 'calendar', unit: 'month' } }],
            alerting: { enabled: true, labels: {} },
            annotations: {},
          },
        },
        {
          format: 'openslo',
          document: 8,
          slo: {
            name: 'order-export-freshness',
            uid: 'order-export-freshness',
            description: 'The order export ran in the last hour',
            service: 'checkout',
            labels: {},
            indicator: {
              type: 'threshold',
              expr: 'time() - order_export_last_success_timestamp_seconds',
              operator: '<=',
              threshold: '3600',
              groupBy: [],
            },
            objectives: [{ target: '0.99', window: rolling('7d', 7 * 86400) }],
            alerting: { enabled: true, labels: {} },
            annotations: {},
          },
        },
      ],
      issues: [
        {
          path: 'spec.notificationTargets',
          message:
            'not imported: route the alerts by their labels (severity, slo, service, team) in Alertmanager or Grafana',
          severity: 'warning',
          document: 4,
          slo: 'checkout-availability',
        },
        {
          path: 'spec.condition.alertAfter',
          message:
            'ignored: a Burnrate alert fires once both its long and short windows burn, which already asks the burn to last',
          severity: 'warning',
          document: 3,
          slo: 'checkout-availability',
        },
        {
          path: 'spec.condition.lookbackWindow',
          message:
            'OpenSLO gives one window; Burnrate also checks a short window of 1/12 of it (5m for 1h, as the SRE workbook does) so that alerts resolve soon after the burn stops',
          severity: 'warning',
          document: 3,
          slo: 'checkout-availability',
        },
      ],
    });
  });
});

describe('OpenSLO import: cases', () => {
  it.each<{ name: string; change: (doc: Doc) => void; others?: unknown[]; slo?: Slo; issues: FileIssue[] }>([
    {
      name: 'the base document',
      change: () => undefined,
      slo: BASE_SLO,
      issues: [],
    },
    {
      name: 'targetPercent 99.95 is exactly 0.9995',
      change: (doc) => {
        doc.spec.objectives = [{ targetPercent: 99.95 }];
      },
      slo: { ...BASE_SLO, objectives: [{ target: '0.9995', window: DAYS_30 }] },
      issues: [],
    },
    {
      name: 'target and targetPercent together',
      change: (doc) => {
        doc.spec.objectives = [{ target: 0.99, targetPercent: 99 }];
      },
      issues: [issue('spec.objectives[0].targetPercent', 'give target (0.999) or targetPercent (99.9), not both')],
    },
    {
      name: 'a target written as a percentage',
      change: (doc) => {
        doc.spec.objectives = [{ target: 99.9 }];
      },
      issues: [
        issue(
          'spec.objectives[0].target',
          'must be a ratio between 0 and 1 (exclusive), got 99.9. Did you mean "99.9%" (0.999)?'
        ),
      ],
    },
    {
      name: 'several objectives: the first is kept',
      change: (doc) => {
        doc.spec.objectives = [{ target: 0.999, displayName: 'Three nines' }, { target: 0.99 }, { target: 0.999 }];
      },
      slo: { ...BASE_SLO, objectives: [{ target: '0.999', window: DAYS_30, displayName: 'Three nines' }] },
      issues: [
        issue(
          'spec.objectives[1]',
          'dropped (target 0.99): an OpenSLO SLO gives all its objectives one time window, and Burnrate needs a distinct window per objective, so only objectives[0] is imported',
          'warning'
        ),
        issue('spec.objectives[2]', 'dropped: it repeats objectives[0]', 'warning'),
      ],
    },
    {
      name: 'Timeslices budgeting',
      change: (doc) => {
        doc.spec.budgetingMethod = 'Timeslices';
        doc.spec.objectives = [{ target: 0.999, timeSliceTarget: 0.95, timeSliceWindow: '1m' }];
      },
      slo: { ...BASE_SLO, timeSlices: { window: '1m', windowSeconds: 60, target: '0.95' } },
      issues: [],
    },
    {
      name: 'Timeslices budgeting without a slice window or target',
      change: (doc) => {
        doc.spec.budgetingMethod = 'Timeslices';
      },
      issues: [
        issue(
          'spec.objectives[0].timeSliceWindow',
          'is required with budgetingMethod Timeslices: the length of a slice, such as 1m'
        ),
        issue(
          'spec.objectives[0].timeSliceTarget',
          'is required with budgetingMethod Timeslices: the good ratio a slice must reach, such as 0.95'
        ),
      ],
    },
    {
      name: 'Timeslices budgeting with a slice window without a unit and a target above 1',
      change: (doc) => {
        doc.spec.budgetingMethod = 'Timeslices';
        doc.spec.objectives = [{ target: 0.999, timeSliceTarget: 95, timeSliceWindow: 60 }];
      },
      issues: [
        issue('spec.objectives[0].timeSliceWindow', 'must be a duration such as 1m: 60 has no unit'),
        issue(
          'spec.objectives[0].timeSliceTarget',
          'must be a ratio above 0 and at most 1 (or a percentage up to 100%), got 95. Did you mean "95%"?'
        ),
      ],
    },
    {
      name: 'occurrences budgeting ignores slice fields',
      change: (doc) => {
        doc.spec.objectives = [{ target: 0.999, timeSliceTarget: 0.95, timeSliceWindow: '1m' }];
      },
      slo: BASE_SLO,
      issues: [
        issue(
          'spec.objectives[0].timeSliceTarget',
          'ignored: timeSliceTarget only applies to time slice budgeting',
          'warning'
        ),
        issue(
          'spec.objectives[0].timeSliceWindow',
          'ignored: timeSliceWindow only applies to time slice budgeting',
          'warning'
        ),
      ],
    },
    {
      name: 'RatioTimeslices budgeting',
      change: (doc) => {
        doc.spec.budgetingMethod = 'RatioTimeslices';
      },
      issues: [
        issue(
          'spec.budgetingMethod',
          'RatioTimeslices is not supported: it averages the good ratio of every slice, and Burnrate counts each slice' +
            ' as good or bad; use Timeslices (a slice is good when it reaches timeSliceTarget) or Occurrences'
        ),
      ],
    },
    {
      name: 'no budgetingMethod and no timeWindow',
      change: (doc) => {
        delete doc.spec.budgetingMethod;
        delete doc.spec.timeWindow;
      },
      slo: BASE_SLO,
      issues: [
        issue('spec.budgetingMethod', 'is missing: read as Occurrences (good events over all events)', 'warning'),
        issue('spec.timeWindow', 'is missing: read as a rolling window of 30d', 'warning'),
      ],
    },
    {
      name: 'a rolling window in weeks',
      change: (doc) => {
        doc.spec.timeWindow = [{ duration: '4w', isRolling: true }];
      },
      slo: { ...BASE_SLO, objectives: [{ target: '0.999', window: DAYS_28 }] },
      issues: [],
    },
    {
      name: 'a rolling window in months',
      change: (doc) => {
        doc.spec.timeWindow = [{ duration: '1M', isRolling: true }];
      },
      issues: [
        issue(
          'spec.timeWindow[0].duration',
          'a rolling window of 1M has no fixed length: give it in days or weeks, such as 30d or 4w'
        ),
      ],
    },
    {
      name: 'a calendar week from a Monday in UTC',
      change: (doc) => {
        doc.spec.timeWindow = [
          { duration: '1w', isRolling: false, calendar: { startTime: '2025-06-02 00:00:00', timeZone: 'Etc/UTC' } },
        ];
      },
      slo: { ...BASE_SLO, objectives: [{ target: '0.999', window: { kind: 'calendar', unit: 'week' } }] },
      issues: [],
    },
    {
      name: 'a calendar month in another time zone, from mid-month',
      change: (doc) => {
        doc.spec.timeWindow = [
          { duration: '1M', calendar: { startTime: '2025-06-15 12:30:00', timeZone: 'America/New_York' } },
        ];
      },
      slo: { ...BASE_SLO, objectives: [{ target: '0.999', window: { kind: 'calendar', unit: 'month' } }] },
      issues: [
        issue(
          'spec.timeWindow[0].calendar.timeZone',
          'America/New_York is not used: Burnrate calendar months start on the 1st at 00:00 UTC',
          'warning'
        ),
        issue(
          'spec.timeWindow[0].calendar.startTime',
          '2025-06-15 12:30:00 is not used: Burnrate calendar months start on the 1st at 00:00 UTC',
          'warning'
        ),
      ],
    },
    {
      name: 'a calendar quarter',
      change: (doc) => {
        doc.spec.timeWindow = [
          { duration: '1Q', isRolling: false, calendar: { startTime: '2025-01-01 00:00:00', timeZone: 'UTC' } },
        ];
      },
      issues: [
        issue(
          'spec.timeWindow[0].duration',
          'a calendar window of 1Q is not supported: Burnrate has calendar weeks (1w) and months (1M); use a rolling window for other periods'
        ),
      ],
    },
    {
      name: 'a Datadog metric source',
      change: (doc) => {
        const metric = ratioMetric(doc);
        metric.total = {
          metricSource: { type: 'Datadog', spec: { query: 'sum:trace.http.request.hits{*}.as_count()' } },
        };
      },
      issues: [
        issue(
          'spec.indicator.spec.ratioMetric.total.metricSource.type',
          'Datadog is not supported: Burnrate reads PromQL sources (Prometheus, Mimir, Cortex, Thanos, AmazonPrometheus, VictoriaMetrics)'
        ),
      ],
    },
    {
      name: 'a metric source with no type',
      change: (doc) => {
        const metric = ratioMetric(doc);
        metric.total = { metricSource: { spec: { query: 'http_requests_total{job="api"}' } } };
      },
      slo: BASE_SLO,
      issues: [
        issue(
          'spec.indicator.spec.ratioMetric.total.metricSource.type',
          'is missing: the query is read as PromQL',
          'warning'
        ),
      ],
    },
    {
      name: 'a metricSourceRef to no DataSource, and the promql field',
      change: (doc) => {
        ratioMetric(doc).total = {
          metricSource: { metricSourceRef: 'prom-eu', spec: { promql: 'http_requests_total{job="api"}' } },
        };
      },
      slo: BASE_SLO,
      issues: [
        issue(
          'spec.indicator.spec.ratioMetric.total.metricSource.type',
          'no DataSource named "prom-eu" with a type in this file: the query is read as PromQL',
          'warning'
        ),
      ],
    },
    {
      name: 'a metricSourceRef to a CloudWatch DataSource',
      change: (doc) => {
        ratioMetric(doc).total = { metricSource: { metricSourceRef: 'cw', spec: { query: 'x' } } };
      },
      others: [
        {
          apiVersion: 'openslo/v1',
          kind: 'DataSource',
          metadata: { name: 'cw' },
          spec: { type: 'CloudWatch', connectionDetails: {} },
        },
      ],
      issues: [
        issue(
          'spec.indicator.spec.ratioMetric.total.metricSource.type',
          'CloudWatch is not supported: Burnrate reads PromQL sources (Prometheus, Mimir, Cortex, Thanos, AmazonPrometheus, VictoriaMetrics)'
        ),
      ],
    },
    {
      name: 'a rolling window with a calendar',
      change: (doc) => {
        doc.spec.timeWindow = [
          { duration: '1w', isRolling: true, calendar: { startTime: '2025-06-02 00:00:00', timeZone: 'UTC' } },
        ];
      },
      issues: [
        issue('spec.timeWindow[0].calendar', 'a rolling window (isRolling: true) has no calendar: remove one of them'),
      ],
    },
    {
      name: 'both indicator and indicatorRef',
      change: (doc) => {
        doc.spec.indicatorRef = 'api-errors';
      },
      issues: [issue('spec.indicatorRef', 'give indicator (inline) or indicatorRef, not both')],
    },
    {
      name: 'a good/total ratio of counters',
      change: (doc) => {
        const metric = ratioMetric(doc);
        delete metric.bad;
        metric.good = {
          metricSource: { type: 'thanos', spec: { query: 'grpc_server_handled_total{grpc_code="OK"}' } },
        };
        metric.total = { metricSource: { type: 'thanos', spec: { query: 'grpc_server_handled_total' } } };
      },
      slo: {
        ...BASE_SLO,
        indicator: {
          type: 'ratio',
          total: 'grpc_server_handled_total',
          good: 'grpc_server_handled_total{grpc_code="OK"}',
          groupBy: [],
        },
      },
      issues: [],
    },
    {
      name: 'bucket over count with a whole-number le regex is latency',
      change: (doc) => {
        const metric = ratioMetric(doc);
        delete metric.bad;
        metric.good = {
          metricSource: {
            type: 'Prometheus',
            spec: { query: 'rpc_duration_seconds_bucket{svc="a",le=~"1(\\\\.0)?"}' },
          },
        };
        metric.total = { metricSource: { type: 'Prometheus', spec: { query: 'rpc_duration_seconds_count{svc="a"}' } } };
      },
      slo: {
        ...BASE_SLO,
        indicator: {
          type: 'latency',
          histogram: 'rpc_duration_seconds{svc="a"}',
          threshold: '1',
          native: false,
          groupBy: [],
        },
      },
      issues: [],
    },
    {
      name: 'bucket over count with other matchers stays a ratio',
      change: (doc) => {
        const metric = ratioMetric(doc);
        delete metric.bad;
        metric.good = {
          metricSource: { type: 'Prometheus', spec: { query: 'rpc_duration_seconds_bucket{svc="a",le="0.1"}' } },
        };
        metric.total = { metricSource: { type: 'Prometheus', spec: { query: 'rpc_duration_seconds_count' } } };
      },
      slo: {
        ...BASE_SLO,
        indicator: {
          type: 'ratio',
          total: 'rpc_duration_seconds_count',
          good: 'rpc_duration_seconds_bucket{svc="a",le="0.1"}',
          groupBy: [],
        },
      },
      issues: [],
    },
    {
      name: 'rate queries are an advanced indicator, used as they are',
      change: (doc) => {
        const metric = ratioMetric(doc);
        metric.bad = {
          metricSource: {
            type: 'Prometheus',
            spec: { query: 'sum(rate(http_requests_total{code=~"5.."}[{{.window}}]))' },
          },
        };
        metric.total = {
          metricSource: { type: 'Prometheus', spec: { query: 'sum(rate(http_requests_total[{{.window}}]))' } },
        };
      },
      slo: {
        ...BASE_SLO,
        indicator: {
          type: 'advanced',
          total: 'sum(rate(http_requests_total[{{.window}}]))',
          bad: 'sum(rate(http_requests_total{code=~"5.."}[{{.window}}]))',
          groupBy: [],
        },
      },
      issues: [],
    },
    {
      name: 'a bare counter among other PromQL is rated',
      change: (doc) => {
        const metric = ratioMetric(doc);
        metric.bad = {
          metricSource: { type: 'Prometheus', spec: { query: 'sum(rate(http_requests_total{code=~"5.."}[5m]))' } },
        };
      },
      slo: {
        ...BASE_SLO,
        indicator: {
          type: 'advanced',
          total: 'rate(http_requests_total{job="api"}[{{.window}}])',
          bad: 'sum(rate(http_requests_total{code=~"5.."}[5m]))',
          groupBy: [],
        },
      },
      issues: [
        issue(
          'spec.indicator.spec.ratioMetric.total.metricSource.spec.query',
          'a counter selector among other PromQL: read as rate(http_requests_total{job="api"}[{{.window}}])',
          'warning'
        ),
      ],
    },
    {
      name: 'a counter aggregated without a range',
      change: (doc) => {
        const metric = ratioMetric(doc);
        metric.bad = { metricSource: { type: 'Prometheus', spec: { query: 'sum(http_requests_total{code=~"5.."})' } } };
        metric.total = { metricSource: { type: 'Prometheus', spec: { query: 'sum(http_requests_total)' } } };
      },
      slo: {
        ...BASE_SLO,
        indicator: {
          type: 'advanced',
          total: 'sum(http_requests_total)',
          bad: 'sum(http_requests_total{code=~"5.."})',
          groupBy: [],
        },
      },
      issues: ['total', 'bad'].map((key) =>
        issue(
          `spec.indicator.spec.ratioMetric.${key}.metricSource.spec.query`,
          'counter is true but the query reads no range: it is used as events per second as it is; if it reads a counter, write it as sum(rate(<selector>[{{.window}}]))',
          'warning'
        )
      ),
    },
    {
      name: 'counter: false selectors are used as they are',
      change: (doc) => {
        ratioMetric(doc).counter = false;
      },
      slo: { ...BASE_SLO, indicator: { ...BASE_INDICATOR, type: 'advanced' } },
      issues: [],
    },
    {
      name: 'a PromQL syntax error',
      change: (doc) => {
        ratioMetric(doc).bad = { metricSource: { type: 'Prometheus', spec: { query: 'sum(rate(x[5m])' } } };
      },
      issues: [
        issue(
          'spec.indicator.spec.ratioMetric.bad.metricSource.spec.query',
          'PromQL syntax error at character 16: the expression ends too early'
        ),
      ],
    },
    {
      name: 'a raw ratio',
      change: (doc) => {
        (doc.spec.indicator as { spec: unknown }).spec = {
          ratioMetric: {
            rawType: 'failure',
            raw: { metricSource: { type: 'Prometheus', spec: { query: 'job:errors:ratio' } } },
          },
        };
      },
      issues: [
        issue(
          'spec.indicator.spec.ratioMetric.raw',
          'a precomputed ratio is not supported: an error ratio cannot be turned back into event counts, which Burnrate sums over windows; give good or bad, and total'
        ),
      ],
    },
    {
      name: 'both good and bad',
      change: (doc) => {
        ratioMetric(doc).good = ratioMetric(doc).total;
      },
      issues: [issue('spec.indicator.spec.ratioMetric.bad', 'give exactly one of good and bad (with total)')],
    },
    {
      name: 'a threshold metric with gte',
      change: (doc) => {
        (doc.spec.indicator as { spec: unknown }).spec = {
          thresholdMetric: {
            metricSource: { type: 'Prometheus', spec: { query: 'sum(rate(records_processed_total[5m]))' } },
          },
        };
        doc.spec.objectives = [{ op: 'gte', value: 0.25, target: 0.95 }];
      },
      slo: {
        ...BASE_SLO,
        indicator: {
          type: 'threshold',
          expr: 'sum(rate(records_processed_total[5m]))',
          operator: '>=',
          threshold: '0.25',
          groupBy: [],
        },
        objectives: [{ target: '0.95', window: DAYS_30 }],
      },
      issues: [],
    },
    {
      name: 'a threshold metric without op',
      change: (doc) => {
        (doc.spec.indicator as { spec: unknown }).spec = {
          thresholdMetric: { metricSource: { type: 'Prometheus', spec: { query: 'queue_depth' } } },
        };
        doc.spec.objectives = [{ value: 100, target: 0.99 }];
      },
      issues: [
        issue(
          'spec.objectives[0].op',
          'is required with a thresholdMetric: lt, lte, gt or gte (a sample is good when it is <op> value)'
        ),
      ],
    },
    {
      name: 'op and value on a ratio SLI',
      change: (doc) => {
        doc.spec.objectives = [{ target: 0.999, op: 'lte', value: 1 }];
      },
      slo: BASE_SLO,
      issues: [
        issue('spec.objectives[0].op', 'ignored: op and value only apply to a thresholdMetric', 'warning'),
        issue('spec.objectives[0].value', 'ignored: op and value only apply to a thresholdMetric', 'warning'),
      ],
    },
    {
      name: 'a composite SLO',
      change: (doc) => {
        delete doc.spec.indicator;
        doc.spec.objectives = [{ target: 0.99, indicatorRef: 'a' }];
      },
      issues: [
        issue(
          'spec.objectives[0].indicatorRef',
          'composite SLOs (an indicator per objective) are not supported: import each part as its own SLO'
        ),
        issue('spec.indicator', 'is required: give indicator (inline) or indicatorRef (the name of an SLI)'),
      ],
    },
    {
      name: 'an indicatorRef to no SLI',
      change: (doc) => {
        delete doc.spec.indicator;
        doc.spec.indicatorRef = 'missing';
      },
      others: [
        {
          apiVersion: 'openslo/v1',
          kind: 'SLI',
          metadata: { name: 'other' },
          spec: { thresholdMetric: { metricSource: { spec: { query: 'x' } } } },
        },
      ],
      issues: [issue('spec.indicatorRef', 'no SLI named "missing" in this file (SLIs: other)')],
    },
    {
      name: 'labels: a list of values is joined, reserved names dropped',
      change: (doc) => {
        doc.metadata.labels = { team: ['identity', 'rbac'], service: 'api', costCentre: 'p1' };
      },
      slo: { ...BASE_SLO, labels: { team: 'identity,rbac', costCentre: 'p1' } },
      issues: [
        issue(
          'metadata.labels.team',
          'has 2 values: a Prometheus label has one, so they are joined as "identity,rbac"',
          'warning'
        ),
        issue('metadata.labels.service', 'dropped: Burnrate sets the label "service" on every rule itself', 'warning'),
      ],
    },
    {
      name: 'unknown fields are warnings',
      change: (doc) => {
        doc.spec.vendorSpecific = { x: 1 };
        doc.metadata.project = 'default';
      },
      slo: BASE_SLO,
      issues: [
        {
          path: 'metadata.project',
          message: 'unknown field "project", ignored',
          severity: 'warning',
          document: 0,
          slo: 'api-availability',
        },
        {
          path: 'spec.vendorSpecific',
          message: 'unknown field "vendorSpecific", ignored',
          severity: 'warning',
          document: 0,
          slo: 'api-availability',
        },
      ],
    },
    {
      name: 'a Service of another name in the file',
      change: () => undefined,
      others: [{ apiVersion: 'openslo/v1', kind: 'Service', metadata: { name: 'web' }, spec: {} }],
      slo: BASE_SLO,
      issues: [
        issue(
          'spec.service',
          'no Service named "api" in this file (the SLO is imported with that service name)',
          'warning'
        ),
      ],
    },
    {
      name: 'the Burnrate annotations',
      change: (doc) => {
        doc.metadata.annotations = {
          dashboard: '/d/api',
          'burnrate.dev/uid': 'api-avail-1',
          'burnrate.dev/owner': 'team-api',
          'burnrate.dev/tier': 'critical',
          'burnrate.dev/groupBy': '["cluster"]',
          'burnrate.dev/minBadEvents': '5',
          'burnrate.dev/alertLabels': '{"team":"api"}',
        };
      },
      slo: {
        ...BASE_SLO,
        uid: 'api-avail-1',
        owner: 'team-api',
        tier: 'critical',
        indicator: { ...BASE_INDICATOR, groupBy: ['cluster'] },
        alerting: { enabled: true, labels: { team: 'api' }, minBadEvents: 5 },
        annotations: { dashboard: '/d/api' },
      },
      issues: [],
    },
    {
      name: 'broken Burnrate annotations',
      change: (doc) => {
        doc.metadata.annotations = {
          'burnrate.dev/tier': 'gold',
          'burnrate.dev/burnRates': '[{"severity":"page","longWindow":"1h","shortWindow":"5m"}]',
          'burnrate.dev/groupBy': '[cluster]',
          'burnrate.dev/colour': 'red',
        };
      },
      issues: [
        issue(
          'metadata.annotations["burnrate.dev/colour"]',
          'unknown Burnrate annotation, ignored (known: uid, owner, tier, groupBy, indicator, moreObjectives, alertingEnabled, alertLabels, burnRates, minBadEvents, noDataFor, budgetPolicy, targetPhases, maintenance)',
          'warning'
        ),
        issue(
          'metadata.annotations["burnrate.dev/groupBy"]',
          expect.stringMatching(/^must be JSON: /) as unknown as string
        ),
      ],
    },
    {
      name: 'a tier annotation that is no tier',
      change: (doc) => {
        doc.metadata.annotations = { 'burnrate.dev/tier': 'gold' };
      },
      issues: [
        issue(
          'metadata.annotations["burnrate.dev/tier"]',
          'Invalid option: expected one of "critical"|"essential"|"standard"|"best_effort"'
        ),
      ],
    },
    {
      name: 'a burn rate annotation with neither factor nor budgetSpent',
      change: (doc) => {
        doc.metadata.annotations = {
          'burnrate.dev/burnRates': '[{"severity":"page","longWindow":"1h","shortWindow":"5m"}]',
        };
      },
      issues: [
        issue('metadata.annotations["burnrate.dev/burnRates"][0].factor', 'give exactly one of factor and budgetSpent'),
      ],
    },
    {
      name: 'a budget policy annotation with a misspelt action',
      change: (doc) => {
        doc.metadata.annotations = { 'burnrate.dev/budgetPolicy': '{"exhausted":["freeze-features","frezee"]}' };
      },
      issues: [
        issue(
          'metadata.annotations["burnrate.dev/budgetPolicy"].exhausted[1]',
          'unknown action "frezee"; known: watch-burn, release-review, investigate, reliability-sprint, freeze-features, postmortem-required, escalate'
        ),
      ],
    },
    {
      name: 'a budget policy annotation',
      change: (doc) => {
        doc.metadata.annotations = {
          'burnrate.dev/budgetPolicy': '{"warning":["reliability-sprint"],"notes":{"warning":"Plan it on Monday."}}',
        };
      },
      issues: [],
      slo: {
        ...BASE_SLO,
        budgetPolicy: { actions: { warning: ['reliability-sprint'] }, notes: { warning: 'Plan it on Monday.' } },
      },
    },
    {
      name: 'an extra objective annotation with a bad window',
      change: (doc) => {
        doc.metadata.annotations = { 'burnrate.dev/moreObjectives': '[{"target":0.99,"window":"7x"}]' };
      },
      issues: [
        issue(
          'metadata.annotations["burnrate.dev/moreObjectives"][0].window',
          'must be a duration such as 7d, 28d or 30d, or "week" or "month" for a calendar window; got "7x"'
        ),
      ],
    },
  ])('$name', ({ change, others, slo, issues }) => {
    const doc = baseSlo();
    change(doc);
    const result = load([doc, ...(others ?? [])]);
    expect(result.issues).toEqual(issues);
    expect(result.slos).toEqual(slo ? [{ slo, format: 'openslo', document: 0 }] : []);
  });
});

describe('OpenSLO import: alert policies', () => {
  const policy = (conditions: unknown[], extra: Record<string, unknown> = {}) => ({
    kind: 'AlertPolicy',
    metadata: { name: 'burn' },
    spec: { alertWhenBreaching: true, conditions, ...extra },
  });
  const condition = (severity: string, op: string, threshold: number, lookbackWindow: string) => ({
    kind: 'AlertCondition',
    metadata: { name: `c-${lookbackWindow}` },
    spec: { severity, condition: { kind: 'burnrate', op, threshold, lookbackWindow } },
  });
  const SHORT_WINDOW_NOTE =
    'OpenSLO gives one window; Burnrate also checks a short window of 1/12 of it (5m for 1h, as the SRE workbook does) so that alerts resolve soon after the burn stops';

  it.each<{ name: string; policies: unknown[]; others?: unknown[]; alerting?: Slo['alerting']; issues: FileIssue[] }>([
    {
      name: 'the workbook alerts, inline',
      policies: [
        policy([condition('page', 'gt', 14.4, '1h')]),
        policy([condition('critical', 'gte', 6, '6h')]),
        policy([condition('ticket', 'gt', 3, '1d')]),
      ],
      alerting: {
        enabled: true,
        labels: {},
        burnRates: [
          { severity: 'page', longWindow: '1h', shortWindow: '5m', factor: '14.4' },
          { severity: 'page', longWindow: '6h', shortWindow: '30m', factor: '6' },
          { severity: 'ticket', longWindow: '1d', shortWindow: '2h', factor: '3' },
        ],
      },
      issues: [
        issue('spec.alertPolicies[0].spec.conditions[0].spec.condition.lookbackWindow', SHORT_WINDOW_NOTE, 'warning'),
        issue(
          'spec.alertPolicies[1].spec.conditions[0].spec.severity',
          '"critical" read as page (Burnrate severities are page and ticket)',
          'warning'
        ),
      ],
    },
    {
      name: 'a condition with op lte is dropped',
      policies: [policy([condition('page', 'lte', 2, '1h')])],
      alerting: { enabled: true, labels: {} },
      issues: [
        issue(
          'spec.alertPolicies[0].spec.conditions[0].spec.condition.op',
          'condition not imported: op lte alerts while the burn rate is below the threshold, and Burnrate alerts when it is above (gt, gte)',
          'warning'
        ),
        issue(
          'spec.alertPolicies',
          'no burn-rate condition could be imported: the default burn-rate alerts apply',
          'warning'
        ),
      ],
    },
    {
      name: 'a policy that never alerts on breach',
      policies: [policy([condition('page', 'gt', 14.4, '1h')], { alertWhenBreaching: false })],
      alerting: { enabled: true, labels: {} },
      issues: [
        issue(
          'spec.alertPolicies[0].spec.alertWhenBreaching',
          'is false: the policy raises no burn-rate alert, so it is not imported',
          'warning'
        ),
        issue(
          'spec.alertPolicies',
          'no burn-rate condition could be imported: the default burn-rate alerts apply',
          'warning'
        ),
      ],
    },
    {
      name: 'an unknown severity and a no-data policy',
      policies: [policy([condition('sev3', 'gt', 2, '2h')], { alertWhenNoData: true, alertWhenResolved: true })],
      alerting: {
        enabled: true,
        labels: {},
        burnRates: [{ severity: 'ticket', longWindow: '2h', shortWindow: '10m', factor: '2' }],
        noDataFor: '2h',
      },
      issues: [
        issue(
          'spec.alertPolicies[0].spec.alertWhenResolved',
          'ignored: resolved notifications are set in Alertmanager or Grafana',
          'warning'
        ),
        issue('spec.alertPolicies[0].spec.conditions[0].spec.condition.lookbackWindow', SHORT_WINDOW_NOTE, 'warning'),
        issue(
          'spec.alertPolicies[0].spec.conditions[0].spec.severity',
          '"sev3" read as ticket (Burnrate severities are page and ticket)',
          'warning'
        ),
      ],
    },
    {
      name: 'a reference to no policy',
      policies: [{ alertPolicyRef: 'nope' }],
      issues: [issue('spec.alertPolicies[0].alertPolicyRef', 'no AlertPolicy named "nope" in this file')],
    },
    {
      name: 'a referenced policy with a referenced condition',
      policies: [{ alertPolicyRef: 'shared' }],
      others: [
        {
          apiVersion: 'openslo/v1',
          kind: 'AlertPolicy',
          metadata: { name: 'shared' },
          spec: { conditions: [{ conditionRef: 'fast' }] },
        },
        {
          apiVersion: 'openslo/v1',
          kind: 'AlertCondition',
          metadata: { name: 'fast' },
          spec: {
            severity: 'page',
            condition: { kind: 'burnrate', op: 'gte', threshold: 14.4, lookbackWindow: '1h', alertAfter: '0m' },
          },
        },
      ],
      alerting: {
        enabled: true,
        labels: {},
        burnRates: [{ severity: 'page', longWindow: '1h', shortWindow: '5m', factor: '14.4' }],
      },
      issues: [{ ...issue('spec.condition.lookbackWindow', SHORT_WINDOW_NOTE, 'warning'), document: 2 }],
    },
    {
      name: 'a burnRates annotation wins over the policies',
      policies: [policy([condition('page', 'gt', 14.4, '1h')])],
      alerting: {
        enabled: true,
        labels: {},
        burnRates: [{ severity: 'page', longWindow: '2h', shortWindow: '10m', budgetSpent: '0.05' }],
      },
      issues: [
        issue('spec.alertPolicies', 'not imported: the burnrate.dev/burnRates annotation gives the alerts', 'warning'),
      ],
    },
  ])('$name', ({ name, policies, others, alerting, issues }) => {
    const doc = baseSlo();
    doc.spec.alertPolicies = policies;
    if (name.startsWith('a burnRates annotation')) {
      doc.metadata.annotations = {
        'burnrate.dev/burnRates': '[{"severity":"page","longWindow":"2h","shortWindow":"10m","budgetSpent":"5%"}]',
      };
    }
    const result = load([doc, ...(others ?? [])]);
    expect(result.issues).toEqual(issues);
    expect(result.slos).toEqual(alerting ? [{ slo: { ...BASE_SLO, alerting }, format: 'openslo', document: 0 }] : []);
  });
});

describe('OpenSLO export', () => {
  it('writes a Service and an SLO with the indicator inline and Burnrate fields as annotations', () => {
    const slo: Slo = {
      name: 'checkout-latency',
      uid: 'checkout-latency-v1',
      displayName: 'Checkout latency',
      service: 'checkout',
      description: 'Checkout requests under 500ms',
      owner: 'payments',
      tier: 'essential',
      labels: { team: 'payments' },
      indicator: {
        type: 'latency',
        histogram: 'http_request_duration_seconds{job="checkout"}',
        threshold: '0.5',
        native: false,
        groupBy: ['route'],
      },
      objectives: [{ target: '0.99', window: DAYS_28, displayName: 'Fast' }],
      alerting: { enabled: true, labels: { channel: 'payments' }, minBadEvents: 3, noDataFor: '30m' },
      annotations: { runbook: 'https://runbooks.example.com/checkout' },
    };
    expect(toOpenSloDocuments(slo)).toEqual([
      { apiVersion: 'openslo/v1', kind: 'Service', metadata: { name: 'checkout' }, spec: {} },
      {
        apiVersion: 'openslo/v1',
        kind: 'SLO',
        metadata: {
          name: 'checkout-latency',
          displayName: 'Checkout latency',
          labels: { team: 'payments' },
          annotations: {
            runbook: 'https://runbooks.example.com/checkout',
            'burnrate.dev/uid': 'checkout-latency-v1',
            'burnrate.dev/owner': 'payments',
            'burnrate.dev/tier': 'essential',
            'burnrate.dev/groupBy': '["route"]',
            'burnrate.dev/alertLabels': '{"channel":"payments"}',
            'burnrate.dev/minBadEvents': '3',
            'burnrate.dev/noDataFor': '30m',
          },
        },
        spec: {
          description: 'Checkout requests under 500ms',
          service: 'checkout',
          indicator: {
            metadata: { name: 'checkout-latency' },
            spec: {
              ratioMetric: {
                counter: true,
                good: {
                  metricSource: {
                    type: 'Prometheus',
                    spec: { query: 'http_request_duration_seconds_bucket{job="checkout",le="0.5"}' },
                  },
                },
                total: {
                  metricSource: {
                    type: 'Prometheus',
                    spec: { query: 'http_request_duration_seconds_count{job="checkout"}' },
                  },
                },
              },
            },
          },
          timeWindow: [{ duration: '28d', isRolling: true }],
          budgetingMethod: 'Occurrences',
          objectives: [{ displayName: 'Fast', target: 0.99 }],
        },
      },
    ]);
  });
});

describe('OpenSLO round trip: import(export(slo)) is slo', () => {
  const base: Slo = {
    name: 'api-availability',
    uid: 'api-availability',
    service: 'api',
    labels: {},
    indicator: {
      type: 'ratio',
      total: 'http_requests_total{job="api"}',
      good: 'http_requests_total{job="api",code!~"5.."}',
      groupBy: [],
    },
    objectives: [{ target: '0.999', window: DAYS_30 }],
    alerting: { enabled: true, labels: {} },
    annotations: {},
  };
  it.each<{ name: string; slo: Slo }>([
    { name: 'a good/total ratio with defaults', slo: base },
    {
      name: 'a bad/total ratio with every metadata field',
      slo: {
        ...base,
        uid: 'api-avail-2019',
        displayName: 'API availability',
        description: 'Requests that do not fail',
        owner: 'team-api',
        tier: 'critical',
        labels: { team: 'api', domain: 'core' },
        indicator: {
          type: 'ratio',
          total: 'http_requests_total{job="api",route!="/health"}',
          bad: 'http_requests_total{job="api",route!="/health",code=~"5.."}',
          groupBy: ['route', 'method'],
        },
        annotations: { runbook: 'https://runbooks.example.com/api', dashboard: '/d/api-slo', team_channel: '#api' },
      },
    },
    {
      name: 'custom burn rates with factor and budgetSpent, alert labels, low-traffic guard and no-data alert',
      slo: {
        ...base,
        alerting: {
          enabled: true,
          labels: { team: 'api', pager: 'primary' },
          burnRates: [
            { severity: 'page', longWindow: '1h', shortWindow: '5m', factor: '14.4' },
            { severity: 'page', longWindow: '6h', shortWindow: '30m', budgetSpent: '0.05' },
            { severity: 'ticket', longWindow: '3d', shortWindow: '6h', factor: '1' },
          ],
          minBadEvents: 10,
          noDataFor: '15m',
        },
      },
    },
    {
      name: 'alerting off, with no burn rates',
      slo: { ...base, alerting: { enabled: false, labels: {}, burnRates: [] } },
    },
    {
      name: 'a classic latency SLO over a calendar week',
      slo: {
        ...base,
        indicator: {
          type: 'latency',
          histogram: 'http_request_duration_seconds{job="api"}',
          threshold: '0.25',
          native: false,
          groupBy: [],
        },
        objectives: [{ target: '0.95', window: { kind: 'calendar', unit: 'week' } }],
      },
    },
    {
      name: 'a latency threshold on a whole number of seconds',
      slo: {
        ...base,
        indicator: {
          type: 'latency',
          histogram: 'job_duration_seconds',
          threshold: '2',
          native: false,
          groupBy: ['queue'],
        },
      },
    },
    {
      name: 'a native histogram over a calendar month',
      slo: {
        ...base,
        indicator: {
          type: 'latency',
          histogram: 'rpc_duration_seconds{service="cart"}',
          threshold: '0.1',
          native: true,
          groupBy: [],
        },
        objectives: [{ target: '0.99', window: { kind: 'calendar', unit: 'month' } }],
      },
    },
    {
      name: 'a latency histogram written unusually',
      slo: {
        ...base,
        indicator: {
          type: 'latency',
          histogram: "http_request_duration_seconds{ job = 'api' }",
          threshold: '0.5',
          native: false,
          groupBy: [],
        },
      },
    },
    {
      name: 'a freshness threshold',
      slo: {
        ...base,
        indicator: {
          type: 'threshold',
          expr: 'time() - pipeline_last_success_timestamp_seconds',
          operator: '<',
          threshold: '3600',
          groupBy: ['pipeline'],
        },
        objectives: [{ target: '0.99', window: rolling('7d', 7 * 86400) }],
      },
    },
    {
      name: 'a throughput threshold with a decimal floor',
      slo: {
        ...base,
        indicator: {
          type: 'threshold',
          expr: 'sum(rate(records_total[5m]))',
          operator: '>=',
          threshold: '12.75',
          groupBy: [],
        },
      },
    },
    {
      name: 'advanced PromQL with the window placeholder',
      slo: {
        ...base,
        indicator: {
          type: 'advanced',
          total: 'sum by (cluster) (rate(requests_total[{{.window}}]))',
          bad: 'sum by (cluster) (rate(requests_total{status="error"}[{{.window}}]))',
          groupBy: ['cluster'],
        },
      },
    },
    {
      name: 'advanced PromQL that is a plain selector',
      slo: {
        ...base,
        indicator: { type: 'advanced', total: 'job:requests:rate5m', good: 'job:requests_ok:rate5m', groupBy: [] },
      },
    },
    {
      name: 'a ratio over histogram buckets',
      slo: {
        ...base,
        indicator: { type: 'ratio', total: 'h_count', good: 'h_bucket{le="0.5"}', groupBy: [] },
      },
    },
    {
      name: 'several objectives with their own windows',
      slo: {
        ...base,
        objectives: [
          { target: '0.999', window: DAYS_30, displayName: 'Monthly' },
          { target: '0.99', window: rolling('7d', 7 * 86400), displayName: 'Weekly' },
          { target: '0.9995', window: { kind: 'calendar', unit: 'month' } },
        ],
      },
    },
    {
      name: 'an error budget policy with a note',
      slo: {
        ...base,
        budgetPolicy: {
          actions: { healthy: [], warning: ['release-review'], exhausted: ['freeze-features', 'postmortem-required'] },
          notes: { exhausted: 'Only fixes ship.' },
        },
      },
    },
    { name: 'an empty error budget policy', slo: { ...base, budgetPolicy: { actions: {}, notes: {} } } },
    {
      name: 'a rolling window of a day and a half',
      slo: { ...base, objectives: [{ target: '0.9', window: rolling('1d12h', 36 * 3600) }] },
    },
  ])('$name', ({ slo }) => {
    const result = loadSloDocuments(exportSlos([slo], 'openslo'));
    expect(result.issues).toEqual([]);
    expect(result.slos).toEqual([{ slo, format: 'openslo', document: 1 }]);
  });

  it('reads the queries when they were changed after export', () => {
    const slo: Slo = {
      ...base,
      indicator: { type: 'latency', histogram: 'rpc_seconds', threshold: '0.1', native: true, groupBy: [] },
    };
    const [, doc] = toOpenSloDocuments(slo);
    const edited = JSON.parse(JSON.stringify(doc));
    edited.spec.indicator.spec.ratioMetric.total.metricSource.spec.query =
      'histogram_count(rate(rpc_seconds{zone="a"}[{{.window}}]))';
    const result = load([edited]);
    expect(result.issues).toEqual([
      issue(
        'metadata.annotations["burnrate.dev/indicator"]',
        'ignored: the queries were changed since it was written, so the indicator is read from the queries',
        'warning'
      ),
    ]);
    expect(result.slos[0].slo.indicator).toEqual({
      type: 'advanced',
      total: 'histogram_count(rate(rpc_seconds{zone="a"}[{{.window}}]))',
      good: 'histogram_fraction(0, 0.1, rate(rpc_seconds[{{.window}}])) * histogram_count(rate(rpc_seconds[{{.window}}]))',
      groupBy: [],
    });
  });
});
