import { makeSlo } from '../testing/fixtures';
import type { Slo } from './types';
import { backtestObjective, gridTime, type AlertReplay, type Grid, type GroupRates } from './backtest';
import { findIncidents } from './scorecard';
import { notifications, scoreAlertSet } from './alertSetScore';
import { alertSetsFor } from './alertSets';

/**
 * A case small enough to compute by hand: 12 hours of one-minute steps, 10 events/s, a 99% SLO over 30
 * days, every event failing in minutes 600..609.
 *
 * The window's budget: 10/s x 2,592,000 s x 1% = 259,200 bad events. The incident (5m error ratio above
 * 1%) is minutes 600..609, ending at 610, and spends 10 x 600 = 6,000 bad events: 2.3148% (> 2%).
 *
 * Workbook (this SLO has no tier, so its own set is the workbook's):
 * - 14.4x over 1h/5m (page): more than 0.144 x 60 = 8.64 bad minutes in the hour: fires at 608, after 8
 *   minutes and 8 x 600 = 4,800 bad events (1.8519%); the 5m window is clear of bad minutes at 614: it clears
 *   4 minutes after the incident ended.
 * - 6x over 6h/30m (page): needs 0.06 x 360 = 21.6 bad minutes: never. 3x over 1d/2h (ticket): the day holds
 *   the whole range, 10 bad of at least 610 minutes is under 3%: never.
 * - 1x over 3d/6h (ticket): 7 bad of minutes 0..606 is 1.153% > 1% (6 of 606 is 0.990%): from 606 to the end.
 * Pyrra for 30 days (windows x 30/28, rounded to the minute):
 * - 14x over 64m/5m for 2m (page): more than 0.14 x 64 = 8.96 bad minutes: holds from 608, fires 2 minutes
 *   later at 610 (after 10 minutes and all 6,000 bad events, 2.3148%), clears at 614 with the 5m window.
 * - 7x over 386m/32m: needs 27.02 bad minutes: never. 2x over 1543m/129m for 64m: 10 of 610 is under 2%:
 *   never. 1x over 6171m/386m for 193m: holds from 606 but would fire at 799, after the range: never.
 * Pyrra's page fires as the bad period ends: a late page, within the 15 minutes after it that still count
 * as the incident's (without them it would be a missed incident and a noisy page).
 * One page each, and the workbook's ticket; no set misses the incident or pages noisily.
 */
const grid: Grid = { start: 0, stepSeconds: 60, count: 720 };
const slo: Slo = makeSlo({
  tier: undefined,
  objectives: [{ target: '0.99', window: { kind: 'rolling', duration: '30d', seconds: 2592000 } }],
});
const WINDOW_BUDGET = 259_200;

function outage(): GroupRates {
  const total = new Float64Array(grid.count).fill(10);
  const bad = new Float64Array(grid.count).fill(0);
  bad.fill(10, 600, 610);
  return { labels: {}, total, bad };
}

function scoreSet(name: string) {
  const groups = [outage()];
  const incidents = findIncidents(grid, groups, {
    from: 0,
    budgetRatio: 0.01,
    windowSeconds: 2592000,
    mergeGapSeconds: 900,
  });
  const set = alertSetsFor(slo, slo.objectives[0]).find((s) => s.name === name)!;
  const replay = backtestObjective(slo, slo.objectives[0], grid, groups, { from: 0, burnRates: set.burnRates });
  return { incidents, replay, score: scoreAlertSet(incidents, replay.alerts, replay.from, replay.to, 900) };
}

const minute = (m: number) => gridTime(grid, m);
const WEEKS = (719 * 60_000) / (7 * 86_400_000);

