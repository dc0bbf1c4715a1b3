import type { Indicator } from '../slo/types';
import {
  sourceSeriesExprs,
  badEventsExpr,
  counterSelectors,
  leMatcher,
  placeholderNativeLatencyExprs,
  placeholderRateExpr,
  totalEventsExpr,
} from './sli';
import { formatSelector } from './format';

const options = { evaluationInterval: '30s' };

describe('SLI expressions', () => {
  it.each<{ name: string; indicator: Indicator; total: string; bad: string }>([
    {
      name: 'ratio with bad events, no grouping',
      indicator: {
        type: 'ratio',
        total: 'http_requests_total{job="api"}',
        bad: 'http_requests_total{job="api", code=~"5.."}',
        groupBy: [],
      },
      total: 'sum(rate(http_requests_total{job="api"}[5m]))',
      bad:
        '(sum(rate(http_requests_total{job="api",code=~"5.."}[5m])) or on () (0 * sum(rate(http_requests_total{job="api"}[5m]))))' +
        ' and on () (sum(rate(http_requests_total{job="api"}[5m])) > 0)',
    },
    {
      name: 'ratio with good events, grouped',
      indicator: { type: 'ratio', total: 'req_total', good: 'req_total{ok="true"}', groupBy: ['route', 'cluster'] },
      total: 'sum by (route, cluster) (rate(req_total[5m]))',
      bad:
        'clamp_min((sum by (route, cluster) (rate(req_total[5m])) > 0) - (sum by (route, cluster) (rate(req_total{ok="true"}[5m]))' +
        ' or on (route, cluster) (0 * sum by (route, cluster) (rate(req_total[5m])))), 0)',
    },
    {
      name: 'classic histogram latency',
      indicator: { type: 'latency', histogram: 'h_seconds{job="a"}', threshold: '0.25', native: false, groupBy: [] },
      total: 'sum(rate(h_seconds_count{job="a"}[5m]))',
      bad:
        'clamp_min((sum(rate(h_seconds_count{job="a"}[5m])) > 0) - (sum(rate(h_seconds_bucket{job="a",le="0.25"}[5m]))' +
        ' or on () (0 * sum(rate(h_seconds_count{job="a"}[5m])))), 0)',
    },
    {
      name: 'native histogram latency',
      indicator: { type: 'latency', histogram: 'h_seconds', threshold: '1', native: true, groupBy: [] },
      total: 'sum(histogram_count(rate(h_seconds[5m])))',
      bad:
        'clamp_min((sum(histogram_count(rate(h_seconds[5m]))) > 0) - ((histogram_fraction(0, 1, sum(rate(h_seconds[5m]))) * histogram_count(sum(rate(h_seconds[5m]))))' +
        ' or on () (0 * sum(histogram_count(rate(h_seconds[5m]))))), 0)',
    },
    {
      name: 'gauge threshold: each sample at the interval is an event',
      indicator: { type: 'threshold', expr: 'time() - last_success', operator: '<', threshold: '3600', groupBy: [] },
      total: 'sum(count_over_time((time() - last_success)[5m:30s])) / 300',
      bad:
        '(sum(count_over_time(((time() - last_success) >= 3600)[5m:30s])) / 300 or on () (0 * sum(count_over_time((time() - last_success)[5m:30s])) / 300))' +
        ' and on () (sum(count_over_time((time() - last_success)[5m:30s])) / 300 > 0)',
    },
    {
      name: 'precomputed error ratio: each sample an event, bad by its ratio, NaN samples left out',
      indicator: {
        type: 'errorRatio',
        expr: 'sum by (queue) (rate(failed_total[{{.window}}])) / sum by (queue) (rate(all_total[{{.window}}]))',
        groupBy: ['queue'],
      },
      total:
        'sum by (queue) (count_over_time((clamp(sum by (queue) (rate(failed_total[5m])) / sum by (queue) (rate(all_total[5m])), 0, 1) >= 0)[5m:30s])) / 300',
      bad:
        '(sum by (queue) (sum_over_time((clamp(sum by (queue) (rate(failed_total[5m])) / sum by (queue) (rate(all_total[5m])), 0, 1) >= 0)[5m:30s])) / 300' +
        ' or on (queue) (0 * sum by (queue) (count_over_time((clamp(sum by (queue) (rate(failed_total[5m])) / sum by (queue) (rate(all_total[5m])), 0, 1) >= 0)[5m:30s])) / 300))' +
        ' and on (queue) (sum by (queue) (count_over_time((clamp(sum by (queue) (rate(failed_total[5m])) / sum by (queue) (rate(all_total[5m])), 0, 1) >= 0)[5m:30s])) / 300 > 0)',
    },
    {
      name: 'advanced expressions with the window placeholder',
      indicator: {
        type: 'advanced',
        total: 'sum(rate(a[{{.window}}]))',
        bad: 'sum(rate(b[{{ .window }}]))',
        groupBy: [],
      },
      total: 'sum(sum(rate(a[5m])))',
      bad: '(sum(sum(rate(b[5m]))) or on () (0 * sum(sum(rate(a[5m]))))) and on () (sum(sum(rate(a[5m]))) > 0)',
    },
  ])('$name', ({ indicator, total, bad }) => {
    expect(totalEventsExpr(indicator, options)).toBe(total);
    expect(badEventsExpr(indicator, options)).toBe(bad);
  });

  it('keeps the offset of a selector after the rate window', () => {
    const indicator: Indicator = {
      type: 'ratio',
      total: 'req_total offset 1m',
      bad: 'req_total{code="500"} offset 1m',
      groupBy: [],
    };
    expect(totalEventsExpr(indicator, options)).toBe('sum(rate(req_total[5m] offset 1m))');
  });

  it('matches both spellings of a whole-number bucket boundary', () => {
    expect(leMatcher('1')).toEqual({ name: 'le', op: '=~', value: '1(\\.0)?' });
    expect(leMatcher('0.5')).toEqual({ name: 'le', op: '=', value: '0.5' });
  });

  it('names the raw counters of ratio and classic-histogram SLIs, none for the others', () => {
    const show = (indicator: Indicator) => {
      const c = counterSelectors(indicator);
      return c && Object.fromEntries(Object.entries(c).map(([role, sel]) => [role, formatSelector(sel)]));
    };
    expect(
      show({ type: 'ratio', total: 'req_total offset 1m', bad: 'req_total{code="500"} offset 1m', groupBy: [] })
    ).toEqual({
      total: 'req_total offset 1m',
      bad: 'req_total{code="500"} offset 1m',
    });
    expect(
      show({ type: 'latency', histogram: 'h_seconds{job="a"}', threshold: '1', native: false, groupBy: [] })
    ).toEqual({
      total: 'h_seconds_count{job="a"}',
      good: 'h_seconds_bucket{job="a",le=~"1(\\\\.0)?"}',
    });
    expect(
      show({ type: 'latency', histogram: 'h_seconds', threshold: '1', native: true, groupBy: [] })
    ).toBeUndefined();
    expect(show({ type: 'advanced', total: 'sum(rate(a[5m]))', bad: 'sum(rate(b[5m]))', groupBy: [] })).toBeUndefined();
  });
});

