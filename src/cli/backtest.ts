import { parseArgs } from 'node:util';
import { parsePromDuration } from '../slo/duration';
import { quote } from '../slo/quote';
import { DEFAULT_EVALUATION_INTERVAL } from '../rules/build';
import { validateSlo } from '../rules/validate';
import { MAX_BACKTEST_DAYS, type RatesRangeReader } from '../decisions/backtestRates';
import { runBacktest } from '../decisions/backtestRun';
import { formatBacktestText } from '../decisions/backtestFormat';
import { errorMessage, readSloFiles } from './sloFiles';
import { httpGetWithTimeout, prometheusClient, type HttpGet } from './prometheusHttp';
import type { CliIo } from './run';

/** Exit codes of `backtest`, as `gate`'s and `report`'s; 1 when an SLO had no data to replay. */
export const BACKTEST_EXIT = { ok: 0, noData: 1, usage: 2, unreachable: 4 } as const;

export const DEFAULT_BACKTEST_DAYS = 30;

export const BACKTEST_USAGE = `Usage: burnrate backtest FILE... --prometheus URL [--days N] [--json]

Replays the burn-rate alerts of each SLO over the last N days of its raw source series (no rules need to
run), evaluated as the rules would at every step on the same 5m rates, and scores them on the SLO's bad
periods (incidents: the 5m error ratio above the error budget). Per incident: its start and end, when each
alert fired and cleared, the detection delay, the reset time after recovery and the budget spent before
the first page. Per alert set: pages and tickets per week, missed incidents (spent more than 2% of the
budget, never paged) and noisy pages (during no period that spent 1%). The sets side by side: the SLO's
own alerts, the workbook's defaults, Pyrra's (windows scaled to the SLO window) and the tier's.

  --prometheus URL     the Prometheus query API, e.g. http://localhost:9090
  --days N             the replayed range, 1 to ${MAX_BACKTEST_DAYS} days (default ${DEFAULT_BACKTEST_DAYS}); a one minute step up
                       to 30 days, longer ranges a longer step (3 minutes for 90 days)
  --eval-interval D    evaluation interval of the base rules (default ${DEFAULT_EVALUATION_INTERVAL}), for time-slice SLOs
  --json               the scorecard as JSON (docs/cli.md describes its fields)

FILE may be native Burnrate, OpenSLO v1, Sloth or Pyrra YAML; a directory stands for its YAML files. Exit 0
when every SLO was replayed, 1 when an SLO had no data in the range (the others are printed), 2 on wrong
usage or invalid files, 4 when Prometheus cannot be read.
`;

export interface BacktestDependencies {
  /** The HTTP transport of the Prometheus client (default: fetch, 2 minutes per query). */
  http?: HttpGet;
  now?: () => Date;
}

/** A range query of 10,000 steps over many series can take a while. */
const QUERY_TIMEOUT_MS = 120_000;

export async function runBacktestCommand(
  argv: string[],
  io: CliIo,
  dependencies: BacktestDependencies = {}
): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        prometheus: { type: 'string' },
        days: { type: 'string' },
        'eval-interval': { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    io.stderr(`burnrate backtest: ${errorMessage(error)}\n\n${BACKTEST_USAGE}`);
    return BACKTEST_EXIT.usage;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(BACKTEST_USAGE);
    return BACKTEST_EXIT.ok;
  }
  const days = values.days === undefined ? DEFAULT_BACKTEST_DAYS : Number(values.days);
  const evaluationInterval = values['eval-interval'] ?? DEFAULT_EVALUATION_INTERVAL;
  const intervalSeconds = parsePromDuration(evaluationInterval);
  const problems = [
    positionals.length === 0 && 'name at least one SLO file',
    !values.prometheus && '--prometheus URL is required',
    values.prometheus &&
      !/^https?:\/\/[^/]/.test(values.prometheus) &&
      `--prometheus must be an http:// or https:// URL, got ${quote(values.prometheus)}`,
    !(Number.isInteger(days) && days >= 1 && days <= MAX_BACKTEST_DAYS) &&
      `--days must be a whole number of days from 1 to ${MAX_BACKTEST_DAYS}, got ${quote(values.days ?? '')}`,
    !(intervalSeconds !== undefined && Number.isInteger(intervalSeconds) && intervalSeconds <= 300) &&
      `--eval-interval must be a Prometheus duration of whole seconds up to 5m, got ${quote(evaluationInterval)}`,
  ].filter((p): p is string => typeof p === 'string');
  if (problems.length > 0 || !values.prometheus) {
    io.stderr(`${problems.map((p) => `burnrate backtest: ${p}`).join('\n')}\n\n${BACKTEST_USAGE}`);
    return BACKTEST_EXIT.usage;
  }
  const files = readSloFiles(positionals, io, 'FILE');
  const invalid = files.slos.flatMap((slo) =>
    validateSlo(slo)
      .filter((issue) => issue.severity === 'error')
      .map((issue) => `FILE: SLO ${quote(slo.name)}: ${issue.path}: ${issue.message}`)
  );
  if (files.problems.length > 0 || invalid.length > 0) {
    io.stderr(`${[...files.problems, ...invalid].map((p) => `burnrate backtest: ${p}`).join('\n')}\n`);
    return BACKTEST_EXIT.usage;
  }
  if (files.slos.length === 0) {
    io.stderr('burnrate backtest: FILE: the files hold no SLO\n');
    return BACKTEST_EXIT.usage;
  }
  const client = prometheusClient(values.prometheus, dependencies.http ?? httpGetWithTimeout(QUERY_TIMEOUT_MS));
  // Prometheus speaks Unix seconds; the replay works in milliseconds.
  const read: RatesRangeReader = async (exprs, from, to, stepSeconds) => {
    const window = { start: from / 1000, end: to / 1000, stepSeconds };
    const inMs = (series: Awaited<ReturnType<typeof client.range>>) =>
      series.map((s) => ({ labels: s.labels, points: s.points.map(([t, v]): [number, number] => [t * 1000, v]) }));
    const [total, bad] = await Promise.all([client.range(exprs.total, window), client.range(exprs.bad, window)]);
    return { total: inMs(total), bad: inMs(bad) };
  };
  let report;
  try {
    report = await runBacktest(files.slos, read, {
      now: (dependencies.now?.() ?? new Date()).getTime(),
      days,
      evaluationInterval,
    });
  } catch (error) {
    io.stderr(`burnrate backtest: ${errorMessage(error)}\n`);
    return BACKTEST_EXIT.unreachable;
  }
  await io.stdout(values.json ? `${JSON.stringify(report, null, 2)}\n` : formatBacktestText(report));
  // The text names them in the output; a reader of JSON gets them on stderr too.
  if (values.json) {
    for (const problem of report.problems) {
      io.stderr(`burnrate backtest: ${problem.message}\n`);
    }
  }
  return report.problems.length > 0 ? BACKTEST_EXIT.noData : BACKTEST_EXIT.ok;
}
