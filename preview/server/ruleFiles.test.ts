import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { FakeRuler } from '../../src/testing/rulerServer';
import { handleRulerEvaluated, namespaceFileName, RuleFileSync } from './ruleFiles';

/** A stand-in for Prometheus's `POST /-/reload`: records what the rule folder held at each reload. */
async function fakePrometheus(dir: string) {
  const reloads: Array<Record<string, unknown>> = [];
  let refuse: string | undefined;
  const server = http.createServer((req, res) => {
    if (req.method === 'POST' && req.url === '/-/reload') {
      const files = fs.readdirSync(dir).filter((f) => f.endsWith('.yaml'));
      reloads.push(Object.fromEntries(files.map((f) => [f, YAML.parse(fs.readFileSync(path.join(dir, f), 'utf8'))])));
      if (refuse) {
        res.writeHead(500).end(`${refuse}\n`);
        return;
      }
      res.writeHead(200).end();
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    reloads,
    refuseWith: (message: string | undefined) => {
      refuse = message;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const RULES = '/api/ruler/prom/api/v1/rules';
const group = (name: string, expr = 'vector(1)') => ({
  name,
  interval: '30s',
  rules: [{ record: `slo:${name}:ratio`, expr }],
});

describe('deployed rule groups evaluated by the preview Prometheus', () => {
  let dir: string;
  let prometheus: Awaited<ReturnType<typeof fakePrometheus>>;
  let ruler: FakeRuler;
  let sync: RuleFileSync;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rule-files-test-'));
    prometheus = await fakePrometheus(dir);
    ruler = new FakeRuler(new Set(['prom']));
    sync = new RuleFileSync({ dir, prometheusUrl: prometheus.url, promtool: null });
  });

  afterEach(async () => {
    await prometheus.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const call = (method: string, suffix: string, body?: unknown) =>
    handleRulerEvaluated(ruler, sync, method, `${RULES}${suffix}`, body);

  it('writes one file per namespace, groups in order, and reloads after each change', async () => {
    expect(await call('POST', '/burnrate', group('checkout'))).toEqual({
      status: 202,
      data: { message: 'rule group saved' },
    });
    await call('POST', '/burnrate', group('search'));
    await call('POST', '/other', group('login'));

    const file = namespaceFileName('burnrate');
    expect(prometheus.reloads).toHaveLength(3);
    expect(prometheus.reloads[2]).toEqual({
      [file]: { groups: [group('checkout'), group('search')] },
      [namespaceFileName('other')]: { groups: [group('login')] },
    });
  });

  it('keeps the file of a namespace, and a replaced group keeps its place', async () => {
    await call('POST', '/burnrate', group('checkout'));
    await call('POST', '/burnrate', group('search'));
    await call('POST', '/burnrate', group('checkout', 'vector(2)'));

    expect(fs.readdirSync(dir)).toEqual([namespaceFileName('burnrate')]);
    expect(prometheus.reloads[2]).toEqual({
      [namespaceFileName('burnrate')]: { groups: [group('checkout', 'vector(2)'), group('search')] },
    });
  });

  it('stops evaluating a deleted group, and removes the file of an emptied or deleted namespace', async () => {
    await call('POST', '/burnrate', group('checkout'));
    await call('POST', '/burnrate', group('search'));
    await call('POST', '/other', group('login'));

    expect((await call('DELETE', '/burnrate/checkout'))?.status).toBe(202);
    expect(prometheus.reloads[3][namespaceFileName('burnrate')]).toEqual({ groups: [group('search')] });

    await call('DELETE', '/burnrate/search');
    expect(prometheus.reloads[4]).toEqual({ [namespaceFileName('other')]: { groups: [group('login')] } });

    expect(await call('DELETE', '/other')).toEqual({ status: 202, data: { message: 'namespace deleted' } });
    expect(prometheus.reloads[5]).toEqual({});
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('answers a refused reload as the ruler error, and puts back the file and the ruler as they were', async () => {
    await call('POST', '/burnrate', group('checkout'));
    prometheus.refuseWith('failed to reload config: one or more errors occurred while applying the new configuration');

    expect(await call('POST', '/burnrate', group('search', 'sum('))).toEqual({
      status: 400,
      data: {
        message:
          'Prometheus did not reload the rules: failed to reload config: one or more errors occurred while applying the new configuration',
      },
    });
    expect(ruler.namespaces.get('burnrate')).toEqual([group('checkout')]);
    expect(YAML.parse(fs.readFileSync(path.join(dir, namespaceFileName('burnrate')), 'utf8'))).toEqual({
      groups: [group('checkout')],
    });

    prometheus.refuseWith(undefined);
    expect((await call('GET', '/burnrate'))?.data).toEqual({ burnrate: [group('checkout')] });
  });

  it('answers 502 when Prometheus does not answer, and keeps nothing of the change', async () => {
    await prometheus.close();
    const answer = await call('POST', '/burnrate', group('checkout'));
    expect(answer?.status).toBe(502);
    expect(ruler.namespaces.get('burnrate')).toBeUndefined();
    expect(fs.readdirSync(dir)).toEqual([]);
    prometheus = await fakePrometheus(dir);
  });

  it('does not touch the files or Prometheus for a refused or read-only call', async () => {
    expect((await call('POST', '/burnrate', { rules: [] }))?.status).toBe(400);
    expect((await call('DELETE', '/burnrate/missing'))?.status).toBe(404);
    expect((await call('GET', ''))?.status).toBe(200);
    expect(prometheus.reloads).toEqual([]);
  });

  it('runs concurrent changes one at a time', async () => {
    await Promise.all(['a', 'b', 'c'].map((name) => call('POST', '/burnrate', group(name))));
    expect(
      prometheus.reloads.map((r) => (r[namespaceFileName('burnrate')] as { groups: unknown[] }).groups.length)
    ).toEqual([1, 2, 3]);
  });

  const hasPromtool = spawnSync('promtool', ['--version']).status === 0;
  (hasPromtool ? it : it.skip)('with promtool, refuses an invalid group before Prometheus sees it', async () => {
    sync = new RuleFileSync({ dir, prometheusUrl: prometheus.url });
    const answer = await call('POST', '/burnrate', group('checkout', 'sum('));
    expect(answer?.status).toBe(400);
    expect(String((answer?.data as { message: string }).message)).toMatch(
      /^invalid rule group: .*"slo:checkout:ratio": could not parse expression/
    );
    expect(prometheus.reloads).toEqual([]);
    expect(fs.readdirSync(dir)).toEqual([]);

    expect((await call('POST', '/burnrate', group('checkout')))?.status).toBe(202);
    expect(prometheus.reloads).toHaveLength(1);
  });
});

describe('namespaceFileName', () => {
  it('is readable, safe as a file name and different for namespaces that read alike', () => {
    expect(namespaceFileName('burnrate')).toMatch(/^burnrate-[0-9a-f]{12}\.yaml$/);
    expect(namespaceFileName('../etc/passwd')).toMatch(/^__etc_passwd-[0-9a-f]{12}\.yaml$/);
    expect(namespaceFileName('a/b')).not.toEqual(namespaceFileName('a_b'));
    expect(namespaceFileName('x'.repeat(500)).length).toBeLessThan(100);
  });
});
