/**
 * `npm run build:cli`: the CLI as one JavaScript file that runs with plain Node 20 and no node_modules
 * (`node dist-cli/burnrate.js validate slos.yaml`), for CI jobs and pre-commit hooks that should not
 * install the plugin's dependencies. Prints the file's size.
 */
import { build } from 'esbuild';
import { chmodSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outfile = join(root, 'dist-cli', 'burnrate.js');

async function main(): Promise<void> {
  await build({
    entryPoints: [join(root, 'src', 'cli', 'index.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    minify: true,
    legalComments: 'eof',
    banner: { js: '#!/usr/bin/env node' },
    logLevel: 'warning',
  });
  chmodSync(outfile, 0o755);
  const kib = statSync(outfile).size / 1024;
  console.log(`dist-cli/burnrate.js: ${kib.toFixed(0)} KiB`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
