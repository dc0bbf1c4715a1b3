/**
 * Benchmark: rule evaluation time of many SLOs on a real Prometheus, for three rule shapes side by
 * side: ours (rulesets.ts), the Sloth shape (competitors/sloth.ts) and the Pyrra shape
 * (competitors/pyrra.ts). A script that prints figures, not a test.
 *
 *   npx tsx bench/evalTime.ts [--slos N] [--days D]      (npm run bench:eval; default 1,000 SLOs, 3 days)
 *   options: --services N (default: one per 12.5 SLOs, 2 to 80)  --measure S (seconds measured per
 *            shape, default 120)  --warmup S (default 45)  --timeout M (minutes for the whole run,
 *            default 120)  --keep  --out FILE  --no-write
 *
 * 1. Generates the counters of the services (lib/fleet.ts) over D days and backfills them with promtool
 *    into a fresh TSDB in a temporary directory; starts one Prometheus on 127.0.0.1 that scrapes a
 *    target continuing the counters live (lib/feeder.ts) from then on, so that raw data has no gap.
 * 2. Builds the rule groups of every SLO in each shape and backfills, over the whole history, the
 *    recordings that other rules read over long ranges (each shape's `history` stages: our rates,
 *    10-minute sums, snapshots and tiles; Sloth's 5m error ratios; Pyrra reads only raw counters), for
 *    every SLO, with range queries and one promtool OpenMetrics import per stage (lib/recordings.ts).
 * 3. For each shape in turn, the same Prometheus is restarted with that shape's rule file only, every
 *    group at 30s (the interval of most groups; our hourly roll-up and Pyrra's 150s increases then run
 *    more often than deployed), runs `--warmup` seconds, then `--measure` seconds are measured from its
 *    own /metrics: each group's last evaluation time (prometheus_rule_group_last_duration_seconds),
 *    rules, the group evaluation seconds and the CPU seconds of the process over the period, and its
 *    peak resident memory.
 * Prints a table and writes bench/results/<date>-evaltime.json.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { RuleGroup } from '../src/rules/build';
import { renderRules } from '../src/rules/output';
import { parsePromDuration } from '../src/slo/duration';
import { Prometheus, atExit, freePort, settleCompaction, sumOfSamples } from './lib/prometheus';
import { backfillCounters } from './lib/backfill';
import { backfillRecordings, type RecordingBackfill } from './lib/recordings';
import { feederScrapeConfig, startFeeder } from './lib/feeder';
import { generateFleet } from './lib/fleet';
import { loadSlo } from './lib/slos';
import { withInterval } from './cost';
import { burnrate, type RuleSet, type SloRules } from './rulesets';
import { sloth } from './competitors/sloth';
import { pyrra } from './competitors/pyrra';

const REPO = path.resolve(__dirname, '..');
const STEP = 60;
const LIVE_INTERVAL = '30s';

const { values: args } = parseArgs({
  options: {
    slos: { type: 'string', default: '1000' },
    days: { type: 'string', default: '3' },
    services: { type: 'string' },
    measure: { type: 'string', default: '120' },
    warmup: { type: 'string', default: '45' },
    timeout: { type: 'string', default: '120' },
    keep: { type: 'boolean', default: false },
    out: { type: 'string' },
    'no-write': { type: 'boolean', default: false },
  },
});

const started = Date.now();
function log(text: string): void {
  const s = Math.round((Date.now() - started) / 1000);
  console.log(`[${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}] ${text}`);
}
const sleep = (seconds: number) => new Promise((r) => setTimeout(r, seconds * 1000));

export interface ShapeResult {
  shape: string;
  title: string;
  slos: number;
  groups: number;
  rules: number;
  /** Sum over groups of their last evaluation time (s): one evaluation of every group. */
  sumLastDurationSeconds: number;
  /** Sum over groups of last duration x 60 / the group's deployed interval: evaluation work a minute. */
  evalSecondsPerMinute: number;
  /** The same at the intervals of the run (every group at 30s). */
  evalSecondsPerMinuteAsRun: number;
  /** prometheus_rule_group_duration_seconds_sum over the measured period, per minute (as run). */
  groupSecondsPerMinuteAsRun: number;
  /** process_cpu_seconds_total over the measured period, per minute (as run: rules, scrapes, TSDB). */
  cpuSecondsPerMinute: number;
  peakRssMiB: number;
  iterations: number;
  missedIterations: number;
  failedEvaluations: number;
  /** Groups that had not been evaluated when read (last duration 0). */
  groupsNotEvaluated: number;
  measuredSeconds: number;
  /** Minutes between the end of the backfilled recordings and the start of this shape's run. */
  recordingGapMinutes: number;
  slowestGroups: Array<{ group: string; seconds: number; intervalSeconds: number }>;
}

