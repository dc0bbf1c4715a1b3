import YAML from 'yaml';
import { z } from 'zod';
import type { ValidationIssue } from '../slo/types';
import { parseCatalogueDocument, toCatalogueDocument, type Catalogue } from '../slo/catalogue';
import { sloPanelContent, type DashboardJson } from './sloDashboard';

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
const YAML_OPTIONS = { lineWidth: 0, minContentWidth: 0, aliasDuplicateObjects: false } as const;
const FENCED_YAML = /^(`{3,})yaml\n([\s\S]*?)^\1[ \t]*$/m;

export function catalogueToYaml(catalogue: Catalogue): string {
  return new YAML.Document(toCatalogueDocument(catalogue), YAML_OPTIONS).toString(YAML_OPTIONS);
}

const dashboardSchema = z.looseObject({
  panels: z
    .array(z.looseObject({ options: z.looseObject({ content: z.string().optional() }).optional().catch(undefined) }))
    .optional()
    .catch(undefined),
});

/** The storage dashboard; with `existing` (as loaded) its other fields and `version` are kept. */
export function catalogueToDashboard(catalogue: Catalogue, existing?: DashboardJson): DashboardJson {
  return {
    editable: true,
    schemaVersion: 39,
    ...existing,
    uid: CATALOGUE_DASHBOARD_UID,
    title: CATALOGUE_DASHBOARD_TITLE,
    tags: [CATALOGUE_DASHBOARD_TAG],
    panels: [
      {
        id: 1,
        type: 'text',
        title: 'Services and journeys',
        gridPos: { h: 24, w: 24, x: 0, y: 0 },
        options: { mode: 'markdown', content: sloPanelContent(catalogueToYaml(catalogue)) },
      },
    ],
  };
}

export type CatalogueDecodeResult = { catalogue: Catalogue } | { error: string; issues: ValidationIssue[] };

/** The catalogue held by the dashboard, or why it cannot be read (with field paths). */
export function dashboardToCatalogue(json: unknown): CatalogueDecodeResult {
  const parsed = dashboardSchema.safeParse(json);
  const match = (parsed.data?.panels ?? [])
    .map((p) => FENCED_YAML.exec(p.options?.content ?? ''))
    .find((m) => m !== null);
  if (!match) {
    return { error: 'the dashboard has no text panel holding the catalogue as a ```yaml block', issues: [] };
  }
  const document = YAML.parseDocument(match[2]);
  if (document.errors.length > 0) {
    return {
      error: 'the stored YAML does not parse',
      issues: document.errors.map((e) => ({ path: '', message: e.message.split('\n')[0], severity: 'error' })),
    };
  }
  const result = parseCatalogueDocument(document.toJS());
  return 'catalogue' in result ? result : { error: 'the stored catalogue is not valid', issues: result.issues };
}
