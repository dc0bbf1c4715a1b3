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

/** Grafana's default and largest page of versions. */
export const VERSIONS_LIMIT = 1000;

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

/** The versions of the dashboard, newest first. An aborted `signal` cancels the request. */
export async function listSloVersions(dashboardUid: string, signal?: AbortSignal): Promise<SloVersionInfo[]> {
  const answer = await fetchParsed(
    { url: versionsUrl(dashboardUid), params: { limit: VERSIONS_LIMIT } },
    versionListSchema,
    'Listing the versions of the SLO',
    signal
  );
  const versions = Array.isArray(answer) ? answer : answer.versions;
  return versions.map(info).sort((a, b) => b.version - a.version);
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
