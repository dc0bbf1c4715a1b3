/**
 * Paths of the app's pages in Grafana, for every link that leaves the app's own router: the alert
 * rules' dashboard_url and the app's links alike, so that the two cannot point at different pages.
 */

/** Where Grafana serves the app: `/a/<plugin id>` (the id of plugin.json; a test keeps them equal). */
export const APP_PATH = '/a/burnrate-slo-app';

/** The SLO list; an SLO's page is `slos/<uid>` under it. */
export const SLOS_ROUTE = 'slos';

/** The page of one SLO, e.g. `/a/burnrate-slo-app/slos/checkout-availability`. */
export function sloPagePath(uid: string): string {
  return `${APP_PATH}/${SLOS_ROUTE}/${encodeURIComponent(uid)}`;
}
