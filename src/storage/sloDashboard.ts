import YAML from 'yaml';
import { z } from 'zod';
import type { Slo, ValidationIssue } from '../slo/types';
import { validateSlo } from '../rules/validate';
import { parseNativeDocument, toNativeDocument } from '../formats/native';

/**
 * One Grafana dashboard per SLO: the SLO as its native YAML document inside one markdown text panel.
 * Pure encoding and decoding; the HTTP calls are in api/sloStore.ts.
 */

export const SLO_DASHBOARD_TAG = 'burnrate-slo';
export const SERVICE_TAG_PREFIX = 'service:';
export const MANAGED_NOTE = 'Managed by Burnrate — edit in the Burnrate app.';
export const DASHBOARD_UID_PREFIX = 'slo-';
const MAX_DASHBOARD_UID = 40;
const DASHBOARD_UID = /^[a-zA-Z0-9_-]+$/;
const YAML_OPTIONS = { lineWidth: 0, minContentWidth: 0, aliasDuplicateObjects: false } as const;

/** A stored dashboard as Grafana returns it and takes it back: fields Burnrate does not set are kept. */
export type DashboardJson = Record<string, unknown>;

/**
 * `slo-<uid>`, or when that is not a legal dashboard uid of at most 40 characters, a stable hashed form.
 * Not one-to-one (SLO uids run to 128 characters): a hashed form can be another uid's plain form, so the
 * store checks the uid of the SLO it reads (api/sloStore.ts). Kept as it is: it names stored dashboards.
 */
export function dashboardUidForSlo(sloUid: string): string {
  const plain = `${DASHBOARD_UID_PREFIX}${sloUid}`;
  if (plain.length <= MAX_DASHBOARD_UID && DASHBOARD_UID.test(plain)) {
    return plain;
  }
  const readable = sloUid.replace(/[^a-zA-Z0-9_-]/g, '-').slice(0, 18);
  return `${DASHBOARD_UID_PREFIX}${readable}-${fnv1a(sloUid, 0x811c9dc5)}${fnv1a(sloUid, 0x050c5d1f)}`;
}

