/**
 * The demo's history as a command, for the docker-compose demo's init service (the preview calls
 * backfillHistory itself): backfills the traffic and the recording rules into a TSDB directory before
 * Prometheus opens it, and writes the origin the traffic generator continues from (`--origin-file`).
 *
 * Usage: npx tsx preview/history/main.ts --tsdb DIR --rules FILE --rule-file PATH --origin-out FILE [--seed N]
 */
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { backfillHistory } from './backfill';

const USAGE = `Usage: history --tsdb DIR --rules FILE --rule-file PATH --origin-out FILE [--seed N]
  --tsdb DIR         the TSDB directory Prometheus will open (its history is replaced)
  --rules FILE       the rule file the live Prometheus loads
  --rule-file PATH   that file's path exactly as the live Prometheus names it (e.g. rules/burnrate.rules.yaml
                     when it runs in the configuration's directory with --config.file=prometheus.yml)
  --origin-out FILE  where to write the origin for the traffic generator's --origin-file
  --seed N           the traffic generator's seed (default 1)
`;

const root = path.resolve(__dirname, '..', '..');

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      tsdb: { type: 'string' },
      rules: { type: 'string' },
      'rule-file': { type: 'string' },
      'origin-out': { type: 'string' },
      seed: { type: 'string', default: '1' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  const missing = ['tsdb', 'rules', 'rule-file', 'origin-out'].filter((k) => !values[k as keyof typeof values]);
  if (missing.length > 0) {
    throw new Error(`missing ${missing.map((m) => `--${m}`).join(', ')}\n\n${USAGE}`);
  }
  const seed = Number(values.seed);
  if (!Number.isInteger(seed)) {
    throw new Error(`--seed must be an integer, got "${values.seed}"`);
  }
  const tsdb = path.resolve(values.tsdb!);
  // A history already there (a restarted demo) is replaced: its origin would not match a new generator's.
  for (const entry of fs.existsSync(tsdb) ? fs.readdirSync(tsdb) : []) {
    fs.rmSync(path.join(tsdb, entry), { recursive: true, force: true });
  }
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'burnrate-history-'));
  const children: ChildProcess[] = [];
  try {
    const started = Date.now();
    const history = await backfillHistory({
      root,
      work,
      tsdb,
      rulesYaml: fs.readFileSync(values.rules!, 'utf8'),
      ruleFile: values['rule-file']!,
      seed,
      instance: 'traffic:9464',
      width: Math.max(2, os.availableParallelism()),
      log: (line) => process.stderr.write(`${line}\n`),
      children,
    });
    fs.mkdirSync(path.dirname(path.resolve(values['origin-out']!)), { recursive: true });
    fs.writeFileSync(values['origin-out']!, `${history.origin}\n`);
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
