import { CATALOGUE } from './catalogue';
import { Simulation } from './sim';

/** Requests of a service (health checks left out, as its availability SLO leaves them out) and its 5xx, at t. */
function counts(sim: Simulation, t: number, service: string): { total: number; bad: number } {
  let total = 0;
  let bad = 0;
  for (const family of sim.families(t)) {
    if (family.name !== 'http_requests_total') {
      continue;
    }
    for (const { service: s, sample } of family.samples) {
      const labels = Object.fromEntries(sample.labels);
      if (s === service && labels.route !== '/health') {
        total += sample.value;
        bad += /^5/.test(labels.code) ? sample.value : 0;
      }
    }
  }
  return { total, bad };
}

describe("the demo's storyline", () => {
  // The start of the history at 12:00 UTC puts the fast burn at 03:00 UTC, the quietest hour: the least of
  // checkout's traffic, so the least budget it spends.
  const now = Date.UTC(2026, 11, 4, 12) / 1000;
  const origin = now - CATALOGUE.storyline.days * 86400;

  it.each([1, 2])('overspends the 30-day budget of checkout-availability (99.95%%), seed %i', (seed) => {
    const sim = new Simulation(CATALOGUE, { seed, origin, stepSeconds: 300, storyline: true });
    const start = counts(sim, now - 30 * 86400, 'checkout');
    const end = counts(sim, now, 'checkout');
    const budgetUsed = (end.bad - start.bad) / (end.total - start.total) / 0.0005;
    // Exhausted: the gate blocks changes to checkout at every risk, however the seeded bursts fell.
    expect(budgetUsed).toBeGreaterThan(1.05);
  });

  it.each([1, 2])('leaves search-availability (99.9%%) budget, its maintenance left out, seed %i', (seed) => {
    // search-availability does not count its Sunday window: the storyline without that weekly work.
    const catalogue = { ...CATALOGUE, storyline: { ...CATALOGUE.storyline, weekly: [] } };
    const sim = new Simulation(catalogue, { seed, origin, stepSeconds: 300, storyline: true });
    const start = counts(sim, now - 30 * 86400, 'search');
    const end = counts(sim, now, 'search');
    const budgetUsed = (end.bad - start.bad) / (end.total - start.total) / 0.001;
    expect(budgetUsed).toBeLessThan(0.9);
  });
});
