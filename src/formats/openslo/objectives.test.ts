import type { Slo } from '../../slo/types';
import { BASE_SLO, baseSlo, DAYS_28, DAYS_30, issue, load, type Doc } from '../../testing/openSlo';
import type { FileIssue } from '../load';

describe('OpenSLO import: cases', () => {
  it.each<{ name: string; change: (doc: Doc) => void; others?: unknown[]; slo?: Slo; issues: FileIssue[] }>([
    {
      name: 'targetPercent 99.95 is exactly 0.9995',
      change: (doc) => {
        doc.spec.objectives = [{ targetPercent: 99.95 }];
      },
      slo: { ...BASE_SLO, objectives: [{ target: '0.9995', window: DAYS_30 }] },
      issues: [],
    },
    {
      name: 'target and targetPercent together',
      change: (doc) => {
        doc.spec.objectives = [{ target: 0.99, targetPercent: 99 }];
      },
      issues: [issue('spec.objectives[0].targetPercent', 'give target (0.999) or targetPercent (99.9), not both')],
    },
    {
      name: 'a target written as a percentage',
      change: (doc) => {
        doc.spec.objectives = [{ target: 99.9 }];
      },
      issues: [
        issue(
          'spec.objectives[0].target',
          'must be a ratio between 0 and 1 (exclusive), got 99.9. Did you mean "99.9%" (0.999)?'
        ),
      ],
    },
    {
      name: 'several objectives: the first is kept',
      change: (doc) => {
        doc.spec.objectives = [{ target: 0.999, displayName: 'Three nines' }, { target: 0.99 }, { target: 0.999 }];
      },
      slo: { ...BASE_SLO, objectives: [{ target: '0.999', window: DAYS_30, displayName: 'Three nines' }] },
      issues: [
        issue(
          'spec.objectives[1]',
          'dropped (target 0.99): an OpenSLO SLO gives all its objectives one time window, and Burnrate needs a distinct window per objective, so only objectives[0] is imported',
          'warning'
        ),
        issue('spec.objectives[2]', 'dropped: it repeats objectives[0]', 'warning'),
      ],
    },
    {
      name: 'Timeslices budgeting',
      change: (doc) => {
        doc.spec.budgetingMethod = 'Timeslices';
        doc.spec.objectives = [{ target: 0.999, timeSliceTarget: 0.95, timeSliceWindow: '1m' }];
      },
      slo: { ...BASE_SLO, timeSlices: { window: '1m', windowSeconds: 60, target: '0.95' } },
      issues: [],
    },
    {
      name: 'Timeslices budgeting without a slice window or target',
      change: (doc) => {
        doc.spec.budgetingMethod = 'Timeslices';
      },
      issues: [
        issue(
          'spec.objectives[0].timeSliceWindow',
          'is required with budgetingMethod Timeslices: the length of a slice, such as 1m'
        ),
        issue(
          'spec.objectives[0].timeSliceTarget',
          'is required with budgetingMethod Timeslices: the good ratio a slice must reach, such as 0.95'
        ),
      ],
    },
    {
      name: 'Timeslices budgeting with a slice window without a unit and a target above 1',
      change: (doc) => {
        doc.spec.budgetingMethod = 'Timeslices';
        doc.spec.objectives = [{ target: 0.999, timeSliceTarget: 95, timeSliceWindow: 60 }];
      },
      issues: [
        issue('spec.objectives[0].timeSliceWindow', 'must be a duration such as 1m: 60 has no unit'),
        issue(
          'spec.objectives[0].timeSliceTarget',
          'must be a ratio above 0 and at most 1 (or a percentage up to 100%), got 95. Did you mean "95%"?'
        ),
      ],
    },
    {
      name: 'occurrences budgeting ignores slice fields',
      change: (doc) => {
        doc.spec.objectives = [{ target: 0.999, timeSliceTarget: 0.95, timeSliceWindow: '1m' }];
      },
      slo: BASE_SLO,
      issues: [
        issue(
          'spec.objectives[0].timeSliceTarget',
          'ignored: timeSliceTarget only applies to time slice budgeting',
          'warning'
        ),
        issue(
          'spec.objectives[0].timeSliceWindow',
          'ignored: timeSliceWindow only applies to time slice budgeting',
          'warning'
        ),
      ],
    },
    {
      name: 'RatioTimeslices budgeting: slices scored by their good ratio',
      change: (doc) => {
        doc.spec.budgetingMethod = 'RatioTimeslices';
        doc.spec.objectives = [{ target: 0.999, timeSliceWindow: '5m' }];
      },
      slo: { ...BASE_SLO, timeSlices: { window: '5m', windowSeconds: 300, score: 'ratio' } },
      issues: [],
    },
    {
      name: 'RatioTimeslices budgeting with a slice target, which it never uses',
      change: (doc) => {
        doc.spec.budgetingMethod = 'RatioTimeslices';
        doc.spec.objectives = [{ target: 0.999, timeSliceTarget: 0.9, timeSliceWindow: '1m' }];
      },
      slo: { ...BASE_SLO, timeSlices: { window: '1m', windowSeconds: 60, score: 'ratio' } },
      issues: [
        issue(
          'spec.objectives[0].timeSliceTarget',
          'ignored: RatioTimeslices averages the good ratio of every slice and judges no slice against a target' +
            ' (Timeslices does)',
          'warning'
        ),
      ],
    },
    {
      name: 'RatioTimeslices budgeting without a slice window',
      change: (doc) => {
        doc.spec.budgetingMethod = 'RatioTimeslices';
      },
      issues: [
        issue(
          'spec.objectives[0].timeSliceWindow',
          'is required with budgetingMethod RatioTimeslices: the length of a slice, such as 1m'
        ),
      ],
    },
    {
      name: 'an unknown budgeting method',
      change: (doc) => {
        doc.spec.budgetingMethod = 'Ratio';
      },
      issues: [issue('spec.budgetingMethod', 'must be Occurrences, Timeslices or RatioTimeslices, got "Ratio"')],
    },
    {
      name: 'no budgetingMethod and no timeWindow',
      change: (doc) => {
        delete doc.spec.budgetingMethod;
        delete doc.spec.timeWindow;
      },
      slo: BASE_SLO,
      issues: [
        issue('spec.budgetingMethod', 'is missing: read as Occurrences (good events over all events)', 'warning'),
        issue('spec.timeWindow', 'is missing: read as a rolling window of 30d', 'warning'),
      ],
    },
    {
      name: 'a rolling window in weeks',
      change: (doc) => {
        doc.spec.timeWindow = [{ duration: '4w', isRolling: true }];
      },
      slo: { ...BASE_SLO, objectives: [{ target: '0.999', window: DAYS_28 }] },
      issues: [],
    },
    {
      name: 'a rolling window in months: 30 days each',
      change: (doc) => {
        doc.spec.timeWindow = [{ duration: '1M', isRolling: true }];
      },
      slo: { ...BASE_SLO, objectives: [{ target: '0.999', window: DAYS_30 }] },
      issues: [
        issue(
          'spec.timeWindow[0].duration',
          'a rolling 1M has no fixed length: read as 30d (a month as 30 days, a quarter 90, a year 365)',
          'warning'
        ),
      ],
    },
    {
      name: 'a rolling quarter: 90 days',
      change: (doc) => {
        doc.spec.timeWindow = [{ duration: '1Q', isRolling: true }];
      },
      slo: {
        ...BASE_SLO,
        objectives: [{ target: '0.999', window: { kind: 'rolling', duration: '90d', seconds: 90 * 86400 } }],
      },
      issues: [
        issue(
          'spec.timeWindow[0].duration',
          'a rolling 1Q has no fixed length: read as 90d (a month as 30 days, a quarter 90, a year 365)',
          'warning'
        ),
      ],
    },
    {
      name: 'a calendar week from a Monday in UTC',
      change: (doc) => {
        doc.spec.timeWindow = [
          { duration: '1w', isRolling: false, calendar: { startTime: '2025-06-02 00:00:00', timeZone: 'Etc/UTC' } },
        ];
      },
      slo: { ...BASE_SLO, objectives: [{ target: '0.999', window: { kind: 'calendar', unit: 'week' } }] },
      issues: [],
    },
    {
      name: 'a calendar month in another time zone, from mid-month',
      change: (doc) => {
        doc.spec.timeWindow = [
          { duration: '1M', calendar: { startTime: '2025-06-15 12:30:00', timeZone: 'America/New_York' } },
        ];
      },
      slo: { ...BASE_SLO, objectives: [{ target: '0.999', window: { kind: 'calendar', unit: 'month' } }] },
      issues: [
        issue(
          'spec.timeWindow[0].calendar.timeZone',
          'America/New_York is not used: Burnrate calendar months start on the 1st at 00:00 UTC',
          'warning'
        ),
        issue(
          'spec.timeWindow[0].calendar.startTime',
          '2025-06-15 12:30:00 is not used: Burnrate calendar months start on the 1st at 00:00 UTC',
          'warning'
        ),
      ],
    },
    {
      name: 'a calendar quarter',
      change: (doc) => {
        doc.spec.timeWindow = [
          { duration: '1Q', isRolling: false, calendar: { startTime: '2025-01-01 00:00:00', timeZone: 'UTC' } },
        ];
      },
      issues: [
        issue(
          'spec.timeWindow[0].duration',
          'a calendar window of 1Q is not supported: Burnrate has calendar weeks (1w) and months (1M); use a rolling window for other periods'
        ),
      ],
    },
    {
      name: 'a rolling window with a calendar',
      change: (doc) => {
        doc.spec.timeWindow = [
          { duration: '1w', isRolling: true, calendar: { startTime: '2025-06-02 00:00:00', timeZone: 'UTC' } },
        ];
      },
      issues: [
        issue('spec.timeWindow[0].calendar', 'a rolling window (isRolling: true) has no calendar: remove one of them'),
      ],
    },
  ])('$name', ({ change, others, slo, issues }) => {
    const doc = baseSlo();
    change(doc);
    const result = load([doc, ...(others ?? [])]);
    expect(result.issues).toEqual(issues);
    expect(result.slos).toEqual(slo ? [{ slo, format: 'openslo', document: 0 }] : []);
  });
});
