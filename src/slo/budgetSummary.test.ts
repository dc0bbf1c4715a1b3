import { budgetTimeLeft, isAtRisk, NO_TRAFFIC, summarizeBudget } from './budgetSummary';

const now = new Date('2026-01-01T00:00:00Z');
const window = 30 * 86400;

describe('budget summary', () => {
  it.each([
    ['most of it left', 0.7176, '31 min left of 43 min 12 s'],
    ['all of it', 1, '43 min 12 s left of 43 min 12 s'],
    ['none', 0, '0 s left of 43 min 12 s'],
    ['overspent', -0.5, 'overspent by 21 min 36 s of 43 min 12 s'],
  ])('time left: %s', (_name, remaining, want) => expect(budgetTimeLeft(remaining, '0.999', window)).toBe(want));

  it('says there was no traffic instead of a number', () => {
    expect(summarizeBudget({ target: '0.999', windowSeconds: window, now })).toEqual({
      timeLeft: NO_TRAFFIC,
      exhaustionText: NO_TRAFFIC,
    });
    expect(summarizeBudget({ remaining: NaN, burnRate: 1, target: '0.999', windowSeconds: window, now }).timeLeft).toBe(
      NO_TRAFFIC
    );
  });

  it.each([
    ['healthy', 0.9, 0.5, 'healthy', 'in 54 d'],
    ['attention', 0.5, 1.2, 'attention', 'in 12 d 12 h'],
    ['warning', 0.5, 1.6, 'warning', 'in 9 d 9 h'],
    ['critical', 0.1, 15, 'critical', 'in 4 h 48 min'],
    ['exhausted', -0.1, 3, 'exhausted', 'exhausted'],
    ['not burning', 0.8, 0, 'healthy', 'not at the current burn rate'],
    ['burn unknown', 0.8, undefined, 'healthy', 'not at the current burn rate'],
  ])('%s', (_name, remaining, burnRate, status, exhaustionText) => {
    const s = summarizeBudget({ remaining, burnRate, target: '0.999', windowSeconds: window, now });
    expect([s.status, s.exhaustionText]).toEqual([status, exhaustionText]);
  });

  it('counts attention, warning and critical as at risk', () => {
    expect(
      ['healthy', 'attention', 'warning', 'critical', 'exhausted', undefined].map((s) => isAtRisk(s as never))
    ).toEqual([false, true, true, true, false, false]);
  });
});
