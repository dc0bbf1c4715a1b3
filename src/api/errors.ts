import { z } from 'zod';

/** A Grafana API call failed; `status` is the HTTP status when there was an answer. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status?: number,
    readonly reason?: string
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export class NotFoundError extends ApiError {
  constructor(message: string) {
    super(message, 404);
    this.name = 'NotFoundError';
  }
}

export class PermissionDeniedError extends ApiError {
  constructor(message: string) {
    super(message, 403);
    this.name = 'PermissionDeniedError';
  }
}

/** Someone else saved the SLO after it was loaded: Grafana refused the save (412 version-mismatch). */
export class SloConflictError extends ApiError {
  constructor(
    readonly sloUid: string,
    readonly changedBy?: string,
    readonly changedAt?: string,
    readonly latestVersion?: number
  ) {
    super(`${describeChange(changedBy, changedAt)} changed this SLO after you opened it`, 412, 'version-mismatch');
    this.name = 'SloConflictError';
  }
}

function describeChange(changedBy?: string, changedAt?: string): string {
  if (changedBy && changedAt) {
    return `${changedBy} (at ${changedAt})`;
  }
  return changedBy ?? (changedAt ? `Someone (at ${changedAt})` : 'Someone');
}

/** A new SLO would take the uid (or dashboard title) of an SLO that already exists. */
export class SloExistsError extends ApiError {
  constructor(readonly sloName: string) {
    super(`An SLO named "${sloName}" already exists: choose another name`, 409, 'exists');
    this.name = 'SloExistsError';
  }
}

/**
 * The dashboard of an SLO uid holds another SLO: dashboard uids are at most 40 characters, so long or
 * unusual SLO uids are hashed, and two SLO uids can meet at one dashboard. Reading or saving refuses it.
 */
export class SloUidCollisionError extends ApiError {
  constructor(
    readonly sloUid: string,
    readonly storedUid: string,
    readonly dashboardUid: string
  ) {
    super(
      `The SLO uid ${JSON.stringify(sloUid)} is stored in the dashboard ${dashboardUid}, which holds the SLO` +
        ` ${JSON.stringify(storedUid)}: give this SLO another uid`,
      409,
      'uid-collision'
    );
    this.name = 'SloUidCollisionError';
  }
}

const fetchErrorSchema = z.object({
  status: z.number(),
  statusText: z.string().optional(),
  data: z.unknown().optional(),
});

const errorBodySchema = z.looseObject({
  message: z.string().optional().catch(undefined),
  error: z.string().optional().catch(undefined),
  status: z.string().optional().catch(undefined),
  results: z
    .record(z.string(), z.looseObject({ error: z.string().optional().catch(undefined) }))
    .optional()
    .catch(undefined),
});

export interface ErrorBody {
  message?: string;
  /** Grafana's machine-readable reason, e.g. `version-mismatch`, `name-exists`. */
  reason?: string;
}

/** The message and reason of an error answer, from `message`, `error` or a datasource query's `results.*.error`. */
export function readErrorBody(data: unknown): ErrorBody {
  const parsed = errorBodySchema.safeParse(data);
  if (!parsed.success) {
    return {};
  }
  const resultError = Object.values(parsed.data.results ?? {}).find((r) => r.error)?.error;
  return { message: resultError ?? parsed.data.message ?? parsed.data.error, reason: parsed.data.status };
}

/** A thrown fetch error (or anything else) as a typed ApiError. */
export function toApiError(error: unknown, what: string): ApiError {
  if (error instanceof ApiError) {
    return error;
  }
  const fetchError = fetchErrorSchema.safeParse(error);
  if (!fetchError.success) {
    return new ApiError(`${what}: ${error instanceof Error ? error.message : 'request failed'}`);
  }
  const { status, statusText } = fetchError.data;
  const body = readErrorBody(fetchError.data.data);
  const message = `${what}: ${body.message ?? statusText ?? `HTTP ${status}`}`;
  if (status === 404) {
    return new NotFoundError(message);
  }
  if (status === 403 || status === 401) {
    return new PermissionDeniedError(message);
  }
  return new ApiError(message, status, body.reason);
}

/** The request was cancelled because its answer is no longer wanted (the page closed, or the inputs changed). */
export function cancelledError(): DOMException {
  return new DOMException('The request was cancelled', 'AbortError');
}

/** Whether an error is a cancellation rather than a failure. */
export function isCancelled(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

/** A message for the UI from any error. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Someone else saved the catalogue of services and journeys after it was loaded (412 version-mismatch). */
export class CatalogueConflictError extends ApiError {
  constructor(
    readonly changedBy?: string,
    readonly changedAt?: string
  ) {
    super(
      `${describeChange(changedBy, changedAt)} changed the services and journeys after you opened them`,
      412,
      'version-mismatch'
    );
    this.name = 'CatalogueConflictError';
  }
}
