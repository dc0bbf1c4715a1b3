import { makeSlo } from '../testing/fixtures';
import { fakeConfig, useRoutes as use } from '../testing/backendSrv';
import { dashboardUidForSlo, sloToDashboard } from '../storage/sloDashboard';
import { BULK_FROM, deleteSlo, getSlo, listSlos, saveSlo } from './sloStore';
import { NotFoundError, SloConflictError, SloExistsError, SloUidCollisionError } from './errors';

jest.mock('@grafana/runtime', () => jest.requireActual('../testing/backendSrv').fakeRuntime);

const meta = { canSave: true, canEdit: true, version: 4, updatedBy: 'alice', updated: '2025-01-02T03:04:05Z' };

describe('listSlos on Grafana 11', () => {
  beforeEach(() => {
    fakeConfig.buildInfo.version = '11.6.0';
  });
  afterAll(() => {
    fakeConfig.buildInfo.version = '12.3.0';
  });

  it('searches by tag and loads each dashboard, broken ones included', async () => {
    const good = sloToDashboard(makeSlo());
    const broken = { uid: 'slo-bad', title: 'SLO: bad', panels: [] };
    const calls = use([
      [
        'GET',
        '/api/search',
        () => ({ data: [{ uid: 'slo-checkout-availability' }, { uid: 'slo-bad' }, { uid: 'gone' }] }),
      ],
      ['GET', '/api/dashboards/uid/slo-checkout-availability', () => ({ data: { dashboard: good, meta } })],
      ['GET', '/api/dashboards/uid/slo-bad', () => ({ data: { dashboard: broken, meta: { canSave: false } } })],
    ]);
    const entries = await listSlos('burnrate-slos');
    expect(calls[0].params).toEqual({
      type: 'dash-db',
      tag: 'burnrate-slo',
      limit: 5000,
      page: 1,
      folderUIDs: 'burnrate-slos',
    });
    expect(entries.map((e) => [e.kind, e.dashboardUid, e.canSave])).toEqual([
      ['ok', 'slo-checkout-availability', true],
      ['broken', 'slo-bad', false],
    ]);
    expect(entries[1].kind === 'broken' && entries[1].error.message).toBe(
      'the dashboard has no text panel holding the SLO as a ```yaml block'
    );
  });

  it('pages through the search until a page comes back short', async () => {
    const page = (n: number, count: number) =>
      Array.from({ length: count }, (_, i) => ({ uid: `slo-p${n}-${i}`, title: `SLO ${n}-${i}` }));
    const calls = use([
      ['GET', '/api/search', (request) => ({ data: request.params?.page === 1 ? page(1, 5000) : page(2, 2) })],
      [
        'GET',
        /^\/api\/dashboards\/uid\//,
        (request) => ({ data: { dashboard: { title: request.url.split('/').pop(), panels: [] }, meta: {} } }),
      ],
    ]);
    const entries = await listSlos();
    const searches = calls.filter((c) => c.url === '/api/search').map((c) => c.params?.page);
    expect(searches).toEqual([1, 2]);
    expect(entries).toHaveLength(5002);
    expect(new Set(entries.map((e) => e.dashboardUid)).size).toBe(5002);
  });

  it('shows a copy of an SLO dashboard as broken: saving it would overwrite the SLO', async () => {
    const copy = { ...sloToDashboard(makeSlo()), uid: 'copy-of-checkout', title: 'SLO: Checkout availability Copy' };
    use([
      ['GET', '/api/search', () => ({ data: [{ uid: 'copy-of-checkout' }] })],
      ['GET', '/api/dashboards/uid/copy-of-checkout', () => ({ data: { dashboard: copy, meta } })],
    ]);
    const [entry] = await listSlos();
    expect(entry.kind).toBe('broken');
    expect(entry.kind === 'broken' && entry.error.message).toBe(
      'holds the SLO "checkout-availability", whose dashboard is slo-checkout-availability: a copy, or its uid' +
        ' was edited by hand; delete this dashboard or give it back its SLO'
    );
  });
});

const DASHBOARDS_URL = '/apis/dashboard.grafana.app/v1beta1/namespaces/default/dashboards';
const INDEX_URL = '/api/dashboards/uid/burnrate-slo-index-burnrate-slos';
/** The reads of the SLOs themselves: not those of the SLO index, nor its rebuild (sloIndex.test.ts has them). */
const sloReads = <T extends { url: string; method?: string }>(calls: T[]) =>
  calls.filter((c) => (c.method ?? 'GET') === 'GET' && c.url !== INDEX_URL);

