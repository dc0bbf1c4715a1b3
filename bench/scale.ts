/**
 * Scale: 10,000 native SLO documents of varied kinds, validated and turned into rules by the CLI
 * (`npm run -s cli -- validate|rules FILE...`) in a child process: wall time, peak memory (GNU time's
 * maximum resident set size of the largest process of the tree, when /usr/bin/time is present) and
 * the size of the rule file. `npm run bench` takes the median of three runs of each command.
 *
 * On its own it runs the CLI at several sizes and prints the peak memory of each, which stays flat
 * as the rules are written one SLO at a time:
 *   npx tsx bench/scale.ts [--count N]... [--per-file N] [--runs N]   (default: --count 10000 --count 50000, 1 run)
 */
import { spawn } from 'node:child_process';
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import YAML from 'yaml';

export interface CliRun {
  command: string;
  exitCode: number;
  wallSeconds: number;
  /** Peak resident memory in MiB, or undefined when it could not be measured. */
  peakRssMiB?: number;
  /** User and system CPU seconds (GNU time), what the run costs whatever else the machine does. */
  cpuSeconds?: number;
  outputBytes?: number;
  /** Wall seconds of every run, in order; the other figures are the median run's. */
  wallSecondsOfRuns?: number[];
}

export interface ScaleResult {
  slos: number;
  files: number;
  inputBytes: number;
  validate: CliRun;
  rules: CliRun;
  ruleGroups: number;
  ruleCount: number;
}

const TEAMS = ['payments', 'identity', 'search', 'checkout', 'platform', 'data'];

/** The i-th SLO document: ratio (bad or good, grouped or not), latency (classic or native), threshold, advanced. */
export function sloDocument(i: number): object {
  const service = `svc-${String(i % 997).padStart(3, '0')}`;
  const team = TEAMS[i % TEAMS.length];
  const kind = i % 8;
  const name = `slo-${String(i).padStart(5, '0')}`;
  const job = `job="${service}"`;
  let indicator: object;
  switch (kind) {
    case 0:
      indicator = {
        type: 'ratio',
        total: `http_requests_total{${job}}`,
        bad: `http_requests_total{${job}, code=~"5.."}`,
      };
      break;
    case 1:
      indicator = {
        type: 'ratio',
        total: `grpc_server_handled_total{${job}}`,
        good: `grpc_server_handled_total{${job}, grpc_code="OK"}`,
        groupBy: ['cluster'],
      };
      break;
    case 2:
      indicator = { type: 'latency', histogram: `http_request_duration_seconds{${job}}`, threshold: '0.5' };
      break;
    case 3:
      indicator = { type: 'latency', histogram: `rpc_duration_seconds{${job}}`, threshold: '0.25', native: true };
      break;
    case 4:
      indicator = {
        type: 'threshold',
        expr: `time() - max by (pipeline) (pipeline_last_success_timestamp_seconds{${job}})`,
        operator: '<',
        threshold: 3600,
        groupBy: ['pipeline'],
      };
      break;
    case 5:
      indicator = {
        type: 'advanced',
        total: `sum by (region) (rate(login_attempts_total{${job}, outcome!="bad_password"}[{{.window}}]))`,
        bad: `sum by (region) (rate(login_attempts_total{${job}, outcome=~"error|timeout"}[{{.window}}]))`,
        groupBy: ['region'],
      };
      break;
    case 6:
      indicator = {
        type: 'ratio',
        total: `queue_messages_total{${job}}`,
        bad: `queue_messages_total{${job}, result="dead_letter"}`,
        groupBy: ['queue', 'region'],
      };
      break;
    default:
      indicator = {
        type: 'ratio',
        total: `http_requests_total{${job}, route!="/health"}`,
        bad: `http_requests_total{${job}, route!="/health", code=~"5.."}`,
      };
  }
  const objectives =
    i % 5 === 0
      ? [
          { target: '99.9%', window: '30d' },
          { target: '99.5%', window: 'month' },
        ]
      : [{ target: ['99.9%', '99.5%', '99%', '99.95%'][i % 4], window: ['30d', '28d', '7d', 'week'][i % 4] }];
  const spec: Record<string, unknown> = {
    service,
    owner: `team-${team}`,
    labels: { team },
    indicator,
    objectives,
    annotations: { runbook: `https://runbooks.example.com/${service}/${name}` },
  };
  if (i % 3 === 0) {
    spec.tier = ['critical', 'essential', 'standard', 'best_effort'][i % 4];
  }
  if (i % 7 === 0) {
    spec.alerting = { minBadEvents: 5, noData: { for: '30m' } };
  }
  return { apiVersion: 'burnrate.dev/v1', kind: 'ServiceLevelObjective', metadata: { name }, spec };
}

