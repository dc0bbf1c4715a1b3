import { useRoutes as use } from '../../testing/backendSrv';
import { datasourceSuggestions, METRIC_NAMES_TTL_MS } from './sliSuggestions';

jest.mock('@grafana/runtime', () => jest.requireActual('../../testing/backendSrv').fakeRuntime);

const NAMES = '/api/datasources/uid/prom/resources/api/v1/label/__name__/values';

describe('datasourceSuggestions: metric names', () => {
  it('reads the names once while they are fresh, and again after a while', async () => {
    const answers = [['http_requests_total'], ['http_requests_total', 'http_request_duration_seconds_count']];
    const calls = use([['GET', NAMES, () => ({ data: { status: 'success', data: answers.shift() ?? [] } })]]);
    let now = 0;
    const suggestions = datasourceSuggestions('prom', () => now);
    expect((await suggestions.complete('http_req'))?.candidates).toEqual(['http_requests_total']);
    await suggestions.complete('http_requests');
    expect(calls).toHaveLength(1);
    now = METRIC_NAMES_TTL_MS + 1;
    expect((await suggestions.complete('http_request_d'))?.candidates).toEqual(['http_request_duration_seconds_count']);
    expect(calls).toHaveLength(2);
  });

  it('does not keep an empty answer: a Prometheus that has not scraped yet is asked again', async () => {
    const answers = [[], ['http_requests_total']];
    const calls = use([['GET', NAMES, () => ({ data: { status: 'success', data: answers.shift() ?? [] } })]]);
    const suggestions = datasourceSuggestions('prom', () => 0);
    expect((await suggestions.complete('http_req'))?.candidates).toEqual([]);
    expect((await suggestions.complete('http_req'))?.candidates).toEqual(['http_requests_total']);
    expect(calls).toHaveLength(2);
  });
});
