import { useRoutes as use } from '../testing/backendSrv';
import { catalogueToDashboard, dashboardToCatalogue } from '../storage/catalogueDashboard';
import type { Catalogue } from '../slo/catalogue';
import { loadCatalogue, saveCatalogue } from './catalogueStore';
import { CatalogueConflictError } from './errors';

jest.mock('@grafana/runtime', () => jest.requireActual('../testing/backendSrv').fakeRuntime);

const catalogue: Catalogue = {
  services: [{ name: 'checkout', type: 'api', tier: 'critical' }],
  journeys: [{ name: 'Buy', steps: [{ title: 'Pay', sloUid: 'checkout-avail-01' }] }],
};
const URL = '/api/dashboards/uid/burnrate-catalogue';
/** Grafana's search finds the catalogue dashboard. */
const FOUND: [string, string, () => { data: unknown }] = [
  'GET',
  '/api/search',
  () => ({ data: [{ uid: 'burnrate-catalogue' }] }),
];

describe('catalogue storage', () => {
  it('is empty while none is saved, asking in a way that answers 200', async () => {
    const calls = use([['GET', '/api/search', () => ({ data: [] })]]);
    expect(await loadCatalogue()).toEqual({ catalogue: { services: [], journeys: [] }, canSave: true });
    expect(calls.map((c) => [c.url, c.params])).toEqual([
      ['/api/search', { dashboardUIDs: 'burnrate-catalogue', type: 'dash-db', limit: 1 }],
    ]);
  });

  it('is empty when deleted between the search and the load', async () => {
    use([FOUND, ['GET', URL, () => ({ status: 404, data: { message: 'Dashboard not found' } })]]);
    expect(await loadCatalogue()).toEqual({ catalogue: { services: [], journeys: [] }, canSave: true });
  });

  it('round-trips through the dashboard', () => {
    expect(dashboardToCatalogue(catalogueToDashboard(catalogue))).toEqual({ catalogue });
  });

  it('loads the catalogue with its version and saves over that version', async () => {
    const dashboard = { ...catalogueToDashboard(catalogue), id: 7, version: 3 };
    const calls = use([
      FOUND,
      ['GET', URL, () => ({ data: { dashboard, meta: { canSave: true, version: 3 } } })],
      ['POST', '/api/dashboards/db', () => ({ data: { uid: 'burnrate-catalogue', version: 4 } })],
    ]);
    const loaded = await loadCatalogue();
    expect([loaded.catalogue, loaded.stored?.version, loaded.canSave]).toEqual([catalogue, 3, true]);
    expect(await saveCatalogue(catalogue, 'burnrate-slos', loaded.stored)).toBe(4);
    expect(calls[2].data).toMatchObject({
      folderUid: 'burnrate-slos',
      overwrite: false,
      dashboard: { uid: 'burnrate-catalogue', id: 7, version: 3, tags: ['burnrate-catalogue'] },
    });
  });

  it('reports who saved in between as a conflict', async () => {
    const dashboard = { ...catalogueToDashboard(catalogue), version: 5 };
    use([
      ['POST', '/api/dashboards/db', () => ({ status: 412, data: { status: 'version-mismatch', message: 'x' } })],
      FOUND,
      ['GET', URL, () => ({ data: { dashboard, meta: { version: 5, updatedBy: 'bob' } } })],
    ]);
    const saving = saveCatalogue(catalogue, 'burnrate-slos', { dashboard, version: 4 });
    await expect(saving).rejects.toBeInstanceOf(CatalogueConflictError);
    await expect(saving).rejects.toThrow('bob changed the services and journeys after you opened them');
  });

  it('keeps a stored catalogue that cannot be read as broken, with its problems', async () => {
    const dashboard = {
      uid: 'burnrate-catalogue',
      panels: [{ type: 'text', options: { content: '```yaml\nkind: x\n```' } }],
    };
    use([FOUND, ['GET', URL, () => ({ data: { dashboard, meta: { canSave: true, version: 2 } } })]]);
    const loaded = await loadCatalogue();
    expect(loaded.broken?.message).toBe('the stored catalogue is not valid');
    expect(loaded.broken?.issues.map((i) => i.path)).toEqual(['apiVersion', 'kind']);
  });
});
