/**
 * Synthetic counters for the accuracy test: 32 days at a 60s step, with the exact number of good, bad
 * and total events of every minute kept in memory as the ground truth, and the SLOs that read them.
 *
 * Sample i (i = 0..MINUTES) is at t0 + 60 i and holds the events of minutes 1..i; minute i is the
 * interval (t0 + 60 (i - 1), t0 + 60 i]. Counters start at 0 at t0. The generic parts (PRNG, cumulative
 * series, OpenMetrics text, exact sums, the web and search services) live in bench/lib, shared with the
 * benchmark.
 */

import { Random, type Family, type Truth } from '../../bench/lib/counters';
import {
  SEARCH_LATENCY,
  WEB_AVAILABILITY,
  dayCycle,
  drawOutcomes,
  during,
  outcomeCounters,
  searchTraffic,
  webTraffic,
  type MinuteCounts,
  type SampleSeries,
} from '../../bench/lib/traffic';
import { sloDocument, type SloSpec } from '../../bench/lib/slos';

export const STEP_SECONDS = 60;
export const DAYS = 32;
export const MINUTES = DAYS * 1440;

/** A ratio of good events, one SLI per cluster. */
const ORDERS_BY_CLUSTER: SloSpec = {
  name: 'orders-by-cluster',
  service: 'orders',
  indicator: {
    type: 'ratio',
    total: 'orders_processed_total{job="orders"}',
    good: 'orders_processed_total{job="orders", outcome="ok"}',
    groupBy: ['cluster'],
  },
  target: '99.5%',
};

/** The SLOs under test, over 30 days. */
export const SLO_DOCUMENTS = [WEB_AVAILABILITY, ORDERS_BY_CLUSTER, SEARCH_LATENCY].map((spec) =>
  sloDocument(spec, '30d')
);

export interface Scenario {
  families: Family[];
  truths: Truth[];
  /** Human-readable notes of what happens when, for the report. */
  events: string[];
}

export function minuteOf(day: number, hour: number, minute = 0): number {
  return day * 1440 + hour * 60 + minute + 1;
}

export function generateScenario(seed = 20250301): Scenario {
  const random = new Random(seed);
  // Minutes counted from a UTC midnight (any t0 of the test is one).
  const cycle = dayCycle(0, STEP_SECONDS);
  const events: string[] = [];

  // --- web-availability: 2 instances, 5xx more frequent at night, a 3h outage, a counter reset.
  const webOutage = [minuteOf(20, 13), minuteOf(20, 16)] as const;
  const webReset = minuteOf(25, 9, 17);
  events.push(
    'web: 200 req/s at 14:00 UTC, 20 req/s at 02:00; 5xx 0.02% by day, 0.2% by night; ' +
      'outage day 20 13:00-16:00 UTC (4% 5xx); web-2 restarts (counter reset) day 25 09:17'
  );
  const web = webTraffic(random, cycle, MINUTES, webOutage, webReset);

  // --- orders-by-cluster: groupBy cluster, eu with 10x the traffic of us, good-events SLI.
  const usOutage = [minuteOf(27, 2), minuteOf(27, 6)] as const;
  events.push(
    'orders: eu 50 req/s peak at 13:00 (errors 0.1% by day, 0.6% by night), us 5 req/s peak at 20:00 ' +
      '(0.3% errors); us outage day 27 02:00-06:00 UTC (40% errors)'
  );
  const orders: Record<string, MinuteCounts> = {};
  const ordersSeries: SampleSeries[] = [];
  for (const [cluster, peak, peakHour] of [
    ['eu', 3000, 13],
    ['us', 300, 20],
  ] as const) {
    const counts = drawOutcomes(
      random,
      MINUTES,
      (i) => peak * cycle.shape(i, peakHour),
      (i) => {
        if (cluster === 'eu') {
          return 0.001 + 0.005 * cycle.night(i, peakHour);
        }
        return during(i, usOutage) ? 0.4 : 0.003;
      }
    );
    orders[cluster] = counts;
    ordersSeries.push(
      ...outcomeCounters('orders_processed_total', { job: 'orders', cluster }, 'outcome', ['ok', 'error'], counts)
    );
  }

  // --- search-latency: a classic histogram; slow requests (> 250 ms) are more frequent under load.
  const slowIncident = [minuteOf(22, 10), minuteOf(22, 12)] as const;
  events.push('search: 100 req/s peak at 15:00; > 250 ms 0.2% at night, 0.8% at the peak; day 22 10:00-12:00 UTC 20%');
  const search = searchTraffic(random, cycle, MINUTES, slowIncident);

  return {
    families: [
      { name: 'http_requests', type: 'counter', series: web.series },
      { name: 'orders_processed', type: 'counter', series: ordersSeries },
      { name: 'search_request_duration_seconds', type: 'histogram', series: search.series },
    ],
    truths: [
      { key: WEB_AVAILABILITY.name, ...web.truth },
      { key: `${ORDERS_BY_CLUSTER.name}{cluster="eu"}`, ...orders.eu },
      { key: `${ORDERS_BY_CLUSTER.name}{cluster="us"}`, ...orders.us },
      { key: SEARCH_LATENCY.name, ...search.truth },
    ],
    events,
  };
}
