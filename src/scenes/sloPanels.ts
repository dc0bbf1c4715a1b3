import Big from 'big.js';
import {
  FieldColorModeId,
  ThresholdsMode,
  type FieldConfig,
  type FieldConfigSource,
  type Threshold,
} from '@grafana/data';
import { STATUS_BURN_THRESHOLDS } from '../slo/budget';
import { NO_TRAFFIC } from '../slo/budgetSummary';
import { scoresSliceRatio, windowToText } from '../slo/values';
import type { Indicator } from '../slo/types';
import { parseVectorSelector } from '../promql/parse';
import {
  alertConditionHistoryExpr,
  alertHistoryExpr,
  badEventsRateExpr,
  budgetRemainingExpr,
  burnRateOverExpr,
  errorBreakdownExpr,
  eventsRateExpr,
  idealBudgetExpr,
  latencyPercentileQueries,
  objectiveExpr,
  sliExpr,
  type PanelQuery,
  type SloQueryContext,
} from '../promql/panels';
import { resolveBurnRates } from '../slo/burnRates';
import { burnRateAlertConditions } from '../rules/build';

/**
 * The panels of the generated SLO dashboard as plain data: what each shows, its queries and its field
 * config in Grafana's dashboard JSON shape. The SLO page turns them into scene panels (vizPanel.ts) and the
 * export into classic dashboard JSON (dashboardJson.ts), so both show the same thing.
 */

export type PanelType = 'stat' | 'gauge' | 'timeseries' | 'bargauge';

export interface PanelSpec {
  /** Stable key, also the data-viz-panel-key of the scene panel. */
  key: string;
  type: PanelType;
  title: string;
  description?: string;
  queries: PanelQuery[];
  /** Instant queries (stats), else range queries. */
  instant: boolean;
  fieldConfig: FieldConfigSource;
  options: Record<string, unknown>;
  /** Width in a 24 column grid, height in grid rows (30 px). */
  width: number;
  height: number;
}

const NO_ALERTS = 'No alert fired in this range';
/** A stat's value fills its box: the words without traffic must be short enough to fit it. */
const NO_TRAFFIC_SHORT = 'No traffic';

/**
 * A ratio never shows above 100%: left to itself, Grafana pads the axis past the data, and a fresh SLO
 * with a few samples ran to 200%. An SLI is at most 1 (no minimum, so that 99.9% stays apart from 100%);
 * a budget remaining is at most 1 and goes below 0 when overspent, so its 0 is a soft minimum.
 */
const RATIO_MAX = 1;
const BUDGET_SOFT_MIN = 0;

/** A number of the exact decimal text of a target or factor. */
const num = (text: string) => new Big(text).toNumber();

function thresholds(steps: Threshold[]) {
  return { mode: ThresholdsMode.Absolute, steps };
}

/**
 * A value coloured by the threshold step it falls in. The colour mode is set, not left to the panel
 * plugin's default: where that default is not applied the value stays green whatever it is.
 */
function colorByThresholds(steps: Threshold[]) {
  return { color: { mode: FieldColorModeId.Thresholds }, thresholds: thresholds(steps) };
}

function spec(
  partial: Omit<PanelSpec, 'instant' | 'fieldConfig' | 'options'> & {
    instant?: boolean;
    defaults?: FieldConfig;
    options?: Record<string, unknown>;
    overrides?: FieldConfigSource['overrides'];
  }
): PanelSpec {
  const { defaults, overrides, options, instant, ...rest } = partial;
  return {
    ...rest,
    instant: instant ?? false,
    fieldConfig: { defaults: { noValue: NO_TRAFFIC, ...defaults }, overrides: overrides ?? [] },
    options: options ?? {},
  };
}

const STAT_OPTIONS = {
  reduceOptions: { calcs: ['lastNotNull'], fields: '', values: false },
  colorMode: 'value',
  graphMode: 'none',
  textMode: 'value',
};

/** Timeseries with lines at the threshold steps above the base. */
function lineThresholds(steps: Threshold[]) {
  return {
    thresholds: thresholds(steps),
    custom: { thresholdsStyle: { mode: 'line' }, fillOpacity: 0, showPoints: 'never' },
  };
}

function withAxisSoftMin<T extends { custom: Record<string, unknown> }>(config: T, axisSoftMin: number): T {
  return { ...config, custom: { ...config.custom, axisSoftMin } };
}

