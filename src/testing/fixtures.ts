import type { MaintenanceWindow, Slo } from '../slo/types';
import type { StoredSlo } from '../api/sloStore';
import { sloToDashboard, sloToYaml } from '../storage/sloDashboard';

/** A valid ratio SLO for tests of the UI and the API layer. */
export function makeSlo(overrides: Partial<Slo> = {}): Slo {
  return {
    name: 'checkout-availability',
    uid: 'checkout-availability',
    displayName: 'Checkout availability',
    service: 'checkout',
    owner: 'team-payments',
    tier: 'critical',
    labels: {},
    indicator: {
      type: 'ratio',
      total: 'http_requests_total{job="checkout"}',
      bad: 'http_requests_total{job="checkout",code=~"5.."}',
      groupBy: [],
    },
    objectives: [{ target: '0.999', window: { kind: 'rolling', duration: '30d', seconds: 2592000 } }],
    alerting: { enabled: true, labels: {} },
    annotations: { runbook: 'https://runbooks.example.com/checkout' },
    ...overrides,
  };
}

/** makeSlo() as the store returns it: version 3, and a user who may save and delete it. */
export function makeStoredSlo(overrides: Partial<StoredSlo> = {}): StoredSlo {
  const slo = makeSlo();
  return {
    kind: 'ok',
    slo,
    yaml: sloToYaml(slo),
    dashboardUid: 'slo-checkout-availability',
    dashboard: sloToDashboard(slo),
    version: 3,
    canSave: true,
    canEdit: true,
    canDelete: true,
    provisioned: false,
    ...overrides,
  };
}

/** A maintenance window from its start and end in UTC ("2026-12-06T02:00:00Z"). */
export function makeMaintenanceWindow(
  start: string,
  end: string,
  options: { reason?: string; repeat?: 'weekly' } = {}
): MaintenanceWindow {
  return {
    start,
    end,
    startSeconds: Date.parse(start) / 1000,
    endSeconds: Date.parse(end) / 1000,
    reason: options.reason ?? 'Planned work',
    ...(options.repeat && { repeat: options.repeat }),
  };
}
