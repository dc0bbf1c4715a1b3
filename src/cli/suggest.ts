import { DEFAULT_EVALUATION_INTERVAL } from '../rules/build';
import { MAX_BACKTEST_DAYS } from '../decisions/backtestRates';
import { SUGGEST_MARGIN } from '../slo/targetHistory';
import { DEFAULT_TARGET_HISTORY_DAYS, runTargetHistory } from '../decisions/targetFromHistory';
import { formatTargetHistoryText } from '../decisions/targetFromHistoryFormat';
import { REPLAY_EXIT, runReplayCommand, type ReplayDependencies } from './replayCommand';
import type { CliIo } from './run';
import { DATASOURCE_URL_USAGE } from './datasourceUrls';

/** Exit codes of `suggest`, as `backtest`'s; 1 when an SLO had no data in the range. */
export const SUGGEST_EXIT = REPLAY_EXIT;

export const SUGGEST_USAGE = `Usage: burnrate suggest FILE... --prometheus URL [--datasource-url UID=URL]... [--days N] [--json]

A target from history: reads the last N days of each SLO's raw source series (no rules need to run) and
prints the SLI it achieved over the last 7, 30 and 90 days (as much of them as the range holds) and per
week with its worst week; then, for every tier target and the SLO's own, the budget it would have left
over the history, how many times it would have been exhausted in windows of the SLO's length and its worst
window; and a suggested target: the highest tier target whose worst window kept ${SUGGEST_MARGIN * 100}% of its budget.

  --prometheus URL     the Prometheus query API, e.g. http://localhost:9090
  --days N             the range read, 1 to ${MAX_BACKTEST_DAYS} days (default ${DEFAULT_TARGET_HISTORY_DAYS}); a one minute step up to 30 days,
                       longer ranges a longer step (3 minutes for 90 days)
  --eval-interval D    evaluation interval of the base rules (default ${DEFAULT_EVALUATION_INTERVAL}), for time-slice SLOs
  --json               the figures as JSON (docs/cli.md describes its fields)

${DATASOURCE_URL_USAGE}

FILE may be native Burnrate, OpenSLO v1, Sloth or Pyrra YAML; a directory stands for its YAML files. Exit 0
when every SLO had events, 1 when an SLO had none in the range (the others are printed), 2 on wrong usage
or invalid files, 4 when Prometheus cannot be read.
`;

export type SuggestDependencies = ReplayDependencies;

export function runSuggestCommand(argv: string[], io: CliIo, dependencies: SuggestDependencies = {}): Promise<number> {
  return runReplayCommand(
    {
      name: 'suggest',
      usage: SUGGEST_USAGE,
      defaultDays: DEFAULT_TARGET_HISTORY_DAYS,
      run: runTargetHistory,
      text: formatTargetHistoryText,
    },
    argv,
    io,
    dependencies
  );
}
