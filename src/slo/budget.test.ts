import {
  budgetConsumed,
  budgetEvents,
  budgetMinutes,
  budgetRemaining,
  budgetStatus,
  type BudgetStatus,
  burnRate,
  type ChangeRisk,
  describeBudget,
  errorBudgetRatio,
  errorBudgetText,
  errorRatio,
  formatDuration,
  projectedExhaustion,
  releaseDecision,
  type ReleaseDecision,
  toilBudget,
} from './budget';

const DAY = 86400;
const MINUTES_30D = 30 * 24 * 60;

describe('errorBudgetText', () => {
  it.each([
    ['0.999', '0.001'],
    ['0.9995', '0.0005'],
    ['0.95', '0.05'],
    [0.9995, '0.0005'],
  ])('%j leaves %s, exactly', (target, want) => {
    expect(errorBudgetText(target)).toBe(want);
  });

  it('does not check the target: a draft out of range still has a budget to show', () => {
    expect(errorBudgetText('1')).toBe('0');
    expect(errorBudgetText('1.5')).toBe('-0.5');
  });
});

describe('errorBudgetRatio', () => {
  it.each([
    { name: '99.9%', target: '0.999', want: 0.001 },
    { name: '99.95% (exactly 0.0005)', target: '0.9995', want: 0.0005 },
    { name: '99.95% as a number', target: 0.9995, want: 0.0005 },
    { name: '99.5%', target: '0.995', want: 0.005 },
    { name: '99%', target: '0.99', want: 0.01 },
    { name: '97%', target: '0.97', want: 0.03 },
    { name: '95%', target: '0.95', want: 0.05 },
    { name: '99.99%', target: '0.9999', want: 0.0001 },
    { name: 'surrounding spaces', target: ' 0.999 ', want: 0.001 },
  ])('$name', ({ target, want }) => {
    expect(errorBudgetRatio(target)).toBe(want);
  });

  it('is exact where float subtraction is not', () => {
    expect(1 - 0.9995).not.toBe(0.0005);
    expect(errorBudgetRatio(0.9995)).toBe(0.0005);
  });

  it.each([
    { name: '100% leaves no budget', target: '1', message: /target must be below 1.*no error budget/ },
    { name: '100% as a number', target: 1, message: /target must be below 1/ },
    { name: 'a percentage without its sign', target: 99.9, message: /did you mean 0\.999\?/ },
    { name: 'a percentage as text', target: '99.95', message: /did you mean 0\.9995\?/ },
    { name: 'above 100', target: 250, message: /between 0 and 1 \(exclusive\), got 250$/ },
    { name: 'zero', target: 0, message: /target must be a ratio between 0 and 1/ },
    { name: 'negative', target: '-0.5', message: /target must be a ratio between 0 and 1/ },
    { name: 'NaN', target: NaN, message: /target must be a ratio such as 0\.999.*got NaN/ },
    { name: 'Infinity', target: Infinity, message: /got Infinity/ },
    { name: 'not a number', target: 'abc', message: /got "abc"/ },
    { name: 'empty text', target: '', message: /got ""/ },
    { name: 'a percent sign', target: '99.9%', message: /got "99.9%"/ },
  ])('refuses $name', ({ target, message }) => {
    expect(() => errorBudgetRatio(target)).toThrow(RangeError);
    expect(() => errorBudgetRatio(target)).toThrow(message);
  });
});

describe('budgetEvents', () => {
  it.each([
    { name: '99.9% of a million', target: '0.999', total: 1_000_000, want: 1000 },
    { name: '99.95% of a million', target: '0.9995', total: 1_000_000, want: 500 },
    { name: '99.5% of 12,345', target: '0.995', total: 12_345, want: 61.725 },
    { name: 'zero traffic', target: '0.99', total: 0, want: 0 },
  ])('$name', ({ target, total, want }) => {
    expect(budgetEvents(target, total)).toBe(want);
  });

  it.each([
    { name: 'negative events', total: -1, message: /totalEvents must not be negative, got -1/ },
    { name: 'NaN', total: NaN, message: /totalEvents must be a finite number, got NaN/ },
    { name: 'Infinity', total: Infinity, message: /totalEvents must be a finite number/ },
  ])('refuses $name', ({ total, message }) => {
    expect(() => budgetEvents('0.999', total)).toThrow(message);
  });

  it('refuses a bad target', () => {
    expect(() => budgetEvents('1.5', 100)).toThrow(RangeError);
  });
});

