import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import YAML from 'yaml';
import { freePort } from './server/freePort';
import { startPreviewServer } from './server/main';
import { backfillHistory } from './history/backfill';
import { packageSet, prepareSet, resolveVersion, type PackageSet } from './grafanaPackages';
import { cpuSeconds, timingTable, type Phase } from './history/timing';

/**
 * `npm run preview`: builds the preview bundle, starts the demo's traffic generator and a Prometheus on
 * 127.0.0.1 (temporary TSDB, the demo's scrape config and generated rules), and the preview server pointed
 * at it. Ctrl-C or SIGTERM stops everything it started.
 */

const USAGE = `Usage: npm run preview -- [options]
  --port N               port of the preview (default 3001; 0 picks a free one)
  --no-prometheus        start no Prometheus nor traffic generator; use --prometheus-url
  --prometheus-url URL   an existing Prometheus (with --no-prometheus; default http://127.0.0.1:9090)
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
  child.stderr?.on('data', name === 'prometheus' ? () => undefined : prefix);
  child.on('exit', (code, signal) => {
    if (!stopping) {
      log(`${name} exited (${signal ?? code})`);
    }
  });
  return child;
}

let stopping = false;

function stopAll(code: number): never {
  stopping = true;
  for (const child of children) {
    if (child.pid !== undefined && child.exitCode === null) {
      child.kill('SIGTERM');
    }
  }
  if (tmpDir) {
    fs.rmSync(tmpDir, { recursive: true, force: true });
  }
  process.exit(code);
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

/** The demo's generated rules, or rules generated now from examples/ when the demo has none. */
function rulesFile(dir: string): string {
  const demoRules = path.join(root, 'demo', 'prometheus', 'rules', 'burnrate.rules.yaml');
  if (fs.existsSync(demoRules)) {
    return demoRules;
  }
  const examples = fs
    .readdirSync(path.join(root, 'examples'))
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => path.join('examples', f));
  const tsx = path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  const result = spawnSync(
    process.execPath,
    [tsx, 'src/cli/index.ts', 'rules', ...examples, '--format', 'prometheus'],
    {
      cwd: root,
      encoding: 'utf8',
    }
  );
  if (result.status !== 0) {
    throw new Error(`generating rules from examples/ failed:\n${result.stderr}`);
  }
  const file = path.join(dir, 'burnrate.rules.yaml');
  fs.writeFileSync(file, result.stdout);
  log('demo/prometheus/rules/burnrate.rules.yaml is missing: rules generated from examples/');
  return file;
}

interface ScrapeConfig {
  job_name: string;
  static_configs?: Array<{ targets: string[] }>;
  [key: string]: unknown;
}

/**
 * The demo's prometheus.yml with the docker service names replaced by the local addresses; without it, one
 * job per service of the traffic generator is not known, so a single job scrapes all of it.
 */
function prometheusConfig(dir: string, promAddress: string, trafficAddress: string | undefined): string {
  const demoConfig = path.join(root, 'demo', 'prometheus', 'prometheus.yml');
  const config = fs.existsSync(demoConfig)
    ? (YAML.parse(fs.readFileSync(demoConfig, 'utf8')) as { global?: unknown; scrape_configs?: ScrapeConfig[] })
    : {
        global: { scrape_interval: '15s', evaluation_interval: '30s' },
        scrape_configs: [{ job_name: 'traffic', static_configs: [{ targets: ['traffic:9464'] }] }],
      };
  const scrapeConfigs = (config.scrape_configs ?? [])
    .map((job) => ({
      ...job,
      static_configs: (job.static_configs ?? []).map((s) => {
        const self = s.targets.some((t) => t.startsWith('localhost:9090'));
        return {
          ...s,
          targets: s.targets
            .map((t) => (t.startsWith('localhost:9090') ? promAddress : (trafficAddress ?? '')))
            .filter(Boolean),
          // The generator's series keep the instance of the docker demo, which the backfilled history has too.
          ...(self
            ? {}
            : { labels: { ...(s as { labels?: Record<string, string> }).labels, instance: HISTORY_INSTANCE } }),
        };
      }),
    }))
    .filter((job) => job.static_configs.some((s) => s.targets.length > 0));
  const file = path.join(dir, 'prometheus.yml');
  // The demo's rules, and the groups deployed through the preview's ruler API (one file per namespace), by
  // paths relative to Prometheus's working directory: a group's evaluation offset hashes its file's path,
  // which the backfill of the history names the same way.
  const ruleFiles = [DEMO_RULE_FILE, `${DEPLOYED_RULE_DIR}/*.yaml`];
  fs.writeFileSync(file, YAML.stringify({ ...config, rule_files: ruleFiles, scrape_configs: scrapeConfigs }));
  return file;
}

function trafficEntry(): string | undefined {
  return ['main.ts', 'index.ts'].map((f) => path.join(root, 'demo', 'traffic', f)).find((f) => fs.existsSync(f));
}

/** Where the preview's Prometheus finds its rule files, relative to its working directory. */
const DEMO_RULE_FILE = 'rules/burnrate.rules.yaml';
const DEPLOYED_RULE_DIR = 'deployed-rules';
/** The instance label of the generator's series, live and backfilled: the docker demo's address. */
const HISTORY_INSTANCE = 'traffic:9464';
const SEED = 1;

