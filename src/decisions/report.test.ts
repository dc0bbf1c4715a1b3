import {
  achievedSli,
  alertEpisodes,
  alertsFor,
  badPeriods,
  budgetConsumedOf,
  buildReport,
  chooseEventCounts,
  countEpisodes,
  customRange,
  errorRatioOf,
  eventReadingsByUid,
  isMet,
  isOnWholeHours,
  looserTarget,
  monthRange,
  percentDown,
  previousRanges,
  rangeQueryWindow,
  rangeUntil,
  readReport,
  recommend,
  RECOMMENDATION_RULES,
  reportHasData,
  stepSecondsFor,
  stricterTarget,
  trendOf,
  type EventCounts,
  type LabelledSeries,
  type RangeEventAnswers,
  type RangeQueryWindow,
  type ReportAnswers,
  type ReportRange,
  type ReportSource,
} from './report';
import type { LabelledValue } from './serviceReadings';
import { objectivesQuery, rangeEventQueries } from '../promql/report';

const OCT_1 = 1790812800; // 2026-10-01T00:00:00Z
const NOV_1 = 1793491200; // 2026-11-01T00:00:00Z
const DAY = 86400;

const utc = (text: string) => new Date(`${text}Z`);
const tiles = (total: number, bad: number): EventCounts => ({ total, bad, source: 'tiles' });

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

describe('bad periods', () => {
  // Ten 5 minute steps, the first covering (0, 300].
  const window: RangeQueryWindow = { start: 300, end: 3000, stepSeconds: 300 };

  it('is the longest run of consecutive steps burning faster than 1x', () => {
    const points: Array<[number, number]> = [
      [300, 0.002],
      [600, 0.0005],
      [900, 0.003],
      [1200, 0.004],
      [1500, 0.002],
      // 1800: no traffic, ends the run
      [2100, 0.002],
      [2400, 0.001], // exactly the budget: burn rate 1, not bad
      [2700, 0.01],
      [3000, 0.01],
    ];
    expect(badPeriods(points, 0.001, window)).toEqual({
      count: 4,
      totalSeconds: 300 + 900 + 300 + 600,
      longest: {
        start: new Date(600_000),
        end: new Date(1_500_000),
        seconds: 900,
        fromRangeStart: false,
        toRangeEnd: false,
      },
    });
  });

  it('says when the longest run reaches the start or the end of the range (it may be longer)', () => {
    const points: Array<[number, number]> = [
      [300, 0.002],
      [600, 0.002],
      [900, 0],
      [2700, 0.002],
      [3000, 0.002],
    ];
    // Two runs of 10 minutes: the earliest wins.
    expect(badPeriods(points, 0.001, window).longest).toEqual({
      start: new Date(0),
      end: new Date(600_000),
      seconds: 600,
      fromRangeStart: true,
      toRangeEnd: false,
    });
    expect(badPeriods(points.slice(2), 0.001, window).longest).toMatchObject({ seconds: 600, toRangeEnd: true });
  });

  it('has none when no step burns faster than 1x, in any order of points', () => {
    expect(
      badPeriods(
        [
          [600, 0.0001],
          [300, NaN],
        ],
        0.001,
        window
      )
    ).toEqual({ count: 0, totalSeconds: 0, longest: undefined });
    expect(
      badPeriods(
        [
          [900, 0.01],
          [600, 0.01],
        ],
        0.001,
        window
      ).longest?.seconds
    ).toBe(600);
  });
});

