/**
 * The preview's history: before its Prometheus servers start, each TSDB is filled with the demo's traffic of
 * the past days that this Prometheus scrapes (the generator's simulation, demo/traffic/history.ts, run here
 * once and written as one block per TSDB, with the series of its jobs) and with its recording rules over
 * that time (evaluated stage after stage, see stages.ts, each stage's results one block). The live traffic
 * generator then continues the same counters from the same origin.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { SLO_METRICS } from '../../src/promql/slo';
import { freePort } from '../server/freePort';
import { CATALOGUE } from '../../demo/traffic/catalogue';
import { simulateHistory } from '../../demo/traffic/history';
import {
  evaluateRule,
  firstEvaluation,
  groupOffset,
  intervalSeconds,
  MAX_POINTS,
  recordedSeries,
  type RecordedRule,
} from './evaluate';
import { backfillStages, type AnyGroup } from './stages';
import { PhaseTimer, timingTable, type Phase } from './timing';
import { writeBlock } from './tsdbBlock';

/** One live Prometheus whose history is written. */
export interface HistoryTarget {
  /** For the log and the scratch folder, e.g. its datasource uid. */
  name: string;
  /** The TSDB directory the live Prometheus will open. */
  tsdb: string;
  /** The rule groups the live Prometheus evaluates, as YAML. */
  rulesYaml: string;
  /** The rule file's path exactly as the live Prometheus names it (relative to its working directory). */
  ruleFile: string;
  /**
   * The jobs it scrapes (the generator's services): only their series are in its history, so a query on
   * another Prometheus finds nothing for them. Undefined: every service.
   */
  jobs?: readonly string[];
}

export interface HistoryOptions {
  root: string;
  /** A scratch directory (removed by the caller). */
  work: string;
  /** The Prometheus servers that share the traffic generator; their rules are evaluated side by side. */
  targets: HistoryTarget[];
  seed: number;
  /** The instance label of the generator's series (the live scrape config sets the same). */
  instance: string;
  /** Queries and promtool processes at a time, over all targets together. */
  width: number;
  log: (line: string) => void;
  /** Children started here, for the caller to stop on exit. */
  children: ChildProcess[];
}

export interface History {
  /** Unix seconds: the simulated processes started then (the generator's --origin). */
  origin: number;
  /** Unix seconds: the last backfilled sample. */
  end: number;
  /** Where the time went, phase by phase. */
  phases: Phase[];
}

/** TSDB block length: the rule backfill starts on a block boundary. */
const BLOCK_SECONDS = 7200;
/**
 * The budget remaining is read at the present only (SLO list, overview, gate; the pages' range panels
 * compute from the window sums), and costs the most to evaluate: it is backfilled over the last hours.
 */
const PRESENT_ONLY_SECONDS = 3 * 3600;
/** A rule's range is queried in spans of at most this long (and of at most MAX_POINTS evaluations). */
const SPAN_SECONDS = 3 * 86400;

/** [first, last] evaluation times of the spans that cover the evaluations first, first + interval, ... <= end. */
export function evaluationSpans(first: number, end: number, interval: number): Array<[number, number]> {
  const perSpan = Math.max(1, Math.min(MAX_POINTS, Math.floor(SPAN_SECONDS / interval)));
  const spans: Array<[number, number]> = [];
  for (let from = first; from <= end; from += perSpan * interval) {
    spans.push([from, Math.min(end, from + (perSpan - 1) * interval)]);
  }
  return spans;
}

/** The series of a rule's spans, evaluated in any order, as one set with each series' samples in time order. */
export function mergeSpans(
  parts: Array<Map<string, { labels: Record<string, string>; values: Array<[number, string]> }>>
): Array<{ labels: Record<string, string>; values: Array<[number, string]> }> {
  const merged = new Map<string, { labels: Record<string, string>; values: Array<[number, string]> }>();
  for (const part of parts) {
    for (const [key, series] of part) {
      const entry = merged.get(key) ?? { labels: series.labels, values: [] };
      entry.values.push(...series.values);
      merged.set(key, entry);
    }
  }
  for (const series of merged.values()) {
    series.values.sort(([a], [b]) => a - b);
  }
  return [...merged.values()];
}

function run(
  options: Pick<HistoryOptions, 'children'>,
  command: string,
  args: string[],
  cwd: string,
  onLine?: (line: string) => void
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    options.children.push(child);
    let output = '';
    let pending = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (onLine) {
        pending += chunk.toString();
        const lines = pending.split('\n');
        pending = lines.pop() ?? '';
        lines.filter(Boolean).forEach(onLine);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) {
        resolve(output);
      } else {
        reject(
          new Error(`${path.basename(command)} ${args.slice(0, 4).join(' ')} failed (${code}):\n${output.slice(-2000)}`)
        );
      }
    });
  });
}

