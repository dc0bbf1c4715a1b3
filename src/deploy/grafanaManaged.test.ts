import { buildRuleGroups } from '../rules/build';
import { groupsWithoutAlerts, toGrafanaRuleGroups, type GrafanaRuleGroup } from '../rules/output';
import { makeSlo } from '../testing/fixtures';
import type { Transport } from './rulerClient';
import { GrafanaRulesClient, applyGrafanaPlan, planGrafanaDeploy } from './grafanaManaged';

const options = { datasourceUid: 'prom', folderUid: 'slo-alerts', receivers: { page: 'PagerDuty', ticket: 'Jira' } };
const groups = toGrafanaRuleGroups(buildRuleGroups(makeSlo(), { evaluationInterval: '30s' }), options);

/** Grafana's provisioning API for rule groups, in memory, answering as Grafana does (ids and defaults added). */
function fakeGrafana(failOn?: string) {
  const stored = new Map<string, GrafanaRuleGroup>();
  const calls: Array<{ method: string; url: string; headers?: Record<string, string> }> = [];
  const transport: Transport = async ({ method, url, body, headers }) => {
    calls.push({ method, url, headers });
    const match = /^\/api\/v1\/provisioning\/folder\/([^/]+)\/rule-groups\/([^/]+)$/.exec(url);
    if (!match) {
      return { status: 404, data: { message: 'Not found' } };
    }
    const key = `${match[1]}/${decodeURIComponent(match[2])}`;
    if (method === 'GET') {
      const group = stored.get(key);
      return group ? { status: 200, data: group } : { status: 404, data: { message: 'rule group does not exist' } };
    }
    if (method === 'DELETE') {
      return stored.delete(key) ? { status: 204, data: undefined } : { status: 404, data: { message: 'not found' } };
    }
    if (failOn && key.endsWith(failOn)) {
      return { status: 403, data: { message: 'You do not have permission to modify rules in folder slo-alerts' } };
    }
    const group = body as GrafanaRuleGroup;
    stored.set(key, {
      ...group,
      rules: group.rules.map((r, i) => ({ ...r, id: i + 1, updated: '2026-11-23T12:00:00Z', isPaused: false })),
    });
    return { status: 200, data: group };
  };
  return { stored, calls, client: new GrafanaRulesClient(transport) };
}

describe('Grafana-managed rules', () => {
  it('routes each rule to the contact point of its severity', () => {
    const rules = groups.flatMap((g) => g.rules);
    expect(rules.length).toBeGreaterThan(0);
    for (const rule of rules) {
      expect(rule.notification_settings).toEqual({ receiver: rule.labels.severity === 'page' ? 'PagerDuty' : 'Jira' });
    }
    const plain = toGrafanaRuleGroups(buildRuleGroups(makeSlo(), { evaluationInterval: '30s' }), { folderUid: 'f' });
    expect(plain[0].rules[0].notification_settings).toBeUndefined();
  });

  it('creates, then finds the group unchanged as Grafana returns it, and keeps it editable in the UI', async () => {
    const { client, calls } = fakeGrafana();
    const first = planGrafanaDeploy(
      groups,
      new Map([[groups[0].title, await client.getGroup('slo-alerts', groups[0].title)]])
    );
    expect(first.map((c) => c.action)).toEqual(['create']);
    const results = await applyGrafanaPlan(client, first);
    expect(results.map((r) => r.outcome.state)).toEqual(['done']);
    expect(calls.find((c) => c.method === 'PUT')?.headers).toEqual({ 'X-Disable-Provenance': 'true' });
    const existing = await client.getGroup('slo-alerts', groups[0].title);
    expect(planGrafanaDeploy(groups, new Map([[groups[0].title, existing]])).map((c) => c.action)).toEqual([
      'unchanged',
    ]);
    const rerouted = toGrafanaRuleGroups(buildRuleGroups(makeSlo(), { evaluationInterval: '30s' }), {
      ...options,
      receivers: { page: 'Opsgenie' },
    });
    expect(planGrafanaDeploy(rerouted, new Map([[groups[0].title, existing]])).map((c) => c.action)).toEqual([
      'update',
    ]);
  });

  it("stops at a refused group with Grafana's message", async () => {
    const two = [...groups, { ...groups[0], title: 'burnrate-other' }];
    const { client } = fakeGrafana('burnrate-checkout-availability');
    const results = await applyGrafanaPlan(client, planGrafanaDeploy(two, new Map()));
    expect(results.map((r) => r.outcome)).toEqual([
      {
        state: 'failed',
        message:
          'Deploying rule group burnrate-checkout-availability: You do not have permission to modify rules in folder slo-alerts',
      },
      { state: 'not-attempted' },
    ]);
  });

  it('removes the deployed group of an SLO retired since, which would otherwise keep alerting', async () => {
    const { client, stored } = fakeGrafana();
    await applyGrafanaPlan(client, planGrafanaDeploy(groups, new Map()));
    expect(stored.size).toBe(1);
    const retiredGroups = buildRuleGroups(makeSlo({ status: 'retired' }), { evaluationInterval: '30s' });
    const desired = toGrafanaRuleGroups(retiredGroups, options);
    expect(desired).toEqual([]);
    const silent = groupsWithoutAlerts(retiredGroups);
    expect(silent).toContain(groups[0].title);
    const existing = new Map(
      await Promise.all(silent.map(async (t) => [t, await client.getGroup('slo-alerts', t)] as const))
    );
    const plan = planGrafanaDeploy(desired, existing, silent);
    expect(plan.map((c) => [c.group, c.action])).toEqual([[groups[0].title, 'delete']]);
    const results = await applyGrafanaPlan(client, plan);
    expect(results.map((r) => r.outcome.state)).toEqual(['done']);
    expect(stored.size).toBe(0);
    // Nothing left to remove: the next plan is empty, and a group removed meanwhile is not an error.
    expect(planGrafanaDeploy(desired, new Map(silent.map((t) => [t, undefined])), silent)).toEqual([]);
    await expect(client.deleteGroup('slo-alerts', groups[0].title)).resolves.toBeUndefined();
  });
});
