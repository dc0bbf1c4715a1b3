import type { MaintenanceWindow, ValidationIssue } from './types';
import {
  describeWindow,
  gapBetween,
  maintenanceAt,
  maintenanceSecondsBetween,
  maintenanceWords,
  nextMaintenance,
  occurrencesBetween,
  parseDateTime,
  parseMaintenance,
} from './maintenance';

const HOUR = 3600;
const WEEK = 7 * 86400;
// 2026-12-06 is a Sunday.
const SUNDAY_2AM = Date.UTC(2026, 11, 6, 2) / 1000;

function parse(raw: Parameters<typeof parseMaintenance>[0]) {
  const issues: ValidationIssue[] = [];
  const windows = parseMaintenance(raw, 'spec.maintenance', issues);
  return { windows, issues };
}

function window(start: number, end: number, repeat?: 'weekly'): MaintenanceWindow {
  const iso = (s: number) => new Date(s * 1000).toISOString();
  return {
    start: iso(start),
    end: iso(end),
    startSeconds: start,
    endSeconds: end,
    reason: 'r',
    ...(repeat && { repeat }),
  };
}

describe('parseDateTime', () => {
  it('reads ISO date-times with a zone', () => {
    expect(parseDateTime('2026-12-06T02:00:00Z')).toBe(SUNDAY_2AM);
    expect(parseDateTime('2026-12-06T03:00+01:00')).toBe(SUNDAY_2AM);
    expect(parseDateTime(new Date(SUNDAY_2AM * 1000))).toBe(SUNDAY_2AM);
  });
  it('refuses times without a zone, impossible dates and other values', () => {
    expect(parseDateTime('2026-12-06T02:00:00')).toBeUndefined();
    expect(parseDateTime('2026-02-30T02:00:00Z')).toBeUndefined();
    expect(parseDateTime('tomorrow')).toBeUndefined();
    expect(parseDateTime(1764986400)).toBeUndefined();
  });
});

describe('parseMaintenance', () => {
  it('normalises the times to UTC and sorts the windows by start', () => {
    const { windows, issues } = parse([
      { start: '2026-12-08T00:00:00Z', end: '2026-12-08T01:00:00Z', reason: 'later' },
      { start: '2026-12-06T03:00:00+01:00', end: '2026-12-06T04:00:00Z', repeat: 'weekly', reason: ' patching ' },
    ]);
    expect(issues).toEqual([]);
    expect(windows).toEqual([
      {
        start: '2026-12-06T02:00:00Z',
        end: '2026-12-06T04:00:00Z',
        startSeconds: SUNDAY_2AM,
        endSeconds: SUNDAY_2AM + 2 * HOUR,
        repeat: 'weekly',
        reason: 'patching',
      },
      expect.objectContaining({ start: '2026-12-08T00:00:00Z', reason: 'later' }),
    ]);
  });

  it('names the field of each problem', () => {
    const { windows, issues } = parse([
      { start: '2026-12-06 02:00', end: '2026-12-06T04:00:30Z', reason: '' },
      { start: '2026-12-06T04:00:00Z', end: '2026-12-06T03:00:00Z', reason: 'backwards' },
      { start: '2026-12-06T00:00:00Z', end: '2026-12-13T00:00:00Z', repeat: 'weekly', reason: 'always' },
    ]);
    expect(windows).toBeUndefined();
    expect(issues.map((i) => `${i.path}: ${i.message}`)).toEqual([
      'spec.maintenance[0].start: must be a date and time with its zone, such as 2026-12-06T02:00:00Z, got "2026-12-06 02:00"',
      'spec.maintenance[0].end: must fall on a whole minute (seconds 00)',
      'spec.maintenance[0].reason: must say why: it is shown on the dashboards and in reports',
      'spec.maintenance[1].end: must be after the start (2026-12-06T04:00:00Z)',
      'spec.maintenance[2].end: a weekly window must be shorter than a week by 10 minutes at least, so that its occurrences do not touch',
    ]);
  });

  it('refuses windows that overlap or come closer than 10 minutes, also through a weekly repeat', () => {
    expect(
      parse([
        { start: '2026-12-06T02:00:00Z', end: '2026-12-06T04:00:00Z', reason: 'a' },
        { start: '2026-12-06T03:00:00Z', end: '2026-12-06T05:00:00Z', reason: 'b' },
      ]).issues.map((i) => i.message)
    ).toEqual(['overlaps spec.maintenance[0] (2026-12-06T02:00:00Z): merge the two into one window']);
    expect(
      parse([
        { start: '2026-12-06T02:00:00Z', end: '2026-12-06T04:00:00Z', repeat: 'weekly', reason: 'a' },
        { start: '2027-01-03T04:05:00Z', end: '2027-01-03T05:00:00Z', reason: 'b' },
      ]).issues.map((i) => `${i.path}: ${i.message}`)
    ).toEqual([
      'spec.maintenance[1].start: comes within 5 minutes of spec.maintenance[0] (2026-12-06T02:00:00Z): windows must be at least 10 minutes apart (merge them)',
    ]);
    // Before the first occurrence of a weekly window there is none.
    expect(
      parse([
        { start: '2026-12-06T02:00:00Z', end: '2026-12-06T04:00:00Z', repeat: 'weekly', reason: 'a' },
        { start: '2026-11-29T02:00:00Z', end: '2026-11-29T04:00:00Z', reason: 'b' },
      ]).issues
    ).toEqual([]);
  });
});

