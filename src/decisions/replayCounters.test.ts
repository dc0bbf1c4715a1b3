import { makeMaintenanceWindow, makeSlo } from '../testing/fixtures';
import { formatSelector } from '../promql/format';
import type { LabelledValue } from './serviceReadings';
import { planReplay } from './replay';
import { countCounters, counterSpans, MAX_SERIES_APART, mergeCounts, planCounterReads } from './replayCounters';

/** 2026-01-01T00:20:34.5Z */
const AT = 1767226834.5;
const FROM = AT - 30 * 86400;
const slo = makeSlo();
const goodBased = makeSlo({
  uid: 'orders',
  indicator: {
    type: 'ratio',
    total: 'orders_total{job="orders"}',
    good: 'orders_total{job="orders",status="ok"}',
    groupBy: ['cluster'],
  },
});

/** The parts of a counter read for one series: its resets and its values by part. */
function series(labels: Record<string, string>, resets: number, values: Record<string, number>): LabelledValue[] {
  return [
    { labels: { ...labels, slo_replay_read: 'resets' }, value: resets },
    ...Object.entries(values).map(([part, value]) => ({ labels: { ...labels, slo_replay_read: part }, value })),
  ];
}

describe('planCounterReads', () => {
  it('reads a selector with those refining it, once for every objective that needs the raw data', () => {
    const plans = planReplay([slo, makeSlo({ uid: 'again' }), goodBased], AT, new Map());
    const reads = planCounterReads(plans);
    expect(reads.map((r) => [r.refId, r.selectors.map(formatSelector), r.instants, r.from, r.to])).toEqual([
      [
        'REPLAY_COUNTERS_0',
        ['http_requests_total{job="checkout"}', 'http_requests_total{job="checkout",code=~"5.."}'],
        [FROM, AT],
        FROM,
        AT,
      ],
      [
        'REPLAY_COUNTERS_1',
        ['orders_total{job="orders"}', 'orders_total{job="orders",status="ok"}'],
        [FROM, AT],
        FROM,
        AT,
      ],
    ]);
  });

  it('reads nothing for recorded objectives, and only the raw part of a stitched one', () => {
    const first = AT - 86400;
    const plans = planReplay(
      [slo, makeSlo({ uid: 'old' })],
      AT,
      new Map([
        [slo.uid, first],
        ['old', FROM - 7200],
      ])
    );
    expect(plans.map((p) => p.source)).toEqual(['stitched', 'recorded']);
    const [read] = planCounterReads(plans);
    expect(read.instants).toEqual([FROM, first]);
    expect(planCounterReads(planReplay([makeSlo({ uid: 'old' })], AT, new Map([['old', FROM - 7200]])))).toEqual([]);
  });

  it('leaves maintenance windows out of the spans, whose ends it reads', () => {
    const window = makeMaintenanceWindow('2025-12-20T10:00:00Z', '2025-12-20T12:00:00Z');
    const [plan] = planReplay([makeSlo({ maintenance: [window] })], AT, new Map());
    expect(counterSpans(plan)).toEqual([
      { from: FROM, to: window.startSeconds },
      { from: window.endSeconds, to: AT },
    ]);
    expect(planCounterReads([plan])[0].instants).toEqual([FROM, window.startSeconds, window.endSeconds, AT]);
  });
});