describe('scoreAlertSet on a hand-computed outage', () => {
  it('scores the workbook set: a page after 8 minutes, 1.85% of the budget spent before it', () => {
    const { incidents, score } = scoreSet('workbook');
    expect(incidents.map((i) => [i.start, i.end])).toEqual([[minute(600), minute(610)]]);
    expect(incidents[0].budgetSpent).toBeCloseTo(6000 / WINDOW_BUDGET, 12);
    const [incident] = score.incidents;
    expect(incident.firstPageAt).toBe(minute(608));
    expect(incident.pageDelaySeconds).toBe(480);
    expect(incident.budgetSpentBeforeFirstPage).toBeCloseTo(4800 / WINDOW_BUDGET, 12);
    // Tiers in order: 14.4x, 6x, 3x, 1x.
    expect(incident.tiers.map((t) => [t.firedAt, t.clearedAt, t.detectionDelaySeconds, t.resetSeconds])).toEqual([
      [minute(608), minute(614), 480, 240],
      [undefined, undefined, undefined, undefined],
      [undefined, undefined, undefined, undefined],
      // The 3d window ends at the last whole 10 minutes: it sees the outage at minute 610.
      [minute(610), minute(720), 600, 110 * 60],
    ]);
    expect(score.pages).toBe(1);
    expect(score.tickets).toBe(1);
    expect(score.pagesPerWeek).toBeCloseTo(1 / WEEKS, 9);
    expect(score.ticketsPerWeek).toBeCloseTo(1 / WEEKS, 9);
    expect(score.missedIncidents).toBe(0);
    expect(score.noisyPages).toBe(0);
  });

  it("scores Pyrra's set: the 2 minute `for:` delays the page to minute 610, after the whole spend", () => {
    const { score } = scoreSet('pyrra');
    const [incident] = score.incidents;
    expect(incident.firstPageAt).toBe(minute(610));
    expect(incident.pageDelaySeconds).toBe(600);
    expect(incident.budgetSpentBeforeFirstPage).toBeCloseTo(6000 / WINDOW_BUDGET, 12);
    expect(incident.tiers[0]).toMatchObject({ firedAt: minute(610), clearedAt: minute(614), resetSeconds: 240 });
    expect(incident.tiers.slice(1).every((t) => t.firedAt === undefined)).toBe(true);
    expect([score.pages, score.tickets, score.missedIncidents, score.noisyPages]).toEqual([1, 0, 0, 0]);
    // Counted strictly within the bad period, the same page misses the incident and is noise.
    const { incidents, replay } = scoreSet('pyrra');
    const strict = scoreAlertSet(incidents, replay.alerts, replay.from, replay.to);
    expect([strict.missedIncidents, strict.noisyPages]).toEqual([1, 1]);
  });

  it('counts the incident as missed by a set that only tickets', () => {
    const { incidents, replay } = scoreSet('workbook');
    const ticketsOnly = replay.alerts.filter((a) => a.burnRate.severity === 'ticket');
    const score = scoreAlertSet(incidents, ticketsOnly, replay.from, replay.to);
    expect(score.incidents[0].firstPageAt).toBeUndefined();
    expect(score.incidents[0].budgetSpentBeforeFirstPage).toBeCloseTo(6000 / WINDOW_BUDGET, 12);
    expect(score.missedIncidents).toBe(1);
    expect(score.pages).toBe(0);
  });
});

describe('notifications and noisy pages', () => {
  const episode = (labels: Record<string, string>, start: number, end: number) => ({ labels, start, end });
  const alert = (severity: 'page' | 'ticket', episodes: AlertReplay['episodes']): AlertReplay => ({
    burnRate: { ...alertSetsFor(slo, slo.objectives[0])[0].burnRates[0], severity },
    episodes,
    firingSeconds: 0,
  });

  it('merges the tiers of one group that fire together into one page, groups apart', () => {
    const a = { route: '/a' };
    const b = { route: '/b' };
    const pages = notifications(
      [
        alert('page', [episode(a, 10, 20), episode(a, 50, 60), episode(b, 12, 14)]),
        alert('page', [episode(a, 15, 30)]),
        alert('ticket', [episode(a, 0, 100)]),
      ],
      'page'
    );
    expect(pages).toEqual([episode(a, 10, 30), episode(b, 12, 14), episode(a, 50, 60)]);
  });

  it('counts a page during no incident, or one that spent under 1%, as noisy', () => {
    const incidents = [
      { start: 100, end: 200, badEvents: 1, budgetSpent: 0.005, spentByStep: [0.005] },
      { start: 300, end: 400, badEvents: 1, budgetSpent: 0.03, spentByStep: [0.03] },
    ];
    const score = scoreAlertSet(
      incidents,
      [alert('page', [episode({}, 150, 160), episode({}, 350, 420), episode({}, 500, 510)])],
      0,
      7 * 86_400_000
    );
    expect(score.pages).toBe(3);
    expect(score.pagesPerWeek).toBe(3);
    expect(score.noisyPages).toBe(2);
    expect(score.missedIncidents).toBe(0);
  });
});
