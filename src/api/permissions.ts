import { hasPermission } from '@grafana/runtime';

/**
 * What the signed-in user may do with SLOs, from Grafana's own permission data, as Grafana's pages decide
 * whether to offer "New dashboard": SLOs are dashboards in the SLO folder, so creating one takes
 * `dashboards:create` (Editors and Admins, or a role or folder permission that grants it).
 */
export function canCreateSlos(): boolean {
  return hasPermission('dashboards:create');
}

/** Why the create actions are off, in the words the buttons' tooltips and the editor show. */
export const CANNOT_CREATE_SLOS =
  'Your role cannot create SLOs: they are saved as dashboards, which takes the dashboards:create permission (Editor or Admin). Ask an admin of this Grafana.';
