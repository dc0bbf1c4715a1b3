import { makeSlo } from '../testing/fixtures';
import {
  backtestGrid,
  backtestStepSeconds,
  readGroupRates,
  MAX_BACKTEST_STEPS,
  STEPS_PER_QUERY,
  type RatesRangeReader,
} from './backtestRates';

describe('backtestStepSeconds', () => {
  it('keeps a minute up to 30 days, then grows by whole minutes to stay under the step bound', () => {
    expect(backtestStepSeconds(7)).toBe(60);
    expect(backtestStepSeconds(30)).toBe(60);
    expect(backtestStepSeconds(31)).toBe(120);
    expect(backtestStepSeconds(90)).toBe(180);
    for (const days of [1, 7, 29, 30, 31, 45, 60, 89, 90]) {
      expect((days * 86400) / backtestStepSeconds(days)).toBeLessThanOrEqual(MAX_BACKTEST_STEPS);
    }
  });
});

describe('backtestGrid', () => {
  it('ends on the last whole step before now and starts one history before the range', () => {
    const now = Date.UTC(2026, 11, 4, 20, 2, 59, 500);
    const { grid, from } = backtestGrid(now, 90, 4 * 86400);
    const end = Date.UTC(2026, 11, 4, 20, 0, 0); // 180 s steps from the epoch: 20:00, 20:03
    expect(grid.stepSeconds).toBe(180);
    expect(from).toBe(end - 90 * 86_400_000);
    expect(grid.start).toBe(from - 4 * 86_400_000);
    expect(grid.start + (grid.count - 1) * 180_000).toBe(end);
  });
});

describe('readGroupRates', () => {
  it('reads in chunks of at most STEPS_PER_QUERY steps and joins each group across them', async () => {
    const slo = makeSlo({ tier: undefined });
    const grid = { start: 0, stepSeconds: 60, count: STEPS_PER_QUERY * 2 + 5 };
    const calls: Array<[number, number, number]> = [];
    const read: RatesRangeReader = async (_exprs, from, to, step) => {
      calls.push([from, to, step]);
      const points = (value: number): Array<[number, number]> => [
        [from, value],
        [to, value],
      ];
      return {
        total: [{ labels: { __name__: 'x', route: '/a' }, points: points(10) }],
        bad: [{ labels: { route: '/a' }, points: points(1) }],
      };
    };
    const groups = await readGroupRates(slo, '30s', grid, read);
    expect(calls).toEqual([
      [0, (STEPS_PER_QUERY - 1) * 60_000, 60],
      [STEPS_PER_QUERY * 60_000, (2 * STEPS_PER_QUERY - 1) * 60_000, 60],
      [2 * STEPS_PER_QUERY * 60_000, (grid.count - 1) * 60_000, 60],
    ]);
    expect(groups).toHaveLength(1);
    expect(groups[0].labels).toEqual({ route: '/a' });
    expect(groups[0].total[STEPS_PER_QUERY]).toBe(10);
    expect(groups[0].bad[grid.count - 1]).toBe(1);
    expect(Number.isNaN(groups[0].total[1])).toBe(true);
  });
});
