import crypto from 'node:crypto';
import type { Store, StoredDashboard, StoredFolder } from './store';
import { accessDenied, canEdit, login, type OrgRole } from './users';
import { forgetVersions, recordVersion } from './dashboardVersions';

/**
 * Grafana's dashboard, search, folder and plugin-settings HTTP APIs, as far as the app uses them, with
 * Grafana's status codes and bodies. Handlers are pure over the store: (request parts) -> { status, body }.
 */

export interface ApiResult {
  status: number;
  body: unknown;
}

const ok = (body: unknown): ApiResult => ({ status: 200, body });
const fail = (status: number, message: string, reason?: string): ApiResult => ({
  status,
  body: reason ? { message, status: reason } : { message },
});

const UID_PATTERN = /^[a-zA-Z0-9_-]*$/;
const GENERAL_FOLDER = 'general';

export function slugify(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

function newUid(): string {
  return crypto.randomBytes(10).toString('base64url').slice(0, 14);
}

function now(): string {
  return new Date().toISOString();
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function folderUrl(folder: StoredFolder): string {
  return `/dashboards/f/${folder.uid}/${slugify(folder.title)}`;
}

function dashboardUrl(d: StoredDashboard): string {
  return `/d/${d.uid}/${slugify(d.title)}`;
}

// ---------------------------------------------------------------------------------------------- dashboards

export function getDashboard(store: Store, uid: string, role: OrgRole): ApiResult {
  const d = store.state.dashboards[uid];
  if (!d) {
    return fail(404, 'Dashboard not found', 'not-found');
  }
  const folder = d.folderUid ? store.state.folders[d.folderUid] : undefined;
  return ok({
    dashboard: { ...d.dashboard, id: d.id, uid: d.uid, version: d.version },
    meta: {
      type: 'db',
      canSave: canEdit(role),
      canEdit: canEdit(role),
      canAdmin: role === 'Admin',
      canStar: true,
      canDelete: canEdit(role),
      slug: slugify(d.title),
      url: dashboardUrl(d),
      expires: '0001-01-01T00:00:00Z',
      created: d.created,
      updated: d.updated,
      updatedBy: d.updatedBy,
      createdBy: d.createdBy,
      version: d.version,
      hasAcl: false,
      isFolder: false,
      folderId: folder?.id ?? 0,
      folderUid: folder?.uid ?? '',
      folderTitle: folder?.title ?? 'Dashboards',
      folderUrl: folder ? folderUrl(folder) : '',
      provisioned: d.provisioned,
      provisionedExternalId: '',
      annotationsPermissions: {
        dashboard: { canAdd: canEdit(role), canEdit: canEdit(role), canDelete: canEdit(role) },
        organization: { canAdd: role === 'Admin', canEdit: role === 'Admin', canDelete: role === 'Admin' },
      },
    },
  });
}

/**
 * `POST /api/dashboards/db` with `{ dashboard, folderUid, overwrite, message }`. Like Grafana: an existing uid
 * is an update, which must carry the stored version unless `overwrite` (412 version-mismatch); a new dashboard
 * whose title is taken in its folder is refused (412 name-exists) unless `overwrite`; the version goes up by one.
 */
export function saveDashboard(store: Store, body: unknown, role: OrgRole): ApiResult {
  if (!canEdit(role)) {
    return { status: 403, body: accessDenied('dashboards:create') };
  }
  if (!isRecord(body) || !isRecord(body.dashboard)) {
    return fail(400, 'bad request data');
  }
  const dash = body.dashboard;
  const overwrite = body.overwrite === true;
  const title = typeof dash.title === 'string' ? dash.title.trim() : '';
  if (title === '') {
    return fail(400, 'Dashboard title cannot be empty', 'empty-name');
  }
  const folderUid = typeof body.folderUid === 'string' && body.folderUid !== GENERAL_FOLDER ? body.folderUid : '';
  if (folderUid && !store.state.folders[folderUid]) {
    return fail(400, 'folder not found', 'not-found');
  }
  const uidIn = typeof dash.uid === 'string' ? dash.uid : '';
  if (uidIn.length > 40) {
    return fail(400, 'uid too long, max 40 characters', 'bad-uid');
  }
  if (!UID_PATTERN.test(uidIn)) {
    return fail(400, 'uid contains illegal characters', 'bad-uid');
  }
  let existing = uidIn ? store.state.dashboards[uidIn] : undefined;
  if (!existing && typeof dash.id === 'number' && dash.id > 0) {
    existing = Object.values(store.state.dashboards).find((d) => d.id === dash.id);
    if (!existing) {
      return fail(404, 'Dashboard not found', 'not-found');
    }
  }
  const version = typeof dash.version === 'number' ? dash.version : 0;
  if (existing) {
    if (existing.provisioned && !existing.allowUiUpdates) {
      return fail(400, 'Cannot save provisioned dashboard', 'cannot-save-provisioned-dashboard');
    }
    if (version !== existing.version && !overwrite) {
      return fail(412, 'The dashboard has been changed by someone else', 'version-mismatch');
    }
  }
  const sameName = Object.values(store.state.dashboards).find(
    (d) => d.folderUid === folderUid && d.title.toLowerCase() === title.toLowerCase() && d.uid !== existing?.uid
  );
  if (sameName && !overwrite) {
    return fail(412, 'A dashboard with the same name in the folder already exists', 'name-exists');
  }
  const uid = existing?.uid ?? (uidIn || newUid());
  const user = login(role);
  const stored: StoredDashboard = {
    id: existing?.id ?? store.nextId(),
    uid,
    title,
    folderUid,
    version: (existing?.version ?? 0) + 1,
    tags: Array.isArray(dash.tags) ? dash.tags.filter((t): t is string => typeof t === 'string') : [],
    created: existing?.created ?? now(),
    createdBy: existing?.createdBy ?? user,
    updated: now(),
    updatedBy: user,
    provisioned: existing?.provisioned ?? false,
    allowUiUpdates: existing?.allowUiUpdates,
    dashboard: {},
  };
  stored.dashboard = { ...dash, id: stored.id, uid, title, version: stored.version };
  store.state.dashboards[uid] = stored;
  recordVersion(store, stored, typeof body.message === 'string' ? body.message : '');
  store.save();
  return ok({
    id: stored.id,
    uid,
    url: dashboardUrl(stored),
    status: 'success',
    version: stored.version,
    slug: slugify(title),
    folderUid,
  });
}

export function deleteDashboard(store: Store, uid: string, role: OrgRole): ApiResult {
  const d = store.state.dashboards[uid];
  if (!d) {
    return fail(404, 'Dashboard not found', 'not-found');
  }
  if (!canEdit(role)) {
    return { status: 403, body: accessDenied('dashboards:delete') };
  }
  if (d.provisioned) {
    return fail(400, 'provisioned dashboard cannot be deleted', 'cannot-delete-provisioned-dashboard');
  }
  delete store.state.dashboards[uid];
  forgetVersions(store, uid);
  store.save();
  return ok({ title: d.title, message: `Dashboard ${d.title} deleted`, id: d.id });
}

/**
 * Adds a dashboard from a provisioning file (no version check), used to preseed the store. Like Grafana, it
 * is marked provisioned: saving over it needs the provider's `allowUiUpdates`, and the API cannot delete it.
 */
export function seedDashboard(
  store: Store,
  dash: Record<string, unknown>,
  folderUid: string,
  allowUiUpdates: boolean
): void {
  const title = typeof dash.title === 'string' ? dash.title : 'Untitled';
  const uid = typeof dash.uid === 'string' && dash.uid ? dash.uid : newUid();
  const stored: StoredDashboard = {
    id: store.nextId(),
    uid,
    title,
    folderUid,
    version: 1,
    tags: Array.isArray(dash.tags) ? dash.tags.filter((t): t is string => typeof t === 'string') : [],
    created: now(),
    updated: now(),
    createdBy: 'admin',
    updatedBy: 'admin',
    provisioned: true,
    allowUiUpdates,
    dashboard: {},
  };
  stored.dashboard = { ...dash, id: stored.id, uid, version: 1 };
  store.state.dashboards[uid] = stored;
  recordVersion(store, stored, '');
}

// ------------------------------------------------------------------------------- dashboards, Grafana 12 API

/** The group and version of Grafana 12's dashboard API, and the one namespace of the preview's one org. */
export const DASHBOARD_API_GROUP_VERSION = 'dashboard.grafana.app/v1beta1';
const ORG_NAMESPACE = 'default';

/** A Kubernetes Status, as Grafana's API server answers a failure. */
function k8sFailure(code: number, reason: string, message: string): ApiResult {
  return {
    status: code,
    body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code },
  };
}

/** A dashboard as a resource, as Grafana's legacy storage reads it: uid, id and version move to the metadata. */
function dashboardResource(d: StoredDashboard) {
  const { id: _id, uid: _uid, version: _version, ...spec } = d.dashboard;
  const managed = d.provisioned
    ? { 'grafana.app/managedBy': 'classic-file-provisioning', 'grafana.app/managerId': 'slos' }
    : {};
  return {
    kind: 'Dashboard',
    apiVersion: DASHBOARD_API_GROUP_VERSION,
    metadata: {
      name: d.uid,
      namespace: ORG_NAMESPACE,
      uid: crypto.createHash('sha256').update(`dashboard/${d.uid}`).digest('base64url').slice(0, 36),
      resourceVersion: String(Date.parse(d.updated) || 0),
      generation: d.version,
      creationTimestamp: d.created,
      labels: { 'grafana.app/deprecatedInternalID': String(d.id) },
      annotations: {
        'grafana.app/createdBy': `user:${d.createdBy}`,
        'grafana.app/updatedBy': `user:${d.updatedBy}`,
        'grafana.app/updatedTimestamp': d.updated,
        ...(d.folderUid ? { 'grafana.app/folder': d.folderUid } : {}),
        ...managed,
      },
    },
    spec,
    status: {},
  };
}

/** The continue token: where the next page starts, opaque to the client as Grafana's is. */
function continueToken(nextId: number): string {
  return Buffer.from(JSON.stringify({ o: nextId })).toString('base64url');
}

function tokenStart(token: string): number | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    return isRecord(parsed) && typeof parsed.o === 'number' ? parsed.o : undefined;
  } catch {
    return undefined;
  }
}

