import { get } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CATALOGUE } from './catalogue.ts';
import { createTrafficServer, parseListen, parseOptions } from './server.ts';
import { Simulation } from './sim.ts';

describe('options', () => {
  it('has defaults for local use', () => {
    expect(parseOptions([])).toEqual({ host: '127.0.0.1', port: 9464, seed: 1, speed: 1, help: false });
  });

  it('reads --listen, --seed and --speed', () => {
    expect(parseOptions(['--listen', '0.0.0.0:9000', '--seed', '7', '--speed', '60'])).toEqual({
      host: '0.0.0.0',
      port: 9000,
      seed: 7,
      speed: 60,
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

  it('answers 404 for an unknown service or path', async () => {
    expect((await fetchText(`${base}/metrics?service=nope`)).status).toBe(404);
    expect((await fetchText(`${base}/nope`)).status).toBe(404);
    expect((await fetchText(`${base}/healthz`)).status).toBe(200);
  });
});
