import { makeSlo } from '../../testing/fixtures';
import type { RangeSeries } from '../../api/query';
import { previewGrid, runSliPreview, type PreviewReader } from './sliPreviewData';

const NOW = Date.UTC(2026, 10, 23, 12, 0, 30);
const slo = makeSlo({
  tier: undefined,
  objectives: [{ target: '0.99', window: { kind: 'rolling', duration: '30d', seconds: 2592000 } }],
});

/** A reader that answers every range with 10 events/s, of which 1/s bad on the route "/pay" (10%). */
function fakeReader(calls: Array<[number, number, number]>, counts: string[]): PreviewReader {
  const series = (from: number, to: number, value: number, labels: Record<string, string>): RangeSeries => {
    const points: Array<[number, number]> = [];
    for (let t = from; t <= to; t += 60_000) {
      points.push([t, value]);
    }
    return { labels, points };
  };
  return {
    range: async (_exprs, from, to, step) => {
      calls.push([from, to, step]);
      return {
        total: [series(from, to, 10, { __name__: 'x', route: '/pay' }), series(from, to, 10, { route: '/home' })],
        bad: [series(from, to, 1, { route: '/pay' }), series(from, to, 0, { route: '/home' })],
      };
    },
    counts: async (exprs) => {
      counts.push(...exprs);
      return exprs.map((_, i) => [2, 40, 8][i] ?? 0);
    },
  };
}

describe('runSliPreview', () => {
  it('reads 90 days at a 3 minute step, still under the point limit per query, and scores the alert sets', async () => {
    const calls: Array<[number, number, number]> = [];
    const preview = await runSliPreview(slo, '30s', fakeReader(calls, []), NOW, undefined, 90);
    const { grid, from } = previewGrid(slo, NOW, 90);
    expect(preview.days).toBe(90);
    expect(grid.stepSeconds).toBe(180);
    expect(from).toBe(Date.UTC(2026, 7, 25, 12, 0, 0));
    // 90 days of 3 minute steps and 6171 minutes (2057 steps) before them: 45,258 steps, 5 queries.
    expect(grid.count).toBe(90 * 480 + 2057 + 1);
    expect(calls).toHaveLength(5);
    expect(calls.every(([a, b, step]) => step === 180 && (b - a) / 180_000 + 1 <= 10_000)).toBe(true);
    // Steady 5% errors overall (5x a 1% budget) is one incident as long as the range.
    const [scorecard] = preview.scorecards;
    expect(scorecard.incidents).toHaveLength(1);
    expect(scorecard.alertSets.map((set) => set.name)).toEqual(['own', 'workbook', 'pyrra']);
  });

  it('reads 7 days and the longest alert window of the compared sets before them, in chunks under the point limit', async () => {
    const calls: Array<[number, number, number]> = [];
    const grouped = { ...slo, indicator: { ...slo.indicator, groupBy: ['route'] } };
    const preview = await runSliPreview(grouped, '30s', fakeReader(calls, []), NOW);
    const { grid, from } = previewGrid(grouped, NOW);
    expect(from).toBe(Date.UTC(2026, 10, 16, 12, 0, 0));
    // Pyrra's 4 day window scaled to 30 days, 6171 minutes, is the longest of the sets the scorecard compares.
    expect(grid.start).toBe(from - 6171 * 60_000);
    expect(grid.count).toBe(7 * 1440 + 6171 + 1);
    expect(calls.map(([, , step]) => step)).toEqual([60, 60]);
    expect(calls[0][0]).toBe(grid.start);
    expect(calls[1][1]).toBe(NOW - 30_000);
    expect(calls.every(([a, b]) => (b - a) / 60_000 + 1 <= 10_000)).toBe(true);
    // Two groups of equal traffic, one with 10% errors: 5% overall, 5x a 1% budget.
    expect(preview.groups).toBe(2);
    expect(preview.objectives[0].errorRatio).toBeCloseTo(0.05, 12);
    expect(preview.objectives[0].burnRate).toBeCloseTo(5, 10);
    // Steady 10% errors on /pay burn its budget at 10x: every workbook alert but the 14.4x page fires for
    // that route, for all 7 days.
    const [fastPage, ...others] = preview.objectives[0].alerts;
    expect(fastPage.episodes).toEqual([]);
    for (const alert of others) {
      expect(alert.episodes.map((e) => e.labels)).toEqual([{ route: '/pay' }]);
      expect(alert.firingSeconds).toBe(7 * 86400 + 60);
    }
  });

  it('replays a time-slice SLO on its slices, re-evaluated at the slice length', async () => {
    const exprs: Array<{ total: string; bad: string }> = [];
    const reader = fakeReader([], []);
    const minutes = { ...slo, timeSlices: { window: '1m', windowSeconds: 60, target: '0.95' } };
    await runSliPreview(
      minutes,
      '30s',
      { ...reader, range: (e, ...rest) => (exprs.push(e), reader.range(e, ...rest)) },
      NOW
    );
    expect(exprs[0].total).toMatch(/^count_over_time\(\(.* <= bool 0\.05\)\[5m:1m\] offset 1ms\) \/ 300$/);
    expect(exprs[0].bad).toMatch(/^\(count_over_time\(.*\) - sum_over_time\(.*\)\) \/ 300$/);
  });

  it('counts the series the rules write from the groups and the source counters', async () => {
    const queries: string[] = [];
    const preview = await runSliPreview(slo, '30s', fakeReader([], queries), NOW);
    expect(queries).toEqual([
      'count(sum(rate(http_requests_total{job="checkout"}[5m])))',
      'count(http_requests_total{job="checkout"})',
      'count(http_requests_total{job="checkout",code=~"5.."})',
    ]);
    expect(preview.counts).toEqual({ groups: 2, counters: { total: 40, bad: 8 } });
    expect(preview.cardinality.total).toBe(9 * 2 + 2 * 40 + 2 * 8 + 2);
  });
});
