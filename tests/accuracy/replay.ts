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
  REPLAY_BAD_REF,
  REPLAY_TOTAL_REF,
  firstTilesByUid,
  firstTilesQuery,
  planReplay,
  replayQueries,
  type ObjectivePlan,
} from '../../src/decisions/replay';
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

/** Plans and reads the SLOs' window figures at `time` through Prometheus's query API, as the app does. */
export async function replayAt(
  prometheus: Prometheus,
  slos: Slo[],
  time: number,
  truthKeyOf: (slo: Slo, labels: Record<string, string>) => string
): Promise<ReplayRow[]> {
  const run = async (queries: Array<{ refId: string; expr: string }>) => {
    const out: Record<string, Array<{ labels: Record<string, string>; value: number }>> = {};
    for (const { refId, expr } of queries) {
      out[refId] = (await prometheus.query(expr, time)).map((s) => ({ labels: s.metric, value: s.value }));
    }
    return out;
  };
  const first = firstTilesQuery(slos, time)!;
  const plans = planReplay(slos, time, firstTilesByUid((await run([first]))[FIRST_TILES_REF]), '30s');
  const answers = await run(replayQueries(plans));
  const rows: ReplayRow[] = [];
  for (const plan of plans) {
    const slo = slos.find((s) => s.uid === plan.sloUid)!;
    const mine = (labels: Record<string, string>) =>
      labels.slo_uid === plan.sloUid && labels.slo_window === plan.window;
    for (const total of answers[REPLAY_TOTAL_REF].filter((s) => mine(s.labels))) {
      const key = truthKeyOf(slo, total.labels);
      const bad = answers[REPLAY_BAD_REF].find((s) => mine(s.labels) && truthKeyOf(slo, s.labels) === key);
      rows.push({ key, uid: slo.uid, time, plan, total: total.value, bad: bad?.value ?? 0 });
    }
  }
  return rows;
}

/**
 * Samples loaded by the raw queries of SLOs without rules, against a Pyrra-style `increase[window]`
 * of the same counters (one query per counter).
 */
export async function rawCost(prometheus: Prometheus, slos: Slo[], time: number): Promise<QueryCost> {
  const plans = planReplay(slos, time, new Map(), '30s');
  const replay = { samples: 0, seconds: 0 };
  for (const { expr } of replayQueries(plans)) {
    const { stats, seconds } = await prometheus.queryWithStats(expr, time);
    replay.samples += stats.totalQueryableSamples;
    replay.seconds += seconds;
  }
  const pyrra = { samples: 0, seconds: 0 };
  for (const slo of slos) {
    const counters = counterSelectors(slo.indicator)!;
    for (const counter of [counters.total, counters.bad ?? counters.good!]) {
      const expr = `sum(increase(${formatRangeSelector(counter, '30d')}))`;
      const { stats, seconds } = await prometheus.queryWithStats(expr, time);
      pyrra.samples += stats.totalQueryableSamples;
      pyrra.seconds += seconds;
    }
  }
  return { replay, pyrra };
}

/**
 * Samples loaded (as Prometheus counts them: 2.42 leaves out the samples read inside subqueries) and
 * wall time of the replay's raw queries and of the Pyrra-style queries.
 */
export interface QueryCost {
  replay: { samples: number; seconds: number };
  pyrra: { samples: number; seconds: number };
}
