import type { BackendSrvRequest } from '@grafana/runtime';
import { of, throwError, type Observable } from 'rxjs';

export interface FakeReply {
  status?: number;
  data: unknown;
}

export type Handler = (request: BackendSrvRequest) => FakeReply;

/**
 * A stand-in for getBackendSrv().fetch: each request goes to the first route whose method and URL
 * match; status >= 400 is thrown the way Grafana's backend service throws a FetchError.
 */
export function fakeFetch(routes: Array<[string, string | RegExp, Handler]>) {
  const calls: BackendSrvRequest[] = [];
  const fetch = (request: BackendSrvRequest): Observable<{ data: unknown; status: number }> => {
    calls.push(request);
    const method = request.method ?? 'GET';
    const route = routes.find(
      ([m, url]) => m === method && (typeof url === 'string' ? url === request.url : url.test(request.url))
    );
    if (!route) {
      return throwError(() => ({ status: 404, data: { message: `no route for ${method} ${request.url}` } }));
    }
    const reply = route[2](request);
    const status = reply.status ?? 200;
    return status >= 400 ? throwError(() => ({ status, data: reply.data })) : of({ data: reply.data, status });
  };
  return { fetch, calls };
}

let currentFetch: ReturnType<typeof fakeFetch>['fetch'] | undefined;

/**
 * @grafana/runtime for tests of the API layer, answering through the routes of the last useRoutes():
 *   jest.mock('@grafana/runtime', () => jest.requireActual('../testing/backendSrv').fakeRuntime);
 */
export const fakeRuntime = {
  getBackendSrv: () => ({
    fetch: (request: BackendSrvRequest) => {
      if (!currentFetch) {
        throw new Error('no routes: call useRoutes() first');
      }
      return currentFetch(request);
    },
  }),
};

/** The routes the fake backend answers from now on; returns the requests it receives. */
export function useRoutes(routes: Array<[string, string | RegExp, Handler]>): BackendSrvRequest[] {
  const fake = fakeFetch(routes);
  currentFetch = fake.fetch;
  return fake.calls;
}
