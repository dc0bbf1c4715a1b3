import type { IncomingHttpHeaders } from 'node:http';
import type { ConvertAnswer, FakeConvertApi, ImportedGroup } from '../../src/testing/convertServer';
import type { PlainRuleGroup } from '../../src/rules/fingerprint';
import type { RuleFileSync, SerialQueue } from './ruleFiles';

/**
 * Grafana's conversion API (Grafana-managed rules imported from Prometheus-format groups) whose groups the
 * preview's Prometheus evaluates: Grafana would evaluate each imported group in order and remote-write the
 * recorded series to the datasource, which for a single Prometheus comes to the same samples as Prometheus
 * evaluating the group itself. The API answers in memory, then each changed folder is written as its own
 * rule file (named apart from the ruler's namespaces) and Prometheus reloaded; a refusal puts memory back.
 * A group runs on the Prometheus of the datasource its rules query (the X-Grafana-Alerting-Datasource-UID
 * of its import), the only one that has its input series.
 */

/** The rule folders of the datasources whose Prometheus the preview runs, and the one queue of their changes. */
export interface ConvertRuleFiles {
  queue: SerialQueue;
  syncs: ReadonlyMap<string, RuleFileSync>;
}

/** The datasources a folder's imported groups query. */
function datasourcesOf(groups: readonly ImportedGroup[] | undefined): string[] {
  return (groups ?? []).map((g) => g.datasourceUid);
}

/** The rule file key of a conversion folder, apart from a ruler namespace of the same name. */
export function convertNamespaceKey(folderTitle: string): string {
  return `grafana-managed/${folderTitle}`;
}

export function plainHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).flatMap(([key, value]) =>
      value === undefined ? [] : [[key, Array.isArray(value) ? value.join(', ') : value]]
    )
  );
}

/**
 * The group as the preview's Prometheus runs it. The app sends `query_offset: 0s` (Grafana's own default
 * offset would apply otherwise); that is Prometheus's default, and Prometheus before 2.53 rejects the key.
 */
export function asRuleFileGroup(group: PlainRuleGroup): PlainRuleGroup {
  const { query_offset: offset, ...rest } = group as PlainRuleGroup & { query_offset?: unknown };
  return offset === undefined || /^0+[a-z]*$/.test(String(offset)) ? rest : group;
}

export function handleConvertEvaluated(
  api: FakeConvertApi,
  files: ConvertRuleFiles | undefined,
  request: { method: string; path: string; headers: Record<string, string>; body: string }
): Promise<ConvertAnswer | undefined> {
  if (request.method === 'GET' || !files || files.syncs.size === 0) {
    return Promise.resolve(api.handle(request));
  }
  return files.queue.run(async () => {
    const before = new Map(api.namespaces);
    const answer = api.handle(request);
    if (!answer || answer.status < 200 || answer.status >= 300) {
      return answer;
    }
    // Every change sets a new array for its folder.
    const changed = [...new Set([...before.keys(), ...api.namespaces.keys()])].filter(
      (folder) => before.get(folder) !== api.namespaces.get(folder)
    );
    const writes = changed.flatMap((folder) =>
      [...new Set([...datasourcesOf(before.get(folder)), ...datasourcesOf(api.namespaces.get(folder))])].map((uid) => ({
        folder,
        uid,
      }))
    );
    for (const { folder, uid } of writes) {
      const sync = files.syncs.get(uid);
      if (!sync) {
        continue;
      }
      const groups = (api.namespaces.get(folder) ?? [])
        .filter((imported) => imported.datasourceUid === uid)
        .map((imported) => asRuleFileGroup(imported.group));
      const result = await sync.write(convertNamespaceKey(folder), groups);
      if (!result.ok) {
        api.namespaces.clear();
        before.forEach((groups, name) => api.namespaces.set(name, groups));
        return {
          status: result.status ?? 400,
          data: { status: 'error', errorType: 'bad_data', error: result.message ?? 'rule group refused' },
          contentType: 'application/json',
        };
      }
    }
    return answer;
  });
}
