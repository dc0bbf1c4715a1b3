/**
 * The cheap read of the replay's counters (decisions/replayCounters.ts decides from it). One query per
 * counter selector for all the objectives that read it: `resets()` of the selector over the span of all
 * their raw parts, read once as `increase(x[window])` reads it, and the value of each selector that
 * refines it (more matchers) at each end of their raw spans, an instant read of one sample per series.
 * A series without a reset there that has a value at both ends of a span counted (c @ to - c @ from)
 * exactly; only the others go through the tile arithmetic of replay.ts, selected one by one.
 */
import type { VectorSelector } from './parse';
import { formatRangeSelector, formatSelector } from './format';
import { formatPromDuration } from '../slo/duration';
import { atTime } from './replay';

/** The label that tells the parts of a counter read apart. */
export const COUNTER_READ_LABEL = 'slo_replay_read';

/** The part of a counter read that holds the resets of its base selector. */
export const RESETS_PART = 'resets';

/**
 * How far before a span's start its start value may come from: the default lookback of an instant
 * selector. The resets are read from this far back, so a reset between that sample and the span's
 * first one is seen.
 */
export const LOOKBACK_SECONDS = 300;

/** The part of a counter read that holds selector `selector`'s values at instant `instant` (indexes). */
export function valuePart(selector: number, instant: number): string {
  return `${selector}@${instant}`;
}

/**
 * Whether every series of `narrow` is a series of `base`: same metric and offset, and every matcher of
 * `base` among those of `narrow`. The base selector's read then serves both.
 */
export function refines(narrow: VectorSelector, base: VectorSelector): boolean {
  return (
    narrow.metric === base.metric &&
    (narrow.offset ?? '') === (base.offset ?? '') &&
    base.matchers.every((m) => narrow.matchers.some((n) => n.name === m.name && n.op === m.op && n.value === m.value))
  );
}

/**
 * The cheap read of a base selector and the selectors refining it (`selectors`, the base first), for
 * raw spans within (from, to]: the resets of the base over (from - lookback, to], and each selector's
 * value at each of `instants`, each part labelled with COUNTER_READ_LABEL.
 */
export function counterReadExpr(
  selectors: readonly VectorSelector[],
  instants: readonly number[],
  from: number,
  to: number
): string {
  const range = formatPromDuration(to - from + LOOKBACK_SECONDS);
  const label = (expr: string, part: string) => `label_replace(${expr}, "${COUNTER_READ_LABEL}", "${part}", "", "")`;
  const parts = [label(`resets(${formatRangeSelector(selectors[0], range)} ${atTime(to)})`, RESETS_PART)];
  selectors.forEach((selector, i) =>
    instants.forEach((instant, j) =>
      parts.push(label(`${formatSelector(selector)} ${atTime(instant)}`, valuePart(i, j)))
    )
  );
  return parts.join(' or ');
}

/**
 * A selector of exactly one series of `selector`: an equality matcher on each of its labels (but those the
 * selector already matches so), and an
 * empty one on each label name that other series of the same read carry (`otherNames`), so that no
 * series with more labels matches too.
 */
export function seriesSelector(
  selector: VectorSelector,
  labels: Readonly<Record<string, string>>,
  otherNames: readonly string[]
): VectorSelector {
  const matched = (name: string, value: string) =>
    selector.matchers.some((m) => m.name === name && m.op === '=' && m.value === value);
  const own = Object.entries(labels)
    .filter(([name, value]) => name !== '__name__' && !matched(name, value))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    ...selector,
    matchers: [
      ...selector.matchers,
      ...own.map(([name, value]) => ({ name, op: '=' as const, value })),
      ...otherNames.filter((name) => !(name in labels)).map((name) => ({ name, op: '=' as const, value: '' })),
    ],
  };
}
