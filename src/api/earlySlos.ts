import { listSlos, type SloEntry } from './sloStore';

/** What a page made of the SLOs, with the SLOs as the listing of their dashboards read them. */
export interface EarlySlosResult<T> {
  entries: SloEntry[];
  result: T;
}

/**
 * Runs `work` on the SLOs as soon as the folder's index gives them, while the SLO dashboards are still
 * being listed, so a page's figures do not wait for the listing. When the listing ends with other SLOs
 * than the index held (one saved since the index was written), that run is cancelled and `work` runs again
 * on the listing. Without a usable index, `work` runs once, on the listing.
 *
 * `work` gets a signal of its own, and a `show` for its partial answers that drops those of a cancelled run.
 */
export async function withEarlySlos<T, P>(
  folderUid: string | undefined,
  signal: AbortSignal,
  show: (partial: P) => void,
  work: (entries: SloEntry[], signal: AbortSignal, show: (partial: P) => void) => Promise<T>
): Promise<EarlySlosResult<T>> {
  const run = (entries: SloEntry[], runSignal: AbortSignal) =>
    work(entries, runSignal, (partial) => {
      if (!runSignal.aborted) {
        show(partial);
      }
    });
  let fromIndex: (entries: SloEntry[] | undefined) => void = () => undefined;
  const indexed = new Promise<SloEntry[] | undefined>((resolve) => (fromIndex = resolve));
  const listed = listSlos(folderUid, signal, (entries) => fromIndex(entries));
  // A listing that ends, or fails, before the index gave anything: no early SLOs.
  listed.then(
    () => fromIndex(undefined),
    () => fromIndex(undefined)
  );
  const early = await indexed;
  if (!early) {
    const entries = await listed;
    return { entries, result: await run(entries, signal) };
  }
  const earlyRun = new AbortController();
  const abortEarly = () => earlyRun.abort();
  signal.addEventListener('abort', abortEarly);
  try {
    const earlyResult = run(early, earlyRun.signal);
    // Awaited below when it is kept; a cancelled run's failure is nobody's.
    earlyResult.catch(() => undefined);
    const entries = await listed;
    if (sameSlos(early, entries)) {
      return { entries, result: await earlyResult };
    }
    earlyRun.abort();
    return { entries, result: await run(entries, signal) };
  } finally {
    signal.removeEventListener('abort', abortEarly);
    // Done, replaced, or the listing failed: nothing of the early run may show after this.
    earlyRun.abort();
  }
}

/** The same SLO dashboards at the same versions, read the same way (valid or broken), in the same order. */
export function sameSlos(a: SloEntry[], b: SloEntry[]): boolean {
  return (
    a.length === b.length &&
    a.every(
      (entry, i) =>
        entry.dashboardUid === b[i].dashboardUid && entry.version === b[i].version && entry.kind === b[i].kind
    )
  );
}
