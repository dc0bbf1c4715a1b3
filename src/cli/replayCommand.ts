import { parseArgs } from 'node:util';
import type { Slo } from '../slo/types';
import { parsePromDuration } from '../slo/duration';
import { quote } from '../slo/quote';
import { DEFAULT_EVALUATION_INTERVAL } from '../rules/build';
import { validateSlo } from '../rules/validate';
import { MAX_BACKTEST_DAYS, type RatesRangeReader } from '../decisions/backtestRates';
import { errorMessage, readSloFiles } from './sloFiles';
import { httpGetWithTimeout, prometheusClient, ratesRangeReader, type HttpGet } from './prometheusHttp';
import type { CliIo } from './run';
import {
  DATASOURCE_URL_OPTIONS,
  HTTP_URL,
  parseDatasourceUrls,
  unplacedSlos,
  urlOfSlo,
  type DatasourceUrls,
} from './datasourceUrls';

/**
 * The arguments of the commands that replay SLO files over the raw series of a Prometheus (`backtest`,
 * `suggest`): `FILE... --prometheus URL [--datasource-url UID=URL]... [--days N] [--eval-interval D] [--json]`.
 */
export interface ReplayArgs {
  slos: Slo[];
  /** Where each SLO is read: the Prometheus of its datasource. */
  urls: DatasourceUrls;
  days: number;
  evaluationInterval: string;
  json: boolean;
}

/** Exit codes shared by the replaying commands. */
export const REPLAY_EXIT = { ok: 0, noData: 1, usage: 2, unreachable: 4 } as const;

/**
 * The parsed arguments, or the exit code after printing the usage (--help) or every problem, each
 * prefixed with `burnrate COMMAND:`. The files must hold valid SLOs.
 */
export function parseReplayArgs(
  command: string,
  usage: string,
  argv: string[],
  io: CliIo,
  defaultDays: number
): ReplayArgs | { exit: number } {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        prometheus: { type: 'string' },
        ...DATASOURCE_URL_OPTIONS,
        days: { type: 'string' },
        'eval-interval': { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    io.stderr(`burnrate ${command}: ${errorMessage(error)}\n\n${usage}`);
    return { exit: REPLAY_EXIT.usage };
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(usage);
    return { exit: REPLAY_EXIT.ok };
  }
  const days = values.days === undefined ? defaultDays : Number(values.days);
  const evaluationInterval = values['eval-interval'] ?? DEFAULT_EVALUATION_INTERVAL;
  const intervalSeconds = parsePromDuration(evaluationInterval);
  const urls = parseDatasourceUrls(values.prometheus ?? '', values['datasource-uid'], values['datasource-url']);
  const problems = [
    ...('problems' in urls ? urls.problems : []),
    positionals.length === 0 && 'name at least one SLO file',
    !values.prometheus && '--prometheus URL is required',
    values.prometheus &&
      !HTTP_URL.test(values.prometheus) &&
      `--prometheus must be an http:// or https:// URL, got ${quote(values.prometheus)}`,
    !(Number.isInteger(days) && days >= 1 && days <= MAX_BACKTEST_DAYS) &&
      `--days must be a whole number of days from 1 to ${MAX_BACKTEST_DAYS}, got ${quote(values.days ?? '')}`,
    !(intervalSeconds !== undefined && Number.isInteger(intervalSeconds) && intervalSeconds <= 300) &&
      `--eval-interval must be a Prometheus duration of whole seconds up to 5m, got ${quote(evaluationInterval)}`,
  ].filter((p): p is string => typeof p === 'string');
  if (problems.length > 0 || 'problems' in urls) {
    io.stderr(`${problems.map((p) => `burnrate ${command}: ${p}`).join('\n')}\n\n${usage}`);
    return { exit: REPLAY_EXIT.usage };
  }
  const files = readSloFiles(positionals, io, 'FILE');
  const invalid = files.slos.flatMap((slo) =>
    validateSlo(slo)
      .filter((issue) => issue.severity === 'error')
      .map((issue) => `FILE: SLO ${quote(slo.name)}: ${issue.path}: ${issue.message}`)
  );
  const unplaced = unplacedSlos(files.slos, urls);
  if (files.problems.length > 0 || invalid.length > 0 || unplaced.length > 0) {
    io.stderr(`${[...files.problems, ...invalid, ...unplaced].map((p) => `burnrate ${command}: ${p}`).join('\n')}\n`);
    return { exit: REPLAY_EXIT.usage };
  }
  if (files.slos.length === 0) {
    io.stderr(`burnrate ${command}: FILE: the files hold no SLO\n`);
    return { exit: REPLAY_EXIT.usage };
  }
  return { slos: files.slos, urls, days, evaluationInterval, json: values.json === true };
}

export interface ReplayDependencies {
  /** The HTTP transport of the Prometheus client (default: fetch, 2 minutes per query). */
  http?: HttpGet;
  now?: () => Date;
}

/** A range query of 10,000 steps over many series can take a while. */
const QUERY_TIMEOUT_MS = 120_000;

/** What a replaying command reads and prints. */
export interface ReplayCommand<R extends { problems: ReadonlyArray<{ message: string }> }> {
  name: string;
  usage: string;
  defaultDays: number;
  /** Reads the SLOs' series; rejects when Prometheus cannot be read (the message names the SLO). */
  run: (
    slos: Slo[],
    readerOf: (slo: Slo) => RatesRangeReader,
    options: { now: number; days: number; evaluationInterval: string }
  ) => Promise<R>;
  text: (report: R) => string;
}

/**
 * Runs a replaying command: its arguments, the reads over Prometheus's HTTP API, its text or JSON on
 * stdout; SLOs without data are named (on stderr too with --json) and exit 1.
 */
export async function runReplayCommand<R extends { problems: ReadonlyArray<{ message: string }> }>(
  command: ReplayCommand<R>,
  argv: string[],
  io: CliIo,
  dependencies: ReplayDependencies = {}
): Promise<number> {
  const args = parseReplayArgs(command.name, command.usage, argv, io, command.defaultDays);
  if ('exit' in args) {
    return args.exit;
  }
  const http = dependencies.http ?? httpGetWithTimeout(QUERY_TIMEOUT_MS);
  const readers = new Map<string, RatesRangeReader>();
  // Each SLO on the Prometheus of its own datasource (parseReplayArgs made sure it has one).
  const readerOf = (slo: Slo): RatesRangeReader => {
    const url = urlOfSlo(slo, args.urls) ?? args.urls.prometheus;
    const reader = readers.get(url) ?? ratesRangeReader(prometheusClient(url, http));
    readers.set(url, reader);
    return reader;
  };
  let report;
  try {
    report = await command.run(args.slos, readerOf, {
      now: (dependencies.now?.() ?? new Date()).getTime(),
      days: args.days,
      evaluationInterval: args.evaluationInterval,
    });
  } catch (error) {
    io.stderr(`burnrate ${command.name}: ${errorMessage(error)}\n`);
    return REPLAY_EXIT.unreachable;
  }
  await io.stdout(args.json ? `${JSON.stringify(report, null, 2)}\n` : command.text(report));
  // The text names them in the output; a reader of JSON gets them on stderr too.
  if (args.json) {
    for (const problem of report.problems) {
      io.stderr(`burnrate ${command.name}: ${problem.message}\n`);
    }
  }
  return report.problems.length > 0 ? REPLAY_EXIT.noData : REPLAY_EXIT.ok;
}
