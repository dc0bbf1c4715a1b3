import { getBackendSrv, type BackendSrvRequest } from '@grafana/runtime';
import { lastValueFrom } from 'rxjs';
import { z } from 'zod';
import { ApiError, toApiError } from './errors';

/**
 * One call to Grafana's HTTP API: the answer parsed with `schema`, failures as typed errors.
 * Grafana's own error toasts are off: callers show errors where they happen.
 */
export async function fetchParsed<S extends z.ZodType>(
  request: BackendSrvRequest,
  schema: S,
  what: string
): Promise<z.output<S>> {
  let data: unknown;
  try {
    const response = await lastValueFrom(
      getBackendSrv().fetch<unknown>({ showErrorAlert: false, showSuccessAlert: false, ...request })
    );
    data = response.data;
  } catch (error) {
    throw toApiError(error, what);
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
