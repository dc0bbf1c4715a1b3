import { cpuSeconds, PhaseTimer, timingTable } from './timing';

describe('the start timing table', () => {
  it('aligns the phases and adds a total when they ran one after the other', () => {
    const lines = timingTable(
      [
        { name: 'traffic', wallSeconds: 12.34, cpuSeconds: 20 },
        { name: 'rules stage 1/2', wallSeconds: 3, cpuSeconds: 1.25 },
      ],
      'phase'
    );
    expect(lines).toEqual([
      'phase              wall s     cpu s',
      'traffic              12.3      20.0',
      'rules stage 1/2       3.0       1.3',
      'total                15.3      21.3',
    ]);
  });

  it('leaves the total out for overlapping phases, and shows a CPU time it does not know as -', () => {
    expect(timingTable([{ name: 'bundle', wallSeconds: 40 }], 'start', false)).toEqual([
      'start     wall s     cpu s',
      'bundle      40.0         -',
    ]);
  });

  it('records each phase, also one that fails', async () => {
    const timer = new PhaseTimer();
    await expect(timer.time('ok', async () => 7)).resolves.toBe(7);
    await expect(timer.time('fails', async () => Promise.reject(new Error('no')))).rejects.toThrow('no');
    expect(timer.phases.map((p) => p.name)).toEqual(['ok', 'fails']);
    expect(timer.phases.every((p) => p.wallSeconds >= 0)).toBe(true);
  });

  it('reads a CPU time that grows with work where /proc is there', () => {
    const before = cpuSeconds();
    if (before === undefined) {
      return;
    }
    const until = Date.now() + 300;
    let spin = 0;
    while (Date.now() < until) {
      spin++;
    }
    expect(spin).toBeGreaterThan(0);
    expect(cpuSeconds()! - before).toBeGreaterThan(0);
  });
});
