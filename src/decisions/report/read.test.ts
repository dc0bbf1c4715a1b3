import { monthRange, type RangeQueryWindow, type ReportRange } from './ranges';
import { readReport, type ReportSource } from './read';
import { objectivesQuery, rangeEventQueries } from '../../promql/report';
import { makeSlo } from '../../testing/fixtures';
import { reportTables } from '../reportFormat';

const NOV_1 = 1793491200; // 2026-11-01T00:00:00Z

const utc = (text: string) => new Date(`${text}Z`);

describe('readReport', () => {
  it('reads the current month until now, its objectives, and the events of it and the three months before', async () => {
    const instant: string[] = [];
    const ranges: Array<[string, RangeQueryWindow]> = [];
    const source: ReportSource = {
      instant: async (expr) => {
        instant.push(expr);
        return [];
      },
      range: async (expr, window) => {
        ranges.push([expr, window]);
        return [];
      },
    };
    const now = utc('2026-11-23T16:30:00');
    const report = await readReport({ range: monthRange('2026-11'), services: ['checkout'], teamSize: 4, now }, source);
    expect(report.range).toMatchObject({ label: '2026-11 until 2026-11-23 16:30 UTC', partial: true });
    expect(report.previous.map((r: ReportRange) => r.label)).toEqual(['2026-08', '2026-09', '2026-10']);
    expect(report.serviceReports).toEqual([]);
    expect(instant).toHaveLength(1 + 5 * 4);
    expect(instant).toContain(objectivesQuery(report.range, ['checkout']));
    for (const r of [report.range, ...report.previous]) {
      expect(instant).toContain(rangeEventQueries(r, ['checkout']).rateEvents);
    }
    const end = now.getTime() / 1000;
    expect(ranges.map(([, w]) => w)).toEqual([
      { start: end - (Math.floor((end - NOV_1) / 300) - 1) * 300, end, stepSeconds: 300 },
      { start: end - (Math.floor((end - NOV_1) / 300) - 1) * 300, end, stepSeconds: 300 },
    ]);
  });

  it('passes on a failure of the source', async () => {
    const source: ReportSource = {
      instant: async () => {
        throw new Error('cannot reach http://p: connection refused');
      },
      range: async () => [],
    };
    await expect(
      readReport({ range: monthRange('2026-10'), services: [], teamSize: 4, now: utc('2026-11-23T16:30:00') }, source)
    ).rejects.toThrow('cannot reach http://p: connection refused');
  });

  it('keeps the recorded figures and says so when the raw data of the replay cannot be read', async () => {
    const slo = makeSlo();
    const source: ReportSource = {
      // The replay's queries name the raw source series; the report's own ones only recorded series.
      instant: async (expr) => {
        if (expr.includes('http_requests_total')) {
          throw new Error('Querying the datasource: the operation was aborted due to timeout');
        }
        return expr.startsWith('last_over_time(slo:objective:ratio')
          ? [{ labels: { slo_uid: slo.uid, slo: slo.name, service: slo.service, slo_window: '30d' }, value: 0.999 }]
          : [];
      },
      range: async () => [],
    };
    const report = await readReport(
      { range: monthRange('2026-11'), services: [], teamSize: 4, now: utc('2026-11-23T16:30:00'), slos: [slo] },
      source
    );
    expect(report.replayError).toBe('Querying the datasource: the operation was aborted due to timeout');
    expect(reportTables(report).notes[0]).toBe(
      'Raw data could not be read (Querying the datasource: the operation was aborted due to timeout): SLOs whose' +
        ' rules did not record the whole period show the recorded part only, or no data.'
    );
  });
});
