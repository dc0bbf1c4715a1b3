/**
 * A scrape target on 127.0.0.1 that continues the generated counters past the end of the backfilled
 * history, so that rules evaluated live by Prometheus read recent samples as in production. Each
 * minute after the end repeats the increments of the same minute one day earlier.
 */
import http from 'node:http';
import type { Family } from './counters';

export interface Feeder {
  port: number;
  close(): Promise<void>;
}

export async function startFeeder(families: Family[], end: number, step: number): Promise<Feeder> {
  const perDay = Math.round(86400 / step);
  const series = families.flatMap((f) => f.series);
  // Per series: its last value and the increments of its last day (a reset counts its new value).
  const state = series.map((s) => {
    const n = s.values.length - 1;
    const increments = new Float64Array(perDay);
    for (let k = 0; k < perDay; k++) {
      const i = n - perDay + 1 + k;
      const before = i > 0 ? s.values[i - 1] : 0;
      const now = i > 0 ? s.values[i] : 0;
      increments[k] = now >= before ? now - before : now;
    }
    const labels = Object.entries(s.labels)
      .map(([k, v]) => `${k}="${v}"`)
      .join(',');
    return { prefix: `${s.sample}{${labels}} `, last: s.values[n], increments };
  });
  const valueAt = (k: number, t: number) => {
    const steps = Math.max(0, Math.floor((t - end) / step));
    const { last, increments } = state[k];
    let v = last;
    for (let j = 0; j < steps; j++) {
      v += increments[j % perDay];
    }
    return v;
  };
  const server = http.createServer((req, res) => {
    const t = Date.now() / 1000;
    const body = state.map((s, k) => `${s.prefix}${valueAt(k, t)}\n`).join('');
    res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4' });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Scrape configuration for the feeder: keep its labels, and add no instance label of our own. */
export function feederScrapeConfig(port: number, scrapeInterval: string): string {
  return [
    'scrape_configs:',
    '  - job_name: feeder',
    `    scrape_interval: ${scrapeInterval}`,
    '    honor_labels: true',
    '    static_configs:',
    `      - targets: ['127.0.0.1:${port}']`,
    '    metric_relabel_configs:',
    '      - source_labels: [instance]',
    "        regex: '127\\.0\\.0\\.1:[0-9]+'",
    '        target_label: instance',
    "        replacement: ''",
    '',
  ].join('\n');
}
