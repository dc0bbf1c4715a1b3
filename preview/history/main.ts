/**
 * The demo's history as a command, for the docker-compose demo's init service (the preview calls
 * backfillHistory itself): backfills the traffic and the recording rules into the TSDB directory of each
 * Prometheus before it opens it, and writes the origin the traffic generator continues from (`--origin-file`).
 *
 * Usage: npx tsx preview/history/main.ts --prometheus CONFIG=DIR... --origin-out FILE [--seed N]
 */
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { backfillHistory, type HistoryTarget } from './backfill';
import { readDemoPrometheus } from './demoPrometheus';

const USAGE = `Usage: history --prometheus CONFIG=DIR [--prometheus CONFIG=DIR]... --origin-out FILE [--seed N]
  --prometheus CONFIG=DIR  a live Prometheus: its configuration (it runs in that file's folder with
                           --config.file=prometheus.yml, so its rule file is named as rule_files names it;
                           only the series of its jobs are written) and the TSDB directory it will open (its
                           history is replaced); once for each Prometheus that scrapes the traffic generator
  --origin-out FILE        where to write the origin for the traffic generator's --origin-file
  --seed N                 the traffic generator's seed (default 1)
`;

/** A `--prometheus CONFIG=DIR` as the history of that Prometheus. */
function target(spec: string): HistoryTarget {
  const at = spec.indexOf('=');
  if (at <= 0 || at === spec.length - 1) {
    throw new Error(`--prometheus takes CONFIG=DIR, got "${spec}"\n\n${USAGE}`);
  }
  const configFile = path.resolve(spec.slice(0, at));
  const demo = readDemoPrometheus(configFile);
  if (demo.rulesYaml === undefined) {
    throw new Error(`${configFile}: its rule file ${demo.ruleFile} is missing (npm run provision writes it)`);
  }
  return {
    name: path.basename(path.dirname(configFile)),
    tsdb: path.resolve(spec.slice(at + 1)),
    rulesYaml: demo.rulesYaml,
    ruleFile: demo.ruleFile,
    jobs: demo.jobs,
  };
}

const root = path.resolve(__dirname, '..', '..');

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      prometheus: { type: 'string', multiple: true },
      'origin-out': { type: 'string' },
      seed: { type: 'string', default: '1' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  if (!values.prometheus?.length || !values['origin-out']) {
    throw new Error(`missing --prometheus or --origin-out\n\n${USAGE}`);
  }
  const seed = Number(values.seed);
  if (!Number.isInteger(seed)) {
    throw new Error(`--seed must be an integer, got "${values.seed}"`);
  }
  const targets = values.prometheus.map(target);
  if (new Set(targets.map((t) => t.name)).size < targets.length) {
    throw new Error('each --prometheus needs a configuration in a folder of its own');
  }
  // A history already there (a restarted demo) is replaced: its origin would not match a new generator's.
  for (const { tsdb } of targets) {
    for (const entry of fs.existsSync(tsdb) ? fs.readdirSync(tsdb) : []) {
      fs.rmSync(path.join(tsdb, entry), { recursive: true, force: true });
    }
  }
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'burnrate-history-'));
  const children: ChildProcess[] = [];
  try {
    const started = Date.now();
    const history = await backfillHistory({
      root,
      work,
      targets,
      seed,
      instance: 'traffic:9464',
      width: Math.max(2, os.availableParallelism()),
      log: (line) => process.stderr.write(`${line}\n`),
      children,
    });
    const originOut = path.resolve(values['origin-out']);
    fs.mkdirSync(path.dirname(originOut), { recursive: true });
    fs.writeFileSync(originOut, `${history.origin}\n`);
    process.stderr.write(`history: ready in ${((Date.now() - started) / 1000).toFixed(0)}s\n`);
  } finally {
    for (const child of children) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
      }
    }
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`history: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
