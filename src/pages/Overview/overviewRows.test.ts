import { makeSlo } from '../../testing/fixtures';
import { buildOverviewRows, sliFromBudgetRemaining } from './overviewRows';

describe('overview rows', () => {
  it('derives the SLI from the budget remaining', () => {
    expect(sliFromBudgetRemaining(0.5, '0.999')).toBeCloseTo(0.9995, 10);
    expect(sliFromBudgetRemaining(1, '0.99')).toBe(1);
  });

  it('sorts by budget remaining, SLOs without data last', () => {
    const a = makeSlo({ name: 'a', uid: 'a' });
    const b = makeSlo({ name: 'b', uid: 'b' });
    const c = makeSlo({ name: 'c', uid: 'c' });
    const rows = buildOverviewRows(
      [a, b, c],
      [
        { labels: { slo_uid: 'a', slo_window: '30d' }, value: 0.8 },
        { labels: { slo_uid: 'b', slo_window: '30d' }, value: -0.2 },
        { labels: { slo_uid: 'b', slo_window: '7d' }, value: 0.9 },
      ],
      [{ labels: { slo_uid: 'a' }, value: 0.002 }]
    );
    expect(rows.map((r) => [r.slo.uid, r.budgetRemaining])).toEqual([
      ['b', -0.2],
      ['a', 0.8],
      ['c', undefined],
    ]);
    expect(rows[1].burnRate1h).toBeCloseTo(2, 10);
  });
});
