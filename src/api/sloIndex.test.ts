import type { BackendSrvRequest } from '@grafana/runtime';
import { makeSlo } from '../testing/fixtures';
import { fakeConfig, useRoutes as use } from '../testing/backendSrv';
import { sloToDashboard, storedSloYaml } from '../storage/sloDashboard';
import {
  dashboardToSloIndex,
  indexEntry,
  sloIndexToDashboard,
  sloIndexUid,
  SLO_INDEX_FORMAT,
  type SloIndex,
} from '../storage/sloIndex';
import { deleteSlo, listSlos, saveSlo, type SloEntry } from './sloStore';

jest.mock('@grafana/runtime', () => jest.requireActual('../testing/backendSrv').fakeRuntime);

const FOLDER = 'burnrate-slos';
const INDEX_URL = `/api/dashboards/uid/${sloIndexUid(FOLDER)}`;
const meta = { canSave: true, canEdit: true, version: 4, folderUid: FOLDER };

const slo = makeSlo();
const dashboard = sloToDashboard(slo);
const yamlText = (json: Record<string, unknown>) => {
  const stored = storedSloYaml(json);
  if (!('yaml' in stored)) {
    throw new Error('no SLO panel');
  }
  return stored.yaml;
};

function indexOf(entries: Array<[typeof slo, string, number]>): SloIndex {
  return {
    entries: new Map(
      entries.map(([s, text, version]) => {
        const entry = indexEntry(s, text, { dashboardUid: `slo-${s.uid}`, version, managed: false });
        return [entry.dashboardUid, entry];
      })
    ),
  };
}

function indexRoute(index: SloIndex, version = 9): [string, string, () => { data: unknown }] {
  return [
    'GET',
    INDEX_URL,
    () => ({ data: { dashboard: sloIndexToDashboard(FOLDER, index), meta: { ...meta, version } } }),
  ];
}

function savedIndex(calls: BackendSrvRequest[]): { index: SloIndex | undefined; version: unknown } | undefined {
  const post = calls.find((c) => c.method === 'POST' && c.url === '/api/dashboards/db');
  const data = post?.data as { dashboard: Record<string, unknown> } | undefined;
  return data && { index: dashboardToSloIndex(data.dashboard), version: data.dashboard.version };
}