/** A dashboard as Grafana 12's dashboard API lists it: uid, id and version in the metadata, not the spec. */
function resource(dashboard: Record<string, unknown>, folder: string, extra: Record<string, string> = {}) {
  const { uid, id: _id, version: _version, ...spec } = dashboard;
  return {
    kind: 'Dashboard',
    apiVersion: 'dashboard.grafana.app/v1beta1',
    metadata: {
      name: uid,
      namespace: 'default',
      generation: 7,
      labels: { 'grafana.app/deprecatedInternalID': '42' },
      annotations: {
        'grafana.app/folder': folder,
        'grafana.app/updatedBy': 'user:alice',
        'grafana.app/updatedTimestamp': '2025-01-02T03:04:05Z',
        ...extra,
      },
    },
    spec,
  };
}

describe('listSlos on Grafana 12', () => {
  const slo = makeSlo();
  const good = { ...sloToDashboard(slo), uid: dashboardUidForSlo(slo.uid) };
  const other = makeSlo({ uid: 'search-latency', name: 'search-latency' });
  const provisioned = { ...sloToDashboard(other), uid: dashboardUidForSlo(other.uid) };
  // Enough SLOs named by the search for the bulk read; those it does not bring are loaded one by one (gone here).
  const gone = Array.from({ length: BULK_FROM - 2 }, (_, i) => `slo-gone-${i}`);
  const search: [string, string, () => { data: unknown }] = [
    'GET',
    '/api/search',
    () => ({ data: [good.uid, provisioned.uid, ...gone].map((uid) => ({ uid })) }),
  ];

  it('reads the folder in pages of the dashboard API, no request per SLO, keeping SLO dashboards only', async () => {
    const elsewhere = { ...sloToDashboard(makeSlo({ uid: 'elsewhere' })), uid: 'slo-elsewhere' };
    const plain = { uid: 'plain', title: 'Not an SLO', tags: ['team'], panels: [] };
    const calls = use([
      [
        'GET',
        DASHBOARDS_URL,
        (request) =>
          request.params?.continue === undefined
            ? {
                data: {
                  kind: 'DashboardList',
                  metadata: { continue: 'page-2' },
                  items: [resource(good, 'burnrate-slos'), resource(plain, 'burnrate-slos')],
                },
              }
            : {
                data: {
                  kind: 'DashboardList',
                  metadata: {},
                  items: [
                    resource(elsewhere, 'other-folder'),
                    resource(provisioned, 'burnrate-slos', { 'grafana.app/managedBy': 'classic-file-provisioning' }),
                  ],
                },
              },
      ],
      ['GET', '/api/folders/burnrate-slos', () => ({ data: { uid: 'burnrate-slos', canSave: true, canEdit: true } })],
      search,
    ]);
    const entries = await listSlos('burnrate-slos');
    const reads = sloReads(calls);
    expect(reads.slice(0, 4).map((c) => [c.url, c.params])).toEqual([
      ['/api/search', { type: 'dash-db', tag: 'burnrate-slo', limit: 5000, page: 1, folderUIDs: 'burnrate-slos' }],
      ['/api/folders/burnrate-slos', undefined],
      [DASHBOARDS_URL, { limit: 500 }],
      [DASHBOARDS_URL, { limit: 500, continue: 'page-2' }],
    ]);
    // Only the SLOs the pages did not bring are loaded one at a time.
    expect(reads.slice(4).map((c) => c.url)).toEqual(gone.map((uid) => `/api/dashboards/uid/${uid}`));
    expect(entries.map((e) => [e.kind, e.dashboardUid, e.version, e.canSave, e.canDelete, e.provisioned])).toEqual([
      ['ok', 'slo-checkout-availability', 7, true, true, false],
      ['ok', 'slo-search-latency', 7, true, false, true],
    ]);
    const [first] = entries;
    expect(first.kind === 'ok' && first.slo).toEqual(slo);
    // The JSON a save sends back is the one /api/dashboards/uid returns: its uid, id and version included.
    expect([first.dashboard.uid, first.dashboard.id, first.dashboard.version]).toEqual([
      'slo-checkout-availability',
      42,
      7,
    ]);
    expect([first.folderUid, first.updatedBy, first.updated]).toEqual([
      'burnrate-slos',
      'alice',
      '2025-01-02T03:04:05Z',
    ]);
  });

  it('falls back on the search and one load per dashboard where the API answers 404', async () => {
    const calls = use([
      search,
      ['GET', '/api/dashboards/uid/slo-checkout-availability', () => ({ data: { dashboard: good, meta } })],
      ['GET', '/api/folders/burnrate-slos', () => ({ data: { uid: 'burnrate-slos', canSave: true } })],
    ]);
    const entries = await listSlos('burnrate-slos');
    expect(
      sloReads(calls)
        .slice(0, 5)
        .map((c) => c.url)
    ).toEqual([
      '/api/search',
      '/api/folders/burnrate-slos',
      DASHBOARDS_URL,
      '/api/dashboards/uid/slo-checkout-availability',
      '/api/dashboards/uid/slo-search-latency',
    ]);
    expect(entries.map((e) => [e.kind, e.dashboardUid, e.version])).toEqual([['ok', 'slo-checkout-availability', 4]]);
  });

  it('stops reading pages once it has read many times the SLOs, and loads the SLOs it has not met', async () => {
    const plain = (i: number) => resource({ uid: `plain-${i}`, title: 'Not an SLO', tags: [], panels: [] }, 'team');
    let pages = 0;
    const calls = use([
      search,
      ['GET', '/api/folders/burnrate-slos', () => ({ data: { uid: 'burnrate-slos', canSave: true } })],
      [
        'GET',
        DASHBOARDS_URL,
        () => {
          pages++;
          return {
            data: {
              metadata: { continue: `page-${pages + 1}` },
              items: Array.from({ length: 500 }, (_, i) => plain(i)),
            },
          };
        },
      ],
      ['GET', '/api/dashboards/uid/slo-checkout-availability', () => ({ data: { dashboard: good, meta } })],
    ]);
    const entries = await listSlos('burnrate-slos');
    // 4 x 12 SLOs and a page: two pages of 500 read, never the whole org.
    expect(pages).toBe(2);
    expect(sloReads(calls).filter((c) => c.url.startsWith('/api/dashboards/uid/'))).toHaveLength(BULK_FROM);
    expect(entries.map((e) => e.dashboardUid)).toEqual(['slo-checkout-availability']);
  });

  it('reads without permissions where the user may not save in the folder', async () => {
    use([
      ['GET', DASHBOARDS_URL, () => ({ data: { metadata: {}, items: [resource(good, 'burnrate-slos')] } })],
      ['GET', '/api/folders/burnrate-slos', () => ({ data: { uid: 'burnrate-slos', canSave: false } })],
      search,
    ]);
    const [entry] = await listSlos('burnrate-slos');
    expect([entry.canSave, entry.canEdit, entry.canDelete]).toEqual([false, false, false]);
  });
});

