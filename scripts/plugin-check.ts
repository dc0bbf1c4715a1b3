/**
 * `npm run plugin-check` (after `npm run build`): the checks of Grafana's plugin validator that apply to a
 * frontend app plugin, run on dist/ and src/ as the catalog would run them on the archive and the source:
 * plugin.json metadata and paths, the catalog README, CHANGELOG and LICENSE, module.js with its source
 * map, unsafe SVG, outside hosts in the bundle, the source code rules, and what the package weighs. Prints
 * one line per check; exits 1 when any fails.
 */
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { dirname, extname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const src = join(root, 'src');

/** The largest module.js and package we accept: Grafana loads module.js before the app can draw anything. */
const MAX_MODULE_KIB = 512;
const MAX_PACKAGE_MIB = 12;
/** Hosts the bundle may name: its own links and the schemas of libraries it bundles. */
const KNOWN_HOSTS = new Set(['json-schema.org', 'github.com', 'grafana.com', 'runbooks.example.com']);
const IMAGE_TYPES = new Set(['.png', '.jpg', '.jpeg', '.gif', '.svg', '.webp']);

interface Result {
  check: string;
  problems: string[];
  note?: string;
}

const results: Result[] = [];
function check(name: string, run: () => string[] | { problems: string[]; note: string }): void {
  try {
    const out = run();
    results.push(Array.isArray(out) ? { check: name, problems: out } : { check: name, ...out });
  } catch (error) {
    results.push({ check: name, problems: [error instanceof Error ? error.message : String(error)] });
  }
}

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? files(path) : [path];
  });
}

const text = (path: string) => readFileSync(path, 'utf8');

interface PluginJson {
  id?: string;
  type?: string;
  name?: string;
  info?: {
    description?: string;
    keywords?: string[];
    author?: { name?: string };
    logos?: { small?: string; large?: string };
    screenshots?: Array<{ name?: string; path?: string }>;
    links?: Array<{ name?: string; url?: string }>;
    version?: string;
    updated?: string;
  };
  includes?: Array<{ type?: string; name?: string; path?: string; role?: string }>;
  dependencies?: { grafanaDependency?: string };
}

if (!existsSync(join(dist, 'plugin.json'))) {
  console.error('plugin-check: dist/plugin.json is missing: run npm run build first');
  process.exit(1);
}
const plugin = JSON.parse(text(join(dist, 'plugin.json'))) as PluginJson;
const packageVersion = (JSON.parse(text(join(root, 'package.json'))) as { version: string }).version;

check('plugin.json: id, type and name', () => {
  const problems: string[] = [];
  if (plugin.type !== 'app') {
    problems.push(`type is ${JSON.stringify(plugin.type)}, not "app"`);
  }
  if (!/^[a-z0-9]+(-[a-z0-9]+)+-app$/.test(plugin.id ?? '')) {
    problems.push(`id ${JSON.stringify(plugin.id)} does not follow org-name-app`);
  }
  if (!plugin.name || plugin.name === plugin.id || /[-_]app$/i.test(plugin.name)) {
    problems.push(`name ${JSON.stringify(plugin.name)} is not a human-friendly name`);
  }
  return problems;
});

check('plugin.json: description, keywords, author, links', () => {
  const info = plugin.info ?? {};
  const problems: string[] = [];
  if (!info.description?.trim()) {
    problems.push('info.description is empty');
  }
  if (!info.keywords?.length) {
    problems.push('info.keywords is empty');
  }
  if (!info.author?.name?.trim()) {
    problems.push('info.author.name is empty');
  }
  for (const link of info.links ?? []) {
    if (!link.name?.trim() || !/^https:\/\/\S+$/.test(link.url ?? '')) {
      problems.push(`info.links: ${JSON.stringify(link)} needs a name and an https URL`);
    }
  }
  return problems;
});

check('plugin.json: version and date filled in by the build', () => {
  const problems: string[] = [];
  if (plugin.info?.version !== packageVersion) {
    problems.push(`info.version is ${JSON.stringify(plugin.info?.version)}, package.json says ${packageVersion}`);
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(plugin.info?.updated ?? '')) {
    problems.push(`info.updated is ${JSON.stringify(plugin.info?.updated)}, not a date`);
  }
  if (/%[A-Z_]+%/.test(text(join(dist, 'plugin.json')))) {
    problems.push('a %PLACEHOLDER% is left in dist/plugin.json');
  }
  return problems;
});

