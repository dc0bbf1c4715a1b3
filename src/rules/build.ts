import Big from 'big.js';
import type { MetricAbsentAlert, Objective, Slo } from '../slo/types';
import {
  badEventsExpr,
  counterSelectors,
  RATE_WINDOW_SECONDS,
  sourceSeriesExprs,
  totalEventsExpr,
  type CounterSelectors,
} from '../promql/sli';
import {
  BUDGET_LOW_ALERT_NAME,
  BURN_ALERT_NAME,
  EXHAUSTION_ALERT_NAME,
  METRIC_ABSENT_ALERT_NAME,
  NO_DATA_ALERT_NAME,
  SLO_LABELS,
  SLO_METRICS,
  COUNTER_SNAPSHOTS,
  tileFor,
  type Tile,
  blockRateSumExpr,
  counterBadTileExpr,
  counterTileEventsExprs,
  exactBudgetRemainingExpr,
  rateTileExpr,
  tileBudgetRemainingExpr,
  windowStartExpr,
  windowSumExpr,
  withCurrentSlot,
  type CounterRole,
} from '../promql/slo';
import { formatSelector } from '../promql/format';
import type { VectorSelector } from '../promql/parse';
import { sliceBadEventsExpr, sliceEventsExpr, sliceGoodExpr, sliceScoreMetric } from '../promql/timeSlices';
import { resolveBurnRates, type ResolvedBurnRate } from '../slo/burnRates';
import { windowSeconds, windowToText } from '../slo/values';
import { parsePromDuration } from '../slo/duration';
import { sloPagePath } from '../slo/routes';
import { formatDuration } from '../slo/budget';
import { TIERS } from '../slo/tiers';
import { fingerprintGroups } from './fingerprint';
import { describePhases } from '../slo/phases';
import { errorBudgetExpr, targetExpr } from '../promql/phases';
import { countedTileIncreaseExpr, maintenanceActiveExpr } from '../promql/maintenance';
import {
  budgetLeftAlertExpr,
  burnRateAlertExpr,
  exhaustionAlertExpr,
  metricAbsentAlertExpr,
  noDataAlertExpr,
  objectiveRecordExpr,
  outsideQuietExpr,
  RULES_INFO_EXPR,
  tileWithTrafficExpr,
} from '../promql/rules';
import { templateText } from './alertTemplate';
import { burnAlertCounts } from './alertCounts';
import { alertsEnabled, DRAFT_ALERT_NOTE, effectiveSeverity, sloStatus } from '../slo/lifecycle';

export interface RecordingRule {
  record: string;
  expr: string;
  labels: Record<string, string>;
}

/** Its labels and annotations are Go templates, as Prometheus and Grafana expand them (see alertTemplate.ts). */
export interface AlertingRule {
  alert: string;
  expr: string;
  for?: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /**
   * Grafana-managed rules: annotations that replace these (Grafana's templates have no `query`), and the
   * extra instant queries they print as `$values.<refId>`.
   */
  grafana?: { annotations: Record<string, string>; queries: Array<{ refId: string; expr: string }> };
}

export type Rule = RecordingRule | AlertingRule;

export interface RuleGroup {
  name: string;
  interval: string;
  rules: Rule[];
}

export interface RuleOptions {
  /** Interval of the base group (5m rates, budget, alerts). Default 30s. */
  evaluationInterval: string;
  /** Grafana's root URL, for the dashboard link of alerts when the SLO names none. */
  grafanaUrl?: string;
}

export const DEFAULT_EVALUATION_INTERVAL = '30s';

export function isAlertingRule(rule: Rule): rule is AlertingRule {
  return 'alert' in rule;
}

/**
 * The two rule groups of an SLO. The base group, at the evaluation interval, records the 5m rates of
 * total and bad events, the objective and the budget remaining, and holds the alerts. The roll-up
 * group, once per tile (an hour, or 10 minutes: see tileFor), records tiles of events and their sums
 * over each SLO window, so that windows of weeks read hundreds or thousands of samples, not hundreds
 * of thousands, once per tile. For SLIs on counters it also records a snapshot of each raw counter: the
 * tiles are then the exact increases of the counters, and the budget remaining adds the events since
 * the last tile to the window's sum and removes those that have left the window since.
 */
