import { z } from 'zod';
import { ApiError, NotFoundError } from './errors';
import { fetchParsed } from './http';

const folderSchema = z.looseObject({
  uid: z.string(),
  title: z.string().optional(),
  canSave: z.boolean().optional().catch(undefined),
  canEdit: z.boolean().optional().catch(undefined),
});

/** The folder and what the signed-in user may do in it. An aborted `signal` cancels the request. */
export async function getFolder(uid: string, signal?: AbortSignal): Promise<z.output<typeof folderSchema>> {
  return fetchParsed({ url: `/api/folders/${encodeURIComponent(uid)}` }, folderSchema, `Loading folder ${uid}`, signal);
}

/** Makes sure the folder exists, creating it with `title` when it is missing. */
export async function ensureFolder(uid: string, title: string): Promise<void> {
  try {
    await getFolder(uid);
    return;
  } catch (error) {
    if (!(error instanceof NotFoundError)) {
      throw error;
    }
  }
  try {
    await fetchParsed(
      { url: '/api/folders', method: 'POST', data: { uid, title } },
      folderSchema,
      `Creating folder "${title}"`
    );
  } catch (error) {
    // Created by someone else in between: fine.
    if (!(error instanceof ApiError && (error.status === 409 || error.status === 412))) {
      throw error;
    }
  }
}
