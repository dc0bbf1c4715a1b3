import fc from 'fast-check';
import { makeSlo } from '../testing/fixtures';
import type { Slo } from './types';
import { backtestObjective, gridTime, type Grid, type GroupRates } from './backtest';
import { findIncidents, scorecard } from './scorecard';

const grid: Grid = { start: 0, stepSeconds: 60, count: 720 }; // 12 hours of minutes
const slo: Slo = makeSlo({
  tier: undefined,
  objectives: [{ target: '0.99', window: { kind: 'rolling', duration: '30d', seconds: 2592000 } }],
});
const options = { from: 0, budgetRatio: 0.01, windowSeconds: 2592000, mergeGapSeconds: 300 };

/** 10 events/s; all bad at minutes 600..609, half bad at minute 612. */
function rates(): GroupRates {
  const total = new Float64Array(grid.count).fill(10);
  const bad = new Float64Array(grid.count).fill(0);
  bad.fill(10, 600, 610);
  bad[612] = 5;
  return { labels: {}, total, bad };
}

describe('scorecard', () => {
  it('scores the workbook alerts on a hand-computed incident', () => {
    const incidents = findIncidents(grid, [rates()], options);
    // The 2-minute gap (610, 611) is shorter than 5m: one incident, minutes 600..612, ends at 613.
    // Window budget: 10 events/s x 2,592,000 s x 1% = 259,200 bad events; spent 10 x 600 + 300 = 6,300.
    expect(incidents).toHaveLength(1);
    expect(incidents[0].start).toBe(gridTime(grid, 600));
    expect(incidents[0].end).toBe(gridTime(grid, 613));
    expect(incidents[0].badEvents).toBe(6300);
    expect(incidents[0].budgetSpent).toBeCloseTo(6300 / 259200, 12);

    const replay = backtestObjective(slo, slo.objectives[0], grid, [rates()], { from: 0 });
    const card = scorecard(incidents, replay.alerts, replay.from, replay.to);
    const byWindows = new Map(
      card.alerts.map((a) => [`${a.alert.burnRate.longWindow}/${a.alert.burnRate.shortWindow}`, a])
    );
    const page = byWindows.get('1h/5m');
    // 14.4x: fires at minute 608 (4,800 bad of 36,000 > 14.4%); the 5m window 609..613 holds 900 bad of 3,000
    // (30%), 610..614 holds 300 (10%): clears at 614, one minute after the incident's end.
    expect(page?.perIncident[0].firedAt).toBe(gridTime(grid, 608));
    expect(page?.perIncident[0].clearedAt).toBe(gridTime(grid, 614));
    expect(page?.perIncident[0].detectionDelaySeconds).toBe(480);
    expect(page?.perIncident[0].resetSeconds).toBe(60);
    expect(page?.perIncident[0].budgetSpentBeforeFire).toBeCloseTo(4800 / 259200, 12);
    expect(page?.missed).toBe(0);
    expect(page?.noisy).toBe(0);
    expect(page?.firesPerWeek).toBeCloseTo(1 / ((719 * 60) / (7 * 86400)), 9);
    // 6x over 6h needs 12,960 bad of 216,000: never fires, and the incident spent 2.43% > 2%: missed.
    expect(byWindows.get('6h/30m')?.missed).toBe(1);
    expect(byWindows.get('6h/30m')?.perIncident[0].budgetSpentBeforeFire).toBeCloseTo(6300 / 259200, 12);
  });

  it('counts an episode outside every incident as noisy', () => {
    const alert = backtestObjective(slo, slo.objectives[0], grid, [rates()], { from: 0 }).alerts[0];
    expect(alert.episodes.length).toBeGreaterThan(0);
    const card = scorecard([], [alert], 0, gridTime(grid, 719));
    expect(card.alerts[0].noisy).toBe(alert.episodes.length);
  });

  it('keeps incidents apart by more than the merge gap, and their budget adds up to the bad events', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 20, maxLength: 120 }), (badRates) => {
        const g: Grid = { start: 0, stepSeconds: 60, count: badRates.length };
        const group: GroupRates = {
          labels: {},
          total: new Float64Array(badRates.length).fill(10),
          bad: Float64Array.from(badRates),
        };
        const found = findIncidents(g, [group], { ...options, budgetRatio: 0.3 });
        for (let i = 1; i < found.length; i++) {
          expect(found[i].start - found[i - 1].end).toBeGreaterThanOrEqual(300_000);
        }
        const badAboveBudget = badRates.filter((b) => b / 10 > 0.3).reduce((a, b) => a + b * 60, 0);
        expect(found.reduce((a, i) => a + i.badEvents, 0)).toBe(badAboveBudget);
      })
    );
  });
});
