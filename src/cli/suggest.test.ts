import { makeSlo } from '../testing/fixtures';
import { captureCli, outagePrometheus } from '../testing/replayCli';
import { sloToYaml } from '../storage/sloDashboard';
import { sloRatesExprs } from '../decisions/backtestRates';
import type { TargetHistoryReportJson } from '../decisions/targetFromHistory';
import type { Slo } from '../slo/types';
import type { HttpGet } from './prometheusHttp';
import { runSuggestCommand, SUGGEST_EXIT, SUGGEST_USAGE } from './suggest';

const NOW = new Date('2026-12-04T12:00:30Z');
const END = Date.parse('2026-12-04T12:00:00Z') / 1000;
/** Every event fails for 10 minutes, 3 days before the end of the range: 10 steps of 600 bad events. */
const OUTAGE_START = END - 3 * 86400;

const slo: Slo = makeSlo({
  tier: undefined,
  objectives: [{ target: '0.99', window: { kind: 'rolling', duration: '7d', seconds: 604800 } }],
});
const exprs = sloRatesExprs(slo, '30s');

function capture(files: Record<string, string> = { 'slo.yaml': sloToYaml(slo) }) {
  return captureCli(files);
}

function prometheus(requests: URL[], empty = false): HttpGet {
  return outagePrometheus(exprs.total, OUTAGE_START, requests, empty);
}

describe('burnrate suggest', () => {
  it('prints its help', async () => {
    const c = capture();
    expect(await runSuggestCommand(['--help'], c.io)).toBe(SUGGEST_EXIT.ok);
    expect(c.out()).toBe(SUGGEST_USAGE);
  });

  it('names every wrong option and unreadable file', async () => {
    const c = capture();
    expect(await runSuggestCommand(['--days', '0', '--prometheus', 'localhost:9090'], c.io)).toBe(SUGGEST_EXIT.usage);
    expect(c.err()).toContain('burnrate suggest: name at least one SLO file');
    expect(c.err()).toContain(
      'burnrate suggest: --prometheus must be an http:// or https:// URL, got "localhost:9090"'
    );
    expect(c.err()).toContain('--days must be a whole number of days from 1 to 90, got "0"');
    const missing = capture();
    const code = await runSuggestCommand(['gone.yaml', '--prometheus', 'http://p:9090'], missing.io);
    expect(code).toBe(SUGGEST_EXIT.usage);
    expect(missing.err()).toContain('burnrate suggest: FILE: cannot read gone.yaml');
  });

  it('reads 30 days and prints the SLI, the weeks and each target with the suggestion', async () => {
    const requests: URL[] = [];
    const c = capture();
    const argv = ['slo.yaml', '--prometheus', 'http://prometheus:9090', '--days', '30'];
    expect(await runSuggestCommand(argv, c.io, { http: prometheus(requests), now: () => NOW })).toBe(SUGGEST_EXIT.ok);
    // 43,201 one-minute steps in chunks of 10,000: 5 range queries per expression.
    expect(requests).toHaveLength(10);
    expect(requests.every((r) => r.searchParams.get('step') === '60')).toBe(true);
    const text = c.out();
    // 7 days: 10,080 steps of 600 events; 6,000 bad in the outage. 30 days: 43,200 steps.
    expect(text).toContain('last 7 days      99.901%  6,048,000 events, 6,000 bad');
    expect(text).toContain('last 30 days     99.977%  25,920,000 events, 6,000 bad');
    expect(text).toMatch(/\* 2026-11-27 to 2026-12-04\s+99\.901%/);
    // 99.95% allows 3,024 bad events in a 7-day window: the outage's 6,000 overspend it by 98.4%, in one run
    // of windows; over the whole 30 days (43,201 steps) it allows 12,960.3 and leaves 53.7%.
    expect(text).toContain(
      '99.95% would have left 53.7% of its budget over the 30 days held and been exhausted once in 7-day windows.'
    );
    // 99.9% allows 6,048 in a window: the worst keeps 0.8%, under the 25% margin; 99.5% keeps 80.2%.
    expect(text).toContain(
      '99.9% would have left 76.9% of its budget over the 30 days held and never run out in a 7-day window.'
    );
    expect(text).toMatch(/99\.9%\s+essential\s+76\.9%\s+never\s+0\.8%/);
    expect(text).toContain(
      'Suggested target 99.5% (standard): its worst window kept 80.2% of its budget, and a suggestion must keep 25.0%.'
    );
    expect(text).toMatch(/99% \(now\)\s+best_effort\s+/);
  });

  it('gives the figures as JSON', async () => {
    const c = capture();
    const argv = ['slo.yaml', '--prometheus', 'http://prometheus:9090', '--days', '30', '--json'];
    expect(await runSuggestCommand(argv, c.io, { http: prometheus([]), now: () => NOW })).toBe(SUGGEST_EXIT.ok);
    const report = JSON.parse(c.out()) as TargetHistoryReportJson;
    expect(report.version).toBe(1);
    expect(report.stepSeconds).toBe(60);
    const [history] = report.slos;
    expect(history.recent.map((r) => r.days)).toEqual([7, 30]);
    expect(history.weeks).toHaveLength(5);
    expect(history.worstWeek?.badEvents).toBe(6000);
    const [objective] = history.objectives;
    expect(objective.windowSeconds).toBe(604800);
    expect(objective.outcomes.map((o) => [o.target, o.exhausted])).toEqual([
      ['0.9995', 1],
      ['0.999', 0],
      ['0.995', 0],
      ['0.99', 0],
    ]);
    expect(objective.outcomes[0].worstWindowBudgetLeft).toBeCloseTo(1 - 6000 / 3024, 9);
    expect(objective.suggestion).toEqual({ target: '0.995', tiers: ['standard'], aboveEveryTier: false, margin: 0.25 });
  });

  it('exits 1 naming an SLO without events, and 4 when Prometheus cannot be read', async () => {
    const empty = capture();
    const argv = ['slo.yaml', '--prometheus', 'http://prometheus:9090'];
    expect(await runSuggestCommand(argv, empty.io, { http: prometheus([], true), now: () => NOW })).toBe(
      SUGGEST_EXIT.noData
    );
    expect(empty.out()).toContain('no events in the last 90 days from its source series (no series matched');
    const down = capture();
    const failing: HttpGet = async () => {
      throw new Error('connect ECONNREFUSED');
    };
    expect(await runSuggestCommand(argv, down.io, { http: failing, now: () => NOW })).toBe(SUGGEST_EXIT.unreachable);
    expect(down.err()).toContain('burnrate suggest: SLO');
    expect(down.err()).toContain('ECONNREFUSED');
  });
});