/** A 32-bit FNV-1a hash of the text's UTF-8 bytes, as 8 hex digits. */
export function fnv1a(key: string, seed = 0x811c9dc5): string {
  let hash = seed;
  for (const byte of new TextEncoder().encode(key)) {
    hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

export function sloDashboardTitle(slo: Slo): string {
  return `SLO: ${slo.displayName ?? slo.name}`;
}

/** The native YAML document of an SLO, as stored and as the YAML tab shows it. */
export function sloToYaml(slo: Slo): string {
  return new YAML.Document(toNativeDocument(slo), YAML_OPTIONS).toString(YAML_OPTIONS);
}

/** A markdown fence longer than any run of backticks in the text, so the text cannot close it. */
function fenceFor(text: string): string {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  return '`'.repeat(longest + 1);
}

export function sloPanelContent(yamlText: string): string {
  const fence = fenceFor(yamlText);
  const body = yamlText.endsWith('\n') ? yamlText : `${yamlText}\n`;
  return `${MANAGED_NOTE}\n\n${fence}yaml\n${body}${fence}\n`;
}

/** What a document kept as its own dashboard (the catalogue, a week's review) is called and tagged. */
export interface YamlDocumentDashboard {
  uid: string;
  title: string;
  tag: string;
  panelTitle: string;
  /** Whether Grafana's dashboard editor may change it by hand. */
  editable: boolean;
}

/**
 * A document's storage dashboard: its YAML in one markdown text panel, as an SLO's is. With `existing` (as
 * loaded) its other fields and `version` are kept.
 */
export function yamlDocumentDashboard(
  document: YamlDocumentDashboard,
  yamlText: string,
  existing?: DashboardJson
): DashboardJson {
  return {
    editable: document.editable,
    schemaVersion: 39,
    ...existing,
    uid: document.uid,
    title: document.title,
    tags: [document.tag],
    panels: [
      {
        id: 1,
        type: 'text',
        title: document.panelTitle,
        gridPos: { h: 24, w: 24, x: 0, y: 0 },
        options: { mode: 'markdown', content: sloPanelContent(yamlText) },
      },
    ],
  };
}

const textPanelsSchema = z.looseObject({
  panels: z
    .array(z.looseObject({ options: z.looseObject({ content: z.string().optional() }).optional().catch(undefined) }))
    .optional()
    .catch(undefined),
});

/** The YAML of the first panel of the dashboard holding a ```yaml block, or undefined. */
export function fencedYamlOfPanels(json: unknown): string | undefined {
  const match = (textPanelsSchema.safeParse(json).data?.panels ?? [])
    .map((p) => FENCED_YAML.exec(p.options?.content ?? ''))
    .find((m) => m !== null);
  return match?.[2];
}

function sloPanel(slo: Slo, id: number): Record<string, unknown> {
  return {
    id,
    type: 'text',
    title: 'SLO definition',
    gridPos: { h: 24, w: 24, x: 0, y: 0 },
    options: { mode: 'markdown', content: sloPanelContent(sloToYaml(slo)) },
  };
}

const panelSchema = z.looseObject({
  id: z.number().optional().catch(undefined),
  type: z.string().optional().catch(undefined),
  options: z
    .looseObject({ content: z.string().optional().catch(undefined) })
    .optional()
    .catch(undefined),
});
const dashboardSchema = z.looseObject({
  uid: z.string().optional(),
  version: z.number().optional(),
  tags: z.array(z.string()).optional().catch(undefined),
  panels: z.array(z.unknown()).optional().catch(undefined),
});

const FENCED_YAML = /^(`{3,})yaml\n([\s\S]*?)^\1[ \t]*$/m;

function isSloPanel(panel: unknown): boolean {
  const parsed = panelSchema.safeParse(panel);
  return parsed.success && parsed.data.type === 'text' && FENCED_YAML.test(parsed.data.options?.content ?? '');
}

/**
 * The storage dashboard of an SLO. With `existing` (the dashboard as loaded) its other fields, panels
 * and tags are kept, with its `id` and `version` so that Grafana can refuse a save over a newer version.
 */
export function sloToDashboard(slo: Slo, existing?: DashboardJson): DashboardJson {
  const base = existing ? dashboardSchema.safeParse(existing) : undefined;
  const current = base?.success ? base.data : {};
  const panels = current.panels ?? [];
  const index = panels.findIndex(isSloPanel);
  const panel = sloPanel(slo, index >= 0 ? (panelSchema.safeParse(panels[index]).data?.id ?? 1) : 1);
  const otherTags = (current.tags ?? []).filter((t) => t !== SLO_DASHBOARD_TAG && !t.startsWith(SERVICE_TAG_PREFIX));
  return {
    editable: true,
    schemaVersion: 39,
    time: { from: 'now-30d', to: 'now' },
    ...current,
    uid: dashboardUidForSlo(slo.uid),
    title: sloDashboardTitle(slo),
    tags: [SLO_DASHBOARD_TAG, `${SERVICE_TAG_PREFIX}${slo.service}`, ...otherTags],
    panels: index >= 0 ? panels.map((p, i) => (i === index ? panel : p)) : [panel, ...panels],
  };
}

export interface DecodeError {
  message: string;
  issues: ValidationIssue[];
}

export type DecodeResult = { slo: Slo; yaml: string } | { error: DecodeError; yaml?: string };

/** The SLO stored in a dashboard, or why it cannot be read (every problem, with its field path). */
export function dashboardToSlo(json: unknown): DecodeResult {
  const stored = storedSloYaml(json);
  return 'yaml' in stored ? yamlToSlo(stored.yaml) : stored;
}

/** The YAML text of the SLO panel, unparsed: what the SLO index compares with what it holds. */
export function storedSloYaml(json: unknown): { yaml: string } | { error: DecodeError } {
  const dashboard = dashboardSchema.safeParse(json);
  if (!dashboard.success) {
    return { error: { message: 'not a dashboard', issues: [] } };
  }
  const content = (dashboard.data.panels ?? [])
    .filter(isSloPanel)
    .map((p) => panelSchema.parse(p).options?.content ?? '')[0];
  const match = content === undefined ? null : FENCED_YAML.exec(content);
  if (!match) {
    return { error: { message: 'the dashboard has no text panel holding the SLO as a ```yaml block', issues: [] } };
  }
  return { yaml: match[2] };
}

/** An SLO from native YAML text: syntax, structure and validation errors by field path. */
export function yamlToSlo(text: string): DecodeResult {
  const document = YAML.parseDocument(text);
  if (document.errors.length > 0) {
    const issues = document.errors.map((e) => ({
      path: e.linePos ? `line ${e.linePos[0].line}` : '',
      message: e.message.split('\n')[0],
      severity: 'error' as const,
    }));
    return { error: { message: 'the stored YAML does not parse', issues }, yaml: text };
  }
  const parsed = parseNativeDocument(document.toJS());
  const issues = [...parsed.issues, ...(parsed.slo ? validateSlo(parsed.slo) : [])];
  const errors = issues.filter((i) => i.severity === 'error');
  if (!parsed.slo || errors.length > 0) {
    return { error: { message: 'the stored SLO is not valid', issues: errors }, yaml: text };
  }
  return { slo: parsed.slo, yaml: text };
}