export function buildRuleGroups(slo: Slo, options: RuleOptions): RuleGroup[] {
  const sloLabels = seriesLabels(slo);
  const sliOptions = { evaluationInterval: options.evaluationInterval };
  // A time-slice SLO counts slices, known only through their rates: no exact counter tiles.
  const counters = slo.timeSlices ? undefined : counterSelectors(slo.indicator);
  const maintenance = slo.maintenance ?? [];
  // Windows are left out of the tiles; the head and tail of the exact budget would count them, so an
  // SLO with windows reads its budget from the tiles, and takes short ones to keep it current.
  const exact = counters !== undefined && maintenance.length === 0;
  const tile = tileFor(
    exact,
    slo.objectives.map((o) => o.window)
  );
  const groupBy = slo.indicator.groupBy;
  const base: Rule[] = [
    {
      record: SLO_METRICS.events,
      expr: outsideMaintenance(
        slo,
        slo.timeSlices ? sliceEventsExpr(slo.uid, groupBy, slo.timeSlices) : totalEventsExpr(slo.indicator, sliOptions)
      ),
      labels: sloLabels,
    },
    {
      record: SLO_METRICS.badEvents,
      expr: outsideMaintenance(
        slo,
        slo.timeSlices ? sliceBadEventsExpr(slo.uid, groupBy, slo.timeSlices) : badEventsExpr(slo.indicator, sliOptions)
      ),
      labels: sloLabels,
    },
    // After the rates, which they read in the same evaluation. Recorded whatever the alerts: a change of
    // the alerts or the status then never starts or stops a series.
    ...buildBlockSumRules(slo, sloLabels),
  ];
  for (const objective of slo.objectives) {
    const budget = errorBudgetExpr(objective);
    const objectiveLabels = { ...sloLabels, [SLO_LABELS.window]: windowToText(objective.window) };
    base.push(
      { record: SLO_METRICS.objective, expr: objectiveRecordExpr(targetExpr(objective)), labels: objectiveLabels },
      {
        record: SLO_METRICS.budgetRemaining,
        expr:
          exact && counters
            ? exactBudgetRemainingExpr(counters, slo.uid, objective.window, budget, slo.indicator.groupBy, tile)
            : tileBudgetRemainingExpr(slo.uid, groupBy, objective.window, budget, tile),
        labels: objectiveLabels,
      }
    );
  }
  // A retired SLO keeps recording, so its history stays readable, and alerts no more.
  if (alertsEnabled(slo)) {
    for (const objective of slo.objectives) {
      // With progressive targets, an alert stays while it can fire at the highest target.
      const burnRates = resolveBurnRates(slo, objective, slo.tier ? TIERS[slo.tier].alertSeverities : undefined);
      base.push(
        ...burnRates.filter((b) => b.canFire).map((burnRate) => buildBurnRateAlert(slo, objective, burnRate, options)),
        ...buildBudgetAlerts(slo, objective, options)
      );
    }
    if (slo.alerting.noDataFor) {
      base.push(buildNoDataAlert(slo, slo.alerting.noDataFor, options));
    }
    if (slo.alerting.absent) {
      base.push(buildMetricAbsentAlert(slo, slo.alerting.absent, options));
    }
    if (sloStatus(slo) === 'draft') {
      asDraftAlerts(base);
    }
    withSeverityText(base, slo.alerting.perSeverity);
  }
  const rollup = [
    ...(exact && counters ? buildSnapshotRules(slo, counters) : []),
    ...buildTileRules(slo, sloLabels, counters, intervalSeconds(options.evaluationInterval), tile),
    ...buildWindowRules(slo),
    ...(exact && counters ? buildWindowStartRules(slo, counters, tile) : []),
  ];
  const groups: RuleGroup[] = [
    { name: `burnrate-${slo.uid}`, interval: options.evaluationInterval, rules: base },
    { name: `burnrate-${slo.uid}-rollup`, interval: tile.interval, rules: rollup },
  ];
  if (slo.timeSlices) {
    // Once per slice, so that consecutive slices neither overlap nor leave time out. First: it feeds
    // the base group, which then sees a slice at the instant it is recorded where groups run in order.
    const expr = sliceGoodExpr(slo.indicator, slo.timeSlices, options.evaluationInterval);
    groups.unshift({
      name: `burnrate-${slo.uid}-slices`,
      interval: slo.timeSlices.window,
      rules: [{ record: sliceScoreMetric(slo.timeSlices), expr, labels: sloLabels }],
    });
  }
  base.push(buildRulesInfo(slo, groups));
  return groups;
}

