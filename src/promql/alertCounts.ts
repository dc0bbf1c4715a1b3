import { rangeWithoutStart, windowRateSumExpr } from './slo';

/**
 * The events and bad events of a burn-rate alert's long window, for its text ("37 of 1.204k requests were
 * bad in the last 1 hour"). They are made of the recorded 5m rates, as the alert's own error ratio is (for
 * a window of a day or more, of their 10 minute sums): each sample is events per second over 5 minutes, taken
 * once per evaluation interval, so the samples of a window times the interval count its events. The range
 * is 1 ms short of the window, so that it holds exactly window ÷ interval samples on Prometheus 2 (which
 * includes a sample on the range's start) and 3.
 * Rounded to whole events: the 5m rates extrapolate a little, and a count reads as a count.
 */

export type CountedEvents = 'bad' | 'total';

/** Stands for a grouping label's value while the expression is built; no quoted value can hold it. */
const VALUE_HOLE = '\u0000';

function windowCountExpr(
  events: CountedEvents,
  sloUid: string,
  groupBy: string[],
  windowSeconds: number,
  intervalSeconds: number,
  groupMatchers: string
): string {
  const window = { text: rangeWithoutStart(windowSeconds), seconds: windowSeconds };
  return `round(${windowRateSumExpr(events, sloUid, groupBy, window, groupMatchers)} * ${intervalSeconds})`;
}

/** The events of every group of the SLO over the window, each series with the group's labels. */
export function windowEventCountExpr(
  events: CountedEvents,
  sloUid: string,
  groupBy: string[],
  windowSeconds: number,
  intervalSeconds: number
): string {
  return windowCountExpr(events, sloUid, groupBy, windowSeconds, intervalSeconds, '');
}

/**
 * The same for one group, as a printf format (Go's, which alert templates use) with a `%q` for the value of
 * each grouping label in `groupBy` order: Go's `%q` quotes a string with Go's escapes, which PromQL reads
 * back as the same text, whatever quotes, braces or backslashes the value holds. Every other `%` is
 * doubled, so that printf prints it.
 */
export function groupEventCountFormat(
  events: CountedEvents,
  sloUid: string,
  windowSeconds: number,
  intervalSeconds: number,
  groupBy: readonly string[]
): string {
  const matchers = groupBy.map((label) => `,${label}=${VALUE_HOLE}`).join('');
  return windowCountExpr(events, sloUid, [...groupBy], windowSeconds, intervalSeconds, matchers)
    .split(VALUE_HOLE)
    .map((part) => part.replace(/%/g, '%%'))
    .join('%q');
}
