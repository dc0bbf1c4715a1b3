import { Observable } from 'rxjs';
import React from 'react';
import { render, screen, waitFor } from '@testing-library/react';
import type { BackendSrvRequest } from '@grafana/runtime';
import { DEFAULT_SETTINGS } from '../../settings';
import { SLO_LABELS } from '../../promql/slo';
import { makeSlo } from '../../testing/fixtures';
import type { Slo } from '../../slo/types';
import { listSlos, type SloEntry } from '../../api/sloStore';
import { readReplay } from '../../decisions/replay';
import { recordedADayAgoQuery, serviceQueries } from '../../promql/readings';
import { testIds } from '../../components/testIds';
import { DatasourceFailures } from '../../components/DatasourceFailures';
import { GateView } from './GateView';

interface Query {
  refId: string;
  expr: string;
  datasource: { uid: string };
}

/**
 * The samples a datasource answers to an expression, or an error: the requests of the tests that set it are
 * answered; otherwise they never answer.
 */
let answer: ((datasourceUid: string, expr: string) => Array<{ uid: string; value: number }> | Error) | undefined;

const frame = (value: number, labels: Record<string, string>) => ({
  schema: {
    fields: [
      { name: 'Time', type: 'time' },
      { name: 'Value', type: 'number', labels },
    ],
  },
  data: { values: [[1700000000000], [value]] },
});

/** Requests, each with the datasource it went to and whether its subscription was closed (the request cancelled). */
const requests: Array<{ url: string; datasourceUid?: string; cancelled: boolean }> = [];
const mockFetch = (request: BackendSrvRequest) =>
  new Observable((subscriber) => {
    const queries: Query[] = request.data?.queries ?? [];
    const entry = { url: request.url, datasourceUid: queries[0]?.datasource.uid, cancelled: false };
    requests.push(entry);
    if (answer && entry.datasourceUid !== undefined) {
      const answers = queries.map((q) => [q.refId, answer!(q.datasource.uid, q.expr)] as const);
      const failed = answers.find(([, a]) => a instanceof Error);
      if (failed) {
        subscriber.error({ status: 500, data: { results: { [failed[0]]: { error: (failed[1] as Error).message } } } });
      } else {
        const results = Object.fromEntries(
          answers.map(([refId, samples]) => [
            refId,
            {
              frames: (samples as Array<{ uid: string; value: number }>).map((s) =>
                frame(s.value, { [SLO_LABELS.uid]: s.uid, [SLO_LABELS.name]: s.uid, [SLO_LABELS.window]: '30d' })
              ),
            },
          ])
        );
        subscriber.next({ data: { results }, status: 200 });
        subscriber.complete();
      }
    }
    return () => {
      entry.cancelled = true;
    };
  });
jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  getBackendSrv: () => ({ fetch: mockFetch }),
  getDataSourceSrv: () => jest.requireActual('../../testing/backendSrv').fakeDataSourceSrv(mockFetch),
}));
jest.mock('../../api/datasources', () => ({ findDatasource: () => undefined }));
jest.mock('../../api/sloStore', () => {
  const actual = jest.requireActual('../../api/sloStore');
  return { ...actual, listSlos: jest.fn(actual.listSlos) };
});
jest.mock('../../decisions/replay', () => {
  const actual = jest.requireActual('../../decisions/replay');
  return { ...actual, readReplay: jest.fn(actual.readReplay) };
});

beforeEach(() => {
  requests.length = 0;
  answer = undefined;
});

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

describe('GateView on many datasources', () => {
  const main = makeSlo({ uid: 'main-slo', name: 'main-slo' });
  const eu = makeSlo({ uid: 'eu-slo', name: 'eu-slo', datasourceUid: 'prom-eu' });
  const us = makeSlo({ uid: 'us-slo', name: 'us-slo', datasourceUid: 'prom-us' });
  const queries = serviceQueries('checkout');
  /**
   * The budget left of each SLO on each datasource: the default one also still holds an old, spent budget of
   * eu-slo (before it moved), which the decision must not take.
   */
  const BUDGETS: Record<string, Array<[string, number]>> = {
    prom: [
      ['main-slo', 0.9],
      ['eu-slo', -0.5],
    ],
    'prom-eu': [['eu-slo', 0.8]],
  };

  beforeEach(() => {
    // The rules of every SLO recorded the whole window: nothing to replay from raw data.
    jest.mocked(readReplay).mockResolvedValue({ at: 0, plans: [], figures: new Map() });
    answer = (uid, expr) => {
      if (uid === 'prom-us') {
        return new Error('connection refused');
      }
      const budgets = BUDGETS[uid] ?? [];
      if (expr === queries.objectives) {
        return budgets.map(([sloUid]) => ({ uid: sloUid, value: 0.99 }));
      }
      if (expr === queries.budgets) {
        return budgets.map(([sloUid, value]) => ({ uid: sloUid, value }));
      }
      return expr === recordedADayAgoQuery('checkout') ? budgets.map(([sloUid]) => ({ uid: sloUid, value: 1 })) : [];
    };
  });

  async function decided(slos: Slo[]) {
    jest.mocked(listSlos).mockResolvedValueOnce(slos.map((slo) => ({ kind: 'ok', slo, yaml: '' }) as SloEntry));
    const gate = new GateView({ settings, service: 'checkout', risk: 'low', teamSize: 5 });
    gate.activate();
    await waitFor(() => expect(gate.decision.state.loading).toBe(false));
    return gate.decision.state;
  }

  it('reads each SLO of the service on its own datasource', async () => {
    const { data, error } = await decided([main, eu]);
    expect(error).toBeUndefined();
    // The service's metrics in one request per datasource.
    expect(requests.filter((r) => r.url === '/api/ds/query').map((r) => r.datasourceUid)).toEqual(['prom', 'prom-eu']);
    expect(data!.result.objectives.map((o) => [o.sloUid, o.remaining])).toEqual([
      ['eu-slo', 0.8],
      ['main-slo', 0.9],
    ]);
    expect(data!.result.decision).toBe('approve');
    expect(data!.failures).toEqual([]);
  });

  it('does not approve on the SLOs of a datasource that cannot answer, and says which', async () => {
    const { data, error } = await decided([main, eu, us]);
    expect(error).toBeUndefined();
    expect(requests.filter((r) => r.url === '/api/ds/query').map((r) => r.datasourceUid)).toEqual([
      'prom',
      'prom-eu',
      'prom-us',
    ]);
    expect(data!.result.objectives.map((o) => [o.sloUid, o.remaining, o.status, o.decision])).toEqual([
      ['eu-slo', 0.8, 'healthy', 'approve'],
      ['main-slo', 0.9, 'healthy', 'approve'],
      ['us-slo', undefined, 'no-data', 'review'],
    ]);
    expect(data!.result.decision).toBe('review');
    expect(data!.result.reason).toContain('datasource prom-us could not answer');
    expect(data!.failures).toEqual([
      { datasourceUid: 'prom-us', message: expect.stringContaining('connection refused'), sloUids: ['us-slo'] },
    ]);
    // The page says which datasource, and for how many SLOs.
    render(React.createElement(DatasourceFailures, { failures: data!.failures }));
    expect(screen.getByTestId(testIds.datasourceFailures.alert)).toHaveTextContent(
      /prom-us: .*connection refused \(1 SLO without figures\)/
    );
  });
});