/** The 10 minute sums of the 5m rates that the alerts' windows of a day or more add up, with their labels. */
function buildBlockSumRules(slo: Slo, labels: Record<string, string>): RecordingRule[] {
  const { groupBy } = slo.indicator;
  return [
    { record: SLO_METRICS.eventsBlock, expr: blockRateSumExpr('total', slo.uid, groupBy), labels },
    { record: SLO_METRICS.badEventsBlock, expr: blockRateSumExpr('bad', slo.uid, groupBy), labels },
  ];
}

/**
 * One constant series per SLO stamped with the fingerprint of its other rules (`vector(1)`: one sample
 * per evaluation). Deployed rules then say by themselves whether they are intact (their fingerprint
 * matches their content) and whether they are current (it matches the rules the SLO makes now).
 */
function buildRulesInfo(slo: Slo, groups: RuleGroup[]): RecordingRule {
  return {
    record: SLO_METRICS.rulesInfo,
    expr: RULES_INFO_EXPR,
    labels: {
      [SLO_LABELS.name]: slo.name,
      [SLO_LABELS.uid]: slo.uid,
      [SLO_LABELS.service]: slo.service,
      [SLO_LABELS.rulesFingerprint]: fingerprintGroups(groups),
      ...(sloStatus(slo) === 'active' ? {} : { [SLO_LABELS.status]: sloStatus(slo) }),
    },
  };
}

/**
 * The 5m rates outside maintenance windows, and for 5 minutes after each (their rates still hold the
 * window's events): what the burn-rate alerts read, and the events of SLIs known only by their rates.
 */
function outsideMaintenance(slo: Slo, expr: string): string {
  return outsideQuietExpr(expr, maintenanceQuietExpr(slo));
}

/**
 * The SLO's maintenance windows and the 5 minutes after each, while their rates still hold the window's
 * events; undefined without windows.
 */
function maintenanceQuietExpr(slo: Slo): string | undefined {
  const windows = slo.maintenance ?? [];
  return windows.length === 0 ? undefined : maintenanceActiveExpr(windows, { extendSeconds: RATE_WINDOW_SECONDS });
}

function intervalSeconds(interval: string): number {
  const seconds = parsePromDuration(interval);
  if (seconds === undefined) {
    throw new RangeError(`evaluation interval ${interval} is not a duration`);
  }
  return seconds;
}

function counterRoles(counters: CounterSelectors): CounterRole[] {
  return (['total', 'good', 'bad'] as const).filter((role) => counters[role] !== undefined);
}

/** The raw counters at each tile, per source series: the base of the events since the last tile. */
function buildSnapshotRules(slo: Slo, counters: CounterSelectors): RecordingRule[] {
  return counterRoles(counters).map((role) => ({
    record: COUNTER_SNAPSHOTS[role].snapshot,
    expr: formatSelector(counters[role]!),
    labels: { [SLO_LABELS.uid]: slo.uid },
  }));
}

/** For each rolling window, the snapshots its oldest tile starts from (read by the window's tail). */
function buildWindowStartRules(slo: Slo, counters: CounterSelectors, tile: Tile): RecordingRule[] {
  return slo.objectives.flatMap(({ window }) =>
    window.kind === 'rolling'
      ? counterRoles(counters).map((role) => ({
          record: COUNTER_SNAPSHOTS[role].windowStart,
          expr: windowStartExpr(role, slo.uid, window, tile),
          labels: { [SLO_LABELS.uid]: slo.uid, [SLO_LABELS.window]: windowToText(window) },
        }))
      : []
  );
}

/**
 * Events of each tile: exact increases of the counters, or the 5m rate samples of the tile times the
 * evaluation interval. The total is absent for a tile without traffic, the bad events are 0 where the
 * tile has traffic and none was bad.
 */
function buildTileRules(
  slo: Slo,
  labels: Record<string, string>,
  counters: CounterSelectors | undefined,
  interval: number,
  tile: Tile
): RecordingRule[] {
  let tiles: Array<[string, string]>;
  if (counters) {
    const windows = slo.maintenance ?? [];
    const increase = (counter: VectorSelector) => countedTileIncreaseExpr(counter, windows, tile);
    const { total } = counterTileEventsExprs(counters, slo.indicator.groupBy, tile, increase);
    tiles = [
      [SLO_METRICS.eventsTile, tileWithTrafficExpr(total)],
      [SLO_METRICS.badEventsTile, counterBadTileExpr(counters, slo.indicator.groupBy, slo.uid, increase)],
    ];
  } else {
    tiles = [
      [SLO_METRICS.eventsTile, rateTileExpr(SLO_METRICS.events, slo.uid, slo.indicator.groupBy, interval, tile)],
      [SLO_METRICS.badEventsTile, rateTileExpr(SLO_METRICS.badEvents, slo.uid, slo.indicator.groupBy, interval, tile)],
    ];
  }
  const calendar = slo.objectives.find((o) => o.window.kind === 'calendar')?.window;
  const unit = calendar?.kind === 'calendar' ? calendar.unit : undefined;
  return tiles.map(([record, expr]) => ({ record, expr: unit ? withCurrentSlot(expr, unit) : expr, labels }));
}

