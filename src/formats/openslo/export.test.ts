import type { Slo } from '../../slo/types';
import { DAYS_28, DAYS_30, issue, load, rolling } from '../../testing/openSlo';
import { exportSlos } from '../export';
import { loadSloDocuments } from '../load';
import { toOpenSloDocuments } from './export';

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
      name: 'the alerts on the budget itself',
      slo: {
        ...base,
        alerting: {
          enabled: true,
          labels: {},
          budgetLeft: { below: '0.25', severity: 'page' },
          exhaustion: { within: '3d', burnWindow: '12h', severity: 'ticket', whenLeftBelow: '0.9' },
        },
      },
    },
    {
      name: "Pyrra's absent alert and Sloth's labels and annotations per severity",
      slo: {
        ...base,
        alerting: {
          enabled: true,
          labels: {},
          absent: { for: '3m', severity: 'page' },
          perSeverity: {
            page: { labels: { route: 'pager' }, annotations: { summary: 'API down: {{ $value }}' } },
            ticket: { labels: {}, annotations: { channel: '#api' } },
          },
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
      name: 'a draft with its owners and its last review',
      slo: {
        ...base,
        status: 'draft',
        owners: { product: 'Dana Okafor (checkout, "product")', sre: 'payments-sre' },
        review: { interval: '30d', last: { date: '2026-11-02', by: 'dana', note: 'Target holds.\nAgain in May.' } },
      },
    },
    {
      name: 'a retired SLO with one owner and a review interval only',
      slo: { ...base, status: 'retired', owners: { sre: 'search-sre' }, review: { interval: '180d' } },
    },
    {
      name: 'a rolling window of a day and a half',
      slo: { ...base, objectives: [{ target: '0.9', window: rolling('1d12h', 36 * 3600) }] },
    },
  ])('$name', ({ slo }) => {
    const result = loadSloDocuments(exportSlos([slo], 'openslo'));
    expect(result.issues).toEqual([]);
    expect(result.slos).toEqual([{ slo, format: 'openslo', document: 1 }]);
  });

  it('writes status and owners as plain annotations, the review as JSON, and exports the import byte for byte', () => {
    const slo: Slo = {
      ...base,
      status: 'draft',
      owners: { product: 'Dana Okafor', sre: 'payments-sre' },
      review: { last: { date: '2026-11-02', by: 'dana', note: 'Target holds.' } },
    };
    const [, doc] = toOpenSloDocuments(slo);
    expect(doc.kind === 'SLO' && doc.metadata.annotations).toEqual({
      'burnrate.dev/status': 'draft',
      'burnrate.dev/productOwner': 'Dana Okafor',
      'burnrate.dev/sreOwner': 'payments-sre',
      'burnrate.dev/review': '{"last":{"date":"2026-11-02","by":"dana","note":"Target holds."}}',
    });
    const text = exportSlos([slo], 'openslo');
    const again = loadSloDocuments(text).slos.map((s) => s.slo);
    expect(exportSlos(again, 'openslo')).toBe(text);
    expect(
      exportSlos(
        loadSloDocuments(exportSlos(again, 'burnrate')).slos.map((s) => s.slo),
        'openslo'
      )
    ).toBe(text);
  });

  it('names the annotation of a status or review that does not read', () => {
    const [, doc] = toOpenSloDocuments(base);
    const withAnnotations = (annotations: Record<string, string>) => {
      const edited = JSON.parse(JSON.stringify(doc));
      edited.metadata.annotations = annotations;
      return load([edited]).issues;
    };
    expect(withAnnotations({ 'burnrate.dev/status': 'paused' })).toEqual([
      issue('metadata.annotations["burnrate.dev/status"]', 'must be one of draft, active, retired'),
    ]);
    expect(withAnnotations({ 'burnrate.dev/review': '{"last":{"date":"2026-13-01","by":"dana"}}' })).toEqual([
      issue(
        'metadata.annotations["burnrate.dev/review"].last.date',
        'must be a date such as 2026-11-02, got "2026-13-01"'
      ),
    ]);
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