/** A queue that runs at most `width` tasks at a time; `drain` waits for all, failing with the first error. */
function taskQueue(width: number): { add: (task: () => Promise<unknown>) => void; drain: () => Promise<void> } {
  let running = 0;
  const waiting: Array<() => Promise<unknown>> = [];
  const all: Array<Promise<unknown>> = [];
  const next = () => {
    while (running < width && waiting.length > 0) {
      const task = waiting.shift()!;
      running++;
      all.push(
        task().finally(() => {
          running--;
          next();
        })
      );
    }
  };
  return {
    add: (task) => {
      waiting.push(task);
      next();
    },
    drain: async () => {
      for (let done = 0; done < all.length || waiting.length > 0 || running > 0;) {
        const batch = all.slice(done);
        done = all.length;
        await Promise.all(batch);
        if (batch.length === 0) {
          await new Promise((r) => setTimeout(r, 20));
        }
      }
    },
  };
}

/** Runs tasks with at most `width` at a time, whoever calls: the targets share the machine's cores. */
export type Slots = <T>(task: () => Promise<T>) => Promise<T>;

export function slots(width: number): Slots {
  let free = width;
  const waiting: Array<() => void> = [];
  return async (task) => {
    if (free > 0) {
      free--;
    } else {
      await new Promise<void>((resolve) => waiting.push(resolve));
    }
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) {
        next();
      } else {
        free++;
      }
    }
  };
}

async function waitReady(url: string, child: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`prometheus exited with code ${child.exitCode} while loading the history`);
    }
    try {
      if ((await fetch(`${url}/-/ready`, { signal: AbortSignal.timeout(2000) })).ok) {
        return;
      }
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`prometheus was not ready at ${url} after ${timeoutMs / 1000}s`);
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      resolve();
      return;
    }
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** Whether a series of the generator is scraped by the target. */
function scrapedBy(target: HistoryTarget, labels: Record<string, string>): boolean {
  return target.jobs === undefined || target.jobs.includes(labels.job ?? '');
}

/** The demo's traffic of the past days into each target's TSDB, then its recording rules over them. */
export async function backfillHistory(options: HistoryOptions): Promise<History> {
  const timer = new PhaseTimer();
  const { log, targets } = options;
  const now = Math.floor(Date.now() / 1000);

  // 1. Raw series: the generator's simulation, day after day, once; each TSDB gets its jobs' series as a block.
  const samples = await timer.time('traffic: simulate and write', async () => {
    // Every series is sampled at the same instants, as one scrape takes them all.
    const timestamps: number[] = [];
    const values: number[][] = [];
    const simulated = simulateHistory(
      CATALOGUE,
      { days: CATALOGUE.storyline.days, step: 60, seed: options.seed, instance: options.instance, now },
      (day, series) => {
        timestamps.push(...day.times.map((t) => t * 1000));
        series.forEach((_, i) => {
          values[i] ??= [];
          values[i].push(...day.values[i]);
        });
        if ((day.index + 1) % 7 === 0) {
          log(`history: ${day.index + 1} days of traffic simulated (${timer.elapsed()})`);
        }
      }
    );
    const all = simulated.series.map((s, i) => ({ labels: s.labels, timestamps, values: values[i] }));
    const blocks = targets.map((target) => {
      fs.mkdirSync(target.tsdb, { recursive: true });
      const series = all.filter((s) => scrapedBy(target, s.labels));
      return series.length === 0 ? undefined : writeBlock(target.tsdb, series);
    });
    return { origin: simulated.origin, blocks };
  });
  const { origin } = samples;
  targets.forEach((target, i) => {
    const block = samples.blocks[i];
    log(
      block
        ? `history: ${target.name}: ${((block.maxTime - block.minTime) / 86_400_000).toFixed(1)} days of traffic ` +
            `since ${new Date(origin * 1000).toISOString()} in the TSDB, ${block.samples} samples (${timer.elapsed()})`
        : `history: ${target.name}: none of the traffic's series is scraped there`
    );
  });
  const shared = slots(options.width);
  await Promise.all(targets.map((target) => backfillRules(options, target, origin, now, timer, shared)));
  // The targets' rule stages overlap: a total would count their time twice.
  for (const line of timingTable(timer.phases, 'history phase', targets.length === 1)) {
    log(`history: ${line}`);
  }
  return { origin, end: now, phases: timer.phases };
}

