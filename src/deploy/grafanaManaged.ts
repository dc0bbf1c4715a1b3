import { z } from 'zod';
import type { GrafanaAlertRule, GrafanaRuleGroup } from '../rules/output';
import { errorText, type Transport } from './rulerClient';
import { applyOneByOne, type Applied } from './applyOneByOne';

/**
 * Grafana-managed alert rules through Grafana's provisioning API: one rule group per SLO in a folder,
 * `PUT /api/v1/provisioning/folder/<folder uid>/rule-groups/<group>`. `X-Disable-Provenance` keeps the
 * rules editable in Grafana's alerting UI afterwards, as the issue asks; a later deploy replaces edits.
 */

export type GrafanaGroupAction = 'create' | 'update' | 'unchanged' | 'delete';

export type GrafanaGroupChange =
  | { group: string; action: 'create'; desired: GrafanaRuleGroup }
  | { group: string; action: 'update' | 'unchanged'; desired: GrafanaRuleGroup; existing: GrafanaRuleGroup }
  /** A chosen SLO's group that has no alert left (retired, or its alerting turned off): deployed, it would keep firing. */
  | { group: string; action: 'delete'; existing: GrafanaRuleGroup };

/** What a rule does, for comparison: Grafana adds ids, timestamps and defaults to what it returns. */
function ruleEssence(rule: GrafanaAlertRule): string {
  const queries = rule.data.filter((d) => d.datasourceUid !== '__expr__');
  return JSON.stringify([
    rule.uid,
    rule.title,
    rule.for,
    rule.condition,
    queries.map((d) => [d.refId, d.datasourceUid, d.model.expr]),
    Object.entries(rule.labels).sort(),
    Object.entries(rule.annotations).sort(),
    rule.notification_settings?.receiver ?? null,
  ]);
}

export function sameGrafanaGroup(a: GrafanaRuleGroup, b: GrafanaRuleGroup): boolean {
  return (
    a.interval === b.interval &&
    a.rules.length === b.rules.length &&
    a.rules.every((rule, i) => ruleEssence(rule) === ruleEssence(b.rules[i]))
  );
}

/**
 * What a deploy changes in the folder: each desired group created, updated or left; and each group named in
 * `withoutAlerts` (the chosen SLOs' rule groups that have no alert now) that the folder still holds, deleted.
 */
export function planGrafanaDeploy(
  desired: GrafanaRuleGroup[],
  existing: ReadonlyMap<string, GrafanaRuleGroup | undefined>,
  withoutAlerts: readonly string[] = []
): GrafanaGroupChange[] {
  const changes: GrafanaGroupChange[] = desired.map((group) => {
    const current = existing.get(group.title);
    if (!current) {
      return { group: group.title, action: 'create', desired: group };
    }
    return {
      group: group.title,
      action: sameGrafanaGroup(group, current) ? 'unchanged' : 'update',
      desired: group,
      existing: current,
    };
  });
  const wanted = new Set(desired.map((group) => group.title));
  for (const title of new Set(withoutAlerts)) {
    const current = existing.get(title);
    if (current && !wanted.has(title)) {
      changes.push({ group: title, action: 'delete', existing: current });
    }
  }
  return changes;
}

const grafanaRuleSchema = z.looseObject({
  uid: z.string(),
  title: z.string(),
  condition: z.string(),
  folderUID: z.string(),
  ruleGroup: z.string(),
  for: z.string().default('0s'),
  noDataState: z.string(),
  execErrState: z.string(),
  data: z.array(
    z.looseObject({
      refId: z.string(),
      datasourceUid: z.string(),
      relativeTimeRange: z.object({ from: z.number(), to: z.number() }).optional(),
      model: z.record(z.string(), z.unknown()),
    })
  ),
  labels: z.record(z.string(), z.string()).default({}),
  annotations: z.record(z.string(), z.string()).default({}),
  notification_settings: z.looseObject({ receiver: z.string() }).optional().nullable(),
});

