import { makeSlo } from '../../testing/fixtures';
import { buildOverviewRows } from './overviewRows';
import { combinedGroups, isCombineBy, objectiveKey, objectiveMembers, windowEventsByObjective } from './combinedRows';

const rolling = (duration: string, seconds: number) => ({ kind: 'rolling' as const, duration, seconds });

const api = makeSlo({ uid: 'api', name: 'api', displayName: 'API', labels: { team: 'web' } });
const cart = makeSlo({
  uid: 'cart',
  name: 'cart',
  displayName: undefined,
  labels: { team: 'web' },
  objectives: [{ target: '0.995', window: rolling('30d', 2592000) }],
});
const pay = makeSlo({
  uid: 'pay',
  name: 'pay',
  displayName: undefined,
  service: 'payments',
  owner: undefined,
  objectives: [
    { target: '0.99', window: rolling('30d', 2592000) },
    { target: '0.95', window: rolling('7d', 604800) },
  ],
});
const fresh = makeSlo({
  uid: 'fresh',
  name: 'fresh',
  displayName: undefined,
  labels: { team: 'web' },
  indicator: { type: 'threshold', expr: 'time() - last_run', operator: '<', threshold: '3600', groupBy: [] },
});

const sample = (uid: string, window: string, value: number) => ({
  labels: { slo_uid: uid, slo_window: window },
  value,
});

// Over each objective's window: api 300 bad of 1,000,000 (99.9%), cart 80 of 10,000 (99.5%),
// pay 10 of 500 over 30d (99%) and 10 of 100 over 7d (95%), fresh 400 bad gauge samples of 2,880.
const windowEvents = windowEventsByObjective(
  [
    sample('api', '30d', 1_000_000),
    sample('cart', '30d', 10_000),
    sample('pay', '30d', 500),
    sample('pay', '7d', 100),
    sample('fresh', '30d', 2880),
    sample('gone', '30d', NaN),
  ],
  [
    sample('api', '30d', 300),
    sample('cart', '30d', 80),
    sample('pay', '30d', 10),
    sample('pay', '7d', 10),
    sample('fresh', '30d', 400),
  ]
);
const rows = buildOverviewRows([api, cart, pay, fresh], [], []);
const members = objectiveMembers(rows, windowEvents);

describe('combined groups of the overview', () => {
  it('reads the window sums by objective', () => {
    expect(windowEvents.get(objectiveKey('pay', '7d'))).toEqual({ events: 100, badEvents: 10 });
    expect(windowEvents.get(objectiveKey('gone', '30d'))).toEqual({ events: undefined });
  });

  it('makes one member per objective, with the kind of events of its SLI', () => {
    expect(members.get('pay')?.map((m) => [m.name, m.window, m.target, m.events, m.badEvents, m.kind])).toEqual([
      ['pay', '30d', '0.99', 500, 10, 'requests'],
      ['pay', '7d', '0.95', 100, 10, 'requests'],
    ]);
    expect(members.get('api')?.[0].name).toBe('API');
    expect(members.get('fresh')?.[0].kind).toBe('samples');
  });

  it('groups by service: ratio of sums, sum of budgets, the top spender, gauge samples apart', () => {
    const groups = combinedGroups(rows, members, 'service');
    expect(groups.map((g) => [g.name, g.sloUids])).toEqual([
      // payments: allowed 500 x 0.01 + 100 x 0.05 = 10; 20 bad: -100% left. checkout: 1,000 + 50 allowed, 380 bad.
      ['payments', ['pay']],
      ['checkout', ['api', 'cart', 'fresh']],
    ]);
    const [payments, checkout] = groups;
    expect(payments.combined.budgetEvents).toBe(10);
    expect(payments.combined.budgetRemaining).toBe(-1);
    expect(checkout.combined).toMatchObject({ events: 1_010_000, badEvents: 380, budgetEvents: 1050 });
    // 1 - 380 / 1,010,000; 380 of 1,050 spent.
    expect(checkout.combined.sli).toBeCloseTo(0.99962376237624, 14);
    expect(checkout.combined.budgetRemaining).toBeCloseTo(0.63809523809524, 14);
    expect(checkout.combined.topSpender?.name).toBe('API');
    expect(checkout.combined.members.map((m) => m.weight)).toEqual([1_000_000 / 1_010_000, 10_000 / 1_010_000]);
    expect(checkout.combined.apart.map((a) => a.member.name)).toEqual(['fresh']);
  });

  it('sets apart an SLO whose datasource did not answer, with the reason, from its service and its journeys', () => {
    const why = 'datasource Prometheus EU could not answer (connection refused)';
    const unread = objectiveMembers(rows, windowEvents, new Map([['cart', why]]));
    const [, checkout] = combinedGroups(rows, unread, 'service');
    expect(checkout.combined.noData).toEqual([]);
    expect(checkout.combined.apart.map((a) => [a.member.name, a.reason])).toEqual([
      ['cart', `not read: ${why}`],
      ['fresh', expect.stringContaining('gauge')],
    ]);
    expect(checkout.combined.members.map((m) => m.name)).toEqual(['API']);
  });

  it('groups by team (the team label, else the owner), leaving out SLOs without a team', () => {
    expect(combinedGroups(rows, members, 'team').map((g) => [g.name, g.sloUids])).toEqual([
      ['web', ['api', 'cart', 'fresh']],
    ]);
  });

  it('groups by journey over its steps found among the rows, each SLO once', () => {
    const journeys = [
      {
        name: 'Buy',
        steps: [
          { title: 'Pay', sloUid: 'pay' },
          { title: 'Browse', sloUid: 'api' },
          { title: 'Pay again', sloUid: 'pay' },
          { title: 'Gone', sloUid: 'deleted' },
        ],
      },
      { name: 'Nothing shown', steps: [{ title: 'x', sloUid: 'deleted' }] },
    ];
    const [buy] = combinedGroups(rows, members, 'journey', journeys);
    expect(combinedGroups(rows, members, 'journey', journeys)).toHaveLength(1);
    expect(buy.sloUids).toEqual(['pay', 'api']);
    // 1,000,000 + 500 + 100 events, 300 + 10 + 10 bad; allowed 1,000 + 5 + 5.
    expect(buy.combined).toMatchObject({ events: 1_000_600, badEvents: 320, budgetEvents: 1010 });
    expect(combinedGroups(rows, members, 'journey')).toEqual([]);
  });

  it('puts groups without data last', () => {
    const quiet = objectiveMembers(rows, new Map());
    const groups = combinedGroups(rows, quiet, 'service');
    expect(groups.map((g) => [g.name, g.combined.sli])).toEqual([
      ['checkout', undefined],
      ['payments', undefined],
    ]);
  });

  it('knows the choices of grouping', () => {
    expect(['service', 'team', 'journey', 'tier', undefined].map(isCombineBy)).toEqual([
      true,
      true,
      true,
      false,
      false,
    ]);
  });
});