/** Runs one shape's rules live and reads what Prometheus reports about them. */
async function measureShape(
  prometheus: Prometheus,
  set: RuleSet,
  rules: SloRules[],
  config: (ruleFile: string) => string,
  work: string,
  historyEnd: number,
  options: { warmup: number; measure: number }
): Promise<ShapeResult> {
  const groups: RuleGroup[] = rules.flatMap((r) => r.groups);
  const deployed = new Map<string, number>(groups.map((g) => [g.name, parsePromDuration(g.interval) ?? NaN]));
  const file = `live-${set.name}.yaml`;
  writeFileSync(path.join(work, file), renderRules(withInterval(groups, LIVE_INTERVAL), 'prometheus'));
  prometheus.config = config(file);
  await prometheus.stop();
  await prometheus.start();
  const gap = (Date.now() / 1000 - historyEnd) / 60;
  log(`  ${set.name}: ${groups.length} groups loaded, every group at ${LIVE_INTERVAL}; warm-up ${options.warmup} s`);
  await sleep(options.warmup);
  const before = await prometheus.selfMetrics();
  const from = Date.now();
  let peakRss = sumOfSamples(before, 'process_resident_memory_bytes');
  while (Date.now() - from < options.measure * 1000) {
    await sleep(Math.min(5, options.measure - (Date.now() - from) / 1000));
    peakRss = Math.max(peakRss, sumOfSamples(await prometheus.selfMetrics(), 'process_resident_memory_bytes'));
  }
  const after = await prometheus.selfMetrics();
  const minutes = (Date.now() - from) / 60_000;
  const delta = (name: string) => sumOfSamples(after, name) - sumOfSamples(before, name);

  let sumLast = 0;
  let perMinute = 0;
  let notEvaluated = 0;
  const slowest: ShapeResult['slowestGroups'] = [];
  for (const s of after.filter((x) => x.name === 'prometheus_rule_group_last_duration_seconds')) {
    // rule_group is "<file>;<group name>".
    const name = s.labels.rule_group.slice(s.labels.rule_group.indexOf(';') + 1);
    const interval = deployed.get(name);
    if (interval === undefined) {
      throw new Error(`group ${name} is not one of ${set.name}'s`);
    }
    sumLast += s.value;
    perMinute += (s.value * 60) / interval;
    if (s.value === 0) {
      notEvaluated++;
    }
    slowest.push({ group: name, seconds: s.value, intervalSeconds: interval });
  }
  slowest.sort((a, b) => b.seconds - a.seconds);
  const liveSeconds = parsePromDuration(LIVE_INTERVAL)!;
  return {
    shape: set.name,
    title: set.title,
    slos: rules.length,
    groups: after.filter((x) => x.name === 'prometheus_rule_group_rules').length,
    rules: sumOfSamples(after, 'prometheus_rule_group_rules'),
    sumLastDurationSeconds: sumLast,
    evalSecondsPerMinute: perMinute,
    evalSecondsPerMinuteAsRun: (sumLast * 60) / liveSeconds,
    groupSecondsPerMinuteAsRun: delta('prometheus_rule_group_duration_seconds_sum') / minutes,
    cpuSecondsPerMinute: delta('process_cpu_seconds_total') / minutes,
    peakRssMiB: peakRss / 2 ** 20,
    iterations: delta('prometheus_rule_group_iterations_total'),
    missedIterations: delta('prometheus_rule_group_iterations_missed_total'),
    failedEvaluations: delta('prometheus_rule_evaluation_failures_total'),
    groupsNotEvaluated: notEvaluated,
    measuredSeconds: minutes * 60,
    recordingGapMinutes: gap,
    slowestGroups: slowest.slice(0, 5),
  };
}

function printTable(results: ShapeResult[]): void {
  const header = [
    'shape',
    'SLOs',
    'groups',
    'rules',
    'sum of last durations (s)',
    'evaluation s per minute',
    'CPU s per minute',
    'peak RSS (MiB)',
  ];
  const rows = results.map((r) => [
    r.title,
    String(r.slos),
    String(r.groups),
    String(r.rules),
    r.sumLastDurationSeconds.toFixed(3),
    r.evalSecondsPerMinute.toFixed(3),
    r.cpuSecondsPerMinute.toFixed(2),
    r.peakRssMiB.toFixed(0),
  ]);
  const widths = header.map((h, k) => Math.max(h.length, ...rows.map((r) => r[k].length)));
  const line = (cells: string[]) => cells.map((c, k) => (k === 0 ? c.padEnd(widths[k]) : c.padStart(widths[k])));
  console.log('\n' + line(header).join(' | '));
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  rows.forEach((r) => console.log(line(r).join(' | ')));
  console.log(
    '\nevaluation s per minute: sum over groups of last duration x 60 / the deployed interval (ours: 30s and 1h;\n' +
      'Sloth: 30s; Pyrra: 30s and 150s). The run itself evaluates every group at 30s: CPU s per minute is\n' +
      'measured at that rate (rules, scrapes and TSDB of the whole process).'
  );
  for (const r of results) {
    console.log(
      `  ${r.shape}: ${r.iterations} group evaluations in ${r.measuredSeconds.toFixed(0)} s, ${r.missedIterations} missed, ` +
        `${r.failedEvaluations} failed rule evaluations, ${r.groupsNotEvaluated} groups not yet evaluated; ` +
        `as run: ${r.evalSecondsPerMinuteAsRun.toFixed(2)} s/min from last durations, ${r.groupSecondsPerMinuteAsRun.toFixed(2)} s/min ` +
        `of group evaluations; recordings end ${r.recordingGapMinutes.toFixed(0)} min before the run; slowest group ` +
        `${r.slowestGroups[0]?.group} ${r.slowestGroups[0]?.seconds.toFixed(4)} s`
    );
  }
}