const grafanaGroupSchema = z.looseObject({
  title: z.string(),
  folderUid: z.string(),
  interval: z.number(),
  rules: z.array(grafanaRuleSchema),
});

const contactPointsSchema = z.array(z.looseObject({ name: z.string() }));

export class GrafanaRulesError extends Error {
  constructor(
    message: string,
    readonly status: number
  ) {
    super(message);
    this.name = 'GrafanaRulesError';
  }
}

export class GrafanaRulesClient {
  constructor(private readonly transport: Transport) {}

  private url(folderUid: string, group: string): string {
    return `/api/v1/provisioning/folder/${encodeURIComponent(folderUid)}/rule-groups/${encodeURIComponent(group)}`;
  }

  /** The group as Grafana has it, or undefined when there is none. */
  async getGroup(folderUid: string, group: string): Promise<GrafanaRuleGroup | undefined> {
    const response = await this.transport({ method: 'GET', url: this.url(folderUid, group) });
    if (response.status === 404) {
      return undefined;
    }
    if (response.status !== 200) {
      throw new GrafanaRulesError(
        `Reading rule group ${group}: ${errorText(response.data) ?? `HTTP ${response.status}`}`,
        response.status
      );
    }
    const parsed = grafanaGroupSchema.safeParse(response.data);
    if (!parsed.success) {
      throw new GrafanaRulesError(`Reading rule group ${group}: unexpected answer`, response.status);
    }
    return {
      ...parsed.data,
      rules: parsed.data.rules.map(({ notification_settings, ...rule }) => ({
        ...(rule as unknown as GrafanaAlertRule),
        ...(notification_settings ? { notification_settings: { receiver: notification_settings.receiver } } : {}),
      })),
    };
  }

  async putGroup(group: GrafanaRuleGroup): Promise<void> {
    const response = await this.transport({
      method: 'PUT',
      url: this.url(group.folderUid, group.title),
      body: group,
      headers: { 'X-Disable-Provenance': 'true' },
    });
    if (response.status < 200 || response.status >= 300) {
      throw new GrafanaRulesError(
        `Deploying rule group ${group.title}: ${errorText(response.data) ?? `HTTP ${response.status}`}`,
        response.status
      );
    }
  }

  /** Deletes the group and its rules; a group already gone is not an error. */
  async deleteGroup(folderUid: string, group: string): Promise<void> {
    const response = await this.transport({ method: 'DELETE', url: this.url(folderUid, group) });
    if (response.status !== 404 && (response.status < 200 || response.status >= 300)) {
      throw new GrafanaRulesError(
        `Removing rule group ${group}: ${errorText(response.data) ?? `HTTP ${response.status}`}`,
        response.status
      );
    }
  }

  async listContactPoints(): Promise<string[]> {
    const response = await this.transport({ method: 'GET', url: '/api/v1/provisioning/contact-points' });
    if (response.status !== 200) {
      throw new GrafanaRulesError(
        `Listing contact points: ${errorText(response.data) ?? `HTTP ${response.status}`}`,
        response.status
      );
    }
    const parsed = contactPointsSchema.safeParse(response.data);
    return parsed.success ? [...new Set(parsed.data.map((c) => c.name))].sort() : [];
  }
}

export type GrafanaChangeResult = Applied<GrafanaGroupChange>;

/** Puts the changed groups one at a time and stops at the first failure, as applyPlan does for a ruler. */
export function applyGrafanaPlan(
  client: GrafanaRulesClient,
  changes: GrafanaGroupChange[],
  onProgress?: (results: GrafanaChangeResult[]) => void
): Promise<GrafanaChangeResult[]> {
  return applyOneByOne(
    changes,
    (change) =>
      change.action === 'delete'
        ? client.deleteGroup(change.existing.folderUid, change.group)
        : client.putGroup(change.desired),
    onProgress
  );
}
