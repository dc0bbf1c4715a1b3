import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadSloDocuments } from '../formats/load';
import { backtestObjective, type Grid, type GroupRates } from '../slo/backtest';
import { compareObjective } from './backtestComparison';

/**
 * The backtest against Prometheus: tests/promtool/backtest-outage.test.yaml runs the rules of the same SLO
 * on a 10 minute full outage and checks when each tier fires; here the backtest replays the same 5m rates
 * (derived in that file's comments, sampled every 30s as the rules record them) and must fire each tier at
 * the same evaluation.
 */

const slo = loadSloDocuments(
  readFileSync(path.join(__dirname, '../../tests/promtool/slos/api-availability.yaml'), 'utf8')
).slos[0].slo;

const STEPS = 861;
const B = 720; // 6h
const grid: Grid = { start: 0, stepSeconds: 30, count: STEPS };

/** The recorded 5m rates: the total ramps up over the first 5 minutes, the bad rate ramps up and down. */
function outageRates(): GroupRates {
  const total = new Float64Array(STEPS);
  const bad = new Float64Array(STEPS);
  for (let k = 0; k < STEPS; k++) {
    const j = k - B;
    total[k] = k === 0 ? NaN : Math.min(k, 10);
    bad[k] = k === 0 ? NaN : j <= 0 ? 0 : j <= 20 ? Math.min(j, 10) : Math.max(0, 30 - j);
  }
  return { labels: {}, total, bad };
}

const minutes = (ms: number) => ms / 60_000;

describe('backtest and promtool on the same outage', () => {
  it('fires every tier at the evaluation promtool sees it fire', () => {
    const replay = backtestObjective(slo, slo.objectives[0], grid, [outageRates()], { from: 0 });
    const firstFire = Object.fromEntries(
      replay.alerts.map((a) => [`${a.burnRate.severity} ${a.burnRate.longWindow}`, minutes(a.episodes[0].start)])
    );
    expect(firstFire).toEqual({
      'page 1h': 363, // 6h3m
      'page 6h': 364.5, // 6h4m30s
      // Windows of a day or more end at the last whole 10 minutes: 6h until 6h10m.
      'ticket 3d': 370, // 6h10m
      'ticket 1d': 370, // 6h10m
    });
    expect(replay.alerts.every((a) => a.episodes.length === 1)).toBe(true);
  });

  it('scores the outage: the bad period from the first bad rate, the first page 2m30s later', () => {
    const result = compareObjective(slo, slo.objectives[0], grid, [outageRates()], 0);
    // The 5m error ratio is above 0.1% from j = 1 (1 of 10) to j = 29 (1 of 10): 6h0m30s to 6h15m.
    expect(result.incidents).toHaveLength(1);
    expect(result.incidents[0].start).toBe('1970-01-01T06:00:30.000Z');
    expect(result.incidents[0].end).toBe('1970-01-01T06:15:00.000Z');
    const own = result.alertSets.find((s) => s.name === 'own')!;
    expect(own.incidents[0].firstPageAt).toBe('1970-01-01T06:03:00.000Z');
    expect(own.incidents[0].pageDelaySeconds).toBe(150);
    // Bad rates before the page, j = 1..5: 15 per second over 30 s steps = 450 bad requests; the window's
    // budget is the range's mean rate over 30 days x 0.1%.
    const events = outageRates().total.reduce((sum, v) => sum + (Number.isNaN(v) ? 0 : v), 0) * 30;
    const budget = (events / (STEPS * 30)) * 30 * 86400 * 0.001;
    expect(own.incidents[0].budgetSpentBeforeFirstPage).toBeCloseTo(450 / budget, 12);
    expect(own.missedIncidents).toBe(0);
  });
});
