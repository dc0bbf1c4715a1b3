/**
 * The demo's history: the traffic generator's series for the days before now, as Prometheus would have
 * scraped them, in OpenMetrics text for `promtool tsdb create-blocks-from openmetrics`. One file a day:
 * promtool reads its whole input once per 2 h block it writes, so one file of 35 days takes minutes
 * where daily files take seconds. Runs with no dependencies, like the generator:
 * `node --experimental-strip-types demo/traffic/history.ts --out DIR`.
 *
 * The simulation's origin moves back to the start of the history, so a generator started with
 * `--origin-file DIR/origin` continues the same counters without a jump, with the storyline's incidents.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CATALOGUE, type Catalogue } from './catalogue.ts';
import { escapeLabelValue, formatValue } from './exposition.ts';
import { Simulation, type Family, type Sample } from './sim.ts';

export const HISTORY_USAGE = `Usage: history --out DIR [--days N] [--step S] [--seed N] [--instance ADDR] [--now UNIX]

Writes DIR/origin (the Unix time the simulated processes started) and DIR/day-NN.om, one OpenMetrics
file per day of history, printing each file's name when it is complete.

  --out DIR          where to write (created)
  --days N           days of history (default: the catalogue's storyline, ${CATALOGUE.storyline.days})
  --step S           seconds between samples, as a scrape interval (default 60)
  --seed N           seed of the simulated traffic, as the generator's --seed (default 1)
  --instance ADDR    the instance label Prometheus gives the generator's series (default traffic:9464)
  --now UNIX         the end of the history (default: now)
`;

const DAY = 86400;

export interface HistoryOptions {
  days: number;
  step: number;
  seed: number;
  instance: string;
  /** End of the history, Unix seconds. */
  now: number;
}

/**
 * Start of the history: `days` before now, on a whole hour so that the storyline's incidents fall on the
 * hours its catalogue says, and on a multiple of the step.
 */
export function historyOrigin(options: Pick<HistoryOptions, 'days' | 'now'>): number {
  return Math.floor((options.now - options.days * DAY) / 3600) * 3600;
}

/** The first line and label block of every series, and its OpenMetrics family header. */
interface SeriesText {
  /** `# TYPE` line of its family: counters without their `_total`, as OpenMetrics wants. */
  header: string;
  prefix: string;
}

/** One series of the history: its labels as a scrape gives them (name, sample labels, job, instance). */
export interface HistorySeries {
  labels: Record<string, string>;
  text: SeriesText;
}

/** One day of the history: sample times (Unix seconds) and, per series, its values at those times. */
export interface HistoryDay {
  index: number;
  times: number[];
  values: Float64Array[];
}

/**
 * Simulates the history day after day, handing each day's samples to `visit` (in the order of `series`).
 * Returns the origin and the series.
 */
export function simulateHistory(
  catalogue: Catalogue,
  options: HistoryOptions,
  visit: (day: HistoryDay, series: HistorySeries[]) => void
): { origin: number; series: HistorySeries[] } {
  const origin = historyOrigin(options);
  const sim = new Simulation(catalogue, {
    seed: options.seed,
    origin,
    storyline: true,
    stepSeconds: catalogue.storyline.stepSeconds,
  });
  const end = Math.floor(options.now / options.step) * options.step;
  // Positions (in the simulation's sample order) of the series the history holds.
  const kept = catalogue.storyline.series;
  const positions: number[] = [];
  const series: HistorySeries[] = [];
  let position = 0;
  for (const family of sim.layout()) {
    for (const { service, sample } of family.samples) {
      if (kept[service]?.includes(family.name)) {
        positions.push(position);
        series.push({
          labels: { __name__: sample.name, ...scrapeLabels(sample, service, options.instance) },
          text: seriesText(family, sample, service, options.instance),
        });
      }
      position++;
    }
  }
  for (let day = 0, dayStart = origin; dayStart <= end; day++, dayStart += DAY) {
    const times: number[] = [];
    for (let t = dayStart; t < dayStart + DAY && t <= end; t += options.step) {
      times.push(t);
    }
    const values = positions.map(() => new Float64Array(times.length));
    times.forEach((t, k) => {
      const all = sim.sampleValues(t);
      positions.forEach((p, i) => {
        values[i][k] = all[p];
      });
    });
    visit({ index: day, times, values }, series);
  }
  return { origin, series };
}

