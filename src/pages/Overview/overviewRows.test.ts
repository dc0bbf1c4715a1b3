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
  withReplay,
} from './overviewRows';
import { budgetStatus } from '../../slo/budget';

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

describe('rows with replayed figures', () => {
  const recorded = makeSlo({ name: 'recorded', uid: 'recorded' });
  const fresh = makeSlo({ name: 'fresh', uid: 'fresh' });
  const rows = buildOverviewRows(
    [recorded, fresh],
    [{ labels: { slo_uid: 'recorded', slo_window: '30d' }, value: 0.9 }],
    [{ labels: { slo_uid: 'fresh' }, value: 0.0005 }]
  );
  const at = 1767226834;
  const replay = {
    at,
    plans: [
      { sloUid: 'recorded', window: '30d', source: 'recorded' as const, recordedSince: at - 40 * 86400, from: 0, at },
      { sloUid: 'fresh', window: '30d', source: 'stitched' as const, recordedSince: at - 86400, from: 0, at },
    ],
    figures: new Map([
      ['fresh\u000030d', { sloUid: 'fresh', window: '30d', source: 'stitched' as const, events: 10_000, badEvents: 8 }],
    ]),
  };

  it('take the stitched budget, SLI and status where the rules have not recorded a window, and say so', () => {
    const [first, second] = withReplay(rows, replay);
    // 8 bad of 10,000 is 80% of a 0.1% budget: 20% left, the least first.
    expect(first.slo.uid).toBe('fresh');
    expect(first.budgetRemaining).toBeCloseTo(0.2, 12);
    expect(first.sli).toBeCloseTo(0.9992, 12);
    expect(first.status).toBe(budgetStatus({ remaining: 0.2, burnRate: 0.5 }));
    expect(first.source).toBe('stitched');
    expect(first.recordedSince).toBe(at - 86400);
    expect(second).toMatchObject({ budgetRemaining: 0.9, source: 'recorded', recordedSince: at - 40 * 86400 });
  });

  it('keep a row without a plan as it was', () => {
    expect(withReplay(rows, { at, plans: [], figures: new Map() })).toEqual(rows);
  });
});
