/**
 * Cost of a rule set on a real Prometheus: samples read by one evaluation of each rule (instant query
 * with `stats=all` at a late instant, summed over the rules of the group), series recorded, and the
 * evaluation time of each group as Prometheus reports it (/api/v1/rules) while it runs the rules live.
 */
import { isAlertingRule, type RuleGroup } from '../src/rules/build';
import { parsePromDuration } from '../src/slo/duration';
import type { Prometheus } from './lib/prometheus';

export interface GroupCost {
  group: string;
  intervalSeconds: number;
  rules: number;
  /** Samples loaded by one evaluation of every rule of the group. */
  samples: number;
  /** Series the recording rules of the group write (alerts not counted). */
  series: number;
  /** Wall time of the instant queries (s), for information. */
  querySeconds: number;
}

export async function groupCosts(prometheus: Prometheus, groups: RuleGroup[], time: number): Promise<GroupCost[]> {
  const out: GroupCost[] = [];
  for (const group of groups) {
    let samples = 0;
    let series = 0;
    let querySeconds = 0;
    for (const rule of group.rules) {
      const r = await prometheus.queryWithStats(rule.expr, time);
      samples += r.stats.totalQueryableSamples;
      querySeconds += r.seconds;
      if (!isAlertingRule(rule)) {
        series += r.result.length;
      }
    }
    out.push({
      group: group.name,
      intervalSeconds: parsePromDuration(group.interval) ?? NaN,
      rules: group.rules.length,
      samples,
      series,
      querySeconds,
    });
  }
  return out;
}

/** Samples loaded by one evaluation of each expression, summed. */
export async function exprSamples(prometheus: Prometheus, exprs: string[], time: number): Promise<number> {
  let samples = 0;
  for (const expr of exprs) {
    samples += (await prometheus.queryWithStats(expr, time)).stats.totalQueryableSamples;
  }
  return samples;
}

export interface LiveTiming {
  group: string;
  /** Median over the readings of the group's last evaluation time (seconds). */
  evaluationSeconds: number;
  readings: number;
  health: string;
  lastError?: string;
}

/**
 * Reads /api/v1/rules `readings` times, `every` seconds apart, after `warmup` seconds; returns per
 * group the median of its last evaluation time.
 */
export async function liveTimings(
  prometheus: Prometheus,
  options: { warmup: number; every: number; readings: number }
): Promise<LiveTiming[]> {
  const sleep = (s: number) => new Promise((r) => setTimeout(r, s * 1000));
  await sleep(options.warmup);
  const seen = new Map<string, { times: number[]; lastEvaluation: Set<string>; health: string; lastError?: string }>();
  for (let k = 0; k < options.readings; k++) {
    for (const g of await prometheus.ruleGroups()) {
      const entry = seen.get(g.name) ?? { times: [], lastEvaluation: new Set<string>(), health: 'ok' };
      // Count each evaluation once.
      if (!entry.lastEvaluation.has(g.lastEvaluation) && !g.lastEvaluation.startsWith('0001-')) {
        entry.lastEvaluation.add(g.lastEvaluation);
        entry.times.push(g.evaluationTime);
      }
      const bad = g.rules.find((r) => r.health !== 'ok' && r.health !== 'unknown');
      if (bad) {
        entry.health = bad.health;
        entry.lastError = bad.lastError;
      }
      seen.set(g.name, entry);
    }
    if (k < options.readings - 1) {
      await sleep(options.every);
    }
  }
  return [...seen].map(([group, e]) => {
    const sorted = [...e.times].sort((a, b) => a - b);
    return {
      group,
      evaluationSeconds: sorted.length ? sorted[Math.floor((sorted.length - 1) / 2)] : NaN,
      readings: sorted.length,
      health: e.health,
      lastError: e.lastError,
    };
  });
}

/** The groups with every interval set to `interval` (live runs: several evaluations in a minute). */
export function withInterval(groups: RuleGroup[], interval: string): RuleGroup[] {
  return groups.map((g) => ({ ...g, interval }));
}
