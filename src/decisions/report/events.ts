import Big from 'big.js';
import { SLO_LABELS } from '../../promql/slo';
import type { RangeEventQueries } from '../../promql/report';
import { budgetConsumed } from '../../slo/budget';
import type { LabelledValue } from '../serviceReadings';

/** An objective's events in a range, and its achieved SLI and budget used from them. */

/** Recorded tiles or 5m rates; or replayed: raw source series, or raw before the rules' first tile and tiles after. */
export type EventsSource = 'tiles' | 'rates' | 'raw' | 'stitched';

export interface EventCounts {
  total: number;
  bad: number;
  source: EventsSource;
}

/** What the queries of rangeEventQueries answered for one SLO. */
export interface SloEventReadings {
  tileEvents?: number;
  tileBadEvents?: number;
  rateEvents?: number;
  rateBadEvents?: number;
  rulesRanAtStart: boolean;
}

export type RangeEventAnswers = Record<keyof RangeEventQueries, LabelledValue[]>;

function finiteOrUndefined(value: number | undefined): number | undefined {
  return value !== undefined && Number.isFinite(value) ? value : undefined;
}

/** The answers of rangeEventQueries by SLO uid. */
export function eventReadingsByUid(answers: RangeEventAnswers): Map<string, SloEventReadings> {
  const readings = new Map<string, SloEventReadings>();
  const entry = (uid: string) => {
    let found = readings.get(uid);
    if (!found) {
      found = { rulesRanAtStart: false };
      readings.set(uid, found);
    }
    return found;
  };
  for (const key of ['tileEvents', 'tileBadEvents', 'rateEvents', 'rateBadEvents'] as const) {
    for (const answer of answers[key]) {
      entry(answer.labels[SLO_LABELS.uid] ?? '')[key] = finiteOrUndefined(answer.value);
    }
  }
  for (const answer of answers.rulesAtStart) {
    entry(answer.labels[SLO_LABELS.uid] ?? '').rulesRanAtStart = answer.value > 0;
  }
  return readings;
}

/**
 * The events of an SLO in a range (see rangeEventQueries): none when the 5m rates saw no traffic in the
 * range, even if the tile that straddles its start holds events from just before it; the tiles when the
 * range is on whole hours, the rules ran from its start and there are tiles; else the 5m rates. Bad
 * events default to 0 where the total is known.
 */
export function chooseEventCounts(
  readings: SloEventReadings | undefined,
  onWholeHours: boolean
): EventCounts | undefined {
  if (!readings || readings.rateEvents === undefined || !(readings.rateEvents > 0)) {
    return undefined;
  }
  if (readings.tileEvents !== undefined && onWholeHours && readings.rulesRanAtStart) {
    return { total: readings.tileEvents, bad: readings.tileBadEvents ?? 0, source: 'tiles' };
  }
  return { total: readings.rateEvents, bad: readings.rateBadEvents ?? 0, source: 'rates' };
}

/**
 * bad / total, in decimal arithmetic; undefined without traffic (no data: never NaN, never 0%). Bad
 * events above the total (rates of two series, each extrapolated) count as the total.
 */
export function errorRatioOf(counts: Pick<EventCounts, 'total' | 'bad'> | undefined): number | undefined {
  if (!counts || !(counts.total > 0) || !Number.isFinite(counts.bad)) {
    return undefined;
  }
  return new Big(Math.max(0, Math.min(counts.bad, counts.total))).div(counts.total).toNumber();
}

/** Achieved SLI: 1 - bad / total; undefined without traffic. */
export function achievedSli(counts: EventCounts | undefined): number | undefined {
  const ratio = errorRatioOf(counts);
  return ratio === undefined ? undefined : new Big(1).minus(ratio).toNumber();
}

/** Share of the error budget used: error ratio / (1 - target); above 1 when overspent. */
export function budgetConsumedOf(
  counts: Pick<EventCounts, 'total' | 'bad'> | undefined,
  target: string
): number | undefined {
  const ratio = errorRatioOf(counts);
  return ratio === undefined ? undefined : budgetConsumed(ratio, target);
}

/** Met: the SLI is at least the target (the budget used is at most all of it). */
export function isMet(consumed: number | undefined): boolean | undefined {
  return consumed === undefined ? undefined : consumed <= 1;
}
