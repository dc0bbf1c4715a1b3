import { makeSlo } from '../../testing/fixtures';
import { rawErrorRatioExpr } from '../../promql/replay';
import { formatReportText } from '../reportFormat';
import { objectiveKey, replayQueries } from '../replay';
import { countCounters, planCounterReads } from '../replayCounters';
import { readReport, type ReportSource } from './read';
import { monthRange, previousRanges, rangeQueryWindow } from './ranges';
import {
  definedObjectives,
  describeReportSource,
  planReportReplay,
  previousPeriodKey,
  readReportReplay,
  REPORT_PERIOD,
} from './replay';

const NOV_1 = Date.UTC(2026, 10, 1) / 1000;
const DEC_1 = Date.UTC(2026, 11, 1) / 1000;
const november = monthRange('2026-11');
const before = previousRanges(november);
const slo = makeSlo();

/** The answer to the counter read of the replay: one series with a reset, read with the tile arithmetic. */
const COUNTER_READ = [{ labels: { job: 'checkout', instance: 'a', code: '500', slo_replay_read: 'resets' }, value: 1 }];

/** The replay queries once the counter read answered COUNTER_READ. */
function replayQueriesAfterRead(plans: ReturnType<typeof planReportReplay>) {
  const reads = planCounterReads(plans);
  const counted = countCounters(plans, reads, { [reads[0].refId]: COUNTER_READ });
  return replayQueries(plans, counted.selections);
}

describe('planReportReplay', () => {
  it('replays every period from raw data when the rules never recorded', () => {
    const plans = planReportReplay([slo], november, before, new Map());
    expect(plans.map((p) => [p.window, p.source, p.from, p.at])).toEqual([
      [REPORT_PERIOD, 'raw', NOV_1, DEC_1],
      [previousPeriodKey(0), 'raw', Date.UTC(2026, 7, 1) / 1000, Date.UTC(2026, 8, 1) / 1000],
      [previousPeriodKey(1), 'raw', Date.UTC(2026, 8, 1) / 1000, Date.UTC(2026, 9, 1) / 1000],
      [previousPeriodKey(2), 'raw', Date.UTC(2026, 9, 1) / 1000, NOV_1],
    ]);
  });

  it('stitches the period in which the rules started, leaves the periods before them raw and those after recorded', () => {
    // Rules recording since 20 October 13:00 (their tiles at hh:00).
    const first = Date.UTC(2026, 9, 20, 13) / 1000;
    const plans = planReportReplay([slo], november, before, new Map([[slo.uid, first]]));
    expect(plans.map((p) => p.source)).toEqual(['recorded', 'raw', 'raw', 'stitched']);
    expect(plans[3]).toMatchObject({ split: first, recordedSince: first, from: Date.UTC(2026, 9, 1) / 1000 });
  });
});

describe('definedObjectives', () => {
  it('reads each objective as the recorded objective series would, with the target in force', () => {
    expect(definedObjectives([slo], DEC_1)).toEqual([
      {
        labels: { slo_uid: slo.uid, slo: slo.name, service: 'checkout', slo_window: '30d' },
        value: 0.999,
      },
    ]);
  });
});