/**
 * `GET /apis/dashboard.grafana.app/v1beta1/namespaces/<ns>/dashboards`: the dashboards of the org with their
 * content, by internal id, `limit` at a time, and a `continue` token while more remain; `labelSelector`
 * (`key=value`, `key!=value`, `key`, `!key`, comma-joined) over the resources' labels.
 */
export function listDashboardResources(store: Store, namespace: string, params: URLSearchParams): ApiResult {
  if (namespace !== ORG_NAMESPACE) {
    return k8sFailure(403, 'Forbidden', `namespace mismatch (expected ${ORG_NAMESPACE})`);
  }
  const limitText = params.get('limit');
  const limit = limitText === null ? 0 : Number(limitText);
  if (!Number.isInteger(limit) || limit < 0) {
    return k8sFailure(400, 'BadRequest', `invalid limit: ${limitText}`);
  }
  const token = params.get('continue');
  const start = token ? tokenStart(token) : 0;
  if (start === undefined) {
    return k8sFailure(400, 'BadRequest', 'invalid continue token');
  }
  const selector = labelSelector(params.get('labelSelector') ?? '');
  if (typeof selector === 'string') {
    return k8sFailure(400, 'BadRequest', selector);
  }
  const all = Object.values(store.state.dashboards)
    .filter((d) => d.id >= start)
    .sort((a, b) => a.id - b.id)
    .map(dashboardResource)
    .filter((r) => selector(r.metadata.labels));
  const page = limit > 0 ? all.slice(0, limit) : all;
  const next = limit > 0 && all.length > limit ? store.state.dashboards[all[limit].metadata.name]?.id : undefined;
  return ok({
    kind: 'DashboardList',
    apiVersion: DASHBOARD_API_GROUP_VERSION,
    metadata: { resourceVersion: String(Date.now()), ...(next !== undefined && { continue: continueToken(next) }) },
    items: page,
  });
}