describe('alerts fired', () => {
  it('counts each run of consecutive steps as one firing', () => {
    expect(countEpisodes([], 300)).toBe(0);
    expect(
      countEpisodes(
        [
          [300, 1],
          [600, 1],
          [1500, 1],
          [1800, 1],
          [2100, 1],
          [3000, 1],
        ],
        300
      )
    ).toBe(3);
  });

  it('adds the firings by severity: the objective window and the alerts of the whole SLO', () => {
    const alert = (labels: Record<string, string>, times: number[]): LabelledSeries => ({
      labels: { alertname: 'SLOErrorBudgetBurn', alertstate: 'firing', slo_uid: 'checkout', ...labels },
      points: times.map((t): [number, number] => [t, 1]),
    });
    const series = [
      // The fast page fired twice, the slow page once.
      alert({ severity: 'page', slo_window: '30d', long_window: '1h' }, [300, 600, 1800]),
      alert({ severity: 'page', slo_window: '30d', long_window: '6h' }, [600, 900]),
      alert({ severity: 'ticket', slo_window: '30d', long_window: '1d' }, [900]),
      alert({ severity: 'ticket', slo_window: 'month', long_window: '1d' }, [900]),
      alert({ alertname: 'SLONoData', severity: 'ticket' }, [2400, 2700]),
      alert({ slo_uid: 'search', severity: 'page', slo_window: '30d' }, [300]),
    ];
    const episodes = alertEpisodes(series, 300);
    expect(alertsFor(episodes, 'checkout', '30d')).toEqual({ page: 3, ticket: 2 });
    expect(alertsFor(episodes, 'checkout', 'month')).toEqual({ page: 0, ticket: 2 });
    expect(alertsFor(episodes, 'web', '30d')).toEqual({ page: 0, ticket: 0 });
  });
});

describe('trend', () => {
  const [july, august, september] = previousRanges(monthRange('2026-10'));
  const previous = (counts: Array<EventCounts | undefined>) =>
    [july, august, september].map((range, i) => ({ range, counts: counts[i] }));

  it('compares with the previous periods together: a ratio of their sums, not a mean of their ratios', () => {
    // July: 1% errors on little traffic; August and September: none on a lot.
    // Together: 100 / 2,010,000 = 0.0000498 = 5% of the budget; the mean of the ratios would be 333%.
    // This month: 5 of 10,000 = 50% of the budget: worse by 45 points.
    const trend = trendOf(
      tiles(10_000, 5),
      previous([tiles(10_000, 100), tiles(1_000_000, 0), tiles(1_000_000, 0)]),
      '0.999'
    );
    expect(trend.direction).toBe('worsening');
    expect(trend.budgetShareChange).toBeCloseTo(0.5 - 100 / 2_010_000 / 0.001, 12);
    expect(trend.previous).toEqual([
      { label: '2026-07', sli: 0.99 },
      { label: '2026-08', sli: 1 },
      { label: '2026-09', sli: 1 },
    ]);
  });

  it('moves at 10 points of budget: worsening at +10, stable at +5, improving at -10', () => {
    const before = previous([tiles(10_000, 4), undefined, undefined]); // 40% of a 0.001 budget
    expect(trendOf(tiles(10_000, 5), before, '0.999')).toMatchObject({
      direction: 'worsening',
      budgetShareChange: 0.1,
    });
    expect(trendOf(tiles(20_000, 9), before, '0.999')).toMatchObject({ direction: 'stable', budgetShareChange: 0.05 });
    expect(trendOf(tiles(10_000, 3), before, '0.999')).toMatchObject({
      direction: 'improving',
      budgetShareChange: -0.1,
    });
  });

  it('is unknown without traffic now or in every previous period', () => {
    expect(trendOf(undefined, previous([tiles(10, 0)]), '0.999').direction).toBe('unknown');
    const none = trendOf(tiles(10, 0), previous([undefined, tiles(0, 0), undefined]), '0.999');
    expect(none).toEqual({
      direction: 'unknown',
      previous: [
        { label: '2026-07', sli: undefined },
        { label: '2026-08', sli: undefined },
        { label: '2026-09', sli: undefined },
      ],
    });
  });
});

