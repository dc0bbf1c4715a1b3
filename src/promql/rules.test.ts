import {
  burnRateAlertExpr,
  metricAbsentAlertExpr,
  noDataAlertExpr,
  objectiveRecordExpr,
  outsideQuietExpr,
  RULES_INFO_EXPR,
  tileWithTrafficExpr,
} from './rules';

const QUIET = '(vector(time()) >= 100 < 200)';
const ratio = (range: string) =>
  `sum(sum_over_time(slo:bad_events:rate5m{slo_uid="a"}[${range}])) / sum(sum_over_time(slo:events:rate5m{slo_uid="a"}[${range}]))`;

describe('rule expressions', () => {
  it.each([
    ['objective', objectiveRecordExpr('0.999'), 'vector(0.999)'],
    ['rules info', RULES_INFO_EXPR, 'vector(1)'],
    ['rate without windows', outsideQuietExpr('rate(x[5m])', undefined), 'rate(x[5m])'],
    ['rate outside windows', outsideQuietExpr('rate(x[5m])', QUIET), `(rate(x[5m])) unless on () (${QUIET})`],
    ['tile with traffic', tileWithTrafficExpr('sum(x)'), 'sum(x) > 0'],
  ])('%s', (_name, got, want) => expect(got).toBe(want));

  it('fires a burn-rate alert when both windows burn faster than the factor', () => {
    const alert = {
      sloUid: 'a',
      groupBy: [],
      errorBudget: '0.001',
      factor: '14.4',
      longWindow: '1h',
      shortWindow: '5m',
    };
    expect(burnRateAlertExpr(alert)).toBe(`(${ratio('1h')} / 0.001 > 14.4)\nand\n(${ratio('5m')} / 0.001 > 14.4)`);
    expect(
      burnRateAlertExpr({ ...alert, minBadEvents: { count: 10, evaluationIntervalSeconds: 30 }, quiet: QUIET })
    ).toBe(
      `(${ratio('1h')} / 0.001 > 14.4)\nand\n(${ratio('5m')} / 0.001 > 14.4)` +
        '\nand\n(sum(sum_over_time(slo:bad_events:rate5m{slo_uid="a"}[1h])) * 30 >= 10)' +
        `\nunless on ()\n(${QUIET})`
    );
  });

  it('fires the no-data alert on no events or no series', () => {
    const noData =
      'sum(sum_over_time(slo:events:rate5m{slo_uid="a"}[30m])) == 0\nor\nabsent_over_time(slo:events:rate5m{slo_uid="a"}[30m])';
    expect(noDataAlertExpr('a', [], '30m', undefined)).toBe(noData);
    expect(noDataAlertExpr('a', ['route'], '30m', undefined)).toBe(
      'sum by (route) (sum_over_time(slo:events:rate5m{slo_uid="a"}[30m])) == 0\nor\nabsent_over_time(slo:events:rate5m{slo_uid="a"}[30m])'
    );
    expect(noDataAlertExpr('a', [], '30m', QUIET)).toBe(`(${noData})\nunless on ()\n(${QUIET})`);
  });

  it('fires the absent alert when a source selector matches no series', () => {
    expect(metricAbsentAlertExpr(['req_total{job="a"}'], undefined)).toBe('absent(req_total{job="a"})');
    expect(metricAbsentAlertExpr(['a_count', 'a_bucket{le="0.1"}'], QUIET)).toBe(
      `(absent(a_count)\nor\nabsent(a_bucket{le="0.1"}))\nunless on ()\n(${QUIET})`
    );
  });
});
