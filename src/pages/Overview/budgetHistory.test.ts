import { makeSlo } from '../../testing/fixtures';
import { rawStepEventsExprs } from '../../promql/replay';
import { historyKey, withRawHistory } from './budgetHistory';

const queryRange = jest.fn();
jest.mock('../../api/query', () => ({ queryRange: (...args: unknown[]) => queryRange(...args) }));

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
