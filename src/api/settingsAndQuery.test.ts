import { useRoutes as use } from '../testing/backendSrv';
import { DEFAULT_SETTINGS } from '../settings';
import { getPluginSettings, savePluginSettings } from './settings';
import { coalescedInstant, queryInstant, testConnection } from './query';
import { ensureFolder } from './folders';
import { ApiError, PermissionDeniedError } from './errors';

jest.mock('@grafana/runtime', () => jest.requireActual('../testing/backendSrv').fakeRuntime);

const frame = (value: number, labels: Record<string, string> = {}) => ({
  schema: {
    fields: [
      { name: 'Time', type: 'time' },
      { name: 'Value', type: 'number', labels },
    ],
  },
  data: { values: [[1700000000000], [value]] },
});

describe('plugin settings', () => {
  it('reads jsonData with defaults', async () => {
    use([
      [
        'GET',
        '/api/plugins/burnrate-slo-app/settings',
        () => ({ data: { enabled: true, jsonData: { datasourceUid: 'p' } } }),
      ],
    ]);
    await expect(getPluginSettings()).resolves.toEqual({
      enabled: true,
      pinned: false,
      settings: { ...DEFAULT_SETTINGS, datasourceUid: 'p' },
    });
  });

  it('saves enabled, pinned and jsonData; a 403 is a PermissionDeniedError', async () => {
    const calls = use([
      [
        'POST',
        '/api/plugins/burnrate-slo-app/settings',
        () => ({ status: 403, data: { message: 'Permission denied' } }),
      ],
    ]);
    const error = await savePluginSettings({ enabled: true, pinned: true, settings: DEFAULT_SETTINGS }).catch(
      (e: unknown) => e
    );
    expect(error).toBeInstanceOf(PermissionDeniedError);
    expect(error).toMatchObject({ message: 'Saving the app settings: Permission denied' });
    expect(calls[0].data).toEqual({ enabled: true, pinned: true, jsonData: DEFAULT_SETTINGS });
  });
});

describe('queryInstant', () => {
  it('posts instant queries and reads one sample per frame', async () => {
    const calls = use([
      [
        'POST',
        '/api/ds/query',
        () => ({ data: { results: { A: { frames: [frame(0.5, { slo_uid: 'a' }), frame(0.25, { slo_uid: 'b' })] } } } }),
      ],
    ]);
    await expect(queryInstant('prom', [{ refId: 'A', expr: 'up' }])).resolves.toEqual({
      A: [
        { labels: { slo_uid: 'a' }, value: 0.5 },
        { labels: { slo_uid: 'b' }, value: 0.25 },
      ],
    });
    expect(calls[0].data.queries).toEqual([
      { refId: 'A', expr: 'up', instant: true, range: false, datasource: { uid: 'prom', type: 'prometheus' } },
    ]);
  });

  it('testConnection passes on vector(1) and reports the datasource error', async () => {
    use([['POST', '/api/ds/query', () => ({ data: { results: { A: { frames: [frame(1)] } } } })]]);
    await expect(testConnection('prom')).resolves.toBeUndefined();
    use([
      ['POST', '/api/ds/query', () => ({ status: 500, data: { results: { A: { error: 'connection refused' } } } })],
    ]);
    await expect(testConnection('prom')).rejects.toThrow('Querying the datasource: connection refused');
  });
});

describe('coalescedInstant', () => {
  it('sends the expressions asked for together in one request and gives each its own answer', async () => {
    const calls = use([
      [
        'POST',
        '/api/ds/query',
        () => ({
          data: { results: { Q0: { frames: [frame(1, { m: 'a' })] }, Q1: { frames: [frame(2)] }, Q2: { frames: [] } } },
        }),
      ],
    ]);
    const run = coalescedInstant('prom');
    await expect(Promise.all([run('a'), run('b'), run('c')])).resolves.toEqual([
      [{ labels: { m: 'a' }, value: 1 }],
      [{ labels: {}, value: 2 }],
      [],
    ]);
    expect(calls).toHaveLength(1);
    expect(calls[0].data.queries.map((q: { refId: string; expr: string }) => [q.refId, q.expr])).toEqual([
      ['Q0', 'a'],
      ['Q1', 'b'],
      ['Q2', 'c'],
    ]);
    // Asked for later: a request of its own.
    await run('d');
    expect(calls).toHaveLength(2);
    // Evaluated now.
    expect([calls[0].data.from, calls[0].data.to]).toEqual(['now-5m', 'now']);
  });

  it('evaluates every expression at the instant given', async () => {
    const calls = use([['POST', '/api/ds/query', () => ({ data: { results: { Q0: { frames: [frame(1)] } } } })]]);
    await coalescedInstant('prom', undefined, 1_764_849_600)('a');
    // The instant query is evaluated at the range's end.
    expect([calls[0].data.from, calls[0].data.to]).toEqual(['1764849300000', '1764849600000']);
  });

  it('fails each expression of a request that fails', async () => {
    use([['POST', '/api/ds/query', () => ({ status: 500, data: { results: { Q0: { error: 'down' } } } })]]);
    const run = coalescedInstant('prom');
    const answers = await Promise.allSettled([run('a'), run('b')]);
    expect(answers.map((a) => a.status)).toEqual(['rejected', 'rejected']);
  });
});

describe('ensureFolder', () => {
  it('does nothing when the folder exists', async () => {
    const calls = use([['GET', '/api/folders/f', () => ({ data: { uid: 'f', title: 'F' } })]]);
    await ensureFolder('f', 'F');
    expect(calls).toHaveLength(1);
  });

  it('passes on other errors', async () => {
    use([['GET', '/api/folders/f', () => ({ status: 500, data: { message: 'boom' } })]]);
    await expect(ensureFolder('f', 'F')).rejects.toBeInstanceOf(ApiError);
  });
});
