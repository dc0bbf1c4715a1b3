import type { BackendDataSourceResponse, BackendSrvRequest } from '@grafana/runtime';
import type { DataQueryRequest, DataQueryResponse } from '@grafana/data';
import { catchError, map, of, throwError, type Observable } from 'rxjs';

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

/** The boot config the fake runtime announces; a test may change the version to take an older Grafana's path. */
export const fakeConfig = { namespace: 'default', buildInfo: { version: '12.3.0' } };

/**
 * @grafana/runtime for tests of the API layer, answering through the routes of the last useRoutes():
 *   jest.mock('@grafana/runtime', () => jest.requireActual('../testing/backendSrv').fakeRuntime);
 */
export const fakeRuntime = {
  config: fakeConfig,
  getBackendSrv: () => ({ fetch: (request: BackendSrvRequest) => routedFetch(request) }),
  getDataSourceSrv: () => fakeDataSourceSrv(routedFetch),
};

function routedFetch(request: BackendSrvRequest): Observable<{ data: unknown; status: number }> {
  if (!currentFetch) {
    throw new Error('no routes: call useRoutes() first');
  }
  return currentFetch(request);
}

type Fetch = (request: BackendSrvRequest) => Observable<unknown>;

/**
 * getDataSourceSrv() of Prometheus datasources that query as Grafana's backend datasources do: one POST to
 * `/api/ds/query` through `fetch` per query() call, its answer (or its error) turned into a DataQueryResponse
 * by runtime's own toDataQueryResponse. Tests then answer queries with the routes of the backend service.
 */
export function fakeDataSourceSrv(fetch: Fetch) {
  const runtime: typeof import('@grafana/runtime') = jest.requireActual('@grafana/runtime');
  const datasource = (uid: string) => ({
    uid,
    name: uid,
    type: 'prometheus',
    query: (request: DataQueryRequest): Observable<DataQueryResponse> =>
      fetch({
        url: '/api/ds/query',
        method: 'POST',
        requestId: request.requestId,
        data: { from: request.range.raw.from, to: request.range.raw.to, queries: request.targets },
      }).pipe(
        map((response) =>
          runtime.toDataQueryResponse(response as { data: BackendDataSourceResponse }, request.targets)
        ),
        catchError((error: unknown) =>
          of(runtime.toDataQueryResponse(error as { data: BackendDataSourceResponse }, request.targets))
        )
      ),
  });
  // No instance settings: pages then name a datasource by its uid.
  return { get: async (ref: { uid: string }) => datasource(ref.uid), getList: () => [] };
}

/** The routes the fake backend answers from now on; returns the requests it receives. */
export function useRoutes(routes: Array<[string, string | RegExp, Handler]>): BackendSrvRequest[] {
  const fake = fakeFetch(routes);
  currentFetch = fake.fetch;
  return fake.calls;
}
