import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import YAML from 'yaml';
import { freePort } from './server/freePort';
import { startPreviewServer } from './server/main';
import {
  localPrometheusPlan,
  parseDatasourceUrl,
  readProvisionedDatasources,
  type LocalPrometheus,
} from './server/provisioning';
import { backfillHistory } from './history/backfill';
import { isSelfScrape, readDemoPrometheus, SELF_TARGET, type PrometheusConfig } from './history/demoPrometheus';
import { packageSet, prepareSet, resolveVersion, type PackageSet } from './grafanaPackages';
import { cpuSeconds, timingTable, type Phase } from './history/timing';

/**
 * `npm run preview`: builds the preview bundle, starts the demo's traffic generator and its Prometheus
 * servers on 127.0.0.1 (one per demo folder a provisioned datasource names, each with a temporary TSDB, its
 * demo scrape config and generated rules), and the preview server with each datasource pointed at its own.
 * Ctrl-C or SIGTERM stops everything it started.
 */

const USAGE = `Usage: npm run preview -- [options]
  --port N               port of the preview (default 3001; 0 picks a free one)
  --no-prometheus        start no Prometheus nor traffic generator; use --prometheus-url
  --prometheus-url URL   with --no-prometheus: an existing Prometheus for every datasource (default
                         http://127.0.0.1:9090)
  --datasource-url UID=URL
                         with --no-prometheus: that datasource's own Prometheus (e.g. prometheus-eu=URL);
                         repeat for several
  --data-dir DIR         where dashboards and settings persist (default .preview-data/)
  --no-build             serve the bundle already in preview/dist/
  --production           production build of the bundle (slower)
  --quiet                do not log each API call
  --calm-traffic         the traffic generator without seeded incidents (tests declare their own)
  --no-history           start Prometheus empty, without the demo's backfilled days of history
  --dist                 load dist/module.js (run npm run build first) through SystemJS as Grafana does,
                         with the shared modules of one Grafana version (installed on first use)
  --grafana VERSION      with --dist: oldest (the lowest grafanaDependency, default), newest (npm's latest)
                         or a version such as 12.3.0
`;

const root = path.resolve(__dirname, '..');
const children: ChildProcess[] = [];
let tmpDir: string | undefined;
/** The start's phases, printed as a table once the preview is ready (they overlap: the bundle builds meanwhile). */
const startPhases: Phase[] = [];

function log(line: string): void {
  process.stderr.write(`[preview] ${line}\n`);
}

