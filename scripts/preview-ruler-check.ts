import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { freePort } from '../preview/server/freePort';
import { startPreviewServer } from '../preview/server/main';

/**
 * `npx tsx scripts/preview-ruler-check.ts`: the preview's ruler API against a real Prometheus. Starts
 * Prometheus on 127.0.0.1 with an empty folder of deployed rules, deploys a group through the preview
 * server, waits until Prometheus evaluates it, deletes it and waits until Prometheus no longer has it; an
 * invalid group must come back as the ruler's error answer. Then the same through Grafana's conversion API
 * (Grafana-managed recording rules): two groups imported into one folder are evaluated, a deleted one stops
 * and the other keeps running. Needs `prometheus` on the PATH.
 */

const root = path.resolve(__dirname, '..');
const NAMESPACE = 'burnrate check';
const GROUP = {
  name: 'preview-ruler-check',
  interval: '1s',
  rules: [{ record: 'preview_ruler_check', expr: 'vector(42)' }],
};

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) {
        return value;
      }
    } catch {
      // not there yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}`);
}

interface RulesAnswer {
  data: { groups: Array<{ name: string; file: string; rules: Array<{ name: string; health: string }> }> };
}

type GroupsOf = () => Promise<RulesAnswer['data']['groups']>;

async function valueOf(promUrl: string, metric: string): Promise<string | undefined> {
  const answer = (await (await fetch(`${promUrl}/api/v1/query?query=${metric}`)).json()) as {
    data: { result: Array<{ value: [number, string] }> };
  };
  return answer.data.result[0]?.value[1];
}

/** Grafana-managed groups imported as Grafana's conversion API takes them: YAML, datasource headers. */
async function checkGrafanaManaged(preview: string, datasourceUid: string, promUrl: string, groups: GroupsOf) {
  const folderUrl = `${preview}/api/convert/prometheus/config/v1/rules/${encodeURIComponent(NAMESPACE)}`;
  const imported = [
    // As the app sends them: queried at the instant they record. Grafana takes only whole 10 s ticks.
    {
      name: 'preview-grafana-managed-a',
      interval: '10s',
      query_offset: '0s',
      rules: [{ record: 'preview_managed_a', expr: 'vector(7)' }],
    },
    { name: 'preview-grafana-managed-b', interval: '10s', rules: [{ record: 'preview_managed_b', expr: 'vector(8)' }] },
  ];
  for (const group of imported) {
    const post = await fetch(folderUrl, {
      method: 'POST',
      body: YAML.stringify(group),
      headers: {
        'Content-Type': 'application/yaml',
        'X-Grafana-Alerting-Datasource-UID': datasourceUid,
        'X-Grafana-Alerting-Target-Datasource-UID': datasourceUid,
      },
    });
    if (post.status !== 202) {
      throw new Error(`import answered ${post.status}: ${await post.text()}`);
    }
  }
  const listed = (await (
    await fetch(`${preview}/api/convert/prometheus/config/v1/rules`, { headers: { Accept: 'application/json' } })
  ).json()) as Record<string, Array<{ name: string }>>;
  if (listed[NAMESPACE]?.map((g) => g.name).join() !== imported.map((g) => g.name).join()) {
    throw new Error(`the conversion API lists ${JSON.stringify(listed)}`);
  }
  await until('both imported groups to record', async () =>
    (await valueOf(promUrl, 'preview_managed_a')) === '7' && (await valueOf(promUrl, 'preview_managed_b')) === '8'
      ? true
      : undefined
  );
  console.log('grafana-managed: both imported groups evaluated (7, 8)');
  const del = await fetch(`${folderUrl}/${imported[0].name}`, { method: 'DELETE' });
  if (del.status !== 202) {
    throw new Error(`delete answered ${del.status}: ${await del.text()}`);
  }
  await until('Prometheus to drop the deleted imported group', async () =>
    (await groups()).some((g) => g.name === imported[0].name) ? undefined : true
  );
  if (!(await groups()).some((g) => g.name === imported[1].name)) {
    throw new Error('deleting one imported group stopped the other');
  }
  console.log('grafana-managed: the deleted group stopped, the other still runs');
}

