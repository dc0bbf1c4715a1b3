import type { Indicator, Objective, Slo } from '../slo/types';
import { windowSeconds } from '../slo/values';
import { errorBudgetText } from '../slo/budget';
import { formatRangeSelector, quotePromqlString, sumBy } from './format';
import { parseVectorSelector, type VectorSelector } from './parse';
import { badEventsExpr, counterSelectors, RATE_WINDOW, totalEventsExpr } from './sli';
import { recordedSelector, SLO_LABELS, SLO_METRICS, windowTileSumExpr } from './slo';

/**
 * The PromQL of the generated SLO dashboard (the SLO page and its classic dashboard export). Pure: the
 * SLO in, query text out. Every query reads either the series Burnrate records (`slo:*` with `slo_uid`)
 * or, where the rules are not deployed, the raw SLI queries of promql/sli.ts.
 */

/** Which series the queries read. */
export type SeriesSource = 'recorded' | 'raw';

export interface SloQueryContext {
  slo: Slo;
  objective: Objective;
  source: SeriesSource;
  /** Evaluation interval of the rules; the step of the raw subqueries of threshold SLIs. */
  evaluationInterval: string;
  /**
   * Extra matchers on the recorded series for the chosen groups of a grouped SLO, written as they go after
   * `slo_uid="…"`, e.g. `,route=~"${route}"`. Raw queries are not filtered.
   */
  groupMatchers?: string;
}

/**
 * Step of the subqueries that sum the raw 5m rates over a range: one 5m rate every 5m counts each event once,
 * at a fifth of the cost of a 1m step (the recorded series use their own samples).
 */
export const RAW_SUBQUERY_STEP = '5m';

/** A query of a panel: its refId, PromQL and legend. */
export interface PanelQuery {
  refId: string;
  expr: string;
  legendFormat: string;
  /** Smallest step of the query (Grafana's "Min step"), e.g. "5m". */
  interval?: string;
}

/** Cheap check that the rules of an SLO are deployed on the datasource: 1 when its objective is recorded. */
export function recordedSeriesCheckExpr(sloUid: string): string {
  return `count(${recordedSelector(SLO_METRICS.objective, sloUid)})`;
}

function recorded(ctx: SloQueryContext, metric: string): string {
  return recordedSelector(metric, ctx.slo.uid, ctx.groupMatchers ?? '');
}

function sliOptions(ctx: SloQueryContext) {
  return { evaluationInterval: ctx.evaluationInterval };
}

/** Total events per second, summed over the SLO (and its chosen groups). */
export function eventsRateExpr(ctx: SloQueryContext): string {
  return ctx.source === 'recorded'
    ? `sum(${recorded(ctx, SLO_METRICS.events)})`
    : `sum(${totalEventsExpr(ctx.slo.indicator, sliOptions(ctx))})`;
}

/** Bad events per second, summed over the SLO (and its chosen groups). */
export function badEventsRateExpr(ctx: SloQueryContext): string {
  return ctx.source === 'recorded'
    ? `sum(${recorded(ctx, SLO_METRICS.badEvents)})`
    : `sum(${badEventsExpr(ctx.slo.indicator, sliOptions(ctx))})`;
}

/** Sum of the 5m event rates over a range, by `by` (summed over all when empty). */
function rangeSumExpr(ctx: SloQueryContext, bad: boolean, range: string, by: string[]): string {
  if (ctx.source === 'recorded') {
    const metric = bad ? SLO_METRICS.badEvents : SLO_METRICS.events;
    return sumBy(by, `sum_over_time(${recorded(ctx, metric)}[${range}])`);
  }
  const rate = bad
    ? badEventsExpr(ctx.slo.indicator, sliOptions(ctx))
    : totalEventsExpr(ctx.slo.indicator, sliOptions(ctx));
  return sumBy(by, `sum_over_time((${rate})[${range}:${RAW_SUBQUERY_STEP}])`);
}

/**
 * Error ratio over a range: a ratio of sums of the 5m rates, never a mean of ratios. The denominator is
 * kept only where it is above 0, so a range without traffic has no value rather than NaN.
 */
export function errorRatioOverExpr(ctx: SloQueryContext, range: string, by: string[] = []): string {
  return `${rangeSumExpr(ctx, true, range, by)} / (${rangeSumExpr(ctx, false, range, by)} > 0)`;
}

/**
 * Error ratio over the SLO window. Rolling: over the window's range. Calendar, on the recorded series:
 * the roll-up tiles of the current period; calendar on the raw queries: the length of the period.
 */
export function windowErrorRatioQueryExpr(ctx: SloQueryContext, by: string[] = []): string {
  const { window } = ctx.objective;
  if (window.kind === 'calendar' && ctx.source === 'recorded' && by.length === 0 && !ctx.groupMatchers) {
    const tiles = (metric: string) => windowTileSumExpr(metric, ctx.slo.uid, [], window);
    return `${tiles(SLO_METRICS.badEventsTile)} / (${tiles(SLO_METRICS.eventsTile)} > 0)`;
  }
  const range = window.kind === 'rolling' ? window.duration : window.unit === 'week' ? '7d' : '30d';
  return errorRatioOverExpr(ctx, range, by);
}

/** SLI over the SLO window: 1 - its error ratio. */
export function sliExpr(ctx: SloQueryContext, by: string[] = []): string {
  return `1 - (${windowErrorRatioQueryExpr(ctx, by)})`;
}

/** The objective as a constant line. */
export function objectiveExpr(ctx: SloQueryContext): string {
  return `vector(${ctx.objective.target})`;
}

