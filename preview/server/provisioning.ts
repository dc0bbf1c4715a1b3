import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { seedDashboard, seedFolder } from './grafanaApi';
import type { PromDatasource } from './prometheus';
import type { Store } from './store';

/**
 * Reads the repository's Grafana provisioning files (the ones the docker-compose stack mounts) to give the
 * preview the same datasource uid, app settings and SLO dashboards.
 */

function readYamlFiles(dir: string): unknown[] {
  if (!fs.existsSync(dir)) {
    return [];
  }
  return fs
    .readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => YAML.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as unknown);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function records(value: unknown): Array<Record<string, unknown>> {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The provisioned Prometheus datasources, pointed at `prometheusUrl`; one default when none is provisioned. */
export function provisionedDatasources(
  root: string,
  prometheusUrl: string
): Array<PromDatasource & { isDefault: boolean }> {
  const out: Array<PromDatasource & { isDefault: boolean }> = [];
  for (const doc of readYamlFiles(path.join(root, 'provisioning', 'datasources'))) {
    for (const ds of records(isRecord(doc) ? doc.datasources : undefined)) {
      if (ds.type !== 'prometheus') {
        continue;
      }
      const jsonData = isRecord(ds.jsonData) ? ds.jsonData : {};
      out.push({
        uid: text(ds.uid) ?? 'prometheus',
        name: text(ds.name) ?? 'Prometheus',
        url: prometheusUrl,
        scrapeInterval: text(jsonData.timeInterval) ?? '15s',
        isDefault: ds.isDefault === true,
      });
    }
  }
  if (out.length === 0) {
    out.push({ uid: 'prometheus', name: 'Prometheus', url: prometheusUrl, scrapeInterval: '15s', isDefault: true });
  }
  if (!out.some((d) => d.isDefault)) {
    out[0].isDefault = true;
  }
  return out;
}

interface SlosProvider {
  folder?: string;
  folderUid?: string;
  allowUiUpdates: boolean;
}

/** The dashboard provider whose path ends in `slos`, for its folder. */
function slosProvider(root: string): SlosProvider {
  for (const doc of readYamlFiles(path.join(root, 'provisioning', 'dashboards'))) {
    for (const p of records(isRecord(doc) ? doc.providers : undefined)) {
      const options = isRecord(p.options) ? p.options : {};
      if (typeof options.path === 'string' && /slos\/?$/.test(options.path)) {
        return { folder: text(p.folder), folderUid: text(p.folderUid), allowUiUpdates: p.allowUiUpdates === true };
      }
    }
  }
  return { allowUiUpdates: false };
}

/**
 * On a fresh data directory: the app's settings from provisioning/plugins/*.yaml and the dashboards of
 * provisioning/dashboards/slos/*.json. Returns what was loaded, for the log.
 */
export function preseed(store: Store, root: string, pluginId: string): string[] {
  const log: string[] = [];
  for (const doc of readYamlFiles(path.join(root, 'provisioning', 'plugins'))) {
    for (const app of records(isRecord(doc) ? doc.apps : undefined)) {
      if (app.type !== pluginId) {
        continue;
      }
      const secure = isRecord(app.secureJsonData) ? app.secureJsonData : {};
      store.state.plugins[pluginId] = {
        enabled: app.disabled !== true,
        pinned: true,
        jsonData: isRecord(app.jsonData) ? app.jsonData : {},
        secureJsonFields: Object.fromEntries(Object.keys(secure).map((k) => [k, true])),
      };
      log.push(`app settings from provisioning/plugins`);
    }
  }
  const dir = path.join(root, 'provisioning', 'dashboards', 'slos');
  if (fs.existsSync(dir)) {
    const provider = slosProvider(root);
    const jsonData = store.state.plugins[pluginId]?.jsonData ?? {};
    const folderUid = provider.folderUid ?? text(jsonData.sloFolderUid) ?? '';
    if (folderUid) {
      seedFolder(store, folderUid, provider.folder ?? 'Burnrate SLOs');
    }
    const files = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort();
    for (const file of files) {
      const dash = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as unknown;
      if (isRecord(dash)) {
        seedDashboard(store, dash, folderUid, provider.allowUiUpdates);
      }
    }
    log.push(
      `${files.length} dashboards from provisioning/dashboards/slos${folderUid ? ` into folder ${folderUid}` : ''}`
    );
  }
  store.save();
  return log;
}