describe('budgetMinutes', () => {
  it.each([
    { name: '99.9% over 30d', target: '0.999', minutes: MINUTES_30D, want: 43.2 },
    { name: '99.95% over 30d', target: '0.9995', minutes: MINUTES_30D, want: 21.6 },
    { name: '99.9% over 28d', target: '0.999', minutes: 28 * 24 * 60, want: 40.32 },
    { name: '99% over 7d', target: '0.99', minutes: 7 * 24 * 60, want: 100.8 },
    { name: '99.5% over 30d', target: 0.995, minutes: MINUTES_30D, want: 216 },
  ])('$name', ({ target, minutes, want }) => {
    expect(budgetMinutes(target, minutes)).toBe(want);
  });

  it('refuses a negative window', () => {
    expect(() => budgetMinutes('0.999', -60)).toThrow(/windowMinutes must not be negative/);
  });
});

describe('errorRatio', () => {
  it.each([
    { name: 'zero traffic is no data', bad: 0, total: 0, want: undefined },
    { name: 'no errors', bad: 0, total: 100, want: 0 },
    { name: '1 in 1,000', bad: 1, total: 1000, want: 0.001 },
    { name: 'all bad', bad: 5, total: 5, want: 1 },
    { name: 'fractional rates', bad: 0.5, total: 200, want: 0.0025 },
  ])('$name', ({ bad, total, want }) => {
    expect(errorRatio(bad, total)).toBe(want);
  });

  it.each([
    { name: 'negative bad events', bad: -1, total: 10, message: /badEvents must not be negative/ },
    { name: 'negative total events', bad: 0, total: -10, message: /totalEvents must not be negative/ },
    { name: 'more bad than total', bad: 11, total: 10, message: /badEvents \(11\) must not exceed totalEvents \(10\)/ },
    { name: 'bad events without traffic', bad: 1, total: 0, message: /must not exceed totalEvents \(0\)/ },
    { name: 'NaN', bad: NaN, total: 10, message: /badEvents must be a finite number/ },
    { name: 'Infinity', bad: 1, total: Infinity, message: /totalEvents must be a finite number/ },
  ])('refuses $name', ({ bad, total, message }) => {
    expect(() => errorRatio(bad, total)).toThrow(RangeError);
    expect(() => errorRatio(bad, total)).toThrow(message);
  });
});

describe('burnRate', () => {
  it.each([
    { name: 'spending exactly on time', ratio: 0.001, target: '0.999', want: 1 },
    { name: 'workbook page 14.4x', ratio: 0.0144, target: '0.999', want: 14.4 },
    { name: '99.95% at 6x', ratio: 0.003, target: '0.9995', want: 6 },
    { name: '99.95% on time', ratio: 0.0005, target: 0.9995, want: 1 },
    { name: 'no errors', ratio: 0, target: '0.999', want: 0 },
    { name: 'everything failing at 99%', ratio: 1, target: '0.99', want: 100 },
  ])('$name', ({ ratio, target, want }) => {
    expect(burnRate(ratio, target)).toBe(want);
  });

  it.each([
    { name: 'a ratio above 1', ratio: 1.5, message: /errorRatio must be a ratio between 0 and 1, got 1.5/ },
    { name: 'a negative ratio', ratio: -0.1, message: /errorRatio must be a ratio between 0 and 1/ },
    { name: 'NaN', ratio: NaN, message: /errorRatio must be a finite number, got NaN/ },
  ])('refuses $name', ({ ratio, message }) => {
    expect(() => burnRate(ratio, '0.999')).toThrow(message);
  });

  it('refuses a target of 100%', () => {
    expect(() => burnRate(0.001, '1')).toThrow(/no error budget/);
  });
});

