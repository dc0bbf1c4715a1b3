import { cancelledError } from '../../api/errors';
import { queryInstant } from '../../api/query';
import { readReplay } from '../../decisions/replay';
import { DEFAULT_SETTINGS } from '../../settings';
import { makeSlo } from '../../testing/fixtures';
import { loadLiveNumbers } from './liveNumbers';

jest.mock('../../api/query', () => ({ queryInstant: jest.fn() }));
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
});