/** Share of the error budget left over the SLO window: 1 - error ratio / (1 - target); negative when overspent. */
export function budgetRemainingExpr(ctx: SloQueryContext, by: string[] = []): string {
  return `1 - (${windowErrorRatioQueryExpr(ctx, by)}) / ${errorBudgetText(ctx.objective.target)}`;
}

/** Burn rate over a range: error ratio / (1 - target). */
export function burnRateOverExpr(ctx: SloQueryContext, range: string): string {
  return `${errorRatioOverExpr(ctx, range)} / ${errorBudgetText(ctx.objective.target)}`;
}

/**
 * The ideal budget line of the burndown: spent evenly over the window. Calendar: 1 at the start of the
 * period (UTC, weeks from Monday), 0 at its end. Rolling: 1 at the start of the
 * time range (`@ start()`), 0 one window later.
 */
export function idealBudgetExpr(objective: Objective): string {
  const { window } = objective;
  const intoDay = 'hour() * 3600 + minute() * 60';
  if (window.kind === 'calendar') {
    return window.unit === 'month'
      ? `1 - ((day_of_month() - 1) * 86400 + ${intoDay}) / (days_in_month() * 86400)`
      : `1 - (((day_of_week() + 6) % 7) * 86400 + ${intoDay}) / 604800`;
  }
  return `clamp_min(1 - (vector(time()) - scalar(${RANGE_START})) / ${windowSeconds(window)}, 0)`;
}

/** The start of the query's time range (to the minute), in seconds: PromQL's `@ start()` on a subquery of time(). */
const RANGE_START = 'last_over_time(vector(time())[1m:1m] @ start())';

const PERCENTILES = ['0.5', '0.95', '0.99'] as const;

function withSuffix(selector: VectorSelector, suffix: string): VectorSelector {
  return { ...selector, metric: `${selector.metric}${suffix}`, matchers: [...selector.matchers] };
}

/** p50, p95 and p99 of a latency SLI's source histogram over 5m; none for other SLIs. */
export function latencyPercentileQueries(indicator: Indicator): PanelQuery[] {
  if (indicator.type !== 'latency') {
    return [];
  }
  const histogram = parseVectorSelector(indicator.histogram);
  const rate = indicator.native
    ? `sum(rate(${formatRangeSelector(histogram, RATE_WINDOW)}))`
    : `sum by (le) (rate(${formatRangeSelector(withSuffix(histogram, '_bucket'), RATE_WINDOW)}))`;
  return PERCENTILES.map((q) => ({
    refId: `P${q.slice(2).padEnd(2, '0')}`,
    expr: `histogram_quantile(${q}, ${rate})`,
    legendFormat: `p${q.slice(2).padEnd(2, '0')}`,
  }));
}

/**
 * Bad events per second by a label of the source series (`label` may be a variable such as `${breakdown}`).
 * Ratio and latency SLIs only: the others have no source series to break down.
 */
export function errorBreakdownExpr(indicator: Indicator, label: string): string | undefined {
  const rate = (selector: VectorSelector) => sumBy([label], `rate(${formatRangeSelector(selector, RATE_WINDOW)})`);
  const lessGood = (total: VectorSelector, good: VectorSelector) =>
    `clamp_min(${rate(total)} - (${rate(good)} or ${rate(total)} * 0), 0)`;
  // The same counters the rules count exactly: ratio SLIs and classic-histogram latency SLIs.
  const counters = counterSelectors(indicator);
  if (!counters) {
    return undefined;
  }
  return counters.bad ? rate(counters.bad) : lessGood(counters.total, counters.good!);
}

/** The alerts of an SLO, as Prometheus exposes them in `ALERTS`. */
export function alertsSelector(sloUid: string, state: 'firing' | 'pending' = 'firing'): string {
  return `ALERTS{alertstate=${quotePromqlString(state)},${SLO_LABELS.uid}=${quotePromqlString(sloUid)}}`;
}

/**
 * 1 wherever an alert's condition held at some evaluation within each step of the range (the condition
 * re-evaluated every `resolution`, so that a short burst between two steps of a long range still shows).
 */
export function alertConditionHistoryExpr(condition: string, resolution: string): string {
  return `max_over_time((clamp_max(count(${condition}), 1))[$__interval:${resolution}])`;
}

/** Firing alerts over time, one series per alert (severity and windows): the alert history. */
export function alertHistoryExpr(sloUid: string): string {
  return `sum by (${SLO_LABELS.severity}, ${SLO_LABELS.longWindow}, ${SLO_LABELS.shortWindow}) (${alertsSelector(sloUid)})`;
}

/** The queries of the per-group table of a grouped SLO: SLI and budget remaining by the grouping labels. */
export function groupBreakdownQueries(ctx: SloQueryContext): PanelQuery[] {
  const by = ctx.slo.indicator.groupBy;
  if (by.length === 0) {
    return [];
  }
  const legend = by.map((l) => `{{${l}}}`).join(' ');
  return [
    { refId: 'SLI', expr: sliExpr(ctx, by), legendFormat: legend },
    { refId: 'BUDGET', expr: budgetRemainingExpr(ctx, by), legendFormat: legend },
  ];
}

/** Label matchers for the group variables of a grouped SLO: `,route=~"${route}"`. */
export function groupVariableMatchers(groupBy: readonly string[], variableName: (label: string) => string): string {
  return groupBy.map((label) => `,${label}=~"\${${variableName(label)}}"`).join('');
}

/** The values of a grouping label on the SLO's recorded series: the query of its group variable. */
export function groupValuesQuery(sloUid: string, label: string): string {
  return `label_values(${recordedSelector(SLO_METRICS.events, sloUid)}, ${label})`;
}