/**
 * Sums of the tiles over each objective's window, once per tile. Only slo_uid, the window (and period slot)
 * and the grouping name them: the budget reads the last one, and a series started beside it by a rename or
 * a new label would count twice (see lastRecordedWindowSum).
 */
function buildWindowRules(slo: Slo): RecordingRule[] {
  return slo.objectives.flatMap((objective) => {
    const objectiveLabels = { [SLO_LABELS.uid]: slo.uid, [SLO_LABELS.window]: windowToText(objective.window) };
    return (
      [
        [SLO_METRICS.eventsWindow, SLO_METRICS.eventsTile],
        [SLO_METRICS.badEventsWindow, SLO_METRICS.badEventsTile],
      ] as const
    ).map(([record, tile]) => ({
      record,
      expr: windowSumExpr(tile, slo.uid, slo.indicator.groupBy, objective.window),
      labels: objectiveLabels,
    }));
  });
}

/** Labels of every recorded series: the SLO's own labels, then slo, slo_uid and service. */
export function seriesLabels(slo: Slo): Record<string, string> {
  return {
    ...slo.labels,
    [SLO_LABELS.name]: slo.name,
    [SLO_LABELS.uid]: slo.uid,
    [SLO_LABELS.service]: slo.service,
  };
}

/** The condition of one burn-rate alert, exactly as its rule evaluates it. */
export function burnRateAlertCondition(
  slo: Slo,
  objective: Objective,
  burnRate: ResolvedBurnRate,
  options: RuleOptions
): string {
  const { minBadEvents } = slo.alerting;
  return burnRateAlertExpr({
    sloUid: slo.uid,
    groupBy: slo.indicator.groupBy,
    errorBudget: errorBudgetExpr(objective),
    factor: burnRate.factor,
    longWindow: burnRate.longWindow,
    shortWindow: burnRate.shortWindow,
    minBadEvents:
      minBadEvents === undefined
        ? undefined
        : { count: minBadEvents, evaluationIntervalSeconds: intervalSeconds(options.evaluationInterval) },
    quiet: maintenanceQuietExpr(slo),
  });
}

/**
 * The burn-rate alerts the rules hold for an objective (severity, windows) with their conditions: what the
 * SLO page evaluates over a past range, where ALERTS has nothing (before the rules ran, or backfilled data).
 */
export function burnRateAlertConditions(
  slo: Slo,
  objective: Objective,
  options: RuleOptions
): Array<{ severity: string; longWindow: string; shortWindow: string; expr: string }> {
  if (!alertsEnabled(slo)) {
    return [];
  }
  return resolveBurnRates(slo, objective, slo.tier ? TIERS[slo.tier].alertSeverities : undefined)
    .filter((b) => b.canFire)
    .map((b) => ({
      severity: effectiveSeverity(slo, b.severity),
      longWindow: b.longWindow,
      shortWindow: b.shortWindow,
      expr: burnRateAlertCondition(slo, objective, b, options),
    }));
}