describe('recommendations', () => {
  const period = (consumed: number | undefined, target = 0.999) => ({
    consumed,
    sli: consumed === undefined ? undefined : 1 - consumed * (1 - target),
  });

  it('are these rules, in this order', () => {
    expect(RECOMMENDATION_RULES.map((r) => r.kind)).toEqual([
      'no-data',
      'loosen',
      'invest',
      'review',
      'tighten',
      'keep',
    ]);
  });

  it('no data: no events this period', () => {
    expect(recommend({ target: '0.999', current: {}, previous: [period(2), period(2), period(2)] })).toEqual({
      kind: 'no-data',
      text: 'No events in this period. Deploy the rules or check the SLI: without figures no decision can be made.',
    });
  });

  it('loosen: the budget ran out in 3 of the last 4 periods, to the next looser tier target', () => {
    const loosen = recommend({ target: '0.999', current: period(0.5), previous: [period(1.1), period(2), period(1)] });
    expect(loosen).toEqual({
      kind: 'loosen',
      suggestedTarget: '0.995',
      text:
        'The budget ran out in 3 of the last 4 periods: the target asks more than the service delivers. ' +
        'Loosen it to 99.5% (Standard tier) if its users are content at that level, or invest in reliability to meet it.',
    });
    const lowest = recommend({ target: '0.99', current: period(1.2), previous: [period(1.1), period(2), period(0)] });
    expect(lowest.suggestedTarget).toBeUndefined();
    expect(lowest.text).toContain('Loosen it if its users');
    // Twice is not enough: invest instead.
    expect(
      recommend({ target: '0.999', current: period(1.2), previous: [period(1.1), period(0.5), period(0.5)] }).kind
    ).toBe('invest');
  });

  it('invest: the budget ran out this period (100% used counts)', () => {
    expect(
      recommend({
        target: '0.999',
        current: period(1),
        previous: [period(0.2), period(0.3), undefined].map((p) => p ?? {}),
      })
    ).toEqual({
      kind: 'invest',
      text: 'The budget ran out (100.0% used). Freeze risky changes and spend the team on reliability until the budget recovers; write the postmortem of what spent it.',
    });
  });

  it('review: three quarters of the budget used', () => {
    expect(recommend({ target: '0.999', current: period(0.75), previous: [] })).toEqual({
      kind: 'review',
      text: '75.0% of the budget was used. Plan reliability work this sprint and review the alerts that fired.',
    });
    expect(recommend({ target: '0.999', current: period(0.7499), previous: [] }).kind).toBe('keep');
  });

  it('tighten: under 25% used in each of the last 4 periods, and the next tier target met in each', () => {
    // 99.5% met at 99.92% in every period: 16% of the budget; 99.9% would have been met.
    const comfortable = { sli: 0.9992, consumed: 0.16 };
    expect(
      recommend({ target: '0.995', current: comfortable, previous: [comfortable, comfortable, comfortable] })
    ).toEqual({
      kind: 'tighten',
      suggestedTarget: '0.999',
      text:
        'Met with a large margin: consider tightening the target (progressive targets). Each of the last 4 periods used ' +
        'under 25% of the budget and would have met 99.9% (Essential tier).',
    });
    // 24% of a 99.5% budget is 99.88%: short of 99.9%, so keep the target.
    const close = { sli: 0.9988, consumed: 0.24 };
    expect(recommend({ target: '0.995', current: comfortable, previous: [comfortable, close, comfortable] }).kind).toBe(
      'keep'
    );
  });

  it('tighten without a number above the strictest tier; never with a period missing or at 25%', () => {
    const critical = period(0.02, 0.9995);
    expect(recommend({ target: '0.9995', current: critical, previous: [critical, critical, critical] })).toEqual({
      kind: 'tighten',
      text: 'Met with a large margin: consider tightening the target (progressive targets). Each of the last 4 periods used under 25% of the budget.',
    });
    expect(recommend({ target: '0.9995', current: critical, previous: [critical, critical, {}] }).kind).toBe('keep');
    expect(recommend({ target: '0.9995', current: critical, previous: [critical, critical] }).kind).toBe('keep');
    expect(
      recommend({ target: '0.9995', current: critical, previous: [critical, critical, period(0.25, 0.9995)] }).kind
    ).toBe('keep');
  });

  it('keep: otherwise', () => {
    expect(recommend({ target: '0.999', current: period(0.5), previous: [period(0.3)] })).toEqual({
      kind: 'keep',
      text: 'On track: no reliability work needed for this objective.',
    });
  });

  it('moves along the progressive targets 99% -> 99.5% -> 99.9% -> 99.95%', () => {
    expect(stricterTarget('0.99')).toBe('0.995');
    expect(stricterTarget('0.998')).toBe('0.999');
    expect(stricterTarget('0.9995')).toBeUndefined();
    expect(looserTarget('0.9995')).toBe('0.999');
    expect(looserTarget('0.95')).toBeUndefined();
  });
});