check('plugin.json: grafanaDependency', () => {
  const range = plugin.dependencies?.grafanaDependency ?? '';
  return /^(>=|\^|~)?\d+\.\d+\.\d+(-\w+)?( <\d+\.\d+\.\d+)?$/.test(range)
    ? []
    : [`dependencies.grafanaDependency ${JSON.stringify(range)} is not a version range such as ">=12.3.0"`];
});

check('plugin.json: logos and screenshots exist and are images', () => {
  const problems: string[] = [];
  const paths = [
    ['logos.small', plugin.info?.logos?.small],
    ['logos.large', plugin.info?.logos?.large],
    ...(plugin.info?.screenshots ?? []).map((s, i) => [`screenshots[${i}] (${s.name ?? 'no name'})`, s.path]),
  ];
  for (const [what, path] of paths) {
    if (!path) {
      problems.push(`info.${what}: no path`);
    } else if (!existsSync(join(dist, path)) || statSync(join(dist, path)).size === 0) {
      problems.push(`info.${what}: ${path} is not in dist/`);
    } else if (!IMAGE_TYPES.has(extname(path).toLowerCase())) {
      problems.push(`info.${what}: ${path} is not an image`);
    }
  }
  if ((plugin.info?.screenshots ?? []).length === 0) {
    problems.push('info.screenshots is empty: the catalog page would show none');
  }
  return problems;
});

check('plugin.json: pages', () =>
  (plugin.includes ?? []).flatMap((include, i) =>
    include.type === 'page' && (!include.name?.trim() || !include.path?.startsWith('/'))
      ? [`includes[${i}]: a page needs a name and an absolute path`]
      : []
  )
);

check('README.md for the catalog', () => {
  const path = join(dist, 'README.md');
  if (!existsSync(path)) {
    return ['dist/README.md is missing'];
  }
  const readme = text(path);
  const problems: string[] = [];
  if (/Grafana (Panel|Data Source|Datasource|App|Data Source Backend) Plugin Template/i.test(readme)) {
    problems.push("still holds the template's text");
  }
  if (/<!--/.test(readme)) {
    problems.push('holds an HTML comment, shown as text on the catalog page');
  }
  for (const jargon of ['yarn', 'nodejs']) {
    if (readme.includes(jargon)) {
      problems.push(`speaks of ${jargon}: the catalog README is for users, not developers`);
    }
  }
  for (const heading of ['Requirements', 'Getting started']) {
    if (!new RegExp(`^#+ ${heading}`, 'm').test(readme)) {
      problems.push(`has no "${heading}" section`);
    }
  }
  for (const [, target] of readme.matchAll(/!?\[[^\]]*\]\(([^)\s]+)\)/g)) {
    if (!/^https:\/\//.test(target)) {
      problems.push(`links to ${target}: the catalog page resolves only absolute https links`);
    }
  }
  return problems;
});

check('CHANGELOG.md and LICENSE', () => {
  const problems: string[] = [];
  const changelog = existsSync(join(dist, 'CHANGELOG.md')) ? text(join(dist, 'CHANGELOG.md')) : '';
  if (!changelog) {
    problems.push('dist/CHANGELOG.md is missing');
  } else if (!new RegExp(`^## \\[?${packageVersion.replace(/\./g, '\\.')}\\]?`, 'm').test(changelog)) {
    problems.push(`CHANGELOG.md has no entry for version ${packageVersion}`);
  }
  const license = existsSync(join(dist, 'LICENSE')) ? text(join(dist, 'LICENSE')) : '';
  if (!/Apache License\s+Version 2\.0/.test(license)) {
    problems.push('dist/LICENSE is missing or is not the Apache 2.0 text that package.json names');
  }
  return problems;
});

check('module.js and its source map', () => {
  const problems: string[] = [];
  for (const name of ['module.js', 'module.js.map']) {
    if (!existsSync(join(dist, name))) {
      problems.push(`dist/${name} is missing`);
    }
  }
  if (problems.length === 0) {
    const map = JSON.parse(text(join(dist, 'module.js.map'))) as { sources?: string[] };
    if (!map.sources?.some((s) => s.includes('module.tsx'))) {
      problems.push('module.js.map does not lead back to src/module.tsx');
    }
  }
  return problems;
});

