/**
 * A rule set under benchmark: the live rule groups of each SLO, how to backfill them (stages over the
 * whole history, because a rule that reads another rule's output cannot be backfilled in the same
 * pass, and the rules read only at the comparison instants), and the queries that read the 30d SLI,
 * the budget remaining and the burn rates from what the rules recorded.
 */
import type { Slo } from '../src/slo/types';
import { buildRuleGroups, isAlertingRule, type RuleGroup } from '../src/rules/build';
import { errorBudgetText } from '../src/slo/budget';
import { SLO_METRICS, burnRateExpr } from '../src/promql/slo';
import { resolveBurnRates } from '../src/slo/burnRates';
import { TIERS } from '../src/slo/tiers';
import { windowSeconds } from '../src/slo/values';
import { parsePromDuration } from '../src/slo/duration';
import { BLOCK_RECORDS, RATE_RECORDS, WINDOW_RECORDS, budgetRemainingRule } from './lib/slos';

export type RuleSetName = 'burnrate' | 'sloth' | 'pyrra';

export interface BurnQuery {
  /** The window as the rule set names it, e.g. 1h or 1h4m. */
  window: string;
  seconds: number;
  /** PromQL of the burn rate (error ratio / budget) at the query time. */
  expr: string;
}

export interface SloRules {
  slo: Slo;
  /** 1 - target, as a number. */
  budget: number;
  /** The live rule groups, as the rule set would deploy them. */
  groups: RuleGroup[];
  /** Backfilled over the whole history, stage after stage (later stages read earlier ones). */
  history: RuleGroup[][];
  /** Backfilled over a few minutes before each comparison instant (they read only raw data or history). */
  atInstant: RuleGroup[];
  /** The interval of the group of `alignedAtInstants` (seconds). */
  instantIntervalSeconds?: number;
  /** The rule file of the history stage whose group `alignedAtInstants` extends. */
  alignWithFile?: string;
  /**
   * Read other recordings of the history and are read only at their last value: backfilled after the
   * history, once over the span of the instants, in `alignWithFile`, so that their evaluations fall where
   * that group's did.
   */
  alignedAtInstants?: RuleGroup[];
  /** PromQL of the error ratio over the SLO window, as the rule set shows it at the query time. */
  windowRatio: string;
  /** PromQL of the budget remaining, as the rule set shows it. */
  budgetRemaining: string;
  /** Burn rates of the alert windows. */
  burns: BurnQuery[];
  /** The rules that compute the SLO window (the costly part) and the interval of their group. */
  windowRules: Array<{ expr: string; intervalSeconds: number }>;
  /** Selector matchers (inside braces) of every series the rule set records for this SLO. */
  seriesMatcher: string;
}

export interface RuleSet {
  name: RuleSetName;
  title: string;
  build(slo: Slo): SloRules;
}

/** Keeps the rules of a group that pass a filter; drops the group when none is left. */
export function pick(groups: RuleGroup[], keep: (name: string, group: RuleGroup) => boolean): RuleGroup[] {
  return groups
    .map((g) => ({ ...g, rules: g.rules.filter((r) => !isAlertingRule(r) && keep(r.record, g)) }))
    .filter((g) => g.rules.length > 0);
}

const SNAPSHOT_RECORDS: string[] = [
  SLO_METRICS.totalCounterSnapshot,
  SLO_METRICS.goodCounterSnapshot,
  SLO_METRICS.badCounterSnapshot,
];
/** The total tiles read the raw counters (or the rates); the bad tiles of counters read the total tiles. */
const TILE_RECORDS: string[] = [SLO_METRICS.eventsTile];
const BAD_TILE_RECORDS: string[] = [SLO_METRICS.badEventsTile];

export const burnrate: RuleSet = {
  name: 'burnrate',
  title: 'Burnrate (ours)',
  build(slo) {
    const groups = buildRuleGroups(slo, { evaluationInterval: '30s' });
    const objective = slo.objectives[0];
    const budgetText = errorBudgetText(objective.target);
    const budgetRule = budgetRemainingRule(slo, groups);
    const burnRates = resolveBurnRates(slo, objective, slo.tier ? TIERS[slo.tier].alertSeverities : undefined);
    const windows = new Map<string, number>();
    for (const b of burnRates) {
      windows.set(b.shortWindow, b.shortWindowSeconds);
      windows.set(b.longWindow, b.longWindowSeconds);
    }
    const budget = Number(budgetText);
    const rollup = groups[1];
    const rollupSeconds = parsePromDuration(rollup.interval);
    if (rollupSeconds === undefined) {
      throw new Error(`roll-up interval ${rollup.interval} of ${slo.name} is not a duration`);
    }
    return {
      slo,
      budget,
      groups,
      // Stage 1 reads only raw counters (rates, snapshots, tiles), over the whole history. Stage 2 (the
      // window sums and window starts) reads the tiles and snapshots; the budget reads only its last
      // value, so it is backfilled over the span of the instants only, in the rule file of stage 1 (the
      // same tile grid). Then the budget remaining at the instants.
      // Stage 1 is split in three (rates, snapshots, tiles) only to keep the number of backfilled blocks
      // Prometheus opens at once (one per rule and 2h until compaction) under the open files limit. The
      // bad tiles come after the total tiles, which they read (the same evaluation records both live), and
      // the 10 minute sums of the rates after the rates.
      history: [
        pick(groups, (name, group) => group !== rollup && RATE_RECORDS.includes(name)),
        pick(groups, (name, group) => group !== rollup && BLOCK_RECORDS.includes(name)),
        pick(groups, (name, group) => group === rollup && SNAPSHOT_RECORDS.includes(name)),
        pick(groups, (name, group) => group === rollup && TILE_RECORDS.includes(name)),
        pick(groups, (name, group) => group === rollup && BAD_TILE_RECORDS.includes(name)),
      ],
      alignWithFile: `history-burnrate-${slo.uid}.yaml`,
      alignedAtInstants: pick(groups, (name, group) => group === rollup && WINDOW_RECORDS.includes(name)),
      instantIntervalSeconds: rollupSeconds,
      atInstant: pick(groups, (name) => name === SLO_METRICS.budgetRemaining || name === SLO_METRICS.objective),
      // The budget rule evaluated at the query time (as Pyrra-style availability is): the recorded series
      // is that of the base group's last evaluation, up to one evaluation interval (30s) earlier.
      windowRatio: `(1 - (${budgetRule.expr})) * ${budgetText}`,
      budgetRemaining: budgetRule.expr,
      burns: [...windows]
        .sort((a, b) => a[1] - b[1])
        .map(([window, seconds]) => ({
          window,
          seconds,
          expr: burnRateExpr(slo.uid, slo.indicator.groupBy, window, budgetText),
        })),
      windowRules: [
        ...rollup.rules
          .filter((r) => !isAlertingRule(r) && WINDOW_RECORDS.includes(r.record))
          .map((r) => ({ expr: r.expr, intervalSeconds: rollupSeconds })),
        { expr: budgetRule.expr, intervalSeconds: 30 },
      ],
      seriesMatcher: `slo_uid="${slo.uid}"`,
    };
  },
};

/** The nominal seconds of the SLO's (first) window. */
export function sloWindowSeconds(slo: Slo): number {
  return windowSeconds(slo.objectives[0].window);
}
