import { combineReadings, eventKindOf, noCombinedDataReason, unreadSloCount, type MemberReading } from './combined';

const member = (
  key: string,
  target: string,
  events?: number,
  badEvents?: number,
  extra: Partial<MemberReading> = {}
) => ({
  key,
  sloUid: key,
  name: key,
  window: '30d',
  target,
  events,
  badEvents,
  kind: 'requests' as const,
  ...extra,
});

/** Three SLOs of very different traffic: a, b and c. */
const THREE = [member('a', '0.999', 1_000_000, 300), member('b', '0.995', 10_000, 80), member('c', '0.99', 500, 10)];

describe('combineReadings', () => {
  const combined = combineReadings(THREE);

  it('sums the events and the bad events of the set', () => {
    // 1,000,000 + 10,000 + 500 events; 300 + 80 + 10 bad.
    expect(combined.events).toBe(1_010_500);
    expect(combined.badEvents).toBe(390);
  });

  it('gives the SLI as a ratio of sums, never a mean of the members SLIs', () => {
    // 1 - 390 / 1,010,500 = 1,010,110 / 1,010,500.
    expect(combined.sli).toBeCloseTo(0.99961405244928, 14);
    // The mean of the three SLIs (99.97%, 99.2%, 98%) would be 99.0566...%: far off.
    expect(combined.sli).not.toBeCloseTo((0.9997 + 0.992 + 0.98) / 3, 3);
  });

  it('gives the budget as the sum of each member allowed bad events, exactly', () => {
    // 1,000,000 x 0.001 + 10,000 x 0.005 + 500 x 0.01 = 1,000 + 50 + 5.
    expect(combined.budgetEvents).toBe(1055);
    expect(combined.members.map((m) => m.budgetEvents)).toEqual([1000, 50, 5]);
    // 390 of 1,055 spent; 665 of 1,055 left.
    expect(combined.budgetSpent).toBeCloseTo(0.3696682464455, 14);
    expect(combined.budgetRemaining).toBeCloseTo(0.6303317535545, 14);
  });

  it('gives each member its weight, its share of the bad events and of the budget', () => {
    expect(combined.members.map((m) => m.key)).toEqual(['a', 'b', 'c']);
    const [a, b, c] = combined.members;
    // Weights: 1,000,000 / 1,010,500; 10,000 / 1,010,500; 500 / 1,010,500.
    expect(a.weight).toBeCloseTo(0.98960910440376, 14);
    expect(b.weight).toBeCloseTo(0.0098960910440376, 15);
    expect(c.weight).toBeCloseTo(0.00049480455220188, 16);
    // Bad events: 300 / 390 = 10/13, 80 / 390 = 8/39, 10 / 390 = 1/39.
    expect(a.badShare).toBeCloseTo(0.76923076923077, 14);
    expect(b.badShare).toBeCloseTo(0.20512820512821, 14);
    expect(c.badShare).toBeCloseTo(0.02564102564103, 14);
    // Of the combined budget: 300 / 1,055, 80 / 1,055, 10 / 1,055.
    expect(a.budgetShare).toBeCloseTo(0.28436018957346, 14);
    expect(b.budgetShare).toBeCloseTo(0.07582938388626, 14);
    expect(c.budgetShare).toBeCloseTo(0.00947867298578, 14);
    // Of their own budgets: 300 / 1,000, 80 / 50, 10 / 5.
    expect([a.budgetConsumed, b.budgetConsumed, c.budgetConsumed]).toEqual([0.3, 1.6, 2]);
  });

  it('names the member that spends the most of the combined budget, not the one most over its own', () => {
    // c spent 200% of its own budget, but a's 300 bad events are most of the set's.
    expect(combined.topSpender?.key).toBe('a');
  });

  it('breaks a tie on bad events by the share of its own budget spent', () => {
    const tie = combineReadings([member('big', '0.999', 100_000, 20), member('small', '0.99', 1_000, 20)]);
    expect(tie.topSpender?.key).toBe('small');
  });

  it('has no top spender without bad events, and a full budget left', () => {
    const clean = combineReadings([member('a', '0.999', 1000, 0), member('b', '0.99', 10)]);
    expect(clean.topSpender).toBeUndefined();
    expect(clean.sli).toBe(1);
    expect(clean.budgetRemaining).toBe(1);
    expect(clean.members.map((m) => m.badShare)).toEqual([0, 0]);
  });

  it('lists members without events as no data, outside the sums', () => {
    const some = combineReadings([member('a', '0.999', 1000, 1), member('quiet', '0.99', 0), member('gone', '0.99')]);
    expect(some.members.map((m) => m.key)).toEqual(['a']);
    expect(some.noData.map((m) => m.key)).toEqual(['quiet', 'gone']);
    expect(some.budgetEvents).toBe(1);
    expect(some.budgetSpent).toBe(1);
    expect(some.budgetRemaining).toBe(0);
  });

  it('sets apart a member that could not be read, with the reason, rather than counting it as without events', () => {
    const unread = 'datasource Prometheus EU could not answer (connection refused)';
    const set = combineReadings([
      member('a', '0.999', 1000, 1),
      member('eu', '0.99', undefined, undefined, { unread }),
    ]);
    expect(set.members.map((m) => m.key)).toEqual(['a']);
    expect(set.noData).toEqual([]);
    expect(set.apart).toEqual([{ member: expect.objectContaining({ key: 'eu' }), reason: `not read: ${unread}` }]);
    expect(unreadSloCount(set)).toBe(1);
    // A set of nothing but unread SLOs says so, not that nothing could be combined.
    const none = combineReadings([member('eu', '0.99', undefined, undefined, { unread })]);
    expect(noCombinedDataReason(none)).toBe('not read: the datasource did not answer');
    expect(unreadSloCount(combineReadings(THREE))).toBe(0);
  });

  it('says a set without events has no data, with no NaN or Infinity anywhere', () => {
    const none = combineReadings([member('a', '0.999', 0, 0), member('b', '0.99', NaN, NaN)]);
    expect(none).toEqual({
      kind: 'requests',
      members: [],
      noData: [expect.objectContaining({ key: 'a' }), expect.objectContaining({ key: 'b' })],
      apart: [],
      assumedKind: [],
      events: 0,
      badEvents: 0,
    });
    expect(noCombinedDataReason(none)).toBe('no events in the range');
    expect(noCombinedDataReason(combineReadings([]))).toBe('no objectives');
    expect(noCombinedDataReason(combined)).toBeUndefined();
    const numbers = JSON.stringify(combined) + JSON.stringify(none);
    expect(numbers).not.toMatch(/NaN|Infinity|null/);
  });

  it('counts bad events above the total (extrapolated rates) as the total, and negative ones as none', () => {
    const odd = combineReadings([member('a', '0.99', 10, 12), member('b', '0.99', 90, -3)]);
    expect(odd.badEvents).toBe(10);
    expect(odd.members.map((m) => m.badEvents)).toEqual([10, 0]);
    expect(odd.sli).toBe(0.9);
  });

  it('keeps exact decimals: fractional events of rates and targets such as 99.95%', () => {
    const exact = combineReadings([member('a', '0.9995', 2_000_000.5, 0.1), member('b', '0.95', 0.3, 0.2)]);
    // 2,000,000.5 x 0.0005 + 0.3 x 0.05 = 1,000.00025 + 0.015.
    expect(exact.budgetEvents).toBe(1000.01525);
    expect(exact.badEvents).toBe(0.3);
    expect(exact.events).toBe(2_000_000.8);
  });

  it('treats every objective as a member: an SLO with two windows counts twice, each against its target', () => {
    const twoWindows = combineReadings([
      member('api/30d', '0.999', 1000, 2, { sloUid: 'api' }),
      member('api/7d', '0.99', 250, 2, { sloUid: 'api', window: '7d' }),
    ]);
    // 1,000 x 0.001 + 250 x 0.01 = 3.5 allowed; 4 bad.
    expect(twoWindows.budgetEvents).toBe(3.5);
    expect(twoWindows.budgetSpent).toBeCloseTo(4 / 3.5, 15);
    expect(twoWindows.budgetRemaining).toBeLessThan(0);
    // Equal bad events: the 30d objective spent 200% of its own budget (2 of 1), the 7d one 80% (2 of 2.5).
    expect(twoWindows.topSpender?.key).toBe('api/30d');
  });
});