/** A label selector as a predicate over labels, or what is wrong with it. */
function labelSelector(text: string): ((labels: Record<string, string>) => boolean) | string {
  const terms = text
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
  const tests: Array<(labels: Record<string, string>) => boolean> = [];
  for (const term of terms) {
    const m = term.match(/^(!?)([A-Za-z0-9._/-]+)(?:\s*(!=|==|=)\s*([A-Za-z0-9._-]*))?$/);
    if (!m || (m[1] && m[3])) {
      return `unable to parse requirement: ${term}`;
    }
    const [, not, key, op, value] = m;
    tests.push(
      op === undefined
        ? (labels) => key in labels !== Boolean(not)
        : op === '!='
          ? (labels) => labels[key] !== value
          : (labels) => labels[key] === value
    );
  }
  return (labels) => tests.every((t) => t(labels));
}

// -------------------------------------------------------------------------------------------------- search

function list(params: URLSearchParams, name: string): string[] {
  return params
    .getAll(name)
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
}

/** `GET /api/search`: query (title substring), tag (all must match), type, folderUIDs, dashboardUIDs, limit, page. */
export function search(store: Store, params: URLSearchParams): ApiResult {
  const query = (params.get('query') ?? '').toLowerCase();
  const tags = list(params, 'tag');
  const type = params.get('type') ?? '';
  const folderUids = list(params, 'folderUIDs').map((f) => (f === GENERAL_FOLDER ? '' : f));
  const dashboardUids = list(params, 'dashboardUIDs');
  const limit = Math.min(Number(params.get('limit') ?? 1000) || 1000, 5000);
  const page = Math.max(Number(params.get('page') ?? 1) || 1, 1);

  const hits: Array<Record<string, unknown>> = [];
  if ((type === '' || type === 'dash-folder') && tags.length === 0 && dashboardUids.length === 0) {
    for (const f of Object.values(store.state.folders)) {
      if (query && !f.title.toLowerCase().includes(query)) {
        continue;
      }
      if (folderUids.length > 0 && !folderUids.includes(f.parentUid ?? '')) {
        continue;
      }
      hits.push({
        id: f.id,
        uid: f.uid,
        orgId: 1,
        title: f.title,
        uri: `db/${slugify(f.title)}`,
        url: folderUrl(f),
        slug: '',
        type: 'dash-folder',
        tags: [],
        isStarred: false,
        sortMeta: 0,
        isDeleted: false,
      });
    }
  }
  if (type === '' || type === 'dash-db') {
    for (const d of Object.values(store.state.dashboards)) {
      if (query && !d.title.toLowerCase().includes(query)) {
        continue;
      }
      if (!tags.every((t) => d.tags.includes(t))) {
        continue;
      }
      if (folderUids.length > 0 && !folderUids.includes(d.folderUid)) {
        continue;
      }
      if (dashboardUids.length > 0 && !dashboardUids.includes(d.uid)) {
        continue;
      }
      const folder = d.folderUid ? store.state.folders[d.folderUid] : undefined;
      hits.push({
        id: d.id,
        uid: d.uid,
        orgId: 1,
        title: d.title,
        uri: `db/${slugify(d.title)}`,
        url: dashboardUrl(d),
        slug: '',
        type: 'dash-db',
        tags: d.tags,
        isStarred: false,
        ...(folder
          ? { folderId: folder.id, folderUid: folder.uid, folderTitle: folder.title, folderUrl: folderUrl(folder) }
          : {}),
        sortMeta: 0,
        isDeleted: false,
      });
    }
  }
  // Grafana sorts folders first, then alphabetically by title.
  hits.sort(
    (a, b) =>
      Number(a.type !== 'dash-folder') - Number(b.type !== 'dash-folder') ||
      String(a.title).localeCompare(String(b.title), 'en', { sensitivity: 'base' })
  );
  return ok(hits.slice((page - 1) * limit, page * limit));
}

