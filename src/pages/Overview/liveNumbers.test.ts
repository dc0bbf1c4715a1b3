import { cancelledError } from '../../api/errors';
import { queryInstant } from '../../api/query';
import { readReplay } from '../../decisions/replay';
import { DEFAULT_SETTINGS } from '../../settings';
import { makeSlo } from '../../testing/fixtures';
import { loadLiveNumbers } from './liveNumbers';

jest.mock('../../api/query', () => ({ queryInstant: jest.fn() }));
jest.mock('../../api/datasources', () => ({ findDatasource: () => undefined }));
jest.mock('../../decisions/replay', () => ({ ...jest.requireActual('../../decisions/replay'), readReplay: jest.fn() }));

const settings = { ...DEFAULT_SETTINGS, datasourceUid: 'prom' };

describe('loadLiveNumbers', () => {
  it('rejects once with the cancellation, leaving no unhandled rejection behind', async () => {
    const unhandled: unknown[] = [];
    const record = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', record);
    try {
      const controller = new AbortController();
      // The page is left: the instant query is cancelled first, the replay's reads a moment later.
      jest.mocked(queryInstant).mockRejectedValue(cancelledError());
      jest
        .mocked(readReplay)
        .mockImplementation(() => new Promise((_, reject) => setTimeout(() => reject(cancelledError()), 5)));
      controller.abort();
      await expect(loadLiveNumbers([makeSlo()], settings, controller.signal)).rejects.toThrow(
        'The request was cancelled'
      );
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', record);
    }
  });

  it('reads each SLO on its own datasource, and a failing one leaves only its own SLOs without figures', async () => {
    const main = makeSlo({ uid: 'main-slo', name: 'main-slo' });
    const eu = makeSlo({ uid: 'eu-slo', name: 'eu-slo', datasourceUid: 'prom-eu' });
    const broken = makeSlo({ uid: 'us-slo', name: 'us-slo', datasourceUid: 'prom-us' });
    const asked: Array<[string, string[]]> = [];
    jest.mocked(queryInstant).mockImplementation(async (uid, queries) => {
      asked.push([uid, queries.map((q) => q.expr)]);
      if (uid === 'prom-us') {
        throw new Error('connection refused');
      }
      const sloUid = uid === 'prom' ? 'main-slo' : 'eu-slo';
      const budget = uid === 'prom' ? 0.5 : 0.25;
      return Object.fromEntries(
        queries.map((q) => [
          q.refId,
          q.refId.startsWith('BUDGET') ? [{ labels: { slo_uid: sloUid, slo_window: '30d' }, value: budget }] : [],
        ])
      );
    });
    jest.mocked(readReplay).mockResolvedValue({ at: 0, plans: [], figures: new Map() });
    const onRecorded = jest.fn();
    const numbers = await loadLiveNumbers([main, eu, broken], settings, undefined, onRecorded);

    // The SLOs of one datasource are asked together, and never of another datasource.
    const seen = new Map<string, string>();
    for (const [uid, exprs] of asked) {
      for (const expr of exprs) {
        for (const sloUid of ['main-slo', 'eu-slo', 'us-slo']) {
          if (expr.includes(sloUid)) {
            expect(seen.get(sloUid) ?? uid).toBe(uid);
            seen.set(sloUid, uid);
          }
        }
      }
    }
    expect(Object.fromEntries(seen)).toEqual({ 'main-slo': 'prom', 'eu-slo': 'prom-eu', 'us-slo': 'prom-us' });
    expect(numbers.rows.map((r) => [r.slo.uid, r.budgetRemaining])).toEqual([
      ['eu-slo', 0.25],
      ['main-slo', 0.5],
      ['us-slo', undefined],
    ]);
    expect(numbers.failures).toEqual([
      { datasourceUid: 'prom-us', message: 'connection refused', sloUids: ['us-slo'] },
    ]);
    // The recorded figures show once, when every datasource has answered or failed.
    expect(onRecorded).toHaveBeenCalledTimes(1);
    expect(onRecorded.mock.calls[0][0].rows).toHaveLength(3);
  });

  it("starts no datasource's raw reads before every datasource has answered for its recorded figures", async () => {
    const main = makeSlo({ uid: 'main-slo', name: 'main-slo' });
    const eu = makeSlo({ uid: 'eu-slo', name: 'eu-slo', datasourceUid: 'prom-eu' });
    let answerEu: () => void = () => undefined;
    const euAnswers = new Promise<void>((resolve) => (answerEu = resolve));
    const order: string[] = [];
    jest.mocked(queryInstant).mockImplementation(async (uid, queries) => {
      if (queries.some((q) => q.refId.startsWith('BUDGET'))) {
        if (uid === 'prom-eu') {
          await euAnswers;
        }
        order.push(`${uid} recorded`);
      } else {
        order.push(`${uid} raw`);
      }
      return Object.fromEntries(queries.map((q) => [q.refId, []]));
    });
    jest.mocked(readReplay).mockImplementation(async () => {
      order.push('replay');
      return { at: 0, plans: [], figures: new Map() };
    });
    const loading = loadLiveNumbers([main, eu], settings, undefined, jest.fn());
    await new Promise((resolve) => setTimeout(resolve, 20));
    // The default datasource has answered; its raw reads wait for the EU one.
    expect(order).toEqual(['prom recorded']);
    answerEu();
    await loading;
    expect(order.slice(0, 2)).toEqual(['prom recorded', 'prom-eu recorded']);
    expect(order.slice(2)).toEqual(expect.arrayContaining(['replay', 'prom raw', 'prom-eu raw']));
  });
});