/** SLI over the window, red below the objective and green at or above it. */
export function buildSliStatPanel(ctx: SloQueryContext): PanelSpec {
  return spec({
    key: 'sli-stat',
    type: 'stat',
    title: `SLI over ${windowToText(ctx.objective.window)}`,
    description: `Objective ${new Big(ctx.objective.target).times(100).toString()}%`,
    queries: [{ refId: 'SLI', expr: sliExpr(ctx), legendFormat: 'SLI' }],
    instant: true,
    defaults: {
      noValue: NO_TRAFFIC_SHORT,
      unit: 'percentunit',
      decimals: 3,
      max: RATIO_MAX,
      ...colorByThresholds([
        { value: -Infinity, color: 'red' },
        { value: num(ctx.objective.target), color: 'green' },
      ]),
    },
    options: STAT_OPTIONS,
    width: 6,
    height: 5,
  });
}

/** Budget remaining as a gauge: red under 20%, yellow under 50%, green above. */
export function buildBudgetGaugePanel(ctx: SloQueryContext): PanelSpec {
  return spec({
    key: 'budget-gauge',
    type: 'gauge',
    title: 'Error budget remaining',
    queries: [{ refId: 'BUDGET', expr: budgetRemainingExpr(ctx), legendFormat: 'Budget remaining' }],
    instant: true,
    defaults: {
      noValue: NO_TRAFFIC_SHORT,
      unit: 'percentunit',
      decimals: 1,
      min: 0,
      max: 1,
      ...colorByThresholds([
        { value: -Infinity, color: 'red' },
        { value: 0.2, color: 'yellow' },
        { value: 0.5, color: 'green' },
      ]),
    },
    options: { reduceOptions: STAT_OPTIONS.reduceOptions, showThresholdMarkers: true, showThresholdLabels: false },
    width: 6,
    height: 5,
  });
}

/** One burn-rate alert of the objective: its two windows as queries and its factor as the threshold line. */
export interface BurnRatePanelQueries {
  title: string;
  severity: string;
  /** Exact decimal text, e.g. "14.4". */
  factor: string;
  queries: PanelQuery[];
}

export function burnRatePanelQueries(ctx: SloQueryContext): BurnRatePanelQueries[] {
  return resolveBurnRates(ctx.slo, ctx.objective)
    .filter((b) => b.canFire)
    .map((b, i) => ({
      title: `Burn rate ${b.longWindow} / ${b.shortWindow} (${b.severity} at ${b.factor}x)`,
      severity: b.severity,
      factor: b.factor,
      queries: [
        {
          refId: `LONG${i}`,
          expr: burnRateOverExpr(ctx, b.longWindow),
          legendFormat: `Burn rate over ${b.longWindow}`,
        },
        {
          refId: `SHORT${i}`,
          expr: burnRateOverExpr(ctx, b.shortWindow),
          legendFormat: `Burn rate over ${b.shortWindow}`,
        },
      ],
    }));
}

/** The window of the current burn rate: the long window of the fastest alert (1h for a 30d SLO). */
export function currentBurnWindow(ctx: SloQueryContext): string {
  const rates = resolveBurnRates(ctx.slo, ctx.objective);
  const shortest = [...rates].sort((a, b) => a.longWindowSeconds - b.longWindowSeconds)[0];
  return shortest?.longWindow ?? '1h';
}

/** Current burn rate, coloured by status: green to 1, yellow above, orange above 1.5, red above 2. */
export function buildCurrentBurnRatePanel(ctx: SloQueryContext): PanelSpec {
  const window = currentBurnWindow(ctx);
  return spec({
    key: 'burn-rate-stat',
    type: 'stat',
    title: `Burn rate over ${window}`,
    description: '1 spends the whole budget in exactly one SLO window',
    queries: [{ refId: 'BURN', expr: burnRateOverExpr(ctx, window), legendFormat: `Burn rate over ${window}` }],
    instant: true,
    defaults: {
      noValue: NO_TRAFFIC_SHORT,
      unit: 'x',
      decimals: 2,
      ...colorByThresholds([
        { value: -Infinity, color: 'green' },
        { value: STATUS_BURN_THRESHOLDS.attention, color: 'yellow' },
        { value: STATUS_BURN_THRESHOLDS.warning, color: 'orange' },
        { value: STATUS_BURN_THRESHOLDS.critical, color: 'red' },
      ]),
    },
    options: STAT_OPTIONS,
    width: 6,
    height: 5,
  });
}

/** The SLI over the window through the time range, against the objective line. */
export function buildSliTimeseriesPanel(ctx: SloQueryContext): PanelSpec {
  return spec({
    key: 'sli-timeseries',
    type: 'timeseries',
    title: 'SLI over the window vs objective',
    queries: [
      { refId: 'SLI', expr: sliExpr(ctx), legendFormat: `SLI over ${windowToText(ctx.objective.window)}` },
      { refId: 'OBJECTIVE', expr: objectiveExpr(ctx), legendFormat: 'Objective' },
    ],
    defaults: { unit: 'percentunit', decimals: 3, max: RATIO_MAX, custom: { fillOpacity: 0, showPoints: 'never' } },
    overrides: [
      {
        matcher: { id: 'byFrameRefID', options: 'OBJECTIVE' },
        properties: [
          { id: 'color', value: { mode: 'fixed', fixedColor: 'red' } },
          { id: 'custom.lineStyle', value: { fill: 'dash', dash: [10, 10] } },
        ],
      },
    ],
    width: 12,
    height: 8,
  });
}