describe('budgetConsumed and budgetRemaining', () => {
  it.each([
    { name: 'untouched', ratio: 0, target: '0.999', consumed: 0, remaining: 1 },
    { name: 'half spent', ratio: 0.0005, target: '0.999', consumed: 0.5, remaining: 0.5 },
    { name: '99.95% half spent', ratio: 0.00025, target: '0.9995', consumed: 0.5, remaining: 0.5 },
    { name: 'exactly spent', ratio: 0.001, target: '0.999', consumed: 1, remaining: 0 },
    { name: 'overspent twice over', ratio: 0.002, target: '0.999', consumed: 2, remaining: -1 },
    { name: '99% with 2.5% errors', ratio: 0.025, target: '0.99', consumed: 2.5, remaining: -1.5 },
    { name: 'a fifth spent at 99.5%', ratio: 0.001, target: 0.995, consumed: 0.2, remaining: 0.8 },
  ])('$name', ({ ratio, target, consumed, remaining }) => {
    expect(budgetConsumed(ratio, target)).toBe(consumed);
    expect(budgetRemaining(ratio, target)).toBe(remaining);
  });

  it('refuses bad input', () => {
    expect(() => budgetConsumed(NaN, '0.999')).toThrow(/errorRatio/);
    expect(() => budgetRemaining(2, '0.999')).toThrow(/errorRatio/);
    expect(() => budgetRemaining(0.001, 0)).toThrow(/target/);
  });
});

describe('projectedExhaustion', () => {
  const now = new Date('2024-01-01T00:00:00Z');
  const window30d = 30 * DAY;

  it.each([
    {
      name: 'burn 1 spends all at the end of the window',
      remaining: 1,
      burn: 1,
      window: window30d,
      want: '2024-01-31T00:00:00.000Z',
    },
    {
      name: 'half left at burn 2: 7.5 days',
      remaining: 0.5,
      burn: 2,
      window: window30d,
      want: '2024-01-08T12:00:00.000Z',
    },
    {
      name: '10% left at 14.4x: 5 hours',
      remaining: 0.1,
      burn: 14.4,
      window: window30d,
      want: '2024-01-01T05:00:00.000Z',
    },
    {
      name: '7d window, all left at 6x: 28 hours',
      remaining: 1,
      burn: 6,
      window: 7 * DAY,
      want: '2024-01-02T04:00:00.000Z',
    },
    { name: 'nothing left: now', remaining: 0, burn: 3, window: window30d, want: '2024-01-01T00:00:00.000Z' },
    { name: 'overspent: now', remaining: -0.5, burn: 0, window: window30d, want: '2024-01-01T00:00:00.000Z' },
  ])('$name', ({ remaining, burn, window, want }) => {
    expect(projectedExhaustion({ remaining, burnRate: burn, windowSeconds: window, now })?.toISOString()).toBe(want);
  });

  it.each([
    { name: 'no burn', burn: 0 },
    { name: 'negative burn', burn: -1 },
    { name: 'NaN burn', burn: NaN },
    { name: 'infinite burn', burn: Infinity },
    { name: 'a burn so low the date is out of range', burn: 1e-300 },
  ])('is undefined for $name', ({ burn }) => {
    expect(projectedExhaustion({ remaining: 0.5, burnRate: burn, windowSeconds: window30d, now })).toBeUndefined();
  });

  it('returns a new Date, not the one passed in', () => {
    const at = projectedExhaustion({ remaining: 0, burnRate: 1, windowSeconds: window30d, now });
    expect(at).not.toBe(now);
    expect(at).toEqual(now);
  });

  it.each([
    {
      name: 'NaN remaining',
      remaining: NaN,
      window: window30d,
      when: now,
      message: /remaining must be a finite number/,
    },
    { name: 'a zero window', remaining: 1, window: 0, when: now, message: /windowSeconds must be greater than 0/ },
    {
      name: 'an infinite window',
      remaining: 1,
      window: Infinity,
      when: now,
      message: /windowSeconds must be a finite/,
    },
    {
      name: 'an invalid date',
      remaining: 1,
      window: window30d,
      when: new Date('nope'),
      message: /now must be a valid Date/,
    },
  ])('refuses $name', ({ remaining, window, when, message }) => {
    expect(() => projectedExhaustion({ remaining, burnRate: 1, windowSeconds: window, now: when })).toThrow(message);
  });
});

