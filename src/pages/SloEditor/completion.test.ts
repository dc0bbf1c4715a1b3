import { applyCompletion, completionContext, rankCandidates } from './completion';

describe('completionContext', () => {
  it.each([
    ['', { kind: 'metric', prefix: '' }],
    ['http_req', { kind: 'metric', prefix: 'http_req' }],
    [
      'http_requests_total{',
      {
        kind: 'labelName',
        metric: 'http_requests_total',
        match: 'http_requests_total',
        prefix: '',
        head: 'http_requests_total{',
      },
    ],
    [
      'http_requests_total{job="checkout", co',
      {
        kind: 'labelName',
        metric: 'http_requests_total',
        match: 'http_requests_total{job="checkout"}',
        prefix: 'co',
        head: 'http_requests_total{job="checkout", ',
      },
    ],
    [
      'http_requests_total{job="checkout",code=~"5',
      {
        kind: 'labelValue',
        metric: 'http_requests_total',
        label: 'code',
        match: 'http_requests_total{job="checkout"}',
        prefix: '5',
        head: 'http_requests_total{job="checkout",code=~"',
      },
    ],
    [
      'http_requests_total{job="a,b", ',
      {
        kind: 'labelName',
        metric: 'http_requests_total',
        match: 'http_requests_total{job="a,b"}',
        prefix: '',
        head: 'http_requests_total{job="a,b", ',
      },
    ],
  ])('%s', (text, want) => {
    expect(completionContext(text)).toEqual(want);
  });

  it.each(['http_requests_total{job="checkout"}', 'rate(x[5m])', 'a{b="c"'])('offers nothing after %s', (text) => {
    expect(completionContext(text)).toBeUndefined();
  });
});

describe('applyCompletion', () => {
  it('completes a metric, a label name and a value', () => {
    expect(applyCompletion({ kind: 'metric', prefix: 'http' }, 'http_requests_total')).toBe('http_requests_total');
    const name = completionContext('http_requests_total{jo');
    expect(name && applyCompletion(name, 'job')).toBe('http_requests_total{job="');
    const value = completionContext('http_requests_total{job="ch');
    expect(value && applyCompletion(value, 'checkout')).toBe('http_requests_total{job="checkout"');
    expect(value && applyCompletion(value, 'a"b')).toBe('http_requests_total{job="a\\"b"');
  });
});

describe('rankCandidates', () => {
  it('puts prefix matches first, then other matches, up to the limit', () => {
    expect(
      rankCandidates(
        ['up', 'http_requests_total', 'grpc_requests_total', 'http_request_duration_seconds_bucket'],
        'http'
      )
    ).toEqual(['http_requests_total', 'http_request_duration_seconds_bucket']);
    expect(rankCandidates(['a_requests', 'requests_b'], 'requests', 1)).toEqual(['requests_b']);
  });
});
