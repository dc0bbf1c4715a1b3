import {
  errorRatioRangeQuery,
  firingAlertsRangeQuery,
  objectivesQuery,
  rangeEventQueries,
  serviceMatcher,
} from './report';

const OCT_1 = 1790812800; // 2026-10-01T00:00:00Z
const NOV_1 = 1793491200; // 2026-11-01T00:00:00Z

const utc = (text: string) => new Date(`${text}Z`);

describe('report queries', () => {
  const october = { from: utc('2026-10-01T00:00:00'), to: utc('2026-11-01T00:00:00') };

  it('matches one service exactly, several by an escaped regex, all without a matcher', () => {
    expect(serviceMatcher([])).toBe('');
    expect(serviceMatcher(['checkout'])).toBe('service="checkout"');
    expect(serviceMatcher(['web', 'a.b', 'web'])).toBe('service=~"a\\\\.b|web"');
  });

  it('reads the objectives with their last target in the range', () => {
    expect(objectivesQuery(october, ['checkout'])).toBe(
      `last_over_time(slo:objective:ratio{service="checkout"}[30d23h59m59s999ms] @ ${NOV_1})`
    );
  });

  it('counts events from the tiles of (from, to] and from the 5m rates at a 5 minute step', () => {
    expect(rangeEventQueries(october, ['checkout'])).toEqual({
      tileEvents: `sum by (slo_uid) (sum_over_time(slo:events:tile{service="checkout"}[30d23h59m59s999ms] @ ${NOV_1}))`,
      tileBadEvents: `sum by (slo_uid) (sum_over_time(slo:bad_events:tile{service="checkout"}[30d23h59m59s999ms] @ ${NOV_1}))`,
      rateEvents: `sum by (slo_uid) (sum_over_time(slo:events:rate5m{service="checkout"}[30d23h59m59s999ms:5m] @ ${NOV_1})) * 300`,
      rateBadEvents: `sum by (slo_uid) (sum_over_time(slo:bad_events:rate5m{service="checkout"}[30d23h59m59s999ms:5m] @ ${NOV_1})) * 300`,
      rulesAtStart: `count by (slo_uid) (present_over_time(slo:objective:ratio{service="checkout"}[5m] @ ${OCT_1}))`,
    });
  });

  it('ends the 5 minute windows of the rates at the end of a range off a 5 minute boundary', () => {
    // Subquery steps fall on multiples of 5 minutes: run it at 12:15 and look 4m18s back, so the last window ends at 12:10:42.
    const range = { from: utc('2026-11-20T10:00:00'), to: utc('2026-11-20T12:10:42') };
    expect(rangeEventQueries(range, []).rateEvents).toBe(
      'sum by (slo_uid) (sum_over_time((slo:events:rate5m offset 4m18s)[2h10m41s999ms:5m] @ 1795176900)) * 300'
    );
  });

  it('reads the error ratio at each step: the 5m rates, or their sums over a longer step', () => {
    expect(errorRatioRangeQuery(['checkout'], 300)).toBe(
      'sum by (slo_uid) (slo:bad_events:rate5m{service="checkout"}) / (sum by (slo_uid) (slo:events:rate5m{service="checkout"}) > 0)'
    );
    expect(errorRatioRangeQuery([], 600)).toBe(
      'sum by (slo_uid) (sum_over_time(slo:bad_events:rate5m[9m59s999ms])) / (sum by (slo_uid) (sum_over_time(slo:events:rate5m[9m59s999ms])) > 0)'
    );
  });

  it("reads Burnrate's firing alerts at any time within each step", () => {
    expect(firingAlertsRangeQuery(['checkout'], 300)).toBe(
      'max_over_time(ALERTS{alertname=~"SLOErrorBudgetBurn|SLONoData",alertstate="firing",slo_uid!="",service="checkout"}[4m59s999ms])'
    );
  });
});
