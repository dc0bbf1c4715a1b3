import { useRoutes as use } from '../testing/backendSrv';
import { getHistogramBuckets, getLabelNames, getLabelValues, getMetricNames } from './prometheusMetadata';
import { ApiError } from './errors';

jest.mock('@grafana/runtime', () => jest.requireActual('../testing/backendSrv').fakeRuntime);

const BASE = '/api/datasources/uid/prom%201/resources/api/v1';

describe('Prometheus metadata through the datasource', () => {
  it('reads metric names, with and without match[]', async () => {
    const calls = use([
      [
        'GET',
        `${BASE}/label/__name__/values`,
        () => ({ data: { status: 'success', data: ['up', 'http_requests_total'] } }),
      ],
    ]);
    await expect(getMetricNames('prom 1')).resolves.toEqual(['up', 'http_requests_total']);
    await getMetricNames('prom 1', '{job="checkout"}');
    expect(calls.map((c) => c.params)).toEqual([undefined, { 'match[]': '{job="checkout"}' }]);
  });

  it('reads label names and values of matching series', async () => {
    const calls = use([
      ['GET', `${BASE}/labels`, () => ({ data: { status: 'success', data: ['__name__', 'code', 'job'] } })],
      ['GET', `${BASE}/label/code/values`, () => ({ data: { status: 'success', data: ['200', '500'] } })],
    ]);
    await expect(getLabelNames('prom 1', 'http_requests_total')).resolves.toEqual(['__name__', 'code', 'job']);
    await expect(getLabelValues('prom 1', 'code', 'http_requests_total{job="checkout"}')).resolves.toEqual([
      '200',
      '500',
    ]);
    expect(calls.map((c) => [c.method, c.url, c.params])).toEqual([
      ['GET', `${BASE}/labels`, { 'match[]': 'http_requests_total' }],
      ['GET', `${BASE}/label/code/values`, { 'match[]': 'http_requests_total{job="checkout"}' }],
    ]);
  });

  it('offers the real bucket boundaries of a histogram, sorted, once each, without +Inf', async () => {
    const calls = use([
      [
        'GET',
        `${BASE}/label/le/values`,
        () => ({ data: { status: 'success', data: ['+Inf', '0.05', '0.1', '1', '1.0', '0.25', '0.5', '2.5', '5'] } }),
      ],
    ]);
    await expect(
      getHistogramBuckets('prom 1', 'http_request_duration_seconds{job="api",route!="/health"}')
    ).resolves.toEqual(['0.05', '0.1', '0.25', '0.5', '1', '2.5', '5']);
    expect(calls[0].params).toEqual({ 'match[]': 'http_request_duration_seconds_bucket{job="api",route!="/health"}' });
  });

  it('turns a failing datasource into an ApiError', async () => {
    use([['GET', `${BASE}/labels`, () => ({ status: 502, data: { message: 'Bad Gateway' } })]]);
    const error = await getLabelNames('prom 1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ message: 'Reading the label names: Bad Gateway' });
  });
});
