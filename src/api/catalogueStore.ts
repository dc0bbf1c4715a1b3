/**
 * The catalogue of services and journeys, stored as one dashboard in the SLO folder (uid
 * `burnrate-catalogue`). Why a dashboard and not the plugin's jsonData: Editors may change it (jsonData
 * is written by org admins only), the SLO folder's permissions apply as they do to SLOs, Grafana keeps
 * its versions, and a save sends the version it loaded so that a concurrent save is refused (412).
 */
import { EMPTY_CATALOGUE, type Catalogue } from '../slo/catalogue';
import { SLO_FOLDER_TITLE } from '../settings';
import { CATALOGUE_DASHBOARD_UID, catalogueToDashboard, dashboardToCatalogue } from '../storage/catalogueDashboard';
import type { DashboardJson } from '../storage/sloDashboard';
import type { ValidationIssue } from '../slo/types';
import { CatalogueConflictError } from './errors';
import { ensureFolder } from './folders';
import { fetchParsed } from './http';
import { isSaveConflict, loadDocumentDashboard, saveDocumentDashboard, searchHitsSchema } from './documentDashboard';

export interface StoredCatalogue {
  catalogue: Catalogue;
  /** Absent while no catalogue has been saved yet. */
  stored?: { dashboard: DashboardJson; version: number };
  canSave: boolean;
  updated?: string;
  updatedBy?: string;
  /** The stored dashboard does not hold a readable catalogue: shown, and saving is refused to keep it. */
  broken?: { message: string; issues: ValidationIssue[] };
}

/** The catalogue; the empty catalogue while none is saved. An aborted `signal` cancels the request. */
export async function loadCatalogue(signal?: AbortSignal): Promise<StoredCatalogue> {
  // Search first: it answers 200 with no hit while nothing is saved, where loading the dashboard would be a
  // 404 in the browser's console on every page that shows journeys.
  const hits = await fetchParsed(
    { url: '/api/search', params: { dashboardUIDs: CATALOGUE_DASHBOARD_UID, type: 'dash-db', limit: 1 } },
    searchHitsSchema,
    'Looking for the services and journeys',
    signal
  );
  if (hits.length === 0) {
    // Nothing saved yet; whether the user may create it is Grafana's answer to the first save.
    return { catalogue: EMPTY_CATALOGUE, canSave: true };
  }
  const loaded = await loadDocumentDashboard(CATALOGUE_DASHBOARD_UID, 'Loading services and journeys', signal);
  if (!loaded) {
    // Deleted between the search and the load.
    return { catalogue: EMPTY_CATALOGUE, canSave: true };
  }
  const { dashboard, version, canSave, updated, updatedBy } = loaded;
  const common = { stored: { dashboard, version }, canSave: canSave ?? false, updated, updatedBy };
  const decoded = dashboardToCatalogue(dashboard);
  if ('error' in decoded) {
    return { ...common, catalogue: EMPTY_CATALOGUE, broken: { message: decoded.error, issues: decoded.issues } };
  }
  return { ...common, catalogue: decoded.catalogue };
}

/**
 * Saves the catalogue over the version loaded (`previous`), or creates it. A save in between, or a
 * catalogue created by someone else meanwhile, is a CatalogueConflictError.
 */
export async function saveCatalogue(
  catalogue: Catalogue,
  folderUid: string,
  previous: StoredCatalogue['stored']
): Promise<number> {
  if (!previous) {
    await ensureFolder(folderUid, SLO_FOLDER_TITLE);
  }
  const dashboard = previous
    ? { ...catalogueToDashboard(catalogue, previous.dashboard), version: previous.version }
    : catalogueToDashboard(catalogue);
  try {
    return await saveDocumentDashboard(
      dashboard,
      folderUid,
      'Services and journeys saved by Burnrate',
      'Saving services and journeys'
    );
  } catch (error) {
    throw await saveError(error);
  }
}

async function saveError(error: unknown): Promise<unknown> {
  if (!isSaveConflict(error)) {
    return error;
  }
  try {
    const latest = await loadCatalogue();
    return new CatalogueConflictError(latest.updatedBy, latest.updated);
  } catch {
    return new CatalogueConflictError();
  }
}
