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

  it('speaks of the bad ratio of slices scored by their good ratio', () => {
    const slo = makeSlo({ timeSlices: { window: '5m', windowSeconds: 300, score: 'ratio' } });
    const panel = buildEventsPanel({
      slo,
      objective: slo.objectives[0],
      source: 'recorded',
      evaluationInterval: '30s',
    });
    expect(panel.title).toBe('Time slices and their bad ratio');
    expect(panel.description).toBe(
      'Slices of 5m per second over 5m, and the sum of their bad ratios (a slice at 50% adds 0.5); the SLI is the' +
        ' mean good ratio of the slices (a slice without traffic is not counted)'
    );
    expect(panel.queries.map((q) => q.legendFormat)).toEqual(['Slices', 'Bad ratio of slices']);
    expect(panel.fieldConfig.defaults.unit).toBe('suffix: slices/s');
  });

  it('keeps events for an SLO that counts events', () => {
    const slo = makeSlo();
    const ctx: SloQueryContext = { slo, objective: slo.objectives[0], source: 'recorded', evaluationInterval: '30s' };
    expect(buildEventsPanel(ctx).title).toBe('Events and bad events');
  });
});
