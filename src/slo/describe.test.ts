import { describeBurnRate, describeObjective, describeWindowLength, formatTarget, formatWindow } from './describe';
import { resolveBurnRates } from './burnRates';
import type { Objective, Slo } from './types';

const DAY = 86400;
const rolling = (days: number): Objective['window'] => ({
  kind: 'rolling',
  duration: `${days}d`,
  seconds: days * DAY,
});

describe('describeObjective', () => {
  it.each([
    {
      name: '99.9% over 30 days',
      objective: { target: '0.999', window: rolling(30) },
      want: '99.9% over 30 days = 43 min 12 s of full outage, or 1 in 1,000 requests',
    },
    {
      name: '99% over 7 days',
      objective: { target: '0.99', window: rolling(7) },
      want: '99% over 7 days = 1 h 40 min of full outage, or 1 in 100 requests',
    },
    {
      name: 'a calendar month counts 30 days',
      objective: { target: '0.999', window: { kind: 'calendar', unit: 'month' } },
      want: '99.9% over a calendar month (30 days) = 43 min 12 s of full outage, or 1 in 1,000 requests',
    },
    {
      name: 'a calendar week counts 7 days',
      objective: { target: '0.9995', window: { kind: 'calendar', unit: 'week' } },
      want: '99.95% over a calendar week (7 days) = 5 min 2 s of full outage, or 1 in 2,000 requests',
    },
  ] as Array<{ name: string; objective: Objective; want: string }>)('$name', ({ objective, want }) => {
    expect(describeObjective(objective)).toBe(want);
  });

  it('names other events', () => {
    expect(describeObjective({ target: '0.99', window: rolling(7) }, 'samples')).toBe(
      '99% over 7 days = 1 h 40 min of full outage, or 1 in 100 samples'
    );
  });
});

describe('describeWindowLength', () => {
  it.each([
    [3600, '1 hour'],
    [6 * 3600, '6 hours'],
    [840, '14 minutes'],
    [280, '4 minutes 40 seconds'],
    [36 * 3600, '1 day 12 hours'],
    [3 * DAY, '3 days'],
    [DAY + 60, '1 day'],
  ])('%d s is %s', (seconds, want) => {
    expect(describeWindowLength(seconds)).toBe(want);
  });
});

describe('describeBurnRate', () => {
  const slo = (window: Objective['window'], burnRates?: Slo['alerting']['burnRates']) =>
    ({ alerting: { enabled: true, labels: {}, ...(burnRates && { burnRates }) } }) as Slo;

  it('says the workbook defaults of a 30 day SLO in words', () => {
    const objective: Objective = { target: '0.999', window: rolling(30) };
    expect(resolveBurnRates(slo(objective.window), objective).map(describeBurnRate)).toEqual([
      'page when 2% of the budget burns in 1 hour (14.4x over 1h and 5m)',
      'page when 5% of the budget burns in 6 hours (6x over 6h and 30m)',
      'open a ticket when 10% of the budget burns in 1 day (3x over 1d and 2h)',
      'open a ticket when 10% of the budget burns in 3 days (1x over 3d and 6h)',
    ]);
  });

  it('scales the windows of a 7 day SLO', () => {
    const objective: Objective = { target: '0.99', window: rolling(7) };
    expect(describeBurnRate(resolveBurnRates(slo(objective.window), objective)[0])).toBe(
      'page when 2% of the budget burns in 14 minutes (14.4x over 14m and 1m10s)'
    );
  });

  it('rounds an odd share to two decimals of a percent', () => {
    const objective: Objective = { target: '0.999', window: rolling(30) };
    const alerts = resolveBurnRates(
      slo(objective.window, [{ severity: 'ticket', longWindow: '2h', shortWindow: '10m', factor: '10' }]),
      objective
    );
    expect(describeBurnRate(alerts[0])).toBe(
      'open a ticket when 2.78% of the budget burns in 2 hours (10x over 2h and 10m)'
    );
  });
});

describe('formatTarget and formatWindow', () => {
  it('write a target as a percentage and a window as the pages show it', () => {
    expect(formatTarget('0.999')).toBe('99.9%');
    expect(formatTarget('0.99995')).toBe('99.995%');
    expect(formatWindow(rolling(30))).toBe('30d');
    expect(formatWindow({ kind: 'calendar', unit: 'month' })).toBe('calendar month');
  });
});
