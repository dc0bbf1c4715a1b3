/**
 * @jest-environment node
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { dsQuery } from './prometheus';

/** A Prometheus that answers nothing: it records each query and whether its connection closed unanswered. */
async function silentPrometheus() {
  const queries: Array<{ query: string; closed: boolean }> = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const seen = { query: new URLSearchParams(body).get('query') ?? '', closed: false };
      queries.push(seen);
      res.on('close', () => (seen.closed = !res.writableFinished));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, queries, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('dsQuery', () => {
  it('stops its queries in Prometheus when the caller goes away, and starts no more', async () => {
    const prometheus = await silentPrometheus();
    try {
      const controller = new AbortController();
      const body = {
        queries: [
          { refId: 'A', expr: 'up', instant: true },
          { refId: 'B', expr: 'vector(1)', instant: true },
        ],
      };
      const datasources = [{ uid: 'prom', name: 'Prometheus', url: prometheus.url, scrapeInterval: '15s' }];
      const answer = dsQuery(datasources, body, Date.now(), controller.signal);
      for (let i = 0; i < 500 && prometheus.queries.length === 0; i++) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      controller.abort();
      await answer;
      // The connection of the query under way closes unanswered; the second query is never sent.
      for (let i = 0; i < 100 && !prometheus.queries[0].closed; i++) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      expect(prometheus.queries).toEqual([{ query: 'up', closed: true }]);
    } finally {
      await prometheus.close();
    }
  });
});
