import { z } from 'zod';
import type { PlainRuleGroup } from '../rules/fingerprint';
import type { GroupChange } from './rulerPlan';
import { applyOneByOne, type Applied } from './applyOneByOne';
import { limitRefusalText, parseLimitRefusal, type LimitRefusal } from './rulerLimits';

export type { ChangeOutcome } from './applyOneByOne';

/**
 * A client of the ruler API of a datasource (Mimir, Cortex, Loki, or Prometheus behind a ruler-capable
 * proxy), as Grafana proxies it: `/api/ruler/<datasource uid>/api/v1/rules[/<namespace>[/<group>]]`,
 * JSON both ways. The transport is injected: Grafana's backend service in the app, plain fetch in tests.
 */

export interface TransportRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** 'text': the answer's body as it came, unparsed (an answer in YAML). */
  responseType?: 'text';
}

export interface TransportResponse {
  status: number;
  data: unknown;
}

/** Performs a request; resolves with any HTTP status (it rejects only when there is no answer). */
export type Transport = (request: TransportRequest) => Promise<TransportResponse>;

/** The datasource answers 404 for the ruler API itself: it has no ruler (or Grafana does not know of one). */
export class NoRulerError extends Error {
  constructor(readonly datasourceName: string) {
    super(`${datasourceName} has no ruler: download the rule file and load it into Prometheus instead`);
    this.name = 'NoRulerError';
  }
}

/** The ruler refused a call; `message` is the ruler's or Grafana's own text. */
export class RulerError extends Error {
  constructor(
    message: string,
    readonly status: number
  ) {
    super(message);
    this.name = 'RulerError';
  }
}

/** The ruler refused a group for one of its limits; the message names the limit and the numbers. */
export class RulerLimitError extends RulerError {
  constructor(
    readonly group: string,
    readonly refusal: LimitRefusal
  ) {
    super(limitRefusalText(group, refusal), 400);
    this.name = 'RulerLimitError';
  }
}

const ruleSchema = z.looseObject({
  record: z.string().optional(),
  alert: z.string().optional(),
  expr: z.string(),
  for: z.string().optional(),
  labels: z.record(z.string(), z.string()).optional(),
  annotations: z.record(z.string(), z.string()).optional(),
});

const groupSchema = z.looseObject({
  name: z.string(),
  interval: z.string().optional(),
  rules: z.array(ruleSchema).default([]),
});

const namespacesSchema = z.record(z.string(), z.array(groupSchema));

export function errorText(data: unknown): string | undefined {
  if (typeof data === 'string') {
    return data.trim() || undefined;
  }
  const parsed = z.looseObject({ message: z.string().optional(), error: z.string().optional() }).safeParse(data);
  return parsed.success ? (parsed.data.message ?? parsed.data.error) : undefined;
}

/** Mimir and Cortex answer 404 with these for a namespace or tenant without groups: not an error. */
function isEmptyAnswer(data: unknown): boolean {
  const text = errorText(data) ?? '';
  return /no rule groups found|group does not exist|no rules found/i.test(text);
}

function plainGroup(group: z.output<typeof groupSchema>): PlainRuleGroup {
  return {
    name: group.name,
    ...(group.interval !== undefined && { interval: group.interval }),
    rules: group.rules.map((r) => ({
      ...(r.record !== undefined && { record: r.record }),
      ...(r.alert !== undefined && { alert: r.alert }),
      expr: r.expr,
      ...(r.for !== undefined && { for: r.for }),
      ...(r.labels !== undefined && { labels: r.labels }),
      ...(r.annotations !== undefined && { annotations: r.annotations }),
    })),
  };
}

export class RulerClient {
  constructor(
    private readonly transport: Transport,
    readonly datasourceUid: string,
    readonly datasourceName: string
  ) {}

