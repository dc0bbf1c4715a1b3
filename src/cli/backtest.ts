import { DEFAULT_EVALUATION_INTERVAL } from '../rules/build';
import { MAX_BACKTEST_DAYS } from '../decisions/backtestRates';
import { runBacktest } from '../decisions/backtestRun';
import { formatBacktestText } from '../decisions/backtestFormat';
import { REPLAY_EXIT, runReplayCommand, type ReplayDependencies } from './replayCommand';
import type { CliIo } from './run';
import { DATASOURCE_URL_USAGE } from './datasourceUrls';

/** Exit codes of `backtest`, as `gate`'s and `report`'s; 1 when an SLO had no data to replay. */
export const BACKTEST_EXIT = REPLAY_EXIT;

export const DEFAULT_BACKTEST_DAYS = 30;

export const BACKTEST_USAGE = `Usage: burnrate backtest FILE... --prometheus URL [--datasource-url UID=URL]... [--days N] [--json]

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

${DATASOURCE_URL_USAGE}

FILE may be native Burnrate, OpenSLO v1, Sloth or Pyrra YAML; a directory stands for its YAML files. Exit 0
when every SLO was replayed, 1 when an SLO had no data in the range (the others are printed), 2 on wrong
usage or invalid files, 4 when Prometheus cannot be read.
`;

export type BacktestDependencies = ReplayDependencies;

export function runBacktestCommand(
  argv: string[],
  io: CliIo,
  dependencies: BacktestDependencies = {}
): Promise<number> {
  return runReplayCommand(
    {
      name: 'backtest',
      usage: BACKTEST_USAGE,
      defaultDays: DEFAULT_BACKTEST_DAYS,
      run: runBacktest,
      text: formatBacktestText,
    },
    argv,
    io,
    dependencies
  );
}
