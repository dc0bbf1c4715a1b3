import { makeSlo } from '../../testing/fixtures';
import {
  buildOverviewRows,
  distinctValues,
  filterRows,
  overviewTotals,
  metOver,
  sliFromBudgetRemaining,
  sparklinePoints,
  uidsByRollingWindow,
} from './overviewRows';

describe('overview rows', () => {
  it('derives the SLI from the budget remaining', () => {
    expect(sliFromBudgetRemaining(0.5, '0.999')).toBeCloseTo(0.9995, 10);
    expect(sliFromBudgetRemaining(1, '0.99')).toBe(1);
  });

  const a = makeSlo({ name: 'a', uid: 'a', labels: { team: 'web' } });
  const b = makeSlo({ name: 'b', uid: 'b', service: 'search', tier: 'standard' });
  const c = makeSlo({ name: 'c', uid: 'c', owner: undefined });
  const rows = buildOverviewRows(
    [a, b, c],
    [
      { labels: { slo_uid: 'a', slo_window: '30d' }, value: 0.8 },
      { labels: { slo_uid: 'b', slo_window: '30d' }, value: -0.2 },
      { labels: { slo_uid: 'b', slo_window: '7d' }, value: 0.9 },
    ],
    [{ labels: { slo_uid: 'a' }, value: 0.002 }]
  );

  it('sorts by budget remaining, SLOs without data last, with status and team', () => {
    expect(rows.map((r) => [r.slo.uid, r.budgetRemaining, r.status, r.team])).toEqual([
      ['b', -0.2, 'exhausted', 'team-payments'],
      ['a', 0.8, 'warning', 'web'],
      ['c', undefined, undefined, undefined],
    ]);
    expect(rows[1].burnRate1h).toBeCloseTo(2, 10);
  });

  it('says whether each SLO met its objective over the last 1h, 6h and 1d', () => {
    // a: target 99.9%, budget 0.1%. 1h 0.2% errors: missed; 6h exactly 0.1%: met; 1d 0.05%: met.
    const recent = buildOverviewRows([a], [], [{ labels: { slo_uid: 'a' }, value: 0.002 }], 'team', [], {
      '6h': [{ labels: { slo_uid: 'a' }, value: 0.001 }],
      '1d': [{ labels: { slo_uid: 'a' }, value: 0.0005 }],
    });
    expect(recent[0].recent).toEqual({ '1h': false, '6h': true, '1d': true });
    expect(rows.find((r) => r.slo.uid === 'c')?.recent).toEqual({ '1h': undefined, '6h': undefined, '1d': undefined });
    // The exact decimal budget decides: 0.001 is within 0.1%, however the float prints.
    expect(metOver(0.001, '0.999')).toBe(true);
    expect(metOver(0.0010000001, '0.999')).toBe(false);
  });

  it('filters by service, team, tier and status, and counts the totals', () => {
    expect(filterRows(rows, { service: 'search' }).map((r) => r.slo.uid)).toEqual(['b']);
    expect(filterRows(rows, { team: 'web' }).map((r) => r.slo.uid)).toEqual(['a']);
    expect(filterRows(rows, { tier: 'critical' }).map((r) => r.slo.uid)).toEqual(['a', 'c']);
    expect(filterRows(rows, { status: 'no-data' }).map((r) => r.slo.uid)).toEqual(['c']);
    expect(filterRows(rows, { status: 'exhausted' }).map((r) => r.slo.uid)).toEqual(['b']);
    expect(overviewTotals(rows)).toEqual({ total: 3, healthy: 0, atRisk: 1, exhausted: 1, noData: 1 });
    expect(distinctValues(rows, (r) => r.slo.service)).toEqual(['checkout', 'search']);
  });

  it('stays quick with 500 SLOs', () => {
    const slos = Array.from({ length: 500 }, (_, i) => makeSlo({ name: `s${i}`, uid: `s${i}` }));
    const budgets = slos.map((s, i) => ({ labels: { slo_uid: s.uid, slo_window: '30d' }, value: (i % 97) / 97 }));
    const started = Date.now();
    const many = buildOverviewRows(slos, budgets, []);
    expect(Date.now() - started).toBeLessThan(200);
    expect(many[0].budgetRemaining).toBe(0);
  });

  it('falls back to the error ratio over the window where the budget series is absent', () => {
    const [row] = buildOverviewRows([c], [], [], 'team', [{ labels: { slo_uid: 'c' }, value: 0.0005 }]);
    expect(row.budgetRemaining).toBeCloseTo(0.5, 10);
    expect(row.sli).toBeCloseTo(0.9995, 10);
    expect(
      uidsByRollingWindow([
        a,
        b,
        makeSlo({
          uid: 'w',
          objectives: [{ target: '0.99', window: { kind: 'rolling', duration: '7d', seconds: 604800 } }],
        }),
      ])
    ).toEqual(
      new Map([
        ['30d', ['a', 'b']],
        ['7d', ['w']],
      ])
    );
  });

  it('scales a sparkline into its box with 0..1 in view', () => {
    expect(
      sparklinePoints(
        [
          [0, 1],
          [10, 0.5],
          [20, 0],
        ],
        100,
        20
      )
    ).toBe('0.0,0.0 50.0,10.0 100.0,20.0');
    expect(
      sparklinePoints(
        [
          [0, NaN],
          [10, 0.5],
        ],
        100,
        20
      )
    ).toBeUndefined();
  });
});
