/**
 * A rule set under benchmark: the live rule groups of each SLO, how to backfill them (stages over the
 * whole history, because a rule that reads another rule's output cannot be backfilled in the same
 * pass, and the rules read only at the comparison instants), and the queries that read the 30d SLI,
 * the budget remaining and the burn rates from what the rules recorded.
 */
import type { Slo } from '../src/slo/types';
import { buildRuleGroups, errorBudgetText, isAlertingRule, type RuleGroup } from '../src/rules/build';
import { SLO_METRICS, burnRateExpr, rangeWithoutStart, recordedSelector } from '../src/promql/slo';
import { resolveBurnRates } from '../src/rules/burnRates';
import { TIERS } from '../src/slo/tiers';
import { windowSeconds } from '../src/slo/values';

export type RuleSetName = 'burnrate' | 'burnrate-v1' | 'sloth' | 'pyrra';

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
  /** The longest interval of the groups backfilled at the instants (seconds). */
  instantIntervalSeconds?: number;
  /**
   * Backfill `atInstant` once over the span of the instants, in a rule file of this name (that of the
   * history stage whose group it extends), so that its evaluations fall where that group's did.
   */
  alignWithFile?: string;
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

export const burnrate: RuleSet = {
  name: 'burnrate',
  title: 'Burnrate (ours)',
  build(slo) {
    const groups = buildRuleGroups(slo, { evaluationInterval: '30s' });
    const objective = slo.objectives[0];
    const budgetText = errorBudgetText(objective.target);
    const rates: string[] = [SLO_METRICS.events, SLO_METRICS.badEvents];
    const tiles: string[] = [SLO_METRICS.eventsTile, SLO_METRICS.badEventsTile];
    const budgetRule = groups[0].rules.find((r) => !isAlertingRule(r) && r.record === SLO_METRICS.budgetRemaining);
    if (!budgetRule) {
      throw new Error(`no ${SLO_METRICS.budgetRemaining} rule for ${slo.name}`);
    }
    const burnRates = resolveBurnRates(slo, objective, slo.tier ? TIERS[slo.tier].alertSeverities : undefined);
    const windows = new Map<string, number>();
    for (const b of burnRates) {
      windows.set(b.shortWindow, b.shortWindowSeconds);
      windows.set(b.longWindow, b.longWindowSeconds);
    }
    const budget = Number(budgetText);
    const remaining = recordedSelector(SLO_METRICS.budgetRemaining, slo.uid);
    return {
      slo,
      budget,
      groups,
      history: [pick(groups, (name) => rates.includes(name)), pick(groups, (name) => tiles.includes(name))],
      atInstant: pick(groups, (name) => name === SLO_METRICS.budgetRemaining || name === SLO_METRICS.objective),
      windowRatio: `(1 - ${remaining}) * ${budgetText}`,
      budgetRemaining: remaining,
      burns: [...windows]
        .sort((a, b) => a[1] - b[1])
        .map(([window, seconds]) => ({ window, seconds, expr: burnRateExpr(slo.uid, window, budgetText) })),
      windowRules: [
        { expr: budgetRule.expr, intervalSeconds: 30 },
        ...groups[1].rules.map((r) => ({ expr: r.expr, intervalSeconds: 600 })),
      ],
      seriesMatcher: `slo_uid="${slo.uid}"`,
    };
  },
};

/** The nominal seconds of the SLO's (first) window. */
export function sloWindowSeconds(slo: Slo): number {
  return windowSeconds(slo.objectives[0].window);
}

/**
 * A variant of our rules, generated here to measure design changes (src/ is unchanged):
 * - the window sums are recorded in the roll-up group, right after the tiles they read (every 10
 *   minutes, when the tiles change), and the base group's budget remaining reads their last value;
 * - the alert windows of a day or more read the tiles instead of the 30s rates;
 * - the 5m alert window reads the last 5m rate samples (rate() over 5m) instead of summing 5m of them.
 * Shares the rates and tiles of `burnrate`.
 */
export const WINDOW_METRICS = { events: 'slo:events:window', badEvents: 'slo:bad_events:window' };

export const burnrateV1: RuleSet = {
  name: 'burnrate-v1',
  title: 'Burnrate variant v1',
  build(slo) {
    const ours = burnrate.build(slo);
    const objective = slo.objectives[0];
    const budgetText = errorBudgetText(objective.target);
    const windowSeconds = sloWindowSeconds(slo);
    const range = rangeWithoutStart(windowSeconds);
    const sel = (metric: string) => recordedSelector(metric, slo.uid);
    const labels = {
      ...(ours.groups[1].rules[0] as { labels: Record<string, string> }).labels,
      slo_window: `${windowSeconds / 86400}d`,
    };
    const windowRules = [
      { record: WINDOW_METRICS.events, expr: `sum_over_time(${sel(SLO_METRICS.eventsTile)}[${range}])`, labels },
      { record: WINDOW_METRICS.badEvents, expr: `sum_over_time(${sel(SLO_METRICS.badEventsTile)}[${range}])`, labels },
    ];
    const windowRatio = `last_over_time(${sel(WINDOW_METRICS.badEvents)}[10m]) / last_over_time(${sel(WINDOW_METRICS.events)}[10m])`;
    const budgetRemaining = `1 - (${windowRatio}) / ${budgetText}`;
    /** Burn rate over a window of a day or more from the tiles (10 minute steps), else from the rates. */
    const burnExpr = (window: string, seconds: number) => {
      if (seconds >= 86400) {
        const range = rangeWithoutStart(seconds);
        return `sum_over_time(${sel(SLO_METRICS.badEventsTile)}[${range}]) / sum_over_time(${sel(SLO_METRICS.eventsTile)}[${range}]) / ${budgetText}`;
      }
      if (seconds === 300) {
        return `${sel(SLO_METRICS.badEvents)} / ${sel(SLO_METRICS.events)} / ${budgetText}`;
      }
      return burnRateExpr(slo.uid, window, budgetText);
    };
    const base = ours.groups[0].rules.map((rule) => {
      if (isAlertingRule(rule)) {
        let expr = rule.expr;
        for (const b of ours.burns) {
          expr = expr.split(b.expr).join(burnExpr(b.window, b.seconds));
        }
        return { ...rule, expr };
      }
      return rule.record === SLO_METRICS.budgetRemaining ? { ...rule, expr: budgetRemaining } : rule;
    });
    const groups = [
      { ...ours.groups[0], rules: base },
      { ...ours.groups[1], rules: [...ours.groups[1].rules, ...windowRules] },
    ];
    return {
      ...ours,
      groups,
      history: [],
      atInstant: [{ ...ours.groups[1], rules: windowRules }],
      instantIntervalSeconds: 600,
      alignWithFile: `history2-burnrate-${slo.uid}.yaml`,
      windowRatio,
      budgetRemaining,
      burns: ours.burns.map((b) => ({ ...b, expr: burnExpr(b.window, b.seconds) })),
      windowRules: [
        ...windowRules.map((r) => ({ expr: r.expr, intervalSeconds: 600 })),
        { expr: budgetRemaining, intervalSeconds: 30 },
        ...ours.groups[1].rules.map((r) => ({ expr: r.expr, intervalSeconds: 600 })),
      ],
    };
  },
};