describe('budgetStatus', () => {
  it.each<{ name: string; remaining: number; burn: number; want: BudgetStatus }>([
    { name: 'nothing left', remaining: 0, burn: 0, want: 'exhausted' },
    { name: 'overspent, even at a low burn', remaining: -0.2, burn: 0.5, want: 'exhausted' },
    { name: 'nothing left beats a high burn', remaining: 0, burn: 20, want: 'exhausted' },
    { name: 'no burn', remaining: 0.5, burn: 0, want: 'healthy' },
    { name: 'a sliver left', remaining: 1e-9, burn: 0.5, want: 'healthy' },
    { name: 'burn exactly 1', remaining: 0.5, burn: 1, want: 'healthy' },
    { name: 'burn just above 1', remaining: 0.5, burn: 1.0001, want: 'attention' },
    { name: 'burn exactly 1.5', remaining: 0.5, burn: 1.5, want: 'attention' },
    { name: 'burn just above 1.5', remaining: 0.5, burn: 1.5001, want: 'warning' },
    { name: 'burn exactly 2', remaining: 0.5, burn: 2, want: 'warning' },
    { name: 'burn just above 2', remaining: 0.5, burn: 2.0001, want: 'critical' },
    { name: 'workbook page rate', remaining: 0.9, burn: 14.4, want: 'critical' },
  ])('$name', ({ remaining, burn, want }) => {
    expect(budgetStatus({ remaining, burnRate: burn })).toBe(want);
  });

  it.each([
    { name: 'NaN burn', remaining: 0.5, burn: NaN, message: /burnRate must be a finite number/ },
    { name: 'negative burn', remaining: 0.5, burn: -1, message: /burnRate must not be negative/ },
    { name: 'infinite remaining', remaining: Infinity, burn: 1, message: /remaining must be a finite number/ },
  ])('refuses $name', ({ remaining, burn, message }) => {
    expect(() => budgetStatus({ remaining, burnRate: burn })).toThrow(message);
  });
});

describe('releaseDecision', () => {
  it.each<{ status: BudgetStatus; risk: ChangeRisk; want: ReleaseDecision }>([
    { status: 'healthy', risk: 'low', want: 'approve' },
    { status: 'healthy', risk: 'medium', want: 'approve' },
    { status: 'healthy', risk: 'high', want: 'review' },
    { status: 'attention', risk: 'low', want: 'approve' },
    { status: 'attention', risk: 'medium', want: 'review' },
    { status: 'attention', risk: 'high', want: 'defer' },
    { status: 'warning', risk: 'low', want: 'review' },
    { status: 'warning', risk: 'medium', want: 'defer' },
    { status: 'warning', risk: 'high', want: 'block' },
    { status: 'critical', risk: 'low', want: 'defer' },
    { status: 'critical', risk: 'medium', want: 'block' },
    { status: 'critical', risk: 'high', want: 'block' },
    { status: 'exhausted', risk: 'low', want: 'block' },
    { status: 'exhausted', risk: 'medium', want: 'block' },
    { status: 'exhausted', risk: 'high', want: 'block' },
  ])('$status with $risk risk: $want', ({ status, risk, want }) => {
    expect(releaseDecision(status, risk)).toBe(want);
  });

  it('refuses unknown values from untyped callers', () => {
    expect(() => releaseDecision('fine' as BudgetStatus, 'low')).toThrow(/status must be one of .*got "fine"/);
    expect(() => releaseDecision('healthy', 'toString' as ChangeRisk)).toThrow(/risk must be one of/);
  });
});

