import YAML from 'yaml';
import type { PlainRuleGroup } from '../rules/fingerprint';
import { parsePromDuration } from '../slo/duration';
import { GRAFANA_BASE_INTERVAL_SECONDS } from '../rules/output';

/**
 * Grafana's conversion API for Prometheus-format rule groups, in memory, for tests and the local preview.
 * Paths, headers and answers as Grafana's pkg/services/ngalert/api/api_convert_prometheus.go has them:
 *   GET    /api/convert/prometheus/config/v1/rules                      200 {namespace: groups}, {} when none
 *   GET    /api/convert/prometheus/config/v1/rules/<namespace>          200, or 404 without that folder
 *   GET    /api/convert/prometheus/config/v1/rules/<namespace>/<group>  200, or 404
 *   POST   /api/convert/prometheus/config/v1/rules/<namespace>          202 {"status":"success"}
 *   DELETE /api/convert/prometheus/config/v1/rules/<namespace>/<group>  202, or 404
 *   DELETE /api/convert/prometheus/config/v1/rules/<namespace>          202, or 404
 * Reads answer YAML unless the request accepts application/json. A POST reads YAML (no content type, or
 * application/yaml) or JSON (application/json); it needs X-Grafana-Alerting-Datasource-UID naming a known
 * datasource, and refuses recording rules unless recording rules are enabled, with Grafana's messages.
 */

export const CONVERT_PREFIX = '/api/convert/prometheus/config/v1/rules';

export interface ConvertRequest {
  method: string;
  /** The path, without the query string. */
  path: string;
  /** Header names in any case. */
  headers: Readonly<Record<string, string | undefined>>;
  /** The raw request body. */
  body: string;
}

export interface ConvertAnswer {
  status: number;
  /** YAML text or a JSON value, as `contentType` says. */
  data: unknown;
  contentType: 'application/json' | 'application/yaml';
}

export interface FakeConvertApiOptions {
  /** Datasource uids Grafana knows. */
  datasourceUids: ReadonlySet<string>;
  /** `[recording_rules] enabled`. */
  recordingRulesEnabled: boolean;
}

/** One imported group with the datasources the conversion gave its rules. */
export interface ImportedGroup {
  group: PlainRuleGroup;
  datasourceUid: string;
  targetDatasourceUid: string;
}

function header(headers: ConvertRequest['headers'], name: string): string | undefined {
  const wanted = name.toLowerCase();
  const found = Object.entries(headers).find(([key]) => key.toLowerCase() === wanted);
  return found?.[1]?.trim() || undefined;
}

function json(status: number, data: unknown): ConvertAnswer {
  return { status, data, contentType: 'application/json' };
}

function isGroup(value: unknown): value is PlainRuleGroup {
  const group = value as PlainRuleGroup | null;
  return (
    typeof group === 'object' &&
    group !== null &&
    typeof group.name === 'string' &&
    group.name !== '' &&
    Array.isArray(group.rules) &&
    group.rules.every(
      (r) => typeof r?.expr === 'string' && (typeof r.record === 'string' || typeof r.alert === 'string')
    )
  );
}

export class FakeConvertApi {
  /** Folder title to its imported groups, in the order they were first created. */
  readonly namespaces = new Map<string, ImportedGroup[]>();
  readonly calls: string[] = [];

  constructor(readonly options: FakeConvertApiOptions) {}

  private read(request: ConvertRequest, status: number, data: unknown): ConvertAnswer {
    const accepts = (header(request.headers, 'accept') ?? '')
      .split(',')
      .some((part) => part.split(';')[0].trim() === 'application/json');
    return accepts
      ? { status, data, contentType: 'application/json' }
      : { status, data: YAML.stringify(data, { lineWidth: 0 }), contentType: 'application/yaml' };
  }

  /** As Grafana prints an imported group back: its name, interval and original rules (no query_offset). */
  private groupsOf(namespace: string): PlainRuleGroup[] {
    return (this.namespaces.get(namespace) ?? []).map(({ group: { name, interval, rules } }) => ({
      name,
      ...(interval !== undefined && { interval }),
      rules,
    }));
  }