function buildBurnRateAlert(
  slo: Slo,
  objective: Objective,
  burnRate: ResolvedBurnRate,
  options: RuleOptions
): AlertingRule {
  const window = windowToText(objective.window);
  const expr = burnRateAlertCondition(slo, objective, burnRate, options);
  const percentSpent = new Big(burnRate.budgetSpent).times(100).toString();
  const exhaustion = formatDuration(windowSeconds(objective.window) / Number(burnRate.factor));
  const target = describePhases(objective);
  const counts = burnAlertCounts(slo, burnRate.longWindowSeconds, intervalSeconds(options.evaluationInterval));
  const description = (sentence: string) =>
    `${sentence}The error ratio of ${templateText(slo.service)} / ${templateText(slo.name)} over the last ${burnRate.longWindow}` +
    ` and ${burnRate.shortWindow} is above ${burnRate.factor} times its error budget` +
    ` (target ${target} over ${window}). At this rate the whole budget lasts ${exhaustion}.`;
  const annotations = alertAnnotations(slo, options, {
    summary:
      `${templateText(slo.name)} is burning its error budget {{ printf "%.1f" $value }}x too fast` +
      ` (threshold ${burnRate.factor}x: ${percentSpent}% of the ${window} budget in ${burnRate.longWindow})`,
    description: description(counts.prometheus),
  });
  return {
    alert: BURN_ALERT_NAME,
    expr,
    ...(burnRate.for !== undefined && { for: burnRate.for }),
    labels: alertLabels({
      ...seriesLabels(slo),
      ...slo.alerting.labels,
      [SLO_LABELS.severity]: burnRate.severity,
      [SLO_LABELS.window]: window,
      [SLO_LABELS.longWindow]: burnRate.longWindow,
      [SLO_LABELS.shortWindow]: burnRate.shortWindow,
    }),
    annotations,
    grafana: {
      annotations: { ...annotations, description: description(counts.grafana.sentence) },
      queries: counts.grafana.queries,
    },
  };
}

/** The optional alerts on the budget itself: little of it left, or gone soon at the recent burn rate. */
function buildBudgetAlerts(slo: Slo, objective: Objective, options: RuleOptions): AlertingRule[] {
  const { budgetLeft, exhaustion } = slo.alerting;
  const window = windowToText(objective.window);
  const target = describePhases(objective);
  const labels = (severity: string) =>
    alertLabels({
      ...seriesLabels(slo),
      ...slo.alerting.labels,
      [SLO_LABELS.severity]: severity,
      [SLO_LABELS.window]: window,
    });
  const quiet = maintenanceQuietExpr(slo);
  const alerts: AlertingRule[] = [];
  if (budgetLeft) {
    const below = `${new Big(budgetLeft.below).times(100).toString()}%`;
    alerts.push({
      alert: BUDGET_LOW_ALERT_NAME,
      expr: budgetLeftAlertExpr(slo.uid, window, budgetLeft.below, quiet),
      labels: labels(budgetLeft.severity),
      annotations: alertAnnotations(slo, options, {
        summary:
          `${templateText(slo.name)} has {{ humanizePercentage $value }} of its ${window} error budget left` +
          ` (alert below ${below})`,
        description:
          `Less than ${below} of the error budget of ${templateText(slo.service)} / ${templateText(slo.name)} is left` +
          ` (target ${target} over ${window}).`,
      }),
    });
  }
  if (exhaustion) {
    const withinSeconds = parsePromDuration(exhaustion.within) ?? 0;
    const onlyBelow =
      exhaustion.whenLeftBelow === '1'
        ? ''
        : ` It fires only while less than ${new Big(exhaustion.whenLeftBelow).times(100).toString()}% of the budget is left.`;
    alerts.push({
      alert: EXHAUSTION_ALERT_NAME,
      expr: exhaustionAlertExpr({
        sloUid: slo.uid,
        groupBy: slo.indicator.groupBy,
        window,
        windowSeconds: windowSeconds(objective.window),
        errorBudget: errorBudgetExpr(objective),
        burnWindow: exhaustion.burnWindow,
        withinSeconds,
        whenLeftBelow: exhaustion.whenLeftBelow,
        quiet,
      }),
      labels: labels(exhaustion.severity),
      annotations: alertAnnotations(slo, options, {
        summary:
          `${templateText(slo.name)} runs out of its ${window} error budget in {{ humanizeDuration $value }}` +
          ` at the burn rate of the last ${exhaustion.burnWindow}`,
        description:
          `At the burn rate of the last ${exhaustion.burnWindow}, the error budget left of ${templateText(slo.service)} /` +
          ` ${templateText(slo.name)} lasts less than ${formatDuration(withinSeconds)} (target ${target} over ${window}).` +
          onlyBelow,
      }),
    });
  }
  return alerts;
}

function buildNoDataAlert(slo: Slo, duration: string, options: RuleOptions): AlertingRule {
  return {
    alert: NO_DATA_ALERT_NAME,
    expr: noDataAlertExpr(slo.uid, slo.indicator.groupBy, duration, maintenanceQuietExpr(slo)),
    labels: alertLabels({
      ...seriesLabels(slo),
      ...slo.alerting.labels,
      [SLO_LABELS.severity]: 'ticket',
    }),
    // $labels would be empty here when the series is absent: absent_over_time() keeps only slo_uid.
    annotations: alertAnnotations(slo, options, {
      summary: `${templateText(slo.name)} has had no events for ${duration}`,
      description:
        `No events of ${templateText(slo.service)} / ${templateText(slo.name)} were counted in the last ${duration}:` +
        ' the service may be down, its metrics renamed or no longer scraped.',
    }),
  };
}

