import { queryRange } from '../../api/query';
import { SLO_LABELS } from '../../promql/slo';

/** Budget remaining over time of every SLO, by `slo_uid` and `slo_window`: [time in ms, value] points. */
export type BudgetHistory = Map<string, Array<[number, number]>>;

export function historyKey(sloUid: string, window: string): string {
  return `${sloUid}\u0000${window}`;
}

/**
 * One range query for all SLOs (the overview's sparklines), through the datasource's query(); `signal`
 * cancels it.
 */
export async function queryBudgetHistory(
  datasourceUid: string,
  expr: string,
  from: string,
  { maxDataPoints = 60, signal }: { maxDataPoints?: number; signal?: AbortSignal } = {}
): Promise<BudgetHistory> {
  const { H = [] } = await queryRange(
    datasourceUid,
    [{ refId: 'H', expr }],
    { from, to: 'now', maxDataPoints },
    signal
  );
  return new Map(
    H.map(({ labels, points }) => [historyKey(labels[SLO_LABELS.uid] ?? '', labels[SLO_LABELS.window] ?? ''), points])
  );
}