/**
 * Writes the history's files in order, one day at a time, calling `written` with each file's path once it
 * is complete (a caller may import it while the next day is generated). Returns the origin.
 */
export function writeHistory(
  catalogue: Catalogue,
  options: HistoryOptions,
  out: string,
  written: (file: string) => void
): number {
  mkdirSync(out, { recursive: true });
  writeFileSync(path.join(out, 'origin'), `${historyOrigin(options)}\n`);
  const { origin } = simulateHistory(catalogue, options, (day, series) => {
    const texts = series.map((s) => s.text);
    const file = path.join(out, `day-${String(day.index).padStart(2, '0')}.om`);
    writeFileSync(file, dayText(texts, day.values, day.times));
    written(file);
  });
  return origin;
}

/** What a scrape adds: the job (one per service, as the demo's Prometheus configures) and the instance. */
function scrapeLabels(sample: Sample, service: string, instance: string): Record<string, string> {
  return { ...Object.fromEntries(sample.labels), job: service, instance };
}

function seriesText(family: Family, sample: Sample, service: string, instance: string): SeriesText {
  const labels = Object.entries(scrapeLabels(sample, service, instance))
    .map(([name, value]) => `${name}="${escapeLabelValue(value)}"`)
    .join(',');
  const name = family.type === 'counter' ? family.name.replace(/_total$/, '') : family.name;
  return { header: `# TYPE ${name} ${family.type}\n`, prefix: `${sample.name}{${labels}} ` };
}

function dayText(series: SeriesText[], values: Float64Array[], times: number[]): string {
  const chunks: string[] = [];
  let header: string | undefined;
  series.forEach((s, i) => {
    if (s.header !== header) {
      header = s.header;
      chunks.push(header);
    }
    const lines: string[] = [];
    const v = values[i];
    for (let k = 0; k < times.length; k++) {
      lines.push(`${s.prefix}${formatValue(v[k])} ${times[k]}\n`);
    }
    chunks.push(lines.join(''));
  });
  chunks.push('# EOF\n');
  return chunks.join('');
}

function main(argv: string[]): void {
  const { values } = parseArgs({
    args: argv,
    options: {
      out: { type: 'string' },
      days: { type: 'string', default: String(CATALOGUE.storyline.days) },
      step: { type: 'string', default: '60' },
      seed: { type: 'string', default: '1' },
      instance: { type: 'string', default: 'traffic:9464' },
      now: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(HISTORY_USAGE);
    return;
  }
  const number = (name: string, text: string | undefined, ok: (n: number) => boolean): number => {
    const n = Number(text);
    if (text === undefined || !ok(n)) {
      throw new Error(`--${name} is not valid: "${text ?? ''}"`);
    }
    return n;
  };
  if (!values.out) {
    throw new Error('--out DIR is required');
  }
  const options: HistoryOptions = {
    days: number('days', values.days, (n) => Number.isInteger(n) && n > 0 && n <= 400),
    step: number('step', values.step, (n) => Number.isInteger(n) && n > 0 && DAY % n === 0),
    seed: number('seed', values.seed, Number.isInteger),
    instance: values.instance ?? 'traffic:9464',
    now: values.now === undefined ? Date.now() / 1000 : number('now', values.now, (n) => n > 0),
  };
  writeHistory(CATALOGUE, options, values.out, (file) => process.stdout.write(`${path.basename(file)}\n`));
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  try {
    main(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`history: ${e instanceof Error ? e.message : String(e)}\n\n${HISTORY_USAGE}`);
    process.exit(2);
  }
}
