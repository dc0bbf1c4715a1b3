import type { Indicator, Slo, TimeSlices } from './types';
import { validateSlo } from '../rules/validate';
import { budgetSlices, describeSliceBudget, describeSliceRatioBudget } from './budget';
import { describeObjective, describeSliceCounting } from './describe';

const ratio: Indicator = {
  type: 'ratio',
  total: 'http_requests_total{job="api"}',
  bad: 'http_requests_total{job="api",code="500"}',
  groupBy: [],
};

function slo(timeSlices: TimeSlices, indicator: Indicator = ratio, windowDays = 30): Slo {
  return {
    name: 'api',
    uid: 'api',
    service: 'api',
    labels: {},
    indicator,
    timeSlices,
    objectives: [
      { target: '0.999', window: { kind: 'rolling', duration: `${windowDays}d`, seconds: windowDays * 86400 } },
    ],
    alerting: { enabled: true, labels: {} },
    annotations: {},
  };
}

const minute = (target?: string): TimeSlices => ({ window: '1m', windowSeconds: 60, ...(target && { target }) });
const issuesAt = (s: Slo, prefix: string, evaluationInterval?: string) =>
  validateSlo(s, { evaluationInterval }).filter((i) => i.path.startsWith(prefix));

describe('validation of time slices', () => {
  it('accepts 1m slices with a target on a ratio SLI', () => {
    expect(validateSlo(slo(minute('0.95')))).toEqual([]);
  });

  it.each([
    ['30s', 30],
    ['10m', 600],
  ])('refuses a slice of %s', (window, windowSeconds) => {
    expect(issuesAt(slo({ window, windowSeconds, target: '0.95' }), 'spec.timeSlices')).toEqual([
      {
        path: 'spec.timeSlices.window',
        message: `must be from 1m to 5m, got ${window}: a slice needs two scrapes or more, and the 5m base rates must hold at least one whole slice`,
        severity: 'error',
      },
    ]);
  });

  it('refuses a slice shorter than the evaluation interval', () => {
    expect(issuesAt(slo(minute('0.95')), 'spec.timeSlices', '2m')).toEqual([
      {
        path: 'spec.timeSlices.window',
        message: 'must be at least the evaluation interval (120s), got 1m',
        severity: 'error',
      },
    ]);
  });

  it('refuses a slice that does not divide the window evenly', () => {
    const s = slo({ window: '4m', windowSeconds: 240, target: '0.95' });
    s.objectives = [{ target: '0.999', window: { kind: 'rolling', duration: '1h30m', seconds: 5400 } }];
    s.alerting.burnRates = [{ severity: 'page', longWindow: '1h', shortWindow: '5m', factor: '14.4' }];
    expect(issuesAt(s, 'spec.timeSlices')).toEqual([
      {
        path: 'spec.timeSlices.window',
        message:
          'a slice of 4m does not divide the window 1h30m of objectives[0] evenly: choose a slice such as 1m or 5m',
        severity: 'error',
      },
    ]);
  });

  it('asks for the slice target of a ratio SLI, and refuses one on a threshold SLI', () => {
    expect(issuesAt(slo(minute()), 'spec.timeSlices')).toEqual([
      {
        path: 'spec.timeSlices.target',
        message: 'is required for a ratio SLI: the good ratio a slice must reach to be good, e.g. 0.95',
        severity: 'error',
      },
    ]);
    const threshold: Indicator = {
      type: 'threshold',
      expr: 'pipeline_age_seconds',
      operator: '<',
      threshold: '3600',
      groupBy: [],
    };
    // With a target, that share of the slice's samples must meet the condition (OpenSLO timeSliceTarget).
    expect(issuesAt(slo(minute('0.95'), threshold), 'spec.timeSlices')).toEqual([]);
    expect(validateSlo(slo(minute(), threshold))).toEqual([]);
  });

  it('warns when an advanced expression has a fixed range instead of {{.window}}', () => {
    const advanced: Indicator = {
      type: 'advanced',
      total: 'sum(rate(http_requests_total[5m]))',
      bad: 'sum(rate(http_requests_total{code="500"}[{{.window}}]))',
      groupBy: [],
    };
    expect(issuesAt(slo(minute('0.95'), advanced), 'spec.indicator')).toEqual([
      {
        path: 'spec.indicator.total',
        message:
          'has no {{.window}}: with time slices it is replaced by the slice length, so that each slice counts only its own events; a fixed range also counts events of earlier slices',
        severity: 'warning',
      },
    ]);
  });
});

