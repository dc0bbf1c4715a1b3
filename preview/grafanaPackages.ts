import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Sets of Grafana's frontend packages for the dist mode of the preview (`npm run preview -- --dist`): each
 * version gets its own folder (outside the tracked files, under node_modules/.cache) with @grafana/data,
 * ui, runtime, schema and i18n at that version, what they need (React, rxjs, ...) and SystemJS, and a host
 * bundle built against that folder, so that the shared modules the plugin's dist/module.js receives are the
 * ones that Grafana version provides. Installing and building skip what is already there.
 */

const root = path.resolve(__dirname, '..');
const CACHE = path.join(root, 'node_modules', '.cache', 'grafana-packages');

/** The packages installed at the set's version; their own dependencies and peers (React) come with them. */
const GRAFANA_PACKAGES = ['@grafana/data', '@grafana/ui', '@grafana/runtime', '@grafana/schema', '@grafana/i18n'];
/**
 * What Grafana's own frontend adds and shares with plugins: react-router-dom v5 as 'react-router-dom' and
 * v6 through react-router-dom-v5-compat as 'react-router'; and the module loader it loads plugins with.
 */
const HOST_PACKAGES: Record<string, string> = {
  'react-router-dom': '^5.3.4',
  'react-router-dom-v5-compat': '^6.26.0',
  systemjs: '6.15.1',
};

export type Log = (line: string) => void;

export interface PackageSet {
  version: string;
  /** The folder whose node_modules holds the set. */
  dir: string;
  /** The host bundle built against the set (index.html loads /public/preview/main.js from it). */
  hostDir: string;
}

function pluginDependency(): string {
  const json = JSON.parse(fs.readFileSync(path.join(root, 'src', 'plugin.json'), 'utf8')) as {
    dependencies?: { grafanaDependency?: string };
  };
  const range = json.dependencies?.grafanaDependency;
  if (!range) {
    throw new Error('src/plugin.json has no dependencies.grafanaDependency');
  }
  return range;
}

/** The oldest Grafana that src/plugin.json's grafanaDependency claims (">=12.3.0" gives 12.3.0). */
export function oldestClaimed(): string {
  const range = pluginDependency();
  // The ranges Grafana's catalogue takes: ">=12.3.0", "^12.3.0", "~12.3.0" or "12.3.0" (one lower bound).
  const lowest = /^\s*(?:>=|\^|~)?\s*v?(\d+\.\d+\.\d+)(?:\s|$)/.exec(range)?.[1];
  if (!lowest) {
    throw new Error(`grafanaDependency "${range}" names no lowest version`);
  }
  return lowest;
}

/** The newest @grafana/data on npm (its "latest" tag), asked at run time so that CI follows Grafana's releases. */
export function newestPublished(): string {
  const result = spawnSync('npm', ['view', '@grafana/data', 'dist-tags.latest'], { encoding: 'utf8' });
  const version = result.stdout?.trim();
  if (result.status !== 0 || !isVersion(version)) {
    throw new Error(`npm view @grafana/data dist-tags.latest failed: ${result.stderr || result.error?.message}`);
  }
  return version;
}

function isVersion(text: string | undefined): text is string {
  return /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/.test(text ?? '');
}

/** "oldest", "newest" or an exact version. */
export function resolveVersion(name: string): string {
  if (name === 'oldest') {
    return oldestClaimed();
  }
  if (name === 'newest') {
    return newestPublished();
  }
  if (!isVersion(name)) {
    throw new Error(`--grafana takes oldest, newest or a version such as 12.3.0, not "${name}"`);
  }
  return name;
}

export function packageSet(version: string): PackageSet {
  const dir = path.join(CACHE, version);
  return { version, dir, hostDir: path.join(dir, 'host') };
}

function rootOverrides(): unknown {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { overrides?: unknown };
  return pkg.overrides ?? {};
}

function manifest(version: string): Record<string, unknown> {
  return {
    name: `grafana-packages-${version}`,
    private: true,
    description: 'Grafana frontend packages for the preview dist mode (generated)',
    dependencies: {
      ...Object.fromEntries(GRAFANA_PACKAGES.map((name) => [name, version])),
      ...HOST_PACKAGES,
    },
    // @grafana/ui depends on react-data-grid by a git URL; with only the npm registry at hand, the same
    // override as the repository's package.json takes the fork published on npm.
    overrides: rootOverrides(),
  };
}

