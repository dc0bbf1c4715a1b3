import { z } from 'zod';
import type { Slo } from '../slo/types';
import { SLO_FOLDER_TITLE } from '../settings';
import {
  dashboardUidForSlo,
  sloToDashboard,
  storedSloYaml,
  SLO_DASHBOARD_TAG,
  type DashboardJson,
  type DecodeError,
} from '../storage/sloDashboard';
import { indexEntry } from '../storage/sloIndex';
import { loadSloIndex, updateSloIndex } from './sloIndex';
import { indexedEntries, rebuiltIndex, toEntry, type IndexUse } from './sloIndexEntries';
import { ApiError, NotFoundError, SloConflictError, SloExistsError, SloUidCollisionError } from './errors';
import { ensureFolder, getFolder } from './folders';
import { fetchParsed, mapLimit } from './http';
import { forgetListings, joinListing } from './sharedListing';
import {
  DASHBOARD_LIST_PAGE_SIZE,
  dashboardApiAnnounced,
  listDashboardsWithContent,
  type ListedDashboard,
} from './dashboardList';

/** Parallel dashboard loads when listing SLOs. */
const LOAD_CONCURRENCY = 6;

export interface StoredBase {
  dashboardUid: string;
  /** The dashboard version loaded: a save sends it back so that Grafana refuses a save over a newer one. */
  version: number;
  dashboard: DashboardJson;
  canSave: boolean;
  canEdit: boolean;
  canDelete: boolean;
  /** Preseeded from a provisioning file: Grafana refuses to delete it (remove the file instead). */
  provisioned: boolean;
  folderUid?: string;
  updated?: string;
  updatedBy?: string;
  /** When its dashboard was first saved (Grafana's meta.created): a review is due from it until the first. */
  created?: string;
}

export interface StoredSlo extends StoredBase {
  kind: 'ok';
  slo: Slo;
  yaml: string;
}

/** A storage dashboard whose SLO cannot be read: shown with its error, never hiding the others. */
export interface BrokenSlo extends StoredBase {
  kind: 'broken';
  title: string;
  error: DecodeError;
  yaml?: string;
}

export type SloEntry = StoredSlo | BrokenSlo;

const searchSchema = z.array(z.looseObject({ uid: z.string(), title: z.string().optional() }));
const dashboardResponseSchema = z.object({
  dashboard: z.record(z.string(), z.unknown()),
  meta: z.looseObject({
    canSave: z.boolean().optional().catch(undefined),
    canEdit: z.boolean().optional().catch(undefined),
    canDelete: z.boolean().optional().catch(undefined),
    provisioned: z.boolean().optional().catch(undefined),
    version: z.number().optional().catch(undefined),
    folderUid: z.string().optional().catch(undefined),
    updated: z.string().optional().catch(undefined),
    updatedBy: z.string().optional().catch(undefined),
    created: z.string().optional().catch(undefined),
  }),
});
const saveResponseSchema = z.looseObject({ uid: z.string(), version: z.number() });
const versionSchema = z.number().catch(0);

/** Grafana's largest page of search results. */
export const SEARCH_PAGE_SIZE = 5000;
/** Pages read at most: 1,000 pages of 5,000 is far beyond any folder of SLOs, and stops a search that never ends. */
const MAX_SEARCH_PAGES = 1000;

/** From this many SLOs on, a folder is read in pages of the dashboard API rather than one request per SLO. */
export const BULK_FROM = 2 * LOAD_CONCURRENCY;
/**
 * The dashboard API reads every dashboard of the org, not only the folder's: the bulk read stops after this
 * many times the SLOs' number (and a page) and loads the SLOs it has not met one by one, so an org of many
 * other dashboards costs a few pages, never all of them.
 */
const BULK_SCAN_FACTOR = 4;

