import http from 'node:http';
import { buildRuleGroups } from '../rules/build';
import { toPlainGroups } from '../rules/output';
import { makeSlo } from '../testing/fixtures';
import { FakeRuler } from '../testing/rulerServer';
import { NoRulerError, RulerClient, RulerLimitError, applyPlan, type Transport } from './rulerClient';
import { planRulerDeploy, sloDrift } from './rulerPlan';

/** The contract of the ruler API, over HTTP against a local server that implements the documented endpoints. */
describe('RulerClient against a ruler on 127.0.0.1', () => {
  const ruler = new FakeRuler(new Set(['mimir']));
  let server: { url: string; close: () => Promise<void> };
  let transport: Transport;

  beforeAll(async () => {
    server = await ruler.listen();
    transport = ({ method, url, body }) =>
      new Promise((resolve, reject) => {
        const request = http.request(
          server.url + url,
          { method, headers: { 'content-type': 'application/json' } },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (chunk: Buffer) => chunks.push(chunk));
            res.on('end', () => {
              const text = Buffer.concat(chunks).toString('utf8');
              resolve({ status: res.statusCode ?? 0, data: text ? JSON.parse(text) : undefined });
            });
          }
        );
        request.on('error', reject);
        request.end(body === undefined ? undefined : JSON.stringify(body));
      });
  });
  afterAll(() => server.close());
  beforeEach(() => {
    ruler.namespaces.clear();
    ruler.failOn.clear();
    ruler.calls.length = 0;
    Object.assign(ruler.limits, { rulesPerGroup: 0, ruleGroups: 0 });
  });

  const slos = [
    makeSlo(),
    makeSlo({ name: 'search', uid: 'search', service: 'search' }),
    makeSlo({ name: 'login', uid: 'login', service: 'auth' }),
  ];
  const desired = slos.flatMap((slo) => toPlainGroups(buildRuleGroups(slo, { evaluationInterval: '30s' })));
  const existing = new Set(slos.map((s) => s.uid));

  it('reads an empty namespace as no groups, then deploys, reads back and finds the rules up to date', async () => {
    const client = new RulerClient(transport, 'mimir', 'Mimir');
    expect(await client.listNamespace('burnrate')).toEqual([]);
    const plan = planRulerDeploy({ desired, deployed: [], existingSloUids: existing });
    const results = await applyPlan(client, 'burnrate', plan);
    expect(results.map((r) => r.outcome.state)).toEqual(Array(6).fill('done'));
    const deployed = await client.listNamespace('burnrate');
    expect(deployed.map((g) => g.name)).toEqual(desired.map((g) => g.name));
    const checkout = toPlainGroups(buildRuleGroups(slos[0], { evaluationInterval: '30s' }));
    expect(sloDrift('checkout-availability', checkout, deployed).status).toBe('up-to-date');
    const again = planRulerDeploy({ desired, deployed, existingSloUids: existing });
    expect(again.every((c) => c.action === 'unchanged')).toBe(true);
  });

  it('stops at a failure halfway and tells which groups were deployed and which were not', async () => {
    ruler.failOn.add('burnrate-search-rollup');
    const client = new RulerClient(transport, 'mimir', 'Mimir');
    const plan = planRulerDeploy({ desired, deployed: [], existingSloUids: existing });
    const results = await applyPlan(client, 'burnrate', plan);
    expect(results.map((r) => [r.change.group, r.outcome.state])).toEqual([
      ['burnrate-checkout-availability', 'done'],
      ['burnrate-checkout-availability-rollup', 'done'],
      ['burnrate-search', 'done'],
      ['burnrate-search-rollup', 'failed'],
      ['burnrate-login', 'not-attempted'],
      ['burnrate-login-rollup', 'not-attempted'],
    ]);
    expect(results[3].outcome).toEqual({
      state: 'failed',
      message: 'Deploying group burnrate-search-rollup: failed to store rule group burnrate-search-rollup',
    });
    expect((await client.listNamespace('burnrate')).map((g) => g.name)).toEqual([
      'burnrate-checkout-availability',
      'burnrate-checkout-availability-rollup',
      'burnrate-search',
    ]);
  });

  it('deletes the groups of a deleted SLO after deploying the others', async () => {
    const client = new RulerClient(transport, 'mimir', 'Mimir');
    await applyPlan(client, 'burnrate', planRulerDeploy({ desired, deployed: [], existingSloUids: existing }));
    const remaining = new Set(['checkout-availability', 'search']);
    const desiredNow = desired.filter((g) => !g.name.startsWith('burnrate-login'));
    const plan = planRulerDeploy({
      desired: desiredNow,
      deployed: await client.listNamespace('burnrate'),
      existingSloUids: remaining,
    });
    ruler.calls.length = 0;
    await applyPlan(client, 'burnrate', plan);
    expect(ruler.calls).toEqual(['DELETE burnrate/burnrate-login', 'DELETE burnrate/burnrate-login-rollup']);
    expect((await client.listNamespace('burnrate')).map((g) => g.name)).not.toContain('burnrate-login');
  });

  it('says the datasource has no ruler on a plain 404', async () => {
    const client = new RulerClient(transport, 'prometheus', 'Prometheus');
    await expect(client.listNamespace('burnrate')).rejects.toThrow(NoRulerError);
    await expect(client.listNamespace('burnrate')).rejects.toThrow(
      'Prometheus has no ruler: download the rule file and load it into Prometheus instead'
    );
  });

  it("shows the ruler's message when it refuses a group", async () => {
    const client = new RulerClient(transport, 'mimir', 'Mimir');
    await expect(client.setGroup('burnrate', { name: 'x' } as never)).rejects.toThrow(
      'Deploying group x: invalid rule group'
    );
  });

  it("names the limit when the ruler refuses a group for its rules per group, with the ruler's numbers", async () => {
    const client = new RulerClient(transport, 'mimir', 'Mimir');
    ruler.limits.rulesPerGroup = 5;
    const [base] = toPlainGroups(buildRuleGroups(makeSlo(), { evaluationInterval: '30s' }));
    const refused = client.setGroup('burnrate', base);
    await expect(refused).rejects.toThrow(RulerLimitError);
    await expect(client.setGroup('burnrate', base)).rejects.toThrow(
      `The ruler refused group burnrate-checkout-availability: it has 11 rules, and the ruler allows 5 per group ` +
        `(ruler_max_rules_per_rule_group). Set "Rules per group" to 5 in the app's configuration so that groups ` +
        'are split where they can be, or ask for a higher limit for the tenant'
    );
  });

  it("names the limit when the ruler refuses a group for the tenant's groups, counting every namespace", async () => {
    const client = new RulerClient(transport, 'mimir', 'Mimir');
    ruler.limits.ruleGroups = 2;
    ruler.namespaces.set('other', [{ name: 'node', rules: [{ alert: 'NodeDown', expr: 'up == 0' }] }]);
    const [base, rollup] = toPlainGroups(buildRuleGroups(makeSlo(), { evaluationInterval: '30s' }));
    await client.setGroup('burnrate', base);
    expect(Object.keys(await client.listTenant())).toEqual(['other', 'burnrate']);
    await expect(client.setGroup('burnrate', rollup)).rejects.toThrow(
      'The ruler refused group burnrate-checkout-availability-rollup: the tenant would hold 3 rule groups, and ' +
        'the ruler allows 2 (ruler_max_rule_groups_per_tenant).'
    );
  });
});
