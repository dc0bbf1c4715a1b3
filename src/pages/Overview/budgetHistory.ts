import { z } from 'zod';
import { fetchParsed } from '../../api/http';
import { ApiError } from '../../api/errors';
import { SLO_LABELS } from '../../promql/slo';

/** Budget remaining over time of every SLO, by `slo_uid` and `slo_window`: [time in ms, value] points. */
export type BudgetHistory = Map<string, Array<[number, number]>>;

const frameSchema = z.looseObject({
  schema: z
    .looseObject({
      fields: z.array(
        z.looseObject({ type: z.string().optional(), labels: z.record(z.string(), z.string()).nullish() })
      ),
    })
    .optional(),
  data: z.looseObject({ values: z.array(z.array(z.unknown())) }).optional(),
});
const responseSchema = z.object({
  results: z.record(
    z.string(),
    z.looseObject({ error: z.string().optional(), frames: z.array(frameSchema).optional() })
  ),
});

export function historyKey(sloUid: string, window: string): string {
  return `${sloUid}\u0000${window}`;
}

/** One range query for all SLOs (the overview's sparklines), through Grafana's `/api/ds/query`. */
export async function queryBudgetHistory(
  datasourceUid: string,
  expr: string,
  from: string,
  maxDataPoints = 60
): Promise<BudgetHistory> {
  const data = await fetchParsed(
    {
      url: '/api/ds/query',
      method: 'POST',
      data: {
        from,
        to: 'now',
        queries: [
          {
            refId: 'H',
            expr,
            range: true,
            instant: false,
            maxDataPoints,
            datasource: { uid: datasourceUid, type: 'prometheus' },
          },
        ],
      },
    },
    responseSchema,
    'Querying the budget history'
  );
  const result = data.results.H;
  if (result?.error) {
    throw new ApiError(`Querying the budget history: ${result.error}`);
  }
  const out: BudgetHistory = new Map();
  for (const frame of result?.frames ?? []) {
    const fields = frame.schema?.fields ?? [];
    const timeIndex = fields.findIndex((f) => f.type === 'time');
    const valueIndex = fields.findIndex((f) => f.type === 'number');
    if (timeIndex < 0 || valueIndex < 0) {
      continue;
    }
    const labels = fields[valueIndex].labels ?? {};
    const times = frame.data?.values[timeIndex] ?? [];
    const values = frame.data?.values[valueIndex] ?? [];
    const points: Array<[number, number]> = [];
    times.forEach((t, i) => {
      const v = values[i];
      if (typeof t === 'number' && typeof v === 'number') {
        points.push([t, v]);
      }
    });
    out.set(historyKey(labels[SLO_LABELS.uid] ?? '', labels[SLO_LABELS.window] ?? ''), points);
  }
  return out;
}