describe('toilBudget', () => {
  it.each([
    { name: 'exceeded: 60%', performance: 0.9995, target: '0.999', team: 4, share: 60, hours: 96 },
    { name: 'exceeded at 100%', performance: 1, target: '0.999', team: 1, share: 60, hours: 24 },
    { name: 'exceeded, fractional team', performance: 0.9995, target: 0.999, team: 2.5, share: 60, hours: 60 },
    { name: 'met exactly: 50%', performance: 0.999, target: '0.999', team: 1, share: 50, hours: 20 },
    { name: 'met within 99% of target', performance: 0.99, target: '0.999', team: 2, share: 50, hours: 40 },
    { name: 'met at exactly 99% of target', performance: 0.9801, target: '0.99', team: 1, share: 50, hours: 20 },
    {
      name: 'latency SLO at exactly 99% of target',
      performance: 0.9405,
      target: '0.95',
      team: 1,
      share: 50,
      hours: 20,
    },
    {
      name: 'just under 99% of target: 2 points of errors',
      performance: 0.98,
      target: '0.99',
      team: 3,
      share: 40,
      hours: 48,
    },
    { name: '3 points of errors: 35%', performance: 0.97, target: '0.999', team: 4, share: 35, hours: 56 },
    { name: '4.5 points of errors: 27.5%', performance: 0.955, target: '0.999', team: 2, share: 27.5, hours: 22 },
    { name: '6 points of errors: exactly the floor', performance: 0.94, target: '0.95', team: 1, share: 20, hours: 8 },
    { name: 'far below: the 20% floor', performance: 0.5, target: '0.999', team: 5, share: 20, hours: 40 },
    { name: 'no good events at all', performance: 0, target: '0.9', team: 1, share: 20, hours: 8 },
  ])('$name', ({ performance, target, team, share, hours }) => {
    expect(toilBudget({ performance, target, teamSize: team })).toEqual({ sharePercent: share, hoursPerWeek: hours });
  });

  it.each([
    { name: 'performance above 1', performance: 1.2, target: '0.999', team: 1, message: /performance must be a ratio/ },
    {
      name: 'performance as a percentage',
      performance: 99.9,
      target: '0.999',
      team: 1,
      message: /performance must be a ratio/,
    },
    {
      name: 'negative performance',
      performance: -0.1,
      target: '0.999',
      team: 1,
      message: /performance must be a ratio/,
    },
    { name: 'NaN performance', performance: NaN, target: '0.999', team: 1, message: /performance must be a finite/ },
    { name: 'target of 100%', performance: 0.99, target: '1', team: 1, message: /target must be below 1/ },
    { name: 'empty team', performance: 0.99, target: '0.999', team: 0, message: /teamSize must be greater than 0/ },
    { name: 'negative team', performance: 0.99, target: '0.999', team: -2, message: /teamSize must be greater than 0/ },
    { name: 'NaN team', performance: 0.99, target: '0.999', team: NaN, message: /teamSize must be a finite/ },
  ])('refuses $name', ({ performance, target, team, message }) => {
    expect(() => toilBudget({ performance, target, teamSize: team })).toThrow(RangeError);
    expect(() => toilBudget({ performance, target, teamSize: team })).toThrow(message);
  });
});

