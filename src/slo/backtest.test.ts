import fc from 'fast-check';
import { makeSlo } from '../testing/fixtures';
import type { Slo } from './types';
import {
  alignToGrid,
  backtestObjective,
  gridTime,
  longestAlertWindowSeconds,
  type Grid,
  type GroupRates,
} from './backtest';

const STEP = 60;
const grid: Grid = { start: 0, stepSeconds: STEP, count: 720 }; // 12 hours of minutes

/** 10 events/s everywhere; every event bad at minutes 600..609. */
function outageRates(labels: Record<string, string> = {}, bad = true): GroupRates {
  const total = new Float64Array(grid.count).fill(10);
  const badRates = new Float64Array(grid.count).fill(0);
  if (bad) {
    badRates.fill(10, 600, 610);
  }
  return { labels, total, bad: badRates };
}

const slo: Slo = makeSlo({
  tier: undefined,
  objectives: [{ target: '0.99', window: { kind: 'rolling', duration: '30d', seconds: 2592000 } }],
});

describe('backtestObjective', () => {
  it('figures the SLI and budget of the range as a ratio of sums', () => {
    const result = backtestObjective(slo, slo.objectives[0], grid, [outageRates()], { from: 0 });
    expect(result.events).toBe(720 * 10 * 60);
    expect(result.badEvents).toBe(100 * 60);
    expect(result.firstEventAt).toBe(0);
    expect(result.errorRatio).toBeCloseTo(100 / 7200, 12);
    expect(result.sli).toBeCloseTo(1 - 100 / 7200, 12);
    expect(result.burnRate).toBeCloseTo(100 / 7200 / 0.01, 10);
    // 12 hours at 1.3889x of a 30 day budget.
    expect(result.coveredSeconds).toBe(43200);
    expect(result.budgetSpent).toBeCloseTo((100 / 72) * (43200 / 2592000), 10);
    expect(result.budgetLastsSeconds).toBeCloseTo(2592000 / (100 / 72), 4);
    expect(result.hourly).toHaveLength(12);
    expect(result.hourly[10].sli).toBeCloseTo(1 - 100 / 600, 12);
    expect(result.hourly.filter((h) => h.sli === 1)).toHaveLength(11);
  });

  it('says how few bad events fire each alert at the quietest tenth of the range', () => {
    // 1 event/s for the first 4 hours, 10/s after. From the 1h window's first full hour on (minute 59), 661
    // windows; a tenth of the way up the sorted sums, the quiet ones are still the 1 event/s hours: 3,600
    // events, and the 1h/5m page (14.4 x 1%) fires on more than 518.4 bad of them.
    const quiet = outageRates({}, false);
    quiet.total.fill(1, 0, 240);
    const result = backtestObjective(slo, slo.objectives[0], grid, [quiet], { from: gridTime(grid, 59) });
    const page = result.alerts.find((a) => a.burnRate.longWindow === '1h');
    expect(page?.lowTraffic?.quietEvents).toBe(3600);
    expect(page?.lowTraffic?.badToFire).toBeCloseTo(518.4, 9);
    // No traffic: no figure.
    const silent = { labels: {}, total: new Float64Array(grid.count), bad: new Float64Array(grid.count) };
    const none = backtestObjective(slo, slo.objectives[0], grid, [silent], { from: 0 });
    expect(none.alerts.every((a) => a.lowTraffic === undefined)).toBe(true);
  });

  it('replays the workbook alerts as Prometheus evaluates them', () => {
    const result = backtestObjective(slo, slo.objectives[0], grid, [outageRates()], { from: 0 });
    const byWindows = new Map(result.alerts.map((a) => [`${a.burnRate.longWindow}/${a.burnRate.shortWindow}`, a]));
    // 1h/5m at 14.4x: the hour needs more than 86.4 bad events per 600 -> 9 bad minutes in it (from minute
    // 608); the 5m window holds a bad minute until minute 613.
    expect(byWindows.get('1h/5m')?.episodes).toEqual([
      { labels: {}, start: gridTime(grid, 608), end: gridTime(grid, 614) },
    ]);
    expect(byWindows.get('1h/5m')?.firingSeconds).toBe(6 * 60);
    expect(byWindows.get('6h/30m')?.episodes).toEqual([]);
    expect(byWindows.get('1d/2h')?.episodes).toEqual([]);
    // 3d/6h at 1x: its window ends at the last whole 10 minutes, so it sees the outage from minute 610 (100
    // bad of 6,110; at minute 609 it still ends at minute 600: 10 bad of 6,010), to the end of the range
    // (the 6h window still holds the outage and the whole range is 100 bad of 7,200).
    expect(byWindows.get('3d/6h')?.episodes).toEqual([
      { labels: {}, start: gridTime(grid, 610), end: gridTime(grid, 720) },
    ]);
  });

  it('keeps the low-traffic guard: no page below the minimum of bad events in the long window', () => {
    const guarded = (minBadEvents: number) =>
      backtestObjective(
        { ...slo, alerting: { ...slo.alerting, minBadEvents } },
        slo.objectives[0],
        grid,
        [outageRates()],
        { from: 0 }
      ).alerts[0];
    // 6,000 bad events (100/s-samples x 60 s) in the hour of the outage.
    expect(guarded(6001).episodes).toEqual([]);
    expect(guarded(6000).episodes).toHaveLength(1);
  });

  it('evaluates each group on its own', () => {
    const result = backtestObjective(
      { ...slo, indicator: { ...slo.indicator, groupBy: ['route'] } },
      slo.objectives[0],
      grid,
      [outageRates({ route: '/pay' }), outageRates({ route: '/home' }, false)],
      { from: 0 }
    );
    const page = result.alerts[0];
    expect(page.episodes.map((e) => e.labels)).toEqual([{ route: '/pay' }]);
    // Both groups together: half the errors.
    expect(result.errorRatio).toBeCloseTo(100 / 14400, 12);
  });

  it('uses the instants before `from` only for the alert windows', () => {
    const result = backtestObjective(slo, slo.objectives[0], grid, [outageRates()], { from: gridTime(grid, 660) });
    expect(result.from).toBe(gridTime(grid, 660));
    expect(result.badEvents).toBe(0);
    expect(result.sli).toBe(1);
    // Events from `from` on: the hour it covers.
    expect(result.coveredSeconds).toBe(3600);
    // The 6h window at minute 660 still holds the outage: the 3d/6h ticket is still firing.
    expect(result.alerts.find((a) => a.burnRate.longWindow === '3d')?.episodes[0].start).toBe(gridTime(grid, 660));
  });

  it('gives no SLI and no alert without events, never NaN', () => {
    const empty: GroupRates = {
      labels: {},
      total: new Float64Array(grid.count).fill(NaN),
      bad: new Float64Array(grid.count).fill(NaN),
    };
    const result = backtestObjective(slo, slo.objectives[0], grid, [empty], { from: 0 });
    expect(result.sli).toBeUndefined();
    expect(result.firstEventAt).toBeUndefined();
    expect(result.budgetSpent).toBeUndefined();
    expect(result.hourly.every((h) => h.sli === undefined)).toBe(true);
    expect(result.alerts.every((a) => a.episodes.length === 0)).toBe(true);
  });

  it('adapts defaults the target cannot reach and replays none when alerting is off', () => {
    const low = { ...slo, objectives: [{ ...slo.objectives[0], target: '0.9' }] };
    // 14.4x of a 10% budget is more than every event failing: the fastest page fires at 75% failing instead.
    const factors = backtestObjective(low, low.objectives[0], grid, [outageRates()], { from: 0 }).alerts.map(
      (a) => a.burnRate.factor
    );
    expect(factors).toEqual(['7.5', '6', '3', '1']);
    const off = { ...slo, alerting: { ...slo.alerting, enabled: false } };
    expect(backtestObjective(off, off.objectives[0], grid, [outageRates()], { from: 0 }).alerts).toEqual([]);
  });

  it('pages on a full outage within an hour and never at 0.1x burn, whatever the target and window', () => {
    const windows = [7, 28, 30, 90].map((days) => ({
      kind: 'rolling' as const,
      duration: `${days}d`,
      seconds: days * 86400,
    }));
    const targets = fc.oneof(
      fc.constantFrom('0.5', '0.8', '0.9', '0.95', '0.99', '0.999', '0.9999', '0.99999'),
      fc.integer({ min: 1, max: 99999 }).map((n) => (n / 100000).toString())
    );
    fc.assert(
      fc.property(targets, fc.constantFrom(...windows), (target, window) => {
        const tested = { ...slo, objectives: [{ target, window }] };
        const budget = 1 - Number(target);
        const pages = (bad: Float64Array) =>
          backtestObjective(
            tested,
            tested.objectives[0],
            grid,
            [{ labels: {}, total: new Float64Array(grid.count).fill(10), bad }],
            {
              from: 0,
            }
          ).alerts.filter((a) => a.burnRate.severity === 'page');
        // Every event failing from minute 600: a page fires by minute 660.
        const outage = new Float64Array(grid.count).fill(0).fill(10, 600);
        const firstPage = Math.min(...pages(outage).flatMap((a) => a.episodes.map((e) => e.start)));
        expect(firstPage).toBeLessThanOrEqual(gridTime(grid, 660));
        // A steady burn at a tenth of the budget's pace: no page at all.
        const slow = new Float64Array(grid.count).fill(10 * budget * 0.1);
        expect(pages(slow).flatMap((a) => a.episodes)).toEqual([]);
      }),
      { numRuns: 60 }
    );
  });
});

