import { makeSlo } from '../testing/fixtures';
import { resolveBurnRates } from '../slo/burnRates';
import type { AlertReplay } from '../slo/backtest';
import type { RatesRangeReader } from './backtestRates';
import { alertDifferences, IMPACT_ALERT_DAYS, runEditImpact } from './editImpact';

const HOUR = 3_600_000;
const slo = makeSlo({ tier: undefined });
const [page, ticket] = (() => {
  const rates = resolveBurnRates(slo, slo.objectives[0]);
  return [rates.find((r) => r.severity === 'page')!, rates.find((r) => r.severity === 'ticket')!];
})();

function replay(burnRate: AlertReplay['burnRate'], spans: Array<[number, number]>, labels = {}): AlertReplay {
  return {
    burnRate,
    episodes: spans.map(([start, end]) => ({ labels, start, end })),
    firingSeconds: spans.reduce((sum, [start, end]) => sum + (end - start) / 1000, 0),
  };
}

describe('alertDifferences', () => {
  it('lists the spans each definition fired alone, per severity and group', () => {
    const before = [replay(page, [[0, 3 * HOUR]]), replay(ticket, [[10 * HOUR, 12 * HOUR]], { route: '/a' })];
    const after = [
      replay(page, [
        [HOUR, 2 * HOUR],
        [5 * HOUR, 6 * HOUR],
      ]),
      replay(ticket, [[11 * HOUR, 12 * HOUR]], { route: '/b' }),
    ];
    expect(alertDifferences({ slo, alerts: before }, { slo, alerts: after })).toEqual([
      { firedUnder: 'before', severity: 'page', labels: {}, start: 0, end: HOUR },
      { firedUnder: 'before', severity: 'page', labels: {}, start: 2 * HOUR, end: 3 * HOUR },
      { firedUnder: 'after', severity: 'page', labels: {}, start: 5 * HOUR, end: 6 * HOUR },
      { firedUnder: 'before', severity: 'ticket', labels: { route: '/a' }, start: 10 * HOUR, end: 12 * HOUR },
      { firedUnder: 'after', severity: 'ticket', labels: { route: '/b' }, start: 11 * HOUR, end: 12 * HOUR },
    ]);
  });

  it('counts alerts of one severity as one, and finds no difference when both fire alike', () => {
    const before = [replay(page, [[0, 2 * HOUR]]), replay(page, [[HOUR, 3 * HOUR]])];
    const after = [replay(page, [[0, 3 * HOUR]])];
    expect(alertDifferences({ slo, alerts: before }, { slo, alerts: after })).toEqual([]);
  });

  it('takes a definition with alerting off as firing nothing, and a draft as paging nobody', () => {
    const alerts = [replay(page, [[0, HOUR]])];
    const silent = makeSlo({ tier: undefined, alerting: { enabled: false, labels: {} } });
    expect(alertDifferences({ slo, alerts }, { slo: silent, alerts })).toEqual([
      { firedUnder: 'before', severity: 'page', labels: {}, start: 0, end: HOUR },
    ]);
    const draft = makeSlo({ tier: undefined, status: 'draft' });
    expect(alertDifferences({ slo, alerts }, { slo: draft, alerts }).map((d) => [d.firedUnder, d.severity])).toEqual([
      ['before', 'page'],
      ['after', 'ticket'],
    ]);
  });
});

describe('runEditImpact', () => {
  // One event a second, half a percent of them bad, at every step.
  const read: RatesRangeReader = async (_exprs, from, to, step) => {
    const points = (value: number): Array<[number, number]> => {
      const out: Array<[number, number]> = [];
      for (let t = from; t <= to; t += step * 1000) {
        out.push([t, value]);
      }
      return out;
    };
    return { total: [{ labels: {}, points: points(1) }], bad: [{ labels: {}, points: points(0.005) }] };
  };
  const now = Date.UTC(2026, 5, 15, 12, 0, 30);

  it('replays the budget of the current window and the alerts under each definition', async () => {
    const looser = makeSlo({ tier: undefined, objectives: [{ ...slo.objectives[0], target: '0.99' }] });
    const impact = await runEditImpact(slo, looser, '30s', read, now);
    expect(impact.before).toHaveLength(1);
    expect(impact.before[0]).toMatchObject({ target: '0.999', window: '30d', from: now - 30 * 86_400_000 });
    expect(impact.before[0].remaining).toBeCloseTo(-4, 9);
    expect(impact.after[0].remaining).toBeCloseTo(0.5, 9);
    expect(impact.before[0].events).toBeCloseTo(30 * 86_400, -2);
    expect(impact.to - impact.alertsFrom).toBe(IMPACT_ALERT_DAYS * 86_400_000);
    // A burn rate of 5 fires the slow alerts of 99.9% the whole week; 0.5 under 99% fires none.
    expect(impact.alerts.length).toBeGreaterThan(0);
    expect(impact.alerts.every((a) => a.firedUnder === 'before' && a.start === impact.alertsFrom)).toBe(true);
    // The replayed instants are those of [from, to]: one step of a minute more than the days.
    expect(impact.alertEvents.after).toBe(IMPACT_ALERT_DAYS * 86_400 + 60);
  });

  it('finds no difference for an annotation edit', async () => {
    const annotated = makeSlo({ tier: undefined, annotations: { runbook: 'https://runbooks.example.com/new' } });
    const impact = await runEditImpact(slo, annotated, '30s', read, now);
    expect(impact.alerts).toEqual([]);
    expect(impact.after).toEqual(impact.before);
  });

  it('reads each definition with its own reader when the edit moves the SLO to another datasource', async () => {
    const empty: RatesRangeReader = async () => ({ total: [], bad: [] });
    const moved = makeSlo({ tier: undefined, datasourceUid: 'eu-prom' });
    const impact = await runEditImpact(slo, moved, '30s', { before: read, after: empty }, now);
    expect(impact.before[0].remaining).toBeCloseTo(-4, 9);
    expect(impact.after[0].remaining).toBeUndefined();
  });

  it('replays a 30-day window at one-minute steps whatever the milliseconds of now', async () => {
    const steps: number[] = [];
    const recording: RatesRangeReader = async (exprs, from, to, step) => {
      steps.push(step);
      return read(exprs, from, to, step);
    };
    await runEditImpact(slo, slo, '30s', recording, now + 750);
    expect(new Set(steps)).toEqual(new Set([60]));
  });

  it('has no budget for a window without events', async () => {
    const empty: RatesRangeReader = async () => ({ total: [], bad: [] });
    const impact = await runEditImpact(slo, slo, '30s', empty, now);
    expect(impact.before[0].remaining).toBeUndefined();
    expect(impact.alertEvents).toEqual({ before: 0, after: 0 });
  });
});
