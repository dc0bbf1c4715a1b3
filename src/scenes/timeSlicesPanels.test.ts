import { makeSlo } from '../testing/fixtures';
import { buildEventsPanel } from './sloPanels';
import type { SloQueryContext } from '../promql/panels';

describe('events panel of a time-slice SLO', () => {
  it('speaks of slices', () => {
    const slo = makeSlo({ timeSlices: { window: '1m', windowSeconds: 60, target: '0.95' } });
    const panel = buildEventsPanel({
      slo,
      objective: slo.objectives[0],
      source: 'recorded',
      evaluationInterval: '30s',
    });
    expect(panel.title).toBe('Time slices and bad slices');
    expect(panel.description).toBe('Slices of 1m per second over 5m (a slice without traffic is not counted)');
    expect(panel.queries.map((q) => q.legendFormat)).toEqual(['Slices', 'Bad slices']);
    expect(panel.fieldConfig.defaults.unit).toBe('suffix: slices/s');
  });

  it('keeps events for an SLO that counts events', () => {
    const slo = makeSlo();
    const ctx: SloQueryContext = { slo, objective: slo.objectives[0], source: 'recorded', evaluationInterval: '30s' };
    expect(buildEventsPanel(ctx).title).toBe('Events and bad events');
  });
});