check('no unsafe SVG', () =>
  files(dist)
    .filter((f) => f.toLowerCase().endsWith('.svg'))
    .flatMap((f) => {
      const svg = text(f);
      return /<script|<foreignObject|\son[a-z]+\s*=|javascript:|(href|src)\s*=\s*["']https?:/i.test(svg)
        ? [`${relative(dist, f)} holds script, event handlers, foreign content or outside references`]
        : [];
    })
);

check('no outside hosts in the bundle (no tracking scripts)', () => {
  const hosts = new Set<string>();
  for (const file of files(dist).filter((f) => f.endsWith('.js'))) {
    for (const [, host] of text(file).matchAll(/https?:\/\/([a-z0-9.-]+\.[a-z]{2,})/gi)) {
      hosts.add(host.toLowerCase());
    }
  }
  const unknown = [...hosts].filter((h) => !KNOWN_HOSTS.has(h));
  return {
    problems: unknown.map((h) => `the bundle names ${h}: add it to KNOWN_HOSTS only if it is not a tracker`),
    note: `hosts named: ${[...hosts].sort().join(', ') || 'none'}`,
  };
});

/** The validator's source rules for frontend code, as regular expressions over the files of src/. */
const CODE_RULES: Array<[string, RegExp]> = [
  [
    'console logging',
    /\bconsole\.(log|info|table|clear|count|countReset|dir|dirxml|group|groupEnd|time|timeEnd|timeLog|trace)\(/,
  ],
  ["Grafana's window globals", /window\.(grafanaBootData|grafanaRuntime|__grafanaSceneContext)/],
  ["React's internals", /__SECRET_INTERNALS_DO_NOT_USE_OR_YOU_WILL_BE_FIRED/],
  ['native browser dialogs', /(^|[^.\w])(window\.)?(alert|confirm|prompt)\(/],
  ['window.open', /window\.open\(/],
  ['window.location', /window\.location\.(search|href)/],
  ['TypeScript suppressions', /@ts-(ignore|expect-error)/],
  ['legacy gf-form classes', /\bgf-form/],
  ['CSS imports', /import\s+['"][^'"]+\.(css|scss|less)['"]|<Global\b/],
  ['the query endpoint', /\/api\/ds\/query/],
];

check('source code rules', () => {
  const sources = files(src).filter((f) => /\.(tsx?|jsx?)$/.test(f) && !/\.(test|spec)\.[jt]sx?$/.test(f));
  const testing = join(src, 'testing');
  return sources
    .filter((f) => !f.startsWith(testing))
    .flatMap((file) =>
      text(file)
        .split('\n')
        .flatMap((line, i) =>
          CODE_RULES.filter(([, pattern]) => pattern.test(line)).map(
            ([rule]) => `${relative(root, file)}:${i + 1}: ${rule}`
          )
        )
    );
});

check('nothing in the package that should not ship', () =>
  files(dist)
    .map((f) => relative(dist, f))
    .filter(
      (f) =>
        /(^|\/)(testdata|__tests__|node_modules)\//.test(f) ||
        /\.(test|spec)\.|\.tsx?$|\.DS_Store$|\.env$/.test(f) ||
        !/\.(js|map|json|md|svg|png|jpg|jpeg|gif|webp|txt)$|^LICENSE$/.test(f)
    )
    .map((f) => `dist/${f}`)
);

check('size', () => {
  const all = files(dist);
  const moduleKib = statSync(join(dist, 'module.js')).size / 1024;
  const totalMib = all.reduce((sum, f) => sum + statSync(f).size, 0) / 1024 / 1024;
  const jsMib = all.filter((f) => f.endsWith('.js')).reduce((sum, f) => sum + statSync(f).size, 0) / 1024 / 1024;
  const problems: string[] = [];
  if (moduleKib > MAX_MODULE_KIB) {
    problems.push(`module.js is ${moduleKib.toFixed(0)} KiB, over ${MAX_MODULE_KIB} KiB`);
  }
  if (totalMib > MAX_PACKAGE_MIB) {
    problems.push(`the package is ${totalMib.toFixed(1)} MiB, over ${MAX_PACKAGE_MIB} MiB`);
  }
  return {
    problems,
    note: `module.js ${moduleKib.toFixed(0)} KiB, all JavaScript ${jsMib.toFixed(2)} MiB, package ${totalMib.toFixed(2)} MiB in ${all.length} files`,
  };
});

let failed = 0;
for (const { check: name, problems, note } of results) {
  console.log(`${problems.length === 0 ? 'ok  ' : 'FAIL'} ${name}${note ? ` (${note})` : ''}`);
  for (const problem of problems) {
    console.log(`       ${problem}`);
  }
  failed += problems.length > 0 ? 1 : 0;
}
console.log(failed === 0 ? 'plugin-check: all checks pass' : `plugin-check: ${failed} check(s) failed`);
process.exit(failed === 0 ? 0 : 1);
