import { makeSlo } from '../testing/fixtures';
import { budgetHistoryFromSteps, longestWindowSeconds, stitchHistory } from './replayHistory';
import { objectiveKey } from './replay';

const DAY_MS = 86_400_000;
const T0 = Date.UTC(2026, 10, 1);

describe('budgetHistoryFromSteps', () => {
  // A 7d objective at 99%: 1% of the events may fail.
  const slo = makeSlo({
    uid: 'web',
    objectives: [{ target: '0.99', window: { kind: 'rolling', duration: '7d', seconds: 7 * 86400 } }],
  });
  // Daily steps over 10 days: 1,000 events a day, 5 bad, and 50 bad on day 3.
  const times = Array.from({ length: 10 }, (_, i) => T0 + (i + 1) * DAY_MS);
  const totals = [{ labels: { slo_uid: 'web' }, points: times.map((t): [number, number] => [t, 1000]) }];
  const bads = [{ labels: { slo_uid: 'web' }, points: times.map((t, i): [number, number] => [t, i === 2 ? 50 : 5]) }];

  it("sums the steps of each point's window against the target", () => {
    const points = budgetHistoryFromSteps([slo], totals, bads, T0 + 7 * DAY_MS).get(objectiveKey('web', '7d'))!;
    expect(points.map(([t]) => (t - T0) / DAY_MS)).toEqual([7, 8, 9, 10]);
    // Day 7: days 1 to 7, 80 bad of 7,000 against 70 allowed; day 10: days 4 to 10, 35 of 7,000.
    expect(points[0][1]).toBeCloseTo(1 - 80 / 70, 10);
    expect(points[3][1]).toBeCloseTo(0.5, 10);
  });

  it('counts what there is for a window reaching before the first step, and nothing without traffic', () => {
    const points = budgetHistoryFromSteps([slo], totals, bads, T0).get(objectiveKey('web', '7d'))!;
    expect(points[0]).toEqual([T0 + DAY_MS, 0.5]);
    expect(budgetHistoryFromSteps([slo], [], [], T0).get(objectiveKey('web', '7d'))).toEqual([]);
  });

  it('reads a calendar window from the start of its period', () => {
    const month = makeSlo({
      uid: 'web',
      objectives: [{ target: '0.99', window: { kind: 'calendar', unit: 'month' } }],
    });
    const points = budgetHistoryFromSteps([month], totals, bads, T0).get(objectiveKey('web', 'month'))!;
    // November from its first day: day 3 holds 60 bad of 3,000 against 30 allowed.
    expect(points[2][1]).toBeCloseTo(-1, 10);
    expect(longestWindowSeconds([month, slo])).toBe(31 * 86400);
  });
});

describe('stitchHistory', () => {
  it('keeps the raw points before the first recorded one', () => {
    expect(
      stitchHistory(
        [
          [1, 0.9],
          [2, 0.8],
          [3, 0.7],
        ],
        [
          [3, 0.75],
          [4, NaN],
          [5, 0.6],
        ]
      )
    ).toEqual([
      [1, 0.9],
      [2, 0.8],
      [3, 0.75],
      [5, 0.6],
    ]);
    expect(stitchHistory([[1, 0.9]], undefined)).toEqual([[1, 0.9]]);
  });
});
