import { PLUGIN_BASE_URL, ROUTES } from '../constants';
import { sloPagePath } from '../slo/routes';

// Prefixes the route with the base URL of the plugin
export function prefixRoute(route: string): string {
  return `${PLUGIN_BASE_URL}/${route}`;
}

/** The page of one SLO: the path the alert rules link to as well. */
export function sloUrl(sloUid: string): string {
  return sloPagePath(sloUid);
}

export function sloEditUrl(sloUid: string): string {
  return `${sloUrl(sloUid)}/edit`;
}

export function exportUrl(sloUids: string[] = []): string {
  const query = sloUids.map((uid) => `slo=${encodeURIComponent(uid)}`).join('&');
  return prefixRoute(ROUTES.Export) + (query ? `?${query}` : '');
}

/** The editor of a new SLO, filled in from the SLO `sloUid`. */
export function duplicateUrl(sloUid: string): string {
  return `${prefixRoute(ROUTES.New)}?duplicate=${encodeURIComponent(sloUid)}`;
}
