import { makeSlo } from '../testing/fixtures';
import type { Objective } from './types';
import { resolveBurnRates, shortestWindowForDefaultAlerts } from './burnRates';

const rollingMinutes = (minutes: number): Objective['window'] => ({
  kind: 'rolling',
  duration: `${minutes}m`,
  seconds: minutes * 60,
});

describe('resolveBurnRates', () => {
  it('holds a default window that scales to under half a second at one second', () => {
    const objective: Objective = { target: '0.999', window: rollingMinutes(60) };
    expect(resolveBurnRates(makeSlo(), objective).map((b) => `${b.longWindow}/${b.shortWindow}`)).toEqual([
      '5s/1s',
      '30s/3s',
      '2m/10s',
      '6m/30s',
    ]);
  });

  it('keeps the rounding of windows that scale to a second or more', () => {
    const objective: Objective = { target: '0.999', window: rollingMinutes(72) };
    expect(resolveBurnRates(makeSlo(), objective).map((b) => b.shortWindowSeconds)).toEqual([1, 3, 12, 36]);
  });

  it('answers alike SLOs alike, each with its own copy, and tells apart what the answer depends on', () => {
    const objective: Objective = { target: '0.999', window: rollingMinutes(30 * 24 * 60) };
    const first = resolveBurnRates(makeSlo(), objective);
    first[0].factor = 'changed by a caller';
    const again = resolveBurnRates(makeSlo(), objective);
    expect(again[0].factor).toBe('14.4');
    expect(again).not.toBe(first);
    // The target, the tier's severities and the SLO's own alerts each change the answer.
    expect(resolveBurnRates(makeSlo(), { ...objective, target: '0.9' })[0].factor).not.toBe('14.4');
    expect(resolveBurnRates(makeSlo(), objective, ['ticket', 'ticket', 'ticket', 'ticket'])[0].severity).toBe('ticket');
    const own = makeSlo({
      alerting: {
        enabled: true,
        labels: {},
        burnRates: [{ severity: 'page', longWindow: '1h', shortWindow: '5m', factor: '10' }],
      },
    });
    expect(resolveBurnRates(own, objective).map((b) => b.factor)).toEqual(['10']);
    expect(resolveBurnRates(makeSlo(), objective)).toHaveLength(4);
  });
});

describe('shortestWindowForDefaultAlerts', () => {
  it('is the first whole hour whose default short windows are all longer than the interval', () => {
    expect(shortestWindowForDefaultAlerts(30)).toBe(74 * 3600);
    expect(shortestWindowForDefaultAlerts(10)).toBe(26 * 3600);
    const fits = (hours: number) =>
      resolveBurnRates(makeSlo(), { target: '0.999', window: rollingMinutes(hours * 60) }).every(
        (b) => b.shortWindowSeconds > 30
      );
    expect([fits(73), fits(74)]).toEqual([false, true]);
  });
});
