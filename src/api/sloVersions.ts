import { z } from 'zod';
import { dashboardToSlo, type DecodeResult } from '../storage/sloDashboard';
import { fetchParsed } from './http';

/**
 * The saved versions of an SLO's dashboard, from Grafana's dashboard versions API. Grafana 11 answers the
 * list as an array; Grafana 12 as `{ versions, continueToken }`: both are read.
 */

/** One saved version: who saved it, when, and the message of the save. */
export interface SloVersionInfo {
  version: number;
  created?: string;
  createdBy?: string;
  message?: string;
}

/** One version with its dashboard decoded to the SLO, or why it cannot be read. */
export interface SloVersion extends SloVersionInfo {
  decoded: DecodeResult;
}

/** Versions read at a time: the History lists them newest first, a page more on demand, as Grafana's own does. */
export const VERSIONS_PAGE = 50;

/**
 * Where the next page of versions starts: Grafana 12's `continueToken`, or for Grafana 11, which answers an
 * array, the offset `start`.
 */
export type VersionCursor = { continueToken: string } | { start: number };

/** A page of versions, newest first, and where the next one starts; no `next` on the last page. */
export interface VersionPage {
  versions: SloVersionInfo[];
  next?: VersionCursor;
}

const optionalText = z.string().optional().catch(undefined);
const versionInfoSchema = z.looseObject({
  version: z.number(),
  created: optionalText,
  createdBy: optionalText,
  message: optionalText,
});
const versionListSchema = z.union([
  z.array(versionInfoSchema),
  z.looseObject({ versions: z.array(versionInfoSchema), continueToken: z.string().optional().catch(undefined) }),
]);
const versionSchema = versionInfoSchema.extend({ data: z.unknown() });

function versionsUrl(dashboardUid: string): string {
  return `/api/dashboards/uid/${encodeURIComponent(dashboardUid)}/versions`;
}

function info(raw: z.output<typeof versionInfoSchema>): SloVersionInfo {
  return {
    version: raw.version,
    ...(raw.created && { created: raw.created }),
    ...(raw.createdBy && { createdBy: raw.createdBy }),
    ...(raw.message && { message: raw.message }),
  };
}

/**
 * A page of the versions of the dashboard, newest first, from `cursor` (the first page without one). An
 * aborted `signal` cancels the request.
 */
export async function listSloVersions(
  dashboardUid: string,
  signal?: AbortSignal,
  cursor?: VersionCursor,
  limit = VERSIONS_PAGE
): Promise<VersionPage> {
  const answer = await fetchParsed(
    { url: versionsUrl(dashboardUid), params: { limit, ...cursor } },
    versionListSchema,
    'Listing the versions of the SLO',
    signal
  );
  if (Array.isArray(answer)) {
    const start = cursor && 'start' in cursor ? cursor.start : 0;
    // Grafana 11 says nothing of more: a full page may have a next one, which may be empty.
    return {
      versions: answer.map(info).sort((a, b) => b.version - a.version),
      ...(answer.length >= limit && { next: { start: start + answer.length } }),
    };
  }
  return {
    versions: answer.versions.map(info).sort((a, b) => b.version - a.version),
    ...(answer.continueToken && { next: { continueToken: answer.continueToken } }),
  };
}

/**
 * One version of the dashboard (by its version number, as Grafana's path takes it), decoded to the SLO
 * with the decoder of stored SLOs. An aborted `signal` cancels the request.
 */
export async function getSloVersion(dashboardUid: string, version: number, signal?: AbortSignal): Promise<SloVersion> {
  const answer = await fetchParsed(
    { url: `${versionsUrl(dashboardUid)}/${version}` },
    versionSchema,
    `Loading version ${version} of the SLO`,
    signal
  );
  return { ...info(answer), decoded: dashboardToSlo(answer.data) };
}
