/**
 * How the rules sum an alert's window. Windows shorter than a day sum the 5m rate samples of the whole
 * window, up to the evaluation. Windows of a day or more add up recorded 10 minute sums of those samples
 * at every whole 10 minutes (a day reads 144 samples per series instead of 2,880 at 30s), so they cover
 * their whole 10 minutes up to the last whole 10 minutes before the evaluation: they lag it by up to 10
 * minutes, 1/144 of the window or less. The backtest replays the same windows.
 */

/** The length of a block: the range of the recorded sums, and the step at which long windows add them. */
export const BLOCK_SECONDS = 600;

/** Windows at least this long add up block sums. */
export const BLOCK_SUMMED_WINDOW_SECONDS = 86_400;

export function readsBlockSums(windowSeconds: number): boolean {
  return windowSeconds >= BLOCK_SUMMED_WINDOW_SECONDS;
}

/** The seconds a block-summed window covers: its whole blocks. */
export function blockSummedSeconds(windowSeconds: number): number {
  return Math.floor(windowSeconds / BLOCK_SECONDS) * BLOCK_SECONDS;
}

/** The end of a block-summed window evaluated at `timeMs`: the last whole block boundary (ms since the epoch). */
export function blockSummedWindowEnd(timeMs: number): number {
  const blockMs = BLOCK_SECONDS * 1000;
  return Math.floor(timeMs / blockMs) * blockMs;
}
