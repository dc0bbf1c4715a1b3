import type { Grid } from './backtest';
import { eventHistory, suggestTarget, targetHistory, targetOutcome, type EventHistory } from './targetHistory';

const DAY = 86400;
const START = Date.parse('2026-11-01T00:00:00Z');

/** A history of one step a day: `total` and `bad` events per day, null where nothing was held. */
function daily(total: Array<number | null>, bad: Array<number | null>): EventHistory {
  const grid: Grid = { start: START, stepSeconds: DAY, count: total.length };
  return {
    grid,
    total: Float64Array.from(total.map((v) => v ?? NaN)),
    bad: Float64Array.from(bad.map((v) => v ?? NaN)),
  };
}

const badOn = (days: number, bad: Record<number, number>) => Array.from({ length: days }, (_, i) => bad[i] ?? 0);

describe('eventHistory', () => {
  it('sums the groups rates times the step, NaN only where no group had a sample', () => {
    const grid: Grid = { start: START, stepSeconds: 60, count: 3 };
    const history = eventHistory(grid, [
      { labels: { a: '1' }, total: Float64Array.from([1, NaN, NaN]), bad: Float64Array.from([0.5, NaN, NaN]) },
      { labels: { a: '2' }, total: Float64Array.from([2, 3, NaN]), bad: Float64Array.from([NaN, 1, NaN]) },
    ]);
    expect([...history.total]).toEqual([180, 180, NaN]);
    expect([...history.bad]).toEqual([30, 60, NaN]);
  });
});

