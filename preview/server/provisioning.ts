import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { seedDashboard, seedFolder } from './grafanaApi';
import type { PromDatasource } from './prometheus';
import type { Store } from './store';

/**
 * Reads the repository's Grafana provisioning files (the ones the docker-compose stack mounts) to give the
 * preview the same datasource uids, app settings and SLO dashboards.
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

/** A provisioned Prometheus datasource, with the URL its file gives (the docker demo's address). */
export interface ProvisionedDatasource {
  uid: string;
  name: string;
  /** As provisioned, e.g. http://prometheus-eu:9090; '' when the file has none. */
  provisionedUrl: string;
  scrapeInterval: string;
  isDefault: boolean;
}

/** The provisioned Prometheus datasources as their files say; one default when none is provisioned. */
export function readProvisionedDatasources(root: string): ProvisionedDatasource[] {
  const out: ProvisionedDatasource[] = [];
  for (const doc of readYamlFiles(path.join(root, 'provisioning', 'datasources'))) {
    for (const ds of records(isRecord(doc) ? doc.datasources : undefined)) {
      if (ds.type !== 'prometheus') {
        continue;
      }
      const jsonData = isRecord(ds.jsonData) ? ds.jsonData : {};
      out.push({
        uid: text(ds.uid) ?? 'prometheus',
        name: text(ds.name) ?? 'Prometheus',
        provisionedUrl: text(ds.url) ?? '',
        scrapeInterval: text(jsonData.timeInterval) ?? '15s',
        isDefault: ds.isDefault === true,
      });
    }
  }
  if (out.length === 0) {
    out.push({ uid: 'prometheus', name: 'Prometheus', provisionedUrl: '', scrapeInterval: '15s', isDefault: true });
  }
  if (!out.some((d) => d.isDefault)) {
    out[0].isDefault = true;
  }
  return out;
}

/** Where the preview sends each datasource's queries: its own URL by uid, otherwise the one for all. */
export interface DatasourceUrls {
  all: string;
  byUid?: Readonly<Record<string, string>>;
}

/** The provisioned Prometheus datasources, each pointed at its Prometheus. */
export function provisionedDatasources(
  root: string,
  urls: DatasourceUrls
): Array<PromDatasource & { isDefault: boolean }> {
  return readProvisionedDatasources(root).map(({ provisionedUrl: _, ...ds }) => ({
    ...ds,
    url: urls.byUid?.[ds.uid] ?? urls.all,
  }));
}

/** `UID=URL` (the preview's --datasource-url) as a pair; undefined when it is not one. */
export function parseDatasourceUrl(spec: string): [string, string] | undefined {
  const m = /^([^=\s]+)=(https?:\/\/\S+)$/.exec(spec);
  return m ? [m[1], m[2]] : undefined;
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

/** A Prometheus the preview runs for the provisioned datasources whose URL names its docker service. */
export interface LocalPrometheus {
  /** The docker service's host name in the datasources' URLs, and its folder demo/<name>/. */
  name: string;
  /** The datasources it answers for, the default one's first. */
  datasourceUids: string[];
  /** demo/<name>/prometheus.yml; undefined when the demo has none (then one job scrapes every service). */
  configFile?: string;
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname;
  } catch {
    return undefined;
  }
}

/**
 * The Prometheus servers the preview starts, as docker-compose.yaml runs them: one for each demo folder
 * (demo/<host>/prometheus.yml) that a provisioned datasource's URL names by its host (http://prometheus-eu:9090
 * is demo/prometheus-eu/). A datasource whose URL names none shares the default datasource's Prometheus; the
 * default datasource's comes first.
 */
export function localPrometheusPlan(
  root: string,
  datasources: readonly ProvisionedDatasource[] = readProvisionedDatasources(root)
): LocalPrometheus[] {
  const ordered = [...datasources].sort((a, b) => Number(b.isDefault) - Number(a.isDefault));
  const plan = new Map<string, LocalPrometheus>();
  const elsewhere: string[] = [];
  for (const ds of ordered) {
    const host = hostOf(ds.provisionedUrl);
    const configFile =
      host && /^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(host) ? path.join(root, 'demo', host, 'prometheus.yml') : undefined;
    if (host && configFile && fs.existsSync(configFile)) {
      const entry = plan.get(host) ?? { name: host, datasourceUids: [], configFile };
      entry.datasourceUids.push(ds.uid);
      plan.set(host, entry);
    } else {
      elsewhere.push(ds.uid);
    }
  }
  const out = [...plan.values()];
  if (out.length === 0) {
    return [{ name: 'prometheus', datasourceUids: elsewhere }];
  }
  out[0].datasourceUids.push(...elsewhere);
  return out;
}
