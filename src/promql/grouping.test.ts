import { nativeLatencyWithLabelsCopied, outputGrouping, rateWithLabelsCopied } from './grouping';

describe('outputGrouping', () => {
  it.each([
    ['sum by (handler) (rate(http_requests_total[5m]))', { kind: 'by', labels: ['handler'] }],
    ['sum(rate(http_requests_total[5m])) by (handler, code)', { kind: 'by', labels: ['handler', 'code'] }],
    ['(sum(rate(http_requests_total[5m])))', { kind: 'by', labels: [] }],
    ['sum without (pod) (rate(http_requests_total[5m]))', { kind: 'without', labels: ['pod'] }],
    ['rate(http_requests_total[5m])', { kind: 'source' }],
    ['topk by (handler) (3, rate(http_requests_total[5m]))', { kind: 'source' }],
    ['sum by (handler) (rate(a[5m])) * 2', { kind: 'by', labels: ['handler'] }],
    ['sum by (handler) (rate(a[5m])) + sum by (handler) (rate(b[5m]))', { kind: 'by', labels: ['handler'] }],
    ['sum by (handler) (rate(a[5m])) + sum by (code) (rate(b[5m]))', { kind: 'source' }],
  ])('%s', (expr, grouping) => {
    expect(outputGrouping(expr)).toEqual(grouping);
  });
});

describe('rateWithLabelsCopied', () => {
  it('copies the label to another name on every series of the rate', () => {
    expect(rateWithLabelsCopied('http_requests_total{job="api"}', [{ from: 'service', to: 'exported_service' }])).toBe(
      'label_replace(rate(http_requests_total{job="api"}[{{.window}}]), "exported_service", "$1", "service", "(.*)")'
    );
    expect(
      rateWithLabelsCopied('up', [
        { from: 'service', to: 'exported_service' },
        { from: 'severity', to: 'exported_severity' },
      ])
    ).toBe(
      'label_replace(label_replace(rate(up[{{.window}}]), "exported_service", "$1", "service", "(.*)"), "exported_severity", "$1", "severity", "(.*)")'
    );
  });
});

describe('nativeLatencyWithLabelsCopied', () => {
  it('copies the label on each series of the histogram before counting', () => {
    const rate =
      'label_replace(rate(rpc_seconds{job="api"}[{{.window}}]), "exported_service", "$1", "service", "(.*)")';
    expect(
      nativeLatencyWithLabelsCopied('rpc_seconds{job="api"}', '0.25', [{ from: 'service', to: 'exported_service' }])
    ).toEqual({
      good: `histogram_fraction(0, 0.25, ${rate}) * histogram_count(${rate})`,
      total: `histogram_count(${rate})`,
    });
  });
});
