import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import YAML from 'yaml';
import { GATE_EXIT, runGate, type InstantQuery } from './gate';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { readFile: (_path: string) => '', stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t) },
    out: () => out.join(''),
    err: () => err.join(''),
  };
}

/** Prometheus answering the gate's three queries for a service with one SLO. */
function prometheus(budget: number, errorRatio: number): (url: string) => InstantQuery {
  const labels = { slo: 'checkout-availability', slo_uid: 'checkout', service: 'checkout', slo_window: '30d' };
  return () => async (expr) => {
    if (expr.startsWith('slo:objective:ratio')) {
      return [{ labels, value: 0.999 }];
    }
    if (expr.startsWith('slo:error_budget_remaining:ratio')) {
      return [{ labels, value: budget }];
    }
    return [{ labels: { slo_uid: 'checkout' }, value: errorRatio }];
  };
}

describe('burnrate gate', () => {
  it('exits 0 and says APPROVE for a healthy service and a low-risk change', async () => {
    const c = capture();
    const code = await runGate(
      ['--service', 'checkout', '--risk', 'low', '--prometheus', 'http://p'],
      c.io,
      prometheus(0.9, 0.0005)
    );
    expect(code).toBe(GATE_EXIT.approve);
    expect(c.out().split('\n')[0]).toBe('Release gate for checkout, low-risk change: APPROVE');
  });

  it('exits non-zero when the budget is spent, with the reason on the second line', async () => {
    const c = capture();
    const code = await runGate(
      ['--service', 'checkout', '--risk', 'low', '--prometheus', 'http://p'],
      c.io,
      prometheus(-0.1, 0.0005)
    );
    expect(code).toBe(GATE_EXIT.notApproved);
    expect(c.out().split('\n').slice(0, 2)).toEqual([
      'Release gate for checkout, low-risk change: BLOCK',
      'checkout-availability (30d) has spent its budget (-10.0% left): block a low-risk change.',
    ]);
  });

  it('prints JSON on request', async () => {
    const c = capture();
    await runGate(
      ['--service', 'checkout', '--risk', 'high', '--prometheus', 'http://p', '--json'],
      c.io,
      prometheus(0.9, 0.003)
    );
    expect(JSON.parse(c.out())).toMatchObject({ decision: 'block', objectives: [{ status: 'critical' }] });
  });

  it('names every missing or wrong option', async () => {
    const c = capture();
    expect(await runGate(['--risk', 'huge'], c.io)).toBe(GATE_EXIT.usage);
    expect(c.err()).toContain('burnrate gate: --service is required');
    expect(c.err()).toContain('burnrate gate: --risk must be low, medium or high, got "huge"');
    expect(c.err()).toContain('burnrate gate: --prometheus URL is required');
  });

  it('exits 4 when Prometheus cannot be read', async () => {
    const c = capture();
    const failing = () => async () => {
      throw new Error('cannot reach http://p: connection refused');
    };
    expect(await runGate(['--service', 'x', '--risk', 'low', '--prometheus', 'http://p'], c.io, failing)).toBe(
      GATE_EXIT.unreachable
    );
    expect(c.err()).toBe('burnrate gate: cannot reach http://p: connection refused\n');
  });
});