describe('buildReport', () => {
  const october = monthRange('2026-10');
  const previous = previousRanges(october);
  const value = (labels: Record<string, string>, v: number): LabelledValue => ({ labels, value: v });
  const uid = (slo_uid: string, v: number) => value({ slo_uid }, v);
  const events = (parts: Partial<RangeEventAnswers>): RangeEventAnswers => ({
    tileEvents: [],
    tileBadEvents: [],
    rateEvents: [],
    rateBadEvents: [],
    rulesAtStart: [],
    ...parts,
  });
  const objective = (service: string, slo: string, window: string, target: number) =>
    value({ __name__: 'slo:objective:ratio', service, slo, slo_uid: slo, slo_window: window }, target);
  const t = (step: number) => OCT_1 + step * 300;

  const answers: ReportAnswers = {
    objectives: [
      objective('search', 'search-latency', '7d', 0.99),
      objective('checkout', 'checkout-availability', '30d', 0.9995),
      objective('checkout', 'checkout-availability', 'month', 0.999),
      objective('checkout', 'checkout-availability', '30d', 0.9995), // renamed in the month: the same objective
    ],
    events: events({
      // October: tiles (whole hours, rules running at the start) 600 bad of 2,000,000; the rates differ a little.
      tileEvents: [uid('checkout-availability', 2_000_000)],
      tileBadEvents: [uid('checkout-availability', 600)],
      rateEvents: [uid('checkout-availability', 1_999_000)],
      rateBadEvents: [uid('checkout-availability', 650)],
      rulesAtStart: [uid('checkout-availability', 1)],
    }),
    previousEvents: [
      // July from the tiles: 100 of 1,000,000.
      events({
        tileEvents: [uid('checkout-availability', 1_000_000)],
        tileBadEvents: [uid('checkout-availability', 100)],
        rateEvents: [uid('checkout-availability', 1_000_500)],
        rulesAtStart: [uid('checkout-availability', 1)],
      }),
      // August: the rules were not running on the 1st, so the rates: 2,000 of 1,000,000.
      events({
        tileEvents: [uid('checkout-availability', 900_000)],
        tileBadEvents: [uid('checkout-availability', 1_900)],
        rateEvents: [uid('checkout-availability', 1_000_000)],
        rateBadEvents: [uid('checkout-availability', 2_000)],
      }),
      // September: 300 of 1,000,000.
      events({
        tileEvents: [uid('checkout-availability', 1_000_000)],
        tileBadEvents: [uid('checkout-availability', 300)],
        rateEvents: [uid('checkout-availability', 999_000)],
        rulesAtStart: [uid('checkout-availability', 1)],
      }),
    ],
    errorRatios: [
      {
        labels: { slo_uid: 'checkout-availability' },
        points: [
          [t(1), 0.001],
          [t(2), 0.002],
          [t(3), 0.0001],
        ] as Array<[number, number]>,
      },
    ],
    firingAlerts: [
      {
        labels: {
          alertname: 'SLOErrorBudgetBurn',
          slo_uid: 'checkout-availability',
          slo_window: '30d',
          severity: 'page',
        },
        points: [
          [t(1), 1],
          [t(2), 1],
          [t(10), 1],
        ] as Array<[number, number]>,
      },
      {
        labels: { alertname: 'SLONoData', slo_uid: 'checkout-availability', severity: 'ticket' },
        points: [[t(20), 1]] as Array<[number, number]>,
      },
    ],
  };
  const options = { range: october, previous, services: [], teamSize: 4, generatedAt: utc('2026-11-02T08:00:00') };

  it('computes every figure of every objective, by service', () => {
    const report = buildReport(options, answers);
    expect(report.serviceReports.map((s) => s.service)).toEqual(['checkout', 'search']);
    expect(report.stepSeconds).toBe(300);
    const [checkout, search] = report.serviceReports;
    const [thirtyDays, month] = checkout.objectives;

    // 600 / 2,000,000 = 0.0003: SLI 99.97%, 60% of a 0.0005 budget, 30% of a 0.001 budget.
    expect(thirtyDays).toMatchObject({
      sloName: 'checkout-availability',
      window: '30d',
      target: '0.9995',
      events: { total: 2_000_000, bad: 600, source: 'tiles' },
      sli: 0.9997,
      budgetConsumed: 0.6,
      met: true,
      alerts: { page: 2, ticket: 1 },
    });
    expect(month).toMatchObject({ window: 'month', target: '0.999', sli: 0.9997, budgetConsumed: 0.3, met: true });
    expect(month.alerts).toEqual({ page: 0, ticket: 1 });

    // Bad steps: 0.001 and 0.002 burn a 0.0005 budget from the first step; only 0.002 burns a 0.001 budget.
    expect(thirtyDays.badPeriods.longest).toEqual({
      start: new Date(OCT_1 * 1000),
      end: new Date(t(2) * 1000),
      seconds: 600,
      fromRangeStart: true,
      toRangeEnd: false,
    });
    expect(month.badPeriods.longest).toMatchObject({ start: new Date(t(1) * 1000), seconds: 300 });

    // July 100, August 2,000 (rates), September 300 of 1,000,000 each: 2,400 / 3,000,000 = 0.0008 together,
    // 160% of the 30d budget against 60% now: 100 points better.
    expect(thirtyDays.trend).toEqual({
      previous: [
        { label: '2026-07', sli: 0.9999 },
        { label: '2026-08', sli: 0.998 },
        { label: '2026-09', sli: 0.9997 },
      ],
      direction: 'improving',
      budgetShareChange: -1,
    });
    // Ran out only in August (400%): not enough to loosen; 60% now: on track.
    expect(thirtyDays.recommendation.kind).toBe('keep');
    expect(month.recommendation.kind).toBe('keep');

    // The worst objective relative to its target: 99.97% against 99.95%, exceeded: 60%, 96 hours for 4 people.
    expect(checkout.toil).toEqual({ sharePercent: 60, hoursPerWeek: 96 });

    expect(search).toEqual({
      service: 'search',
      toil: undefined,
      objectives: [
        expect.objectContaining({
          sloName: 'search-latency',
          events: undefined,
          sli: undefined,
          budgetConsumed: undefined,
          met: undefined,
          badPeriods: { count: 0, totalSeconds: 0, longest: undefined },
          alerts: { page: 0, ticket: 0 },
          trend: expect.objectContaining({ direction: 'unknown' }),
          recommendation: expect.objectContaining({ kind: 'no-data' }),
        }),
      ],
      combined: expect.objectContaining({
        events: 0,
        members: [],
        noData: [expect.objectContaining({ name: 'search-latency' })],
      }),
    });
    expect(reportHasData(report)).toBe(true);
    expect(report.journeyReports).toBeUndefined();
  });

  it('combines the events of each service objectives: a ratio of sums, a sum of budgets', () => {
    const { combined } = buildReport(options, answers).serviceReports[0];
    // Both objectives of checkout-availability saw 600 bad of 2,000,000 events: 4,000,000 and 1,200 together.
    expect(combined).toMatchObject({ kind: 'requests', events: 4_000_000, badEvents: 1_200, sli: 0.9997 });
    // Allowed: 2,000,000 x 0.0005 + 2,000,000 x 0.001 = 1,000 + 2,000; 1,200 of 3,000 spent.
    expect(combined?.budgetEvents).toBe(3000);
    expect(combined?.budgetSpent).toBe(0.4);
    expect(combined?.budgetRemaining).toBe(0.6);
    expect(combined?.members.map((m) => [m.window, m.weight, m.budgetShare])).toEqual([
      ['30d', 0.5, 0.2],
      ['month', 0.5, 0.2],
    ]);
    // Equal bad events: the 30d objective spent more of its own budget (60% against 30%).
    expect(combined?.topSpender?.window).toBe('30d');
    // The kinds are not known without the SLOs' definitions: counted as requests, and said so.
    expect(combined?.assumedKind).toHaveLength(2);
  });

  it('combines each journey of the catalogue over its steps in the report, sets apart other event kinds', () => {
    const report = buildReport(
      {
        ...options,
        eventKinds: new Map([
          ['checkout-availability', 'requests'],
          ['search-latency', 'samples'],
        ]),
        journeys: [
          {
            name: 'Buy',
            steps: [
              { title: 'Find', sloUid: 'search-latency' },
              { title: 'Pay', sloUid: 'checkout-availability' },
              { title: 'Sign in', sloUid: 'login' },
            ],
          },
          { name: 'Elsewhere', steps: [{ title: 'Other', sloUid: 'other' }] },
        ],
      },
      answers
    );
    expect(report.journeyReports?.map((j) => [j.journey, j.stepsNotInReport])).toEqual([['Buy', ['Sign in']]]);
    const buy = report.journeyReports?.[0].combined;
    expect(buy?.members.map((m) => m.key)).toEqual([
      'checkout-availability\u000030d',
      'checkout-availability\u0000month',
    ]);
    expect(buy?.apart.map((a) => a.member.name)).toEqual(['search-latency']);
    expect(buy?.budgetSpent).toBe(0.4);
    expect(buy?.assumedKind).toEqual([]);
    // Alone in its service, the samples of search-latency are combined among themselves (no events here).
    expect(report.serviceReports[1].combined).toMatchObject({ kind: 'samples', apart: [], events: 0 });
    expect(report.serviceReports[1].combined?.sli).toBeUndefined();
  });

  it('has no data when no objective had traffic, and no service without objectives', () => {
    const quiet = buildReport(options, { ...answers, objectives: [answers.objectives[0]] });
    expect(reportHasData(quiet)).toBe(false);
    expect(buildReport(options, { ...answers, objectives: [] }).serviceReports).toEqual([]);
  });

  it('gives the toil budget for the team size', () => {
    expect(buildReport({ ...options, teamSize: 2 }, answers).serviceReports[0].toil).toEqual({
      sharePercent: 60,
      hoursPerWeek: 48,
    });
  });
});

