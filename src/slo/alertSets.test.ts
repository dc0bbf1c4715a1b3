import { makeSlo } from '../testing/fixtures';
import type { Slo } from './types';
import { alertSetsFor, longestComparedWindowSeconds, pyrraBurnRates } from './alertSets';

const thirtyDays = { kind: 'rolling' as const, duration: '30d', seconds: 30 * 86400 };
const twentyEightDays = { kind: 'rolling' as const, duration: '28d', seconds: 28 * 86400 };

describe('pyrraBurnRates', () => {
  it("is Pyrra's set for a 28 day window", () => {
    const alerts = pyrraBurnRates({ target: '0.99', window: twentyEightDays });
    expect(alerts.map((a) => [a.severity, a.factor, a.longWindow, a.shortWindow, a.for])).toEqual([
      ['page', '14', '1h', '5m', '2m'],
      ['page', '7', '6h', '30m', '15m'],
      ['ticket', '2', '1d', '2h', '1h'],
      ['ticket', '1', '4d', '6h', '3h'],
    ]);
    // 14x over 1h of 28 days spends 14 / 672 of the budget.
    expect(alerts[0].budgetSpent).toBe('0.020833');
    expect(alerts.every((a) => a.canFire)).toBe(true);
  });

  it('scales every duration by window / 28d, rounded to the minute as Pyrra rounds', () => {
    const alerts = pyrraBurnRates({ target: '0.999', window: thirtyDays });
    // 1h x 30/28 = 64.29m -> 64m; 5m -> 5.36m -> 5m; 6h -> 385.7m -> 386m; 4d -> 6171.4m -> 6171m; for 3h -> 192.9m.
    expect(alerts.map((a) => [a.longWindowSeconds / 60, a.shortWindowSeconds / 60, a.for])).toEqual([
      [64, 5, '2m'],
      [386, 32, '16m'],
      [1543, 129, '1h4m'],
      [6171, 386, '3h13m'],
    ]);
  });

  it('cannot fire where the factor times the budget reaches every event failing', () => {
    // 15% budget: 14 x 0.15 and 7 x 0.15 are over 1.
    const alerts = pyrraBurnRates({ target: '0.85', window: thirtyDays });
    expect(alerts.map((a) => a.canFire)).toEqual([false, false, true, true]);
  });
});

describe('alertSetsFor', () => {
  it("compares the SLO's own alerts with the workbook's, Pyrra's and the tier's", () => {
    const slo: Slo = makeSlo({ tier: 'standard', objectives: [{ target: '0.995', window: thirtyDays }] });
    const sets = alertSetsFor(slo, slo.objectives[0]);
    expect(sets.map((s) => [s.name, s.sameAs])).toEqual([
      ['own', undefined],
      ['workbook', undefined],
      ['pyrra', undefined],
      ['tier', 'own'],
    ]);
    // The standard tier pages on the fastest burn only; the workbook pages on both fast burns.
    expect(sets[0].burnRates.map((b) => b.severity)).toEqual(['page', 'ticket', 'ticket', 'ticket']);
    expect(sets[1].burnRates.map((b) => b.severity)).toEqual(['page', 'page', 'ticket', 'ticket']);
  });

  it("keeps the user's edit as the own set, and no tier set without a tier", () => {
    const slo: Slo = makeSlo({
      tier: undefined,
      objectives: [{ target: '0.999', window: thirtyDays }],
      alerting: {
        ...makeSlo().alerting,
        enabled: true,
        burnRates: [{ severity: 'page', longWindow: '30m', shortWindow: '5m', factor: '20', for: '1m' }],
      },
    });
    const sets = alertSetsFor(slo, slo.objectives[0]);
    expect(sets.map((s) => s.name)).toEqual(['own', 'workbook', 'pyrra']);
    expect(sets[0].burnRates.map((b) => [b.longWindow, b.factor, b.for])).toEqual([['30m', '20', '1m']]);
    expect(sets[1].sameAs).toBeUndefined();
    // Pyrra's 4 day window (6171m for 30 days) is the longest history the comparison needs.
    expect(longestComparedWindowSeconds(slo)).toBe(6171 * 60);
  });

  it('has no own alerts when alerting is off, the others still to compare', () => {
    const slo: Slo = makeSlo({ tier: undefined, alerting: { ...makeSlo().alerting, enabled: false } });
    const sets = alertSetsFor(slo, slo.objectives[0]);
    expect(sets[0].burnRates).toEqual([]);
    expect(sets[1].burnRates).toHaveLength(4);
  });
});
