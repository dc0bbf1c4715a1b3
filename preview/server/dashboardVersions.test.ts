import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Store } from './store';
import { deleteDashboard, saveDashboard } from './grafanaApi';
import { getVersion, listsVersionsAsObject, listVersions } from './dashboardVersions';

let dir: string;
let store: Store;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dashboard-versions-test-'));
  store = new Store(dir);
});

afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function save(version: number | undefined, description: string, message: string) {
  const dashboard = { uid: 'slo-a', title: 'SLO: a', description, ...(version !== undefined && { version }) };
  const result = saveDashboard(store, { dashboard, folderUid: '', overwrite: false, message }, 'Editor');
  expect(result.status).toBe(200);
}

describe('dashboard versions of the preview', () => {
  it('keeps each save and lists them newest first, as Grafana 11 (array) and 12 ({ versions }) do', () => {
    save(undefined, 'first', 'Created');
    save(1, 'second', 'Changed the description');
    const listed = listVersions(store, 'slo-a', new URLSearchParams(), false).body as Array<Record<string, unknown>>;
    expect(listed.map((v) => [v.version, v.parentVersion, v.createdBy, v.message])).toEqual([
      [2, 1, 'editor', 'Changed the description'],
      [1, 0, 'editor', 'Created'],
    ]);
    const firstPage = listVersions(store, 'slo-a', new URLSearchParams('limit=1'), true).body as {
      continueToken: string;
      versions: unknown[];
    };
    expect(firstPage.versions).toEqual([listed[0]]);
    const next = new URLSearchParams({ limit: '1', continueToken: firstPage.continueToken });
    expect(listVersions(store, 'slo-a', next, true).body).toEqual({ continueToken: '', versions: [listed[1]] });
    expect([listsVersionsAsObject('11.6.0'), listsVersionsAsObject('12.0.1')]).toEqual([false, true]);
  });

  it('serves one version with the dashboard as it was saved then', () => {
    save(undefined, 'first', 'Created');
    save(1, 'second', '');
    const first = getVersion(store, 'slo-a', 1);
    expect(first.status).toBe(200);
    expect((first.body as { data: { description: string; version: number } }).data).toMatchObject({
      description: 'first',
      version: 1,
    });
    expect(getVersion(store, 'slo-a', 3)).toEqual({ status: 404, body: { message: 'Dashboard version not found' } });
    expect(getVersion(store, 'nope', 1)).toEqual({ status: 404, body: { message: 'Dashboard not found' } });
  });

  it('forgets the versions of a deleted dashboard, and keeps them across a restart', () => {
    save(undefined, 'first', 'Created');
    expect((listVersions(new Store(dir), 'slo-a', new URLSearchParams(), false).body as unknown[]).length).toBe(1);
    deleteDashboard(store, 'slo-a', 'Editor');
    expect(store.state.dashboardVersions['slo-a']).toBeUndefined();
  });
});
