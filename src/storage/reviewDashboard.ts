import YAML from 'yaml';
import { z } from 'zod';
import { DAY, type SharedReview } from '../decisions/sharedReview';
import { fencedYamlOfPanels, yamlDocumentDashboard, type DashboardJson } from './sloDashboard';

/**
 * One week's shared review (notes and action items, with who wrote them) as one storage dashboard in the SLO
 * folder, the way each SLO is stored: its YAML document in a markdown text panel, inside a code fence the text
 * cannot close, so that nothing a user wrote is rendered as Markdown or HTML. Pure encoding and decoding; the
 * HTTP calls are in api/reviewStore.ts.
 */

/** Not `burnrate-slo`: the SLO list must not take a review for a broken SLO. */
export const REVIEW_DASHBOARD_TAG = 'burnrate-review';
const UID_PREFIX = 'burnrate-review-';
const YAML_OPTIONS = { lineWidth: 0, minContentWidth: 0, aliasDuplicateObjects: false } as const;
/** The document's kind, so that another YAML document in a dashboard is not read as a review. */
const KIND = 'WeeklyReview';

/** `burnrate-review-2026-11-30`: one dashboard per week, found by its uid. */
export function reviewDashboardUid(week: string): string {
  return `${UID_PREFIX}${week}`;
}

/** The week a review dashboard uid names, or undefined. */
export function weekOfReviewUid(uid: string): string | undefined {
  const week = uid.startsWith(UID_PREFIX) ? uid.slice(UID_PREFIX.length) : '';
  return DAY.test(week) ? week : undefined;
}

export function reviewDashboardTitle(week: string): string {
  return `Burnrate: weekly review of ${week}`;
}

const authorship = {
  by: z.string(),
  at: z.string(),
  editedBy: z.string().optional(),
  editedAt: z.string().optional(),
};
const noteSchema = z.object({ id: z.string().min(1), text: z.string(), ...authorship });
const actionSchema = z.object({
  id: z.string().min(1),
  text: z.string(),
  owner: z.string(),
  due: z.string().regex(DAY, 'a date YYYY-MM-DD').optional(),
  done: z.boolean(),
  ...authorship,
});
const documentSchema = z.object({
  kind: z.literal(KIND),
  week: z.string().regex(DAY, 'a Monday YYYY-MM-DD'),
  notes: z.array(noteSchema),
  actions: z.array(actionSchema),
});

export function reviewToYaml(review: SharedReview): string {
  return new YAML.Document({ kind: KIND, ...review }, YAML_OPTIONS).toString(YAML_OPTIONS);
}

/** The storage dashboard; with `existing` (as loaded) its other fields and `version` are kept. */
export function reviewToDashboard(review: SharedReview, existing?: DashboardJson): DashboardJson {
  const document = {
    uid: reviewDashboardUid(review.week),
    title: reviewDashboardTitle(review.week),
    tag: REVIEW_DASHBOARD_TAG,
    panelTitle: 'Notes and action items',
    editable: false,
  };
  return yamlDocumentDashboard(document, reviewToYaml(review), existing);
}

export type ReviewDecodeResult = { review: SharedReview } | { error: string };

/** The review the dashboard holds, or why it cannot be read (naming the field). */
export function dashboardToReview(json: unknown): ReviewDecodeResult {
  const yamlText = fencedYamlOfPanels(json);
  if (yamlText === undefined) {
    return { error: 'the dashboard has no text panel holding the review as a ```yaml block' };
  }
  const document = YAML.parseDocument(yamlText);
  if (document.errors.length > 0) {
    return { error: `the stored YAML does not parse: ${document.errors[0].message.split('\n')[0]}` };
  }
  const parsed = documentSchema.safeParse(document.toJS());
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { error: `the stored review is not valid: ${issue.path.join('.') || 'document'}: ${issue.message}` };
  }
  const { kind: _kind, ...review } = parsed.data;
  return { review };
}
