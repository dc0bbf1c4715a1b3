import { buildReport, coveredSeconds, reportHasData } from './build';
import type { RangeEventAnswers } from './events';
import { monthRange, previousRanges } from './ranges';
import type { ReportAnswers } from './types';
import type { LabelledValue } from '../serviceReadings';

const OCT_1 = 1790812800; // 2026-10-01T00:00:00Z

const utc = (text: string) => new Date(`${text}Z`);

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

  it('marks draft and retired SLOs, gives a retired one no advice, and keeps both out of the toil budget', () => {
    const retired = buildReport(
      { ...options, statuses: new Map([['checkout-availability', 'retired' as const]]) },
      answers
    ).serviceReports[0];
    expect(retired.objectives.map((o) => [o.sloStatus, o.recommendation.kind])).toEqual([
      ['retired', 'retired'],
      ['retired', 'retired'],
    ]);
    // Its figures stay; it no longer describes the service: not combined, no toil from it.
    expect(retired.objectives[0].sli).toBe(0.9997);
    expect(retired.combined?.members).toEqual([]);
    expect(retired.toil).toBeUndefined();
    const draft = buildReport({ ...options, statuses: new Map([['checkout-availability', 'draft' as const]]) }, answers)
      .serviceReports[0];
    expect(draft.objectives[0].sloStatus).toBe('draft');
    expect(draft.objectives[0].recommendation.kind).not.toBe('retired');
    expect(draft.combined?.members).toHaveLength(2);
    expect(draft.toil).toBeUndefined();
    const active = buildReport(
      { ...options, statuses: new Map([['checkout-availability', 'active' as const]]) },
      answers
    );
    expect(active.serviceReports[0].objectives[0].sloStatus).toBeUndefined();
  });

  it('gives the toil budget for the team size', () => {
    expect(buildReport({ ...options, teamSize: 2 }, answers).serviceReports[0].toil).toEqual({
      sharePercent: 60,
      hoursPerWeek: 48,
    });
  });
});

describe('buildReport of a fresh SLO', () => {
  it('gives no advice on three minutes of figures', () => {
    const october = monthRange('2026-10');
    const end = october.to.getTime() / 1000;
    const labels = { service: 'api-gateway', slo: 'fresh', slo_uid: 'fresh', slo_window: '30d' };
    const none = { tileEvents: [], tileBadEvents: [], rateEvents: [], rateBadEvents: [], rulesAtStart: [] };
    const report = buildReport(
      { range: october, previous: [], services: [], teamSize: 4, generatedAt: october.to },
      {
        objectives: [{ labels, value: 0.99 }],
        events: { ...none, rateEvents: [{ labels: { slo_uid: 'fresh' }, value: 1000 }] },
        previousEvents: [],
        errorRatios: [{ labels: { slo_uid: 'fresh' }, points: [[end - 180, 0]] }],
        firingAlerts: [],
      }
    );
    expect(report.serviceReports[0].objectives[0].recommendation).toEqual({
      kind: 'not-enough-data',
      text: 'Not enough data to advise: less than a day of figures.',
    });
  });
});

describe('coveredSeconds', () => {
  const october = monthRange('2026-10');
  const end = october.to.getTime() / 1000;

  it('is the whole range when the rules ran from its start', () => {
    expect(coveredSeconds(october, true, [])).toBe(31 * 86400);
  });

  it('runs from the first point of the error ratio series otherwise, and is 0 without one', () => {
    expect(
      coveredSeconds(october, false, [
        [end - 180, 0.001],
        [end, 0.002],
      ])
    ).toBe(180);
    expect(coveredSeconds(october, false, [])).toBe(0);
  });
});
