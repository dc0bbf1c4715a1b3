import { durationText } from './backtestFormat';

describe('durationText', () => {
  it('writes seconds, minutes, hours and days as a terminal reader scans them', () => {
    expect([0, 45, 60, 150, 3599, 3600, 7500, 86399, 86400, 4 * 86400 + 3 * 3600].map(durationText)).toEqual([
      '0s',
      '45s',
      '1m',
      '2m 30s',
      '59m 59s',
      '1h 00m',
      '2h 05m',
      '23h 59m',
      '1d 00h',
      '4d 03h',
    ]);
  });
});
