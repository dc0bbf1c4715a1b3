import { readFileSync } from 'fs';
import { join } from 'path';
import YAML from 'yaml';
import type { Slo } from '../slo/types';
import { loadSloDocuments, type FileIssue } from './load';
import { pyrraAbsentSeconds } from './pyrra';

const fixture = (name: string) => readFileSync(join(__dirname, 'testdata', name), 'utf8');
const rolling = (duration: string, days: number) => ({ kind: 'rolling' as const, duration, seconds: days * 86400 });

describe('Pyrra ServiceLevelObjective', () => {
  it('reads ratio, latency and native latency SLOs of a real-world file', () => {
    expect(loadSloDocuments(fixture('pyrra-shop.yaml'))).toEqual({
      slos: [
        {
          format: 'pyrra',
          document: 0,
          slo: {
            name: 'frontend-errors',
            uid: 'shop-frontend-errors',
            service: 'frontend',
            description: 'Frontend requests that do not fail with a 5xx.',
            labels: { team: 'storefront' },
            indicator: {
              type: 'ratio',
              total: 'http_requests_total{job="frontend"}',
              bad: 'http_requests_total{job="frontend",code=~"5.."}',
              groupBy: ['route'],
            },
            objectives: [{ target: '0.995', window: rolling('14d', 14) }],
            alerting: { enabled: true, labels: {}, absent: { for: '3m', severity: 'page' } },
            annotations: { runbook: 'https://runbooks.example.com/shop/frontend-errors' },
          },
        },
        {
          format: 'pyrra',
          document: 1,
          slo: {
            name: 'frontend-latency',
            uid: 'shop-frontend-latency',
            service: 'shop-frontend',
            labels: {},
            indicator: {
              type: 'latency',
              histogram: 'http_request_duration_seconds{job="frontend"}',
              threshold: '0.25',
              native: false,
              groupBy: [],
            },
            objectives: [{ target: '0.95', window: rolling('28d', 28) }],
            alerting: { enabled: true, labels: {} },
            annotations: {},
          },
        },
        {
          format: 'pyrra',
          document: 2,
          slo: {
            name: 'checkout-latency-native',
            uid: 'checkout-latency-native',
            service: 'checkout',
            labels: {},
            indicator: {
              type: 'latency',
              histogram: 'rpc_server_duration_seconds{service="checkout"}',
              threshold: '0.5',
              native: true,
              groupBy: ['method'],
            },
            objectives: [{ target: '0.99', window: rolling('28d', 28) }],
            alerting: { enabled: false, labels: {} },
            annotations: {},
          },
        },
      ],
      issues: [],
    });
  });
});

