import { hash32, unitRandom } from './random.ts';
import {
  diurnalFactor,
  incidentMagnitude,
  incidentsBetween,
  lastSuccessAt,
  logNormalCdf,
  logNormalMean,
  normalCdf,
  runSucceeded,
  type IncidentSpec,
  type PipelineSpec,
} from './model.ts';

const HOUR = 3600;
const DAY = 86400;
const T0 = Date.UTC(2025, 0, 6) / 1000; // a Monday, 00:00 UTC

describe('deterministic randomness', () => {
  it('gives the same number for the same seed and parts, another for another seed', () => {
    expect(unitRandom(1, 'checkout', 3)).toBe(unitRandom(1, 'checkout', 3));
    expect(unitRandom(1, 'checkout', 3)).not.toBe(unitRandom(2, 'checkout', 3));
    expect(unitRandom(1, 'checkout', 3)).not.toBe(unitRandom(1, 'checkout', 4));
  });

  it('spreads evenly over [0, 1)', () => {
    const draws = Array.from({ length: 10000 }, (_, i) => unitRandom(7, 'x', i));
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1);
    const mean = draws.reduce((a, b) => a + b, 0) / draws.length;
    expect(mean).toBeCloseTo(0.5, 1);
    expect(draws.filter((d) => d < 0.1).length).toBeGreaterThan(900);
    expect(draws.filter((d) => d < 0.1).length).toBeLessThan(1100);
  });

  it('hashes to unsigned 32-bit integers', () => {
    expect(Number.isInteger(hash32('a'))).toBe(true);
    expect(hash32('a')).toBeGreaterThanOrEqual(0);
    expect(hash32('a')).toBeLessThan(2 ** 32);
  });
});

describe('diurnalFactor', () => {
  it('peaks in the afternoon UTC and is lowest at night', () => {
    expect(diurnalFactor(T0 + 15 * HOUR)).toBeCloseTo(1.6);
    expect(diurnalFactor(T0 + 3 * HOUR)).toBeCloseTo(0.4);
    expect(diurnalFactor(T0 + 15 * HOUR + DAY)).toBeCloseTo(diurnalFactor(T0 + 15 * HOUR));
  });

  it('averages 1 over a day', () => {
    let sum = 0;
    for (let m = 0; m < 1440; m++) {
      sum += diurnalFactor(T0 + m * 60);
    }
    expect(sum / 1440).toBeCloseTo(1, 6);
  });
});

const bursts: IncidentSpec = {
  slotSeconds: 4 * HOUR,
  probability: 0.35,
  minSeconds: 120,
  maxSeconds: 720,
  minMagnitude: 0.01,
  maxMagnitude: 0.08,
};

describe('incidents', () => {
  const week = incidentsBetween(1, 'checkout/errors', T0, T0 + 7 * DAY, bursts);

  it('happen now and then: about probability × slots in a week', () => {
    expect(week.length).toBeGreaterThan(3);
    expect(week.length).toBeLessThan(25);
    for (const incident of week) {
      expect(incident.end - incident.start).toBeGreaterThanOrEqual(120);
      expect(incident.end - incident.start).toBeLessThanOrEqual(720);
      expect(incident.magnitude).toBeGreaterThanOrEqual(0.01);
      expect(incident.magnitude).toBeLessThan(0.08);
    }
  });

  it('have their magnitude during the incident and 0 outside it', () => {
    const incident = week[0];
    expect(incidentMagnitude(1, 'checkout/errors', incident.start, bursts)).toBe(incident.magnitude);
    expect(incidentMagnitude(1, 'checkout/errors', incident.end - 1, bursts)).toBe(incident.magnitude);
    expect(incidentMagnitude(1, 'checkout/errors', incident.end, bursts)).toBe(0);
    expect(incidentMagnitude(1, 'checkout/errors', incident.start - 1, bursts)).toBe(0);
  });

  it('depend on the seed', () => {
    const other = incidentsBetween(2, 'checkout/errors', T0, T0 + 7 * DAY, bursts);
    expect(other).not.toEqual(week);
    expect(incidentsBetween(1, 'checkout/errors', T0, T0 + 7 * DAY, bursts)).toEqual(week);
  });
});

describe('log-normal latency', () => {
  it('has half of the requests under the median', () => {
    expect(logNormalCdf(0.2, 0.2, 0.5)).toBeCloseTo(0.5, 6);
    expect(normalCdf(1.6448536)).toBeCloseTo(0.95, 5);
    expect(normalCdf(-1.6448536)).toBeCloseTo(0.05, 5);
  });

  it('is monotonic in the bucket bound, 0 at 0 and 1 at +Inf', () => {
    const bounds = [0, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, Infinity];
    const cdf = bounds.map((le) => logNormalCdf(le, 0.14, 0.55));
    expect(cdf[0]).toBe(0);
    expect(cdf[cdf.length - 1]).toBe(1);
    for (let i = 1; i < cdf.length; i++) {
      expect(cdf[i]).toBeGreaterThanOrEqual(cdf[i - 1]);
    }
  });

  it('has a mean above the median', () => {
    expect(logNormalMean(0.1, 0.5)).toBeCloseTo(0.1 * Math.exp(0.125), 10);
  });
});

describe('pipelines', () => {
  const orders: PipelineSpec = {
    name: 'orders',
    intervalSeconds: 300,
    runSeconds: 40,
    failureProbability: 0.05,
    recordsPerSecond: 25,
    outages: {
      slotSeconds: 12 * HOUR,
      probability: 0.25,
      minSeconds: 1800,
      maxSeconds: 7200,
      minMagnitude: 1,
      maxMagnitude: 1,
    },
  };

  it('report the finish of the last successful run, never in the future', () => {
    for (let t = T0; t < T0 + DAY; t += 997) {
      const last = lastSuccessAt(1, orders, t);
      expect(last).toBeLessThanOrEqual(t);
      expect((last - orders.runSeconds) % orders.intervalSeconds).toBe(0);
      expect(runSucceeded(1, orders, (last - orders.runSeconds) / orders.intervalSeconds)).toBe(true);
    }
  });

  it('go stale during outages: over a week, some minutes above an hour, most below', () => {
    let stale = 0;
    let total = 0;
    for (let t = T0; t < T0 + 7 * DAY; t += 60) {
      total++;
      if (t - lastSuccessAt(1, orders, t) >= 3600) {
        stale++;
      }
    }
    expect(stale).toBeGreaterThan(0);
    expect(stale / total).toBeLessThan(0.05);
  });
});
