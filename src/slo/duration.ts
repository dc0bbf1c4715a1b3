/** Prometheus durations ("5m", "1h30m", "30d", "500ms") as seconds, and back. */

const UNIT_SECONDS: Record<string, number> = {
  y: 365 * 86400,
  w: 7 * 86400,
  d: 86400,
  h: 3600,
  m: 60,
  s: 1,
  ms: 0.001,
};

const DURATION = /^((\d+)y)?((\d+)w)?((\d+)d)?((\d+)h)?((\d+)m)?((\d+)s)?((\d+)ms)?$/;

/** Seconds of a Prometheus duration, or undefined when the text is not one (or is zero). */
export function parsePromDuration(text: string): number | undefined {
  const match = DURATION.exec(text.trim());
  if (!match || text.trim() === '') {
    return undefined;
  }
  const units = ['y', 'w', 'd', 'h', 'm', 's', 'ms'];
  let seconds = 0;
  units.forEach((unit, i) => {
    const value = match[2 + i * 2];
    if (value !== undefined) {
      seconds += Number(value) * UNIT_SECONDS[unit];
    }
  });
  return seconds > 0 ? Math.round(seconds * 1000) / 1000 : undefined;
}

/** The shortest Prometheus duration for a number of seconds, e.g. 280 -> "4m40s", 2592000 -> "30d". */
export function formatPromDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new RangeError(`duration must be a positive number of seconds, got ${seconds}`);
  }
  let remainingMs = Math.round(seconds * 1000);
  let out = '';
  for (const unit of ['d', 'h', 'm', 's'] as const) {
    const unitMs = UNIT_SECONDS[unit] * 1000;
    const count = Math.floor(remainingMs / unitMs);
    if (count > 0) {
      out += `${count}${unit}`;
      remainingMs -= count * unitMs;
    }
  }
  if (remainingMs > 0) {
    out += `${remainingMs}ms`;
  }
  return out;
}