describe('readReport', () => {
  it('reads the current month until now, its objectives, and the events of it and the three months before', async () => {
    const instant: string[] = [];
    const ranges: Array<[string, RangeQueryWindow]> = [];
    const source: ReportSource = {
      instant: async (expr) => {
        instant.push(expr);
        return [];
      },
      range: async (expr, window) => {
        ranges.push([expr, window]);
        return [];
      },
    };
    const now = utc('2026-11-23T16:30:00');
    const report = await readReport({ range: monthRange('2026-11'), services: ['checkout'], teamSize: 4, now }, source);
    expect(report.range).toMatchObject({ label: '2026-11 until 2026-11-23 16:30 UTC', partial: true });
    expect(report.previous.map((r: ReportRange) => r.label)).toEqual(['2026-08', '2026-09', '2026-10']);
    expect(report.serviceReports).toEqual([]);
    expect(instant).toHaveLength(1 + 5 * 4);
    expect(instant).toContain(objectivesQuery(report.range, ['checkout']));
    for (const r of [report.range, ...report.previous]) {
      expect(instant).toContain(rangeEventQueries(r, ['checkout']).rateEvents);
    }
    const end = now.getTime() / 1000;
    expect(ranges.map(([, w]) => w)).toEqual([
      { start: end - (Math.floor((end - NOV_1) / 300) - 1) * 300, end, stepSeconds: 300 },
      { start: end - (Math.floor((end - NOV_1) / 300) - 1) * 300, end, stepSeconds: 300 },
    ]);
  });

  it('passes on a failure of the source', async () => {
    const source: ReportSource = {
      instant: async () => {
        throw new Error('cannot reach http://p: connection refused');
      },
      range: async () => [],
    };
    await expect(
      readReport({ range: monthRange('2026-10'), services: [], teamSize: 4, now: utc('2026-11-23T16:30:00') }, source)
    ).rejects.toThrow('cannot reach http://p: connection refused');
  });
});
