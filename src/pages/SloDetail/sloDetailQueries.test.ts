import { makeSlo } from '../../testing/fixtures';
import { getSloDetailQueries } from './sloDetailQueries';

describe('getSloDetailQueries', () => {
  it('queries the recorded series of the SLO', () => {
    const slo = makeSlo();
    const q = getSloDetailQueries(slo, slo.objectives[0]);
    expect(q.sli.expr).toBe(
      '1 - (sum_over_time(slo:bad_events:tile10m{slo_uid="checkout-availability"}[29d23h59m59s999ms]) / sum_over_time(slo:events:tile10m{slo_uid="checkout-availability"}[29d23h59m59s999ms]))'
    );
    expect(q.objective.expr).toBe('slo:objective:ratio{slo_uid="checkout-availability",slo_window="30d"}');
    expect(q.budgetRemaining.expr).toBe(
      'slo:error_budget_remaining:ratio{slo_uid="checkout-availability",slo_window="30d"}'
    );
    expect(q.burnRates.map((b) => b.legendFormat)).toEqual([
      'Burn rate over 1h',
      'Burn rate over 6h',
      'Burn rate over 1d',
      'Burn rate over 3d',
    ]);
    expect(q.burnRates[0].expr).toBe(
      'sum_over_time(slo:bad_events:rate5m{slo_uid="checkout-availability"}[1h]) / sum_over_time(slo:events:rate5m{slo_uid="checkout-availability"}[1h]) / 0.001'
    );
  });
});