async function startPrometheus(calmTraffic: boolean, history: boolean): Promise<{ url: string; ruleDir: string }> {
  tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'burnrate-preview-'));
  const dir = tmpDir;
  const ruleDir = path.join(dir, DEPLOYED_RULE_DIR);
  fs.mkdirSync(ruleDir);
  fs.mkdirSync(path.dirname(path.join(dir, DEMO_RULE_FILE)));
  fs.copyFileSync(rulesFile(dir), path.join(dir, DEMO_RULE_FILE));
  const tsdb = path.join(dir, 'tsdb');
  let origin: number | undefined;
  const entry = trafficEntry();
  if (history && entry) {
    const started = Date.now();
    const work = path.join(dir, 'history');
    fs.mkdirSync(work);
    const backfilled = await backfillHistory({
      root,
      work,
      tsdb,
      rulesYaml: fs.readFileSync(path.join(dir, DEMO_RULE_FILE), 'utf8'),
      ruleFile: DEMO_RULE_FILE,
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
  const promPort = await freePort();
  const promAddress = `127.0.0.1:${promPort}`;
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
  } else {
    log('warning: demo/traffic/main.ts is missing: no traffic generator, Prometheus has no application metrics');
  }
  prometheusConfig(dir, promAddress, trafficAddress);
  const promStarted = Date.now();
  const prometheus = start(
    'prometheus',
    'prometheus',
    [
      '--config.file=prometheus.yml',
      `--storage.tsdb.path=${tsdb}`,
      `--web.listen-address=${promAddress}`,
      // Retention counts back from the newest block: the history must stay.
      `--storage.tsdb.retention.time=${origin === undefined ? '1d' : '60d'}`,
      // POST /-/reload: the preview reloads the rules after each change through its ruler API.
      '--web.enable-lifecycle',
    ],
    dir
  );
  prometheus.on('error', (error) => {
    log(
      `cannot start prometheus (${error.message}): apt-get install --no-install-recommends prometheus, or use --no-prometheus`
    );
    stopAll(1);
  });
  await waitFor(`http://${promAddress}/-/ready`, 'Prometheus', prometheus, 60_000);
  startPhases.push({ name: 'Prometheus start', wallSeconds: (Date.now() - promStarted) / 1000 });
  log(
    `Prometheus on http://${promAddress}${trafficAddress ? `, traffic generator on http://${trafficAddress}/metrics` : ''}`
  );
  return { url: `http://${promAddress}`, ruleDir };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      port: { type: 'string', default: '3001' },
      'no-prometheus': { type: 'boolean', default: false },
      'prometheus-url': { type: 'string', default: 'http://127.0.0.1:9090' },
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
      ? { url: values['prometheus-url'] ?? '', ruleDir: undefined }
      : startPrometheus(values['calm-traffic'] ?? false, !(values['no-history'] ?? false)),
    bundle,
  ]);
  const prometheusUrl = prometheus.url;
  const set = await distSet;
  const quiet = values.quiet ?? false;
  const url = await startPreviewServer(
    {
      port: Number(values.port),
      prometheusUrl,
      dataDir: path.resolve(values['data-dir'] ?? ''),
      bundleDir: set ? set.hostDir : path.join(root, 'preview', 'dist'),
      ruleDir: prometheus.ruleDir,
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
  process.stdout.write(`Burnrate preview: ${url}${homePath()} (Prometheus ${prometheusUrl}${mode})\n`);
}

main().catch((error: unknown) => {
  log(error instanceof Error ? error.message : String(error));
  stopAll(1);
});

/** The app's default page (plugin.json `includes` with defaultNav). */
function homePath(): string {
  const json = JSON.parse(fs.readFileSync(path.join(root, 'src', 'plugin.json'), 'utf8')) as {
    id: string;
    includes?: Array<{ path?: string; defaultNav?: boolean }>;
  };
  const home = json.includes?.find((i) => i.defaultNav && i.path)?.path ?? `/a/${json.id}`;
  return home.replace('%PLUGIN_ID%', json.id);
}
