import { makeSlo } from '../testing/fixtures';
import { useRoutes as use } from '../testing/backendSrv';
import { sloToDashboard } from '../storage/sloDashboard';
import { getSloVersion, listSloVersions } from './sloVersions';

jest.mock('@grafana/runtime', () => jest.requireActual('../testing/backendSrv').fakeRuntime);

const first = {
  id: 11,
  dashboardId: 3,
  uid: 'slo-checkout-availability',
  parentVersion: 0,
  restoredFrom: 0,
  version: 1,
  created: '2025-01-01T10:00:00Z',
  createdBy: 'alice',
  message: 'Created by Burnrate',
};
const second = { ...first, id: 12, parentVersion: 1, version: 2, createdBy: 'bob', message: '' };

describe('listSloVersions', () => {
  it("reads Grafana 11's array, newest first, an empty message left out", async () => {
    const calls = use([
      ['GET', '/api/dashboards/uid/slo-checkout-availability/versions', () => ({ data: [first, second] })],
    ]);
    expect(await listSloVersions('slo-checkout-availability')).toEqual({
      versions: [
        { version: 2, created: '2025-01-01T10:00:00Z', createdBy: 'bob' },
        { version: 1, created: '2025-01-01T10:00:00Z', createdBy: 'alice', message: 'Created by Burnrate' },
      ],
    });
    expect(calls[0].params).toEqual({ limit: 50 });
  });

  it('pages through Grafana 11 by offset: a full page may have more', async () => {
    const calls = use([
      [
        'GET',
        '/api/dashboards/uid/slo-a/versions',
        (r) => ({ data: r.params?.start === 2 ? [first] : [second, first] }),
      ],
    ]);
    const page = await listSloVersions('slo-a', undefined, undefined, 2);
    expect(page.next).toEqual({ start: 2 });
    const last = await listSloVersions('slo-a', undefined, page.next, 2);
    expect(last).toEqual({ versions: [expect.objectContaining({ version: 1 })] });
    expect(calls.map((c) => c.params)).toEqual([{ limit: 2 }, { limit: 2, start: 2 }]);
  });

  it('pages through Grafana 12 by its continueToken, and stops where it gives none', async () => {
    const calls = use([
      [
        'GET',
        '/api/dashboards/uid/slo-a/versions',
        (r) => ({
          data: r.params?.continueToken ? { versions: [first] } : { continueToken: 'eyJvIjoxfQ', versions: [second] },
        }),
      ],
    ]);
    const page = await listSloVersions('slo-a', undefined, undefined, 1);
    expect(page.next).toEqual({ continueToken: 'eyJvIjoxfQ' });
    expect((await listSloVersions('slo-a', undefined, page.next, 1)).next).toBeUndefined();
    expect(calls[1].params).toEqual({ limit: 1, continueToken: 'eyJvIjoxfQ' });
  });

  it("reads Grafana 12's { versions, continueToken }", async () => {
    use([
      [
        'GET',
        '/api/dashboards/uid/slo-checkout-availability/versions',
        () => ({ data: { continueToken: '', versions: [second, first] } }),
      ],
    ]);
    expect((await listSloVersions('slo-checkout-availability')).versions.map((v) => [v.version, v.createdBy])).toEqual([
      [2, 'bob'],
      [1, 'alice'],
    ]);
  });

  it('says so when the answer is neither shape', async () => {
    use([['GET', '/api/dashboards/uid/slo-x/versions', () => ({ data: { items: [] } })]]);
    await expect(listSloVersions('slo-x')).rejects.toThrow('Listing the versions of the SLO: unexpected answer');
  });
});

describe('getSloVersion', () => {
  it("decodes the version's dashboard to its SLO", async () => {
    const slo = makeSlo({ description: 'as it was' });
    const calls = use([
      [
        'GET',
        '/api/dashboards/uid/slo-checkout-availability/versions/1',
        () => ({ data: { ...first, data: sloToDashboard(slo) } }),
      ],
    ]);
    const version = await getSloVersion('slo-checkout-availability', 1);
    expect(calls[0].url).toBe('/api/dashboards/uid/slo-checkout-availability/versions/1');
    expect(version.createdBy).toBe('alice');
    expect('slo' in version.decoded && version.decoded.slo.description).toBe('as it was');
  });

  it('gives the decode error of a version whose dashboard holds no SLO', async () => {
    use([
      ['GET', '/api/dashboards/uid/slo-x/versions/3', () => ({ data: { ...first, version: 3, data: { panels: [] } } })],
    ]);
    const version = await getSloVersion('slo-x', 3);
    expect(version.version).toBe(3);
    expect('error' in version.decoded && version.decoded.error.message).toBe(
      'the dashboard has no text panel holding the SLO as a ```yaml block'
    );
  });
});