async function main(): Promise<void> {
  const sloCount = Number(args.slos);
  const days = Number(args.days);
  const services = Number(args.services ?? Math.min(80, Math.max(2, Math.round(sloCount / 12.5))));
  const options = { warmup: Number(args.warmup), measure: Number(args.measure) };
  const timeout = setTimeout(
    () => {
      console.error(`evalTime: not done within ${args.timeout} minutes; stopping`);
      process.exit(2);
    },
    Number(args.timeout) * 60_000
  );
  timeout.unref();

  const work = mkdtempSync(path.join(os.tmpdir(), 'burnrate-evaltime-'));
  const dataDir = path.join(work, 'data');
  mkdirSync(dataDir);
  if (!args.keep) {
    atExit(() => rmSync(work, { recursive: true, force: true }));
  }

  const end = Math.floor(Date.now() / 60_000) * 60 - 120;
  const minutes = days * 1440;
  const t0 = end - minutes * STEP;
  const fleet = generateFleet({ slos: sloCount, services, t0, minutes });
  const slos = fleet.documents.map(loadSlo);
  const sets: RuleSet[] = [burnrate, sloth, pyrra];
  const built = new Map<RuleSet, SloRules[]>(sets.map((set) => [set, slos.map((slo) => set.build(slo))]));
  log(`${sloCount} SLOs on ${services} services (${fleet.series} counter series), ${days} days at ${STEP}s`);

  let prometheus: Prometheus | undefined;
  let feeder: Awaited<ReturnType<typeof startFeeder>> | undefined;
  try {
    const blocks = await backfillCounters(fleet.families, t0, STEP, minutes + 1, work, dataDir, () => undefined);
    log(`counters backfilled (${blocks} blocks)`);
    feeder = await startFeeder(fleet.families, end, STEP);
    const feederPort = feeder.port;
    const config = (ruleFile?: string) =>
      `global:\n  scrape_interval: 15s\n  evaluation_interval: ${LIVE_INTERVAL}\n` +
      (ruleFile ? `rule_files:\n  - ${ruleFile}\n` : '') +
      feederScrapeConfig(feederPort, '15s');
    prometheus = new Prometheus(dataDir, work, await freePort());
    prometheus.config = config();
    await prometheus.start();

    // Recordings read over long ranges, stage after stage (a stage reads the previous ones), every
    // shape's stage k together; each stage ends where the generated counters end.
    const backfills: Array<RecordingBackfill & { stage: number }> = [];
    const stages = Math.max(...[...built.values()].flat().map((r) => r.history.length));
    for (let k = 0; k < stages; k++) {
      const groups = [...built.values()].flat().flatMap((r) => r.history[k] ?? []);
      const b = await backfillRecordings(prometheus, groups, t0 + 600, end, work, dataDir, `stage${k + 1}`);
      backfills.push({ stage: k + 1, ...b });
      log(
        `history stage ${k + 1}: ${b.rules} rules, ${b.series} series, ${(b.samples / 1e6).toFixed(1)}M samples, ` +
          `${b.blocks} blocks in ${b.seconds.toFixed(0)} s`
      );
      await prometheus.stop();
      await prometheus.start();
    }
    await settleCompaction(prometheus, log, 'backfilled recordings');

    const results: ShapeResult[] = [];
    for (const set of sets) {
      results.push(await measureShape(prometheus, set, built.get(set)!, config, work, end, options));
      log(`measured ${set.name}`);
    }
    await prometheus.stop();
    prometheus = undefined;

    printTable(results);
    const result = {
      date: new Date().toISOString(),
      environment: {
        prometheus: '2.42',
        node: process.version,
        cpus: os.cpus().length,
        platform: `${os.platform()} ${os.arch()}`,
      },
      data: {
        slos: sloCount,
        services,
        counterSeries: fleet.series,
        days,
        start: new Date(t0 * 1000).toISOString(),
        end: new Date(end * 1000).toISOString(),
        liveInterval: LIVE_INTERVAL,
        warmupSeconds: options.warmup,
        measureSeconds: options.measure,
      },
      backfills,
      results,
      seconds: (Date.now() - started) / 1000,
    };
    if (!args['no-write']) {
      const out = args.out ?? path.join(REPO, 'bench', 'results', `${result.date.slice(0, 10)}-evaltime.json`);
      mkdirSync(path.dirname(out), { recursive: true });
      writeFileSync(out, JSON.stringify(result, null, 1) + '\n');
      console.log(`\nwrote ${path.relative(process.cwd(), out)}`);
    }
  } finally {
    await prometheus?.stop();
    await feeder?.close();
    if (args.keep) {
      console.log(`kept ${work}`);
    }
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exit(1);
  }
);