describe('SLO uids that meet at one dashboard uid', () => {
  // A dot is not allowed in a dashboard uid: "team.checkout" is hashed, to the plain form of the other uid.
  const hashed = 'team.checkout';
  const plain = 'team-checkout-bbc6554a5d7c988c';
  const stored = sloToDashboard(makeSlo({ uid: hashed, name: hashed }));

  it('are the case the store has to refuse', () => {
    expect(dashboardUidForSlo(hashed)).toBe(`slo-${plain}`);
    expect(dashboardUidForSlo(plain)).toBe(`slo-${plain}`);
  });

  it('getSlo refuses the other SLO stored at its dashboard uid', async () => {
    use([['GET', `/api/dashboards/uid/slo-${plain}`, () => ({ data: { dashboard: stored, meta } })]]);
    const error = await getSlo(plain).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SloUidCollisionError);
    expect(error).toMatchObject({
      message:
        'The SLO uid "team-checkout-bbc6554a5d7c988c" is stored in the dashboard slo-team-checkout-bbc6554a5d7c988c,' +
        ' which holds the SLO "team.checkout": give this SLO another uid',
    });
    await expect(getSlo(hashed)).resolves.toMatchObject({ kind: 'ok', slo: { uid: hashed } });
  });

  it('saveSlo does not create an SLO over the other one', async () => {
    const calls = use([['GET', `/api/dashboards/uid/slo-${plain}`, () => ({ data: { dashboard: stored, meta } })]]);
    await expect(saveSlo(makeSlo({ uid: plain, name: plain }), { folderUid: 'f' })).rejects.toBeInstanceOf(
      SloUidCollisionError
    );
    expect(calls.map((c) => c.method ?? 'GET')).toEqual(['GET']);
  });
});

