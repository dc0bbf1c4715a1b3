import { cancelledError } from './errors';

/*
 * One listing of the SLO store at a time per folder, shared by everything that asks while it runs: a page and
 * the components on it (the weekly review and its reviews-due section, the report's service filter and its
 * figures). With a thousand SLOs a listing is most of a page's wait; two at once are twice the work for one answer.
 *
 * Each caller keeps its own cancellation: its signal rejects its own wait, and the listing is cancelled only
 * when every caller has left. A save or delete ends the sharing (`forgetListings`): a listing that started
 * before it may not hold it, so whoever asks after it gets a new one.
 */

/**
 * How the listing is read: `signal` cancels it; `onEarly` gets the early entries (the SLOs of the folder's index)
 * when it has what they are made from, as a function that makes them, or gives undefined when they cannot be
 * made: they are made only when a caller wants them.
 */
export type StartListing<T> = (signal: AbortSignal, onEarly: (early: () => T[] | undefined) => void) => Promise<T[]>;

interface Listing<T> {
  entries: Promise<T[]>;
  /** The early entries, made at most once, once given. */
  early?: () => T[] | undefined;
  earlyListeners: Set<(early: T[]) => void>;
  callers: number;
  abort: AbortController;
}

const listings = new Map<string, Listing<unknown>>();

function started<T>(key: string, start: StartListing<T>): Listing<T> {
  const abort = new AbortController();
  const listing: Listing<T> = {
    entries: Promise.resolve([]),
    earlyListeners: new Set(),
    callers: 0,
    abort,
  };
  listing.entries = start(abort.signal, (make) => {
    let made: { entries: T[] | undefined } | undefined;
    const early = () => (made ??= { entries: make() }).entries;
    listing.early = early;
    listing.earlyListeners.forEach((listener) => giveEarly(early, listener));
  });
  // Ended or failed: the next caller reads again.
  const done = () => {
    if (listings.get(key) === listing) {
      listings.delete(key);
    }
  };
  listing.entries.then(done, done);
  listings.set(key, listing as Listing<unknown>);
  return listing;
}

function giveEarly<T>(early: () => T[] | undefined, listener: (early: T[]) => void): void {
  const entries = early();
  if (entries) {
    listener([...entries]);
  }
}

/** The listing under way for `key`, if any. */
function current<T>(key: string): Listing<T> | undefined {
  const listing = listings.get(key) as Listing<T> | undefined;
  if (listing?.abort.signal.aborted) {
    listings.delete(key);
    return undefined;
  }
  return listing;
}

/**
 * The entries of the listing of `key`: the one under way when there is one, else a new one. `onEarly` gets the
 * early entries, at once when the listing already has them. Each caller gets its own array.
 */
export function joinListing<T>(
  key: string,
  start: StartListing<T>,
  signal?: AbortSignal,
  onEarly?: (early: T[]) => void
): Promise<T[]> {
  if (signal?.aborted) {
    return Promise.reject(cancelledError());
  }
  const listing = current<T>(key) ?? started(key, start);
  listing.callers += 1;
  if (onEarly) {
    if (listing.early) {
      giveEarly(listing.early, onEarly);
    } else {
      listing.earlyListeners.add(onEarly);
    }
  }
  return new Promise<T[]>((resolve, reject) => {
    let left = false;
    // Once: a caller can leave by its signal after the listing ended, before its answer reached it.
    const leave = () => {
      if (left) {
        return;
      }
      left = true;
      listing.callers -= 1;
      if (onEarly) {
        listing.earlyListeners.delete(onEarly);
      }
      signal?.removeEventListener('abort', onAbort);
    };
    const onAbort = () => {
      leave();
      if (listing.callers === 0) {
        listing.abort.abort();
      }
      reject(cancelledError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    listing.entries.then(
      (entries) => {
        leave();
        resolve([...entries]);
      },
      (error: unknown) => {
        leave();
        reject(error);
      }
    );
  });
}

/** Ends the sharing of every listing: the store has changed since they started. */
export function forgetListings(): void {
  listings.clear();
}
