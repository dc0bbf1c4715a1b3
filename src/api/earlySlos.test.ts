import type { SloEntry } from './sloStore';
import { makeSlo } from '../testing/fixtures';
import { withEarlySlos } from './earlySlos';

type OnIndexed = (entries: SloEntry[]) => void;
const listing: { onIndexed?: OnIndexed; finish: (entries: SloEntry[]) => void; fail: (error: Error) => void } = {
  finish: () => undefined,
  fail: () => undefined,
};

jest.mock('./sloStore', () => ({
  listSlos: (_folder: string | undefined, _signal: AbortSignal, onIndexed?: OnIndexed) => {
    listing.onIndexed = onIndexed;
    return new Promise<SloEntry[]>((resolve, reject) => {
      listing.finish = resolve;
      listing.fail = reject;
    });
  },
}));

function entry(uid: string, version: number): SloEntry {
  const slo = makeSlo({ uid, name: uid });
  return {
    kind: 'ok',
    slo,
    yaml: '',
    dashboard: { uid, version },
    dashboardUid: uid,
    version,
    canSave: true,
    canEdit: true,
    canDelete: true,
    provisioned: false,
    folderUid: 'burnrate-slos',
  };
}

/** A `use` that records each run and answers when the test says. */
function recordedUse() {
  const runs: Array<{
    entries: SloEntry[];
    signal: AbortSignal;
    show: (partial: string) => void;
    answer: (value: string) => void;
  }> = [];
  const use = (entries: SloEntry[], signal: AbortSignal, show: (partial: string) => void) =>
    new Promise<string>((resolve) => runs.push({ entries, signal, show, answer: resolve }));
  return { runs, use };
}

/** A page that shows nothing of the partial answers. */
const ignore = () => undefined;
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('withEarlySlos', () => {
  it('works on the SLOs of the index before the listing ends, and keeps that run when the listing agrees', async () => {
    const { runs, use } = recordedUse();
    const done = withEarlySlos('burnrate-slos', new AbortController().signal, ignore, use);
    listing.onIndexed?.([entry('a', 1), entry('b', 3)]);
    await tick();
    expect(runs).toHaveLength(1);
    expect(runs[0].entries.map((e) => e.dashboardUid)).toEqual(['a', 'b']);
    const listed = [entry('a', 1), entry('b', 3)];
    listing.finish(listed);
    runs[0].answer('from the index');
    const { entries, result } = await done;
    expect(result).toBe('from the index');
    expect(entries).toBe(listed);
    expect(runs).toHaveLength(1);
  });

  it('cancels the early run and starts again when an SLO was saved since the index', async () => {
    const { runs, use } = recordedUse();
    const done = withEarlySlos('burnrate-slos', new AbortController().signal, ignore, use);
    listing.onIndexed?.([entry('a', 1), entry('b', 3)]);
    await tick();
    listing.finish([entry('a', 1), entry('b', 4)]);
    await tick();
    expect(runs).toHaveLength(2);
    expect(runs[0].signal.aborted).toBe(true);
    expect(runs[1].entries.map((e) => e.version)).toEqual([1, 4]);
    runs[1].answer('from the listing');
    expect((await done).result).toBe('from the listing');
  });

  it('shows the partial answers of the run under way, not those of a cancelled one', async () => {
    const { runs, use } = recordedUse();
    const shown: string[] = [];
    const done = withEarlySlos('burnrate-slos', new AbortController().signal, (p: string) => shown.push(p), use);
    listing.onIndexed?.([entry('a', 1)]);
    await tick();
    runs[0].show('early, before the listing');
    listing.finish([entry('a', 2)]);
    await tick();
    runs[0].show('early, after it was replaced');
    runs[1].show('from the listing');
    runs[1].answer('done');
    await done;
    expect(shown).toEqual(['early, before the listing', 'from the listing']);
  });

  it('runs once, on the listing, when the index gives nothing', async () => {
    const { runs, use } = recordedUse();
    const done = withEarlySlos('burnrate-slos', new AbortController().signal, ignore, use);
    await tick();
    expect(runs).toHaveLength(0);
    listing.finish([entry('a', 1)]);
    await tick();
    expect(runs).toHaveLength(1);
    runs[0].answer('listed');
    expect((await done).result).toBe('listed');
  });

  it('fails with the listing and cancels the early run', async () => {
    const { runs, use } = recordedUse();
    const done = withEarlySlos('burnrate-slos', new AbortController().signal, ignore, use);
    listing.onIndexed?.([entry('a', 1)]);
    await tick();
    listing.fail(new Error('the folder could not be listed'));
    await expect(done).rejects.toThrow('the folder could not be listed');
    expect(runs[0].signal.aborted).toBe(true);
  });

  it("cancels the early run when the page's load is cancelled", async () => {
    const { runs, use } = recordedUse();
    const page = new AbortController();
    void withEarlySlos('burnrate-slos', page.signal, ignore, use).catch(() => undefined);
    listing.onIndexed?.([entry('a', 1)]);
    await tick();
    page.abort();
    expect(runs[0].signal.aborted).toBe(true);
  });
});
