import { makeSlo } from '../testing/fixtures';
import { identityChanges, recordedSeriesIdentities } from './seriesIdentity';

const INTERVAL = '30s';

describe('identityChanges', () => {
  const slo = makeSlo();

  it('finds no change when only the target, an annotation or the alerting changes', () => {
    const edited = makeSlo({
      objectives: [{ ...slo.objectives[0], target: '0.995' }],
      annotations: { runbook: 'https://runbooks.example.com/other' },
      alerting: { enabled: false, labels: { team: 'payments' } },
    });
    expect(identityChanges(slo, edited, INTERVAL)).toEqual([]);
  });

  it('restarts every recorded series when the uid changes', () => {
    const changes = identityChanges(slo, makeSlo({ uid: 'checkout-avail-02' }), INTERVAL);
    expect(changes.map((c) => c.record)).toEqual(recordedSeriesIdentities(slo, INTERVAL).map((s) => s.record));
    expect(changes).toHaveLength(14);
    for (const change of changes) {
      expect(change.reasons).toEqual(['label slo_uid changes from "checkout-availability" to "checkout-avail-02"']);
    }
  });

  it('restarts the series that carry an added SLO label, and only those: not the window sums', () => {
    const changes = identityChanges(slo, makeSlo({ labels: { team: 'payments' } }), INTERVAL);
    expect(changes.map((c) => c.record)).toEqual([
      'slo:events:rate5m',
      'slo:bad_events:rate5m',
      'slo:events:rate5m_sum10m',
      'slo:bad_events:rate5m_sum10m',
      'slo:objective:ratio',
      'slo:error_budget_remaining:ratio',
      'slo:events:tile',
      'slo:bad_events:tile',
    ]);
    expect(changes[0].reasons).toEqual(['label team="payments" added']);
  });

  it('names the changed service label', () => {
    const changes = identityChanges(slo, makeSlo({ service: 'payments' }), INTERVAL);
    expect(changes).toHaveLength(8);
    expect(changes[4]).toEqual({
      record: 'slo:objective:ratio',
      before: {
        record: 'slo:objective:ratio',
        labels: {
          slo: 'checkout-availability',
          slo_uid: 'checkout-availability',
          service: 'checkout',
          slo_window: '30d',
        },
        grouping: [],
      },
      after: {
        record: 'slo:objective:ratio',
        labels: {
          slo: 'checkout-availability',
          slo_uid: 'checkout-availability',
          service: 'payments',
          slo_window: '30d',
        },
        grouping: [],
      },
      reasons: ['label service changes from "checkout" to "payments"'],
    });
  });

  it('restarts the window series under a new window label', () => {
    const edited = makeSlo({
      objectives: [{ target: '0.999', window: { kind: 'rolling', duration: '28d', seconds: 28 * 86_400 } }],
    });
    const changes = identityChanges(slo, edited, INTERVAL);
    expect(changes.map((c) => [c.record, c.reasons])).toEqual([
      ['slo:objective:ratio', ['label slo_window changes from "30d" to "28d"']],
      ['slo:error_budget_remaining:ratio', ['label slo_window changes from "30d" to "28d"']],
      ['slo:events:window', ['label slo_window changes from "30d" to "28d"']],
      ['slo:bad_events:window', ['label slo_window changes from "30d" to "28d"']],
      ['slo:total_counter:window_start', ['label slo_window changes from "30d" to "28d"']],
      ['slo:bad_counter:window_start', ['label slo_window changes from "30d" to "28d"']],
    ]);
  });

  it('lists the series of an added objective as new and those of a removed one as ended', () => {
    const second = { target: '0.99', window: { kind: 'rolling' as const, duration: '7d', seconds: 7 * 86_400 } };
    const added = identityChanges(slo, makeSlo({ objectives: [slo.objectives[0], second] }), INTERVAL);
    expect(added.map((c) => c.after?.labels.slo_window)).toEqual(['7d', '7d', '7d', '7d', '7d', '7d']);
    expect(
      added.every((c) => c.before === undefined && c.reasons[0] === 'a new series: it starts with no history')
    ).toBe(true);
    const removed = identityChanges(makeSlo({ objectives: [slo.objectives[0], second] }), slo, INTERVAL);
    expect(removed.map((c) => c.reasons)).toEqual(Array(6).fill(['no longer recorded: its history stops']));
  });

  it('restarts grouped series when the grouping changes, and snapshots when their selector changes', () => {
    const grouped = makeSlo({ indicator: { ...slo.indicator, groupBy: ['region'] } });
    const changes = identityChanges(slo, grouped, INTERVAL);
    expect(changes).toHaveLength(10);
    expect(changes[0].reasons).toEqual(['grouping changes from not grouped to by region']);
    const reselected = makeSlo({
      indicator: {
        type: 'ratio',
        total: 'http_requests_total{job="checkout",env="prod"}',
        bad: 'http_requests_total{job="checkout",code=~"5.."}',
        groupBy: [],
      },
    });
    expect(identityChanges(slo, reselected, INTERVAL).map((c) => [c.record, c.reasons])).toEqual([
      [
        'slo:total_counter:snapshot',
        [
          'it keeps the labels of other source series: http_requests_total{job="checkout"} becomes http_requests_total{job="checkout",env="prod"}',
        ],
      ],
      [
        'slo:total_counter:window_start',
        [
          'it keeps the labels of other source series: http_requests_total{job="checkout"} becomes http_requests_total{job="checkout",env="prod"}',
        ],
      ],
    ]);
  });
});
