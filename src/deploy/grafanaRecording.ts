import YAML from 'yaml';
import { z } from 'zod';
import type { PlainRuleGroup } from '../rules/fingerprint';
import { errorText, RulerError, type Transport, type TransportResponse } from './rulerClient';

/**
 * Grafana-managed recording rules for a plain Prometheus (no ruler): the SLO's Prometheus-format groups go
 * through Grafana's conversion API, which turns each into a Grafana-managed rule group that queries the
 * datasource and writes the recorded series back to a Prometheus-compatible target:
 *   GET    /api/convert/prometheus/config/v1/rules                       every imported namespace
 *   POST   /api/convert/prometheus/config/v1/rules/<namespace>           create or replace one group
 *   DELETE /api/convert/prometheus/config/v1/rules/<namespace>/<group>   delete one group
 * A namespace is a folder (by title) in the working folder, the root without X-Grafana-Alerting-Folder-UID.
 * Grafana documents that groups imported this way evaluate their rules one after the other, in order, as
 * Prometheus does; our rules chain within a group (tile, window sum, budget at one instant), which ordinary
 * Grafana-managed groups, evaluated concurrently, would not keep. See docs/deploy.md.
 */

export const CONVERT_RULES_PATH = '/api/convert/prometheus/config/v1/rules';

/** The request headers Grafana's conversion API reads (pkg/services/ngalert/api/api_convert_prometheus.go). */
export const CONVERT_HEADERS = {
  /** The datasource the rules query. */
  datasource: 'X-Grafana-Alerting-Datasource-UID',
  /** The datasource recording rules write to (Prometheus with its remote-write receiver on). */
  target: 'X-Grafana-Alerting-Target-Datasource-UID',
} as const;

export interface RecordingTarget {
  /** The datasource the rules query, and write their results to: the one the app reads. */
  datasourceUid: string;
  /** The folder title the groups go into. */
  namespace: string;
}

const ruleSchema = z.looseObject({
  record: z.string().optional(),
  alert: z.string().optional(),
  expr: z.string(),
  for: z.string().optional(),
  labels: z.record(z.string(), z.string()).optional().nullable(),
  annotations: z.record(z.string(), z.string()).optional().nullable(),
});

const groupSchema = z.looseObject({
  name: z.string(),
  interval: z.string().optional(),
  rules: z.array(ruleSchema).nullable().default([]),
});

const namespacesSchema = z.record(z.string(), z.array(groupSchema).nullable());

/** The YAML text asked for; an object when a transport parsed it already. */
function parseAnswer(data: unknown): unknown {
  if (typeof data !== 'string') {
    return data;
  }
  try {
    return YAML.parse(data) ?? {};
  } catch {
    return undefined;
  }
}

function plainGroup(group: z.output<typeof groupSchema>): PlainRuleGroup {
  return {
    name: group.name,
    // Grafana prints back the interval it stores (in seconds); the SLO's groups always set one.
    ...(group.interval !== undefined && { interval: group.interval }),
    rules: (group.rules ?? []).map((r) => ({
      ...(r.record !== undefined && { record: r.record }),
      ...(r.alert !== undefined && { alert: r.alert }),
      expr: r.expr,
      ...(r.for !== undefined && { for: r.for }),
      ...(r.labels && { labels: r.labels }),
      ...(r.annotations && { annotations: r.annotations }),
    })),
  };
}

/**
 * A group as the YAML document the conversion API reads (every Grafana version with the API reads YAML).
 * `query_offset: 0s`: Grafana would otherwise query each imported rule `rule_query_offset` (default 1m) in
 * the past while it stamps the recorded sample at the evaluation time itself, so a window rule would miss
 * the tile its group recorded at that instant. A group's own offset overrides the setting (prom/convert.go).
 */
export function convertBody(group: PlainRuleGroup): string {
  const { name, interval, rules } = group;
  return YAML.stringify(
    { name, ...(interval !== undefined && { interval }), query_offset: '0s', rules },
    { lineWidth: 0 }
  );
}

export class GrafanaRecordingClient {
  constructor(
    private readonly transport: Transport,
    readonly target: RecordingTarget
  ) {}

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    return {
      [CONVERT_HEADERS.datasource]: this.target.datasourceUid,
      [CONVERT_HEADERS.target]: this.target.datasourceUid,
      ...extra,
    };
  }

  private fail(response: TransportResponse, what: string): never {
    throw new RulerError(`${what}: ${errorText(response.data) ?? `HTTP ${response.status}`}`, response.status);
  }

  /**
   * The groups of the namespace. It reads every imported namespace, which Grafana answers 200 (empty) even
   * when none exists, where reading the one namespace would answer 404 before the first deploy. In YAML:
   * every version answers it with the documented field names, where the JSON answer of some versions
   * carries Go's field names (`Name`, `Rules`).
   */
  async listNamespace(namespace: string): Promise<PlainRuleGroup[]> {
    const response = await this.transport({
      method: 'GET',
      url: CONVERT_RULES_PATH,
      headers: { Accept: 'application/yaml' },
      responseType: 'text',
    });
    if (response.status !== 200) {
      this.fail(response, 'Reading the Grafana-managed rule groups');
    }
    const parsed = namespacesSchema.safeParse(parseAnswer(response.data));
    if (!parsed.success) {
      throw new RulerError('Reading the Grafana-managed rule groups: unexpected answer from Grafana', response.status);
    }
    return (parsed.data[namespace] ?? []).map(plainGroup);
  }

  /** Creates or replaces a group (its rules keep their order and run in it). */
  async setGroup(namespace: string, group: PlainRuleGroup): Promise<void> {
    const response = await this.transport({
      method: 'POST',
      url: `${CONVERT_RULES_PATH}/${encodeURIComponent(namespace)}`,
      body: convertBody(group),
      headers: this.headers({ 'Content-Type': 'application/yaml' }),
    });
    if (response.status < 200 || response.status >= 300) {
      this.fail(response, `Deploying group ${group.name}`);
    }
  }

  async deleteGroup(namespace: string, group: string): Promise<void> {
    const response = await this.transport({
      method: 'DELETE',
      url: `${CONVERT_RULES_PATH}/${encodeURIComponent(namespace)}/${encodeURIComponent(group)}`,
    });
    // Already gone is what a delete wants.
    if ((response.status < 200 || response.status >= 300) && response.status !== 404) {
      this.fail(response, `Deleting group ${group}`);
    }
  }
}
