import { getBackendSrv, type BackendSrvRequest, type FetchResponse } from '@grafana/runtime';
import type { Observable } from 'rxjs';
import { z } from 'zod';
import { ApiError, cancelledError, isCancelled, toApiError } from './errors';

/**
 * The last value of an observable, as a promise. When `signal` aborts, the subscription is closed
 * (which makes Grafana's backend service cancel the HTTP request) and the promise rejects with a
 * cancelled error.
 */
export function lastValueUnlessAborted<T>(source: Observable<T>, signal?: AbortSignal): Promise<T> {
  if (signal?.aborted) {
    return Promise.reject(cancelledError());
  }
  return new Promise<T>((resolve, reject) => {
    let last: { value: T } | undefined;
    const onAbort = () => {
      subscription.unsubscribe();
      reject(cancelledError());
    };
    const subscription = source.subscribe({
      next: (value) => {
        last = { value };
      },
      error: (error: unknown) => {
        signal?.removeEventListener('abort', onAbort);
        reject(error);
      },
      complete: () => {
        signal?.removeEventListener('abort', onAbort);
        if (last) {
          resolve(last.value);
        } else {
          reject(new Error('the request ended without an answer'));
        }
      },
    });
    if (!subscription.closed) {
      signal?.addEventListener('abort', onAbort, { once: true });
    }
  });
}

/** One request through Grafana's backend service, cancelled when `signal` aborts. No toasts of Grafana's own. */
export function fetchResponse(request: BackendSrvRequest, signal?: AbortSignal): Promise<FetchResponse<unknown>> {
  if (signal?.aborted) {
    return Promise.reject(cancelledError());
  }
  return lastValueUnlessAborted(
    getBackendSrv().fetch<unknown>({ showErrorAlert: false, showSuccessAlert: false, ...request }),
    signal
  );
}

/**
 * One call to Grafana's HTTP API: the answer parsed with `schema`, failures as typed errors.
 * Grafana's own error toasts are off: callers show errors where they happen. When `signal` aborts the
 * request is cancelled and the call rejects with a cancelled error (see isCancelled).
 */
export async function fetchParsed<S extends z.ZodType>(
  request: BackendSrvRequest,
  schema: S,
  what: string,
  signal?: AbortSignal
): Promise<z.output<S>> {
  let data: unknown;
  try {
    data = (await fetchResponse(request, signal)).data;
  } catch (error) {
    throw isCancelled(error) ? error : toApiError(error, what);
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    throw new ApiError(`${what}: unexpected answer (${z.prettifyError(parsed.error)})`);
  }
  return parsed.data;
}

/** Runs `fn` over `items`, at most `limit` at a time, keeping the order of the results. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
