import YAML from 'yaml';
import { DEFAULT_SETTINGS } from '../settings';
import { buildRuleGroups } from '../rules/build';
import { applyGroupPattern, toPlainGroups } from '../rules/output';
import { makeSlo } from '../testing/fixtures';
import { FakeConvertApi } from '../testing/convertServer';
import { applyPlan, type Transport } from './rulerClient';
import { planRulerDeploy } from './rulerPlan';
import { CONVERT_RULES_PATH, GrafanaRecordingClient, convertBody } from './grafanaRecording';

const settings = { ...DEFAULT_SETTINGS, datasourceUid: 'prom', ruleNamespace: 'burnrate' };
const slo = makeSlo();
const groups = toPlainGroups(
  applyGroupPattern(buildRuleGroups(slo, { evaluationInterval: '30s' }), slo.uid, settings.ruleGroupPattern)
);

function setup(options: { recordingRulesEnabled?: boolean } = {}) {
  const api = new FakeConvertApi({
    datasourceUids: new Set(['prom']),
    recordingRulesEnabled: options.recordingRulesEnabled ?? true,
  });
  const requests: Array<{
    method: string;
    url: string;
    headers: Record<string, string>;
    body: unknown;
    responseType?: string;
  }> = [];
  const transport: Transport = async ({ method, url, body, headers = {}, responseType }) => {
    requests.push({ method, url, headers, body, ...(responseType && { responseType }) });
    const answer = api.handle({ method, path: url, headers, body: typeof body === 'string' ? body : '' })!;
    return { status: answer.status, data: answer.data };
  };
  const client = new GrafanaRecordingClient(transport, { datasourceUid: 'prom', namespace: 'burnrate' });
  return { api, requests, client };
}

describe('GrafanaRecordingClient (Grafana conversion API)', () => {
  it('posts each group as YAML with the datasource and recording target headers Grafana reads', async () => {
    const { client, requests, api } = setup();
    await client.setGroup('burnrate', groups[0]);
    expect(requests).toEqual([
      {
        method: 'POST',
        url: `${CONVERT_RULES_PATH}/burnrate`,
        headers: {
          'X-Grafana-Alerting-Datasource-UID': 'prom',
          'X-Grafana-Alerting-Target-Datasource-UID': 'prom',
          'Content-Type': 'application/yaml',
        },
        body: convertBody(groups[0]),
      },
    ]);
    // No X-Disable-Provenance: Grafana keeps the original definition only for converted groups, and
    // answers reads (compare, drift) only with those.
    expect(Object.keys(requests[0].headers)).not.toContain('X-Disable-Provenance');
    // Queried at the instant it records, as Prometheus does: the group's offset overrides Grafana's 1m default.
    expect(YAML.parse(requests[0].body as string)).toEqual({ ...groups[0], query_offset: '0s' });
    expect(api.namespaces.get('burnrate')?.[0]).toEqual({
      group: { ...groups[0], query_offset: '0s' },
      datasourceUid: 'prom',
      targetDatasourceUid: 'prom',
    });
  });

  it('reads every imported namespace, empty before the first deploy, without a request that answers 404', async () => {
    const { client, requests } = setup();
    expect(await client.listNamespace('burnrate')).toEqual([]);
    expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual([`GET ${CONVERT_RULES_PATH}`]);
    // YAML, the answer every version gives with the documented field names, read as text.
    expect(requests[0].headers).toEqual({ Accept: 'application/yaml' });
    expect(requests[0].responseType).toBe('text');
  });

  it('deploys, then finds every group unchanged as Grafana prints them back', async () => {
    const { client } = setup();
    const plan = planRulerDeploy({
      desired: groups,
      deployed: await client.listNamespace('burnrate'),
      existingSloUids: new Set([slo.uid]),
    });
    expect(plan.every((c) => c.action === 'create')).toBe(true);
    const results = await applyPlan(client, 'burnrate', plan);
    expect(results.map((r) => r.outcome.state)).toEqual(groups.map(() => 'done'));
    const again = planRulerDeploy({
      desired: groups,
      deployed: await client.listNamespace('burnrate'),
      existingSloUids: new Set([slo.uid]),
    });
    expect(again.map((c) => c.action)).toEqual(groups.map(() => 'unchanged'));
  });

  it('removes the groups of a deleted SLO', async () => {
    const { client, api } = setup();
    await applyPlan(
      client,
      'burnrate',
      planRulerDeploy({ desired: groups, deployed: [], existingSloUids: new Set([slo.uid]) })
    );
    const plan = planRulerDeploy({
      desired: [],
      deployed: await client.listNamespace('burnrate'),
      existingSloUids: new Set(),
    });
    expect(plan.map((c) => c.action)).toEqual(groups.map(() => 'delete'));
    await applyPlan(client, 'burnrate', plan);
    expect(api.namespaces.get('burnrate')).toEqual([]);
  });

  it("shows Grafana's own words when recording rules are not enabled", async () => {
    const { client } = setup({ recordingRulesEnabled: false });
    await expect(client.setGroup('burnrate', groups[0])).rejects.toThrow(
      `Deploying group ${groups[0].name}: Cannot import recording rules: Feature not enabled.`
    );
  });
});
