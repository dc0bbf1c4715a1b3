import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parseDatasourceUrl, preseed, provisionedDatasources } from './provisioning';
import type { DeployedRulesTarget } from './rulers';
import { createPreviewServer } from './server';
import { Store } from './store';

/**
 * The preview server alone: `tsx preview/server/main.ts --port 3001 --prometheus-url http://127.0.0.1:9090`
 * (every datasource on that Prometheus; `--datasource-url UID=URL` puts one on its own; `--rule-dir DIR`:
 * write the groups deployed to the default datasource there for its Prometheus, which globs DIR/*.yaml and
 * runs with --web.enable-lifecycle).
 * `npm run preview` (preview/run.ts) starts it together with the Prometheus servers and the traffic generator.
 */

const root = path.resolve(__dirname, '..', '..');

export interface PreviewServerArgs {
  port: number;
  /** The Prometheus of every datasource that `datasourceUrls` does not name. */
  prometheusUrl: string;
  /** By datasource uid: its own Prometheus. */
  datasourceUrls?: Readonly<Record<string, string>>;
  dataDir: string;
  bundleDir: string;
  /** The folder of deployed rule groups that the default datasource's Prometheus loads (see server.ts). */
  ruleDir?: string;
  /** By datasource uid: the folder of deployed rule groups its Prometheus loads (before `ruleDir`). */
  ruleDirs?: Readonly<Record<string, string>>;
  /**
   * Dist mode: the built plugin (dist/, its plugin.json and module.js served at /public/plugins/<id>/) and
   * the node_modules of the Grafana packages the host was built with (their version is the one announced).
   */
  dist?: { pluginDir: string; packagesDir: string };
}

export function parseServerArgs(argv: string[]): PreviewServerArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string', default: '3001' },
      'prometheus-url': { type: 'string', default: 'http://127.0.0.1:9090' },
      'data-dir': { type: 'string', default: path.join(root, '.preview-data') },
      'bundle-dir': { type: 'string', default: path.join(root, 'preview', 'dist') },
      'rule-dir': { type: 'string' },
      'datasource-url': { type: 'string', multiple: true },
    },
  });
  const datasourceUrls: Record<string, string> = {};
  for (const spec of values['datasource-url'] ?? []) {
    const pair = parseDatasourceUrl(spec);
    if (!pair) {
      throw new Error(`--datasource-url takes UID=URL, got "${spec}"`);
    }
    datasourceUrls[pair[0]] = pair[1];
  }
  return {
    port: Number(values.port),
    prometheusUrl: values['prometheus-url'] ?? '',
    datasourceUrls,
    dataDir: path.resolve(values['data-dir'] ?? ''),
    bundleDir: path.resolve(values['bundle-dir'] ?? ''),
    ruleDir: values['rule-dir'] === undefined ? undefined : path.resolve(values['rule-dir']),
  };
}

/** Each datasource's rule folder with the Prometheus that loads it. */
function deployedRules(
  args: PreviewServerArgs,
  datasources: ReadonlyArray<{ uid: string; url: string; isDefault: boolean }>
): Record<string, DeployedRulesTarget> {
  const dirs: Record<string, string> = { ...args.ruleDirs };
  const fallback = datasources.find((d) => d.isDefault);
  if (args.ruleDir !== undefined && fallback && dirs[fallback.uid] === undefined) {
    dirs[fallback.uid] = args.ruleDir;
  }
  return Object.fromEntries(
    datasources.flatMap((d) => (dirs[d.uid] === undefined ? [] : [[d.uid, { dir: dirs[d.uid], prometheusUrl: d.url }]]))
  );
}

function readJson(file: string): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
}

/** Starts the server on 127.0.0.1; resolves with its URL once it listens. */
export async function startPreviewServer(args: PreviewServerArgs, log: (line: string) => void): Promise<string> {
  const pluginJson = readJson(path.join(args.dist?.pluginDir ?? path.join(root, 'src'), 'plugin.json'));
  const pkg = readJson(path.join(root, 'package.json'));
  const packagesDir = args.dist?.packagesDir ?? path.join(root, 'node_modules');
  const runtimePkg = readJson(path.join(packagesDir, '@grafana', 'runtime', 'package.json'));
  const pluginId = String(pluginJson.id);
  // The build writes the version into dist/plugin.json; src/'s has a placeholder.
  const builtVersion = (pluginJson.info as { version?: unknown } | undefined)?.version;
  const version = args.dist && typeof builtVersion === 'string' ? builtVersion : String(pkg.version);

  const seedStore = new Store(args.dataDir);
  if (seedStore.fresh) {
    for (const line of preseed(seedStore, root, pluginId)) {
      log(`preseeded ${line}`);
    }
  }

  const urls = { all: args.prometheusUrl, byUid: args.datasourceUrls };
  const datasources = provisionedDatasources(root, urls);
  const server = createPreviewServer({
    root,
    bundleDir: args.bundleDir,
    dataDir: args.dataDir,
    datasources,
    plugin: { id: pluginId, name: String(pluginJson.name), version, pluginJson },
    pluginDir: args.dist?.pluginDir,
    packagesDir: args.dist?.packagesDir,
    grafanaVersion: String(runtimePkg.version),
    deployedRules: deployedRules(args, datasources),
    log,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(args.port, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : args.port;
  return `http://127.0.0.1:${port}`;
}

if (require.main === module) {
  const args = parseServerArgs(process.argv.slice(2));
  const quiet = process.env.PREVIEW_QUIET === '1';
  startPreviewServer(args, (line) => {
    if (!quiet || !/^(GET|POST|DELETE|PUT) /.test(line)) {
      process.stderr.write(`[preview] ${line}\n`);
    }
  }).then(
    (url) => process.stdout.write(`Preview server listening on ${url}\n`),
    (error: unknown) => {
      process.stderr.write(`preview server: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    }
  );
}
