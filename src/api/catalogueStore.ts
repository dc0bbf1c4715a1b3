/**
 * The catalogue of services and journeys, stored as one dashboard in the SLO folder (uid
 * `burnrate-catalogue`). Why a dashboard and not the plugin's jsonData: Editors may change it (jsonData
 * is written by org admins only), the SLO folder's permissions apply as they do to SLOs, Grafana keeps
 * its versions, and a save sends the version it loaded so that a concurrent save is refused (412).
 */
import { z } from 'zod';
import { EMPTY_CATALOGUE, type Catalogue } from '../slo/catalogue';
import { SLO_FOLDER_TITLE } from '../settings';
import { CATALOGUE_DASHBOARD_UID, catalogueToDashboard, dashboardToCatalogue } from '../storage/catalogueDashboard';
import type { DashboardJson } from '../storage/sloDashboard';
import type { ValidationIssue } from '../slo/types';
import { ApiError, CatalogueConflictError, NotFoundError } from './errors';
import { ensureFolder } from './folders';
import { fetchParsed } from './http';

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

const responseSchema = z.object({
  dashboard: z.record(z.string(), z.unknown()),
  meta: z.looseObject({
    canSave: z.boolean().optional().catch(undefined),
    version: z.number().optional().catch(undefined),
    updated: z.string().optional().catch(undefined),
    updatedBy: z.string().optional().catch(undefined),
  }),
});
const versionSchema = z.number().catch(0);
const searchSchema = z.array(z.looseObject({ uid: z.string() }));
const saveResponseSchema = z.looseObject({ version: z.number() });

/** The catalogue; the empty catalogue while none is saved. An aborted `signal` cancels the request. */
export async function loadCatalogue(signal?: AbortSignal): Promise<StoredCatalogue> {
  // Search first: it answers 200 with no hit while nothing is saved, where loading the dashboard would be a
  // 404 in the browser's console on every page that shows journeys.
  const hits = await fetchParsed(
    { url: '/api/search', params: { dashboardUIDs: CATALOGUE_DASHBOARD_UID, type: 'dash-db', limit: 1 } },
    searchSchema,
    'Looking for the services and journeys',
    signal
  );
  if (hits.length === 0) {
    // Nothing saved yet; whether the user may create it is Grafana's answer to the first save.
    return { catalogue: EMPTY_CATALOGUE, canSave: true };
  }
  let response: z.output<typeof responseSchema>;
  try {
    response = await fetchParsed(
      { url: `/api/dashboards/uid/${CATALOGUE_DASHBOARD_UID}` },
      responseSchema,
      'Loading services and journeys',
      signal
    );
  } catch (error) {
    if (error instanceof NotFoundError) {
      // Deleted between the search and the load.
      return { catalogue: EMPTY_CATALOGUE, canSave: true };
    }
    throw error;
  }
  const { dashboard, meta } = response;
  const stored = { dashboard, version: meta.version ?? versionSchema.parse(dashboard.version) };
  const common = { stored, canSave: meta.canSave ?? false, updated: meta.updated, updatedBy: meta.updatedBy };
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
    const saved = await fetchParsed(
      {
        url: '/api/dashboards/db',
        method: 'POST',
        data: { dashboard, folderUid, overwrite: false, message: 'Services and journeys saved by Burnrate' },
      },
      saveResponseSchema,
      'Saving services and journeys'
    );
    return saved.version;
  } catch (error) {
    throw await saveError(error);
  }
}

async function saveError(error: unknown): Promise<unknown> {
  const conflict =
    error instanceof ApiError &&
    ((error.status === 412 && (error.reason === 'version-mismatch' || error.reason === 'name-exists')) ||
      (error.status === 400 && /same uid/i.test(error.message)));
  if (!conflict) {
    return error;
  }
  try {
    const latest = await loadCatalogue();
    return new CatalogueConflictError(latest.updatedBy, latest.updated);
  } catch {
    return new CatalogueConflictError();
  }
}
