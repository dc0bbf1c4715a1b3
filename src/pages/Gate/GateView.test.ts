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
/** Lets the requests asked for in this turn go out. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('GateView data', () => {
  it('cancels the services listing and the budget queries when the page closes', async () => {
    const gate = new GateView({ settings, service: 'checkout', risk: 'medium', teamSize: 5 });
    const close = gate.activate();
    await settle();
    // One listing of the store for the services and the decision's SLOs of the service.
    expect(open('/api/search')).toHaveLength(1);
    // The service's four metrics in one request.
    expect(open('/api/ds/query')).toHaveLength(1);
    expect(gate.decision.state.loading).toBe(true);
    close();
    expect(requests.every((r) => r.cancelled)).toBe(true);
  });

  it('cancels the queries for the risk chosen before, and queries for the new one', async () => {
    const gate = new GateView({ settings, service: 'checkout', risk: 'medium', teamSize: 5 });
    gate.activate();
    await settle();
    const before = open('/api/ds/query');
    expect(before).toHaveLength(1);
    gate.setChoice({ risk: 'high' });
    await settle();
    expect(before.every((r) => r.cancelled)).toBe(true);
    expect(open('/api/ds/query')).toHaveLength(1);
    // The new decision reads the SLOs of the same listing, which goes on.
    expect(open('/api/search')).toHaveLength(1);
    expect(requests.filter((r) => r.url === '/api/search')).toHaveLength(1);
  });
});