describe('members of different event kinds', () => {
  it('combines the members that count requests and sets gauge samples apart, with the reason', () => {
    const mixed = combineReadings([
      member('api', '0.999', 1_000_000, 300),
      member('freshness', '0.99', 2880, 400, { kind: 'samples' }),
      member('latency', '0.99', 1_000_000, 5000),
    ]);
    expect(mixed.kind).toBe('requests');
    expect(mixed.members.map((m) => m.key)).toEqual(['api', 'latency']);
    expect(mixed.apart).toEqual([
      {
        member: expect.objectContaining({ key: 'freshness' }),
        reason: 'counts samples of a gauge (a threshold SLI), not requests: its events do not add up with the others',
      },
    ]);
    // 2,000,000 events, 5,300 bad; budget 1,000 + 10,000.
    expect(mixed.events).toBe(2_000_000);
    expect(mixed.budgetEvents).toBe(11_000);
    expect(mixed.sli).toBe(0.99735);
  });

  it('combines gauge samples when every member counts samples', () => {
    const pipelines = combineReadings([
      member('fresh', '0.99', 2880, 30, { kind: 'samples' }),
      member('complete', '0.9995', 8640, 0, { kind: 'samples' }),
    ]);
    expect(pipelines.kind).toBe('samples');
    expect(pipelines.apart).toEqual([]);
    // 2,880 x 0.01 + 8,640 x 0.0005 = 28.8 + 4.32.
    expect(pipelines.budgetEvents).toBe(33.12);
    expect(pipelines.topSpender?.key).toBe('fresh');
  });

  it('combines time slices apart from requests, and before gauge samples', () => {
    const minutes = combineReadings([
      member('checkout-minutes', '0.999', 43_200, 20, { kind: 'slices' }),
      member('fresh', '0.99', 2880, 30, { kind: 'samples' }),
      member('search-minutes', '0.99', 43_200, 100, { kind: 'slices' }),
    ]);
    expect(minutes.kind).toBe('slices');
    expect(minutes.apart.map((a) => [a.member.key, a.reason])).toEqual([
      ['fresh', 'counts samples of a gauge (a threshold SLI), not requests: its events do not add up with the others'],
    ]);
    // 86,400 slices, 120 bad; budget 43.2 + 432 = 475.2 bad slices.
    expect(minutes.budgetEvents).toBe(475.2);
    const withRequests = combineReadings([
      member('api', '0.999', 1_000_000, 300),
      member('checkout-minutes', '0.999', 43_200, 20, { kind: 'slices' }),
    ]);
    expect(withRequests.apart.map((a) => a.reason)).toEqual([
      'counts time slices (good minutes, say), not requests: they do not add up with the others',
    ]);
  });

  it('chooses the kind from every member, with or without events', () => {
    const quietRequests = combineReadings([
      member('api', '0.999', 0),
      member('fresh', '0.99', 2880, 30, { kind: 'samples' }),
    ]);
    expect(quietRequests.kind).toBe('requests');
    expect(quietRequests.sli).toBeUndefined();
    expect(quietRequests.noData.map((m) => m.key)).toEqual(['api']);
    expect(quietRequests.apart.map((a) => a.member.key)).toEqual(['fresh']);
  });

  it('counts a member of unknown kind as requests, and says so', () => {
    const unknown = combineReadings([
      member('api', '0.999', 1000, 1),
      member('other', '0.99', 100, 0, { kind: undefined }),
    ]);
    expect(unknown.members.map((m) => m.key)).toEqual(['api', 'other']);
    expect(unknown.assumedKind).toEqual(['other']);
  });

  it('sets apart a member whose target is not a ratio', () => {
    const broken = combineReadings([member('api', '0.999', 1000, 1), member('bad', '1', 100), member('nan', 'x', 10)]);
    expect(broken.apart.map((a) => [a.member.key, a.reason])).toEqual([
      ['bad', 'its target is not a ratio between 0 and 1'],
      ['nan', 'its target is not a ratio between 0 and 1'],
    ]);
    expect(broken.budgetEvents).toBe(1);
    expect(noCombinedDataReason(combineReadings([member('bad', '1', 100)]))).toBe('no objective can be combined');
  });

  it('knows the kind of each SLI type', () => {
    expect(['ratio', 'latency', 'advanced', 'threshold'].map((t) => eventKindOf(t as 'ratio'))).toEqual([
      'requests',
      'requests',
      'requests',
      'samples',
    ]);
  });
});
