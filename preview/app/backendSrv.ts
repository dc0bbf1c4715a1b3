import { AppEvents } from '@grafana/data';
import {
  getAppEvents,
  type BackendSrv,
  type BackendSrvRequest,
  type FetchError,
  type FetchResponse,
} from '@grafana/runtime';
import { lastValueFrom, Observable } from 'rxjs';

/**
 * The part of Grafana's BackendSrv that plugins use, over the browser's fetch: JSON bodies, query params,
 * errors as FetchError (`{ status, data, config }`), cancellation of an earlier request with the same
 * `requestId`, and error toasts unless `showErrorAlert: false`.
 */

function serializeParams(params: unknown): string {
  if (!params || typeof params !== 'object') {
    return '';
  }
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params as Record<string, unknown>)) {
    for (const v of Array.isArray(value) ? value : [value]) {
      if (v !== undefined && v !== null) {
        search.append(key, String(v));
      }
    }
  }
  return search.toString();
}

function requestBody(data: unknown): { body?: BodyInit; contentType?: string } {
  if (data === undefined || data === null) {
    return {};
  }
  if (typeof data === 'string' || data instanceof FormData || data instanceof URLSearchParams || data instanceof Blob) {
    return { body: data };
  }
  return { body: JSON.stringify(data), contentType: 'application/json' };
}

async function readResponse(response: Response, responseType: BackendSrvRequest['responseType']): Promise<unknown> {
  if (responseType === 'blob') {
    return response.blob();
  }
  if (responseType === 'arraybuffer') {
    return response.arrayBuffer();
  }
  const text = await response.text();
  if (responseType === 'text') {
    return text;
  }
  try {
    return text === '' ? undefined : JSON.parse(text);
  } catch {
    return text;
  }
}

function messageOf(data: unknown, fallback: string): string {
  if (data && typeof data === 'object' && 'message' in data && typeof data.message === 'string') {
    return data.message;
  }
  return fallback;
}

export class PreviewBackendSrv implements BackendSrv {
  private inFlight = new Map<string, AbortController>();

  fetch<T>(options: BackendSrvRequest): Observable<FetchResponse<T>> {
    return new Observable<FetchResponse<T>>((subscriber) => {
      const controller = new AbortController();
      if (options.requestId) {
        this.inFlight.get(options.requestId)?.abort();
        this.inFlight.set(options.requestId, controller);
      }
      const query = serializeParams(options.params);
      const url = query ? `${options.url}${options.url.includes('?') ? '&' : '?'}${query}` : options.url;
      const { body, contentType } = requestBody(options.data);
      const headers: Record<string, string> = {
        Accept: 'application/json, text/plain, */*',
        ...(options.headers ?? {}),
      };
      if (contentType && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
        headers['Content-Type'] = contentType;
      }
      const method = (options.method ?? 'GET').toUpperCase();
      fetch(url, { method, headers, body, signal: controller.signal, credentials: 'same-origin' })
        .then(async (response) => {
          const data = await readResponse(response, options.responseType);
          const result: FetchResponse<T> = {
            data: data as T,
            status: response.status,
            statusText: response.statusText,
            ok: response.ok,
            headers: response.headers,
            redirected: response.redirected,
            type: response.type,
            url: response.url,
            config: options,
          };
          if (!response.ok) {
            const error: FetchError = {
              status: response.status,
              statusText: response.statusText,
              data,
              config: options,
              isHandled: false,
            };
            if (options.showErrorAlert !== false && method !== 'GET') {
              getAppEvents().publish({
                type: AppEvents.alertError.name,
                payload: [messageOf(data, `${response.status} ${response.statusText}`)],
              });
            }
            subscriber.error(error);
            return;
          }
          if (options.showSuccessAlert !== false && method !== 'GET' && !url.startsWith('/api/ds/query')) {
            const message = messageOf(data, '');
            if (message) {
              getAppEvents().publish({ type: AppEvents.alertSuccess.name, payload: [message] });
            }
          }
          subscriber.next(result);
          subscriber.complete();
        })
        .catch((error: unknown) => {
          if (controller.signal.aborted) {
            // Grafana completes a request cancelled by a newer one with the same requestId without a value.
            subscriber.complete();
            return;
          }
          subscriber.error({
            status: 0,
            statusText: error instanceof Error ? error.message : String(error),
            data: { message: error instanceof Error ? error.message : String(error) },
            config: options,
          } satisfies FetchError);
        })
        .finally(() => {
          if (options.requestId && this.inFlight.get(options.requestId) === controller) {
            this.inFlight.delete(options.requestId);
          }
        });
      return () => controller.abort();
    });
  }

  chunked(options: BackendSrvRequest): Observable<FetchResponse<Uint8Array | undefined>> {
    return this.fetch<Uint8Array | undefined>({ ...options, responseType: 'arraybuffer' });
  }

  async request<T = unknown>(options: BackendSrvRequest): Promise<T> {
    return (await lastValueFrom(this.fetch<T>(options))).data;
  }

  datasourceRequest<T = unknown>(options: BackendSrvRequest): Promise<FetchResponse<T>> {
    return lastValueFrom(this.fetch<T>(options));
  }

  get<T = unknown>(
    url: string,
    params?: Record<string, unknown>,
    requestId?: string,
    options?: Partial<BackendSrvRequest>
  ): Promise<T> {
    return this.request<T>({ ...options, url, params, requestId, method: 'GET' });
  }

  delete<T = unknown>(url: string, data?: unknown, options?: Partial<BackendSrvRequest>): Promise<T> {
    return this.request<T>({ ...options, url, data, method: 'DELETE' });
  }

  post<T = unknown>(url: string, data?: unknown, options?: Partial<BackendSrvRequest>): Promise<T> {
    return this.request<T>({ ...options, url, data, method: 'POST' });
  }

  patch<T = unknown>(url: string, data?: unknown, options?: Partial<BackendSrvRequest>): Promise<T> {
    return this.request<T>({ ...options, url, data, method: 'PATCH' });
  }

  put<T = unknown>(url: string, data?: unknown, options?: Partial<BackendSrvRequest>): Promise<T> {
    return this.request<T>({ ...options, url, data, method: 'PUT' });
  }
}
