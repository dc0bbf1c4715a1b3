/**
 * A Prometheus server of our own on 127.0.0.1 for the accuracy test and the benchmark, and the
 * promtool commands around it. Every process started here is killed by its pid when the process
 * ends, also on failure or on a signal.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

const started = new Set<ChildProcess>();
const cleanups: Array<() => void> = [];

/** A synchronous clean-up to run when the process exits, also on a signal or an uncaught error. */
export function atExit(cleanup: () => void): void {
  cleanups.push(cleanup);
}

function killAll(): void {
  for (const child of started) {
    if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
  started.clear();
  for (const cleanup of cleanups.splice(0)) {
    try {
      cleanup();
    } catch {
      // best effort
    }
  }
}

process.on('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    killAll();
    process.exit(130);
  });
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Runs a command to completion; rejects with its output when it fails. */
export function run(command: string, args: string[], options: { cwd?: string } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    started.add(child);
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('close', (code) => {
      started.delete(child);
      if (code === 0) {
        resolve(output);
      } else {
        reject(new Error(`${command} ${args.join(' ')} exited with ${code}:\n${output.slice(-4000)}`));
      }
    });
  });
}

/** One sample of an instant vector, as /api/v1/query returns it. */
interface InstantSample {
  metric: Record<string, string>;
  value: [number, string];
}

/** Query statistics of `stats=all`: samples loaded from storage by one evaluation. */
export interface QueryStats {
  totalQueryableSamples: number;
  peakSamples: number;
}

/** One rule group as /api/v1/rules reports it. */
export interface RuleGroupStatus {
  name: string;
  file: string;
  interval: number;
  evaluationTime: number;
  lastEvaluation: string;
  rules: Array<{
    name: string;
    query: string;
    type: 'recording' | 'alerting';
    health: string;
    lastError?: string;
    evaluationTime: number;
  }>;
}

/**
 * The configuration without scrape jobs: the server only answers queries over the backfilled blocks.
 */
export const QUERY_ONLY_CONFIG = 'global:\n  scrape_interval: 1m\n';

/** One sample of a server's own /metrics. */
export interface SelfSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The sum of the samples named `name`. */
export function sumOfSamples(samples: SelfSample[], name: string): number {
  return samples.filter((s) => s.name === name).reduce((sum, s) => sum + s.value, 0);
}

export class Prometheus {
  private child?: ChildProcess;
  readonly url: string;
  /** prometheus.yml written at each start; relative rule_files are read from the work directory. */
  config = QUERY_ONLY_CONFIG;
  /** Extra command-line flags of the next start. */
  extraFlags: string[] = [];