describe('gapBetween', () => {
  it('measures one-off and weekly windows', () => {
    expect(gapBetween(window(0, HOUR), window(2 * HOUR, 3 * HOUR))).toBe(HOUR);
    expect(gapBetween(window(0, 2 * HOUR), window(HOUR, 3 * HOUR))).toBe(-HOUR);
    expect(gapBetween(window(0, HOUR, 'weekly'), window(3 * WEEK - HOUR, 3 * WEEK - 30 * 60))).toBe(1800);
    expect(gapBetween(window(0, HOUR, 'weekly'), window(WEEK / 2, WEEK / 2 + HOUR, 'weekly'))).toBe(WEEK / 2 - HOUR);
  });
});

describe('occurrences', () => {
  const weekly = window(SUNDAY_2AM, SUNDAY_2AM + 2 * HOUR, 'weekly');
  const once = window(SUNDAY_2AM + 3 * 86400, SUNDAY_2AM + 3 * 86400 + HOUR);

  it('lists every occurrence overlapping a range, in order', () => {
    const found = occurrencesBetween([weekly, once], SUNDAY_2AM + HOUR, SUNDAY_2AM + 2 * WEEK + HOUR);
    expect(found.map((o) => [o.startSeconds - SUNDAY_2AM, o.endSeconds - SUNDAY_2AM])).toEqual([
      [0, 2 * HOUR],
      [3 * 86400, 3 * 86400 + HOUR],
      [WEEK, WEEK + 2 * HOUR],
      [2 * WEEK, 2 * WEEK + 2 * HOUR],
    ]);
    expect(occurrencesBetween([weekly], 0, SUNDAY_2AM)).toEqual([]);
  });

  it('finds the window in force and the next one', () => {
    expect(maintenanceAt([weekly, once], SUNDAY_2AM + WEEK + HOUR)?.startSeconds).toBe(SUNDAY_2AM + WEEK);
    expect(maintenanceAt([weekly, once], SUNDAY_2AM + 2 * HOUR)).toBeUndefined();
    expect(nextMaintenance([weekly, once], SUNDAY_2AM)?.startSeconds).toBe(SUNDAY_2AM + 3 * 86400);
    expect(nextMaintenance([weekly, once], SUNDAY_2AM + 4 * 86400)?.startSeconds).toBe(SUNDAY_2AM + WEEK);
    expect(nextMaintenance([once], SUNDAY_2AM + 4 * 86400)).toBeUndefined();
  });

  it('adds up the time spent in windows over a range, cut at its ends', () => {
    // 30 days from one hour into the first occurrence: 1h of it, 4 more weeks of 2h, and the one-off hour.
    expect(maintenanceSecondsBetween([weekly, once], SUNDAY_2AM + HOUR, SUNDAY_2AM + HOUR + 30 * 86400)).toBe(
      HOUR + 4 * 2 * HOUR + HOUR
    );
  });

  it('says which window is in force, or the next, or that none is ahead', () => {
    const windows = [{ ...weekly, reason: 'Database patching' }];
    expect(maintenanceWords(windows, SUNDAY_2AM + WEEK + HOUR)).toBe(
      'Maintenance now (2026-12-13 02:00 to 04:00 UTC, weekly): Database patching.' +
        ' Its events do not count against the budget and the alerts stay quiet.'
    );
    expect(maintenanceWords(windows, SUNDAY_2AM + WEEK + 3 * HOUR)).toBe(
      'Next maintenance: 2026-12-20 02:00 to 04:00 UTC, weekly: Database patching.'
    );
    expect(maintenanceWords([once], SUNDAY_2AM + WEEK)).toBe('No maintenance ahead (1 past window).');
    expect(maintenanceWords([], SUNDAY_2AM)).toBeUndefined();
  });

  it('describes a window in words', () => {
    expect(describeWindow({ ...weekly, reason: 'Database patching' })).toBe(
      '2026-12-06 02:00 to 04:00 UTC, then every Sunday: Database patching'
    );
    expect(describeWindow(window(SUNDAY_2AM + 22 * HOUR, SUNDAY_2AM + 25 * HOUR))).toBe(
      '2026-12-07 00:00 to 03:00 UTC: r'
    );
  });
});
