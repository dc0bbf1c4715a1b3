import { parseArgs } from 'node:util';
import type { Slo } from '../slo/types';
import { parsePromDuration } from '../slo/duration';
import { quote } from '../slo/quote';
import { DEFAULT_EVALUATION_INTERVAL } from '../rules/build';
import { validateSlo } from '../rules/validate';
import { MAX_BACKTEST_DAYS } from '../decisions/backtestRates';
import { errorMessage, readSloFiles } from './sloFiles';
import type { CliIo } from './run';

/**
 * The arguments of the commands that replay SLO files over the raw series of a Prometheus (`backtest`,
 * `suggest`): `FILE... --prometheus URL [--days N] [--eval-interval D] [--json]`.
 */
export interface ReplayArgs {
  slos: Slo[];
  prometheus: string;
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
    io.stderr(`${problems.map((p) => `burnrate ${command}: ${p}`).join('\n')}\n\n${usage}`);
    return { exit: REPLAY_EXIT.usage };
  }
  const files = readSloFiles(positionals, io, 'FILE');
  const invalid = files.slos.flatMap((slo) =>
    validateSlo(slo)
      .filter((issue) => issue.severity === 'error')
      .map((issue) => `FILE: SLO ${quote(slo.name)}: ${issue.path}: ${issue.message}`)
  );
  if (files.problems.length > 0 || invalid.length > 0) {
    io.stderr(`${[...files.problems, ...invalid].map((p) => `burnrate ${command}: ${p}`).join('\n')}\n`);
    return { exit: REPLAY_EXIT.usage };
  }
  if (files.slos.length === 0) {
    io.stderr(`burnrate ${command}: FILE: the files hold no SLO\n`);
    return { exit: REPLAY_EXIT.usage };
  }
  return { slos: files.slos, prometheus: values.prometheus, days, evaluationInterval, json: values.json === true };
}