  constructor(
    private readonly dataDir: string,
    private readonly workDir: string,
    readonly port: number
  ) {
    this.url = `http://127.0.0.1:${port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  async start(): Promise<void> {
    const config = path.join(this.workDir, 'prometheus.yml');
    writeFileSync(config, this.config);
    const log = createWriteStream(path.join(this.workDir, 'prometheus.log'), { flags: 'a' });
    const child = spawn(
      'prometheus',
      [
        `--config.file=${config}`,
        `--storage.tsdb.path=${this.dataDir}`,
        // Retention is measured from the newest block, not the clock: keep all 32 days.
        '--storage.tsdb.retention.time=3650d',
        `--web.listen-address=127.0.0.1:${this.port}`,
        ...this.extraFlags,
      ],
      { cwd: this.workDir, stdio: ['ignore', 'pipe', 'pipe'] }
    );
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    started.add(child);
    this.child = child;
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) {
        throw new Error(`prometheus exited with ${child.exitCode}; see ${path.join(this.workDir, 'prometheus.log')}`);
      }
      try {
        const response = await fetch(`${this.url}/-/ready`);
        if (response.ok) {
          return;
        }
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('prometheus was not ready within 120 s');
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.pid === undefined || child.exitCode !== null || child.signalCode !== null) {
      return;
    }
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    process.kill(child.pid, 'SIGTERM');
    const timeout = setTimeout(() => child.pid !== undefined && process.kill(child.pid, 'SIGKILL'), 20_000);
    await exited;
    clearTimeout(timeout);
    started.delete(child);
  }

  /** POSTs /api/v1/query with `params`; returns its data, or throws with the server's error. */
  private async postQuery<Data>(params: URLSearchParams): Promise<Data> {
    const response = await fetch(`${this.url}/api/v1/query`, { method: 'POST', body: params });
    const body = (await response.json()) as { status: string; error?: string; data?: Data };
    if (body.status !== 'success' || !body.data) {
      throw new Error(`query failed: ${params.get('query')}: ${body.error}`);
    }
    return body.data;
  }

  /** An instant query; returns the vector's samples. */
  async query(expr: string, time: number): Promise<Array<{ metric: Record<string, string>; value: number }>> {
    const data = await this.postQuery<{ resultType: string; result: InstantSample[] }>(
      new URLSearchParams({ query: expr, time: time.toFixed(3) })
    );
    if (data.resultType !== 'vector') {
      throw new Error(`query ${expr} returned a ${data.resultType}`);
    }
    return data.result.map((r) => ({ metric: r.metric, value: Number(r.value[1]) }));
  }

  /** The raw samples of a range selector `expr[range]` at `time`: timestamps (s) and values. */
  async samples(
    selector: string,
    time: number
  ): Promise<Array<{ metric: Record<string, string>; values: Array<[number, number]> }>> {
    const data = await this.postQuery<{
      result: Array<{ metric: Record<string, string>; values: Array<[number, string]> }>;
    }>(new URLSearchParams({ query: selector, time: time.toFixed(3) }));
    return data.result.map((r) => ({ metric: r.metric, values: r.values.map(([t, v]) => [t, Number(v)]) }));
  }

  /** An instant query with `stats=all`: the result and the samples it loaded. */
  async queryWithStats(
    expr: string,
    time: number
  ): Promise<{ result: Array<{ metric: Record<string, string>; value: number }>; stats: QueryStats; seconds: number }> {
    const started = performance.now();
    const data = await this.postQuery<{
      resultType: string;
      result: InstantSample[];
      stats?: { samples?: { totalQueryableSamples?: number; peakSamples?: number } };
    }>(new URLSearchParams({ query: expr, time: time.toFixed(3), stats: 'all' }));
    const seconds = (performance.now() - started) / 1000;
    const samples = data.stats?.samples;
    if (samples?.totalQueryableSamples === undefined) {
      throw new Error('this Prometheus does not report samples statistics (stats=all)');
    }
    const result = data.resultType === 'vector' ? data.result : [];
    return {
      result: result.map((r) => ({ metric: r.metric, value: Number(r.value[1]) })),
      stats: { totalQueryableSamples: samples.totalQueryableSamples, peakSamples: samples.peakSamples ?? 0 },
      seconds,
    };
  }

  /**
   * A range query: the samples of every series at start, start + step, ... end (at most 11,000 steps a
   * series, Prometheus's limit).
   */
  async queryRange(
    expr: string,
    start: number,
    end: number,
    step: number
  ): Promise<Array<{ metric: Record<string, string>; values: Array<[number, string]> }>> {
    const params = new URLSearchParams({ query: expr, start: String(start), end: String(end), step: String(step) });
    const response = await fetch(`${this.url}/api/v1/query_range`, { method: 'POST', body: params });
    const body = (await response.json()) as {
      status: string;
      error?: string;
      data?: { result: Array<{ metric: Record<string, string>; values: Array<[number, string]> }> };
    };
    if (body.status !== 'success' || !body.data) {
      throw new Error(`range query failed: ${expr}: ${body.error}`);
    }
    return body.data.result;
  }

  /** The rule groups the server evaluates, from /api/v1/rules. */
  async ruleGroups(): Promise<RuleGroupStatus[]> {
    const response = await fetch(`${this.url}/api/v1/rules`);
    const body = (await response.json()) as { status: string; data?: { groups: RuleGroupStatus[] } };
    if (body.status !== 'success' || !body.data) {
      throw new Error('GET /api/v1/rules failed');
    }
    return body.data.groups;
  }

  /** Every sample of the server's own /metrics: name, labels, value. */
  async selfMetrics(): Promise<SelfSample[]> {
    const text = await (await fetch(`${this.url}/metrics`)).text();
    const out: SelfSample[] = [];
    for (const line of text.split('\n')) {
      const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
      if (!match) {
        continue;
      }
      const labels: Record<string, string> = {};
      for (const [, k, v] of (match[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) {
        labels[k] = v.replace(/\\"/g, '"').replace(/\\\\/g, '\\');
      }
      out.push({ name: match[1], labels, value: Number(match[3]) });
    }
    return out;
  }

  /** The value of one of the server's own metrics (summed over its series), or undefined without a sample. */
  async selfMetric(name: string): Promise<number | undefined> {
    const samples = await this.selfMetrics();
    return samples.some((s) => s.name === name) ? sumOfSamples(samples, name) : undefined;
  }
}

/**
 * Waits until Prometheus has merged the overlapping backfilled blocks (promtool writes one block per
 * rule and 2h, thousands in all: more open files than the limit allows, and slow queries). The TSDB
 * first compacts a minute after start, then merges overlapping blocks until none is left.
 */
export async function settleCompaction(
  prometheus: Prometheus,
  log: (text: string) => void,
  label: string
): Promise<void> {
  const started = Date.now();
  const initial = await prometheus.selfMetric('prometheus_tsdb_blocks_loaded');
  let last = initial;
  let stableSince = Date.now();
  let triggeredAt: number | undefined;
  while (Date.now() - started < 600_000) {
    await new Promise((r) => setTimeout(r, 2000));
    const triggered = (await prometheus.selfMetric('prometheus_tsdb_compactions_triggered_total')) ?? 0;
    const blocks = await prometheus.selfMetric('prometheus_tsdb_blocks_loaded');
    if (blocks !== last) {
      last = blocks;
      stableSince = Date.now();
    }
    // The periodic trigger (every minute) is the one that compacts the backfilled blocks.
    if (triggeredAt === undefined && triggered > 0 && Date.now() - started > 50_000) {
      triggeredAt = Date.now();
    }
    if (triggeredAt !== undefined && Date.now() - Math.max(stableSince, triggeredAt) >= 15_000) {
      break;
    }
  }
  log(`  ${label}: compaction ${initial} -> ${last} blocks in ${Math.round((Date.now() - started) / 1000)} s`);
}
