import { GATE_EXIT, runGate, type InstantQuery } from './gate';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { readFile: () => '', stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t) },
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
