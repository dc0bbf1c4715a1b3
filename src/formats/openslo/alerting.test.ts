import type { Slo } from '../../slo/types';
import { BASE_SLO, baseSlo, issue, load } from '../../testing/openSlo';
import type { FileIssue } from '../load';

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
      name: 'a condition with op lte is refused, with the reason',
      policies: [policy([condition('page', 'lte', 2, '1h')])],
      issues: [
        issue(
          'spec.alertPolicies[0].spec.conditions[0].spec.condition.op',
          'is lte: a burn-rate condition alerts while the error budget burns faster than the threshold; lte would alert while the service is healthy (no errors is a burn rate of 0). Write op: gt (or gte)'
        ),
      ],
    },
    {
      name: 'alertAfter becomes the for: of the alert',
      policies: [
        policy([
          {
            kind: 'AlertCondition',
            metadata: { name: 'fast' },
            spec: {
              severity: 'page',
              condition: { kind: 'burnrate', op: 'gt', threshold: 14.4, lookbackWindow: '1h', alertAfter: '5m' },
            },
          },
        ]),
      ],
      alerting: {
        enabled: true,
        labels: {},
        burnRates: [{ severity: 'page', longWindow: '1h', shortWindow: '5m', factor: '14.4', for: '5m' }],
      },
      issues: [
        issue('spec.alertPolicies[0].spec.conditions[0].spec.condition.lookbackWindow', SHORT_WINDOW_NOTE, 'warning'),
      ],
    },
    {
      name: 'an alertAfter that is not a duration',
      policies: [
        policy([
          {
            kind: 'AlertCondition',
            metadata: { name: 'fast' },
            spec: {
              severity: 'page',
              condition: { kind: 'burnrate', op: 'gt', threshold: 14.4, lookbackWindow: '1h', alertAfter: 'soon' },
            },
          },
        ]),
      ],
      issues: [
        issue(
          'spec.alertPolicies[0].spec.conditions[0].spec.condition.alertAfter',
          'must be a duration such as 5m, got "soon"'
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
