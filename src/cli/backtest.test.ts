import { makeSlo } from '../testing/fixtures';
import { captureCli, outagePrometheus } from '../testing/replayCli';
import { sloToYaml } from '../storage/sloDashboard';
import { sloRatesExprs, STEPS_PER_QUERY } from '../decisions/backtestRates';
import type { BacktestReportJson } from '../decisions/backtestComparison';
import type { Slo } from '../slo/types';
import type { HttpGet } from './prometheusHttp';
import { BACKTEST_EXIT, BACKTEST_USAGE, runBacktestCommand } from './backtest';

const NOW = new Date('2026-12-04T12:00:30Z');
const END = Date.parse('2026-12-04T12:00:00Z') / 1000;
/** Every event fails for 10 minutes, 3 days before the end of the range. */
const OUTAGE_START = END - 3 * 86400;

const slo: Slo = makeSlo({
  tier: undefined,
  objectives: [{ target: '0.99', window: { kind: 'rolling', duration: '30d', seconds: 2592000 } }],
});
const exprs = sloRatesExprs(slo, '30s');

function capture(files: Record<string, string> = { 'slo.yaml': sloToYaml(slo) }) {
  return captureCli(files);
}

function prometheus(requests: URL[], empty = false): HttpGet {
  return outagePrometheus(exprs.total, OUTAGE_START, requests, empty);
}

