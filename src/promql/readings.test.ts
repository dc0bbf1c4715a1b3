import { recordedADayAgoQuery, serviceQueries, statusesQuery, windowErrorRatioQuery } from './readings';

describe('gate queries', () => {
  it('queries by the service label', () => {
    expect(serviceQueries('shop')).toEqual({
      objectives: 'slo:objective:ratio{service="shop"}',
      budgets: 'slo:error_budget_remaining:ratio{service="shop"}',
      errorRatio1h:
        'sum by (slo_uid) (sum_over_time(slo:bad_events:rate5m{service="shop"}[1h])) / sum by (slo_uid) (sum_over_time(slo:events:rate5m{service="shop"}[1h]))',
    });
  });

  it('reads the error ratio of a window from the 5m rates', () => {
    expect(windowErrorRatioQuery('shop', '30d')).toBe(
      'sum by (slo_uid) (sum_over_time(slo:bad_events:rate5m{service="shop"}[30d])) / sum by (slo_uid) (sum_over_time(slo:events:rate5m{service="shop"}[30d]))'
    );
  });

  it('finds the SLOs whose events were recorded a day ago', () => {
    expect(recordedADayAgoQuery('shop')).toBe(
      'count by (slo_uid) (last_over_time(slo:events:rate5m{service="shop"}[1h] offset 1d))'
    );
  });

  it('finds the draft and retired SLOs by the status on their rules info', () => {
    expect(statusesQuery('shop "a"')).toBe(
      'count by (slo_uid, slo_status) (burnrate:slo_rules:info{service="shop \\"a\\"",slo_status!=""})'
    );
  });
});
