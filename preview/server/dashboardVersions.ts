import type { Store, StoredDashboard, StoredDashboardVersion } from './store';
import type { ApiResult } from './grafanaApi';

/**
 * Grafana's dashboard versions API: each save keeps the dashboard as saved; the list and one version are
 * served in Grafana's shapes. Grafana 12 answers the list as `{ versions, continueToken }`, earlier
 * versions as a bare array: the shape follows the Grafana version the preview announces.
 */

const notFound = (message: string): ApiResult => ({ status: 404, body: { message } });

/** Keeps the dashboard as just saved (after its version went up) as a version of its own. */
export function recordVersion(store: Store, stored: StoredDashboard, message: string): void {
  const versions = store.state.dashboardVersions[stored.uid] ?? [];
  // A dashboard deleted and created again under its uid starts a new history, as in Grafana.
  const kept = stored.version === 1 ? [] : versions;
  kept.push({
    id: store.nextId(),
    version: stored.version,
    parentVersion: stored.version - 1,
    created: stored.updated,
    createdBy: stored.updatedBy,
    message,
    data: stored.dashboard,
  });
  store.state.dashboardVersions[stored.uid] = kept;
}

export function forgetVersions(store: Store, uid: string): void {
  delete store.state.dashboardVersions[uid];
}

/** The versions kept, with the current one even where a state file from before versions were kept lacks it. */
function versionsOf(store: Store, d: StoredDashboard): StoredDashboardVersion[] {
  const versions = store.state.dashboardVersions[d.uid] ?? [];
  if (versions.some((v) => v.version === d.version)) {
    return versions;
  }
  const current = {
    id: d.id,
    version: d.version,
    parentVersion: d.version - 1,
    created: d.updated,
    createdBy: d.updatedBy,
    message: '',
    data: d.dashboard,
  };
  return [...versions, current];
}

function versionDto(d: StoredDashboard, v: StoredDashboardVersion) {
  return {
    id: v.id,
    dashboardId: d.id,
    uid: d.uid,
    parentVersion: v.parentVersion,
    restoredFrom: 0,
    version: v.version,
    created: v.created,
    createdBy: v.createdBy,
    message: v.message,
  };
}

/** Whether this Grafana version answers the list as `{ versions, continueToken }` (12 and later). */
export function listsVersionsAsObject(grafanaVersion: string): boolean {
  return Number.parseInt(grafanaVersion, 10) >= 12;
}

/**
 * `GET /api/dashboards/uid/<uid>/versions`: newest first, `limit` (default 1000) and `start` (an offset); from
 * Grafana 12, `continueToken` too, answered with the token of the next page while there is one (opaque to the
 * app: here the offset, encoded).
 */
export function listVersions(store: Store, uid: string, params: URLSearchParams, asObject: boolean): ApiResult {
  const d = store.state.dashboards[uid];
  if (!d) {
    return notFound('Dashboard not found');
  }
  const limit = Number(params.get('limit')) > 0 ? Number(params.get('limit')) : 1000;
  const token = asObject ? Number(Buffer.from(params.get('continueToken') ?? '', 'base64url').toString()) : 0;
  const start = token > 0 ? token : Number(params.get('start')) > 0 ? Number(params.get('start')) : 0;
  const all = [...versionsOf(store, d)].sort((a, b) => b.version - a.version);
  const versions = all.slice(start, start + limit).map((v) => versionDto(d, v));
  const more = start + limit < all.length;
  const continueToken = more ? Buffer.from(String(start + limit)).toString('base64url') : '';
  return { status: 200, body: asObject ? { continueToken, versions } : versions };
}

/** `GET /api/dashboards/uid/<uid>/versions/<version>`: that version with its dashboard as `data`. */
export function getVersion(store: Store, uid: string, version: number): ApiResult {
  const d = store.state.dashboards[uid];
  if (!d) {
    return notFound('Dashboard not found');
  }
  const found = versionsOf(store, d).find((v) => v.version === version);
  if (!found) {
    return notFound('Dashboard version not found');
  }
  return { status: 200, body: { ...versionDto(d, found), data: found.data } };
}
