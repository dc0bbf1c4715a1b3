/**
 * Recording rules evaluated over a past range, as `promtool tsdb create-blocks-from rules` does (one range
 * query per rule with the group's interval as step, from the group's first aligned evaluation; the result's
 * labels plus the rule's, named after the rule), as block series for tsdbBlock.ts.
 *
 * Why not promtool's own rule backfill for the whole range: it writes one TSDB block per rule and 2 h span,
 * 1,680 blocks for a group of four rules over 35 days, which took minutes per group to write and then to
 * compact. The evaluation grid is still promtool's: `groupOffset` asks promtool itself where a group's
 * evaluations fall (Prometheus offsets them by a hash of the group's name and file), with a one-rule probe.
 */
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import type { RecordingRule } from './stages';
import type { BlockSeries } from './tsdbBlock';

/** Steps per range query: a day of a 30 s group, so that no query nears Prometheus's timeout. */
export const MAX_POINTS = 2880;

export type Runner = (command: string, args: string[], cwd: string) => Promise<string>;

/** "30s", "1h", "10m" -> seconds. */
export function intervalSeconds(interval: string | undefined, fallback = 60): number {
  if (!interval) {
    return fallback;
  }
  let total = 0;
  const units: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };
  for (const m of interval.matchAll(/(\d+)([smhd])/g)) {
    total += Number(m[1]) * units[m[2]];
  }
  return total > 0 ? total : fallback;
}

/**
 * Where a group's evaluations fall, as seconds past a multiple of its interval: promtool backfills a probe
 * rule (`vector(1)`) of a group of the same name and interval from the same rule file path, and the
 * sample's timestamp says. `dir` is a scratch directory; `ruleFile` the path as the live Prometheus names it.
 */
export async function groupOffset(
  run: Runner,
  dir: string,
  ruleFile: string,
  group: { name: string; interval?: string },
  blockStart: number,
  url: string
): Promise<number> {
  const interval = intervalSeconds(group.interval);
  const file = path.join(dir, ruleFile);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const probe = {
    name: group.name,
    interval: `${interval}s`,
    rules: [{ record: 'burnrate_backfill_probe', expr: 'vector(1)' }],
  };
  fs.writeFileSync(file, YAML.stringify({ groups: [probe] }));
  const out = path.join(dir, 'blocks');
  await run(
    'promtool',
    [
      'tsdb',
      'create-blocks-from',
      'rules',
      '--quiet',
      `--start=${blockStart}`,
      `--end=${blockStart + interval}`,
      `--url=${url}`,
      `--output-dir=${out}`,
      ruleFile,
    ],
    dir
  );
  // `tsdb dump` opens the directory as a database, which wants a WAL directory.
  fs.mkdirSync(path.join(out, 'wal'), { recursive: true });
  const dump = await run('promtool', ['tsdb', 'dump', out], dir);
  const match = /burnrate_backfill_probe[^\n]*? (\d+)\s*$/m.exec(dump);
  if (!match) {
    throw new Error(`promtool wrote no probe sample for group ${group.name}:\n${dump.slice(0, 500)}`);
  }
  return (Number(match[1]) / 1000) % interval;
}

/** The first evaluation at or after `start` of a group with this interval and offset. */
export function firstEvaluation(start: number, interval: number, offset: number): number {
  return start + ((((offset - start) % interval) + interval) % interval);
}

interface RangeSeries {
  metric: Record<string, string>;
  values: Array<[number, string]>;
}

async function queryRange(url: string, expr: string, start: number, end: number, step: number): Promise<RangeSeries[]> {
  const body = new URLSearchParams({ query: expr, start: String(start), end: String(end), step: String(step) });
  const response = await fetch(`${url}/api/v1/query_range`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: body.toString(),
    signal: AbortSignal.timeout(300_000),
  });
  const answer = (await response.json()) as { status: string; error?: string; data?: { result?: RangeSeries[] } };
  if (answer.status !== 'success') {
    throw new Error(`query_range failed (${answer.error ?? response.status}): ${expr.slice(0, 200)}`);
  }
  return answer.data?.result ?? [];
}

/** A rule's output over [start, end]: every series, its labels (rule labels win, name = record) and samples. */
export async function evaluateRule(
  url: string,
  rule: RecordingRule,
  start: number,
  end: number,
  interval: number
): Promise<Map<string, { labels: Record<string, string>; values: Array<[number, string]> }>> {
  const series = new Map<string, { labels: Record<string, string>; values: Array<[number, string]> }>();
  for (let from = start; from <= end; from += MAX_POINTS * interval) {
    const to = Math.min(end, from + (MAX_POINTS - 1) * interval);
    for (const result of await queryRange(url, rule.expr, from, to, interval)) {
      const labels: Record<string, string> = { ...result.metric, ...(rule.labels ?? {}) };
      delete labels.__name__;
      const key = JSON.stringify(Object.entries(labels).sort(([a], [b]) => a.localeCompare(b)));
      const entry = series.get(key) ?? { labels, values: [] };
      entry.values.push(...result.values);
      series.set(key, entry);
    }
  }
  return series;
}

export interface RecordedRule {
  record: string;
  series: Iterable<{ labels: Record<string, string>; values: Array<[number, string]> }>;
}

/** A sample value as Prometheus's JSON writes it ("NaN", "+Inf", "-Inf" or a number). */
export function sampleValue(text: string): number {
  if (text === '+Inf' || text === 'Inf') {
    return Infinity;
  }
  if (text === '-Inf') {
    return -Infinity;
  }
  return Number(text);
}

/** The recorded series of rules as block series named after their rule (ms timestamps). */
export function recordedSeries(recorded: RecordedRule[]): BlockSeries[] {
  return recorded.flatMap(({ record, series }) =>
    Array.from(series, (s) => ({
      labels: { ...s.labels, __name__: record },
      timestamps: s.values.map(([t]) => Math.round(t * 1000)),
      values: s.values.map(([, v]) => sampleValue(v)),
    }))
  );
}