describe('readReportReplay', () => {
  it('reads the first tiles, then the events of every period and the raw error ratios in one query each', async () => {
    const seen: string[] = [];
    const total = 1_000_000;
    const bad = 400;
    const plans = planReportReplay([slo], november, before, new Map());
    const [totalQuery, badQuery] = replayQueriesAfterRead(plans);
    const source: ReportSource = {
      instant: async (expr) => {
        seen.push(expr);
        if (expr.startsWith('label_replace(resets(')) {
          return COUNTER_READ;
        }
        const periods = [REPORT_PERIOD, ...[0, 1, 2].map(previousPeriodKey)];
        if (expr === totalQuery.expr || expr === badQuery.expr) {
          return periods.map((key, i) => ({
            labels: { slo_uid: slo.uid, slo_window: key },
            value: (expr === totalQuery.expr ? total : bad) * (i + 1),
          }));
        }
        return [];
      },
      range: async (expr, window) => {
        seen.push(expr);
        expect(window).toEqual(rangeQueryWindow(november));
        return [{ labels: { slo_uid: slo.uid }, points: [[NOV_1 + 3600, 0.01]] }];
      },
    };
    const replay = await readReportReplay([slo], november, before, source);
    // The cheap look for tiles, the search for the first tile, the raw ratios beside the counter read,
    // then the two batches.
    expect(seen).toHaveLength(6);
    expect(seen[2]).toMatch(/^label_replace\(resets\(http_requests_total\{job="checkout"\}\[/);
    expect(seen[4]).toBe(totalQuery.expr);
    expect(seen[5]).toBe(badQuery.expr);
    expect(seen[3]).toBe(
      rawErrorRatioExpr([{ ...slo, evaluationInterval: '30s' }], rangeQueryWindow(november).stepSeconds)
    );
    expect(replay.figures.get(objectiveKey(slo.uid, REPORT_PERIOD))).toMatchObject({
      source: 'raw',
      events: total,
      badEvents: bad,
    });
    expect(replay.figures.get(objectiveKey(slo.uid, previousPeriodKey(2)))).toMatchObject({ events: 4 * total });
    expect(replay.errorRatios).toHaveLength(1);
  });

  it('reads nothing of Prometheus for the periods of SLOs recording since before them', async () => {
    const seen: string[] = [];
    const source: ReportSource = {
      instant: async (expr) => {
        seen.push(expr);
        return expr.startsWith('count by (slo_uid)') ? [{ labels: { slo_uid: slo.uid }, value: 1 }] : [];
      },
      range: async (expr) => {
        seen.push(expr);
        return [];
      },
    };
    const replay = await readReportReplay([slo], november, before, source);
    expect(seen).toHaveLength(1);
    expect(replay.figures.size).toBe(0);
  });
});

describe('a report of last month on a young install', () => {
  it('has the figures of an SLO whose rules never recorded, from raw data, and says so', async () => {
    const plans = planReportReplay([slo], november, before, new Map());
    const [totalQuery, badQuery] = replayQueriesAfterRead(plans);
    const source: ReportSource = {
      instant: async (expr) =>
        expr.startsWith('label_replace(resets(')
          ? COUNTER_READ
          : expr === totalQuery.expr || expr === badQuery.expr
            ? [
                {
                  labels: { slo_uid: slo.uid, slo_window: REPORT_PERIOD },
                  value: expr === totalQuery.expr ? 2e6 : 1500,
                },
              ]
            : [],
      range: async (expr) =>
        expr.startsWith('label_replace(')
          ? [
              {
                labels: { slo_uid: slo.uid },
                // Two steps burning faster than the budget (0.001), then one within it.
                points: [
                  [NOV_1 + 3600, 0.01],
                  [NOV_1 + 3900, 0.02],
                  [NOV_1 + 4200, 0],
                ],
              },
            ]
          : [],
    };
    const report = await readReport(
      { range: november, services: [], teamSize: 4, now: new Date(Date.UTC(2026, 11, 4, 12)), slos: [slo] },
      source
    );
    const [objective] = report.serviceReports[0].objectives;
    expect(objective).toMatchObject({
      sloUid: slo.uid,
      window: '30d',
      target: '0.999',
      events: { total: 2e6, bad: 1500, source: 'raw' },
      sli: 0.99925,
      met: true,
      source: 'raw',
    });
    expect(objective.budgetConsumed).toBeCloseTo(0.75, 10);
    expect(objective.badPeriods.longest).toMatchObject({ seconds: 600 });
    // The raw rates start an hour into the month: less than a day is not missing, so advice is given.
    expect(objective.recommendation.kind).not.toBe('not-enough-data');
    expect(objective.trend.previous.map((p) => p.sli)).toEqual([undefined, undefined, undefined]);
    const text = formatReportText(report);
    expect(text).toContain('99.925% (from raw data)');
    expect(text).toContain('From raw data (the rules recorded nothing of the period): checkout-availability (30d).');
  });

  it('leaves the report as recorded without the definitions', async () => {
    const source: ReportSource = { instant: async () => [], range: async () => [] };
    const report = await readReport(
      { range: november, services: [], teamSize: 4, now: new Date(Date.UTC(2026, 11, 4, 12)) },
      source
    );
    expect(report.serviceReports).toEqual([]);
  });
});

describe('describeReportSource', () => {
  it('says where a figure came from, and nothing for a recorded one', () => {
    expect(describeReportSource('raw', '2026-11')?.marker).toBe('from raw data');
    expect(describeReportSource('stitched', '2026-11', Date.UTC(2026, 10, 20, 13) / 1000)?.detail).toBe(
      'From raw data until its rules started (2026-11-20 13:00 UTC), the recorded tiles after, over 2026-11. ' +
        'Bad periods from the raw 5m rates.'
    );
    expect(describeReportSource('recorded', '2026-11')).toBeUndefined();
    expect(describeReportSource(undefined, '2026-11')).toBeUndefined();
  });
});
