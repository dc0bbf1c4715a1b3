/**
 * Queries over many SLOs at once (one per metric, never one per SLO) stay within a size a datasource takes:
 * an expression that would pass MAX_QUERY_BYTES is split into several, each over a share of the SLOs, sent
 * together in one request under refIds `REF`, `REF#2`, `REF#3`... and read back as one answer. Every batch
 * selects or labels its own SLOs by slo_uid, so the union of the answers is the answer of the whole.
 */

/**
 * Bytes of one expression at most. Grafana posts queries, far from any limit of Prometheus, Mimir or Thanos;
 * the bound keeps each query about the size of one SLO's largest raw replay (7 KB for two objectives), so a
 * thousand SLOs make tens of queries the datasource runs side by side rather than one of megabytes that one
 * core parses and evaluates.
 */
export const MAX_QUERY_BYTES = 16_384;

/** UTF-8 bytes of a text. */
export function utf8Bytes(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) {
      bytes += 1;
    } else if (code < 0x800) {
      bytes += 2;
    } else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4;
      i++;
    } else {
      bytes += 3;
    }
  }
  return bytes;
}

/**
 * `parts` joined by `separator` into as few expressions as fit in `maxBytes` each, in order; a part longer
 * than that alone is an expression of its own. None for no parts.
 */
export function joinWithin(parts: readonly string[], separator: string, maxBytes = MAX_QUERY_BYTES): string[] {
  const out: string[] = [];
  const separatorBytes = utf8Bytes(separator);
  let batch: string[] = [];
  let bytes = 0;
  for (const part of parts) {
    const partBytes = utf8Bytes(part);
    if (batch.length > 0 && bytes + separatorBytes + partBytes > maxBytes) {
      out.push(batch.join(separator));
      batch = [];
      bytes = 0;
    }
    bytes += (batch.length > 0 ? separatorBytes : 0) + partBytes;
    batch.push(part);
  }
  if (batch.length > 0) {
    out.push(batch.join(separator));
  }
  return out;
}

/**
 * `build` over consecutive shares of `items`, each share as large as keeps its expression within `maxBytes`
 * (a single item that does not fit is a share of its own), in order. `build` must grow with its items, as an
 * expression over a regular expression of uids does. None for no items.
 */
export function batchesWithin<T>(
  items: readonly T[],
  build: (batch: readonly T[]) => string,
  maxBytes = MAX_QUERY_BYTES
): string[] {
  const out: string[] = [];
  let start = 0;
  while (start < items.length) {
    // The longest share from `start` that fits: doubling, then halving the step.
    let fits = 1;
    let step = 1;
    while (start + fits + step <= items.length && fitsIn(items, start, fits + step, build, maxBytes)) {
      fits += step;
      step *= 2;
    }
    for (step = Math.floor(step / 2); step >= 1; step = Math.floor(step / 2)) {
      if (start + fits + step <= items.length && fitsIn(items, start, fits + step, build, maxBytes)) {
        fits += step;
      }
    }
    out.push(build(items.slice(start, start + fits)));
    start += fits;
  }
  return out;
}

function fitsIn<T>(
  items: readonly T[],
  start: number,
  count: number,
  build: (batch: readonly T[]) => string,
  maxBytes: number
): boolean {
  return utf8Bytes(build(items.slice(start, start + count))) <= maxBytes;
}

/** The refId of batch `index` (from 0) of a query: the first keeps the query's own. */
export function batchRefId(refId: string, index: number): string {
  return index === 0 ? refId : `${refId}#${index + 1}`;
}

/** One query per batch expression, under the refIds batchRefId gives. */
export function batchQueries(refId: string, exprs: readonly string[]): Array<{ refId: string; expr: string }> {
  return exprs.map((expr, i) => ({ refId: batchRefId(refId, i), expr }));
}

/** The answers of every batch of a query, as one. */
export function batchAnswers<T>(answers: Readonly<Record<string, T[] | undefined>>, refId: string): T[] {
  const out: T[] = [...(answers[refId] ?? [])];
  for (let i = 1; answers[batchRefId(refId, i)] !== undefined; i++) {
    out.push(...(answers[batchRefId(refId, i)] ?? []));
  }
  return out;
}
