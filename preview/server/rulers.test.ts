import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { FakeConvertApi } from '../../src/testing/convertServer';
import { convertNamespaceKey } from './convertRules';
import { namespaceFileName } from './ruleFiles';
import { DatasourceRulers } from './rulers';

/** A stand-in for one Prometheus's `POST /-/reload`: counts its reloads. */
async function fakePrometheus() {
  let reloads = 0;
  const server = http.createServer((req, res) => {
    if (req.method === 'POST' && req.url === '/-/reload') {
      reloads++;
      res.writeHead(200).end();
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    reloads: () => reloads,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const group = (name: string) => ({
  name,
  interval: '30s',
  rules: [{ record: `slo:${name}:ratio`, expr: 'vector(1)' }],
});
const rules = (uid: string, suffix = '') => `/api/ruler/${uid}/api/v1/rules${suffix}`;

/** The groups in a rule folder, by file. */
function folder(dir: string): Record<string, unknown> {
  return Object.fromEntries(
    fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => [f, YAML.parse(fs.readFileSync(path.join(dir, f), 'utf8'))])
  );
}

describe('a ruler per datasource, each writing to its own Prometheus', () => {
  let tmp: string;
  let main: Awaited<ReturnType<typeof fakePrometheus>>;
  let eu: Awaited<ReturnType<typeof fakePrometheus>>;
  let rulers: DatasourceRulers;
  const dirs = { main: '', eu: '' };

  beforeEach(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rulers-test-'));
    dirs.main = path.join(tmp, 'prometheus', 'deployed');
    dirs.eu = path.join(tmp, 'prometheus-eu', 'deployed');
    [main, eu] = await Promise.all([fakePrometheus(), fakePrometheus()]);
    rulers = new DatasourceRulers({
      // `memory` has a ruler but no Prometheus of the preview's: its groups stay in memory.
      datasourceUids: ['prometheus', 'prometheus-eu', 'memory'],
      deployedRules: {
        prometheus: { dir: dirs.main, prometheusUrl: main.url },
        'prometheus-eu': { dir: dirs.eu, prometheusUrl: eu.url },
      },
      promtool: null,
    });
  });

  afterEach(async () => {
    await Promise.all([main.close(), eu.close()]);
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('writes a group deployed to prometheus-eu to that Prometheus’s folder and reloads it alone', async () => {
    expect(await rulers.handle('POST', rules('prometheus-eu', '/burnrate'), group('orders'))).toEqual({
      status: 202,
      data: { message: 'rule group saved' },
    });
    expect(folder(dirs.eu)).toEqual({ [namespaceFileName('burnrate')]: { groups: [group('orders')] } });
    expect(folder(dirs.main)).toEqual({});
    expect([main.reloads(), eu.reloads()]).toEqual([0, 1]);

    // Each datasource's ruler knows its own groups only, as Mimir's tenants do.
    expect(await rulers.handle('GET', rules('prometheus-eu'), undefined)).toEqual({
      status: 200,
      data: { burnrate: [group('orders')] },
    });
    expect(await rulers.handle('GET', rules('prometheus'), undefined)).toEqual({ status: 200, data: {} });
    expect(await rulers.handle('GET', rules('prometheus', '/burnrate'), undefined)).toEqual({
      status: 404,
      data: { message: 'no rule groups found' },
    });
  });

  it('keeps the same namespace apart on two datasources, and deletes on one only', async () => {
    await rulers.handle('POST', rules('prometheus', '/burnrate'), group('checkout'));
    await rulers.handle('POST', rules('prometheus-eu', '/burnrate'), group('orders'));
    expect(folder(dirs.main)).toEqual({ [namespaceFileName('burnrate')]: { groups: [group('checkout')] } });
    expect(folder(dirs.eu)).toEqual({ [namespaceFileName('burnrate')]: { groups: [group('orders')] } });

    expect((await rulers.handle('DELETE', rules('prometheus-eu', '/burnrate'), undefined))?.status).toBe(202);
    expect(folder(dirs.eu)).toEqual({});
    expect(folder(dirs.main)).toEqual({ [namespaceFileName('burnrate')]: { groups: [group('checkout')] } });
    expect([main.reloads(), eu.reloads()]).toEqual([1, 2]);
  });

  it('keeps the groups of a datasource without a Prometheus of its own in memory', async () => {
    expect((await rulers.handle('POST', rules('memory', '/burnrate'), group('login')))?.status).toBe(202);
    expect(rulers.rulerOf('memory')?.namespaces.get('burnrate')).toEqual([group('login')]);
    expect(rulers.syncOf('memory')).toBeUndefined();
    expect([folder(dirs.main), folder(dirs.eu)]).toEqual([{}, {}]);
    expect([main.reloads(), eu.reloads()]).toEqual([0, 0]);
  });

  it('answers an unknown datasource as a datasource without a ruler, and other paths not at all', async () => {
    expect(await rulers.handle('GET', rules('nope'), undefined)).toEqual({
      status: 404,
      data: { message: '404 page not found' },
    });
    expect(await rulers.handle('GET', '/api/ruler/prometheus/api/v1/alerts', undefined)).toBeUndefined();
  });

  it('runs a Grafana-managed import on the Prometheus of the datasource its rules query', async () => {
    const api = new FakeConvertApi({
      datasourceUids: new Set(['prometheus', 'prometheus-eu']),
      recordingRulesEnabled: true,
    });
    const answer = await rulers.handleConvert(api, {
      method: 'POST',
      path: '/api/convert/prometheus/config/v1/rules/SLOs',
      headers: { 'content-type': 'application/json', 'X-Grafana-Alerting-Datasource-UID': 'prometheus-eu' },
      body: JSON.stringify(group('orders')),
    });
    expect(answer?.status).toBe(202);
    const file = namespaceFileName(convertNamespaceKey('SLOs'));
    expect(folder(dirs.eu)).toEqual({ [file]: { groups: [group('orders')] } });
    expect(folder(dirs.main)).toEqual({});

    // A group of the same folder on the other datasource goes to its own Prometheus; the first stays.
    await rulers.handleConvert(api, {
      method: 'POST',
      path: '/api/convert/prometheus/config/v1/rules/SLOs',
      headers: { 'content-type': 'application/json', 'X-Grafana-Alerting-Datasource-UID': 'prometheus' },
      body: JSON.stringify(group('checkout')),
    });
    expect(folder(dirs.main)).toEqual({ [file]: { groups: [group('checkout')] } });
    expect(folder(dirs.eu)).toEqual({ [file]: { groups: [group('orders')] } });
  });
});
