import { Observable, of } from 'rxjs';
import { z } from 'zod';
import type { BackendSrvRequest } from '@grafana/runtime';
import { fetchParsed } from './http';
import { isCancelled } from './errors';
import { listSlos } from './sloStore';

const mockFetch = jest.fn<Observable<unknown>, [BackendSrvRequest]>();
jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  getBackendSrv: () => ({ fetch: mockFetch }),
}));

beforeEach(() => mockFetch.mockReset());

describe('fetchParsed with a signal', () => {
  it('unsubscribes from the request when the signal aborts, and rejects as cancelled', async () => {
    const teardown = jest.fn();
    mockFetch.mockReturnValue(new Observable(() => teardown));
    const controller = new AbortController();
    const answer = fetchParsed({ url: '/api/search' }, z.unknown(), 'Listing SLOs', controller.signal);
    controller.abort();
    expect(teardown).toHaveBeenCalledTimes(1);
    const error = await answer.catch((e: unknown) => e);
    expect(isCancelled(error)).toBe(true);
  });

  it('makes no request once the signal has aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await fetchParsed({ url: '/api/search' }, z.unknown(), 'Listing SLOs', controller.signal).catch(
      (e: unknown) => e
    );
    expect(isCancelled(error)).toBe(true);
    expect(mockFetch).not.toHaveBeenCalled();
  });

  it('answers as before when the signal does not abort', async () => {
    mockFetch.mockReturnValue(of({ data: { ok: true }, status: 200 }));
    await expect(
      fetchParsed({ url: '/api/x' }, z.object({ ok: z.boolean() }), 'Reading', new AbortController().signal)
    ).resolves.toEqual({ ok: true });
  });

  it('cancels the dashboard loads of a listing under way', async () => {
    const teardowns: jest.Mock[] = [];
    mockFetch.mockImplementation((request) => {
      if (request.url === '/api/search') {
        return of({ data: [{ uid: 'a' }, { uid: 'b' }], status: 200 });
      }
      const teardown = jest.fn();
      teardowns.push(teardown);
      return new Observable(() => teardown);
    });
    const controller = new AbortController();
    const listing = listSlos(undefined, controller.signal);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(teardowns).toHaveLength(2);
    controller.abort();
    expect(teardowns.map((t) => t.mock.calls.length)).toEqual([1, 1]);
    expect(isCancelled(await listing.catch((e: unknown) => e))).toBe(true);
  });
});
