import { z } from 'zod';
import type { Slo } from '../slo/types';
import { parseNativeDocument, toNativeDocument } from '../formats/native';
import { dashboardUidForSlo, fnv1a, MANAGED_NOTE, type DashboardJson, type DecodeError } from './sloDashboard';

/**
 * The SLO index: one dashboard beside the SLO dashboards of a folder, holding every SLO as its native
 * document in JSON with the dashboard version and a hash of the YAML text it was read from. Reading 1,000
 * SLOs from it is one request and a JSON parse instead of 1,000 YAML parses. It is a cache, never the
 * truth: an entry counts only while its dashboard's version (before the dashboards are read) or the hash of
 * its YAML text (after) still matches, so a save the index missed (another Grafana, an older version of the
 * app, a hand edit) shows as stale and the index is rebuilt. Pure encoding; the HTTP calls are in api/sloIndex.ts.
 */

export const SLO_INDEX_TAG = 'burnrate-slo-index';
/** Raised whenever what an entry holds or how it is read changes: an index of another format is rebuilt. */
export const SLO_INDEX_FORMAT = 1;
const INDEX_UID_PREFIX = 'burnrate-slo-index-';
const MAX_DASHBOARD_UID = 40;

export interface SloIndexEntry {
  dashboardUid: string;
  /** The SLO dashboard's version when indexed. */
  version: number;
  /** yamlHash of the YAML text in the SLO dashboard's panel ('' when it has none). */
  yamlHash: string;
  /** Owned by a provisioning file, a repository or a plugin. */
  managed: boolean;
  /** The SLO, as its native document (the stored format, whatever the app's model); null when it is broken. */
  document: unknown;
  /** Of a broken SLO dashboard: its title and why it cannot be read, shown until its dashboards are read. */
  broken?: { title: string; error: DecodeError };
}

export interface SloIndex {
  /** By SLO dashboard uid. */
  entries: Map<string, SloIndexEntry>;
}

export function sloIndexUid(folderUid: string): string {
  const plain = `${INDEX_UID_PREFIX}${folderUid}`;
  return plain.length <= MAX_DASHBOARD_UID ? plain : `${INDEX_UID_PREFIX}${fnv1a(folderUid)}`;
}

/** 64 bits of FNV-1a (two seeds): an edit the index missed matches its hash about once in 10^19. */
export function yamlHash(yamlText: string): string {
  return `${fnv1a(yamlText)}${fnv1a(yamlText, 0x050c5d1f)}`;
}

interface IndexedDashboard {
  dashboardUid: string;
  version: number;
  managed: boolean;
}

export function indexEntry(slo: Slo, yamlText: string, stored: IndexedDashboard): SloIndexEntry {
  return { ...stored, yamlHash: yamlHash(yamlText), document: toNativeDocument(slo) };
}

/** The entry of a dashboard whose SLO cannot be read; `yamlText` is absent when it holds no SLO panel. */
export function brokenIndexEntry(
  title: string,
  error: DecodeError,
  yamlText: string | undefined,
  stored: IndexedDashboard
): SloIndexEntry {
  return {
    ...stored,
    yamlHash: yamlText === undefined ? '' : yamlHash(yamlText),
    document: null,
    broken: { title, error },
  };
}

/** Whether two indexes hold the same entries, so that a listing need not save its rebuilt one. */
export function sameSloIndex(a: SloIndex, b: SloIndex): boolean {
  if (a.entries.size !== b.entries.size) {
    return false;
  }
  for (const [uid, entry] of a.entries) {
    const other = b.entries.get(uid);
    if (
      !other ||
      other.version !== entry.version ||
      other.yamlHash !== entry.yamlHash ||
      other.managed !== entry.managed ||
      (other.broken === undefined) !== (entry.broken === undefined)
    ) {
      return false;
    }
  }
  return true;
}

const JSON_FENCE = '````json\n';
const FENCE_END = '\n````\n';

/** The index dashboard: a text panel that says what it is, then the entries as a JSON block. */
export function sloIndexToDashboard(folderUid: string, index: SloIndex, existing?: DashboardJson): DashboardJson {
  const body = JSON.stringify({ format: SLO_INDEX_FORMAT, entries: [...index.entries.values()] });
  const note = `${MANAGED_NOTE} The index of the SLOs of this folder, kept by every save and rebuilt from their dashboards when stale.`;
  return {
    editable: false,
    schemaVersion: 39,
    ...(existing && { id: existing.id, version: existing.version }),
    uid: sloIndexUid(folderUid),
    title: 'Burnrate SLO index',
    tags: [SLO_INDEX_TAG],
    panels: [
      {
        id: 1,
        type: 'text',
        title: 'SLO index',
        gridPos: { h: 8, w: 24, x: 0, y: 0 },
        // JSON text holds no raw newline, so nothing in it can close the fence.
        options: { mode: 'markdown', content: `${note}\n\n${JSON_FENCE}${body}${FENCE_END}` },
      },
    ],
  };
}

const issueSchema = z.object({
  path: z.string(),
  message: z.string(),
  severity: z.enum(['error', 'warning']),
});
const entrySchema = z.object({
  dashboardUid: z.string(),
  version: z.number(),
  yamlHash: z.string(),
  managed: z.boolean(),
  document: z.unknown(),
  broken: z
    .object({ title: z.string(), error: z.object({ message: z.string(), issues: z.array(issueSchema) }) })
    .optional(),
});
const bodySchema = z.object({ format: z.number(), entries: z.array(z.unknown()) });
const indexDashboardSchema = z.looseObject({
  panels: z.array(z.looseObject({ options: z.looseObject({ content: z.string() }).optional() })).optional(),
});

/** The index a dashboard holds, or undefined when it is not one of this format (then it is rebuilt). */
export function dashboardToSloIndex(json: unknown): SloIndex | undefined {
  const content = indexDashboardSchema.safeParse(json).data?.panels?.[0]?.options?.content;
  const start = content?.indexOf(JSON_FENCE) ?? -1;
  const end = content?.lastIndexOf(FENCE_END) ?? -1;
  if (content === undefined || start < 0 || end < start) {
    return undefined;
  }
  let body: unknown;
  try {
    body = JSON.parse(content.slice(start + JSON_FENCE.length, end));
  } catch {
    return undefined;
  }
  const parsed = bodySchema.safeParse(body);
  if (!parsed.success || parsed.data.format !== SLO_INDEX_FORMAT) {
    return undefined;
  }
  const entries = new Map<string, SloIndexEntry>();
  for (const raw of parsed.data.entries) {
    const entry = entrySchema.safeParse(raw);
    if (entry.success) {
      entries.set(entry.data.dashboardUid, entry.data);
    }
  }
  return { entries };
}

/**
 * The SLO an entry holds, or undefined when it does not read as a sound SLO of that dashboard (then the
 * dashboard's own YAML is read). Its YAML was validated when indexed: the hash ties the entry to that text.
 */
export function indexedSlo(entry: SloIndexEntry): Slo | undefined {
  const parsed = parseNativeDocument(entry.document);
  if (!parsed.slo || parsed.issues.some((i) => i.severity === 'error')) {
    return undefined;
  }
  return dashboardUidForSlo(parsed.slo.uid) === entry.dashboardUid ? parsed.slo : undefined;
}
