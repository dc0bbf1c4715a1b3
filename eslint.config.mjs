import { defineConfig } from 'eslint/config';
import boundaries from 'eslint-plugin-boundaries';
import baseConfig from './.config/eslint.config.mjs';

/*
 * The layers of src, lowest first: a file imports only from its own layer or lower ones, so the core points
 * one way (the model knows nothing of PromQL, PromQL nothing of rule files or pages).
 */
const LAYERS = [
  // The model, values, durations and budget maths.
  { slo: 'src/slo' },
  // Every PromQL builder and the parser.
  { promql: 'src/promql' },
  { rules: 'src/rules', formats: 'src/formats', settings: 'src/settings.ts' },
  { decisions: 'src/decisions', deploy: 'src/deploy' },
  { storage: 'src/storage', api: 'src/api', manifest: 'src/plugin.json' },
  { scenes: 'src/scenes', components: 'src/components', utils: 'src/utils', constants: 'src/constants.ts' },
  { pages: 'src/pages' },
];
// Peers of a layer that must not import each other: the rule builders and the file formats stay independent.
const SEPARATE_PEERS = [['rules', 'formats']];
// Entry points: the plugin module and the router may import any layer, the CLI anything up to storage and api.
const ENTRY_POINTS = { app: ['src/module.tsx', 'src/components/App'], cli: ['src/cli'] };

const layerNames = LAYERS.map((layer) => Object.keys(layer));
const cliHighestLayer = layerNames.findIndex((names) => names.includes('api'));
const separated = (a, b) => SEPARATE_PEERS.some((pair) => pair.includes(a) && pair.includes(b) && a !== b);
const namesUpTo = (index) => layerNames.slice(0, index + 1).flat();
const importableFrom = (name, index) => namesUpTo(index).filter((to) => !separated(name, to));
// A folder stands for every file in it.
const filePattern = (path) => (/\.\w+$/.test(path) ? path : `${path}/**`);
const allow = (from, names) => ({
  from: { file: { categories: from } },
  allow: { to: names.map((name) => ({ file: { categories: name } })) },
});

const layering = {
  files: ['src/**/*.{ts,tsx}'],
  // Tests and their helpers may import anything.
  ignores: ['src/**/*.test.{ts,tsx}', 'src/testing/**'],
  plugins: { boundaries },
  settings: {
    'import/resolver': { node: { extensions: ['.ts', '.tsx', '.js', '.json'] } },
    'boundaries/files': [
      // Entry points first: the router's folder is inside components/ but is not that layer.
      ...Object.entries(ENTRY_POINTS).flatMap(([category, paths]) =>
        paths.map((path) => ({ category, pattern: filePattern(path), exclusive: true }))
      ),
      ...LAYERS.flatMap((layer) =>
        Object.entries(layer).map(([category, path]) => ({ category, pattern: filePattern(path) }))
      ),
      { category: 'testing', pattern: 'src/testing/**' },
      // The package's manifest: the CLI prints its version.
      { category: 'package', pattern: 'package.json' },
    ],
  },
  rules: {
    // A file or folder outside every layer is an error, not a way round them.
    'boundaries/no-unknown-files': 'error',
    'boundaries/no-unknown-dependencies': 'error',
    'boundaries/dependencies': [
      'error',
      {
        default: 'disallow',
        policies: [
          ...layerNames.flatMap((names, index) => names.map((name) => allow(name, importableFrom(name, index)))),
          allow('app', [...namesUpTo(layerNames.length - 1), 'app']),
          allow('cli', [...namesUpTo(cliHighestLayer), 'cli', 'package']),
        ],
      },
    ],
  },
};

export default defineConfig([
  {
    ignores: [
      '**/logs',
      '**/*.log',
      '**/npm-debug.log*',
      '**/yarn-debug.log*',
      '**/yarn-error.log*',
      '**/.pnpm-debug.log*',
      '**/node_modules/',
      '.yarn/cache',
      '.yarn/unplugged',
      '.yarn/build-state.yml',
      '.yarn/install-state.gz',
      '**/.pnp.*',
      '**/pids',
      '**/*.pid',
      '**/*.seed',
      '**/*.pid.lock',
      '**/lib-cov',
      '**/coverage',
      '**/dist/',
      'dist-cli/',
      '**/artifacts/',
      '**/work/',
      '**/ci/',
      'test-results/',
      'playwright-report/',
      'blob-report/',
      'playwright/.cache/',
      'playwright/.auth/',
      '**/.idea',
      '**/.eslintcache',
    ],
  },
  ...baseConfig,
  layering,
  {
    // The demo's traffic generator: lint it with the same rules as src (no type information needed).
    files: ['demo/**/*.ts'],
  },
  {
    // The benchmark, the accuracy test and the scripts (run with tsx, typed by tsconfig.scripts.json).
    files: ['bench/**/*.ts', 'tests/accuracy/**/*.ts', 'scripts/**/*.ts'],
  },
  {
    // The preview host and the browser tests (npm run preview, scripts/browser-tests.sh).
    files: ['preview/**/*.{ts,tsx}', 'tests/browser/**/*.ts'],
  },
]);
