import {
  achievedSli,
  budgetConsumedOf,
  chooseEventCounts,
  errorRatioOf,
  type EventCounts,
  eventReadingsByUid,
  isMet,
  type RangeEventAnswers,
} from './events';
import { percentDown } from './recommendations';
import type { LabelledValue } from '../serviceReadings';

const tiles = (total: number, bad: number): EventCounts => ({ total, bad, source: 'tiles' });

describe('events of a range', () => {
  const readings = {
    tileEvents: 1000,
    tileBadEvents: 3,
    rateEvents: 990,
    rateBadEvents: 4,
    rulesRanAtStart: true,
  };

  it('takes the tiles on whole hours when the rules ran from the start', () => {
    expect(chooseEventCounts(readings, true)).toEqual({ total: 1000, bad: 3, source: 'tiles' });
  });

  it('takes the rates off whole hours, when the rules started later, or without tiles', () => {
    expect(chooseEventCounts(readings, false)).toEqual({ total: 990, bad: 4, source: 'rates' });
    expect(chooseEventCounts({ ...readings, rulesRanAtStart: false }, true)).toEqual({
      total: 990,
      bad: 4,
      source: 'rates',
    });
    expect(chooseEventCounts({ rateEvents: 990, rulesRanAtStart: true }, true)).toEqual({
      total: 990,
      bad: 0,
      source: 'rates',
    });
  });

  it('has no events when the rates saw no traffic, whatever a tile straddling the start holds', () => {
    // A month without traffic whose first hour tile, ending at 00:23, counted the last 37 minutes of the month before.
    expect(chooseEventCounts({ tileEvents: 3178, tileBadEvents: 6, rulesRanAtStart: true }, true)).toBeUndefined();
    expect(chooseEventCounts({ ...readings, rateEvents: 0, rateBadEvents: 0 }, true)).toBeUndefined();
    expect(chooseEventCounts({ rulesRanAtStart: true }, true)).toBeUndefined();
    expect(chooseEventCounts(undefined, true)).toBeUndefined();
  });

  it('gathers the answers by SLO uid, leaving out NaN', () => {
    const answer = (uid: string, value: number): LabelledValue => ({ labels: { slo_uid: uid }, value });
    const answers: RangeEventAnswers = {
      tileEvents: [answer('a', 1000), answer('b', NaN)],
      tileBadEvents: [answer('a', 3)],
      rateEvents: [answer('a', 990), answer('b', 50)],
      rateBadEvents: [answer('a', 4), answer('b', 1)],
      rulesAtStart: [answer('a', 1)],
    };
    const byUid = eventReadingsByUid(answers);
    expect(byUid.get('a')).toEqual(readings);
    expect(byUid.get('b')).toEqual({
      tileEvents: undefined,
      rateEvents: 50,
      rateBadEvents: 1,
      rulesRanAtStart: false,
    });
  });
});

describe('SLI and budget of a range', () => {
  it('SLI = 1 - bad / total; budget used = error ratio / (1 - target)', () => {
    // 400 bad of 1,000,000: error ratio 0.0004 = 40% of a 0.001 budget.
    expect(errorRatioOf(tiles(1_000_000, 400))).toBe(0.0004);
    expect(achievedSli(tiles(1_000_000, 400))).toBe(0.9996);
    expect(budgetConsumedOf(tiles(1_000_000, 400), '0.999')).toBe(0.4);
    expect(isMet(0.4)).toBe(true);
  });

  it('an overspent budget is above 1 and missed; exactly all of it is met', () => {
    // 1,000 bad of 500,000: 0.002 against 0.001.
    expect(budgetConsumedOf(tiles(500_000, 1000), '0.999')).toBe(2);
    expect(isMet(2)).toBe(false);
    // 5 bad of 10,000 against 99.95%: exactly the budget.
    expect(achievedSli(tiles(10_000, 5))).toBe(0.9995);
    expect(budgetConsumedOf(tiles(10_000, 5), '0.9995')).toBe(1);
    expect(isMet(1)).toBe(true);
  });

  it('no traffic is no data: never NaN, never 100%', () => {
    expect(achievedSli(tiles(0, 0))).toBeUndefined();
    expect(budgetConsumedOf(tiles(0, 0), '0.999')).toBeUndefined();
    expect(achievedSli(undefined)).toBeUndefined();
    expect(isMet(undefined)).toBeUndefined();
  });

  it('bad events above the total (two extrapolated rates) count as the total', () => {
    expect(achievedSli({ total: 10, bad: 10.4, source: 'rates' })).toBe(0);
  });

  it('prints percentages rounded down, so 99.95% is never shown as 100%', () => {
    expect(percentDown(0.9995, 3)).toBe('99.950%');
    expect(percentDown(0.999996, 3)).toBe('99.999%');
    expect(percentDown(0.99949, 2)).toBe('99.94%');
    expect(percentDown(1, 1)).toBe('100.0%');
  });
});
