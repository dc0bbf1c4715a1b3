import { makeSlo } from '../testing/fixtures';
import { cardinalityQueries } from './cardinality';

describe('cardinalityQueries', () => {
  it('counts the groups with events and the source series of each counter', () => {
    const slo = makeSlo({ indicator: { ...makeSlo().indicator, groupBy: ['route'] } });
    const queries = cardinalityQueries(slo, '30s');
    expect(queries.groups).toBe('count(sum by (route) (rate(http_requests_total{job="checkout"}[5m])))');
    expect(queries.counters).toEqual({
      total: 'count(http_requests_total{job="checkout"})',
      bad: 'count(http_requests_total{job="checkout",code=~"5.."})',
    });
  });

  it('reads no counters for SLIs known only through their rates', () => {
    const slo = makeSlo({
      indicator: { type: 'threshold', expr: 'time() - last_success', operator: '<', threshold: '3600', groupBy: [] },
    });
    expect(cardinalityQueries(slo, '30s').counters).toEqual({});
  });
});
