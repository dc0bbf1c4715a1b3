import { queryInstant, queryRange } from '../../api/query';
import type { ReportSource } from '../../decisions/report';

/**
 * The report's queries on a Prometheus-compatible datasource, through the datasource's query(); an
 * aborted `signal` cancels them.
 */
export function datasourceReportSource(datasourceUid: string, signal?: AbortSignal): ReportSource {
  return {
    instant: async (expr) => (await queryInstant(datasourceUid, [{ refId: 'A', expr }], signal)).A ?? [],
    range: async (expr, window) => {
      const result = await queryRange(
        datasourceUid,
        [{ refId: 'A', expr }],
        {
          from: window.start * 1000,
          to: window.end * 1000,
          stepSeconds: window.stepSeconds,
        },
        signal
      );
      return (result.A ?? []).map((series) => ({
        labels: series.labels,
        points: series.points.map(([ms, value]): [number, number] => [ms / 1000, value]),
      }));
    },
  };
}
