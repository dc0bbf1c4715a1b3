import {
  batchBudgetRemainingExpr,
  batchFiringAlertsExpr,
  batchErrorRatioExpr,
  batchSelector,
  batchWindowSumExpr,
  objectiveSeriesSelector,
} from './views';

describe('page queries', () => {
  it('objectiveSeriesSelector', () => {
    expect(
      objectiveSeriesSelector('slo:error_budget_remaining:ratio', 'a', {
        kind: 'rolling',
        duration: '30d',
        seconds: 2592000,
      })
    ).toBe('slo:error_budget_remaining:ratio{slo_uid="a",slo_window="30d"}');
  });

  it('batchSelector escapes regex characters', () => {
    expect(batchSelector('m', ['a.b', 'c'])).toBe('m{slo_uid=~"a\\\\.b|c"}');
  });

  it('batchFiringAlertsExpr', () => {
    expect(batchFiringAlertsExpr(['a', 'b.c'])).toBe(
      'count by (slo_uid) (ALERTS{alertstate="firing",slo_uid=~"a|b\\\\.c"})'
    );
  });

  it('batchBudgetRemainingExpr', () => {
    expect(batchBudgetRemainingExpr(['a', 'b'])).toBe('slo:error_budget_remaining:ratio{slo_uid=~"a|b"}');
  });

  it('batchErrorRatioExpr', () => {
    expect(batchErrorRatioExpr(['a', 'b'], '1h')).toBe(
      'sum by (slo_uid) (sum_over_time(slo:bad_events:rate5m{slo_uid=~"a|b"}[1h])) / sum by (slo_uid) (sum_over_time(slo:events:rate5m{slo_uid=~"a|b"}[1h]))'
    );
  });

  it('batchWindowSumExpr reads rolling sums and the current calendar slot only, sums without slo first', () => {
    const last = (extra: string) => `last_over_time(slo:events:window{slo_uid=~"a|b"${extra}}[90m])`;
    const lookback = (extra: string, on = 'slo_uid, slo_window') =>
      `(${last(`${extra},slo=""`)} or on (${on}) ${last(extra)})`;
    const slotted = (unit: string, slot: string) =>
      `(${lookback(`,slo_window="${unit}",slo_period_slot!=""`, 'slo_uid, slo_window, slo_period_slot')}` +
      ` and on (slo_period_slot) count_values("slo_period_slot", ${slot}))`;
    expect(batchWindowSumExpr('slo:events:window', ['a', 'b'])).toBe(
      'sum by (slo_uid, slo_window) (' +
        [
          lookback(',slo_period_slot=""'),
          slotted('month', 'month() % 3'),
          slotted('week', 'floor(vector((time() / 86400 + 3) / 7)) % 2'),
        ].join(' or ') +
        ')'
    );
  });
});
