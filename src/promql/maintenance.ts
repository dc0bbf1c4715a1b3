import type { MaintenanceWindow } from '../slo/types';
import type { VectorSelector } from './parse';
import { formatSelector, withOffset } from './format';
import { counterTileIncreaseExpr, rangeWithoutStart, type Tile } from './slo';
import { WEEK_SECONDS } from '../slo/maintenance';

/**
 * PromQL of maintenance windows. A window is a condition on `time()`, so the rules leave it out by
 * themselves while it lasts, and each evaluation of a subquery sees it at its own step.
 */

/** Step at which a tile looks for the edges of a window: windows start and end on whole minutes. */
export const WINDOW_EDGE_STEP = '1m';

export interface ActiveOptions {
  /** Look this far back: the window in force at time() - shift. */
  shiftSeconds?: number;
  /** Keep each window on for this long after its end. */
  extendSeconds?: number;
  /** Count the end instant in: [start, end] rather than [start, end). */
  includeEnd?: boolean;
}

/**
 * A vector of one label-less sample while a window is in force, empty otherwise: for `and on ()` and
 * `unless on ()`. A one-off window is `vector(time()) >= start < end`; a weekly one is in force while
 * the time since its first start, modulo a week, is under its length.
 */
export function maintenanceActiveExpr(windows: readonly MaintenanceWindow[], options: ActiveOptions = {}): string {
  const { shiftSeconds = 0, extendSeconds = 0, includeEnd = false } = options;
  const time = shiftSeconds > 0 ? `vector(time() - ${shiftSeconds})` : 'vector(time())';
  const before = includeEnd ? '<=' : '<';
  const terms = windows.map((w) =>
    w.repeat === 'weekly'
      ? `((${time} >= ${w.startSeconds}) - ${w.startSeconds}) % ${WEEK_SECONDS} ${before} ${w.endSeconds - w.startSeconds + extendSeconds}`
      : `${time} >= ${w.startSeconds} ${before} ${w.endSeconds + extendSeconds}`
  );
  return terms.length === 1 ? terms[0] : terms.map((t) => `(${t})`).join(' or ');
}

/**
 * The events of a counter, per source series, inside windows during the last tile (T - tile, T], where
 * a window begins or ends in the tile: the counter's value at the window's end (or now, if it lasts)
 * minus its value at the window's start (or a tile ago, if it had begun). The values at the edges come
 * from a subquery at a one minute step, which lands on them exactly, since windows start and end on
 * whole minutes. Absent where no window touched the tile. A tile wholly inside a window is left out by
 * countedTileIncreaseExpr. A counter that resets inside a window counts from its new value.
 */
export function maintenanceTileEventsExpr(
  counter: VectorSelector,
  windows: readonly MaintenanceWindow[],
  tile: Tile
): string {
  const now = formatSelector(counter);
  const tileAgo = formatSelector(withOffset(counter, tile.seconds));
  const sampled = `(${now} and on () (${insideAt(windows, 0)}))[${rangeWithoutStart(tile.seconds)}:${WINDOW_EDGE_STEP}]`;
  const first = `min_over_time(${sampled})`;
  const last = `max_over_time(${sampled})`;
  const nowInside = `on () (${insideAt(windows, 0)})`;
  const startInside = `on () (${insideAt(windows, tile.seconds)})`;
  const cases = [
    // A window began during the tile and lasts.
    `(${now} - ${first}) and ${nowInside} unless ${startInside}`,
    // A window that had begun ended during the tile.
    `(${last} - ${tileAgo}) unless ${nowInside} and ${startInside}`,
    // A whole window fell inside the tile.
    `(${last} - ${first}) unless ${nowInside} unless ${startInside}`,
  ];
  return `clamp_min(${cases.map((c) => `(${c})`).join(' or ')}, 0)`;
}

/** Windows with their end instant, as seen `shiftSeconds` ago. */
function insideAt(windows: readonly MaintenanceWindow[], shiftSeconds: number): string {
  return maintenanceActiveExpr(windows, { shiftSeconds, includeEnd: true });
}

/**
 * The events of a counter per source series over the last tile, less those inside windows: exact,
 * as the tile is (see counterTileIncreaseExpr); nothing while the whole tile is inside a window.
 */
export function countedTileIncreaseExpr(
  counter: VectorSelector,
  windows: readonly MaintenanceWindow[],
  tile: Tile
): string {
  const increase = counterTileIncreaseExpr(counter, tile);
  if (windows.length === 0) {
    return increase;
  }
  const excluded = maintenanceTileEventsExpr(counter, windows, tile);
  const wholeTileInside = `(${insideAt(windows, 0)}) and on () (${insideAt(windows, tile.seconds)})`;
  return `clamp_min((${increase}) - ${excluded} or (${increase}), 0) unless on () (${wholeTileInside})`;
}
