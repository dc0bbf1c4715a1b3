import type { Slo } from '../slo/types';
import { longestComparedWindowSeconds } from '../slo/alertSets';
import { quote } from '../slo/quote';
import { backtestGrid, backtestStepSeconds, readSloGroupRates, type RatesRangeReader } from './backtestRates';
import { BACKTEST_JSON_VERSION, compareSlo, type BacktestReportJson } from './backtestComparison';

export interface BacktestRunOptions {
  /** End of the range (ms); the range ends on the last whole step before it. */
  now: number;
  days: number;
  /** The evaluation interval of the SLO's rules: the time-slice rates depend on it. */
  evaluationInterval: string;
}

/**
 * Replays every SLO over the last `days` from its raw source series, one SLO after the other (each reads
 * a few range queries, with `readerOf` it: the reader of its datasource), and compares its alert sets. An SLO without events in the range is a problem of
 * the report, named; a failed read rejects with an SloReadError naming the SLO.
 */
export async function runBacktest(
  slos: readonly Slo[],
  readerOf: (slo: Slo) => RatesRangeReader,
  options: BacktestRunOptions
): Promise<BacktestReportJson> {
  const stepSeconds = backtestStepSeconds(options.days);
  const range = backtestGrid(options.now, options.days, 0);
  const report: BacktestReportJson = {
    version: BACKTEST_JSON_VERSION,
    from: new Date(range.from).toISOString(),
    to: new Date(range.grid.start + (range.grid.count - 1) * stepSeconds * 1000).toISOString(),
    days: options.days,
    stepSeconds,
    slos: [],
    problems: [],
  };
  for (const slo of slos) {
    const { grid, from } = backtestGrid(options.now, options.days, longestComparedWindowSeconds(slo));
    const groups = await readSloGroupRates(slo, options.evaluationInterval, grid, readerOf(slo));
    const scored = compareSlo(slo, grid, groups, from);
    if (scored) {
      report.slos.push(scored);
    } else {
      report.problems.push({
        slo: slo.name,
        message: `SLO ${quote(slo.name)}: no events in the last ${options.days === 1 ? 'day' : `${options.days} days`} from its source series (${
          groups.length === 0 ? 'no series matched: check the selectors' : 'the series exist but counted no events'
        })`,
      });
    }
  }
  return report;
}
