import { DEFAULT_SETTINGS } from '../settings';
import { makeSlo } from '../testing/fixtures';
import { desiredGroups, loadDrift } from './ruler';

const fetchResponse = jest.fn();
jest.mock('./http', () => ({ fetchResponse: (...args: unknown[]) => fetchResponse(...args) }));
jest.mock('@grafana/runtime', () => ({ hasPermission: () => true }));
jest.mock('./datasources', () => ({
  findDatasource: (uid: string) => (uid === 'prom-us' ? { uid, name: 'Prometheus US', type: 'prometheus' } : undefined),
}));

const settings = { ...DEFAULT_SETTINGS, datasourceUid: 'prom' };

describe('loadDrift on several datasources', () => {
  const main = makeSlo({ uid: 'main', name: 'main' });
  const eu = makeSlo({ uid: 'eu', name: 'eu', datasourceUid: 'prom-eu' });
  const us = makeSlo({ uid: 'us', name: 'us', datasourceUid: 'prom-us' });

  it("compares each SLO with its own datasource's ruler; a ruler that fails leaves only its SLOs unknown", async () => {
    fetchResponse.mockImplementation(async ({ url }: { url: string }) => {
      if (url.startsWith('/api/ruler/prom-us/')) {
        throw { status: 502, data: { message: 'bad gateway' } };
      }
      // The main ruler holds the main SLO's groups as built; prom-eu holds none.
      const groups = url.startsWith('/api/ruler/prom/') ? desiredGroups(main, settings) : [];
      return { status: 200, data: { [settings.ruleNamespace]: groups } };
    });
    const report = await loadDrift([main, eu, us], settings);
    expect(fetchResponse.mock.calls.map(([{ url }]) => url).sort()).toEqual([
      '/api/ruler/prom-eu/api/v1/rules',
      '/api/ruler/prom-us/api/v1/rules',
      '/api/ruler/prom/api/v1/rules',
    ]);
    expect(report.kind).toBe('ok');
    if (report.kind !== 'ok') {
      return;
    }
    expect(report.drift.get('main')?.status).toBe('up-to-date');
    expect(report.drift.get('eu')?.status).toBe('not-deployed');
    expect(report.drift.get('us')).toBeUndefined();
    expect(report.unknown?.get('us')).toMatch(/^Prometheus US: .*bad gateway/);
    expect(report.unknown?.has('main')).toBe(false);
  });

  it('is unavailable for all when the only ruler fails', async () => {
    fetchResponse.mockImplementation(async () => {
      throw { status: 502, data: { message: 'bad gateway' } };
    });
    expect(await loadDrift([main], settings)).toEqual({
      kind: 'unavailable',
      reason: expect.stringContaining('bad gateway'),
    });
  });
});
