import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PlainRuleGroup } from '../rules/fingerprint';

/**
 * An in-memory ruler behind Grafana's ruler proxy paths, for tests and the local preview:
 *   GET    /api/ruler/<uid>/api/v1/rules                       all namespaces
 *   GET    /api/ruler/<uid>/api/v1/rules/<namespace>           one namespace
 *   POST   /api/ruler/<uid>/api/v1/rules/<namespace>           create or replace a group (JSON)
 *   DELETE /api/ruler/<uid>/api/v1/rules/<namespace>/<group>   delete a group
 *   DELETE /api/ruler/<uid>/api/v1/rules/<namespace>           delete a namespace and its groups
 * As Mimir does, an empty namespace answers 404 "no rule groups found", a missing group 404 "group does
 * not exist" and a missing namespace 404 "group namespace does not exist"; a datasource without a ruler
 * answers 404 "404 page not found". `failOn` makes the set or delete of the named groups fail with 500, to
 * test a deployment that stops halfway. `limits` (0: none) are enforced as Mimir's ruler API enforces them,
 * with its messages: rules per group, and the tenant's groups in all namespaces plus the one written.
 */
export class FakeRuler {
  readonly namespaces = new Map<string, PlainRuleGroup[]>();
  readonly failOn = new Set<string>();
  readonly calls: string[] = [];
  readonly limits = { rulesPerGroup: 0, ruleGroups: 0 };

  constructor(readonly datasourceUids: ReadonlySet<string>) {}

  /** Answers a request if its path is a ruler path; returns false otherwise. */
  handle(method: string, path: string, body: unknown): { status: number; data: unknown } | undefined {
    const match = /^\/api\/ruler\/([^/]+)\/api\/v1\/rules(?:\/([^/]+))?(?:\/([^/]+))?\/?$/.exec(path);
    if (!match) {
      return undefined;
    }
    const [, uid, rawNamespace, rawGroup] = match;
    const namespace = rawNamespace === undefined ? undefined : decodeURIComponent(rawNamespace);
    const group = rawGroup === undefined ? undefined : decodeURIComponent(rawGroup);
    this.calls.push(`${method} ${[namespace, group].filter(Boolean).join('/')}`);
    if (!this.datasourceUids.has(decodeURIComponent(uid))) {
      return { status: 404, data: { message: '404 page not found' } };
    }
    if (method === 'GET' && namespace === undefined) {
      return { status: 200, data: Object.fromEntries(this.namespaces) };
    }
    if (method === 'GET' && namespace !== undefined && group === undefined) {
      const groups = this.namespaces.get(namespace);
      return groups?.length
        ? { status: 200, data: { [namespace]: groups } }
        : { status: 404, data: { message: 'no rule groups found' } };
    }
    if (method === 'POST' && namespace !== undefined && group === undefined) {
      const posted = body as PlainRuleGroup;
      if (!posted || typeof posted.name !== 'string' || !Array.isArray(posted.rules)) {
        return { status: 400, data: { message: 'invalid rule group' } };
      }
      if (this.failOn.has(posted.name)) {
        return { status: 500, data: { message: `failed to store rule group ${posted.name}` } };
      }
      const { rulesPerGroup, ruleGroups } = this.limits;
      if (rulesPerGroup > 0 && posted.rules.length > rulesPerGroup) {
        const text = `per-user rules per rule group limit (limit: ${rulesPerGroup} actual: ${posted.rules.length}) exceeded`;
        return { status: 400, data: { message: text } };
      }
      const tenantGroups = [...this.namespaces.values()].reduce((n, groups) => n + groups.length, 0);
      if (ruleGroups > 0 && tenantGroups + 1 > ruleGroups) {
        const text = `per-user rule groups limit (limit: ${ruleGroups} actual: ${tenantGroups + 1}) exceeded`;
        return { status: 400, data: { message: text } };
      }
      const groups = (this.namespaces.get(namespace) ?? []).filter((g) => g.name !== posted.name);
      const index = (this.namespaces.get(namespace) ?? []).findIndex((g) => g.name === posted.name);
      groups.splice(index < 0 ? groups.length : index, 0, posted);
      this.namespaces.set(namespace, groups);
      return { status: 202, data: { message: 'rule group saved' } };
    }
    if (method === 'DELETE' && namespace !== undefined && group !== undefined) {
      if (this.failOn.has(group)) {
        return { status: 500, data: { message: `failed to delete rule group ${group}` } };
      }
      const groups = this.namespaces.get(namespace) ?? [];
      if (!groups.some((g) => g.name === group)) {
        return { status: 404, data: { message: 'group does not exist' } };
      }
      this.namespaces.set(
        namespace,
        groups.filter((g) => g.name !== group)
      );
      return { status: 202, data: { message: 'rule group deleted' } };
    }
    if (method === 'DELETE' && namespace !== undefined) {
      if (!this.namespaces.get(namespace)?.length) {
        return { status: 404, data: { message: 'group namespace does not exist' } };
      }
      this.namespaces.delete(namespace);
      return { status: 202, data: { message: 'namespace deleted' } };
    }
    return { status: 405, data: { message: 'method not allowed' } };
  }

  /** Serves the ruler alone on 127.0.0.1 and an ephemeral port. */
  async listen(): Promise<{ url: string; close: () => Promise<void> }> {
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        let body: unknown;
        try {
          body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : undefined;
        } catch {
          res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ message: 'invalid JSON' }));
          return;
        }
        const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
        const answer = this.handle(req.method ?? 'GET', path, body) ?? { status: 404, data: { message: 'not found' } };
        res.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.data));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return {
      url: `http://127.0.0.1:${port}`,
      close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    };
  }
}
