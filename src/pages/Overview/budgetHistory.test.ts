import { makeSlo } from '../../testing/fixtures';
import { rawStepEventsExprs } from '../../promql/replay';
import { historyKey, rawHistoryByDatasource, recordedHistoryByDatasource, withRawHistory } from './budgetHistory';

const queryRange = jest.fn();
jest.mock('../../api/query', () => ({ queryRange: (...args: unknown[]) => queryRange(...args) }));
jest.mock('../../api/datasources', () => ({ findDatasource: () => undefined }));

const DAY_MS = 86_400_000;
const NOW = Date.UTC(2026, 11, 4, 12);
const SHOWN = 30 * 86400;
// A step of a sixtieth of 30 days: 12 hours.
const STEP_MS = 12 * 3600 * 1000;

describe('withRawHistory', () => {
  const young = makeSlo({ uid: 'young' });
  const old = makeSlo({ uid: 'old' });
  const key = (uid: string) => historyKey(uid, '30d');
  // The old SLO's budget is recorded over the whole range, the young one's over its last 3 hours only.
  const recorded = new Map([
    [key('old'), Array.from({ length: 61 }, (_, i): [number, number] => [NOW - SHOWN * 1000 + i * STEP_MS, 0.9])],
    [
      key('young'),
      [
        [NOW - 3 * 3600 * 1000, 0.8],
        [NOW, 0.75],
      ] as Array<[number, number]>,
    ],
  ]);

  beforeEach(() => queryRange.mockReset());

  it('reads the raw steps of the SLOs whose recorded history does not reach back, in one query per metric', async () => {
    // 1,000 events and 1 bad every 12 hours over the range and the window before it.
    const times = Array.from({ length: 121 }, (_, i) => NOW - 60 * DAY_MS + i * STEP_MS);
    queryRange.mockResolvedValue({
      T: [{ labels: { slo_uid: 'young' }, points: times.map((t) => [t, 1000]) }],
      B: [{ labels: { slo_uid: 'young' }, points: times.map((t) => [t, 1]) }],
    });
    const history = await withRawHistory([old, young], recorded, 'ds', {
      shownSeconds: SHOWN,
      evaluationInterval: '30s',
      nowMs: NOW,
    });
    expect(queryRange).toHaveBeenCalledTimes(1);
    const [datasource, queries, options] = queryRange.mock.calls[0];
    expect(datasource).toBe('ds');
    const exprs = rawStepEventsExprs([{ ...young, evaluationInterval: '30s' }], 43200)!;
    expect(queries).toEqual([
      { refId: 'T', expr: exprs.total },
      { refId: 'B', expr: exprs.bad },
    ]);
    expect(options).toEqual({ from: NOW - 60 * DAY_MS, to: NOW, stepSeconds: 43200 });
    expect(history.get(key('old'))).toBe(recorded.get(key('old')));
    const points = history.get(key('young'))!;
    // Raw points from the start of the range up to the first recorded one, then the recorded ones.
    expect(points[0][0]).toBe(NOW - SHOWN * 1000);
    // 1 bad in 1,000 against 1 allowed in 1,000 (99.9%): the budget is spent as it comes.
    expect(points[0][1]).toBeCloseTo(0, 10);
    expect(points.slice(-2)).toEqual(recorded.get(key('young')));
  });

  it('reads nothing when every recorded history reaches back, and keeps it when the raw read fails', async () => {
    expect(await withRawHistory([old], recorded, 'ds', { shownSeconds: SHOWN, nowMs: NOW })).toBe(recorded);
    expect(queryRange).not.toHaveBeenCalled();
    queryRange.mockRejectedValue(new Error('bad gateway'));
    expect(await withRawHistory([young], recorded, 'ds', { shownSeconds: SHOWN, nowMs: NOW })).toBe(recorded);
  });
});

describe('budget history on several datasources', () => {
  const key = (uid: string) => historyKey(uid, '30d');
  const main = makeSlo({ uid: 'main' });
  const eu = makeSlo({ uid: 'eu', datasourceUid: 'prom-eu' });

  beforeEach(() => queryRange.mockReset());

  it("reads each datasource's recorded history for its own SLOs, and a failing one leaves the others", async () => {
    queryRange.mockImplementation(async (uid: string, queries: Array<{ expr: string }>) => {
      if (uid === 'prom-eu') {
        throw new Error('timeout');
      }
      expect(queries[0].expr).toContain('main');
      expect(queries[0].expr).not.toContain('eu');
      return { H: [{ labels: { slo_uid: 'main', slo_window: '30d' }, points: [[NOW, 0.5]] }] };
    });
    const history = await recordedHistoryByDatasource([main, eu], 'prom', 'now-30d');
    expect(queryRange.mock.calls.map((c) => c[0]).sort()).toEqual(['prom', 'prom-eu']);
    expect([...history]).toEqual([[key('main'), [[NOW, 0.5]]]]);
  });

  it("takes each SLO's raw history from its own datasource only", async () => {
    const times = Array.from({ length: 121 }, (_, i) => NOW - 60 * DAY_MS + i * STEP_MS);
    // Each datasource answers with the raw series of the SLOs it was asked about, at its own ratio.
    queryRange.mockImplementation(async (uid: string) => {
      const sloUid = uid === 'prom-eu' ? 'eu' : 'main';
      const bad = uid === 'prom-eu' ? 0 : 1;
      return {
        T: [{ labels: { slo_uid: sloUid }, points: times.map((t) => [t, 1000]) }],
        B: [{ labels: { slo_uid: sloUid }, points: times.map((t) => [t, bad]) }],
      };
    });
    const history = await rawHistoryByDatasource([main, eu], new Map(), 'prom', {
      shownSeconds: SHOWN,
      evaluationInterval: '30s',
      nowMs: NOW,
    });
    expect(queryRange.mock.calls.map((c) => c[0]).sort()).toEqual(['prom', 'prom-eu']);
    // No bad events on prom-eu: the whole budget; 1 in 1,000 on prom at 99.9%: none left.
    expect(history.get(key('eu'))?.[0][1]).toBeCloseTo(1, 10);
    expect(history.get(key('main'))?.[0][1]).toBeCloseTo(0, 10);
  });
});
