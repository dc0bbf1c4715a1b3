import {
  customRange,
  isOnWholeHours,
  monthRange,
  previousRanges,
  rangeQueryWindow,
  rangeUntil,
  stepSecondsFor,
} from './ranges';

const OCT_1 = 1790812800; // 2026-10-01T00:00:00Z
const NOV_1 = 1793491200; // 2026-11-01T00:00:00Z
const DAY = 86400;

const utc = (text: string) => new Date(`${text}Z`);

describe('report ranges', () => {
  it('a month runs from its first midnight to the next month, UTC', () => {
    const october = monthRange('2026-10');
    expect(october).toEqual({
      kind: 'month',
      label: '2026-10',
      shortLabel: '2026-10',
      from: new Date(OCT_1 * 1000),
      to: new Date(NOV_1 * 1000),
      partial: false,
    });
    expect(monthRange('2026-12').to).toEqual(utc('2027-01-01T00:00:00'));
  });

  it('refuses what is not YYYY-MM', () => {
    expect(() => monthRange('2026-13')).toThrow('a month is written YYYY-MM, e.g. 2026-10; got "2026-13"');
    expect(() => monthRange('2026-1')).toThrow(RangeError);
    expect(() => monthRange('October')).toThrow(RangeError);
  });

  it('the trend periods of a month are the three months before it, across a year boundary', () => {
    expect(previousRanges(monthRange('2026-01')).map((r) => r.label)).toEqual(['2025-10', '2025-11', '2025-12']);
    const [, february] = previousRanges(monthRange('2024-04'));
    expect(february.label).toBe('2024-02');
    expect((february.to.getTime() - february.from.getTime()) / 1000).toBe(29 * DAY);
  });

  it('the trend periods of a custom range are the three ranges of the same length before it', () => {
    const range = customRange(utc('2026-11-20T10:00:00'), utc('2026-11-20T12:00:00'));
    expect(range.label).toBe('2026-11-20 10:00 to 2026-11-20 12:00 UTC');
    expect(previousRanges(range).map((r) => [r.from.toISOString(), r.to.toISOString()])).toEqual([
      ['2026-11-20T04:00:00.000Z', '2026-11-20T06:00:00.000Z'],
      ['2026-11-20T06:00:00.000Z', '2026-11-20T08:00:00.000Z'],
      ['2026-11-20T08:00:00.000Z', '2026-11-20T10:00:00.000Z'],
    ]);
  });

  it('refuses a range shorter than one 5 minute step, or reversed', () => {
    expect(() => customRange(utc('2026-11-20T10:00:00'), utc('2026-11-20T10:04:59'))).toThrow(
      'a range must end at least 5 minutes after it starts; got 2026-11-20 10:00 to 2026-11-20 10:04:59 UTC'
    );
    expect(() => customRange(utc('2026-11-20T10:00:00'), utc('2026-11-20T09:00:00'))).toThrow(RangeError);
  });

  it('cuts the current month at now, and refuses one that has not started', () => {
    const now = utc('2026-11-23T16:30:00');
    const november = rangeUntil(monthRange('2026-11'), now);
    expect(november).toMatchObject({ label: '2026-11 until 2026-11-23 16:30 UTC', to: now, partial: true });
    expect(rangeUntil(monthRange('2026-10'), now)).toEqual(monthRange('2026-10'));
    expect(() => rangeUntil(monthRange('2026-12'), now)).toThrow(
      '2026-12 starts in the future: there is nothing to report yet'
    );
    expect(() => rangeUntil(monthRange('2026-11'), utc('2026-11-01T00:04:00'))).toThrow(
      '2026-11 starts less than 5 minutes ago: there is nothing to report yet'
    );
  });

  it('knows whether both ends are on whole hours', () => {
    expect(isOnWholeHours(monthRange('2026-10'))).toBe(true);
    expect(isOnWholeHours(customRange(utc('2026-11-20T10:00:00'), utc('2026-11-20T12:00:00')))).toBe(true);
    expect(isOnWholeHours(customRange(utc('2026-11-20T10:00:00'), utc('2026-11-20T12:10:00')))).toBe(false);
  });
});

describe('report range steps', () => {
  const october = monthRange('2026-10');

  it('keeps a month within 11,000 points per series: 5 minute steps up to 38 days', () => {
    expect(stepSecondsFor(october)).toBe(300); // 8,928 points
    const days = (n: number) => customRange(new Date(0), new Date(n * DAY * 1000));
    expect(stepSecondsFor(days(38))).toBe(300); // 10,944 points
    expect(stepSecondsFor(days(39))).toBe(600); // 11,232 at 5 minutes
    expect(stepSecondsFor(days(92))).toBe(900);
    expect(rangeQueryWindow(october)).toEqual({ start: OCT_1 + 300, end: NOV_1, stepSeconds: 300 });
    expect((NOV_1 - (OCT_1 + 300)) / 300 + 1).toBe(8928);
  });
});