describe('the SLO index', () => {
  beforeEach(() => {
    fakeConfig.buildInfo.version = '11.6.0';
  });
  afterAll(() => {
    fakeConfig.buildInfo.version = '12.3.0';
  });

  it('reads back what it writes, and an index of another format as none', () => {
    const index = indexOf([[slo, yamlText(dashboard), 4]]);
    const json = sloIndexToDashboard(FOLDER, index);
    expect(json.uid).toBe('burnrate-slo-index-burnrate-slos');
    expect(dashboardToSloIndex(json)).toEqual(index);
    const content = JSON.stringify(json).replace(`\\"format\\":${SLO_INDEX_FORMAT}`, '\\"format\\":0');
    expect(dashboardToSloIndex(JSON.parse(content))).toBeUndefined();
    expect(sloIndexUid('a-folder-uid-of-forty-characters-exactly')).toMatch(/^burnrate-slo-index-[0-9a-f]{8}$/);
  });

  it('takes the SLO of an entry whose YAML text is the dashboard’s, and shows the index first', async () => {
    // The index holds another display name for the same YAML text: what the listing shows tells which was read.
    const indexed = indexOf([[{ ...slo, displayName: 'From the index' }, yamlText(dashboard), 4]]);
    const calls = use([
      ['GET', '/api/search', () => ({ data: [{ uid: 'slo-checkout-availability' }] })],
      ['GET', '/api/dashboards/uid/slo-checkout-availability', () => ({ data: { dashboard, meta } })],
      indexRoute(indexed),
    ]);
    const early: SloEntry[][] = [];
    const entries = await listSlos(FOLDER, undefined, (e) => early.push(e));
    expect(early.map((e) => e.map((x) => [x.dashboardUid, x.version, x.kind === 'ok' && x.slo.displayName]))).toEqual([
      [['slo-checkout-availability', 4, 'From the index']],
    ]);
    expect(entries.map((e) => e.kind === 'ok' && e.slo.displayName)).toEqual(['From the index']);
    // Up to date: nothing saved.
    expect(savedIndex(calls)).toBeUndefined();
  });

  it('reads the YAML of a dashboard saved without the index, and saves the index rebuilt', async () => {
    const edited = sloToDashboard({ ...slo, description: 'edited by an older version' });
    const calls = use([
      ['GET', '/api/search', () => ({ data: [{ uid: 'slo-checkout-availability' }] })],
      ['GET', '/api/dashboards/uid/slo-checkout-availability', () => ({ data: { dashboard: edited, meta } })],
      indexRoute(indexOf([[{ ...slo, displayName: 'From the index' }, yamlText(dashboard), 4]])),
      ['POST', '/api/dashboards/db', () => ({ data: { uid: sloIndexUid(FOLDER), version: 10 } })],
    ]);
    const [entry] = await listSlos(FOLDER);
    expect(entry.kind === 'ok' && [entry.slo.displayName, entry.slo.description]).toEqual([
      'Checkout availability',
      'edited by an older version',
    ]);
    const saved = savedIndex(calls);
    expect(saved?.version).toBe(9);
    expect(saved?.index).toEqual(
      indexOf([[{ ...slo, description: 'edited by an older version' }, yamlText(edited), 4]])
    );
  });

  it('shows nothing early when the search finds a dashboard the index does not name', async () => {
    const other = makeSlo({ uid: 'other', name: 'other' });
    use([
      ['GET', '/api/search', () => ({ data: [{ uid: 'slo-checkout-availability' }, { uid: 'slo-other' }] })],
      ['GET', '/api/dashboards/uid/slo-checkout-availability', () => ({ data: { dashboard, meta } })],
      ['GET', '/api/dashboards/uid/slo-other', () => ({ data: { dashboard: sloToDashboard(other), meta } })],
      indexRoute(indexOf([[slo, yamlText(dashboard), 4]])),
    ]);
    const early = jest.fn();
    const entries = await listSlos(FOLDER, undefined, early);
    expect(early).not.toHaveBeenCalled();
    expect(entries.map((e) => e.dashboardUid)).toEqual(['slo-checkout-availability', 'slo-other']);
  });

  it('builds a missing index from the dashboards, broken ones included', async () => {
    const broken = { uid: 'slo-bad', title: 'SLO: bad', panels: [] };
    const calls = use([
      ['GET', '/api/search', () => ({ data: [{ uid: 'slo-checkout-availability' }, { uid: 'slo-bad' }] })],
      ['GET', '/api/dashboards/uid/slo-checkout-availability', () => ({ data: { dashboard, meta } })],
      ['GET', '/api/dashboards/uid/slo-bad', () => ({ data: { dashboard: broken, meta } })],
      ['POST', '/api/dashboards/db', () => ({ data: { uid: sloIndexUid(FOLDER), version: 1 } })],
    ]);
    await listSlos(FOLDER);
    const saved = savedIndex(calls);
    expect(saved?.version).toBeUndefined();
    expect([...(saved?.index?.entries.values() ?? [])].map((e) => [e.dashboardUid, e.broken?.title])).toEqual([
      ['slo-checkout-availability', undefined],
      ['slo-bad', 'SLO: bad'],
    ]);
  });

  it('leaves the index alone for a user who may save nothing in the folder', async () => {
    const calls = use([
      ['GET', '/api/search', () => ({ data: [{ uid: 'slo-checkout-availability' }] })],
      [
        'GET',
        '/api/dashboards/uid/slo-checkout-availability',
        () => ({ data: { dashboard, meta: { ...meta, canSave: false } } }),
      ],
    ]);
    await listSlos(FOLDER);
    expect(calls.filter((c) => c.method === 'POST')).toEqual([]);
  });

  it('follows a save and a delete, with the version of the index it read', async () => {
    const updated = { ...slo, description: 'saved' };
    let indexVersion = 9;
    const calls = use([
      indexRoute(indexOf([[slo, yamlText(dashboard), 4]]), indexVersion),
      [
        'POST',
        '/api/dashboards/db',
        (request) => {
          const sent = (request.data as { dashboard: { uid: string } }).dashboard;
          return { data: { uid: sent.uid, version: sent.uid === 'slo-checkout-availability' ? 5 : ++indexVersion } };
        },
      ],
      ['GET', '/api/dashboards/uid/slo-checkout-availability', () => ({ data: { dashboard, meta } })],
      ['DELETE', '/api/dashboards/uid/slo-checkout-availability', () => ({ data: {} })],
    ]);
    await saveSlo(updated, { folderUid: FOLDER, previous: { dashboard, version: 4 } });
    const posts = calls.filter((c) => c.method === 'POST').map((c) => c.data as { dashboard: Record<string, unknown> });
    expect(posts).toHaveLength(2);
    expect(posts[1].dashboard.version).toBe(9);
    expect(dashboardToSloIndex(posts[1].dashboard)).toEqual(
      indexOf([[updated, yamlText(sloToDashboard(updated, dashboard)), 5]])
    );

    await deleteSlo({ dashboardUid: 'slo-checkout-availability', version: 4 });
    const last = calls.filter((c) => c.method === 'POST').pop()?.data as { dashboard: Record<string, unknown> };
    expect(dashboardToSloIndex(last.dashboard)?.entries.size).toBe(0);
  });

  it('leaves the index to the listing that follows an import of many', async () => {
    const calls = use([
      ['GET', '/api/folders/burnrate-slos', () => ({ data: { uid: FOLDER, canSave: true } })],
      ['POST', '/api/dashboards/db', () => ({ data: { uid: 'slo-checkout-availability', version: 1 } })],
    ]);
    await saveSlo(slo, { folderUid: FOLDER, indexByListing: true });
    expect(calls.filter((c) => c.url === INDEX_URL)).toEqual([]);
  });

  it('never fails a save over an index it cannot write', async () => {
    use([
      indexRoute(indexOf([[slo, yamlText(dashboard), 4]])),
      [
        'POST',
        '/api/dashboards/db',
        (request) =>
          (request.data as { dashboard: { uid: string } }).dashboard.uid === 'slo-checkout-availability'
            ? { data: { uid: 'slo-checkout-availability', version: 5 } }
            : { status: 412, data: { status: 'version-mismatch', message: 'newer version' } },
      ],
    ]);
    await expect(saveSlo(slo, { folderUid: FOLDER, previous: { dashboard, version: 4 } })).resolves.toEqual({
      dashboardUid: 'slo-checkout-availability',
      version: 5,
    });
  });
});
