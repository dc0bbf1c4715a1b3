import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CATALOGUE } from './catalogue';
import { historyOrigin, writeHistory } from './history';
import { Simulation } from './sim';

const NOW = 1_800_000_000;
const DAY = 86400;

/** The last value of a series in an OpenMetrics file. */
function lastValue(text: string, prefix: string): { value: number; time: number } {
  const lines = text.split('\n').filter((l) => l.startsWith(prefix));
  const [value, time] = lines[lines.length - 1].slice(prefix.length).split(' ').map(Number);
  return { value, time };
}

describe('the demo history', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'history-test-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const options = { days: 2, step: 60, seed: 1, instance: 'traffic:9464', now: NOW };
  const files: string[] = [];
  const origin = writeHistory(CATALOGUE, options, dir, (f) => files.push(f));

  it('starts on a whole hour, the given days back, and writes one file a day with the origin', () => {
    expect(origin).toBe(historyOrigin(options));
    expect(origin % 3600).toBe(0);
    expect(NOW - origin).toBeGreaterThanOrEqual(2 * DAY);
    expect(NOW - origin).toBeLessThan(2 * DAY + 3600);
    expect(files.map((f) => path.basename(f))).toEqual(['day-00.om', 'day-01.om', 'day-02.om']);
    expect(fs.readFileSync(path.join(dir, 'origin'), 'utf8')).toBe(`${origin}\n`);
  });

  it('holds the scraped labels and only the families the storyline names', () => {
    const text = fs.readFileSync(files[0], 'utf8');
    expect(text).toMatch(/^# TYPE http_requests counter$/m);
    expect(text).toContain('job="checkout",instance="traffic:9464"} ');
    expect(text).not.toContain('job="web"');
    expect(text.trimEnd().endsWith('# EOF')).toBe(true);
  });

  it('ends where a generator started at the same origin continues: the same counters, no jump', () => {
    const prefix =
      'http_requests_total{service="checkout",route="/cart",method="GET",code="200",job="checkout",instance="traffic:9464"} ';
    const last = lastValue(fs.readFileSync(files[files.length - 1], 'utf8'), prefix);
    const live = new Simulation(CATALOGUE, {
      seed: 1,
      origin,
      storyline: true,
      stepSeconds: CATALOGUE.storyline.stepSeconds,
    });
    const cart = (t: number) =>
      live
        .families(t)
        .find((f) => f.name === 'http_requests_total')!
        .samples.find(
          (s) => s.service === 'checkout' && s.sample.labels.some(([k, v]) => k === 'route' && v === '/cart')
        )!.sample.value;
    expect(cart(last.time)).toBe(last.value);
    const later = cart(last.time + 60);
    expect(later).toBeGreaterThan(last.value);
    // A minute of /cart at most: 40 req/s, 35% of them, at the top of the day (x1.6) and of the jitter (x1.1).
    expect(later - last.value).toBeLessThan(60 * 40 * 0.35 * 1.6 * 1.1);
  });

  it('plays the storyline: the declared restart resets the counters of its service', () => {
    const restart = CATALOGUE.storyline.restarts[0];
    const sim = new Simulation(CATALOGUE, { seed: 1, origin: 0, storyline: true, stepSeconds: 60 });
    const count = (t: number) =>
      sim
        .families(t)
        .find((f) => f.name === 'http_request_duration_seconds')!
        .samples.find((s) => s.service === restart.service && s.sample.name.endsWith('_count'))!.sample.value;
    const before = count(restart.atSeconds - 60);
    expect(before).toBeGreaterThan(1000);
    expect(count(restart.atSeconds + 60)).toBeLessThan(before / 100);
  });
});
