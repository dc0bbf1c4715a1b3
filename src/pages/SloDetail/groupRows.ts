import type { InstantSample } from '../../api/query';

export interface GroupRow {
  key: string;
  labels: Record<string, string>;
  sli?: number;
  budgetRemaining?: number;
}

const finite = (v: number | undefined) => (v !== undefined && Number.isFinite(v) ? v : undefined);

/** One row per group of the SLI and budget samples, the least budget remaining first. */
export function buildGroupRows(groupBy: string[], sli: InstantSample[], budget: InstantSample[]): GroupRow[] {
  const keyOf = (labels: Record<string, string>) => groupBy.map((l) => `${l}=${labels[l] ?? ''}`).join(',');
  const rows = new Map<string, GroupRow>();
  const row = (labels: Record<string, string>) => {
    const key = keyOf(labels);
    const existing = rows.get(key);
    if (existing) {
      return existing;
    }
    const created: GroupRow = { key, labels: Object.fromEntries(groupBy.map((l) => [l, labels[l] ?? ''])) };
    rows.set(key, created);
    return created;
  };
  sli.forEach((s) => (row(s.labels).sli = finite(s.value)));
  budget.forEach((s) => (row(s.labels).budgetRemaining = finite(s.value)));
  return [...rows.values()].sort(
    (a, b) => (a.budgetRemaining ?? Infinity) - (b.budgetRemaining ?? Infinity) || a.key.localeCompare(b.key)
  );
}
