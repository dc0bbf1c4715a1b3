import { slots } from './backfill';

describe('slots shared by the Prometheus servers whose history is written side by side', () => {
  it('runs at most width tasks at a time, whoever calls, and each task in turn', async () => {
    const shared = slots(2);
    let running = 0;
    let most = 0;
    const order: string[] = [];
    const task = (name: string, ms: number) =>
      shared(async () => {
        running++;
        most = Math.max(most, running);
        order.push(`start ${name}`);
        await new Promise((resolve) => setTimeout(resolve, ms));
        running--;
        return name;
      });
    // Two callers (a stage of each Prometheus), three tasks each.
    const results = await Promise.all([
      Promise.all([task('a1', 20), task('a2', 5), task('a3', 5)]),
      Promise.all([task('b1', 5), task('b2', 5), task('b3', 5)]),
    ]);
    expect(results).toEqual([
      ['a1', 'a2', 'a3'],
      ['b1', 'b2', 'b3'],
    ]);
    expect(most).toBe(2);
    expect(order.slice(0, 2)).toEqual(['start a1', 'start a2']);
    expect(order).toHaveLength(6);
  });

  it('frees a slot when a task fails', async () => {
    const shared = slots(1);
    await expect(shared(() => Promise.reject(new Error('query failed')))).rejects.toThrow('query failed');
    await expect(shared(() => Promise.resolve('next'))).resolves.toBe('next');
  });
});
