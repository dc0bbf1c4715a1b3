import { z } from 'zod';
import {
  dashboardUidForSlo,
  sloToDashboard,
  sloToYaml,
  storedSloYaml,
  yamlToSlo,
  type DashboardJson,
} from '../storage/sloDashboard';
import {
  brokenIndexEntry,
  indexedSlo,
  indexEntry,
  sameSloIndex,
  yamlHash,
  type SloIndex,
  type SloIndexEntry,
} from '../storage/sloIndex';
import type { SloEntry, StoredBase } from './sloStore';
import { replaceSloIndex, type LoadedSloIndex } from './sloIndex';

/** The folder's index while its SLO dashboards are read: an SLO whose YAML text it holds is not parsed again. */
export interface IndexUse {
  index?: SloIndex;
}

const titleSchema = z.string().catch('');

/**
 * The SLO a dashboard holds, or why it cannot be read. When the index holds the same YAML text (by its
 * hash) its SLO is taken instead of parsing the YAML: the YAML parse is most of a listing's work.
 */
export function toEntry(base: StoredBase, use?: IndexUse): SloEntry {
  const { dashboard, dashboardUid } = base;
  const title = titleSchema.parse(dashboard.title) || dashboardUid;
  const stored = storedSloYaml(dashboard);
  if ('error' in stored) {
    return { ...base, kind: 'broken', title, error: stored.error };
  }
  const indexed = use?.index?.entries.get(dashboardUid);
  const fromIndex =
    indexed && indexed.document !== null && indexed.yamlHash === yamlHash(stored.yaml)
      ? indexedSlo(indexed)
      : undefined;
  const decoded = fromIndex ? { slo: fromIndex, yaml: stored.yaml } : yamlToSlo(stored.yaml);
  if ('error' in decoded) {
    return { ...base, kind: 'broken', title, ...decoded };
  }
  // A copy (Grafana's "Save as" keeps the tag and the YAML) would be saved over the SLO's own dashboard.
  const ownUid = dashboardUidForSlo(decoded.slo.uid);
  if (ownUid !== dashboardUid) {
    const message =
      `holds the SLO ${JSON.stringify(decoded.slo.uid)}, whose dashboard is ${ownUid}: a copy, or its uid was edited` +
      ' by hand; delete this dashboard or give it back its SLO';
    return { ...base, kind: 'broken', title, error: { message, issues: [] }, yaml: decoded.yaml };
  }
  return { ...base, kind: 'ok', slo: decoded.slo, yaml: decoded.yaml };
}

/**
 * The entries as the index holds them, when it names exactly the dashboards the search found (`uids`) and
 * every one of them reads; undefined otherwise (then only the dashboards tell). Their YAML and dashboard are
 * rebuilt from the SLO when asked for.
 */
export function indexedEntries(loaded: LoadedSloIndex, uids: string[], folderUid: string): SloEntry[] | undefined {
  const { entries } = loaded.index;
  if (entries.size !== uids.length || !uids.every((uid) => entries.has(uid))) {
    return undefined;
  }
  const result: SloEntry[] = [];
  for (const entry of entries.values()) {
    const shown = indexedEntry(entry, loaded, folderUid);
    if (!shown) {
      return undefined;
    }
    result.push(shown);
  }
  return result;
}

function indexedEntry(entry: SloIndexEntry, loaded: LoadedSloIndex, folderUid: string): SloEntry | undefined {
  const { dashboardUid, version, managed } = entry;
  const base = {
    dashboardUid,
    version,
    canSave: loaded.canSave,
    canEdit: loaded.canEdit,
    canDelete: loaded.canSave && !managed,
    provisioned: managed,
    folderUid,
  };
  if (entry.broken) {
    const dashboard: DashboardJson = { uid: dashboardUid, title: entry.broken.title, version };
    return { ...base, kind: 'broken', dashboard, title: entry.broken.title, error: entry.broken.error };
  }
  const slo = indexedSlo(entry);
  if (!slo) {
    return undefined;
  }
  return {
    ...base,
    kind: 'ok',
    slo,
    get yaml() {
      return sloToYaml(slo);
    },
    get dashboard() {
      return { ...sloToDashboard(slo), version };
    },
  };
}

/** The index of these entries, as a listing read them from their dashboards. */
export function indexOfEntries(entries: SloEntry[]): SloIndex {
  const indexed = new Map<string, SloIndexEntry>();
  for (const entry of entries) {
    const stored = { dashboardUid: entry.dashboardUid, version: entry.version, managed: entry.provisioned };
    indexed.set(
      entry.dashboardUid,
      entry.kind === 'ok'
        ? indexEntry(entry.slo, entry.yaml, stored)
        : brokenIndexEntry(entry.title, entry.error, entry.yaml, stored)
    );
  }
  return { entries: indexed };
}

/**
 * Saves the index of the entries a listing read when the folder has none or its index differs; true when
 * it saved one. A user who may save nothing in the folder leaves the index as it is.
 */
export async function rebuiltIndex(
  folderUid: string,
  entries: SloEntry[],
  loaded: LoadedSloIndex | undefined
): Promise<boolean> {
  if ((entries.length === 0 && !loaded) || (entries.length > 0 && !entries.some((e) => e.canSave))) {
    return false;
  }
  const index = indexOfEntries(entries);
  if (loaded && sameSloIndex(index, loaded.index)) {
    return false;
  }
  return replaceSloIndex(folderUid, index, loaded);
}
