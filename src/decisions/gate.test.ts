import { formatGate, gateDecision, type ObjectiveReading } from './gate';
import { buildReadings, markShortHistory, markStatuses, readServiceReadings } from './serviceReadings';

const reading = (overrides: Partial<ObjectiveReading>): ObjectiveReading => ({
  sloUid: 'checkout-availability',
  sloName: 'checkout-availability',
  window: '30d',
  target: '0.999',
  remaining: 0.8,
  burnRate1h: 0.5,
  ...overrides,
});

describe('gateDecision', () => {
  it('follows the matrix of docs/slo-maths.md for one healthy objective', () => {
    expect(gateDecision('checkout', 'low', [reading({})]).decision).toBe('approve');
    expect(gateDecision('checkout', 'medium', [reading({})]).decision).toBe('approve');
    expect(gateDecision('checkout', 'high', [reading({})]).decision).toBe('review');
  });

  it('takes the strictest objective, and says why with its figures', () => {
    const result = gateDecision('checkout', 'medium', [
      reading({}),
      reading({ sloUid: 'latency', sloName: 'checkout-latency', burnRate1h: 1.8, remaining: 0.4 }),
    ]);
    expect(result.objectives.map((o) => [o.status, o.decision])).toEqual([
      ['healthy', 'approve'],
      ['warning', 'defer'],
    ]);
    expect(result.decision).toBe('defer');
    expect(result.reason).toBe(
      'checkout-latency (30d) is warning (40.0% of its budget left, burning 1.80x over 1h): defer a medium-risk change.'
    );
  });

  it('blocks every change once a budget is spent', () => {
    const result = gateDecision('checkout', 'low', [reading({ remaining: -0.25, burnRate1h: 0 })]);
    expect(result.decision).toBe('block');
    expect(result.reason).toBe(
      'checkout-availability (30d) has spent its budget (-25.0% left): block a low-risk change.'
    );
  });

  it('asks for a review when there is no figure or no SLO', () => {
    expect(gateDecision('checkout', 'low', [reading({ remaining: undefined })])).toMatchObject({
      decision: 'review',
      objectives: [{ status: 'no-data', decision: 'review' }],
    });
    expect(gateDecision('nothing', 'low', []).reason).toBe(
      'No recorded series for service "nothing" in Prometheus: are its rules deployed? A person must judge the risk.'
    );
  });

  it('says the rules have not recorded yet when the store holds SLOs of the service', () => {
    expect(gateDecision('api-gateway', 'low', [], 2)).toMatchObject({
      decision: 'review',
      reason:
        'The rules of service "api-gateway" have not recorded yet: its 2 SLOs exist in Grafana but no series in Prometheus. ' +
        'Deploy the rules from the SLO page, or wait for their first evaluation (about a minute) and reload. A person must judge the risk meanwhile.',
    });
    expect(gateDecision('api-gateway', 'low', [], 1).reason).toContain('its SLO exists in Grafana');
  });

  it('does not approve on less than a day of figures, but a real burn still defers or blocks', () => {
    const young = gateDecision('checkout', 'low', [reading({ lessThanADay: true })]);
    expect(young.decision).toBe('review');
    expect(young.objectives[0].status).toBe('healthy');
    expect(young.reason).toBe(
      'checkout-availability (30d) is healthy (80.0% of its budget left, burning 0.50x over 1h), over less than a day: ' +
        'not enough data to advise; a person must judge the risk.'
    );
    expect(gateDecision('checkout', 'low', [reading({ lessThanADay: false })]).decision).toBe('approve');
    const spent = gateDecision('checkout', 'low', [reading({ remaining: -0.25, lessThanADay: true })]);
    expect(spent.decision).toBe('block');
    const burning = gateDecision('checkout', 'medium', [
      reading({ remaining: 0.4, burnRate1h: 1.8, lessThanADay: true }),
    ]);
    expect(burning.decision).toBe('defer');
  });

  it('prints the decision first and a table a CI log can show', () => {
    const text = formatGate(gateDecision('checkout', 'high', [reading({})]));
    expect(text.split('\n').slice(0, 5)).toEqual([
      'Release gate for checkout, high-risk change: REVIEW',
      'checkout-availability (30d) is healthy (80.0% of its budget left, burning 0.50x over 1h): review a high-risk change.',
      '',
      'SLO                    window  objective  budget left  burn 1h  status   decision',
      'checkout-availability  30d     99.9%      80.0%        0.50x    healthy  review',
    ]);
  });
});