describe('the source series of an SLI', () => {
  it.each<[string, Indicator, string[]]>([
    [
      'a bad selector of the same metric: only the total',
      { type: 'ratio', total: 'req_total{job="a"}', bad: 'req_total{job="a",code=~"5.."}', groupBy: ['route'] },
      ['req_total{job="a"}'],
    ],
    [
      'a bad counter of its own: both',
      { type: 'ratio', total: 'jobs_total', bad: 'jobs_failed_total offset 1m', groupBy: [] },
      ['jobs_total', 'jobs_failed_total offset 1m'],
    ],
    [
      'a classic histogram: the count and the bucket',
      { type: 'latency', histogram: 'h_seconds{job="a"}', threshold: '0.25', native: false, groupBy: [] },
      ['h_seconds_count{job="a"}', 'h_seconds_bucket{job="a",le="0.25"}'],
    ],
    [
      'a native histogram',
      { type: 'latency', histogram: 'h_seconds{job="a"}', threshold: '0.25', native: true, groupBy: [] },
      ['h_seconds{job="a"}'],
    ],
    [
      'a gauge, without its comment',
      { type: 'threshold', expr: 'up{job="a"} # scraped', operator: '>', threshold: '0', groupBy: [] },
      ['up{job="a"} '],
    ],
    [
      'an advanced SLI: its total, window filled',
      { type: 'advanced', total: 'sum(rate(a[{{.window}}]))', bad: 'sum(rate(b[{{.window}}]))', groupBy: [] },
      ['sum(rate(a[5m]))'],
    ],
  ])('%s', (_name, indicator, want) => expect(sourceSeriesExprs(indicator)).toEqual(want));
});

describe('expressions with the window placeholder', () => {
  it('rates a counter over {{.window}}', () => {
    expect(placeholderRateExpr('http_requests_total{job="api"}')).toBe(
      'rate(http_requests_total{job="api"}[{{.window}}])'
    );
  });

  it('counts the good events of a native histogram below its threshold', () => {
    const rate = 'rate(h{job="api"}[{{.window}}])';
    expect(placeholderNativeLatencyExprs('h{job="api"}', '0.3')).toEqual({
      good: `histogram_fraction(0, 0.3, ${rate}) * histogram_count(${rate})`,
      total: `histogram_count(${rate})`,
    });
  });
});
