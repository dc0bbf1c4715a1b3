import pluginJson from './plugin.json';

export const PLUGIN_ID = pluginJson.id;
export const PLUGIN_BASE_URL = `/a/${pluginJson.id}`;
/** The app's configuration page in Grafana (org admins). */
export const CONFIG_PAGE_URL = `/plugins/${pluginJson.id}`;

export enum ROUTES {
  /** The SLO list (home); an SLO is `slos/<uid>`, its editor `slos/<uid>/edit`. */
  Slos = 'slos',
  New = 'new',
  Overview = 'overview',
  Export = 'export',
  Import = 'import',
  /** The release gate: `gate?service=<name>&risk=low|medium|high`. */
  Gate = 'gate',
  /** The monthly SLO report: `report?month=YYYY-MM&service=<name>&teamSize=<n>`. */
  Report = 'report',
  /** The weekly review: `review?week=<Monday, YYYY-MM-DD>`. */
  Review = 'review',
  /** The catalogue of services and user journeys. */
  Services = 'services',
  /** Maintenance windows across SLOs. */
  Maintenance = 'maintenance',
}

/** Scene variable names shared by the pages. */
export const VARIABLES = {
  datasource: 'ds',
  /** The label the SLO page breaks bad events down by. */
  breakdown: 'breakdown',
} as const;

/** Scene variable of a grouping label of a grouped SLO: `group_route`. */
export function groupVariableName(label: string): string {
  return `group_${label}`;
}