/**
 * Every SLO dashboard (of one folder when given), broken ones included, sorted by name. The search names
 * them; in a folder of many SLOs on Grafana 12 and later, a few pages of the dashboard API bring them with
 * their content, and one request per dashboard loads the others. Callers while a listing of the folder is
 * under way share it (see sharedListing.ts); an aborted `signal` ends this caller's wait, and the requests
 * once no caller is left.
 */
export function listSlos(
  folderUid?: string,
  signal?: AbortSignal,
  /**
   * Called first with the SLOs as the folder's index holds them, when the search finds exactly the
   * dashboards it names: enough to show rows, not to save from (their `dashboard` is rebuilt from the SLO).
   */
  onIndexed?: (entries: SloEntry[]) => void
): Promise<SloEntry[]> {
  return joinListing(folderUid ?? '', (shared, onEarly) => readListing(folderUid, shared, onEarly), signal, onIndexed);
}

async function readListing(
  folderUid: string | undefined,
  signal: AbortSignal,
  onIndexed: (early: () => SloEntry[] | undefined) => void
): Promise<SloEntry[]> {
  const [uids, loadedIndex] = await Promise.all([
    searchSloDashboards(folderUid, signal),
    folderUid ? loadSloIndex(folderUid, signal) : undefined,
  ]);
  if (loadedIndex && folderUid) {
    // Read from the index only for a caller that shows rows before the listing ends: it parses every SLO.
    onIndexed(() => {
      const early = indexedEntries(loadedIndex, uids, folderUid);
      return early && sortByName(early);
    });
  }
  const use: IndexUse = { index: loadedIndex?.index };
  const inBulk =
    folderUid && uids.length >= BULK_FROM ? await listInBulk(folderUid, uids.length, use, signal) : undefined;
  const found = inBulk ?? [];
  const have = new Set(found.map((e) => e.dashboardUid));
  const loaded = await mapLimit(
    uids.filter((uid) => !have.has(uid)),
    LOAD_CONCURRENCY,
    (uid) => loadEntry(uid, use, signal)
  );
  const entries = sortByName([...found, ...loaded.filter((e): e is SloEntry => e !== undefined)]);
  if (folderUid) {
    // Rebuilt whenever it is missing or any entry differs; a save it cannot make leaves it for the next listing.
    await rebuiltIndex(folderUid, entries, loadedIndex);
  }
  return entries;
}

function sortByName(entries: SloEntry[]): SloEntry[] {
  return entries.sort((a, b) => entryName(a).localeCompare(entryName(b)));
}

/**
 * The SLO dashboards of the folder that pages of the dashboard API bring (`expected` of them, within a bound),
 * or undefined where Grafana does not serve it. The API says nothing of permissions: those of the folder
 * stand for its dashboards (a save or delete that per-dashboard permissions forbid is still refused by
 * Grafana, with its message).
 */
async function listInBulk(
  folderUid: string,
  expected: number,
  use: IndexUse,
  signal?: AbortSignal
): Promise<SloEntry[] | undefined> {
  if (!dashboardApiAnnounced()) {
    return undefined;
  }
  const folder = getFolder(folderUid, signal).catch((error: unknown) => {
    if (error instanceof NotFoundError) {
      return undefined;
    }
    throw error;
  });
  const [listed, permissions] = await Promise.all([
    listDashboardsWithContent(
      (spec, folder) => folder === folderUid && Array.isArray(spec.tags) && spec.tags.includes(SLO_DASHBOARD_TAG),
      signal,
      { wanted: expected, maxScanned: BULK_SCAN_FACTOR * expected + DASHBOARD_LIST_PAGE_SIZE }
    ),
    folder,
  ]);
  if (!listed) {
    return undefined;
  }
  const canSave = permissions?.canSave === true;
  const canEdit = permissions?.canEdit === true || canSave;
  return listed.map((d) => listedEntry(d, canSave, canEdit, use));
}