describe('getSlo', () => {
  it('never offers to delete a provisioned SLO: Grafana refuses it', async () => {
    const dashboard = sloToDashboard(makeSlo());
    use([
      [
        'GET',
        '/api/dashboards/uid/slo-checkout-availability',
        () => ({ data: { dashboard, meta: { ...meta, canDelete: true, provisioned: true } } }),
      ],
    ]);
    const entry = await getSlo('checkout-availability');
    expect([entry.canSave, entry.canDelete, entry.provisioned]).toEqual([true, false, true]);
  });

  it('throws NotFoundError for a missing SLO', async () => {
    use([]);
    await expect(getSlo('nope')).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('saveSlo', () => {
  it('creates a new SLO with overwrite false and no id, creating the folder', async () => {
    const calls = use([
      ['GET', '/api/folders/burnrate-slos', () => ({ status: 404, data: { message: 'folder not found' } })],
      ['POST', '/api/folders', () => ({ data: { uid: 'burnrate-slos', title: 'Burnrate SLOs' } })],
      ['POST', '/api/dashboards/db', () => ({ data: { uid: 'slo-checkout-availability', version: 1 } })],
    ]);
    await expect(saveSlo(makeSlo(), { folderUid: 'burnrate-slos' })).resolves.toEqual({
      dashboardUid: 'slo-checkout-availability',
      version: 1,
    });
    expect(calls.map((c) => `${c.method ?? 'GET'} ${c.url}`)).toEqual([
      'GET /api/dashboards/uid/slo-checkout-availability',
      'GET /api/folders/burnrate-slos',
      'POST /api/folders',
      'POST /api/dashboards/db',
      // A folder without an index gets one from the next listing, not from a save.
      `GET ${INDEX_URL}`,
    ]);
    expect(calls[2].data).toEqual({ uid: 'burnrate-slos', title: 'Burnrate SLOs' });
    const body = calls[3].data;
    expect(body.overwrite).toBe(false);
    expect(body.folderUid).toBe('burnrate-slos');
    expect(body.dashboard.id).toBeUndefined();
    expect(body.dashboard.uid).toBe('slo-checkout-availability');
  });

  it('refuses a new SLO whose uid exists', async () => {
    const existing = sloToDashboard(makeSlo());
    use([['GET', '/api/dashboards/uid/slo-checkout-availability', () => ({ data: { dashboard: existing, meta } })]]);
    await expect(saveSlo(makeSlo(), { folderUid: 'f' })).rejects.toBeInstanceOf(SloExistsError);
  });

  it('updates with the loaded version', async () => {
    const loaded = { ...sloToDashboard(makeSlo()), id: 12, version: 4 };
    const calls = use([
      ['POST', '/api/dashboards/db', () => ({ data: { uid: 'slo-checkout-availability', version: 5 } })],
    ]);
    await saveSlo(makeSlo({ owner: 'team-shop' }), { folderUid: 'f', previous: { dashboard: loaded, version: 4 } });
    expect(calls[0].data.dashboard.version).toBe(4);
    expect(calls[0].data.dashboard.id).toBe(12);
    expect(calls[0].data.overwrite).toBe(false);
  });

  it('turns 412 version-mismatch into SloConflictError naming who changed it', async () => {
    const loaded = sloToDashboard(makeSlo());
    use([
      ['POST', '/api/dashboards/db', () => ({ status: 412, data: { status: 'version-mismatch', message: 'changed' } })],
      [
        'GET',
        '/api/dashboards/uid/slo-checkout-availability',
        () => ({ data: { dashboard: loaded, meta: { ...meta, version: 6 } } }),
      ],
    ]);
    const error = await saveSlo(makeSlo(), { folderUid: 'f', previous: { dashboard: loaded, version: 4 } }).catch(
      (e: unknown) => e
    );
    expect(error).toBeInstanceOf(SloConflictError);
    expect(error).toMatchObject({
      message: 'alice (at 2025-01-02T03:04:05Z) changed this SLO after you opened it',
      latestVersion: 6,
    });
  });
});

describe('deleteSlo', () => {
  const dashboard = sloToDashboard(makeSlo());

  it('deletes the dashboard by uid when it is still the version loaded', async () => {
    const calls = use([
      ['GET', '/api/dashboards/uid/slo-checkout-availability', () => ({ data: { dashboard, meta } })],
      ['DELETE', '/api/dashboards/uid/slo-checkout-availability', () => ({ data: { title: 'x' } })],
    ]);
    await deleteSlo({ dashboardUid: 'slo-checkout-availability', version: 4 });
    expect(calls.map((c) => `${c.method ?? 'GET'} ${c.url}`)).toEqual([
      'GET /api/dashboards/uid/slo-checkout-availability',
      'DELETE /api/dashboards/uid/slo-checkout-availability',
    ]);
  });

  it('refuses to delete a version saved since, as a save does, naming who saved it', async () => {
    const calls = use([
      [
        'GET',
        '/api/dashboards/uid/slo-checkout-availability',
        () => ({ data: { dashboard, meta: { ...meta, version: 5 } } }),
      ],
      ['DELETE', '/api/dashboards/uid/slo-checkout-availability', () => ({ data: { title: 'x' } })],
    ]);
    const error = await deleteSlo({ dashboardUid: 'slo-checkout-availability', version: 4 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SloConflictError);
    expect(error).toMatchObject({
      message: 'alice (at 2025-01-02T03:04:05Z) changed this SLO after you opened it',
      sloUid: 'checkout-availability',
      latestVersion: 5,
    });
    expect(calls.some((c) => c.method === 'DELETE')).toBe(false);
  });
});