async function waitFor(url: string, what: string, child?: ChildProcess, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) {
      throw new Error(`${what} exited with code ${child.exitCode}`);
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (response.ok) {
        return;
      }
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what} was not ready at ${url} after ${timeoutMs / 1000}s`);
}

function start(name: string, command: string, args: string[], cwd = root): ChildProcess {
  const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  const prefix = (chunk: Buffer) =>
    chunk
      .toString()
      .split('\n')
      .filter(Boolean)
      .forEach((line) => process.stderr.write(`[${name}] ${line}\n`));
  child.stdout?.on('data', prefix);
  child.stderr?.on('data', name.startsWith('prometheus') ? () => undefined : prefix);
  child.on('exit', (code, signal) => {
    if (!stopping) {
      log(`${name} exited (${signal ?? code})`);
    }
  });
  return child;
}

let stopping = false;

/** How long the children get to stop: Prometheus writes to its TSDB while it shuts down. */
const STOP_GRACE_MS = 10_000;

function stopAll(code: number): void {
  if (stopping) {
    return;
  }
  stopping = true;
  const running = children.filter((c) => c.pid !== undefined && c.exitCode === null && c.signalCode === null);
  const exited = Promise.all(running.map((child) => new Promise((resolve) => child.once('exit', resolve))));
  for (const child of running) {
    child.kill('SIGTERM');
  }
  // The temporary folder goes once they have stopped writing to it, or it would be left half removed.
  void Promise.race([exited, new Promise((resolve) => setTimeout(resolve, STOP_GRACE_MS))]).then(() => {
    if (tmpDir) {
      fs.rmSync(tmpDir, { recursive: true, force: true });
    }
    process.exit(code);
  });
}

/** Dist mode: the built plugin must be there; the host for the Grafana version is installed and built. */
async function prepareDist(grafana: string, build: boolean, production: boolean): Promise<PackageSet> {
  for (const file of ['module.js', 'plugin.json']) {
    if (!fs.existsSync(path.join(root, 'dist', file))) {
      throw new Error(`dist/${file} is missing: run npm run build first`);
    }
  }
  if (build) {
    return prepareSet(grafana, log, production);
  }
  const set = packageSet(resolveVersion(grafana));
  if (!fs.existsSync(path.join(set.hostDir, 'main.js'))) {
    throw new Error(`no host built for Grafana ${set.version}: run without --no-build`);
  }
  return set;
}

/** Builds the bundle in a child process, while the history is backfilled. */
async function buildBundle(production: boolean): Promise<void> {
  const started = Date.now();
  const cli = path.join(root, 'node_modules', 'webpack-cli', 'bin', 'cli.js');
  const args = [cli, '-c', path.join('preview', 'webpack.config.ts'), ...(production ? ['--env', 'production'] : [])];
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  children.push(child);
  const status = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (status !== 0) {
    throw new Error('the preview bundle did not build');
  }
  const size = fs.statSync(path.join(root, 'preview', 'dist', 'main.js')).size;
  startPhases.push({ name: 'bundle build (beside the history)', wallSeconds: (Date.now() - started) / 1000 });
  log(`bundle built in ${((Date.now() - started) / 1000).toFixed(1)}s (main.js ${(size / 1e6).toFixed(1)} MB)`);
}

/** The rules of the SLOs on these datasources, generated now from examples/ (the demo's rule file is missing). */
function rulesFromExamples(datasourceUids: readonly string[], defaultUid: string): string {
  const examples = fs
    .readdirSync(path.join(root, 'examples'))
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => path.join('examples', f));
  const tsx = path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  const groups: unknown[] = [];
  for (const uid of datasourceUids) {
    const args = [
      'rules',
      ...examples,
      '--format',
      'prometheus',
      '--datasource-uid',
      defaultUid,
      '--for-datasource',
      uid,
    ];
    const result = spawnSync(process.execPath, [tsx, 'src/cli/index.ts', ...args], { cwd: root, encoding: 'utf8' });
    if (result.status !== 0) {
      throw new Error(`generating rules from examples/ failed:\n${result.stderr}`);
    }
    groups.push(...((YAML.parse(result.stdout) as { groups?: unknown[] } | null)?.groups ?? []));
  }
  return YAML.stringify({ groups }, { lineWidth: 0 });
}

/** Without a demo configuration: one job scrapes all of the generator. */
const FALLBACK_CONFIG: PrometheusConfig = {
  global: { scrape_interval: '15s', evaluation_interval: '30s' },
  rule_files: ['rules/burnrate.rules.yaml'],
  scrape_configs: [{ job_name: 'traffic', static_configs: [{ targets: ['traffic:9464'] }] }],
};

/**
 * A demo configuration with its docker service names replaced by the local addresses, loading its rule
 * file and the groups deployed through each of its datasources' ruler API (a folder each), by paths
 * relative to Prometheus's working directory: a group's evaluation offset hashes its file's path, which the
 * backfill of the history names the same way.
 */
function localConfig(
  config: PrometheusConfig,
  ruleFile: string,
  deployedDirs: readonly string[],
  promAddress: string,
  trafficAddress: string | undefined
): PrometheusConfig {
  const scrapeConfigs = (config.scrape_configs ?? [])
    .map((job) => {
      const self = isSelfScrape(job);
      return {
        ...job,
        static_configs: (job.static_configs ?? []).map((s) => ({
          ...s,
          targets: s.targets
            .map((t) => (t.startsWith(SELF_TARGET) ? promAddress : (trafficAddress ?? '')))
            .filter(Boolean),
          // The generator's series keep the instance of the docker demo, which the backfilled history has too.
          ...(self ? {} : { labels: { ...s.labels, instance: HISTORY_INSTANCE } }),
        })),
      };
    })
    .filter((job) => job.static_configs.some((s) => s.targets.length > 0));
  return {
    ...config,
    rule_files: [ruleFile, ...deployedDirs.map((d) => `${d}/*.yaml`)],
    scrape_configs: scrapeConfigs,
  };
}

function trafficEntry(): string | undefined {
  return ['main.ts', 'index.ts'].map((f) => path.join(root, 'demo', 'traffic', f)).find((f) => fs.existsSync(f));
}

/** Where the groups deployed to a datasource go, relative to its Prometheus's working directory. */
function deployedRuleDir(datasourceUid: string): string {
  return `deployed-rules/${datasourceUid.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}
/** The instance label of the generator's series, live and backfilled: the docker demo's address. */
const HISTORY_INSTANCE = 'traffic:9464';
const SEED = 1;

/** One Prometheus being set up: its folder (its working directory), configuration and rules. */
interface Prepared {
  plan: LocalPrometheus;
  dir: string;
  config: PrometheusConfig;
  ruleFile: string;
  rulesYaml: string;
  /** The jobs it scrapes; undefined: all of the generator. */
  jobs?: string[];
}

function prepare(plan: LocalPrometheus, parent: string, defaultUid: string): Prepared {
  const dir = path.join(parent, plan.name);
  const demo = plan.configFile ? readDemoPrometheus(plan.configFile) : undefined;
  const ruleFile = demo?.ruleFile ?? FALLBACK_CONFIG.rule_files![0];
  let rulesYaml = demo?.rulesYaml;
  if (rulesYaml === undefined) {
    log(`${plan.name}: the demo's rule file is missing: rules generated from examples/`);
    rulesYaml = rulesFromExamples(plan.datasourceUids, defaultUid);
  }
  fs.mkdirSync(path.dirname(path.join(dir, ruleFile)), { recursive: true });
  fs.writeFileSync(path.join(dir, ruleFile), rulesYaml);
  for (const uid of plan.datasourceUids) {
    fs.mkdirSync(path.join(dir, deployedRuleDir(uid)), { recursive: true });
  }
  return { plan, dir, config: demo?.config ?? FALLBACK_CONFIG, ruleFile, rulesYaml, jobs: demo?.jobs };
}