describe('countCounters', () => {
  const plans = planReplay([slo], AT, new Map());
  const reads = planCounterReads(plans);
  // Parts: the total (0) and the bad selector (1) at FROM (0) and AT (1).
  const ok = { job: 'checkout', instance: 'a', code: '200' };
  const failed = { job: 'checkout', instance: 'a', code: '503' };

  it('counts a series without a reset by its values at the span ends, for each selector it belongs to', () => {
    const counted = countCounters(plans, reads, {
      REPLAY_COUNTERS_0: [
        ...series(ok, 0, { '0@0': 1000, '0@1': 1900.5 }),
        ...series(failed, 0, { '0@0': 7, '0@1': 9, '1@0': 7, '1@1': 9 }),
      ],
    });
    const labels = { slo_uid: slo.uid, slo_window: '30d' };
    expect(counted.totals).toEqual([
      { labels, value: 900.5 },
      { labels, value: 2 },
    ]);
    expect(counted.bads).toEqual([{ labels, value: 2 }]);
    // Nothing left for the tile arithmetic.
    expect(counted.selections.get(0)).toEqual({ total: [], bad: [] });
    expect(counted.apart).toBe(0);
  });

  it('leaves a series with a reset, a gap at a span end or a fall to the tile arithmetic, selected alone', () => {
    const gap = { job: 'checkout', instance: 'b', code: '200' };
    const fell = { job: 'checkout', instance: 'c', code: '200' };
    const counted = countCounters(plans, reads, {
      REPLAY_COUNTERS_0: [
        ...series(ok, 1, { '0@0': 1000, '0@1': 1900 }),
        ...series(gap, 0, { '0@1': 50 }),
        ...series(fell, 0, { '0@0': 50, '0@1': 40 }),
        ...series(failed, 0, { '0@0': 7, '0@1': 9, '1@0': 7, '1@1': 9 }),
        // Counted: with them, half of the selector's series need the tile arithmetic, not more.
        ...series({ job: 'checkout', instance: 'e', code: '200' }, 0, { '0@0': 1, '0@1': 2 }),
        ...series({ job: 'checkout', instance: 'f', code: '200' }, 0, { '0@0': 1, '0@1': 2 }),
      ],
    });
    expect(counted.selections.get(0)!.total!.map(formatSelector)).toEqual([
      'http_requests_total{job="checkout",code="200",instance="a"}',
      'http_requests_total{job="checkout",code="200",instance="b"}',
      'http_requests_total{job="checkout",code="200",instance="c"}',
    ]);
    expect(counted.selections.get(0)!.bad).toEqual([]);
    expect(counted.totals.map((s) => s.value)).toEqual([2, 1, 1]);
    expect(counted.apart).toBe(3);
  });

  it('tells the series of a narrower selector by its values, and leaves to it a series it never saw', () => {
    // Seen only between the span ends: whether it is a bad series is not known, so both selectors read it.
    const between = { job: 'checkout', instance: 'd', code: '500' };
    const counted = countCounters(plans, reads, {
      REPLAY_COUNTERS_0: [...series(ok, 0, { '0@0': 1, '0@1': 2 }), ...series(between, 0, {})],
    });
    const selection = counted.selections.get(0)!;
    expect(selection.total!.map(formatSelector)).toEqual([
      'http_requests_total{job="checkout",code="500",instance="d"}',
    ]);
    // The bad selector has no series it counts: it is read whole, as one expression.
    expect(selection.bad!.map(formatSelector)).toEqual(['http_requests_total{job="checkout",code=~"5.."}']);
    expect(counted.bads).toEqual([]);
  });

  it('reads every selector whole on a Prometheus younger than the window, where every series is new', () => {
    const counted = countCounters(plans, reads, {
      REPLAY_COUNTERS_0: [
        ...series(ok, 0, { '0@1': 20 }),
        ...series({ job: 'checkout', instance: 'b', code: '200' }, 0, { '0@1': 30 }),
        ...series(failed, 0, { '0@1': 2, '1@1': 2 }),
      ],
    });
    expect(counted.selections.get(0)!.total!.map(formatSelector)).toEqual(['http_requests_total{job="checkout"}']);
    expect(counted.selections.get(0)!.bad!.map(formatSelector)).toEqual([
      'http_requests_total{job="checkout",code=~"5.."}',
    ]);
    expect([counted.totals, counted.bads, counted.apart, counted.whole]).toEqual([[], [], 0, 2]);
  });

  it('reads a whole selector with the tile arithmetic when too many of its series need it', () => {
    const answer = Array.from({ length: MAX_SERIES_APART + 1 }, (_, i) =>
      series({ job: 'checkout', instance: `i${i}`, code: '200' }, 1, {})
    ).flat();
    const counted = countCounters(plans, reads, {
      REPLAY_COUNTERS_0: [...answer, ...series(ok, 0, { '0@0': 1, '0@1': 2 })],
    });
    expect(counted.selections.get(0)!.total!.map(formatSelector)).toEqual(['http_requests_total{job="checkout"}']);
    expect(counted.totals).toEqual([]);
    // Never seen at a span end, they may be bad series too: the bad selector is read whole as well.
    expect(counted.whole).toBe(2);
  });

  it('sums the spans outside maintenance windows', () => {
    const window = makeMaintenanceWindow('2025-12-20T10:00:00Z', '2025-12-20T12:00:00Z');
    const withWindow = planReplay([makeSlo({ maintenance: [window] })], AT, new Map());
    const counted = countCounters(withWindow, planCounterReads(withWindow), {
      // Instants: FROM, window start, window end, AT.
      REPLAY_COUNTERS_0: series(ok, 0, { '0@0': 100, '0@1': 300, '0@2': 1300, '0@3': 1400 }),
    });
    expect(counted.totals.map((s) => s.value)).toEqual([300]);
  });

  it('counts the bad events of a good-based SLI as total - good by group, clamped at 0 once merged', () => {
    const orders = planReplay([goodBased], AT, new Map());
    const eu = { job: 'orders', cluster: 'eu', status: 'ok' };
    const euFailed = { job: 'orders', cluster: 'eu', status: 'failed' };
    const counted = countCounters(orders, planCounterReads(orders), {
      REPLAY_COUNTERS_0: [
        ...series(eu, 0, { '0@0': 100, '0@1': 400, '1@0': 100, '1@1': 400 }),
        ...series(euFailed, 0, { '0@0': 5, '0@1': 8 }),
      ],
    });
    const labels = { cluster: 'eu', slo_uid: 'orders', slo_window: '30d' };
    expect(mergeCounts(orders, [counted.totals], false)).toEqual([{ labels, value: 303 }]);
    expect(mergeCounts(orders, [counted.bads], true)).toEqual([{ labels, value: 3 }]);
    // The good events of the tile arithmetic's part pushed the sum below 0: clamped, as the tiles are.
    expect(mergeCounts(orders, [counted.bads, [{ labels, value: -10 }]], true)).toEqual([{ labels, value: 0 }]);
  });
});
