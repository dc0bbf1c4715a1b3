import type { Slo } from '../../slo/types';
import { BASE_INDICATOR, BASE_SLO, baseSlo, DAYS_30, issue, load, ratioMetric, type Doc } from '../../testing/openSlo';
import type { FileIssue } from '../load';

describe('OpenSLO import: cases', () => {
  it.each<{ name: string; change: (doc: Doc) => void; others?: unknown[]; slo?: Slo; issues: FileIssue[] }>([
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
      issues: ['total', 'bad'].map((key) =>
        issue(
          'spec.indicator.spec.ratioMetric.counter',
          `is true, so bad and total are counters, but ${key}.metricSource.spec.query aggregates them without a rate: ` +
            'Burnrate cannot take the rate of a sum (counter resets). Give the bare counter selectors, or set counter: false and ' +
            'write it as sum(rate(<selector>[{{.window}}]))'
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
      name: 'a raw ratio of failures: an approximate error ratio',
      change: (doc) => {
        (doc.spec.indicator as { spec: unknown }).spec = {
          ratioMetric: {
            rawType: 'failure',
            raw: { metricSource: { type: 'Prometheus', spec: { query: 'job:errors:ratio' } } },
          },
        };
      },
      slo: { ...BASE_SLO, indicator: { type: 'errorRatio', expr: 'job:errors:ratio', groupBy: [] } },
      issues: [],
    },
    {
      name: 'a raw ratio of successes: its complement',
      change: (doc) => {
        (doc.spec.indicator as { spec: unknown }).spec = {
          ratioMetric: {
            rawType: 'success',
            raw: { metricSource: { type: 'Prometheus', spec: { query: 'job:success:ratio ' } } },
          },
        };
      },
      slo: { ...BASE_SLO, indicator: { type: 'errorRatio', expr: '1 - (job:success:ratio)', groupBy: [] } },
      issues: [],
    },
    {
      name: 'a raw ratio without its rawType',
      change: (doc) => {
        (doc.spec.indicator as { spec: unknown }).spec = {
          ratioMetric: { raw: { metricSource: { type: 'Prometheus', spec: { query: 'job:errors:ratio' } } } },
        };
      },
      issues: [
        issue(
          'spec.indicator.spec.ratioMetric.rawType',
          'is required with raw: whether the ratio is of good or of bad events'
        ),
      ],
    },
    {
      name: 'a raw ratio that does not parse',
      change: (doc) => {
        (doc.spec.indicator as { spec: unknown }).spec = {
          ratioMetric: {
            rawType: 'failure',
            raw: { metricSource: { type: 'Prometheus', spec: { query: 'sum(errors' } } },
          },
        };
      },
      issues: [
        issue(
          'spec.indicator.spec.ratioMetric.raw.metricSource.spec.query',
          'PromQL syntax error at character 11: the expression ends too early'
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
  ])('$name', ({ change, others, slo, issues }) => {
    const doc = baseSlo();
    change(doc);
    const result = load([doc, ...(others ?? [])]);
    expect(result.issues).toEqual(issues);
    expect(result.slos).toEqual(slo ? [{ slo, format: 'openslo', document: 0 }] : []);
  });
});
