import { placeRules, recordedState } from './rulesPlace';
import type { Drift } from './rulerPlan';

const upToDate: Drift = { status: 'up-to-date', detail: 'current' };
const notDeployed: Drift = { status: 'not-deployed', detail: 'none' };
const outdated: Drift = { status: 'outdated', detail: 'old' };

describe('placeRules', () => {
  it('puts the ruler first, then Grafana, then a recording file', () => {
    expect(placeRules({ ruler: upToDate, grafana: outdated, recorded: 'current' })).toEqual({
      where: 'ruler',
      drift: upToDate,
    });
    expect(placeRules({ ruler: notDeployed, grafana: outdated, recorded: 'current' })).toEqual({
      where: 'grafana',
      drift: outdated,
    });
    expect(placeRules({ ruler: notDeployed, grafana: notDeployed, recorded: 'outdated' })).toEqual({
      where: 'file',
      current: false,
    });
    expect(placeRules({ recorded: 'current' })).toEqual({ where: 'file', current: true });
  });

  it('says nowhere only when Prometheus was asked', () => {
    expect(placeRules({ ruler: notDeployed, grafana: notDeployed, recorded: 'none' })).toEqual({ where: 'nowhere' });
    expect(placeRules({ ruler: notDeployed, grafana: notDeployed })).toEqual({ where: 'unknown' });
  });
});

describe('recordedState', () => {
  it('compares the fingerprints seen with the one the rules have now', () => {
    expect(recordedState(undefined, 'a')).toBe('none');
    expect(recordedState(new Set(), 'a')).toBe('none');
    expect(recordedState(new Set(['a']), 'a')).toBe('current');
    expect(recordedState(new Set(['b']), 'a')).toBe('outdated');
    // During a rollout both versions record for a while: the current one counts.
    expect(recordedState(new Set(['b', 'a']), 'a')).toBe('current');
  });
});
