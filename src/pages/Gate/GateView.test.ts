import { Observable } from 'rxjs';
import type { BackendSrvRequest } from '@grafana/runtime';
import { DEFAULT_SETTINGS } from '../../settings';
import { GateView } from './GateView';

/** Requests that never answer, each with whether its subscription was closed (the request cancelled). */
const requests: Array<{ url: string; cancelled: boolean }> = [];
const mockFetch = (request: BackendSrvRequest) =>
  new Observable(() => {
    const entry = { url: request.url, cancelled: false };
    requests.push(entry);
    return () => {
      entry.cancelled = true;
    };
  });
jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  getBackendSrv: () => ({ fetch: mockFetch }),
  getDataSourceSrv: () => jest.requireActual('../../testing/backendSrv').fakeDataSourceSrv(mockFetch),
}));

beforeEach(() => (requests.length = 0));

const settings = { ...DEFAULT_SETTINGS, datasourceUid: 'prom' };
const open = (url: string) => requests.filter((r) => r.url === url && !r.cancelled);

describe('GateView data', () => {
  it('cancels the services listing and the budget queries when the page closes', async () => {
    const gate = new GateView({ settings, service: 'checkout', risk: 'medium', teamSize: 5 });
    const close = gate.activate();
    await Promise.resolve();
    // The services listing, and the decision's SLOs of the service (replayed where their rules do not record).
    expect(open('/api/search')).toHaveLength(2);
    expect(open('/api/ds/query')).toHaveLength(4);
    expect(gate.decision.state.loading).toBe(true);
    close();
    expect(requests.every((r) => r.cancelled)).toBe(true);
  });

  it('cancels the queries for the risk chosen before, and queries for the new one', async () => {
    const gate = new GateView({ settings, service: 'checkout', risk: 'medium', teamSize: 5 });
    gate.activate();
    await Promise.resolve();
    const before = open('/api/ds/query');
    gate.setChoice({ risk: 'high' });
    await Promise.resolve();
    expect(before.every((r) => r.cancelled)).toBe(true);
    expect(open('/api/ds/query')).toHaveLength(4);
    // The services listing, and the new decision's SLOs of the service.
    expect(open('/api/search')).toHaveLength(2);
  });
});