describe('Pyrra: cases', () => {
  const doc = (spec: Record<string, unknown>, metadata: Record<string, unknown> = {}) =>
    YAML.stringify({
      apiVersion: 'pyrra.dev/v1alpha1',
      kind: 'ServiceLevelObjective',
      metadata: { name: 'api-errors', ...metadata },
      spec: {
        target: '99.9',
        window: '30d',
        indicator: {
          ratio: { errors: { metric: 'requests_total{code=~"5.."}' }, total: { metric: 'requests_total' } },
        },
        ...spec,
      },
    });
  const base: Slo = {
    name: 'api-errors',
    uid: 'api-errors',
    service: 'api-errors',
    labels: {},
    indicator: { type: 'ratio', total: 'requests_total', bad: 'requests_total{code=~"5.."}', groupBy: [] },
    objectives: [{ target: '0.999', window: rolling('30d', 30) }],
    alerting: { enabled: true, labels: {}, absent: { for: '3m', severity: 'page' } },
    annotations: {},
  };
  const issue = (path: string, message: string, severity: FileIssue['severity'] = 'error'): FileIssue => ({
    path,
    message,
    severity,
    document: 0,
    slo: 'api-errors',
  });

  it.each<{ name: string; text: string; slo?: Slo; issues: FileIssue[] }>([
    { name: 'a minimal SLO, with the absent alert on', text: doc({}), slo: base, issues: [] },
    {
      name: 'the service from the app label, labels and annotations from the pyrra.dev ones',
      text: doc(
        {},
        {
          namespace: 'monitoring',
          labels: { app: 'api', 'pyrra.dev/team': 'platform', 'pyrra.dev/severity': 'x', release: 'prod' },
          annotations: { 'pyrra.dev/dashboard': '/d/api', 'pyrra.dev/summary': 'API errors' },
        }
      ),
      slo: {
        ...base,
        uid: 'monitoring-api-errors',
        service: 'api',
        labels: { team: 'platform' },
        annotations: { dashboard: '/d/api', summary: 'API errors' },
      },
      issues: [
        issue(
          'metadata.labels.pyrra.dev/severity',
          'dropped: Burnrate sets the label "severity" on every rule itself',
          'warning'
        ),
      ],
    },
    {
      name: 'alerting disabled',
      text: doc({ alerting: { disabled: true, name: 'ApiErrorBudgetBurn' } }),
      slo: { ...base, alerting: { enabled: false, labels: {} } },
      issues: [
        issue(
          'spec.alerting.name',
          'not kept: Burnrate names its alerts itself and tells SLOs apart by the slo label',
          'warning'
        ),
      ],
    },
    {
      name: 'no burn-rate alerts and no absent alert',
      text: doc({ alerting: { burnrates: false, absent: false } }),
      slo: { ...base, alerting: { enabled: false, labels: {} } },
      issues: [],
    },
    {
      name: 'burn-rate severities are not kept',
      text: doc({ alerting: { severities: { fastBurn: 'page' } } }),
      slo: base,
      issues: [
        issue(
          'spec.alerting.severities.fastBurn',
          'not kept: Burnrate alerts carry severity="page" (fast burns) or "ticket" (slow burns)',
          'warning'
        ),
      ],
    },
    {
      name: 'the absent severity warning tickets',
      text: doc({ alerting: { severities: { absent: 'warning' } } }),
      slo: { ...base, alerting: { enabled: true, labels: {}, absent: { for: '3m', severity: 'ticket' } } },
      issues: [],
    },
    {
      name: "an absent severity Burnrate has not pages, as Pyrra's default",
      text: doc({ alerting: { severities: { absent: 'info' } } }),
      slo: base,
      issues: [
        issue(
          'spec.alerting.severities.absent',
          '"info" is not kept: the absent alert pages, as Pyrra\'s default critical does',
          'warning'
        ),
      ],
    },
    {
      name: 'no burn-rate alerts, the absent alert kept',
      text: doc({ alerting: { burnrates: false } }),
      slo: { ...base, alerting: { enabled: true, labels: {}, burnRates: [], absent: { for: '3m', severity: 'page' } } },
      issues: [],
    },
    {
      name: 'a target written as a ratio',
      text: doc({ target: '0.99' }),
      slo: {
        ...base,
        objectives: [{ target: '0.0099', window: rolling('30d', 30) }],
        alerting: { ...base.alerting, absent: { for: '14h49m', severity: 'page' } },
      },
      issues: [issue('spec.target', 'is a percentage: 0.99 means 0.99%; for 99% write "99"', 'warning')],
    },
    {
      name: 'a target that is not a number',
      text: doc({ target: 'high' }),
      issues: [issue('spec.target', 'must be a percentage such as "99.5", got "high"')],
    },
    {
      name: 'a latency indicator whose total has other matchers is a ratio',
      text: doc({
        indicator: {
          latency: {
            success: { metric: 'http_duration_seconds_bucket{job="api",le="1"}' },
            total: { metric: 'http_duration_seconds_count{job="api",code="200"}' },
          },
        },
      }),
      slo: {
        ...base,
        indicator: {
          type: 'ratio',
          total: 'http_duration_seconds_count{job="api",code="200"}',
          good: 'http_duration_seconds_bucket{job="api",le="1"}',
          groupBy: [],
        },
      },
      issues: [
        issue(
          'spec.indicator.latency',
          'read as a ratio of good (success) over total events: the success and total metrics have different matchers (besides le), so it is not a Burnrate latency indicator',
          'warning'
        ),
      ],
    },
    {
      name: 'a ratio metric that is not a selector',
      text: doc({
        indicator: { ratio: { errors: { metric: 'sum(errors_total)' }, total: { metric: 'requests_total' } } },
      }),
      issues: [
        issue(
          'spec.indicator.ratio.errors.metric',
          'expected a series selector such as metric_name{label="value"}, got an aggregation in "sum(errors_total)"'
        ),
      ],
    },
    {
      name: 'two indicators',
      text: doc({
        indicator: {
          ratio: { errors: { metric: 'a' }, total: { metric: 'b' } },
          latencyNative: { total: { metric: 'c' }, latency: '1s' },
        },
      }),
      issues: [issue('spec.indicator', 'give only one of ratio, latencyNative')],
    },
    {
      name: 'a native latency that is not a duration',
      text: doc({ indicator: { latencyNative: { total: { metric: 'rpc_seconds' }, latency: '0.5' } } }),
      issues: [issue('spec.indicator.latencyNative.latency', 'must be a duration such as 100ms or 1s, got "0.5"')],
    },
    {
      name: 'a window too short',
      text: doc({ window: '5m' }),
      issues: [issue('spec.window', 'a window of 5m is too short for an SLO: use at least 1h (usually 7d to 30d)')],
    },
    {
      name: 'rule tuning fields and status are accepted',
      text: doc({ performanceOverAccuracy: true, partial_response_strategy: 'warn' }),
      slo: base,
      issues: [
        issue(
          'spec.partial_response_strategy',
          'ignored: it tunes the rules Pyrra generates; Burnrate generates its own',
          'warning'
        ),
        issue(
          'spec.performanceOverAccuracy',
          'ignored: it tunes the rules Pyrra generates; Burnrate generates its own',
          'warning'
        ),
      ],
    },
  ])('$name', ({ text, slo, issues }) => {
    const result = loadSloDocuments(text);
    expect(result.issues).toEqual(issues);
    expect(result.slos).toEqual(slo ? [{ slo, format: 'pyrra', document: 0 }] : []);
  });
});

describe('pyrraAbsentSeconds (Pyrra absent alert duration)', () => {
  it.each([
    { name: '99.9% over 30d', days: 30, target: '0.999', want: 3 * 60 },
    { name: '99% over 28d', days: 28, target: '0.99', want: 10 * 60 },
    { name: '99.5% over 14d', days: 14, target: '0.995', want: 3 * 60 },
    { name: '95% over 28d', days: 28, target: '0.95', want: 44 * 60 },
    { name: '99.99% over 7d: at least a minute', days: 7, target: '0.9999', want: 60 },
  ])('$name: $want s', ({ days, target, want }) => {
    expect(pyrraAbsentSeconds(days * 86400, target)).toBe(want);
  });
});
