import {
  dashboardToSloIndex,
  sloIndexToDashboard,
  sloIndexUid,
  type SloIndex,
  type SloIndexEntry,
} from '../storage/sloIndex';
import type { DashboardJson } from '../storage/sloDashboard';
import { ApiError } from './errors';
import { loadDocumentDashboard, saveDocumentDashboard } from './documentDashboard';

/**
 * Reading and writing the SLO index of a folder (storage/sloIndex.ts). The index is a cache: a failure to
 * read it is a missing index, and a failure to write it never fails the save that wanted it updated (the
 * next listing finds it stale and rebuilds it).
 */

export interface LoadedSloIndex {
  index: SloIndex;
  /** The index dashboard as loaded, with its version, for a save that Grafana refuses over a newer one. */
  dashboard: DashboardJson;
  version: number;
  /** What the user may do in the folder, as Grafana says of the index dashboard (it stands for the SLOs'). */
  canSave: boolean;
  canEdit: boolean;
}

/** Tries of a read, change and save that another save of the index keeps refusing. */
const UPDATE_TRIES = 3;

type ReadIndex =
  | { kind: 'found'; loaded: LoadedSloIndex }
  /** An index dashboard of another format or unreadable: it is saved over. */
  | { kind: 'unreadable'; dashboard: DashboardJson; version: number }
  | { kind: 'missing' };

async function readIndex(folderUid: string, signal?: AbortSignal): Promise<ReadIndex> {
  const loaded = await loadDocumentDashboard(sloIndexUid(folderUid), 'Loading the SLO index', signal);
  if (!loaded) {
    return { kind: 'missing' };
  }
  const { dashboard, version, canSave, canEdit } = loaded;
  const index = dashboardToSloIndex(dashboard);
  return index
    ? {
        kind: 'found',
        loaded: { index, dashboard, version, canSave: canSave ?? false, canEdit: canEdit ?? canSave ?? false },
      }
    : { kind: 'unreadable', dashboard, version };
}

/** The folder's index, or undefined when it is missing or cannot be read. An aborted `signal` throws. */
export async function loadSloIndex(folderUid: string, signal?: AbortSignal): Promise<LoadedSloIndex | undefined> {
  try {
    const read = await readIndex(folderUid, signal);
    return read.kind === 'found' ? read.loaded : undefined;
  } catch (error) {
    if (signal?.aborted) {
      throw error;
    }
    return undefined;
  }
}

/**
 * Saves `index` over the one loaded (`previous`, whose version Grafana checks) or as a new dashboard.
 * False when Grafana refused it (a newer index saved meanwhile, no permission): the index stays as it was.
 */
export async function saveSloIndex(
  folderUid: string,
  index: SloIndex,
  previous?: { dashboard: DashboardJson; version: number }
): Promise<boolean> {
  try {
    await saveDocumentDashboard(
      sloIndexToDashboard(folderUid, index, previous && { ...previous.dashboard, version: previous.version }),
      folderUid,
      'SLO index updated by Burnrate',
      'Saving the SLO index'
    );
    return true;
  } catch (error) {
    if (error instanceof ApiError) {
      return false;
    }
    throw error;
  }
}

/**
 * Applies a change to one SLO's entry (`undefined` removes it) in the folder's index, read again and
 * saved with its version; another save of the index in between is read again, a few times. A missing or
 * unreadable index is left to the next listing, which rebuilds it from every dashboard.
 */
export async function updateSloIndex(
  folderUid: string,
  dashboardUid: string,
  entry: SloIndexEntry | undefined
): Promise<void> {
  for (let attempt = 0; attempt < UPDATE_TRIES; attempt++) {
    let read: ReadIndex;
    try {
      read = await readIndex(folderUid);
    } catch {
      return;
    }
    if (read.kind !== 'found') {
      return;
    }
    const entries = new Map(read.loaded.index.entries);
    if (entry) {
      entries.set(dashboardUid, entry);
    } else if (!entries.delete(dashboardUid)) {
      return;
    }
    if (await saveSloIndex(folderUid, { entries }, read.loaded).catch(() => false)) {
      return;
    }
  }
}

/**
 * Saves a rebuilt index over the one loaded, or when none was, over whatever index dashboard is there (an
 * unreadable one included). False when it was not saved.
 */
export async function replaceSloIndex(folderUid: string, index: SloIndex, loaded?: LoadedSloIndex): Promise<boolean> {
  try {
    if (loaded) {
      return await saveSloIndex(folderUid, index, loaded);
    }
    const read = await readIndex(folderUid);
    const previous = read.kind === 'found' ? read.loaded : read.kind === 'unreadable' ? read : undefined;
    return await saveSloIndex(folderUid, index, previous);
  } catch {
    return false;
  }
}