describe('targetHistory', () => {
  // Two weeks of 1,000 events a day: 2 bad on day 3, 5 bad on day 10.
  const twoWeeks = daily(Array(14).fill(1000), badOn(14, { 3: 2, 10: 5 }));

  it('computes each week from its event counts and finds the worst', () => {
    const result = targetHistory(twoWeeks, 7 * DAY);
    expect(result.weeks.map((w) => [w.totalEvents, w.badEvents, w.sli, w.heldSeconds])).toEqual([
      [7000, 2, 1 - 2 / 7000, 7 * DAY],
      [7000, 5, 1 - 5 / 7000, 7 * DAY],
    ]);
    expect(result.worstWeek).toBe(result.weeks[1]);
    // Each step stands for the day before it: the history runs from the day before the first step.
    expect(new Date(result.weeks[0].from).toISOString()).toBe('2026-10-31T00:00:00.000Z');
    expect(new Date(result.weeks[1].to).toISOString()).toBe('2026-11-14T00:00:00.000Z');
    expect(result.heldSeconds).toBe(14 * DAY);
    expect(result.recent.map((r) => [r.days, r.totalEvents, r.badEvents, r.heldSeconds])).toEqual([
      [7, 7000, 5, 7 * DAY],
      [30, 14000, 7, 14 * DAY],
      [90, 14000, 7, 14 * DAY],
    ]);
  });

  it('gives each tier target its budget left, its worst window and its exhaustions, and suggests with a margin', () => {
    const result = targetHistory(twoWeeks, 7 * DAY);
    const byTarget = Object.fromEntries(result.outcomes.map((o) => [o.target, o]));
    expect(result.outcomes.map((o) => o.target)).toEqual(['0.9995', '0.999', '0.995', '0.99']);
    // 0.9995 allows 3.5 bad events in a window of 7,000: the windows ending on days 6 to 9 hold 2 bad, those
    // ending on days 10 to 13 hold 5 (one run: one exhaustion); the 14 days allow 7 and spent 7.
    expect(byTarget['0.9995']).toEqual({
      target: '0.9995',
      tiers: ['critical'],
      budgetLeft: expect.closeTo(0, 12),
      exhausted: 1,
      worstWindowBudgetLeft: expect.closeTo(1 - 5 / 3.5, 12),
      windows: 8,
      partialWindow: false,
    });
    expect(byTarget['0.999'].exhausted).toBe(0);
    expect(byTarget['0.999'].worstWindowBudgetLeft).toBeCloseTo(1 - 5 / 7, 12);
    expect(byTarget['0.999'].budgetLeft).toBeCloseTo(0.5, 12);
    expect(result.suggestion).toEqual({ target: '0.999', tiers: ['essential'], aboveEveryTier: false, margin: 0.25 });
  });

  it('counts two exhaustions when the budget runs out, recovers and runs out again', () => {
    const history = daily(Array(14).fill(1000), badOn(14, { 3: 4, 12: 4 }));
    // Windows of 2 days allow 2 bad events: those ending on days 3 and 4 ran out, then 12 and 13.
    const outcome = targetOutcome(history, '0.999', 2 * DAY);
    expect([outcome.exhausted, outcome.windows]).toEqual([2, 13]);
    expect(outcome.worstWindowBudgetLeft).toBeCloseTo(-1, 12);
  });

  it('counts only what the datasource held across a gap', () => {
    const history = daily(
      [1000, 1000, 1000, 1000, 1000, null, null, 1000, 1000, 1000, 1000, 1000, 1000, 1000],
      [1, 1, 0, 0, 0, null, null, 0, 0, 0, 0, 0, 0, 0]
    );
    const result = targetHistory(history, 7 * DAY);
    expect(result.weeks.map((w) => [w.totalEvents, w.badEvents, w.heldSeconds])).toEqual([
      [5000, 2, 5 * DAY],
      [7000, 0, 7 * DAY],
    ]);
    expect(result.worstWeek?.sli).toBe(1 - 2 / 5000);
    expect(result.heldSeconds).toBe(12 * DAY);
  });

  it('treats a history shorter than a week as one partial week and one window', () => {
    // 90 days asked, 3 held at the end.
    const history = daily([...Array(87).fill(null), 1000, 1000, 1000], [...Array(87).fill(null), 0, 3, 0]);
    const result = targetHistory(history, 30 * DAY);
    expect(result.weeks.map((w) => [w.totalEvents, w.badEvents, w.heldSeconds])).toEqual([[3000, 3, 3 * DAY]]);
    expect(result.recent.map((r) => r.heldSeconds)).toEqual([3 * DAY, 3 * DAY, 3 * DAY]);
    const critical = result.outcomes[0];
    expect([critical.partialWindow, critical.windows, critical.exhausted]).toEqual([true, 1, 1]);
    expect(critical.worstWindowBudgetLeft).toBeCloseTo(1 - 3 / 1.5, 12);
    // 0.99 allows 30 of 3,000: 90% left.
    expect(result.outcomes[3].worstWindowBudgetLeft).toBeCloseTo(0.9, 12);
    expect(result.suggestion.target).toBe('0.995');
  });

  it('leaves a week without traffic without an SLI and out of the worst week', () => {
    const history = daily([...Array(7).fill(0), ...Array(7).fill(100)], badOn(14, { 9: 1 }));
    const result = targetHistory(history, 7 * DAY);
    expect(result.weeks[0]).toMatchObject({ totalEvents: 0, badEvents: 0, sli: undefined, heldSeconds: 7 * DAY });
    expect(result.worstWeek).toBe(result.weeks[1]);
    expect(result.worstWeek?.sli).toBe(1 - 1 / 700);
  });

  it('suggests the highest tier and says history supports more when no window spent anything', () => {
    const result = targetHistory(daily(Array(10).fill(1000), Array(10).fill(0)), 7 * DAY, ['0.9999']);
    expect(result.outcomes.map((o) => [o.target, o.tiers, o.worstWindowBudgetLeft, o.exhausted])).toEqual([
      ['0.9999', [], 1, 0],
      ['0.9995', ['critical'], 1, 0],
      ['0.999', ['essential'], 1, 0],
      ['0.995', ['standard'], 1, 0],
      ['0.99', ['best_effort'], 1, 0],
    ]);
    // The SLO's own 99.99% is no tier's: it is shown, not suggested.
    expect(result.suggestion).toEqual({ target: '0.9995', tiers: ['critical'], aboveEveryTier: true, margin: 0.25 });
  });

  it('suggests nothing when every tier target ran out of margin', () => {
    const result = targetHistory(daily(Array(7).fill(100), Array(7).fill(5)), 7 * DAY);
    expect(result.suggestion).toEqual({ target: undefined, tiers: [], aboveEveryTier: false, margin: 0.25 });
    expect(suggestTarget([])).toEqual({ target: undefined, tiers: [], aboveEveryTier: false, margin: 0.25 });
  });

  it('has nothing to say of a history without a sample', () => {
    const result = targetHistory(daily([null, null], [null, null]), 7 * DAY);
    expect([result.weeks, result.worstWeek, result.heldSeconds]).toEqual([[], undefined, 0]);
    expect(result.outcomes[0]).toMatchObject({ budgetLeft: undefined, windows: 0, exhausted: 0 });
  });
});