interface Started {
  /** By datasource uid: its Prometheus's URL. */
  urls: Record<string, string>;
  /** By datasource uid: the folder of its deployed groups. */
  ruleDirs: Record<string, string>;
}

/**
 * The traffic generator and a Prometheus for each demo folder the provisioned datasources name (see
 * localPrometheusPlan), each with its own temporary TSDB and the history of its jobs and rules.
 */
async function startPrometheus(calmTraffic: boolean, history: boolean): Promise<Started> {
  tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'burnrate-preview-'));
  const parent = tmpDir;
  const datasources = readProvisionedDatasources(root);
  const defaultUid = datasources.find((d) => d.isDefault)?.uid ?? datasources[0].uid;
  const prepared = localPrometheusPlan(root, datasources).map((plan) => prepare(plan, parent, defaultUid));
  let origin: number | undefined;
  const entry = trafficEntry();
  if (history && entry) {
    const started = Date.now();
    const work = path.join(parent, 'history');
    fs.mkdirSync(work);
    const backfilled = await backfillHistory({
      root,
      work,
      targets: prepared.map((p) => ({
        name: p.plan.name,
        tsdb: path.join(p.dir, 'tsdb'),
        rulesYaml: p.rulesYaml,
        ruleFile: p.ruleFile,
        jobs: p.jobs,
      })),
      seed: SEED,
      instance: HISTORY_INSTANCE,
      width: Math.max(2, os.availableParallelism()),
      log,
      children,
    });
    fs.rmSync(work, { recursive: true, force: true });
    origin = backfilled.origin;
    startPhases.push(...backfilled.phases.map((p) => ({ ...p, name: `history: ${p.name}` })));
    log(`history: ready in ${((Date.now() - started) / 1000).toFixed(0)}s`);
  }
  let trafficAddress: string | undefined;
  if (entry) {
    trafficAddress = `127.0.0.1:${await freePort()}`;
    const traffic = start('traffic', process.execPath, [
      '--import',
      'tsx',
      entry,
      '--listen',
      trafficAddress,
      '--seed',
      String(SEED),
      ...(calmTraffic ? ['--calm'] : []),
      ...(origin === undefined ? [] : ['--origin', String(origin)]),
    ]);
    await waitFor(`http://${trafficAddress}/metrics`, 'the traffic generator', traffic);
    log(`traffic generator on http://${trafficAddress}/metrics`);
  } else {
    log('warning: demo/traffic/main.ts is missing: no traffic generator, Prometheus has no application metrics');
  }
  const promStarted = Date.now();
  const addresses = await Promise.all(
    prepared.map(async (p) => {
      const promAddress = `127.0.0.1:${await freePort()}`;
      const deployedDirs = p.plan.datasourceUids.map(deployedRuleDir);
      const config = localConfig(p.config, p.ruleFile, deployedDirs, promAddress, trafficAddress);
      fs.writeFileSync(path.join(p.dir, 'prometheus.yml'), YAML.stringify(config));
      const prometheus = start(
        p.plan.name,
        'prometheus',
        [
          '--config.file=prometheus.yml',
          `--storage.tsdb.path=${path.join(p.dir, 'tsdb')}`,
          `--web.listen-address=${promAddress}`,
          // Retention counts back from the newest block: the history must stay.
          `--storage.tsdb.retention.time=${origin === undefined ? '1d' : '60d'}`,
          // POST /-/reload: the preview reloads the rules after each change through its ruler API.
          '--web.enable-lifecycle',
        ],
        p.dir
      );
      prometheus.on('error', (error) => {
        log(
          `cannot start prometheus (${error.message}): apt-get install --no-install-recommends prometheus, or use --no-prometheus`
        );
        stopAll(1);
      });
      await waitFor(`http://${promAddress}/-/ready`, `Prometheus ${p.plan.name}`, prometheus, 60_000);
      log(`Prometheus ${p.plan.name} on http://${promAddress} for ${p.plan.datasourceUids.join(', ')}`);
      return promAddress;
    })
  );
  startPhases.push({ name: 'Prometheus start', wallSeconds: (Date.now() - promStarted) / 1000 });
  const urls: Record<string, string> = {};
  const ruleDirs: Record<string, string> = {};
  prepared.forEach((p, i) => {
    for (const uid of p.plan.datasourceUids) {
      urls[uid] = `http://${addresses[i]}`;
      ruleDirs[uid] = path.join(p.dir, deployedRuleDir(uid));
    }
  });
  return { urls, ruleDirs };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      port: { type: 'string', default: '3001' },
      'no-prometheus': { type: 'boolean', default: false },
      'prometheus-url': { type: 'string', default: 'http://127.0.0.1:9090' },
      'datasource-url': { type: 'string', multiple: true },
      'data-dir': { type: 'string', default: path.join(root, '.preview-data') },
      'no-build': { type: 'boolean', default: false },
      production: { type: 'boolean', default: false },
      quiet: { type: 'boolean', default: false },
      'calm-traffic': { type: 'boolean', default: false },
      'no-history': { type: 'boolean', default: false },
      dist: { type: 'boolean', default: false },
      grafana: { type: 'string', default: 'oldest' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => stopAll(0));
  }
  const started = Date.now();
  const production = values.production ?? false;
  const build = !(values['no-build'] ?? false);
  const distSet = values.dist ? prepareDist(values.grafana ?? 'oldest', build, production) : undefined;
  const bundle = distSet ?? (build ? buildBundle(production) : Promise.resolve());
  // An existing Prometheus is not ours to reconfigure: deployed groups then stay in the ruler's memory.
  const [prometheus] = await Promise.all([
    values['no-prometheus']
      ? { urls: existingUrls(values['datasource-url'] ?? []), ruleDirs: {} }
      : startPrometheus(values['calm-traffic'] ?? false, !(values['no-history'] ?? false)),
    bundle,
  ]);
  const datasources = readProvisionedDatasources(root);
  const defaultUid = datasources.find((d) => d.isDefault)?.uid ?? '';
  const prometheusUrl = prometheus.urls[defaultUid] ?? values['prometheus-url'] ?? '';
  const set = await distSet;
  const quiet = values.quiet ?? false;
  const url = await startPreviewServer(
    {
      port: Number(values.port),
      prometheusUrl,
      datasourceUrls: prometheus.urls,
      dataDir: path.resolve(values['data-dir'] ?? ''),
      bundleDir: set ? set.hostDir : path.join(root, 'preview', 'dist'),
      ruleDirs: prometheus.ruleDirs,
      dist: set && { pluginDir: path.join(root, 'dist'), packagesDir: path.join(set.dir, 'node_modules') },
    },
    (line) => {
      if (!quiet || !/^(GET|POST|PUT|DELETE|PATCH) /.test(line)) {
        log(line);
      }
    }
  );
  for (const line of timingTable(startPhases, 'start phase', false)) {
    log(line);
  }
  const cpu = cpuSeconds();
  log(
    `ready in ${((Date.now() - started) / 1000).toFixed(0)}s` +
      (cpu === undefined ? '' : ` (${cpu.toFixed(0)} s of CPU here and in the finished children)`)
  );
  const mode = set ? `, dist/ with Grafana ${set.version}'s packages` : '';
  const where = datasources.map((d) => `${d.uid} ${prometheus.urls[d.uid] ?? prometheusUrl}`).join(', ');
  process.stdout.write(`Burnrate preview: ${url}${homePath()} (Prometheus: ${where}${mode})\n`);
}

main().catch((error: unknown) => {
  log(error instanceof Error ? error.message : String(error));
  stopAll(1);
});

/** `--datasource-url UID=URL` as URLs by datasource uid. */
function existingUrls(specs: string[]): Record<string, string> {
  const urls: Record<string, string> = {};
  for (const spec of specs) {
    const pair = parseDatasourceUrl(spec);
    if (!pair) {
      throw new Error(`--datasource-url takes UID=URL, got "${spec}"`);
    }
    urls[pair[0]] = pair[1];
  }
  return urls;
}

/** The app's default page (plugin.json `includes` with defaultNav). */
function homePath(): string {
  const json = JSON.parse(fs.readFileSync(path.join(root, 'src', 'plugin.json'), 'utf8')) as {
    id: string;
    includes?: Array<{ path?: string; defaultNav?: boolean }>;
  };
  const home = json.includes?.find((i) => i.defaultNav && i.path)?.path ?? `/a/${json.id}`;
  return home.replace('%PLUGIN_ID%', json.id);
}