function listedEntry(listed: ListedDashboard, canSave: boolean, canEdit: boolean, use: IndexUse): SloEntry {
  return toEntry(
    {
      dashboardUid: listed.uid,
      version: listed.version,
      dashboard: listed.dashboard,
      canSave,
      canEdit,
      canDelete: canSave && !listed.managed,
      provisioned: listed.managed,
      folderUid: listed.folderUid,
      updated: listed.updated,
      updatedBy: listed.updatedBy,
    },
    use
  );
}

/** The uids of the SLO dashboards, page after page until a page comes back short. */
async function searchSloDashboards(folderUid?: string, signal?: AbortSignal): Promise<string[]> {
  const uids = new Set<string>();
  for (let page = 1; page <= MAX_SEARCH_PAGES; page++) {
    const hits = await fetchParsed(
      {
        url: '/api/search',
        params: {
          type: 'dash-db',
          tag: SLO_DASHBOARD_TAG,
          limit: SEARCH_PAGE_SIZE,
          page,
          ...(folderUid && { folderUIDs: folderUid }),
        },
      },
      searchSchema,
      'Listing SLOs',
      signal
    );
    // A dashboard saved while paging can shift one from a page to the next: each is loaded once.
    hits.forEach((hit) => uids.add(hit.uid));
    if (hits.length < SEARCH_PAGE_SIZE) {
      break;
    }
  }
  return [...uids];
}

export function entryName(entry: SloEntry): string {
  return entry.kind === 'ok' ? entry.slo.name : entry.title;
}

async function loadEntry(dashboardUid: string, use: IndexUse, signal?: AbortSignal): Promise<SloEntry | undefined> {
  try {
    return await loadDashboard(dashboardUid, signal, use);
  } catch (error) {
    // Deleted between the search and the load.
    if (error instanceof NotFoundError) {
      return undefined;
    }
    throw error;
  }
}

async function loadDashboard(dashboardUid: string, signal?: AbortSignal, use?: IndexUse): Promise<SloEntry> {
  const { dashboard, meta } = await fetchParsed(
    { url: `/api/dashboards/uid/${encodeURIComponent(dashboardUid)}` },
    dashboardResponseSchema,
    `Loading SLO dashboard ${dashboardUid}`,
    signal
  );
  const base: StoredBase = {
    dashboardUid,
    version: meta.version ?? versionSchema.parse(dashboard.version),
    dashboard,
    canSave: meta.canSave ?? false,
    canEdit: meta.canEdit ?? false,
    canDelete: !meta.provisioned && (meta.canDelete ?? meta.canSave ?? false),
    provisioned: meta.provisioned ?? false,
    folderUid: meta.folderUid,
    updated: meta.updated,
    updatedBy: meta.updatedBy,
    created: meta.created,
  };
  return toEntry(base, use);
}

/**
 * The stored SLO of this SLO uid; NotFoundError when there is none, SloUidCollisionError when its
 * dashboard holds another SLO whose uid maps to the same dashboard uid. An aborted `signal` cancels the request.
 */
export async function getSlo(sloUid: string, signal?: AbortSignal): Promise<SloEntry> {
  const entry = await loadDashboard(dashboardUidForSlo(sloUid), signal);
  if (entry.kind === 'ok' && entry.slo.uid !== sloUid) {
    throw new SloUidCollisionError(sloUid, entry.slo.uid, entry.dashboardUid);
  }
  return entry;
}

export interface SaveOptions {
  folderUid: string;
  /** The stored SLO being edited; absent for a new SLO. */
  previous?: Pick<StoredBase, 'dashboard' | 'version'>;
  message?: string;
  /**
   * The caller lists the SLOs right after (an import of many): that listing brings the folder's index up to
   * date in one save, instead of one read and save of the index per SLO.
   */
  indexByListing?: boolean;
}

export interface SaveResult {
  dashboardUid: string;
  version: number;
}