/** The recording rules over the history that is in the TSDB, from `origin` to `now`. */
export async function backfillRules(
  options: HistoryOptions,
  target: HistoryTarget,
  origin: number,
  now: number,
  timer: PhaseTimer,
  shared: Slots = slots(options.width)
): Promise<void> {
  const { log } = options;
  const { tsdb } = target;
  const work = path.join(options.work, target.name);
  fs.mkdirSync(work, { recursive: true });
  // 2. Recording rules, stage after stage, each evaluated against a Prometheus that has loaded the stages before.
  const groups = (YAML.parse(target.rulesYaml) as { groups?: AnyGroup[] } | null)?.groups ?? [];
  const stages = backfillStages(groups);
  // Tiles read an hour back: from the first block boundary after that hour.
  const start = Math.ceil((origin + 3600) / BLOCK_SECONDS) * BLOCK_SECONDS;
  const config = path.join(work, 'backfill.yml');
  fs.writeFileSync(config, 'global:\n  scrape_interval: 1m\n');
  const runner = (command: string, args: string[], cwd: string) => run(options, command, args, cwd);
  const offsets = new Map<string, number>();
  for (const [index, stage] of stages.entries()) {
    const name = `${target.name}: rules stage ${index + 1}/${stages.length}`;
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const stageDir = path.join(work, `stage-${index + 1}`);
    const slowest: Array<{ record: string; group: string; seconds: number }> = [];
    const prometheus = await timer.time(`${name}: start Prometheus`, async () => {
      const child = spawn(
        'prometheus',
        [
          `--config.file=${config}`,
          `--storage.tsdb.path=${tsdb}`,
          `--web.listen-address=127.0.0.1:${port}`,
          '--storage.tsdb.retention.time=3650d',
          '--query.timeout=10m',
          // No compaction into larger blocks while it only answers the backfill's queries (the live one will).
          '--storage.tsdb.min-block-duration=2h',
          '--storage.tsdb.max-block-duration=2h',
        ],
        { cwd: work, stdio: 'ignore' }
      );
      options.children.push(child);
      await waitReady(url, child);
      return child;
    });
    const rules = stage.reduce((sum, group) => sum + group.rules.length, 0);
    const recorded: RecordedRule[] = [];
    await timer.time(`${name}: evaluate ${rules} rules`, async () => {
      try {
        const queue = taskQueue(options.width);
        stage.forEach((group, g) => {
          if (!offsets.has(group.name)) {
            queue.add(async () => {
              const dir = path.join(stageDir, `probe-${g}`);
              const offset = await shared(() => groupOffset(runner, dir, target.ruleFile, group, start, url));
              offsets.set(group.name, offset);
            });
          }
        });
        await queue.drain();
        // Each rule's range in spans of its own, queued rule after rule: the queue then ends with a span,
        // not with the whole range of an expensive rule while the other workers idle.
        for (const group of stage) {
          const interval = intervalSeconds(group.interval);
          for (const rule of group.rules) {
            const from =
              rule.record === SLO_METRICS.budgetRemaining ? Math.max(start, now - PRESENT_ONLY_SECONDS) : start;
            const parts: Array<Map<string, { labels: Record<string, string>; values: Array<[number, string]> }>> = [];
            let seconds = 0;
            const spans = evaluationSpans(firstEvaluation(from, interval, offsets.get(group.name) ?? 0), now, interval);
            for (const [spanStart, spanEnd] of spans) {
              queue.add(async () => {
                const part = await shared(async () => {
                  const spanStarted = Date.now();
                  const series = await evaluateRule(url, rule, spanStart, spanEnd, interval);
                  seconds += (Date.now() - spanStarted) / 1000;
                  return series;
                });
                parts.push(part);
                if (parts.length === spans.length) {
                  recorded.push({ record: rule.record, series: mergeSpans(parts) });
                  slowest.push({ record: rule.record, group: group.name, seconds });
                }
              });
            }
          }
        }
        await queue.drain();
      } finally {
        // Inside the phase, so that its CPU time counts there (a child's is known once it has ended).
        await stop(prometheus);
      }
    });
    await timer.time(`${name}: write the block`, async () => {
      const block = writeBlock(tsdb, recordedSeries(recorded));
      log(`history: ${name}: ${block.series} series, ${block.samples} samples in the TSDB`);
    });
    const records = [...new Set(stage.flatMap((g) => g.rules.map((r) => r.record)))];
    const slow = slowest
      .sort((x, y) => y.seconds - x.seconds)
      .slice(0, 3)
      .map((r) => `${r.record} of ${r.group} ${r.seconds.toFixed(1)}s`)
      .join(', ');
    log(`history: ${name} (${records.join(', ')}) recorded (${timer.elapsed()}); slowest queries: ${slow}`);
  }
}
