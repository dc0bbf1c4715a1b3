import { makeSlo } from '../testing/fixtures';
import type { Slo } from '../slo/types';
import {
  alertConditionHistoryExpr,
  alertHistoryExpr,
  alertsSelector,
  badEventsRateExpr,
  budgetRemainingExpr,
  errorBreakdownExpr,
  eventsRateExpr,
  groupBreakdownQueries,
  groupValuesQuery,
  groupVariableMatchers,
  idealBudgetExpr,
  latencyPercentileQueries,
  recordedSeriesCheckExpr,
  sliExpr,
  type SloQueryContext,
} from './panels';

const slo = makeSlo();
const ctx: SloQueryContext = { slo, objective: slo.objectives[0], source: 'recorded', evaluationInterval: '30s' };
const raw: SloQueryContext = { ...ctx, source: 'raw' };
const U = 'slo_uid="checkout-availability"';
const windowSum = (metric: string, range: string) => `sum(sum_over_time(slo:${metric}:rate5m{${U}}[${range}]))`;
const recordedRatio = (range: string) => `${windowSum('bad_events', range)} / (${windowSum('events', range)} > 0)`;
const RAW_TOTAL = 'sum(rate(http_requests_total{job="checkout"}[5m]))';
const RAW_BAD = `(sum(rate(http_requests_total{job="checkout",code=~"5.."}[5m])) or on () (0 * ${RAW_TOTAL})) and on () (${RAW_TOTAL} > 0)`;

