import { forgetListings, joinListing, type StartListing } from './sharedListing';

/** A listing that ends when the test says, counting its starts and seeing its signal. */
function controlled() {
  const runs: Array<{
    signal: AbortSignal;
    early: (make: () => string[] | undefined) => void;
    end: (entries: string[]) => void;
    fail: (error: Error) => void;
  }> = [];
  const start: StartListing<string> = (signal, early) =>
    new Promise((end, fail) => {
      runs.push({ signal, early, end, fail });
    });
  return { start, runs };
}

describe('joinListing', () => {
  afterEach(() => forgetListings());

  it('shares one listing under way between callers, each getting its own array', async () => {
    const { start, runs } = controlled();
    const first = joinListing('slos', start);
    const second = joinListing('slos', start);
    expect(runs).toHaveLength(1);
    runs[0].end(['a', 'b']);
    const [a, b] = await Promise.all([first, second]);
    expect(a).toEqual(['a', 'b']);
    expect(b).toEqual(['a', 'b']);
    expect(a).not.toBe(b);
    // Ended: the next caller reads again.
    joinListing('slos', start);
    expect(runs).toHaveLength(2);
  });

  it('keeps folders apart', () => {
    const { start, runs } = controlled();
    joinListing('slos', start);
    joinListing('other', start);
    expect(runs).toHaveLength(2);
  });

  it('gives the early entries to callers that join before or after they came, made once and only when wanted', () => {
    const { start, runs } = controlled();
    const before: string[][] = [];
    const after: string[][] = [];
    let made = 0;
    const make = () => {
      made += 1;
      return ['from the index'];
    };
    joinListing('slos', start);
    runs[0].early(make);
    // Nobody wants them yet: not made.
    expect(made).toBe(0);
    joinListing('slos', start, undefined, (early) => after.push(early));
    joinListing('slos', start, undefined, (early) => after.push(early));
    expect(after).toEqual([['from the index'], ['from the index']]);
    expect(after[0]).not.toBe(after[1]);
    expect(made).toBe(1);

    forgetListings();
    joinListing('other', start, undefined, (early) => before.push(early));
    runs[1].early(make);
    expect(before).toEqual([['from the index']]);
    // Entries that cannot be made (the index does not match the folder) are not given.
    const none: string[][] = [];
    joinListing('third', start, undefined, (early) => none.push(early));
    runs[2].early(() => undefined);
    expect(none).toEqual([]);
  });

  it('cancels only the wait of a caller that leaves, and the listing once every caller has left', async () => {
    const { start, runs } = controlled();
    const leaving = new AbortController();
    const staying = new AbortController();
    const left = joinListing('slos', start, leaving.signal);
    const stays = joinListing('slos', start, staying.signal);
    leaving.abort();
    await expect(left).rejects.toMatchObject({ name: 'AbortError' });
    expect(runs[0].signal.aborted).toBe(false);
    runs[0].end(['a']);
    await expect(stays).resolves.toEqual(['a']);

    const last = new AbortController();
    const waiting = joinListing('slos', start, last.signal);
    expect(runs).toHaveLength(2);
    last.abort();
    await expect(waiting).rejects.toMatchObject({ name: 'AbortError' });
    expect(runs[1].signal.aborted).toBe(true);
    // A cancelled listing is not joined: the next caller reads again.
    joinListing('slos', start);
    expect(runs).toHaveLength(3);
  });

  it('refuses a caller already cancelled without starting anything', async () => {
    const { start, runs } = controlled();
    const abort = new AbortController();
    abort.abort();
    await expect(joinListing('slos', start, abort.signal)).rejects.toMatchObject({ name: 'AbortError' });
    expect(runs).toHaveLength(0);
  });

  it('gives a failure to the callers under way and keeps nothing of it', async () => {
    const { start, runs } = controlled();
    const failing = joinListing('slos', start);
    runs[0].fail(new Error('Listing SLOs: permission denied'));
    await expect(failing).rejects.toThrow('permission denied');
    joinListing('slos', start);
    expect(runs).toHaveLength(2);
  });

  it('reads again after a save: a listing under way may not hold it', () => {
    const { start, runs } = controlled();
    joinListing('slos', start);
    forgetListings();
    joinListing('slos', start);
    expect(runs).toHaveLength(2);
  });
});