async function main(): Promise<void> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'preview-ruler-check-'));
  const ruleDir = path.join(tmp, 'rules');
  fs.mkdirSync(ruleDir);
  const promAddress = `127.0.0.1:${await freePort()}`;
  const config = path.join(tmp, 'prometheus.yml');
  fs.writeFileSync(
    config,
    YAML.stringify({ global: { evaluation_interval: '1s' }, rule_files: [`${ruleDir}/*.yaml`] })
  );
  const prometheus = spawn(
    'prometheus',
    [
      `--config.file=${config}`,
      `--storage.tsdb.path=${path.join(tmp, 'tsdb')}`,
      `--web.listen-address=${promAddress}`,
      '--web.enable-lifecycle',
    ],
    { stdio: 'ignore' }
  );
  const promUrl = `http://${promAddress}`;
  try {
    await until('Prometheus', async () => ((await fetch(`${promUrl}/-/ready`)).ok ? true : undefined));
    const preview = await startPreviewServer(
      {
        port: 0,
        prometheusUrl: promUrl,
        dataDir: path.join(tmp, 'data'),
        bundleDir: path.join(root, 'preview', 'dist'),
        ruleDir,
      },
      () => undefined
    );
    const [datasource] = (await (await fetch(`${preview}/api/datasources`)).json()) as Array<{ uid: string }>;
    const rulerUrl = `${preview}/api/ruler/${datasource.uid}/api/v1/rules/${encodeURIComponent(NAMESPACE)}`;
    const groups = async () => ((await (await fetch(`${promUrl}/api/v1/rules`)).json()) as RulesAnswer).data.groups;

    const post = await fetch(rulerUrl, { method: 'POST', body: JSON.stringify(GROUP) });
    if (post.status !== 202) {
      throw new Error(`deploy answered ${post.status}: ${await post.text()}`);
    }
    const group = await until('Prometheus to load the deployed group', async () =>
      (await groups()).find((g) => g.name === GROUP.name)
    );
    console.log(`loaded: group ${group.name} from ${path.basename(group.file)}`);
    await until('the recorded series', async () => {
      const answer = (await (await fetch(`${promUrl}/api/v1/query?query=preview_ruler_check`)).json()) as {
        data: { result: Array<{ value: [number, string] }> };
      };
      return answer.data.result[0]?.value[1] === '42' ? true : undefined;
    });
    console.log('evaluated: preview_ruler_check = 42');

    const invalid = await fetch(rulerUrl, {
      method: 'POST',
      body: JSON.stringify({ name: 'broken', rules: [{ record: 'broken', expr: 'sum(' }] }),
    });
    const refusal = (await invalid.json()) as { message?: string };
    if (invalid.status !== 400 || !refusal.message) {
      throw new Error(`an invalid group answered ${invalid.status} ${JSON.stringify(refusal)}`);
    }
    console.log(`refused: ${refusal.message}`);
    if (!(await groups()).some((g) => g.name === GROUP.name)) {
      throw new Error('the refused group took the deployed one away');
    }

    const del = await fetch(`${rulerUrl}/${GROUP.name}`, { method: 'DELETE' });
    if (del.status !== 202) {
      throw new Error(`delete answered ${del.status}: ${await del.text()}`);
    }
    await until('Prometheus to drop the deleted group', async () =>
      (await groups()).some((g) => g.name === GROUP.name) ? undefined : true
    );
    console.log('deleted: Prometheus no longer evaluates the group');

    await checkGrafanaManaged(preview, datasource.uid, promUrl, groups);
  } finally {
    prometheus.kill('SIGTERM');
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`preview-ruler-check: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
);
