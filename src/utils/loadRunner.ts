import { errorMessage } from '../api/errors';

/** What a view shows of its data: whether a load is under way, the last answer, and why the last load failed. */
export interface LoadState<T> {
  loading: boolean;
  /** The answer of the last load that finished; kept while the next one runs and when it fails. */
  data?: T;
  /** Why the last load failed; cleared when a load starts. */
  error?: string;
}

/**
 * Reads the data. `signal` aborts when the answer is no longer wanted: pass it to the API calls so
 * that their requests are cancelled. `show` puts part of the answer on screen early (a list before
 * its numbers). An answer at hand is returned as it is, without a loading state in between.
 */
export type Load<T> = (signal: AbortSignal, show: (partial: T) => void) => Promise<T> | T;

/**
 * Runs loads one at a time, the latest wins: a new run cancels the one under way, whose answer (and
 * error) is then dropped. The state changes go to `publish`, as a scene's setState or React's.
 */
export class LoadRunner<T> {
  private controller?: AbortController;

  constructor(private readonly publish: (change: Partial<LoadState<T>>) => void) {}

  /** Runs `load`, cancelling the run under way; resolves when this run has settled (never rejects). */
  run(load: Load<T>): Promise<void> {
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    const current = () => this.controller === controller;
    const settle = (change: Partial<LoadState<T>>) => {
      if (current()) {
        this.controller = undefined;
        this.publish({ loading: false, ...change });
      }
    };
    let answer: Promise<T> | T;
    try {
      answer = load(controller.signal, (partial) => {
        if (current()) {
          this.publish({ data: partial });
        }
      });
    } catch (error) {
      settle({ error: errorMessage(error) });
      return Promise.resolve();
    }
    if (!(answer instanceof Promise)) {
      settle({ data: answer, error: undefined });
      return Promise.resolve();
    }
    this.publish({ loading: true, error: undefined });
    return answer.then(
      (data) => settle({ data }),
      (error: unknown) => settle({ error: errorMessage(error) })
    );
  }

  /** Cancels the run under way, if any: its request is aborted and its answer dropped. */
  cancel(): void {
    if (this.controller) {
      this.controller.abort();
      this.controller = undefined;
      this.publish({ loading: false });
    }
  }
}