describe('backtestObjective with another alert set', () => {
  it('replays the given alerts, and holds a `for:` alert pending as Prometheus does', () => {
    const [fastPage] = backtestObjective(slo, slo.objectives[0], grid, [outageRates()], { from: 0 }).alerts;
    const held = { ...fastPage.burnRate, for: '2m' };
    const replay = backtestObjective(slo, slo.objectives[0], grid, [outageRates()], { from: 0, burnRates: [held] });
    // The condition holds from minute 608 to 613 (the 5m window empties at 614): with `for: 2m` the alert is
    // pending at 608 and 609 and fires from 610 (608 + 2m), resolving at 614 as without `for`.
    expect(fastPage.episodes.map((e) => [e.start, e.end])).toEqual([[gridTime(grid, 608), gridTime(grid, 614)]]);
    expect(replay.alerts).toHaveLength(1);
    expect(replay.alerts[0].episodes.map((e) => [e.start, e.end])).toEqual([
      [gridTime(grid, 610), gridTime(grid, 614)],
    ]);
    // Held longer than the condition lasts: never fires.
    const longer = { ...fastPage.burnRate, for: '6m' };
    expect(
      backtestObjective(slo, slo.objectives[0], grid, [outageRates()], { from: 0, burnRates: [longer] }).alerts[0]
        .episodes
    ).toEqual([]);
  });

  it('replays another set even when the SLO itself does not alert', () => {
    const quiet: Slo = { ...slo, alerting: { ...slo.alerting, enabled: false } };
    const [fastPage] = backtestObjective(slo, slo.objectives[0], grid, [outageRates()], { from: 0 }).alerts;
    expect(backtestObjective(quiet, quiet.objectives[0], grid, [outageRates()], { from: 0 }).alerts).toEqual([]);
    const replay = backtestObjective(quiet, quiet.objectives[0], grid, [outageRates()], {
      from: 0,
      burnRates: [fastPage.burnRate],
    });
    expect(replay.alerts[0].episodes).toHaveLength(1);
  });
});

describe('alignToGrid', () => {
  it('puts points on the nearest instant and leaves gaps as NaN', () => {
    const values = alignToGrid({ start: 1000, stepSeconds: 60, count: 4 }, [
      [1000, 1],
      [61_000 + 400, 2],
      [500_000, 9],
    ]);
    expect(Array.from(values)).toEqual([1, 2, NaN, NaN]);
  });
});

describe('longestAlertWindowSeconds', () => {
  it('is the 3 day window of the workbook for a 30 day SLO, scaled for 7 days', () => {
    expect(longestAlertWindowSeconds(slo)).toBe(3 * 86400);
    const week = {
      ...slo,
      objectives: [{ target: '0.99', window: { kind: 'rolling' as const, duration: '7d', seconds: 604800 } }],
    };
    expect(longestAlertWindowSeconds(week)).toBe(Math.round(3 * 86400 * (7 / 30)));
  });
});