/** One panel per burn-rate alert: the long and short windows, with the alert's factor as a red line. */
export function buildBurnRatePanels(ctx: SloQueryContext): PanelSpec[] {
  return burnRatePanelQueries(ctx).map((b, i) =>
    spec({
      key: `burn-rate-${i}`,
      type: 'timeseries',
      title: b.title,
      description: `The alert fires when both windows are above ${b.factor}`,
      queries: b.queries,
      defaults: {
        unit: 'x',
        decimals: 2,
        ...lineThresholds([
          { value: -Infinity, color: 'green' },
          { value: num(b.factor), color: 'red' },
        ]),
      },
      width: 6,
      height: 7,
    })
  );
}

/** Budget remaining through the time range, with the ideal line of an evenly spent budget. */
export function buildBurndownPanel(ctx: SloQueryContext): PanelSpec {
  const calendar = ctx.objective.window.kind === 'calendar';
  return spec({
    key: 'burndown',
    type: 'timeseries',
    title: calendar ? 'Budget burndown since the start of the period' : 'Budget burndown',
    description: calendar
      ? 'Budget remaining in the current period; the ideal line spends it evenly until the period ends'
      : 'Budget remaining over the rolling window; the ideal line spends it evenly over one window from the start of the range',
    queries: [
      { refId: 'BUDGET', expr: budgetRemainingExpr(ctx), legendFormat: 'Budget remaining' },
      { refId: 'IDEAL', expr: idealBudgetExpr(ctx.objective), legendFormat: 'Ideal' },
    ],
    defaults: {
      unit: 'percentunit',
      decimals: 1,
      max: RATIO_MAX,
      ...withAxisSoftMin(
        lineThresholds([
          { value: -Infinity, color: 'red' },
          { value: 0, color: 'transparent' },
        ]),
        BUDGET_SOFT_MIN
      ),
    },
    overrides: [
      {
        matcher: { id: 'byFrameRefID', options: 'IDEAL' },
        properties: [
          { id: 'color', value: { mode: 'fixed', fixedColor: 'text' } },
          { id: 'custom.lineStyle', value: { fill: 'dash', dash: [10, 10] } },
        ],
      },
    ],
    width: 12,
    height: 8,
  });
}

/**
 * Total and bad events per second; for a time-slice SLO, slices and bad slices per second, and for slices
 * scored by their good ratio, slices and the sum of their bad ratios per second.
 */
export function buildEventsPanel(ctx: SloQueryContext): PanelSpec {
  const slices = ctx.slo.timeSlices;
  const ratios = scoresSliceRatio(slices);
  const badLegend = ratios ? 'Bad ratio of slices' : slices ? 'Bad slices' : 'Bad events';
  return spec({
    key: 'events',
    type: 'timeseries',
    title: ratios ? 'Time slices and their bad ratio' : slices ? 'Time slices and bad slices' : 'Events and bad events',
    ...(slices && {
      description: ratios
        ? `Slices of ${slices.window} per second over 5m, and the sum of their bad ratios (a slice at 50% adds 0.5);` +
          ' the SLI is the mean good ratio of the slices (a slice without traffic is not counted)'
        : `Slices of ${slices.window} per second over 5m (a slice without traffic is not counted)`,
    }),
    queries: [
      { refId: 'EVENTS', expr: eventsRateExpr(ctx), legendFormat: slices ? 'Slices' : 'Events' },
      { refId: 'BAD', expr: badEventsRateExpr(ctx), legendFormat: badLegend },
    ],
    defaults: { unit: slices ? 'suffix: slices/s' : 'reqps', custom: { fillOpacity: 10, showPoints: 'never' } },
    overrides: [
      {
        matcher: { id: 'byFrameRefID', options: 'BAD' },
        properties: [{ id: 'color', value: { mode: 'fixed', fixedColor: 'red' } }],
      },
    ],
    width: 12,
    height: 8,
  });
}

