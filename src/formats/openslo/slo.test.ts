import { readFileSync } from 'fs';
import { join } from 'path';
import type { Slo } from '../../slo/types';
import { BASE_INDICATOR, BASE_SLO, baseSlo, DAYS_28, issue, load, rolling, type Doc } from '../../testing/openSlo';
import { loadSloDocuments, type FileIssue } from '../load';

const fixture = (name: string) => readFileSync(join(__dirname, '..', 'testdata', name), 'utf8');

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
                { severity: 'page', longWindow: '1h', shortWindow: '5m', factor: '14.4', for: '2m' },
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
          'unknown Burnrate annotation, ignored (known: name, service, uid, target, datasourceUid, owner, tier, groupBy, indicator, moreObjectives, alertingEnabled, alertLabels, burnRates, minBadEvents, noDataFor, budgetLeftAlert, exhaustionAlert, absentAlert, severityAlerts, budgetPolicy, targetPhases, maintenance, status, productOwner, sreOwner, review)',
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
