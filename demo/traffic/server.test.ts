import { get, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CATALOGUE } from './catalogue.ts';
import { createTrafficServer, parseListen, parseOptions } from './server.ts';
import { Simulation } from './sim.ts';

describe('options', () => {
  it('has defaults for local use', () => {
    expect(parseOptions([])).toEqual({ host: '127.0.0.1', port: 9464, seed: 1, speed: 1, calm: false, help: false });
  });

  it('reads --listen, --seed, --speed and --calm', () => {
    expect(parseOptions(['--listen', '0.0.0.0:9000', '--seed', '7', '--speed', '60', '--calm'])).toEqual({
      host: '0.0.0.0',
      port: 9000,
      seed: 7,
      speed: 60,
      calm: true,
      help: false,
    });
    expect(parseListen('[::1]:9464')).toEqual({ host: '::1', port: 9464 });
    expect(parseListen(':9464')).toEqual({ host: '0.0.0.0', port: 9464 });
  });

  it('refuses what it cannot use', () => {
    expect(() => parseOptions(['--listen', 'localhost'])).toThrow('HOST:PORT');
    expect(() => parseOptions(['--seed', 'x'])).toThrow('--seed');
    expect(() => parseOptions(['--speed', '0'])).toThrow('--speed');
    expect(() => parseOptions(['--bogus'])).toThrow();
  });
});

/** GET with node:http (jest runs these tests under jsdom, which has no fetch). */
function fetchText(url: string): Promise<{ status: number; type: string; text: string }> {
  return new Promise((resolve, reject) => {
    get(url, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), text }));
    }).on('error', reject);
  });
}

function post(url: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST' }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Sum of a counter's samples with the given code over every route of checkout. */
function checkoutRequests(text: string, code: RegExp): number {
  return text
    .split('\n')
    .filter((l) => l.startsWith('http_requests_total{service="checkout"'))
    .filter((l) => code.test(/code="(\d+)"/.exec(l)?.[1] ?? ''))
    .reduce((sum, l) => sum + Number(l.split(' ').pop()), 0);
}

describe('server', () => {
  const t0 = Date.UTC(2025, 0, 6, 12) / 1000;
  let clock = t0;
  const server = createTrafficServer(new Simulation(CATALOGUE, { seed: 1, origin: t0 }), CATALOGUE, () => clock);
  let base = '';

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('serves one service per scrape job, in the text format', async () => {
    clock = t0 + 600;
    const { status, type, text } = await fetchText(`${base}/metrics?service=checkout`);
    expect(status).toBe(200);
    expect(type).toContain('version=0.0.4');
    expect(text).toContain('# TYPE http_requests_total counter');
    expect(text).toMatch(
      /^http_requests_total\{service="checkout",route="\/checkout",method="POST",code="201"\} \d+$/m
    );
    expect(text).not.toContain('service="api-gateway"');
  });

  it('serves every service without a service parameter', async () => {
    const { text } = await fetchText(`${base}/metrics`);
    for (const service of ['checkout', 'api-gateway', 'search', 'web', 'orders-etl']) {
      expect(text).toContain(`service="${service}"`);
    }
    expect(text).toMatch(/^pipeline_last_success_timestamp_seconds\{service="orders-etl",pipeline="orders"\} \d+$/m);
  });

  it('declares a burst of server errors on demand, and refuses bad parameters', async () => {
    clock = t0 + 1200;
    const before = (await fetchText(`${base}/metrics?service=checkout`)).text;
    const declared = await post(`${base}/incidents?service=checkout&ratio=0.5&seconds=300`);
    expect(declared.status).toBe(201);
    expect(JSON.parse(declared.text)).toEqual({ service: 'checkout', ratio: 0.5, start: t0 + 1200, end: t0 + 1500 });
    clock = t0 + 1500;
    const after = (await fetchText(`${base}/metrics?service=checkout`)).text;
    const all = checkoutRequests(after, /./) - checkoutRequests(before, /./);
    const errors = checkoutRequests(after, /^5/) - checkoutRequests(before, /^5/);
    // Half the requests of the failing routes, plus the usual few; steady routes never fail.
    expect(errors / all).toBeGreaterThan(0.3);
    expect(errors / all).toBeLessThanOrEqual(0.51);
    expect((await post(`${base}/incidents?service=orders-etl&ratio=0.5&seconds=60`)).status).toBe(400);
    expect((await post(`${base}/incidents?service=checkout&ratio=1.5&seconds=60`)).text).toContain('ratio must be');
    expect((await post(`${base}/incidents?service=checkout&ratio=0.5`)).status).toBe(400);
  });

  it('answers 404 for an unknown service or path', async () => {
    expect((await fetchText(`${base}/metrics?service=nope`)).status).toBe(404);
    expect((await fetchText(`${base}/nope`)).status).toBe(404);
    expect((await fetchText(`${base}/healthz`)).status).toBe(200);
  });
});
