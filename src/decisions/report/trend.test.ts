import type { EventCounts } from './events';
import { monthRange, previousRanges } from './ranges';
import { trendOf } from './trend';

const tiles = (total: number, bad: number): EventCounts => ({ total, bad, source: 'tiles' });

describe('trend', () => {
  const [july, august, september] = previousRanges(monthRange('2026-10'));
  const previous = (counts: Array<EventCounts | undefined>) =>
    [july, august, september].map((range, i) => ({ range, counts: counts[i] }));

  it('compares with the previous periods together: a ratio of their sums, not a mean of their ratios', () => {
    // July: 1% errors on little traffic; August and September: none on a lot.
    // Together: 100 / 2,010,000 = 0.0000498 = 5% of the budget; the mean of the ratios would be 333%.
    // This month: 5 of 10,000 = 50% of the budget: worse by 45 points.
    const trend = trendOf(
      tiles(10_000, 5),
      previous([tiles(10_000, 100), tiles(1_000_000, 0), tiles(1_000_000, 0)]),
      '0.999'
    );
    expect(trend.direction).toBe('worsening');
    expect(trend.budgetShareChange).toBeCloseTo(0.5 - 100 / 2_010_000 / 0.001, 12);
    expect(trend.previous).toEqual([
      { label: '2026-07', sli: 0.99 },
      { label: '2026-08', sli: 1 },
      { label: '2026-09', sli: 1 },
    ]);
  });

  it('moves at 10 points of budget: worsening at +10, stable at +5, improving at -10', () => {
    const before = previous([tiles(10_000, 4), undefined, undefined]); // 40% of a 0.001 budget
    expect(trendOf(tiles(10_000, 5), before, '0.999')).toMatchObject({
      direction: 'worsening',
      budgetShareChange: 0.1,
    });
    expect(trendOf(tiles(20_000, 9), before, '0.999')).toMatchObject({ direction: 'stable', budgetShareChange: 0.05 });
    expect(trendOf(tiles(10_000, 3), before, '0.999')).toMatchObject({
      direction: 'improving',
      budgetShareChange: -0.1,
    });
  });

  it('is unknown without traffic now or in every previous period', () => {
    expect(trendOf(undefined, previous([tiles(10, 0)]), '0.999').direction).toBe('unknown');
    const none = trendOf(tiles(10, 0), previous([undefined, tiles(0, 0), undefined]), '0.999');
    expect(none).toEqual({
      direction: 'unknown',
      previous: [
        { label: '2026-07', sli: undefined },
        { label: '2026-08', sli: undefined },
        { label: '2026-09', sli: undefined },
      ],
    });
  });
});
