import YAML from 'yaml';
import type { ValidationIssue } from '../slo/types';
import { parseCatalogueDocument, toCatalogueDocument, type Catalogue } from '../slo/catalogue';
import { fencedYamlOfPanels, yamlDocumentDashboard, type DashboardJson } from './sloDashboard';

/**
 * The catalogue of services and journeys as one storage dashboard in the SLO folder, the way each SLO
 * is stored: its YAML document in a markdown text panel. Pure encoding and decoding; the HTTP calls
 * are in api/catalogueStore.ts.
 */

/** One catalogue per organisation: a fixed dashboard uid. */
export const CATALOGUE_DASHBOARD_UID = 'burnrate-catalogue';
/** Not `burnrate-slo`: the SLO list must not take the catalogue for a broken SLO. */
export const CATALOGUE_DASHBOARD_TAG = 'burnrate-catalogue';
export const CATALOGUE_DASHBOARD_TITLE = 'Burnrate: services and journeys';
const CATALOGUE_DOCUMENT = {
  uid: CATALOGUE_DASHBOARD_UID,
  title: CATALOGUE_DASHBOARD_TITLE,
  tag: CATALOGUE_DASHBOARD_TAG,
  panelTitle: 'Services and journeys',
  editable: true,
};
const YAML_OPTIONS = { lineWidth: 0, minContentWidth: 0, aliasDuplicateObjects: false } as const;

export function catalogueToYaml(catalogue: Catalogue): string {
  return new YAML.Document(toCatalogueDocument(catalogue), YAML_OPTIONS).toString(YAML_OPTIONS);
}

/** The storage dashboard; with `existing` (as loaded) its other fields and `version` are kept. */
export function catalogueToDashboard(catalogue: Catalogue, existing?: DashboardJson): DashboardJson {
  return yamlDocumentDashboard(CATALOGUE_DOCUMENT, catalogueToYaml(catalogue), existing);
}

export type CatalogueDecodeResult = { catalogue: Catalogue } | { error: string; issues: ValidationIssue[] };

/** The catalogue held by the dashboard, or why it cannot be read (with field paths). */
export function dashboardToCatalogue(json: unknown): CatalogueDecodeResult {
  const yamlText = fencedYamlOfPanels(json);
  if (yamlText === undefined) {
    return { error: 'the dashboard has no text panel holding the catalogue as a ```yaml block', issues: [] };
  }
  const document = YAML.parseDocument(yamlText);
  if (document.errors.length > 0) {
    return {
      error: 'the stored YAML does not parse',
      issues: document.errors.map((e) => ({ path: '', message: e.message.split('\n')[0], severity: 'error' })),
    };
  }
  const result = parseCatalogueDocument(document.toJS());
  return 'catalogue' in result ? result : { error: 'the stored catalogue is not valid', issues: result.issues };
}