describe('draft and retired SLOs at the gate', () => {
  it('shows them with their figures and leaves them out of the decision', () => {
    const result = gateDecision('checkout', 'medium', [
      reading({}),
      reading({ sloUid: 'trial', sloName: 'checkout-trial', remaining: -0.5, sloStatus: 'draft' }),
      reading({ sloUid: 'old', sloName: 'checkout-old', remaining: 0.1, burnRate1h: 3, sloStatus: 'retired' }),
    ]);
    expect(result.decision).toBe('approve');
    expect(result.objectives.map((o) => [o.sloName, o.status, o.decision, o.counted])).toEqual([
      ['checkout-availability', 'healthy', 'approve', true],
      ['checkout-trial', 'exhausted', 'block', false],
      ['checkout-old', 'critical', 'block', false],
    ]);
    expect(result.objectives[1].reason).toBe(
      'checkout-trial (30d) is a draft: shown, not counted in the decision until it is active. ' +
        'checkout-trial (30d) has spent its budget (-50.0% left): block a medium-risk change.'
    );
    const table = formatGate(result).split('\n');
    expect(table).toContain(
      'checkout-trial         30d     99.9%      -50.0%       0.50x    exhausted  not counted (draft)'
    );
  });

  it('asks a person when every SLO with figures is a draft or retired', () => {
    const result = gateDecision('checkout', 'low', [
      reading({ sloStatus: 'draft' }),
      reading({ sloStatus: 'retired' }),
    ]);
    expect(result.decision).toBe('review');
    expect(result.reason).toBe(
      'Every SLO of service "checkout" with figures is a draft or retired: none decides. A person must judge the risk.'
    );
  });

  it('reads the status from the label of their rules info', () => {
    const marked = markStatuses(
      [reading({ sloUid: 'a' }), reading({ sloUid: 'b' }), reading({ sloUid: 'c' })],
      [
        { labels: { slo_uid: 'a', slo_status: 'draft' }, value: 1 },
        { labels: { slo_uid: 'b', slo_status: 'something-else' }, value: 1 },
      ]
    );
    expect(marked.map((r) => r.sloStatus)).toEqual(['draft', undefined, undefined]);
  });
});

describe('buildReadings', () => {
  it('reads each objective with the lowest budget of its groups and the burn of the last hour', () => {
    const labels = (extra: Record<string, string>) => ({ slo: 'checkout', slo_uid: 'c', service: 'shop', ...extra });
    const readings = buildReadings(
      [{ labels: labels({ slo_window: '30d' }), value: 0.999 }],
      [
        { labels: labels({ slo_window: '30d', route: '/a' }), value: 0.7 },
        { labels: labels({ slo_window: '30d', route: '/b' }), value: 0.2 },
      ],
      [{ labels: { slo_uid: 'c' }, value: 0.0015 }]
    );
    expect(readings).toHaveLength(1);
    expect(readings[0]).toMatchObject({ sloName: 'checkout', window: '30d', target: '0.999', remaining: 0.2 });
    expect(readings[0].burnRate1h).toBeCloseTo(1.5, 10);
  });
});

describe('readServiceReadings', () => {
  it('falls back to the window error ratio of the 5m rates where no budget is recorded yet', async () => {
    const labels = { slo: 'checkout', slo_uid: 'c', service: 'shop', slo_window: '30d' };
    const asked: string[] = [];
    const readings = await readServiceReadings('shop', async (expr) => {
      asked.push(expr);
      if (expr.startsWith('slo:objective:ratio')) {
        return [{ labels, value: 0.999 }];
      }
      if (expr.startsWith('slo:error_budget_remaining:ratio')) {
        return [];
      }
      return [{ labels: { slo_uid: 'c' }, value: expr.includes('[30d]') ? 0.0025 : 0.002 }];
    });
    expect(asked).toHaveLength(6);
    expect(readings[0].remaining).toBeCloseTo(-1.5, 10);
    // The last fallback answers every other query, that of a day ago too: a day of figures.
    expect(readings[0].lessThanADay).toBe(false);
    expect(readings[0].burnRate1h).toBeCloseTo(2, 10);
  });
});

describe('markShortHistory', () => {
  it('marks the SLOs whose events were not recorded a day ago', () => {
    const readings = [reading({ sloUid: 'old' }), reading({ sloUid: 'new' })];
    expect(
      markShortHistory(readings, [{ labels: { slo_uid: 'old' }, value: 3 }]).map((r) => [r.sloUid, r.lessThanADay])
    ).toEqual([
      ['old', false],
      ['new', true],
    ]);
  });
});
