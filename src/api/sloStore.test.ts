import { makeSlo } from '../testing/fixtures';
import { useRoutes as use } from '../testing/backendSrv';
import { sloToDashboard } from '../storage/sloDashboard';
import { deleteSlo, getSlo, listSlos, saveSlo } from './sloStore';
import { NotFoundError, SloConflictError, SloExistsError } from './errors';

jest.mock('@grafana/runtime', () => jest.requireActual('../testing/backendSrv').fakeRuntime);

const meta = { canSave: true, canEdit: true, version: 4, updatedBy: 'alice', updated: '2025-01-02T03:04:05Z' };

describe('listSlos', () => {
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
    expect(calls[0].params).toEqual({ type: 'dash-db', tag: 'burnrate-slo', limit: 5000, folderUIDs: 'burnrate-slos' });
    expect(entries.map((e) => [e.kind, e.dashboardUid, e.canSave])).toEqual([
      ['ok', 'slo-checkout-availability', true],
      ['broken', 'slo-bad', false],
    ]);
    expect(entries[1].kind === 'broken' && entries[1].error.message).toBe(
      'the dashboard has no text panel holding the SLO as a ```yaml block'
    );
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
  it('deletes the dashboard by uid', async () => {
    const calls = use([['DELETE', '/api/dashboards/uid/slo-x', () => ({ data: { title: 'x' } })]]);
    await deleteSlo('slo-x');
    expect(calls).toHaveLength(1);
  });
});
