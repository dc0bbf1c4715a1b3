import { gateDecision, type ObjectiveReading } from './gate';
import { rankReliabilityWork, serviceToilBudget } from './reliabilityWork';

const reading = (name: string, remaining: number | undefined, burn: number, target = '0.999'): ObjectiveReading => ({
  sloUid: name,
  sloName: name,
  window: '30d',
  target,
  remaining,
  burnRate1h: burn,
});

describe('rankReliabilityWork', () => {
  it('puts overspent objectives first, then the fastest burn, then those without figures', () => {
    const { objectives } = gateDecision('shop', 'low', [
      reading('quiet', 0.95, 0.1),
      reading('none', undefined, 0),
      reading('burning', 0.5, 2.5),
      reading('spent', -0.4, 0.5),
      reading('warm', 0.6, 1.2),
    ]);
    const work = rankReliabilityWork(objectives);
    expect(work.map((w) => w.objective.sloName)).toEqual(['spent', 'burning', 'warm', 'quiet', 'none']);
    expect(work[0].action).toMatch(/^Freeze risky changes/);
    expect(work[1].action).toMatch(/^Investigate now/);
    expect(work[3].action).toMatch(/consider tightening the target/);
    expect(work[4].action).toMatch(/^Deploy the rules/);
  });

  it('gives no advice on a healthy objective with less than a day of figures, but still on a burn', () => {
    const { objectives } = gateDecision('shop', 'low', [
      { ...reading('quiet', 0.95, 0.1), lessThanADay: true },
      { ...reading('burning', 0.5, 2.5), lessThanADay: true },
    ]);
    const work = rankReliabilityWork(objectives);
    expect(work.map((w) => [w.objective.sloName, w.action])).toEqual([
      ['burning', expect.stringMatching(/^Investigate now/)],
      ['quiet', 'Not enough data to advise: less than a day of figures.'],
    ]);
  });
});

describe('serviceToilBudget', () => {
  it('follows the worst objective: met gives 50%, missed by 3 points of errors 35%', () => {
    // remaining 0.5 of 0.001: SLI 0.9995 > 0.999: exceeded, 60%.
    expect(serviceToilBudget(gateDecision('s', 'low', [reading('a', 0.5, 0)]).objectives, 4)).toEqual({
      sharePercent: 60,
      hoursPerWeek: 96,
    });
    // SLI 0.97 against 0.999 (remaining 1 - 0.03 / 0.001 = -29): 50 - 3 x 5 = 35%.
    expect(
      serviceToilBudget(gateDecision('s', 'low', [reading('a', 0.5, 0), reading('b', -29, 0)]).objectives, 2)
    ).toEqual({
      sharePercent: 35,
      hoursPerWeek: 28,
    });
    expect(serviceToilBudget(gateDecision('s', 'low', [reading('a', undefined, 0)]).objectives, 2)).toBeUndefined();
  });
});