/** The SLI's source series gone for `for` (Pyrra's absent alert), not merely still. */
function buildMetricAbsentAlert(slo: Slo, absent: MetricAbsentAlert, options: RuleOptions): AlertingRule {
  return {
    alert: METRIC_ABSENT_ALERT_NAME,
    expr: metricAbsentAlertExpr(sourceSeriesExprs(slo.indicator), maintenanceQuietExpr(slo)),
    for: absent.for,
    labels: alertLabels({
      ...seriesLabels(slo),
      ...slo.alerting.labels,
      [SLO_LABELS.severity]: absent.severity,
    }),
    // absent() carries only the matchers of the missing selector: the SLO is named in plain text.
    annotations: alertAnnotations(slo, options, {
      summary: `${templateText(slo.name)} has no source series for ${absent.for}`,
      description:
        `No series of the metrics of ${templateText(slo.service)} / ${templateText(slo.name)} has existed for` +
        ` ${absent.for}: they are no longer scraped, renamed or relabelled. Zero traffic does not fire this alert.`,
    }),
  };
}

/**
 * A draft's alerts, in place: each that would page is a ticket, and every description says why, so that whoever
 * gets the ticket knows it pages once the SLO is active. The ticket's own labels and text (perSeverity) follow.
 */
function asDraftAlerts(rules: Rule[]): void {
  const note = (annotations: Record<string, string>) => ({
    ...annotations,
    description: `${annotations.description ?? ''} ${templateText(DRAFT_ALERT_NOTE)}`.trim(),
  });
  for (const rule of rules) {
    if (!isAlertingRule(rule)) {
      continue;
    }
    rule.labels = { ...rule.labels, [SLO_LABELS.severity]: 'ticket' };
    rule.annotations = note(rule.annotations);
    if (rule.grafana) {
      rule.grafana = { ...rule.grafana, annotations: note(rule.grafana.annotations) };
    }
  }
}

/**
 * Adds the labels and annotations of each severity to its alerts, in place: over the SLO's alert labels and
 * Burnrate's annotations, never over the labels Burnrate sets (slo, severity, windows, ...).
 */
function withSeverityText(rules: Rule[], perSeverity: Slo['alerting']['perSeverity']): void {
  const own = new Set<string>(Object.values(SLO_LABELS));
  for (const rule of rules) {
    const severity = isAlertingRule(rule) ? rule.labels[SLO_LABELS.severity] : undefined;
    const text = severity === 'page' || severity === 'ticket' ? perSeverity?.[severity] : undefined;
    if (!isAlertingRule(rule) || !text) {
      continue;
    }
    const labels = Object.fromEntries(Object.entries(text.labels).filter(([name]) => !own.has(name)));
    rule.labels = { ...rule.labels, ...alertLabels(labels) };
    // Printed as written, as every text of the SLO (alertLabels: each value a template that prints it).
    rule.annotations = { ...rule.annotations, ...alertLabels(text.annotations) };
    if (rule.grafana) {
      // The Grafana-managed rule's own text (counts from its extra queries) takes the severity's text too.
      rule.grafana = {
        ...rule.grafana,
        annotations: { ...rule.grafana.annotations, ...alertLabels(text.annotations) },
      };
    }
  }
}

/**
 * Alert labels are templates too: each value as a template that prints it, so that the alert carries
 * the labels of the series it reads.
 */
function alertLabels(labels: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(labels).map(([name, value]) => [name, templateText(value)]));
}

function alertAnnotations(
  slo: Slo,
  options: RuleOptions,
  text: { summary: string; description: string }
): Record<string, string> {
  const annotations: Record<string, string> = { ...text };
  if (slo.annotations.runbook) {
    annotations.runbook_url = templateText(slo.annotations.runbook);
  }
  const dashboard =
    slo.annotations.dashboard ??
    (options.grafanaUrl ? `${options.grafanaUrl.replace(/\/+$/, '')}${sloPagePath(slo.uid)}` : undefined);
  if (dashboard) {
    annotations.dashboard_url = templateText(dashboard);
  }
  return annotations;
}
