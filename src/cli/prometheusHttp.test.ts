import { prometheusClient, type HttpGet } from './prometheusHttp';

const answer = (body: unknown, status = 200) => ({ status, json: async () => body });

function recording(body: unknown, status = 200): { get: HttpGet; urls: string[] } {
  const urls: string[] = [];
  return {
    urls,
    get: async (url) => {
      urls.push(url);
      return answer(body, status);
    },
  };
}

describe('prometheusClient', () => {
  it('runs an instant query and reads the vector', async () => {
    const { get, urls } = recording({
      status: 'success',
      data: { resultType: 'vector', result: [{ metric: { slo_uid: 'a' }, value: [1, '0.5'] }] },
    });
    expect(await prometheusClient('http://p:9090/', get).instant('sum(x{a="1"})')).toEqual([
      { labels: { slo_uid: 'a' }, value: 0.5 },
    ]);
    expect(urls).toEqual(['http://p:9090/api/v1/query?query=sum%28x%7Ba%3D%221%22%7D%29']);
  });

  it('evaluates an instant query at the time given', async () => {
    const { get, urls } = recording({ status: 'success', data: { resultType: 'vector', result: [] } });
    expect(await prometheusClient('http://p', get).instant('up', 1_764_849_600)).toEqual([]);
    expect(urls).toEqual(['http://p/api/v1/query?query=up&time=1764849600']);
  });

  it('runs a range query and reads the matrix, NaN included', async () => {
    const { get, urls } = recording({
      status: 'success',
      data: {
        resultType: 'matrix',
        result: [
          {
            metric: {},
            values: [
              [300, '1'],
              [600, 'NaN'],
            ],
          },
        ],
      },
    });
    const series = await prometheusClient('http://p', get).range('x', { start: 300, end: 600, stepSeconds: 300 });
    expect(series).toEqual([
      {
        labels: {},
        points: [
          [300, 1],
          [600, NaN],
        ],
      },
    ]);
    expect(urls).toEqual(['http://p/api/v1/query_range?query=x&start=300&end=600&step=300']);
  });

  it("passes on Prometheus's error, or the HTTP status when the answer is not Prometheus's", async () => {
    const refused = recording({ status: 'error', errorType: 'bad_data', error: 'parse error' }, 400);
    await expect(prometheusClient('http://p', refused.get).instant('x{')).rejects.toThrow(
      'http://p refused the query: parse error'
    );
    const proxy: HttpGet = async () => ({
      status: 502,
      json: async () => {
        throw new SyntaxError('Unexpected token <');
      },
    });
    await expect(prometheusClient('http://p', proxy).instant('x')).rejects.toThrow(
      'http://p refused the query: HTTP 502'
    );
  });

  it('refuses an answer of another type or shape', async () => {
    const scalar = recording({ status: 'success', data: { resultType: 'scalar', result: [1, '1'] } });
    await expect(prometheusClient('http://p', scalar.get).instant('1')).rejects.toThrow(
      'http://p answered a scalar, not a vector'
    );
    const odd = recording({ status: 'success', data: { resultType: 'matrix', result: [{ metric: {} }] } });
    await expect(
      prometheusClient('http://p', odd.get).range('x', { start: 0, end: 1, stepSeconds: 1 })
    ).rejects.toThrow("http://p answered a matrix that is not Prometheus's shape");
  });

  it('says when the server cannot be reached', async () => {
    const down: HttpGet = async () => {
      throw new Error('connect ECONNREFUSED');
    };
    await expect(prometheusClient('http://p/', down).instant('x')).rejects.toThrow(
      'cannot reach http://p: connect ECONNREFUSED'
    );
  });
});
