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