/**
 * Creates (no id, `overwrite: false`) or updates (the loaded `version`) the SLO's dashboard. A newer
 * version saved in between is a SloConflictError; a new SLO whose uid is taken a SloExistsError.
 */
export async function saveSlo(slo: Slo, options: SaveOptions): Promise<SaveResult> {
  const { previous } = options;
  if (!previous) {
    await refuseExisting(slo);
    await ensureFolder(options.folderUid, SLO_FOLDER_TITLE);
  }
  const dashboard = previous
    ? { ...sloToDashboard(slo, previous.dashboard), version: previous.version }
    : withoutIds(sloToDashboard(slo));
  try {
    const saved = await fetchParsed(
      {
        url: '/api/dashboards/db',
        method: 'POST',
        data: {
          dashboard,
          folderUid: options.folderUid,
          overwrite: false,
          message: options.message ?? 'Saved by Burnrate',
        },
      },
      saveResponseSchema,
      `Saving SLO ${slo.name}`
    );
    // The index follows every save; one it misses is found stale by the next listing and rebuilt.
    const stored = storedSloYaml(dashboard);
    if ('yaml' in stored && !options.indexByListing) {
      const entry = indexEntry(slo, stored.yaml, { dashboardUid: saved.uid, version: saved.version, managed: false });
      await updateSloIndex(options.folderUid, saved.uid, entry);
    }
    return { dashboardUid: saved.uid, version: saved.version };
  } catch (error) {
    throw await saveError(error, slo, previous !== undefined);
  } finally {
    // A listing under way may not hold this save: whoever lists next reads again.
    forgetListings();
  }
}

function withoutIds(dashboard: DashboardJson): DashboardJson {
  const { id: _id, version: _version, ...rest } = dashboard;
  return rest;
}

async function refuseExisting(slo: Slo): Promise<void> {
  try {
    await getSlo(slo.uid);
  } catch (error) {
    if (error instanceof NotFoundError) {
      return;
    }
    throw error;
  }
  throw new SloExistsError(slo.name);
}

async function saveError(error: unknown, slo: Slo, isUpdate: boolean): Promise<unknown> {
  if (!(error instanceof ApiError)) {
    return error;
  }
  if (error.status === 412 && error.reason === 'version-mismatch') {
    return conflictError(slo.uid);
  }
  const uidTaken = error.status === 400 && /same uid/i.test(error.message);
  if (!isUpdate && (uidTaken || (error.status === 412 && error.reason === 'name-exists'))) {
    return new SloExistsError(slo.name);
  }
  return error;
}

/** The conflict, with who saved the newer version and when, if Grafana tells. */
async function conflictError(sloUid: string): Promise<SloConflictError> {
  try {
    const latest = await getSlo(sloUid);
    return new SloConflictError(sloUid, latest.updatedBy, latest.updated, latest.version);
  } catch {
    return new SloConflictError(sloUid);
  }
}

/**
 * Deletes the SLO's dashboard if it is still the version loaded; a newer one is a SloConflictError, as
 * for a save. Grafana's delete takes no version: the dashboard is read again just before.
 */
export async function deleteSlo(entry: Pick<StoredBase, 'dashboardUid' | 'version'>): Promise<void> {
  const { dashboardUid } = entry;
  const latest = await loadDashboard(dashboardUid);
  if (latest.version !== entry.version) {
    const sloUid = latest.kind === 'ok' ? latest.slo.uid : dashboardUid;
    throw new SloConflictError(sloUid, latest.updatedBy, latest.updated, latest.version);
  }
  try {
    await fetchParsed(
      { url: `/api/dashboards/uid/${encodeURIComponent(dashboardUid)}`, method: 'DELETE' },
      z.unknown(),
      'Deleting the SLO'
    );
  } finally {
    forgetListings();
  }
  if (latest.folderUid) {
    await updateSloIndex(latest.folderUid, dashboardUid, undefined);
  }
}