describe('budget of time slices', () => {
  it('allows 43.2 bad minutes over 30 days at 99.9% with 1m slices', () => {
    expect(budgetSlices('0.999', 30 * 86400, 60)).toBe(43.2);
    expect(describeSliceBudget('0.999', 30 * 86400, 60)).toBe(
      '99.9% of 1 min slices over 30 days = 43 min 12 s of bad time (43.2 bad slices of 43,200)'
    );
  });

  it('counts 5 minute slices over a week exactly', () => {
    // 2,016 slices; 1% of them is 20.16 slices of 5 min = 100.8 min.
    expect(budgetSlices('0.99', 7 * 86400, 300)).toBe(20.16);
    expect(describeSliceBudget('0.99', 7 * 86400, 300)).toBe(
      '99% of 5 min slices over 7 days = 1 h 40 min of bad time (20.16 bad slices of 2,016)'
    );
  });

  it('keeps 99.95% exact: 21.6 bad minutes of 43,200', () => {
    expect(budgetSlices('0.9995', 30 * 86400, 60)).toBe(21.6);
  });

  it('refuses slices of no length', () => {
    expect(() => budgetSlices('0.999', 86400, 0)).toThrow('sliceSeconds must be greater than 0, got 0');
  });

  it('describes a calendar objective of slices', () => {
    expect(
      describeObjective({ target: '0.999', window: { kind: 'calendar', unit: 'month' } }, 'requests', minute('0.95'))
    ).toBe(
      '99.9% of 1 min slices over a calendar month (30 days) = 43 min 12 s of bad time (43.2 bad slices of 43,200)'
    );
  });
});

describe('time slices scored by their good ratio (OpenSLO RatioTimeslices)', () => {
  const ratioMinute: TimeSlices = { window: '1m', windowSeconds: 60, score: 'ratio' };
  const threshold: Indicator = {
    type: 'threshold',
    expr: 'age_seconds',
    operator: '<',
    threshold: '3600',
    groupBy: [],
  };
  const advanced: Indicator = {
    type: 'advanced',
    total: 'sum(rate(jobs_total[{{.window}}]))',
    bad: 'sum(rate(jobs_failed_total[{{.window}}]))',
    groupBy: [],
  };
  const latency: Indicator = { type: 'latency', histogram: 'rpc_seconds', threshold: '0.3', native: true, groupBy: [] };
  const errorRatio: Indicator = { type: 'errorRatio', expr: 'job:errors:ratio_rate{{.window}}', groupBy: [] };

  it.each([
    ['ratio', ratio],
    ['latency', latency],
    ['threshold', threshold],
    ['advanced', advanced],
  ])('accepts a %s SLI without a slice target', (_name, indicator) => {
    expect(validateSlo(slo(ratioMinute, indicator))).toEqual([]);
  });

  it('keeps an errorRatio SLI approximate: its slices are means of its samples', () => {
    expect(validateSlo(slo(ratioMinute, errorRatio)).map((i) => [i.path, i.severity])).toEqual([
      ['spec.indicator', 'warning'],
    ]);
  });

  it('refuses a slice target, which judges no slice here', () => {
    expect(issuesAt(slo({ ...ratioMinute, target: '0.95' }), 'spec.timeSlices')).toEqual([
      {
        path: 'spec.timeSlices.target',
        message:
          'has no meaning with score ratio: each slice counts its own good ratio and none is judged good or bad; remove the target, or use score good to count good slices',
        severity: 'error',
      },
    ]);
  });

  it('checks the slice length as for good slices', () => {
    expect(
      issuesAt(slo({ ...ratioMinute, window: '7m', windowSeconds: 420 }), 'spec.timeSlices').map((i) => i.path)
    ).toEqual(['spec.timeSlices.window']);
  });

  it('describes the budget as bad ratios adding up to whole slices', () => {
    expect(describeSliceRatioBudget('0.999', 30 * 86400, 60)).toBe(
      '99.9% mean good ratio of 1 min slices over 30 days = bad ratios adding up to 43.2 slices of 43,200 (43 min 12 s of full outage)'
    );
    expect(
      describeObjective({ target: '0.99', window: { kind: 'calendar', unit: 'week' } }, 'requests', ratioMinute)
    ).toBe(
      '99% mean good ratio of 1 min slices over a calendar week (7 days) = bad ratios adding up to 100.8 slices of 10,080 (1 h 40 min of full outage)'
    );
  });
});

describe('what a time-slice SLO counts, in words', () => {
  it.each<[TimeSlices | undefined, Indicator['type'], string | undefined]>([
    [{ window: '1m', windowSeconds: 60, target: '0.95' }, 'ratio', 'good 1m slices (95% good events)'],
    [{ window: '2m', windowSeconds: 120, target: '0.7' }, 'threshold', 'good 2m slices (70% good samples)'],
    [{ window: '2m', windowSeconds: 120 }, 'threshold', 'good 2m slices (every sample)'],
    [{ window: '5m', windowSeconds: 300, score: 'ratio' }, 'latency', 'mean good ratio of 5m slices'],
    [undefined, 'ratio', undefined],
  ])('%j of a %s SLI: %s', (timeSlices, type, words) => {
    expect(describeSliceCounting(timeSlices, type)).toBe(words);
  });
});
