/**
 * Backfilling with promtool: counters from OpenMetrics text (one file a day, two promtool processes
 * at a time), and recording rules over a time range (`promtool tsdb create-blocks-from rules`, which
 * evaluates the rules as range queries against a running Prometheus and writes one block per rule and
 * 2h span). Blocks are moved into the data directory; the caller restarts Prometheus to load them.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { RuleGroup } from '../../src/rules/build';
import { renderRules } from '../../src/rules/output';
import { toOpenMetrics, type Family } from './counters';
import { run } from './prometheus';

/** Runs tasks with at most `width` at a time. */
export async function pool<T>(tasks: Array<() => Promise<T>>, width: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, tasks.length) }, async () => {
      while (next < tasks.length) {
        const i = next++;
        results[i] = await tasks[i]();
      }
    })
  );
  return results;
}

/** Writes the counters as one OpenMetrics file a day and backfills them into dataDir. */
export async function backfillCounters(
  families: Family[],
  t0: number,
  step: number,
  samples: number,
  work: string,
  dataDir: string,
  progress: (text: string) => void
): Promise<number> {
  const perDay = 86400 / step;
  const days = Math.ceil(samples / perDay);
  const tasks = Array.from({ length: days }, (_, day) => async () => {
    const file = path.join(work, `day-${String(day).padStart(2, '0')}.om.txt`);
    writeFileSync(file, toOpenMetrics(families, t0, step, day * perDay, (day + 1) * perDay));
    await run('promtool', ['tsdb', 'create-blocks-from', 'openmetrics', '--quiet', file, dataDir]);
    rmSync(file);
    progress(`day ${day + 1}/${days}`);
  });
  await pool(tasks, 2);
  return readdirSync(dataDir).length;
}

/** promtool's block length for rule backfills. */
const BLOCK_SECONDS = 7200;

/**
 * A start time for `create-blocks-from rules` whose first 2h block holds a whole evaluation interval.
 * promtool 2.42 stops backfilling a rule at the first block in which the group's first aligned
 * evaluation falls after the block's end, so a start a few minutes before a block boundary
 * silently writes nothing for a 10m group. History starts at the next boundary; a short range
 * (`length` seconds) that crosses a boundary starts `length` seconds before it instead.
 */
export function safeStart(start: number, kind: 'history' | 'instant', length = 300): number {
  const boundary = Math.ceil(start / BLOCK_SECONDS) * BLOCK_SECONDS;
  if (kind === 'history') {
    return boundary;
  }
  // A short range that crosses a boundary: make its first block as long as the range.
  return boundary > start && boundary - start <= length ? boundary - length : start;
}

export interface RuleBackfill {
  /** Rule file name, relative to the work directory (Prometheus hashes it into each group's offset). */
  file: string;
  groups: RuleGroup[];
  start: number;
  end: number;
}

/**
 * Backfills rule files side by side (`width` promtool processes at a time) against the server at `url`,
 * and moves the blocks into dataDir. Returns the number of blocks.
 */
export async function backfillRules(
  url: string,
  work: string,
  dataDir: string,
  jobs: RuleBackfill[],
  width = 2
): Promise<number> {
  const outs = await pool(
    jobs.map((job) => async () => {
      writeFileSync(path.join(work, job.file), renderRules(job.groups, 'prometheus'));
      const out = path.join(work, `${job.file}.blocks`);
      const output = await run(
        'promtool',
        [
          'tsdb',
          'create-blocks-from',
          'rules',
          '--quiet',
          `--start=${Math.floor(job.start)}`,
          `--end=${Math.floor(job.end)}`,
          `--url=${url}`,
          `--output-dir=${out}`,
          job.file,
        ],
        { cwd: work }
      );
      if (!existsSync(out)) {
        // promtool writes no directory when no rule returned a sample.
        console.log(`  promtool wrote no blocks for ${job.file}: ${output.trim().split('\n').slice(-3).join(' | ')}`);
        mkdirSync(out);
      }
      return out;
    }),
    width
  );
  let blocks = 0;
  for (const out of outs) {
    for (const block of readdirSync(out)) {
      renameSync(path.join(out, block), path.join(dataDir, block));
      blocks++;
    }
    rmSync(out, { recursive: true, force: true });
  }
  return blocks;
}