describe('SLO dashboard queries', () => {
  it.each([
    ['recorded check', recordedSeriesCheckExpr('a'), 'count(slo:objective:ratio{slo_uid="a"})'],
    ['events, recorded', eventsRateExpr(ctx), `sum(slo:events:rate5m{${U}})`],
    ['bad events, recorded', badEventsRateExpr(ctx), `sum(slo:bad_events:rate5m{${U}})`],
    ['events, raw', eventsRateExpr(raw), `sum(${RAW_TOTAL})`],
    ['bad events, raw', badEventsRateExpr(raw), `sum(${RAW_BAD})`],
    [
      'SLI over the window, recorded',
      sliExpr(ctx),
      '1 - (sum(sum_over_time(slo:bad_events:rate5m{slo_uid="checkout-availability"}[30d])) / (sum(sum_over_time(slo:events:rate5m{slo_uid="checkout-availability"}[30d])) > 0))',
    ],
    [
      'SLI over the window, raw',
      sliExpr(raw),
      `1 - (sum(sum_over_time((${RAW_BAD})[30d:5m])) / (sum(sum_over_time((${RAW_TOTAL})[30d:5m])) > 0))`,
    ],
    ['budget remaining', budgetRemainingExpr(ctx), `1 - (${recordedRatio('30d')}) / 0.001`],
    [
      'group filter on recorded series',
      eventsRateExpr({ ...ctx, groupMatchers: groupVariableMatchers(['route'], (l) => `group_${l}`) }),
      'sum(slo:events:rate5m{slo_uid="checkout-availability",route=~"${group_route}"})',
    ],
    ['group values', groupValuesQuery('a', 'route'), 'label_values(slo:events:rate5m{slo_uid="a"}, route)'],
    ['firing alerts', alertsSelector('a'), 'ALERTS{alertstate="firing",slo_uid="a"}'],
    [
      'alert history',
      alertHistoryExpr('a'),
      'sum by (severity, long_window, short_window) (ALERTS{alertstate="firing",slo_uid="a"})',
    ],
    [
      'alert condition history',
      alertConditionHistoryExpr('x > 1', '5m'),
      'max_over_time((clamp_max(count(x > 1), 1))[$__interval:5m])',
    ],
  ])('%s', (_name, got, want) => expect(got).toBe(want));

  it('reads the tiles of the current period for a calendar window', () => {
    const month: Slo = { ...slo, objectives: [{ target: '0.99', window: { kind: 'calendar', unit: 'month' } }] };
    const tiles = (metric: string) =>
      `sum((sum_over_time(slo:${metric}:tile{${U},slo_period_slot!=""}[31d]))` +
      ' and on (slo_period_slot) count_values("slo_period_slot", month() % 3))';
    expect(sliExpr({ ...ctx, slo: month, objective: month.objectives[0] })).toBe(
      `1 - (${tiles('bad_events')} / (${tiles('events')} > 0))`
    );
  });

  it.each([
    [
      'rolling',
      slo.objectives[0],
      'clamp_min(1 - (vector(time()) - scalar(last_over_time(vector(time())[1m:1m] @ start()))) / 2592000, 0)',
    ],
    [
      'calendar month',
      { target: '0.99', window: { kind: 'calendar', unit: 'month' } } as const,
      '1 - ((day_of_month() - 1) * 86400 + hour() * 3600 + minute() * 60) / (days_in_month() * 86400)',
    ],
    [
      'calendar week',
      { target: '0.99', window: { kind: 'calendar', unit: 'week' } } as const,
      '1 - (((day_of_week() + 6) % 7) * 86400 + hour() * 3600 + minute() * 60) / 604800',
    ],
  ])('ideal burndown line, %s', (_name, objective, want) => expect(idealBudgetExpr(objective)).toBe(want));

  it('gives p50, p95 and p99 of a latency SLI', () => {
    const classic = latencyPercentileQueries({
      type: 'latency',
      histogram: 'http_request_duration_seconds{job="api"}',
      threshold: '0.5',
      native: false,
      groupBy: [],
    });
    expect(classic).toEqual(
      ['0.5', '0.95', '0.99'].map((q, i) => ({
        refId: ['P50', 'P95', 'P99'][i],
        legendFormat: ['p50', 'p95', 'p99'][i],
        expr: `histogram_quantile(${q}, sum by (le) (rate(http_request_duration_seconds_bucket{job="api"}[5m])))`,
      }))
    );
    const native = latencyPercentileQueries({
      type: 'latency',
      histogram: 'h{job="api"}',
      threshold: '0.5',
      native: true,
      groupBy: [],
    });
    expect(native[2].expr).toBe('histogram_quantile(0.99, sum(rate(h{job="api"}[5m])))');
    expect(latencyPercentileQueries(slo.indicator)).toEqual([]);
  });

  it.each([
    [
      'bad selector',
      errorBreakdownExpr(slo.indicator, '${breakdown}'),
      'sum by (${breakdown}) (rate(http_requests_total{job="checkout",code=~"5.."}[5m]))',
    ],
    [
      'good selector',
      errorBreakdownExpr({ type: 'ratio', total: 't{a="1"}', good: 't{a="1",code!~"5.."}', groupBy: [] }, 'code'),
      'clamp_min(sum by (code) (rate(t{a="1"}[5m])) - (sum by (code) (rate(t{a="1",code!~"5.."}[5m])) or sum by (code) (rate(t{a="1"}[5m])) * 0), 0)',
    ],
    [
      'latency',
      errorBreakdownExpr(
        { type: 'latency', histogram: 'h{job="api"}', threshold: '1', native: false, groupBy: [] },
        'route'
      ),
      'clamp_min(sum by (route) (rate(h_count{job="api"}[5m])) - (sum by (route) (rate(h_bucket{job="api",le=~"1(\\\\.0)?"}[5m])) or sum by (route) (rate(h_count{job="api"}[5m])) * 0), 0)',
    ],
    [
      'threshold: none',
      errorBreakdownExpr({ type: 'threshold', expr: 'x', operator: '<', threshold: '1', groupBy: [] }, 'code'),
      undefined,
    ],
  ])('error breakdown, %s', (_name, got, want) => expect(got).toBe(want));

  it('gives each group of a grouped SLO its SLI and budget', () => {
    const grouped = { ...ctx, slo: { ...slo, indicator: { ...slo.indicator, groupBy: ['route'] } } };
    const by = (metric: string) => `sum by (route) (sum_over_time(slo:${metric}:rate5m{${U}}[30d]))`;
    expect(groupBreakdownQueries(grouped)).toEqual([
      { refId: 'SLI', legendFormat: '{{route}}', expr: `1 - (${by('bad_events')} / (${by('events')} > 0))` },
      { refId: 'BUDGET', legendFormat: '{{route}}', expr: `1 - (${by('bad_events')} / (${by('events')} > 0)) / 0.001` },
    ]);
    expect(groupBreakdownQueries(ctx)).toEqual([]);
  });
});
