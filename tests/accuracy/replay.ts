/**
 * Replay on a real Prometheus: the window figure of an SLO whose rules started on day 20 of the
 * counters (stitched: raw counts before the first tile, recorded tiles after) and of one whose rules
 * never ran (raw over the whole window), against the exact counts, through the same planning and
 * queries as the app (src/decisions/replay.ts, src/promql/replay.ts).
 */
import type { Slo } from '../../src/slo/types';
import type { RuleGroup } from '../../src/rules/build';
import {
  FIRST_TILES_REF,
  instantsByUid,
  firstTilesQuery,
  planReplay,
  readReplayEvents,
  replayQueries,
  type ObjectivePlan,
  type ReplayRunner,
} from '../../src/decisions/replay';
import { countCounters, counterReadQueries, planCounterReads } from '../../src/decisions/replayCounters';
import { counterSelectors } from '../../src/promql/sli';
import { formatRangeSelector } from '../../src/promql/format';
import type { Prometheus } from '../../bench/lib/prometheus';

/** The SLO of the test under another uid, so that its recorded series are its own. */
export function variant(slo: Slo, suffix: string): Slo {
  return { ...slo, uid: `${slo.uid}-${suffix}` };
}

/** The roll-up group of an SLO's groups. */
export function rollupGroup(groups: RuleGroup[]): RuleGroup {
  const group = groups.find((g) => g.name.endsWith('-rollup'));
  if (!group) {
    throw new Error(`no roll-up group among ${groups.map((g) => g.name).join(', ')}`);
  }
  return group;
}

export interface ReplayRow {
  /** The truth key: the SLO's name and its group's labels. */
  key: string;
  uid: string;
  time: number;
  plan: ObjectivePlan;
  total: number;
  bad: number;
}

/** Runs instant queries at `time` through Prometheus's query API, as the app's runner does. */
function runnerAt(prometheus: Prometheus, time: number): ReplayRunner {
  return async (queries) => {
    const out: Record<string, Array<{ labels: Record<string, string>; value: number }>> = {};
    for (const { refId, expr } of queries) {
      out[refId] = (await prometheus.query(expr, time)).map((s) => ({ labels: s.metric, value: s.value }));
    }
    return out;
  };
}

/** Plans and reads the SLOs' window figures at `time` through Prometheus's query API, as the app does. */
export async function replayAt(
  prometheus: Prometheus,
  slos: Slo[],
  time: number,
  truthKeyOf: (slo: Slo, labels: Record<string, string>) => string
): Promise<ReplayRow[]> {
  const run = runnerAt(prometheus, time);
  const first = firstTilesQuery(slos, time)!;
  const plans = planReplay(slos, time, instantsByUid((await run([first]))[FIRST_TILES_REF]), '30s');
  const events = await readReplayEvents(plans, run);
  const rows: ReplayRow[] = [];
  for (const plan of plans) {
    const slo = slos.find((s) => s.uid === plan.sloUid)!;
    const mine = (labels: Record<string, string>) =>
      labels.slo_uid === plan.sloUid && labels.slo_window === plan.window;
    for (const total of events.totals.filter((s) => mine(s.labels))) {
      const key = truthKeyOf(slo, total.labels);
      const bad = events.bads.find((s) => mine(s.labels) && truthKeyOf(slo, s.labels) === key);
      rows.push({ key, uid: slo.uid, time, plan, total: total.value, bad: bad?.value ?? 0 });
    }
  }
  return rows;
}

/** Samples counted and wall time of some queries, the best wall time of a few runs. */
export interface Cost {
  samples: number;
  seconds: number;
  queries: number;
}

async function costOf(
  prometheus: Prometheus,
  rounds: Array<() => Array<{ expr: string }>>,
  time: number
): Promise<Cost> {
  let best: Cost | undefined;
  for (let run = 0; run < 3; run++) {
    const cost = { samples: 0, seconds: 0, queries: 0 };
    for (const round of rounds) {
      for (const { expr } of round()) {
        const { stats, seconds } = await prometheus.queryWithStats(expr, time);
        cost.samples += stats.totalQueryableSamples;
        cost.seconds += seconds;
        cost.queries += 1;
      }
    }
    best = best === undefined || cost.seconds < best.seconds ? cost : best;
  }
  return best!;
}

/**
 * The raw queries of SLOs without rules, the way the replay read them before (the tile arithmetic over
 * every series: two queries) and now (one counter read per selector, then the tile arithmetic for the
 * series it could not count), against a Pyrra-style `increase[window]` of the same counters (one query
 * per counter).
 */
export async function rawCost(prometheus: Prometheus, slos: Slo[], time: number): Promise<QueryCost> {
  const plans = planReplay(slos, time, new Map(), '30s');
  const before = await costOf(prometheus, [() => replayQueries(plans)], time);
  const reads = planCounterReads(plans);
  const run = runnerAt(prometheus, time);
  const counted = countCounters(plans, reads, await run(counterReadQueries(reads)));
  const countersOnly = await costOf(prometheus, [() => counterReadQueries(reads)], time);
  const after = await costOf(
    prometheus,
    [() => counterReadQueries(reads), () => replayQueries(plans, counted.selections)],
    time
  );
  const pyrra = await costOf(
    prometheus,
    [
      () =>
        slos.flatMap((slo) => {
          const counters = counterSelectors(slo.indicator)!;
          return [counters.total, counters.bad ?? counters.good!].map((counter) => ({
            expr: `sum(increase(${formatRangeSelector(counter, '30d')}))`,
          }));
        }),
    ],
    time
  );
  return { before, after, countersOnly, pyrra, reads: reads.length, apart: counted.apart, whole: counted.whole };
}

/**
 * Samples loaded (as Prometheus counts them: 2.42 leaves out the samples read inside subqueries, which
 * only the tile arithmetic uses) and wall time of the replay's raw queries, before and now, and of the
 * Pyrra-style queries.
 */
export interface QueryCost {
  before: Cost;
  after: Cost;
  /** The counter reads alone (no subquery: every sample counted). */
  countersOnly: Cost;
  pyrra: Cost;
  /** Counter reads (one per base selector). */
  reads: number;
  /** Selectors of one series read with the tile arithmetic after the counter reads, and selectors read whole. */
  apart: number;
  whole: number;
}
