import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { listDashboardResources, saveDashboard } from './grafanaApi';
import { Store } from './store';

interface Listed {
  metadata: { continue?: string };
  items: Array<{
    metadata: { name: string; generation: number; labels: Record<string, string>; annotations: Record<string, string> };
    spec: Record<string, unknown>;
  }>;
}

function storeWith(count: number): Store {
  const store = new Store(fs.mkdtempSync(path.join(os.tmpdir(), 'preview-dashboards-')));
  store.state.folders.slos = {
    id: store.nextId(),
    uid: 'slos',
    title: 'SLOs',
    version: 1,
    created: '2025-01-01T00:00:00Z',
    updated: '2025-01-01T00:00:00Z',
    createdBy: 'admin',
    updatedBy: 'admin',
  };
  for (let i = 0; i < count; i++) {
    const saved = saveDashboard(
      store,
      { dashboard: { uid: `d${i}`, title: `Dashboard ${i}`, tags: ['burnrate-slo'], panels: [] }, folderUid: 'slos' },
      'Admin'
    );
    expect(saved.status).toBe(200);
  }
  return store;
}

const list = (store: Store, params: Record<string, string>, namespace = 'default') =>
  listDashboardResources(store, namespace, new URLSearchParams(params));

describe('the dashboard API of Grafana 12', () => {
  it('lists dashboards with their content, a page at a time, until no continue token', () => {
    const store = storeWith(5);
    const names: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const { status, body } = list(store, { limit: '2', ...(token && { continue: token }) });
      expect(status).toBe(200);
      const page = body as Listed;
      names.push(...page.items.map((i) => i.metadata.name));
      token = page.metadata.continue;
      pages++;
    } while (token);
    expect(pages).toBe(3);
    expect(names).toEqual(['d0', 'd1', 'd2', 'd3', 'd4']);
  });

  it('moves uid, id and version from the spec to the metadata, as Grafana does', () => {
    const [item] = (list(storeWith(1), {}).body as Listed).items;
    expect(item.spec).toEqual({ title: 'Dashboard 0', tags: ['burnrate-slo'], panels: [] });
    expect(item.metadata.generation).toBe(1);
    expect(item.metadata.annotations['grafana.app/folder']).toBe('slos');
    expect(item.metadata.labels['grafana.app/deprecatedInternalID']).toMatch(/^\d+$/);
  });

  it('selects by label, and refuses another namespace, a bad limit and a bad token', () => {
    const store = storeWith(2);
    const id = (list(store, {}).body as Listed).items[1].metadata.labels['grafana.app/deprecatedInternalID'];
    const selected = list(store, { labelSelector: `grafana.app/deprecatedInternalID=${id}` }).body as Listed;
    expect(selected.items.map((i) => i.metadata.name)).toEqual(['d1']);
    expect(list(store, {}, 'org-2').status).toBe(403);
    expect(list(store, { limit: '-1' }).status).toBe(400);
    expect(list(store, { continue: 'nonsense' }).status).toBe(400);
  });
});