/** p50, p95 and p99 of a latency SLI with its threshold; undefined for other SLIs. */
export function buildLatencyPanel(ctx: SloQueryContext): PanelSpec | undefined {
  const { indicator } = ctx.slo;
  const queries = latencyPercentileQueries(indicator);
  if (indicator.type !== 'latency' || queries.length === 0) {
    return undefined;
  }
  return spec({
    key: 'latency',
    type: 'timeseries',
    title: `Latency percentiles (threshold ${indicator.threshold})`,
    queries,
    defaults: {
      unit: 's',
      ...lineThresholds([
        { value: -Infinity, color: 'green' },
        { value: num(indicator.threshold), color: 'red' },
      ]),
    },
    width: 12,
    height: 8,
  });
}

/** The label offered first for the error breakdown: the one the bad selector matches on, else `code`. */
export function defaultBreakdownLabel(indicator: Indicator): string {
  if (indicator.type === 'ratio' && indicator.bad !== undefined) {
    const total = new Set(parseVectorSelector(indicator.total).matchers.map((m) => m.name));
    const own = parseVectorSelector(indicator.bad).matchers.find((m) => !total.has(m.name));
    if (own) {
      return own.name;
    }
  }
  if (indicator.type === 'latency') {
    return indicator.groupBy[0] ?? 'route';
  }
  return indicator.groupBy[0] ?? 'code';
}

/** Bad events per second by a label the user picks (`label` is usually a variable). */
export function buildErrorBreakdownPanel(ctx: SloQueryContext, label: string): PanelSpec | undefined {
  const expr = errorBreakdownExpr(ctx.slo.indicator, label);
  if (expr === undefined) {
    return undefined;
  }
  return spec({
    key: 'error-breakdown',
    type: 'timeseries',
    title: `Bad events by ${label}`,
    description: 'Bad events per second of the source series, by the label chosen above',
    queries: [{ refId: 'BREAKDOWN', expr, legendFormat: '' }],
    defaults: {
      unit: 'reqps',
      noValue: 'No bad events in this range',
      custom: { fillOpacity: 60, stacking: { mode: 'normal' }, drawStyle: 'bars', showPoints: 'never' },
    },
    width: 12,
    height: 8,
  });
}

/** The resolution at which the alert history re-evaluates the alerts' conditions, and its smallest step. */
const ALERT_CONDITION_RESOLUTION = '5m';

/**
 * When each burn-rate alert fired in the range: one bar series per severity and window pair. Prometheus
 * keeps ALERTS only from when the rules ran (and no backfill writes it), so beside it the page evaluates each
 * alert's own condition over the range from the recorded 5m rates: a burn before the rules were loaded, or
 * in backfilled history, shows too.
 */
export function buildAlertHistoryPanel(ctx: SloQueryContext): PanelSpec {
  const conditions = burnRateAlertConditions(ctx.slo, ctx.objective, { evaluationInterval: ctx.evaluationInterval });
  return spec({
    key: 'alert-history',
    type: 'timeseries',
    title: 'Alert history',
    description:
      'Burn-rate alerts by severity and windows. "condition held": the alert\'s own expression evaluated over ' +
      `the range from the recorded 5m rates (every ${ALERT_CONDITION_RESOLUTION}), history included. ` +
      '"fired": what Prometheus fired (ALERTS), from when it ran the rules.',
    queries: [
      ...conditions.map((c, i) => ({
        refId: `HELD${i}`,
        expr: alertConditionHistoryExpr(c.expr, ALERT_CONDITION_RESOLUTION),
        legendFormat: `${c.severity} ${c.longWindow}/${c.shortWindow} condition held`,
        interval: ALERT_CONDITION_RESOLUTION,
      })),
      {
        refId: 'ALERTS',
        expr: alertHistoryExpr(ctx.slo.uid),
        legendFormat: '{{severity}} {{long_window}}/{{short_window}} fired',
      },
    ],
    defaults: {
      noValue: NO_ALERTS,
      min: 0,
      max: 1,
      decimals: 0,
      custom: { drawStyle: 'bars', fillOpacity: 80, showPoints: 'never', axisSoftMax: 1 },
    },
    width: 12,
    height: 8,
  });
}

/** Every panel of the dashboard of one objective, in page order. */
export function buildSloPanelSpecs(
  ctx: SloQueryContext,
  breakdownLabel: string
): {
  stats: PanelSpec[];
  charts: PanelSpec[];
} {
  const optional = [buildLatencyPanel(ctx), buildErrorBreakdownPanel(ctx, breakdownLabel)].filter(
    (p): p is PanelSpec => p !== undefined
  );
  return {
    stats: [buildSliStatPanel(ctx), buildBudgetGaugePanel(ctx), buildCurrentBurnRatePanel(ctx)],
    charts: [
      buildSliTimeseriesPanel(ctx),
      buildBurndownPanel(ctx),
      ...buildBurnRatePanels(ctx),
      buildEventsPanel(ctx),
      ...optional,
      buildAlertHistoryPanel(ctx),
    ],
  };
}