describe('formatDuration', () => {
  it.each([
    { name: 'zero', seconds: 0, want: '0 s' },
    { name: 'below a millisecond', seconds: 0.0001, want: 'less than 1 ms' },
    { name: 'milliseconds', seconds: 0.25, want: '250 ms' },
    { name: 'rounds up to a second', seconds: 0.9996, want: '1 s' },
    { name: 'seconds', seconds: 45, want: '45 s' },
    { name: 'rounds to whole seconds', seconds: 59.6, want: '1 min' },
    { name: 'one minute', seconds: 60, want: '1 min' },
    { name: '99.9% of 30 days', seconds: 2592, want: '43 min 12 s' },
    { name: 'float noise', seconds: 2591.9999999, want: '43 min 12 s' },
    { name: '99.95% of 30 days', seconds: 1296, want: '21 min 36 s' },
    { name: 'hours and minutes', seconds: 7500, want: '2 h 5 min' },
    { name: 'truncates the seconds', seconds: 7540, want: '2 h 5 min' },
    { name: 'whole hours', seconds: 7200, want: '2 h' },
    { name: 'drops units below the next one', seconds: 3601, want: '1 h' },
    { name: '99.5% of 30 days', seconds: 12960, want: '3 h 36 min' },
    { name: 'days and hours', seconds: 3 * DAY + 4 * 3600, want: '3 d 4 h' },
    { name: 'days with no hours', seconds: 3 * DAY + 30 * 60, want: '3 d' },
    { name: '95% of 30 days', seconds: 129600, want: '1 d 12 h' },
    { name: '30 days', seconds: 30 * DAY, want: '30 d' },
    { name: 'many days', seconds: 1000 * DAY, want: '1,000 d' },
  ])('$name', ({ seconds, want }) => {
    expect(formatDuration(seconds)).toBe(want);
  });

  it.each([
    { name: 'negative', seconds: -1, message: /seconds must not be negative, got -1/ },
    { name: 'NaN', seconds: NaN, message: /seconds must be a finite number, got NaN/ },
    { name: 'Infinity', seconds: Infinity, message: /seconds must be a finite number, got Infinity/ },
  ])('refuses $name', ({ seconds, message }) => {
    expect(() => formatDuration(seconds)).toThrow(message);
  });
});

describe('describeBudget', () => {
  it.each([
    {
      name: '99.9% over 30 days',
      target: '0.999',
      window: 30 * DAY,
      want: '99.9% over 30 days = 43 min 12 s of full outage, or 1 in 1,000 requests',
    },
    {
      name: '99.9% as a number',
      target: 0.999,
      window: 30 * DAY,
      want: '99.9% over 30 days = 43 min 12 s of full outage, or 1 in 1,000 requests',
    },
    {
      name: '99.95% over 30 days',
      target: '0.9995',
      window: 30 * DAY,
      want: '99.95% over 30 days = 21 min 36 s of full outage, or 1 in 2,000 requests',
    },
    {
      name: '99.5% over 30 days',
      target: '0.995',
      window: 30 * DAY,
      want: '99.5% over 30 days = 3 h 36 min of full outage, or 1 in 200 requests',
    },
    {
      name: '99% over 7 days',
      target: '0.99',
      window: 7 * DAY,
      want: '99% over 7 days = 1 h 40 min of full outage, or 1 in 100 requests',
    },
    {
      name: '95% over 30 days',
      target: '0.95',
      window: 30 * DAY,
      want: '95% over 30 days = 1 d 12 h of full outage, or 1 in 20 requests',
    },
    {
      name: '97%: 1/0.03 is not an integer',
      target: '0.97',
      window: 30 * DAY,
      want: '97% over 30 days = 21 h 36 min of full outage, or about 1 in 33 requests',
    },
    {
      name: '99.97% over 28 days: two significant figures from 1,000 up',
      target: '0.9997',
      window: 28 * DAY,
      want: '99.97% over 28 days = 12 min 6 s of full outage, or about 1 in 3,300 requests',
    },
    {
      name: '99.92% over 1 day: 1/0.0008 is exactly 1,250',
      target: '0.9992',
      window: DAY,
      want: '99.92% over 1 day = 1 min 9 s of full outage, or 1 in 1,250 requests',
    },
    {
      name: '99.9999% over 30 days',
      target: '0.999999',
      window: 30 * DAY,
      want: '99.9999% over 30 days = 3 s of full outage, or 1 in 1,000,000 requests',
    },
  ])('$name', ({ target, window, want }) => {
    expect(describeBudget(target, window)).toBe(want);
  });

  it('names other events and windows in hours', () => {
    expect(describeBudget('0.99', 12 * 3600, 'events')).toBe(
      '99% over 12 hours = 7 min 12 s of full outage, or 1 in 100 events'
    );
  });

  it('refuses bad input', () => {
    expect(() => describeBudget('1', 30 * DAY)).toThrow(/no error budget/);
    expect(() => describeBudget('0.999', 0)).toThrow(/windowSeconds must be greater than 0/);
    expect(() => describeBudget('0.999', NaN)).toThrow(/windowSeconds must be a finite number/);
  });
});