function run(command: string, args: string[], cwd: string, log: Log): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CI: 'true' } });
    const forward = (chunk: Buffer) =>
      chunk
        .toString()
        .split('\n')
        .filter(Boolean)
        .forEach((line) => log(line));
    child.stdout.on('data', forward);
    child.stderr.on('data', forward);
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited with ${code}`))
    );
  });
}

/** Installs the set unless the same manifest is installed already; returns the seconds spent (0 when skipped). */
export async function installPackages(set: PackageSet, log: Log): Promise<number> {
  const wanted = JSON.stringify(manifest(set.version), null, 2);
  const stamp = path.join(set.dir, '.installed');
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === wanted) {
    return 0;
  }
  const started = Date.now();
  fs.rmSync(set.dir, { recursive: true, force: true });
  fs.mkdirSync(set.dir, { recursive: true });
  fs.writeFileSync(path.join(set.dir, 'package.json'), wanted);
  log(`installing Grafana ${set.version} packages into ${path.relative(root, set.dir)}`);
  // No lifecycle scripts: these packages are only bundled, nothing of theirs runs here.
  await run(
    'npm',
    ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--no-package-lock', '--loglevel=error'],
    set.dir,
    log
  );
  fs.writeFileSync(stamp, wanted);
  return (Date.now() - started) / 1000;
}

/** The files the host bundle is made of: a change to any of them rebuilds it. */
function hostInputs(): string[] {
  const dir = path.join(root, 'preview', 'app');
  return [
    ...fs
      .readdirSync(dir)
      .sort()
      .map((f) => path.join(dir, f)),
    path.join(root, 'preview', 'webpack.config.ts'),
    path.join(root, 'src', 'plugin.json'),
  ];
}

function hostDigest(set: PackageSet): string {
  const hash = crypto.createHash('sha256');
  hash.update(fs.readFileSync(path.join(set.dir, '.installed')));
  for (const file of hostInputs()) {
    hash.update(file).update(fs.readFileSync(file));
  }
  return hash.digest('hex');
}

/** Builds the dist-mode host against the set unless its inputs are unchanged; returns the seconds spent. */
export async function buildHost(set: PackageSet, log: Log, production = false): Promise<number> {
  const digest = hostDigest(set) + (production ? ':production' : '');
  const stamp = path.join(set.hostDir, '.built');
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === digest) {
    return 0;
  }
  const started = Date.now();
  const cli = path.join(root, 'node_modules', 'webpack-cli', 'bin', 'cli.js');
  await run(
    process.execPath,
    [
      cli,
      '-c',
      path.join('preview', 'webpack.config.ts'),
      '--env',
      `grafanaPackages=${set.dir}`,
      '--env',
      `outputDir=${set.hostDir}`,
      ...(production ? ['--env', 'production'] : []),
    ],
    root,
    log
  );
  fs.writeFileSync(stamp, digest);
  return (Date.now() - started) / 1000;
}

/** Installs and builds what the set needs, logging the time each step took. */
export async function prepareSet(name: string, log: Log, production = false): Promise<PackageSet> {
  const set = packageSet(resolveVersion(name));
  const installed = await installPackages(set, log);
  log(`Grafana ${set.version} packages: ${installed ? `installed in ${installed.toFixed(0)}s` : 'already installed'}`);
  const built = await buildHost(set, log, production);
  log(`Grafana ${set.version} host: ${built ? `built in ${built.toFixed(0)}s` : 'up to date'}`);
  return set;
}

if (require.main === module) {
  // `tsx preview/grafanaPackages.ts [oldest] [newest] [12.3.0 ...]`: prepares the sets (CI does it before the tests).
  const names = process.argv.slice(2);
  const log: Log = (line) => process.stderr.write(`[grafana-packages] ${line}\n`);
  (async () => {
    for (const name of names.length ? names : ['oldest', 'newest']) {
      const set = await prepareSet(name, log);
      process.stdout.write(`${set.version} ${set.dir}\n`);
    }
  })().catch((error: unknown) => {
    log(error instanceof Error ? error.message : String(error));
    process.exit(1);
  });
}
