import { CATALOGUE } from './catalogue.ts';
import { Simulation, type Family } from './sim.ts';

const T0 = Date.UTC(2025, 0, 6, 12) / 1000;

function values(families: Family[]): Map<string, number> {
  const map = new Map<string, number>();
  for (const f of families) {
    for (const { sample } of f.samples) {
      map.set(`${sample.name}${JSON.stringify(sample.labels)}`, sample.value);
    }
  }
  return map;
}

function sample(families: Family[], name: string, labels: Record<string, string>): number {
  for (const f of families) {
    for (const { sample: s } of f.samples) {
      if (
        s.name === name &&
        Object.entries(labels).every(([k, v]) => s.labels.some(([lk, lv]) => lk === k && lv === v))
      ) {
        return s.value;
      }
    }
  }
  throw new Error(`no sample ${name} ${JSON.stringify(labels)}`);
}

describe('Simulation', () => {
  it('starts every counter at 0, with every label combination present', () => {
    const sim = new Simulation(CATALOGUE, { seed: 1, origin: T0 });
    const families = sim.families(T0);
    const counters = families.filter((f) => f.type !== 'gauge');
    for (const f of counters) {
      for (const { sample: s } of f.samples) {
        expect(s.value).toBe(0);
      }
    }
    expect(sample(families, 'http_requests_total', { service: 'checkout', route: '/checkout', code: '503' })).toBe(0);
  });

  it('is deterministic: the same seed gives the same values however often it is scraped', () => {
    const often = new Simulation(CATALOGUE, { seed: 42, origin: T0 });
    for (let t = T0; t < T0 + 3600; t += 60) {
      often.families(t);
    }
    const once = new Simulation(CATALOGUE, { seed: 42, origin: T0 });
    expect(values(often.families(T0 + 3600))).toEqual(values(once.families(T0 + 3600)));
    const other = new Simulation(CATALOGUE, { seed: 43, origin: T0 });
    expect(values(other.families(T0 + 3600))).not.toEqual(values(once.families(T0 + 3600)));
  });

  it('keeps counters whole and monotonic, histogram buckets cumulative and +Inf equal to the count', () => {
    const sim = new Simulation(CATALOGUE, { seed: 1, origin: T0 });
    let previous = values(sim.families(T0));
    for (let t = T0 + 7; t < T0 + 3600; t += 97) {
      const families = sim.families(t);
      const now = values(families);
      for (const f of families.filter((x) => x.type !== 'gauge')) {
        for (const { sample: s } of f.samples) {
          const key = `${s.name}${JSON.stringify(s.labels)}`;
          expect(s.value).toBeGreaterThanOrEqual(previous.get(key) ?? 0);
          if (!s.name.endsWith('_sum')) {
            expect(Number.isInteger(s.value)).toBe(true);
          }
        }
      }
      previous = now;
    }
    const families = sim.families(T0 + 3600);
    const histogram = families.find((f) => f.name === 'http_request_duration_seconds')!;
    const labels = { service: 'api-gateway', route: '/api/search' };
    const buckets = histogram.samples
      .map(({ sample: s }) => s)
      .filter((s) => s.name.endsWith('_bucket') && s.labels.some(([k, v]) => k === 'route' && v === labels.route))
      .filter((s) => s.labels.some(([k, v]) => k === 'service' && v === labels.service));
    expect(buckets.map((s) => s.labels.find(([k]) => k === 'le')![1])).toEqual([
      '0.05',
      '0.1',
      '0.25',
      '0.5',
      '1',
      '2.5',
      '5',
      '+Inf',
    ]);
    for (let i = 1; i < buckets.length; i++) {
      expect(buckets[i].value).toBeGreaterThanOrEqual(buckets[i - 1].value);
    }
    expect(buckets[buckets.length - 1].value).toBe(sample(families, 'http_request_duration_seconds_count', labels));
    expect(sample(families, 'http_request_duration_seconds_sum', labels)).toBeGreaterThan(0);
  });

  it('calm: only the base error ratio over a month of days, whatever the seeded bursts', () => {
    const ratio = (calm: boolean) => {
      const sim = new Simulation(CATALOGUE, { seed: 1, origin: T0, calm, stepSeconds: 60 });
      const families = sim.families(T0 + 30 * 86400);
      const samples = families
        .find((f) => f.name === 'http_requests_total')!
        .samples.filter((s) => s.service === 'checkout');
      const sum = (pick: (code: string) => boolean) =>
        samples
          .filter((s) => pick(s.sample.labels.find(([k]) => k === 'code')![1]))
          .reduce((a, s) => a + s.sample.value, 0);
      return sum((c) => c.startsWith('5')) / sum(() => true);
    };
    const base = CATALOGUE.http.find((s) => s.name === 'checkout')!.serverErrorRatio;
    // Steady routes (/health) never fail, so the calm ratio is at most the base ratio.
    expect(ratio(true)).toBeLessThanOrEqual(base * 1.05);
    expect(ratio(false)).toBeGreaterThan(ratio(true));
  });

  it('serves about the configured rate, with few server errors on checkout', () => {
    const sim = new Simulation(CATALOGUE, { seed: 1, origin: T0 });
    const families = sim.families(T0 + 3600);
    const checkout = families
      .find((f) => f.name === 'http_requests_total')!
      .samples.filter((s) => s.service === 'checkout')
      .map((s) => s.sample);
    const total = checkout.reduce((a, s) => a + s.value, 0);
    // 40/s at the diurnal mean; noon UTC is near the peak (x1.6 at 15:00).
    expect(total / 3600).toBeGreaterThan(40);
    expect(total / 3600).toBeLessThan(80);
    const serverErrors = checkout.filter((s) => s.labels.some(([k, v]) => k === 'code' && v.startsWith('5')));
    const bad = serverErrors.reduce((a, s) => a + s.value, 0);
    expect(bad / total).toBeLessThan(0.05);
    const health = checkout.filter((s) => s.labels.some(([k, v]) => k === 'route' && v === '/health'));
    expect(health.filter((s) => s.value > 0).map((s) => s.labels.find(([k]) => k === 'code')![1])).toEqual(['200']);
  });

  it('runs faster with speed, and anchors the freshness timestamp at the real clock', () => {
    const sim = new Simulation(CATALOGUE, { seed: 1, origin: T0, speed: 60 });
    expect(sim.simulatedTime(T0 + 60)).toBe(T0 + 3600);
    const real = T0 + 60;
    const families = sim.families(sim.simulatedTime(real), real);
    const last = sample(families, 'pipeline_last_success_timestamp_seconds', { pipeline: 'orders' });
    expect(last).toBeLessThanOrEqual(real);
    expect(sample(families, 'pipeline_runs_total', { pipeline: 'orders', result: 'success' })).toBeGreaterThan(5);
  });

  it('never goes back in time', () => {
    const sim = new Simulation(CATALOGUE, { seed: 1, origin: T0 });
    const later = values(sim.families(T0 + 600));
    expect(values(sim.families(T0 + 300, T0 + 600))).toEqual(later);
  });
});