  /** Answers a conversion API request, or undefined when the path is not one. */
  handle(request: ConvertRequest): ConvertAnswer | undefined {
    if (request.path !== CONVERT_PREFIX && !request.path.startsWith(`${CONVERT_PREFIX}/`)) {
      return undefined;
    }
    const parts = request.path
      .slice(CONVERT_PREFIX.length)
      .split('/')
      .filter((p) => p !== '')
      .map(decodeURIComponent);
    if (parts.length > 2) {
      return json(404, { message: 'Not found' });
    }
    const [namespace, group] = parts;
    this.calls.push(`${request.method} ${parts.join('/')}`.trim());
    const { method } = request;
    if (method === 'GET' && namespace === undefined) {
      return this.read(
        request,
        200,
        Object.fromEntries([...this.namespaces.keys()].map((ns) => [ns, this.groupsOf(ns)]))
      );
    }
    if (method === 'GET' && group === undefined) {
      return this.namespaces.has(namespace)
        ? this.read(request, 200, { [namespace]: this.groupsOf(namespace) })
        : json(404, null);
    }
    if (method === 'GET') {
      const found = this.groupsOf(namespace).find((g) => g.name === group);
      return found ? this.read(request, 200, found) : json(404, { message: 'Rule group not found' });
    }
    if (method === 'POST' && group === undefined) {
      return this.post(request, namespace);
    }
    if (method === 'DELETE' && namespace !== undefined) {
      const groups = this.namespaces.get(namespace);
      if (!groups || (group !== undefined && !groups.some((g) => g.group.name === group))) {
        return json(404, null);
      }
      if (group === undefined) {
        this.namespaces.set(namespace, []);
      } else {
        this.namespaces.set(
          namespace,
          groups.filter((g) => g.group.name !== group)
        );
      }
      return json(202, { status: 'success' });
    }
    return json(405, { message: 'Method not allowed' });
  }

  private post(request: ConvertRequest, namespace: string): ConvertAnswer {
    const contentType = (header(request.headers, 'content-type') ?? '').split(';')[0].trim();
    let parsed: unknown;
    try {
      if (contentType === 'application/json') {
        parsed = JSON.parse(request.body);
      } else if (contentType === '' || contentType === 'application/yaml') {
        parsed = YAML.parse(request.body);
      } else {
        return json(415, {
          message: `unsupported media type: ${contentType}, only application/yaml and application/json are supported`,
        });
      }
    } catch (error) {
      return json(400, { message: error instanceof Error ? error.message : String(error) });
    }
    const datasourceUid = header(request.headers, 'X-Grafana-Alerting-Datasource-UID');
    if (!datasourceUid) {
      return json(400, { message: 'Missing datasource UID header: X-Grafana-Alerting-Datasource-UID' });
    }
    if (!this.options.datasourceUids.has(datasourceUid)) {
      return json(404, { message: 'failed to get datasource: data source not found' });
    }
    const targetDatasourceUid = header(request.headers, 'X-Grafana-Alerting-Target-Datasource-UID') ?? datasourceUid;
    if (!this.options.datasourceUids.has(targetDatasourceUid)) {
      return json(404, { message: 'failed to get recording rules target datasource: data source not found' });
    }
    if (!isGroup(parsed)) {
      return json(400, { message: 'invalid rule group' });
    }
    if (parsed.rules.some((r) => r.record) && !this.options.recordingRulesEnabled) {
      return json(400, { message: 'Cannot import recording rules: Feature not enabled.' });
    }
    // Grafana's rule store refuses an interval that is not a whole number of its scheduler's 10 s ticks.
    const seconds = parsed.interval === undefined ? 60 : parsePromDuration(parsed.interval);
    if (seconds === undefined || seconds % GRAFANA_BASE_INTERVAL_SECONDS !== 0) {
      return json(400, {
        message: `invalid alert rule: interval (${parsed.interval}) should be non-zero and divided exactly by scheduler interval: ${GRAFANA_BASE_INTERVAL_SECONDS}s`,
      });
    }
    const imported: ImportedGroup = { group: parsed, datasourceUid, targetDatasourceUid };
    const groups = this.namespaces.get(namespace) ?? [];
    const index = groups.findIndex((g) => g.group.name === parsed.name);
    this.namespaces.set(
      namespace,
      index < 0 ? [...groups, imported] : groups.map((g, i) => (i === index ? imported : g))
    );
    return json(202, { status: 'success' });
  }
}
