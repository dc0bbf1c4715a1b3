import type { BudgetStatus } from './budget';
import type { Journey } from './catalogue';
import { journeyHealth, worstStatus, type StepStatus } from './journeyHealth';

describe('worstStatus', () => {
  const cases: Array<{ name: string; statuses: StepStatus[]; want: StepStatus | undefined }> = [
    { name: 'nothing', statuses: [], want: undefined },
    { name: 'all healthy', statuses: ['healthy', 'healthy'], want: 'healthy' },
    { name: 'exhausted beats critical', statuses: ['critical', 'exhausted', 'healthy'], want: 'exhausted' },
    { name: 'critical beats warning', statuses: ['warning', 'critical'], want: 'critical' },
    { name: 'warning beats attention', statuses: ['attention', 'warning'], want: 'warning' },
    { name: 'no data is never healthy', statuses: ['healthy', 'no-data'], want: 'no-data' },
    { name: 'a known problem beats no data', statuses: ['no-data', 'attention'], want: 'attention' },
  ];
  it.each(cases)('$name', ({ statuses, want }) => expect(worstStatus(statuses)).toBe(want));
});

describe('journeyHealth', () => {
  const login: Journey = {
    name: 'User login',
    steps: [
      { title: 'Load page', sloUid: 'web' },
      { title: 'Submit credentials', sloUid: 'auth' },
      { title: 'Validate', sloUid: 'validate' },
      { title: 'Load dashboard', sloUid: 'gone' },
    ],
  };
  const stored = new Set(['web', 'auth', 'validate']);

  it('keeps the steps in order and takes the worst step', () => {
    const statuses = new Map<string, BudgetStatus | undefined>([
      ['web', 'healthy'],
      ['auth', 'warning'],
      ['validate', 'critical'],
    ]);
    const health = journeyHealth(login, statuses, stored);
    expect(health.steps.map((s) => [s.title, s.status, s.missing])).toEqual([
      ['Load page', 'healthy', false],
      ['Submit credentials', 'warning', false],
      ['Validate', 'critical', false],
      ['Load dashboard', 'no-data', true],
    ]);
    expect([health.status, health.worstStep]).toEqual(['critical', 2]);
  });

  it('is no data, not healthy, when a healthy journey has a step without data', () => {
    const statuses = new Map<string, BudgetStatus | undefined>([
      ['web', 'healthy'],
      ['auth', undefined],
    ]);
    const journey = { ...login, steps: login.steps.slice(0, 2) };
    expect(journeyHealth(journey, statuses, stored).status).toBe('no-data');
  });

  it('is no data for a journey without steps', () => {
    expect(journeyHealth({ name: 'x', steps: [] }, new Map(), stored)).toMatchObject({
      status: 'no-data',
      worstStep: undefined,
    });
  });

  it('combines the events of its steps besides the worst step, each SLO once', () => {
    const objective = (sloUid: string, target: string, events: number, badEvents: number) => ({
      key: `${sloUid}/30d`,
      sloUid,
      name: sloUid,
      window: '30d',
      target,
      events,
      badEvents,
      kind: 'requests' as const,
    });
    const members = new Map([
      ['web', [objective('web', '0.999', 1_000_000, 300)]],
      ['auth', [objective('auth', '0.995', 10_000, 80)]],
      ['validate', [objective('validate', '0.99', 500, 10)]],
    ]);
    const twice = { ...login, steps: [...login.steps, { title: 'Validate again', sloUid: 'validate' }] };
    const health = journeyHealth(twice, new Map(), stored, members);
    // 1,010,500 events and 390 bad; allowed 1,000 + 50 + 5 = 1,055; validate counted once.
    expect(health.combined).toMatchObject({ events: 1_010_500, badEvents: 390, budgetEvents: 1055 });
    expect(health.combined?.budgetRemaining).toBeCloseTo(665 / 1055, 15);
    expect(health.combined?.topSpender?.sloUid).toBe('web');
    expect(journeyHealth(login, new Map(), stored).combined).toBeUndefined();
  });
});