describe('burnrate backtest', () => {
  it('prints its help', async () => {
    const c = capture();
    expect(await runBacktestCommand(['--help'], c.io)).toBe(BACKTEST_EXIT.ok);
    expect(c.out()).toBe(BACKTEST_USAGE);
  });

  it('names every wrong option', async () => {
    const c = capture();
    expect(await runBacktestCommand(['--days', '91', '--prometheus', 'localhost:9090'], c.io)).toBe(
      BACKTEST_EXIT.usage
    );
    expect(c.err()).toContain('burnrate backtest: name at least one SLO file');
    expect(c.err()).toContain('--prometheus must be an http:// or https:// URL, got "localhost:9090"');
    expect(c.err()).toContain('--days must be a whole number of days from 1 to 90, got "91"');
    const missing = capture();
    expect(await runBacktestCommand(['slo.yaml', '--days', '1.5'], missing.io)).toBe(BACKTEST_EXIT.usage);
    expect(missing.err()).toContain('--prometheus URL is required');
    expect(missing.err()).toContain('got "1.5"');
  });

  it('refuses a file it cannot read, naming it', async () => {
    const c = capture();
    const code = await runBacktestCommand(['nope.yaml', '--prometheus', 'http://prom'], c.io, {
      http: prometheus([]),
    });
    expect(code).toBe(BACKTEST_EXIT.usage);
    expect(c.err()).toContain('FILE: cannot read nope.yaml');
  });

  it('replays 30 days in bounded range queries and prints the scorecard as JSON', async () => {
    const requests: URL[] = [];
    const c = capture();
    const code = await runBacktestCommand(['slo.yaml', '--prometheus', 'http://prom/', '--json'], c.io, {
      http: prometheus(requests),
      now: () => NOW,
    });
    expect(c.err()).toBe('');
    expect(code).toBe(BACKTEST_EXIT.ok);
    // 30 days of minutes and Pyrra's 4 day window scaled to 30 days (6171m) before them: 49,372 steps,
    // 5 chunks of at most 10,000, each read for both expressions.
    expect(requests).toHaveLength(10);
    for (const r of requests) {
      const steps = (Number(r.searchParams.get('end')) - Number(r.searchParams.get('start'))) / 60 + 1;
      expect(r.pathname).toBe('/api/v1/query_range');
      expect(r.searchParams.get('step')).toBe('60');
      expect(steps).toBeLessThanOrEqual(STEPS_PER_QUERY);
    }
    const report = JSON.parse(c.out()) as BacktestReportJson;
    expect(report.version).toBe(1);
    expect(report.from).toBe('2026-11-04T12:00:00.000Z');
    expect(report.to).toBe('2026-12-04T12:00:00.000Z');
    expect([report.days, report.stepSeconds]).toEqual([30, 60]);
    const [objective] = report.slos[0].objectives;
    expect(objective.incidents).toEqual([
      {
        start: '2026-12-01T12:00:00.000Z',
        end: '2026-12-01T12:10:00.000Z',
        durationSeconds: 600,
        badEvents: 6000,
        budgetSpent: 6000 / 259_200,
      },
    ]);
    expect(objective.alertSets.map((s) => [s.name, s.sameAs ?? null, s.pages, s.missedIncidents])).toEqual([
      ['own', null, 1, 0],
      ['workbook', 'own', 1, 0],
      ['pyrra', null, 1, 0],
    ]);
    // The workbook's 14.4x pages once 9 bad minutes are in the hour (12:08); Pyrra's 14x over 64m then too, held
    // 2 minutes by `for:` (12:10).
    expect(objective.alertSets[0].incidents[0]).toMatchObject({
      firstPageAt: '2026-12-01T12:08:00.000Z',
      pageDelaySeconds: 480,
      paged: true,
    });
    expect(objective.alertSets[2].incidents[0]).toMatchObject({ pageDelaySeconds: 600, paged: true });
    expect(objective.alertSets[0].incidents[0].tiers[0]).toEqual({
      alert: 0,
      firedAt: '2026-12-01T12:08:00.000Z',
      clearedAt: '2026-12-01T12:14:00.000Z',
      detectionDelaySeconds: 480,
      resetSeconds: 240,
    });
  });

  it('reads each SLO on the Prometheus of its datasource', async () => {
    const requests: URL[] = [];
    const eu = { ...slo, uid: 'eu-slo', name: 'eu-slo', datasourceUid: 'prom-eu' };
    const named = { ...slo, uid: 'named-slo', name: 'named-slo', datasourceUid: 'prom-main' };
    const c = capture({ 'slos.yaml': [slo, eu, named].map(sloToYaml).join('---\n') });
    const code = await runBacktestCommand(
      [
        'slos.yaml',
        '--prometheus',
        'http://main:9090',
        '--datasource-uid',
        'prom-main',
        '--datasource-url',
        'prom-eu=https://eu.example.com/prometheus',
        '--days',
        '1',
        '--json',
      ],
      c.io,
      { http: prometheus(requests), now: () => NOW }
    );
    expect(c.err()).toBe('');
    expect(code).toBe(BACKTEST_EXIT.ok);
    expect((JSON.parse(c.out()) as BacktestReportJson).slos).toHaveLength(3);
    // Each SLO reads its two expressions in one chunk: two SLOs on main, one on EU.
    expect(requests.map((r) => r.host).sort()).toEqual([
      'eu.example.com',
      'eu.example.com',
      'main:9090',
      'main:9090',
      'main:9090',
      'main:9090',
    ]);
    expect(
      requests.filter((r) => r.host === 'eu.example.com').every((r) => r.pathname === '/prometheus/api/v1/query_range')
    ).toBe(true);
  });

  it('stops before reading when an SLO is on a datasource given no URL, or a flag is wrong', async () => {
    const requests: URL[] = [];
    const eu = { ...slo, name: 'eu-slo', datasourceUid: 'prom-eu' };
    const c = capture({ 'slos.yaml': [slo, eu].map(sloToYaml).join('---\n') });
    const code = await runBacktestCommand(['slos.yaml', '--prometheus', 'http://main:9090'], c.io, {
      http: prometheus(requests),
      now: () => NOW,
    });
    expect(code).toBe(BACKTEST_EXIT.usage);
    expect(requests).toEqual([]);
    expect(c.err()).toBe(
      'burnrate backtest: SLO "eu-slo" is on the datasource "prom-eu": give its Prometheus with ' +
        '--datasource-url prom-eu=URL, or --datasource-uid prom-eu if --prometheus is it\n'
    );
    const wrong = capture();
    const flags = [
      'slo.yaml',
      '--prometheus',
      'http://main:9090',
      '--datasource-uid',
      '{{ $x }}',
      '--datasource-url',
      'prom-eu',
      '--datasource-url',
      'a=http://a',
      '--datasource-url',
      'a=http://b',
    ];
    expect(await runBacktestCommand(flags, wrong.io, { http: prometheus(requests) })).toBe(BACKTEST_EXIT.usage);
    expect(wrong.err()).toContain('--datasource-uid must be a Grafana datasource uid');
    expect(wrong.err()).toContain(
      '--datasource-url must be UID=URL, a datasource uid and an http:// or https:// URL, got "prom-eu"'
    );
    expect(wrong.err()).toContain('--datasource-url names "a" twice');
    expect(requests).toEqual([]);
  });

  it('prints a table and each incident tier by tier as text', async () => {
    const c = capture();
    await runBacktestCommand(['slo.yaml', '--prometheus', 'http://prom', '--days', '7'], c.io, {
      http: prometheus([]),
      now: () => NOW,
    });
    const text = c.out();
    expect(text).toContain('Backtest 2026-11-27 12:00 UTC to 2026-12-04 12:00 UTC (7 days, step 1m)');
    expect(text).toContain('    Workbook defaults      same alerts as This SLO');
    expect(text).toContain(
      '    Incident 1: 2026-12-01 12:00 UTC to 2026-12-01 12:10 UTC (10m), spent 2.31% of the budget'
    );
    expect(text).toContain('      This SLO: first page after 8m, 1.85% of the budget spent before it');
    expect(text).toContain(
      '        page 14.4x 1h/5m                     fired 2026-12-01 12:08 UTC (after 8m), cleared 2026-12-01 12:14 UTC (4m after recovery)'
    );
    expect(text).toContain('        page 6x 6h/30m                       did not fire');
  });

  it('names an SLO without data and exits 1', async () => {
    const c = capture();
    const code = await runBacktestCommand(['slo.yaml', '--prometheus', 'http://prom', '--json'], c.io, {
      http: prometheus([], true),
      now: () => NOW,
    });
    expect(code).toBe(BACKTEST_EXIT.noData);
    expect(c.err()).toBe(
      'burnrate backtest: SLO "checkout-availability": no events in the last 30 days from its source series (no series matched: check the selectors)\n'
    );
    expect((JSON.parse(c.out()) as BacktestReportJson).problems).toHaveLength(1);
  });

  it('says which SLO it was reading when Prometheus cannot be reached', async () => {
    const c = capture();
    const code = await runBacktestCommand(['slo.yaml', '--prometheus', 'http://prom'], c.io, {
      http: async () => {
        throw new Error('connect ECONNREFUSED');
      },
      now: () => NOW,
    });
    expect(code).toBe(BACKTEST_EXIT.unreachable);
    expect(c.err()).toBe(
      'burnrate backtest: SLO "checkout-availability": cannot reach http://prom: connect ECONNREFUSED\n'
    );
    expect(c.out()).toBe('');
  });
});

describe('burnrate backtest without data, as text', () => {
  it('names the SLO once, after the others, and says "day" for one', async () => {
    const c = capture();
    const code = await runBacktestCommand(['slo.yaml', '--prometheus', 'http://prom', '--days', '1'], c.io, {
      http: prometheus([], true),
      now: () => NOW,
    });
    expect(code).toBe(BACKTEST_EXIT.noData);
    expect(c.out().trimEnd().split('\n').pop()).toBe(
      'SLO "checkout-availability": no events in the last day from its source series (no series matched: check the selectors)'
    );
    expect(c.err()).toBe('');
  });
});
