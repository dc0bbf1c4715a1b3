import type { ObjectiveReport, Report } from './report';
import type { GateResult } from './gate';
import { incidentsOf, previousWeeks, reviewMarkdown, weekChoices, weekOf, weekRange } from './weeklyReview';

function objective(overrides: Partial<ObjectiveReport>): ObjectiveReport {
  return {
    sloUid: 'checkout-availability',
    sloName: 'checkout-availability',
    service: 'checkout',
    window: '30d',
    target: '0.999',
    events: { total: 100_000, bad: 50, source: 'tiles' },
    sli: 0.9995,
    budgetConsumed: 0.5,
    met: true,
    badPeriods: { count: 0, totalSeconds: 0 },
    alerts: { page: 0, ticket: 0 },
    trend: { previous: [{ label: '2026-11-09', sli: 0.9999 }], direction: 'worsening', budgetShareChange: 0.4 },
    recommendation: { kind: 'keep', text: 'On track.' },
    ...overrides,
  };
}

const week = weekRange('2026-11-16');
const report: Report = {
  range: week,
  previous: [weekRange('2026-11-09')],
  services: [],
  teamSize: 4,
  stepSeconds: 300,
  generatedAt: new Date('2026-11-23T09:00:00Z'),
  serviceReports: [
    {
      service: 'checkout',
      objectives: [
        objective({}),
        objective({
          sloUid: 'checkout-latency',
          sloName: 'checkout-latency',
          alerts: { page: 2, ticket: 1 },
          badPeriods: {
            count: 1,
            totalSeconds: 2100,
            longest: {
              start: new Date('2026-11-18T09:20:00Z'),
              end: new Date('2026-11-18T09:55:00Z'),
              seconds: 2100,
              fromRangeStart: false,
              toRangeEnd: false,
            },
          },
        }),
      ],
    },
  ],
};

describe('weeks', () => {
  it('start on Monday 00:00 UTC', () => {
    expect(weekOf(new Date('2026-11-23T12:00:00Z'))).toBe('2026-11-23'); // a Monday
    expect(weekOf(new Date('2026-11-22T23:59:59Z'))).toBe('2026-11-16'); // the Sunday before
    expect(week.from.toISOString()).toBe('2026-11-16T00:00:00.000Z');
    expect(week.to.toISOString()).toBe('2026-11-23T00:00:00.000Z');
    expect(week.label).toBe('week of 2026-11-16');
    expect(() => weekRange('2026-11-17')).toThrow(/Monday/);
    expect(previousWeeks('2026-11-23').map((w) => w.shortLabel)).toEqual(['2026-11-02', '2026-11-09', '2026-11-16']);
    expect(weekChoices(new Date('2026-11-25T00:00:00Z'), 2)).toEqual(['2026-11-23', '2026-11-16', '2026-11-09']);
  });
});

describe('incidentsOf', () => {
  it('lists the objectives with alerts or bad periods, the most alerts first', () => {
    expect(incidentsOf(report)).toEqual([
      {
        objective: report.serviceReports[0].objectives[1],
        alerts: '2 page, 1 ticket',
        longestBadPeriod: '35 min from 2026-11-18 09:20 UTC',
      },
    ]);
  });
});

describe('reviewMarkdown', () => {
  const decisions: GateResult[] = [
    { service: 'checkout', risk: 'medium', decision: 'defer', reason: 'Budget burning at 1.8x.', objectives: [] },
  ];

  it('follows the agenda: performance, incidents, decisions, notes, action items', () => {
    const text = reviewMarkdown(report, decisions, {
      notes: 'Latency regression traced to the cache.',
      actions: [
        { text: 'Add a cache hit-rate SLO', owner: 'ana', done: false },
        { text: '', owner: '', done: false },
        { text: 'Postmortem of 18 Nov', owner: '', done: true },
      ],
    });
    const headings = text.split('\n').filter((l) => l.startsWith('#'));
    expect(headings).toEqual([
      '# Weekly SLO review: week of 2026-11-16',
      '## 1. Performance',
      '### checkout',
      '## 2. Incidents',
      '## 3. Decisions',
      '## 4. Notes',
      '## 5. Action items',
    ]);
    expect(text).toContain(
      '- **checkout-latency (30d)**: alerts fired 2 page, 1 ticket; longest bad period 35 min from 2026-11-18 09:20 UTC'
    );
    expect(text).toContain('- **checkout**: defer a medium-risk change. Budget burning at 1.8x.');
    expect(text).toContain('- [ ] Add a cache hit-rate SLO (ana)\n- [x] Postmortem of 18 Nov\n');
  });

  it('says when there is nothing to report', () => {
    const quiet = { ...report, serviceReports: [{ service: 'checkout', objectives: [objective({})] }] };
    const text = reviewMarkdown(quiet, [], { notes: '', actions: [] });
    expect(text).toContain('No alert fired and no SLO burnt faster than its budget allows this week.');
    expect(text).toContain('## 4. Notes\n\n_No notes._');
    expect(text).toContain('## 5. Action items\n\n_None._');
  });
});