  private url(namespace?: string, group?: string): string {
    const parts = [`/api/ruler/${encodeURIComponent(this.datasourceUid)}/api/v1/rules`];
    if (namespace !== undefined) {
      parts.push(encodeURIComponent(namespace));
    }
    if (group !== undefined) {
      parts.push(encodeURIComponent(group));
    }
    return parts.join('/');
  }

  private fail(response: TransportResponse, what: string): never {
    if (response.status === 404 && !isEmptyAnswer(response.data)) {
      throw new NoRulerError(this.datasourceName);
    }
    const text = errorText(response.data) ?? `HTTP ${response.status}`;
    throw new RulerError(`${what}: ${text}`, response.status);
  }

  /**
   * The groups of a namespace; none when the namespace is empty or does not exist. Read from the list of
   * every namespace, as Grafana's alerting pages read it: a ruler answers 404 for a namespace that does
   * not exist yet, an error in the browser's console on every page before the first deploy.
   */
  async listNamespace(namespace: string): Promise<PlainRuleGroup[]> {
    return (await this.listTenant(`Reading namespace ${namespace}`))[namespace] ?? [];
  }

  /** The groups of every namespace of the tenant (what its rule-group limit counts); `what` names the read in errors. */
  async listTenant(what = 'Reading the rule groups'): Promise<Record<string, PlainRuleGroup[]>> {
    const response = await this.transport({ method: 'GET', url: this.url() });
    if (response.status === 404 && isEmptyAnswer(response.data)) {
      return {};
    }
    if (response.status !== 200) {
      this.fail(response, what);
    }
    const parsed = namespacesSchema.safeParse(response.data);
    if (!parsed.success) {
      throw new RulerError(`${what}: unexpected answer from the ruler`, response.status);
    }
    return Object.fromEntries(Object.entries(parsed.data).map(([name, groups]) => [name, groups.map(plainGroup)]));
  }

  /** Creates or replaces a group. */
  async setGroup(namespace: string, group: PlainRuleGroup): Promise<void> {
    const response = await this.transport({ method: 'POST', url: this.url(namespace), body: group });
    if (response.status < 200 || response.status >= 300) {
      const refusal = response.status === 400 ? parseLimitRefusal(errorText(response.data) ?? '') : undefined;
      if (refusal) {
        throw new RulerLimitError(group.name, refusal);
      }
      this.fail(response, `Deploying group ${group.name}`);
    }
  }

  async deleteGroup(namespace: string, group: string): Promise<void> {
    const response = await this.transport({ method: 'DELETE', url: this.url(namespace, group) });
    if (
      (response.status < 200 || response.status >= 300) &&
      !(response.status === 404 && isEmptyAnswer(response.data))
    ) {
      this.fail(response, `Deleting group ${group}`);
    }
  }
}

export type ChangeResult = Applied<GroupChange>;

/** What a deployment writes through: a ruler, or Grafana's conversion API for Grafana-managed groups. */
export interface RuleGroupWriter {
  setGroup(namespace: string, group: PlainRuleGroup): Promise<void>;
  deleteGroup(namespace: string, group: string): Promise<void>;
}

/**
 * Applies a plan one group at a time, and stops at the first failure: the result says which groups
 * were deployed, which failed (with the ruler's message) and which were not attempted. Unchanged
 * groups are skipped. Creations and updates come before deletions, so that a failure never leaves an
 * SLO with fewer rules than before.
 */
export function applyPlan(
  client: RuleGroupWriter,
  namespace: string,
  changes: GroupChange[],
  onProgress?: (results: ChangeResult[]) => void
): Promise<ChangeResult[]> {
  const ordered = [...changes.filter((c) => c.action !== 'delete'), ...changes.filter((c) => c.action === 'delete')];
  return applyOneByOne(
    ordered,
    (change) =>
      change.action === 'delete'
        ? client.deleteGroup(namespace, change.group)
        : client.setGroup(namespace, change.desired!),
    onProgress
  );
}
