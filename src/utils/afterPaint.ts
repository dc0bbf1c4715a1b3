/** Longest wait for a frame: a hidden tab paints none, and its work must go on. */
const MAX_WAIT_MS = 100;

/**
 * Resolves once the browser has had a frame to paint what was just put on screen, or after MAX_WAIT_MS. A
 * load that shows part of its answer and then builds something heavy on the main thread (thousands of
 * queries) awaits it in between, so that the part shown is painted first instead of after the heavy work.
 */
export function afterPaint(): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, MAX_WAIT_MS);
    requestAnimationFrame(() =>
      setTimeout(() => {
        clearTimeout(timer);
        resolve();
      }, 0)
    );
  });
}