describe('burnrate gate on a young install (--slo)', () => {
  const file = readFileSync(join(__dirname, '../../examples/checkout-availability.yaml'), 'utf8');
  const NOW = new Date('2026-12-04T12:00:00Z');

  /** Prometheus without any recording: only the raw source series, 2,000,000 requests of which `bad` failed. */
  function rawOnly(
    bad: number,
    seen: string[],
    instants: Array<number | undefined> = []
  ): (url: string) => InstantQuery {
    return () => async (expr, at) => {
      seen.push(expr);
      instants.push(at);
      if (expr.startsWith('label_replace(resets(')) {
        // The replay's read of the counters: the total (0) and the 5xx selector (1) at the window's start
        // (0) and now (1), without a reset; the window's events are the differences.
        const ok = { job: 'checkout', route: '/pay', code: '200' };
        const failed = { ...ok, code: '503' };
        const part = (labels: Record<string, string>, read: string, value: number) => ({
          labels: { ...labels, slo_replay_read: read },
          value,
        });
        return [
          part(ok, 'resets', 0),
          part(ok, '0@0', 1000),
          part(ok, '0@1', 1000 + 2_000_000 - bad),
          part(failed, 'resets', 0),
          part(failed, '0@0', 5),
          part(failed, '0@1', 5 + bad),
          part(failed, '1@0', 5),
          part(failed, '1@1', 5 + bad),
        ];
      }
      if (expr.startsWith('label_replace(sum(sum(')) {
        // Raw data a day ago.
        return [{ labels: { slo_uid: 'checkout-avail-01' }, value: 1 }];
      }
      return [];
    };
  }

  it('decides from raw data where the rules do not record, and says so in text', async () => {
    const c = capture();
    c.io.readFile = () => file;
    const seen: string[] = [];
    const code = await runGate(
      ['--service', 'checkout', '--risk', 'low', '--prometheus', 'http://p', '--slo', 'checkout.yaml'],
      c.io,
      rawOnly(200, seen),
      () => NOW
    );
    // 200 bad of 2,000,000 is 20% of a 99.95% budget: 80% left, healthy.
    expect(code).toBe(GATE_EXIT.approve);
    const lines = c.out().split('\n');
    expect(lines.slice(0, 2)).toEqual([
      'Release gate for checkout, low-risk change: APPROVE',
      'checkout-availability (30d, from raw data (its rules do not record)) is healthy (80.0% of its budget left, burning 0.00x over 1h): approve a low-risk change.',
    ]);
    expect(lines[3]).toMatch(/figures from$/);
    expect(lines[4]).toMatch(/healthy  approve +raw data$/);
    expect(c.out()).toContain("Raw data: budgets counted from the SLI's source series");
    // The recorded readings and the statuses on the rules info (5), the look for tiles and for the first tile (2), the replay's read of the
    // counters, which counts every series, and the day-old check (2), the raw burn rate of the last hour (1).
    expect(seen).toHaveLength(10);
  });

  it('asks every query of the decision at one instant: the burn rate and the replayed budget agree', async () => {
    const c = capture();
    c.io.readFile = () => file;
    const instants: Array<number | undefined> = [];
    await runGate(
      ['--service', 'checkout', '--risk', 'low', '--prometheus', 'http://p', '--slo', 'checkout.yaml'],
      c.io,
      rawOnly(200, [], instants),
      () => NOW
    );
    expect(instants).toHaveLength(10);
    expect(new Set(instants)).toEqual(new Set([NOW.getTime() / 1000]));
  });

  it('says the source of each objective in JSON, and blocks on a spent budget from raw data', async () => {
    const c = capture();
    c.io.readFile = () => file;
    const code = await runGate(
      ['--service', 'checkout', '--risk', 'low', '--prometheus', 'http://p', '--slo', 'checkout.yaml', '--json'],
      c.io,
      rawOnly(3000, []),
      () => NOW
    );
    expect(code).toBe(GATE_EXIT.notApproved);
    expect(JSON.parse(c.out())).toMatchObject({
      decision: 'block',
      objectives: [{ sloUid: 'checkout-avail-01', source: 'raw', status: 'exhausted', lessThanADay: false }],
    });
  });

  it('reads an SLO on another datasource on its own Prometheus, never on the default one', async () => {
    const onEu = YAML.parse(file) as { spec: Record<string, unknown> };
    onEu.spec.datasource = { uid: 'prom-eu' };
    const c = capture();
    c.io.readFile = () => YAML.stringify(onEu);
    const asked: string[] = [];
    // The default Prometheus has the same job, healthy; the EU one has spent the budget.
    const byUrl = (url: string): InstantQuery => {
      asked.push(url);
      return url === 'http://eu' ? rawOnly(3000, [])(url) : rawOnly(200, [])(url);
    };
    const args = ['--service', 'checkout', '--risk', 'low', '--prometheus', 'http://p', '--slo', 'checkout.yaml'];
    const code = await runGate([...args, '--datasource-url', 'prom-eu=http://eu', '--json'], c.io, byUrl, () => NOW);
    expect(c.err()).toBe('');
    expect(code).toBe(GATE_EXIT.notApproved);
    expect(asked.sort()).toEqual(['http://eu', 'http://p']);
    expect(JSON.parse(c.out())).toMatchObject({
      decision: 'block',
      objectives: [{ sloUid: 'checkout-avail-01', source: 'raw', status: 'exhausted' }],
    });
    expect((JSON.parse(c.out()) as { objectives: unknown[] }).objectives).toHaveLength(1);

    const unplaced = capture();
    unplaced.io.readFile = () => YAML.stringify(onEu);
    expect(await runGate(args, unplaced.io, byUrl, () => NOW)).toBe(GATE_EXIT.usage);
    expect(unplaced.err()).toContain(
      'burnrate gate: SLO "checkout-availability" is on the datasource "prom-eu": give its Prometheus with --datasource-url prom-eu=URL'
    );
  });

  it('refuses an SLO file it cannot read, naming the option', async () => {
    const c = capture();
    c.io.readFile = () => 'kind: Nonsense';
    const code = await runGate(
      ['--service', 'checkout', '--risk', 'low', '--prometheus', 'http://p', '--slo', 'bad.yaml'],
      c.io,
      rawOnly(0, [])
    );
    expect(code).toBe(GATE_EXIT.usage);
    expect(c.err()).toMatch(/^burnrate gate: --slo: bad\.yaml: /);
  });
});
