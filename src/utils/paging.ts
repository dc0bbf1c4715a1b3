/** One page of a table's rows: `requested` (from 1) held within the pages there are. */
export function pageOf<T>(
  items: readonly T[],
  requested: number,
  size: number
): { items: T[]; page: number; pages: number } {
  const pages = Math.max(1, Math.ceil(items.length / size));
  const page = Math.min(Math.max(1, requested), pages);
  return { items: items.slice((page - 1) * size, page * size), page, pages };
}

/** The page a URL value asks for: a whole number from 1, or the first page for anything else. */
export function pageFromUrl(value: unknown): number {
  const page = typeof value === 'string' ? Number(value) : Number.NaN;
  return Number.isSafeInteger(page) && page >= 1 ? page : 1;
}
