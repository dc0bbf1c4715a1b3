import { makeSlo } from '../testing/fixtures';
import { gateDecision } from './gate';
import { withReplayedReadings } from './serviceReadings';
import type { Replay } from './replay';

const AT = 1767226834;
const fresh = makeSlo({ uid: 'fresh', name: 'fresh' });
const recordedSlo = makeSlo({ uid: 'old', name: 'old' });
const recorded = { sloUid: 'old', sloName: 'old', window: '30d', target: '0.999', remaining: 0.9, burnRate1h: 0.5 };

function replayOf(dataADayAgo: string[]): Replay {
  return {
    at: AT,
    plans: [
      { sloUid: 'fresh', window: '30d', source: 'raw', from: AT - 2592000, at: AT },
      { sloUid: 'old', window: '30d', source: 'recorded', recordedSince: AT - 5e6, from: AT - 2592000, at: AT },
    ],
    figures: new Map([
      ['fresh\u000030d', { sloUid: 'fresh', window: '30d', source: 'raw', events: 1000, badEvents: 0 }],
    ]),
    dataADayAgo: new Set(dataADayAgo),
  };
}

describe('withReplayedReadings', () => {
  it('adds a reading from raw data for an SLO without rules, and keeps the recorded ones', () => {
    expect(withReplayedReadings([recorded], [fresh, recordedSlo], replayOf(['fresh']))).toEqual([
      {
        sloUid: 'fresh',
        sloName: 'fresh',
        window: '30d',
        target: '0.999',
        remaining: 1,
        burnRate1h: undefined,
        lessThanADay: false,
        source: 'raw',
      },
      recorded,
    ]);
  });

  it('counts a day of raw data as a day of figures, and less as not enough to advise', () => {
    const young = withReplayedReadings([], [fresh], replayOf([]));
    expect(young[0].lessThanADay).toBe(true);
    const result = gateDecision('checkout', 'low', young);
    expect(result.objectives[0].decision).toBe('review');
    expect(result.objectives[0].reason).toBe(
      'fresh (30d, from raw data (its rules do not record)) is healthy (100.0% of its budget left, burning 0.00x over 1h),' +
        ' over less than a day: not enough data to advise; a person must judge the risk.'
    );
    const dayOld = gateDecision('checkout', 'low', withReplayedReadings([], [fresh], replayOf(['fresh'])));
    expect(dayOld.objectives[0].decision).not.toBe('review');
  });

  it("takes each SLO's status from its definition over the label of rules deployed before", () => {
    const retired = makeSlo({ uid: 'old', name: 'old', status: 'retired' });
    const reactivated = makeSlo({ uid: 'old', name: 'old' });
    const labelledDraft = { ...recorded, sloStatus: 'draft' as const };
    expect(withReplayedReadings([labelledDraft], [retired], replayOf([]))[0].sloStatus).toBe('retired');
    expect(withReplayedReadings([labelledDraft], [reactivated], replayOf([]))[0].sloStatus).toBeUndefined();
    // Unknown to the definitions (the CLI without --slo): the label stands.
    expect(withReplayedReadings([labelledDraft], [], replayOf([]))[0].sloStatus).toBe('draft');
  });
});
