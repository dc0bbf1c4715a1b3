import { z } from 'zod';
import type { DashboardJson } from '../storage/sloDashboard';
import { ApiError, NotFoundError } from './errors';
import { fetchParsed } from './http';

/**
 * The reads and saves shared by the documents Burnrate keeps as one dashboard each beside the SLOs (the
 * catalogue, each week's review, the SLO index): a load that tells a missing dashboard from an error, and a
 * save that sends the version loaded so that Grafana refuses it over a newer one.
 */

const documentResponseSchema = z.object({
  dashboard: z.record(z.string(), z.unknown()),
  meta: z.looseObject({
    canSave: z.boolean().optional().catch(undefined),
    canEdit: z.boolean().optional().catch(undefined),
    version: z.number().optional().catch(undefined),
    updated: z.string().optional().catch(undefined),
    updatedBy: z.string().optional().catch(undefined),
  }),
});
const versionSchema = z.number().catch(0);
const savedSchema = z.looseObject({ version: z.number() });

/** The uids of `/api/search` hits. */
export const searchHitsSchema = z.array(z.looseObject({ uid: z.string() }));

/** A document's dashboard as loaded, its version, and what Grafana says the user may do and who saved it last. */
export interface LoadedDocument {
  dashboard: DashboardJson;
  version: number;
  canSave?: boolean;
  canEdit?: boolean;
  updated?: string;
  updatedBy?: string;
}

/**
 * The dashboard `uid`, or undefined when Grafana has none (never saved, or deleted since a search found it).
 * `what` names the read in an error. An aborted `signal` cancels the request.
 */
export async function loadDocumentDashboard(
  uid: string,
  what: string,
  signal?: AbortSignal
): Promise<LoadedDocument | undefined> {
  let response: z.output<typeof documentResponseSchema>;
  try {
    response = await fetchParsed(
      { url: `/api/dashboards/uid/${encodeURIComponent(uid)}` },
      documentResponseSchema,
      what,
      signal
    );
  } catch (error) {
    if (error instanceof NotFoundError) {
      return undefined;
    }
    throw error;
  }
  const { dashboard, meta } = response;
  return {
    dashboard,
    version: meta.version ?? versionSchema.parse(dashboard.version),
    canSave: meta.canSave,
    canEdit: meta.canEdit,
    updated: meta.updated,
    updatedBy: meta.updatedBy,
  };
}

/**
 * Saves `dashboard` into the folder without overwriting: with the version it was loaded at, a newer save is
 * refused (412); without one, a dashboard created meanwhile under its uid is. Returns the version saved.
 */
export async function saveDocumentDashboard(
  dashboard: DashboardJson,
  folderUid: string,
  message: string,
  what: string
): Promise<number> {
  const saved = await fetchParsed(
    { url: '/api/dashboards/db', method: 'POST', data: { dashboard, folderUid, overwrite: false, message } },
    savedSchema,
    what
  );
  return saved.version;
}

/** Grafana's refusal of a save over a newer version, or of a create where someone else created it first. */
export function isSaveConflict(error: unknown): boolean {
  return (
    error instanceof ApiError &&
    ((error.status === 412 && (error.reason === 'version-mismatch' || error.reason === 'name-exists')) ||
      (error.status === 400 && /same uid/i.test(error.message)))
  );
}
