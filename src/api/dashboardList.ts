import { z } from 'zod';
import { config } from '@grafana/runtime';
import { NotFoundError } from './errors';
import { fetchParsed } from './http';

/**
 * Dashboards with their content in a few requests, through the Kubernetes-style dashboard API of Grafana 12
 * and later (`/apis/dashboard.grafana.app/v1beta1/namespaces/<ns>/dashboards`), rather than one request per
 * dashboard. That API selects by label only; dashboards saved through `/api/dashboards/db` carry no labels of
 * ours (their tags stay in the spec), so the caller's filter picks them out of every page.
 */

export const DASHBOARD_API = '/apis/dashboard.grafana.app/v1beta1';
/** Dashboards per page: a page of SLO dashboards (a few KB of JSON each) stays a few MB. */
export const DASHBOARD_LIST_PAGE_SIZE = 500;
/** Pages read at most: stops a listing whose continue token never ends. */
const MAX_PAGES = 1000;

/** Grafana's annotations and labels on a dashboard resource (pkg/apimachinery/utils/meta.go). */
export const DASHBOARD_ANNOTATIONS = {
  folder: 'grafana.app/folder',
  updatedTimestamp: 'grafana.app/updatedTimestamp',
  updatedBy: 'grafana.app/updatedBy',
  managedBy: 'grafana.app/managedBy',
} as const;
export const DEPRECATED_INTERNAL_ID_LABEL = 'grafana.app/deprecatedInternalID';

const stringMap = z.record(z.string(), z.string()).optional().catch(undefined);
const listSchema = z.looseObject({
  metadata: z.looseObject({ continue: z.string().optional().catch(undefined) }).catch({}),
  items: z.array(
    z.looseObject({
      metadata: z.looseObject({
        name: z.string(),
        generation: z.number().optional().catch(undefined),
        labels: stringMap,
        annotations: stringMap,
      }),
      spec: z.record(z.string(), z.unknown()),
    })
  ),
});

/** A dashboard as the list reads it: its JSON as `/api/dashboards/uid` returns it, and what Grafana keeps beside. */
export interface ListedDashboard {
  uid: string;
  version: number;
  /** The dashboard JSON with its uid, id and version put back (the API keeps them in the metadata). */
  dashboard: Record<string, unknown>;
  folderUid?: string;
  updated?: string;
  /** Who saved it last, as Grafana names the identity ("user:<uid>" without its type). */
  updatedBy?: string;
  /** Owned by a provisioning file, a repository or a plugin: Grafana refuses to delete it here. */
  managed: boolean;
}

/** Whether this Grafana announces the dashboard API: 12 and later (an unknown version is tried). */
export function dashboardApiAnnounced(version: string | undefined = config.buildInfo?.version): boolean {
  const major = Number.parseInt(version ?? '', 10);
  return Number.isNaN(major) || major >= 12;
}

/** When a listing may stop early: once `wanted` dashboards are kept, or after `maxScanned` read. */
export interface ListBounds {
  wanted?: number;
  maxScanned?: number;
}

/**
 * Every dashboard of the org (or those read within `bounds`) for which `keep` (its JSON, its folder uid) is true, page after page of the
 * dashboard API. Undefined when this Grafana does not serve the API (older than 12, or a 404), so the caller
 * falls back on its own way. An aborted `signal` cancels the request under way.
 */
export async function listDashboardsWithContent(
  keep: (spec: Record<string, unknown>, folderUid: string | undefined) => boolean,
  signal?: AbortSignal,
  bounds: ListBounds = {}
): Promise<ListedDashboard[] | undefined> {
  if (!dashboardApiAnnounced()) {
    return undefined;
  }
  const namespace = config.namespace || 'default';
  const url = `${DASHBOARD_API}/namespaces/${encodeURIComponent(namespace)}/dashboards`;
  const found = new Map<string, ListedDashboard>();
  let token: string | undefined;
  let scanned = 0;
  for (let page = 0; page < MAX_PAGES; page++) {
    let answer: z.output<typeof listSchema>;
    try {
      answer = await fetchParsed(
        { url, params: { limit: DASHBOARD_LIST_PAGE_SIZE, ...(token && { continue: token }) } },
        listSchema,
        'Listing SLOs',
        signal
      );
    } catch (error) {
      if (error instanceof NotFoundError && page === 0) {
        return undefined;
      }
      throw error;
    }
    for (const item of answer.items) {
      const annotations = item.metadata.annotations ?? {};
      const folderUid = annotations[DASHBOARD_ANNOTATIONS.folder] || undefined;
      if (keep(item.spec, folderUid)) {
        found.set(item.metadata.name, listed(item, folderUid));
      }
    }
    scanned += answer.items.length;
    token = answer.metadata.continue || undefined;
    if (!token || found.size >= (bounds.wanted ?? Infinity) || scanned >= (bounds.maxScanned ?? Infinity)) {
      break;
    }
  }
  return [...found.values()];
}

type Item = z.output<typeof listSchema>['items'][number];

function listed(item: Item, folderUid: string | undefined): ListedDashboard {
  const { name, generation, labels, annotations = {} } = item.metadata;
  const version = generation ?? 0;
  const id = Number(labels?.[DEPRECATED_INTERNAL_ID_LABEL]);
  const updatedBy = annotations[DASHBOARD_ANNOTATIONS.updatedBy];
  return {
    uid: name,
    version,
    dashboard: { ...item.spec, uid: name, version, ...(Number.isInteger(id) && id > 0 && { id }) },
    folderUid,
    updated: annotations[DASHBOARD_ANNOTATIONS.updatedTimestamp],
    updatedBy: updatedBy ? updatedBy.replace(/^[a-z-]+:/, '') || undefined : undefined,
    managed: Boolean(annotations[DASHBOARD_ANNOTATIONS.managedBy]),
  };
}
