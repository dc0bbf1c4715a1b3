import { looserTarget, recommend, RECOMMENDATION_RULES, stricterTarget } from './recommendations';

describe('recommendations', () => {
  const period = (consumed: number | undefined, target = 0.999) => ({
    consumed,
    sli: consumed === undefined ? undefined : 1 - consumed * (1 - target),
  });

  it('are these rules, in this order', () => {
    expect(RECOMMENDATION_RULES.map((r) => r.kind)).toEqual([
      'no-data',
      'not-enough-data',
      'loosen',
      'invest',
      'review',
      'tighten',
      'keep',
    ]);
  });

  it('no data: no events this period', () => {
    expect(recommend({ target: '0.999', current: {}, previous: [period(2), period(2), period(2)] })).toEqual({
      kind: 'no-data',
      text: 'No events in this period. Deploy the rules or check the SLI: without figures no decision can be made.',
    });
  });

  it('not enough data: less than a day of figures, whatever they say', () => {
    const comfortable = period(0.1);
    const fourComfortable = [comfortable, comfortable, comfortable, comfortable];
    for (const current of [period(0.01), period(0.9), period(3)]) {
      expect(recommend({ target: '0.99', current, previous: fourComfortable, coveredSeconds: 180 })).toEqual({
        kind: 'not-enough-data',
        text: 'Not enough data to advise: less than a day of figures.',
      });
    }
    expect(
      recommend({ target: '0.99', current: comfortable, previous: fourComfortable, coveredSeconds: 86400 }).kind
    ).toBe('tighten');
    // No events at all is still said as such.
    expect(recommend({ target: '0.999', current: {}, previous: [], coveredSeconds: 0 }).kind).toBe('no-data');
  });

  it('loosen: the budget ran out in 3 of the last 4 periods, to the next looser tier target', () => {
    const loosen = recommend({ target: '0.999', current: period(0.5), previous: [period(1.1), period(2), period(1)] });
    expect(loosen).toEqual({
      kind: 'loosen',
      suggestedTarget: '0.995',
      text:
        'The budget ran out in 3 of the last 4 periods: the target asks more than the service delivers. ' +
        'Loosen it to 99.5% (Standard tier) if its users are content at that level, or invest in reliability to meet it.',
    });
    const lowest = recommend({ target: '0.99', current: period(1.2), previous: [period(1.1), period(2), period(0)] });
    expect(lowest.suggestedTarget).toBeUndefined();
    expect(lowest.text).toContain('Loosen it if its users');
    // Twice is not enough: invest instead.
    expect(
      recommend({ target: '0.999', current: period(1.2), previous: [period(1.1), period(0.5), period(0.5)] }).kind
    ).toBe('invest');
  });

  it('invest: the budget ran out this period (100% used counts)', () => {
    expect(
      recommend({
        target: '0.999',
        current: period(1),
        previous: [period(0.2), period(0.3), undefined].map((p) => p ?? {}),
      })
    ).toEqual({
      kind: 'invest',
      text: 'The budget ran out (100.0% used). Freeze risky changes and spend the team on reliability until the budget recovers; write the postmortem of what spent it.',
    });
  });

  it('review: three quarters of the budget used', () => {
    expect(recommend({ target: '0.999', current: period(0.75), previous: [] })).toEqual({
      kind: 'review',
      text: '75.0% of the budget was used. Plan reliability work this sprint and review the alerts that fired.',
    });
    expect(recommend({ target: '0.999', current: period(0.7499), previous: [] }).kind).toBe('keep');
  });

  it('tighten: under 25% used in each of the last 4 periods, and the next tier target met in each', () => {
    // 99.5% met at 99.92% in every period: 16% of the budget; 99.9% would have been met.
    const comfortable = { sli: 0.9992, consumed: 0.16 };
    expect(
      recommend({ target: '0.995', current: comfortable, previous: [comfortable, comfortable, comfortable] })
    ).toEqual({
      kind: 'tighten',
      suggestedTarget: '0.999',
      text:
        'Met with a large margin: consider tightening the target (progressive targets). Each of the last 4 periods used ' +
        'under 25% of the budget and would have met 99.9% (Essential tier).',
    });
    // 24% of a 99.5% budget is 99.88%: short of 99.9%, so keep the target.
    const close = { sli: 0.9988, consumed: 0.24 };
    expect(recommend({ target: '0.995', current: comfortable, previous: [comfortable, close, comfortable] }).kind).toBe(
      'keep'
    );
  });

  it('tighten without a number above the strictest tier; never with a period missing or at 25%', () => {
    const critical = period(0.02, 0.9995);
    expect(recommend({ target: '0.9995', current: critical, previous: [critical, critical, critical] })).toEqual({
      kind: 'tighten',
      text: 'Met with a large margin: consider tightening the target (progressive targets). Each of the last 4 periods used under 25% of the budget.',
    });
    expect(recommend({ target: '0.9995', current: critical, previous: [critical, critical, {}] }).kind).toBe('keep');
    expect(recommend({ target: '0.9995', current: critical, previous: [critical, critical] }).kind).toBe('keep');
    expect(
      recommend({ target: '0.9995', current: critical, previous: [critical, critical, period(0.25, 0.9995)] }).kind
    ).toBe('keep');
  });

  it('keep: otherwise', () => {
    expect(recommend({ target: '0.999', current: period(0.5), previous: [period(0.3)] })).toEqual({
      kind: 'keep',
      text: 'On track: no reliability work needed for this objective.',
    });
  });

  it('moves along the progressive targets 99% -> 99.5% -> 99.9% -> 99.95%', () => {
    expect(stricterTarget('0.99')).toBe('0.995');
    expect(stricterTarget('0.998')).toBe('0.999');
    expect(stricterTarget('0.9995')).toBeUndefined();
    expect(looserTarget('0.9995')).toBe('0.999');
    expect(looserTarget('0.95')).toBeUndefined();
  });
});
