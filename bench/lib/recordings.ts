/**
 * Backfilling the recordings of many SLOs at once. `promtool tsdb create-blocks-from rules` writes one
 * block per rule and 2h span: for a thousand SLOs, hundreds of thousands of blocks. Here each recording
 * rule is evaluated as range queries against the running Prometheus (at its group's interval, as
 * promtool does), the samples are written as one OpenMetrics file for all rules, and promtool turns
 * that file into a few large blocks (`--max-block-duration`), moved into the data directory. The caller
 * restarts Prometheus to load them.
 */
import { createWriteStream, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { isAlertingRule, type RecordingRule, type RuleGroup } from '../../src/rules/build';
import { parsePromDuration } from '../../src/slo/duration';
import { pool } from './backfill';
import { run, type Prometheus } from './prometheus';

/** Prometheus answers at most 11,000 points a series in one range query. */
const MAX_POINTS = 10_000;

export interface RecordingBackfill {
  rules: number;
  series: number;
  samples: number;
  blocks: number;
  seconds: number;
}

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/** OpenMetrics text of a sample value (NaN and infinities included). */
function sampleValue(text: string): string {
  if (text === 'NaN' || text === '+Inf' || text === '-Inf') {
    return text;
  }
  return String(Number(text));
}

/**
 * Evaluates every recording rule of `groups` over (start, end] at its group's interval and backfills
 * the results into dataDir. Rules are written grouped by record name (OpenMetrics wants a metric's
 * samples together), each series in time order.
 */
export async function backfillRecordings(
  prometheus: Prometheus,
  groups: RuleGroup[],
  start: number,
  end: number,
  work: string,
  dataDir: string,
  file: string
): Promise<RecordingBackfill> {
  const started = Date.now();
  const jobs: Array<{ rule: RecordingRule; step: number }> = [];
  for (const group of groups) {
    const step = parsePromDuration(group.interval);
    if (step === undefined) {
      throw new Error(`group ${group.name}: interval ${group.interval} is not a duration`);
    }
    for (const rule of group.rules) {
      if (!isAlertingRule(rule)) {
        jobs.push({ rule, step });
      }
    }
  }
  jobs.sort((a, b) => (a.rule.record < b.rule.record ? -1 : a.rule.record > b.rule.record ? 1 : 0));

  const input = path.join(work, `${file}.om.txt`);
  const out = createWriteStream(input);
  const write = async (text: string) => {
    if (!out.write(text)) {
      await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    }
  };
  let series = 0;
  let samples = 0;
  // Rules of the same record run one record at a time (two queries at a time within it), so that a
  // metric's lines stay together in the file.
  const records = [...new Set(jobs.map((j) => j.rule.record))];
  for (const record of records) {
    const ofRecord = jobs.filter((j) => j.rule.record === record);
    await pool(
      ofRecord.map(({ rule, step }) => async () => {
        const first = Math.ceil(start / step) * step;
        const bySeries = new Map<string, string[]>();
        for (let from = first; from <= end; from += step * MAX_POINTS) {
          const to = Math.min(end, from + step * (MAX_POINTS - 1));
          for (const s of await prometheus.queryRange(rule.expr, from, to, step)) {
            const labels: Record<string, string> = { ...s.metric, ...rule.labels };
            delete labels.__name__;
            const key =
              rule.record +
              '{' +
              Object.keys(labels)
                .sort()
                .map((k) => `${k}="${escapeLabel(labels[k])}"`)
                .join(',') +
              '} ';
            const lines = bySeries.get(key) ?? [];
            for (const [t, v] of s.values) {
              lines.push(`${key}${sampleValue(v)} ${t}\n`);
            }
            bySeries.set(key, lines);
          }
        }
        for (const lines of bySeries.values()) {
          series++;
          samples += lines.length;
          await write(lines.join(''));
        }
      }),
      2
    );
  }
  await write('# EOF\n');
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));

  // Blocks of up to 162h (promtool's ranges are 2h x 3^k): promtool reads its whole input once per block.
  const blocksDir = path.join(work, `${file}.blocks`);
  mkdirSync(blocksDir, { recursive: true });
  await run('promtool', [
    'tsdb',
    'create-blocks-from',
    'openmetrics',
    '--quiet',
    '--max-block-duration=162h',
    input,
    blocksDir,
  ]);
  rmSync(input);
  let blocks = 0;
  for (const block of readdirSync(blocksDir)) {
    renameSync(path.join(blocksDir, block), path.join(dataDir, block));
    blocks++;
  }
  rmSync(blocksDir, { recursive: true, force: true });
  return { rules: jobs.length, series, samples, blocks, seconds: (Date.now() - started) / 1000 };
}
