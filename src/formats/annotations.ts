/** Annotation keys other tools use for the runbook and dashboard links, mapped to Burnrate's names. */
export const LINK_ANNOTATION_NAMES: Readonly<Record<string, 'runbook' | 'dashboard'>> = {
  runbook: 'runbook',
  runbook_url: 'runbook',
  runbookUrl: 'runbook',
  'runbook-url': 'runbook',
  dashboard: 'dashboard',
  dashboard_url: 'dashboard',
  dashboardUrl: 'dashboard',
  'dashboard-url': 'dashboard',
};