// ------------------------------------------------------------------------------------------------- folders

function folderDto(f: StoredFolder, role: OrgRole) {
  return {
    id: f.id,
    uid: f.uid,
    orgId: 1,
    title: f.title,
    url: folderUrl(f),
    hasAcl: false,
    canSave: canEdit(role),
    canEdit: canEdit(role),
    canAdmin: role === 'Admin',
    canDelete: role === 'Admin',
    createdBy: f.createdBy,
    created: f.created,
    updatedBy: f.updatedBy,
    updated: f.updated,
    version: f.version,
    ...(f.parentUid ? { parentUid: f.parentUid } : {}),
  };
}

export function listFolders(store: Store): ApiResult {
  return ok(
    Object.values(store.state.folders)
      .filter((f) => !f.parentUid)
      .sort((a, b) => a.title.localeCompare(b.title))
      .map((f) => ({ id: f.id, uid: f.uid, title: f.title }))
  );
}

export function getFolder(store: Store, uid: string, role: OrgRole): ApiResult {
  const f = store.state.folders[uid];
  return f ? ok(folderDto(f, role)) : fail(404, 'folder not found', 'not-found');
}

export function createFolder(store: Store, body: unknown, role: OrgRole): ApiResult {
  if (!canEdit(role)) {
    return { status: 403, body: accessDenied('folders:create') };
  }
  if (!isRecord(body)) {
    return fail(400, 'bad request data');
  }
  const title = typeof body.title === 'string' ? body.title.trim() : '';
  if (!title) {
    return fail(400, 'folder title cannot be empty');
  }
  const uid = typeof body.uid === 'string' && body.uid ? body.uid : newUid();
  if (uid.length > 40 || !UID_PATTERN.test(uid)) {
    return fail(400, 'uid contains illegal characters');
  }
  const parentUid = typeof body.parentUid === 'string' && body.parentUid ? body.parentUid : undefined;
  if (store.state.folders[uid] || store.state.dashboards[uid]) {
    return fail(409, 'a folder or dashboard with the same uid already exists');
  }
  if (Object.values(store.state.folders).some((f) => f.title === title && f.parentUid === parentUid)) {
    return fail(409, 'a folder with the same name already exists in the current location');
  }
  const f: StoredFolder = {
    id: store.nextId(),
    uid,
    title,
    parentUid,
    version: 1,
    created: now(),
    updated: now(),
    createdBy: login(role),
    updatedBy: login(role),
  };
  store.state.folders[uid] = f;
  store.save();
  return ok(folderDto(f, role));
}