function timed(args: string[], cwd: string, stdoutFile: string | undefined, label: string): Promise<CliRun> {
  const gnuTime = existsSync('/usr/bin/time');
  // GNU time's report goes to a temporary file, never into the working directory.
  const timeFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'burnrate-time-')), 'report.txt');
  const [command, argv] = gnuTime ? ['/usr/bin/time', ['-v', '-o', timeFile, ...args]] : [args[0], args.slice(1)];
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, argv, { cwd, stdio: ['ignore', stdoutFile ? 'pipe' : 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (d) => (stderr += d));
    const written =
      stdoutFile && child.stdout
        ? new Promise<void>((done) => child.stdout!.pipe(createWriteStream(stdoutFile)).on('finish', () => done()))
        : Promise.resolve();
    child.on('error', reject);
    child.on('close', async (code) => {
      await written;
      const wallSeconds = (performance.now() - started) / 1000;
      let peakRssMiB: number | undefined;
      let cpuSeconds: number | undefined;
      if (gnuTime && existsSync(timeFile)) {
        const report = readFileSync(timeFile, 'utf8');
        const match = /Maximum resident set size \(kbytes\): (\d+)/.exec(report);
        peakRssMiB = match ? Number(match[1]) / 1024 : undefined;
        const user = /User time \(seconds\): ([\d.]+)/.exec(report);
        const system = /System time \(seconds\): ([\d.]+)/.exec(report);
        cpuSeconds = user && system ? Number(user[1]) + Number(system[1]) : undefined;
      }
      rmSync(path.dirname(timeFile), { recursive: true, force: true });
      if (code !== 0) {
        reject(new Error(`${label} exited with ${code}: ${stderr.slice(-2000)}`));
        return;
      }
      resolve({ command: label, exitCode: code ?? -1, wallSeconds, peakRssMiB, cpuSeconds });
    });
  });
}

/**
 * The median of `runs` runs by wall time, with every run's wall time: on a machine shared with other work one
 * run can take half as long again as the next.
 */
async function medianRun(runs: number, run: () => Promise<CliRun>): Promise<CliRun> {
  const done: CliRun[] = [];
  for (let i = 0; i < runs; i++) {
    done.push(await run());
  }
  const median = [...done].sort((a, b) => a.wallSeconds - b.wallSeconds)[Math.floor((runs - 1) / 2)];
  return { ...median, wallSecondsOfRuns: done.map((r) => r.wallSeconds) };
}

export async function runScale(
  repo: string,
  work: string,
  count = 10_000,
  perFile = 100,
  runs = 3
): Promise<ScaleResult> {
  const dir = path.join(work, 'slos');
  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  let inputBytes = 0;
  for (let f = 0; f * perFile < count; f++) {
    const docs = [];
    for (let i = f * perFile; i < Math.min(count, (f + 1) * perFile); i++) {
      docs.push(YAML.stringify(sloDocument(i)));
    }
    const file = path.join(dir, `slos-${String(f).padStart(3, '0')}.yaml`);
    const text = docs.join('---\n');
    writeFileSync(file, text);
    inputBytes += Buffer.byteLength(text);
    files.push(file);
  }
  // The CLI as users install it (package.json's bin), built from the sources here.
  await timed(['npm', 'run', '-s', 'build:cli'], repo, undefined, 'npm run build:cli');
  const cli = [process.execPath, path.join('dist-cli', 'burnrate.js')];
  const validate = await medianRun(runs, () =>
    timed([...cli, 'validate', ...files], repo, undefined, 'burnrate validate')
  );
  const rulesFile = path.join(work, `rules-${count}.yaml`);
  const rules = await medianRun(runs, () => timed([...cli, 'rules', ...files], repo, rulesFile, 'burnrate rules'));
  rules.outputBytes = statSync(rulesFile).size;
  const { ruleGroups, ruleCount } = await countRules(rulesFile);
  rmSync(dir, { recursive: true, force: true });
  rmSync(rulesFile, { force: true });
  return { slos: count, files: files.length, inputBytes, validate, rules, ruleGroups, ruleCount };
}

/** Groups and rules of a Prometheus rule file, read line by line: at 50,000 SLOs it is over a gigabyte. */
async function countRules(file: string): Promise<{ ruleGroups: number; ruleCount: number }> {
  let ruleGroups = 0;
  let ruleCount = 0;
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    if (/^ {2}- name: /.test(line)) {
      ruleGroups++;
    } else if (/^ {6}- (record|alert): /.test(line)) {
      ruleCount++;
    }
  }
  return { ruleGroups, ruleCount };
}

const MIB = 1024 * 1024;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      count: { type: 'string', multiple: true, default: ['10000', '50000'] },
      'per-file': { type: 'string', default: '100' },
      runs: { type: 'string', default: '1' },
    },
  });
  const perFile = Number(values['per-file']);
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) {
    throw new Error(`--runs must be a whole number above 0, got ${values.runs}`);
  }
  const repo = path.resolve(__dirname, '..');
  if (!existsSync('/usr/bin/time')) {
    process.stderr.write('scale: no /usr/bin/time (GNU time): peak memory is not measured\n');
  }
  const line = (cells: string[]) => process.stdout.write(`${cells.join(' | ')}\n`);
  line([
    'SLOs',
    'files',
    'input MiB',
    'validate s',
    'validate cpu s',
    'validate peak RSS MiB',
    'rules s',
    'rules cpu s',
    'rules peak RSS MiB',
    'output MiB',
    'groups',
    'rules',
  ]);
  for (const count of values.count.map(Number)) {
    const work = mkdtempSync(path.join(os.tmpdir(), 'burnrate-scale-'));
    try {
      const r = await runScale(repo, work, count, perFile, runs);
      const mib = (value: number | undefined) => (value === undefined ? '?' : (value / MIB).toFixed(1));
      line([
        String(r.slos),
        String(r.files),
        mib(r.inputBytes),
        r.validate.wallSeconds.toFixed(1),
        r.validate.cpuSeconds?.toFixed(1) ?? '?',
        r.validate.peakRssMiB?.toFixed(0) ?? '?',
        r.rules.wallSeconds.toFixed(1),
        r.rules.cpuSeconds?.toFixed(1) ?? '?',
        r.rules.peakRssMiB?.toFixed(0) ?? '?',
        mib(r.rules.outputBytes),
        String(r.ruleGroups),
        String(r.ruleCount),
      ]);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`scale: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