export function seedFolder(store: Store, uid: string, title: string): void {
  if (!store.state.folders[uid]) {
    const t = now();
    store.state.folders[uid] = {
      id: store.nextId(),
      uid,
      title,
      version: 1,
      created: t,
      updated: t,
      createdBy: 'admin',
      updatedBy: 'admin',
    };
  }
}

// ---------------------------------------------------------------------------------------- plugin settings

export interface PluginInfo {
  id: string;
  name: string;
  version: string;
  pluginJson: Record<string, unknown>;
}

export function getPluginSettings(store: Store, plugin: PluginInfo): ApiResult {
  const s = store.state.plugins[plugin.id] ?? { enabled: false, pinned: false, jsonData: {}, secureJsonFields: {} };
  const json = plugin.pluginJson;
  const includes = Array.isArray(json.includes) ? json.includes : [];
  const defaultNav = includes.find((i) => isRecord(i) && i.defaultNav === true);
  return ok({
    name: plugin.name,
    type: 'app',
    id: plugin.id,
    enabled: s.enabled,
    pinned: s.pinned,
    autoEnabled: false,
    module: `public/plugins/${plugin.id}/module.js`,
    baseUrl: `public/plugins/${plugin.id}`,
    info: { ...(isRecord(json.info) ? json.info : {}), version: plugin.version },
    includes,
    dependencies: json.dependencies ?? {},
    jsonData: s.jsonData,
    secureJsonFields: s.secureJsonFields,
    defaultNavUrl: isRecord(defaultNav) && typeof defaultNav.path === 'string' ? defaultNav.path : `/a/${plugin.id}`,
    latestVersion: '',
    hasUpdate: false,
    state: '',
    signature: 'unsigned',
    signatureType: '',
    signatureOrg: '',
    loadingStrategy: 'script',
  });
}

/** `POST /api/plugins/<id>/settings`: org admins only; jsonData is replaced when given, as in Grafana. */
export function savePluginSettings(store: Store, plugin: PluginInfo, body: unknown, role: OrgRole): ApiResult {
  if (role !== 'Admin') {
    return { status: 403, body: accessDenied('plugins:write') };
  }
  if (!isRecord(body)) {
    return fail(400, 'bad request data');
  }
  const s = store.state.plugins[plugin.id] ?? { enabled: false, pinned: false, jsonData: {}, secureJsonFields: {} };
  if (typeof body.enabled === 'boolean') {
    s.enabled = body.enabled;
  }
  if (typeof body.pinned === 'boolean') {
    s.pinned = body.pinned;
  }
  if (isRecord(body.jsonData)) {
    s.jsonData = body.jsonData;
  }
  if (isRecord(body.secureJsonData)) {
    for (const [key, value] of Object.entries(body.secureJsonData)) {
      s.secureJsonFields[key] = value !== '' && value !== null;
    }
  }
  store.state.plugins[plugin.id] = s;
  store.save();
  return ok({ message: 'Plugin settings updated' });
}
