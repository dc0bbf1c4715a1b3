/**
 * The SLO model every part of Burnrate shares (editor, dashboards, rules, CLI).
 * It is the normalised form of the native YAML document (see formats/native.ts):
 * defaults are not filled in here, so that exporting an SLO writes back what the user wrote.
 */
import type { BudgetStatus } from './budget';

export type TierName = 'critical' | 'essential' | 'standard' | 'best_effort';

/** A decimal number kept as its exact text, e.g. "0.999", so 99.95% never becomes 0.9994999999. */
export type Decimal = string;

/** Good events / total events, or bad events / total events, over counter selectors. */
export interface RatioIndicator {
  type: 'ratio';
  /** A PromQL vector selector of a counter, e.g. `http_requests_total{job="api",route!="/health"}`. */
  total: string;
  /** Exactly one of good and bad is set. */
  good?: string;
  bad?: string;
  groupBy: string[];
}

/** Share of requests faster than a threshold, read from a histogram. */
export interface LatencyIndicator {
  type: 'latency';
  /**
   * Selector of the histogram's base name with matchers, e.g. `http_request_duration_seconds{job="api"}`.
   * Classic histograms read `<name>_bucket{le="<threshold>"}` over `<name>_count`.
   */
  histogram: string;
  /** Upper bound of a good request in the histogram's unit (seconds for `_seconds`). */
  threshold: Decimal;
  /** Native histogram: `histogram_fraction(0, threshold, ...)` instead of the `le` bucket. */
  native: boolean;
  groupBy: string[];
}

export type ThresholdOperator = '<' | '<=' | '>' | '>=';

/**
 * A gauge that is good while it satisfies `expr <operator> threshold`, e.g. a pipeline's data age
 * under one hour (freshness) or records per second above a floor (throughput). Each sample of each
 * series at the evaluation interval is one event.
 */
export interface ThresholdIndicator {
  type: 'threshold';
  expr: string;
  operator: ThresholdOperator;
  threshold: Decimal;
  groupBy: string[];
}

/**
 * Arbitrary PromQL giving events per second. `{{.window}}` in an expression is replaced by the
 * rate window (5m), as in Sloth; expressions without it are used as they are.
 */
export interface AdvancedIndicator {
  type: 'advanced';
  total: string;
  good?: string;
  bad?: string;
  groupBy: string[];
}

/**
 * A precomputed error ratio (Sloth's raw SLI, OpenSLO's `ratioMetric.raw` of `rawType: failure`): PromQL
 * giving the share of bad events over `{{.window}}` (replaced by 5m, or the slice length), in [0, 1]. The
 * events behind it are unknown, so it cannot be counted exactly: the rules sample it at the evaluation
 * interval, as a threshold SLI's gauge, and a window's error ratio is the mean of its samples (Sloth's
 * `avg_over_time`), which weighs a quiet hour like a busy one. Every such SLO is approximate.
 */
export interface ErrorRatioIndicator {
  type: 'errorRatio';
  expr: string;
  groupBy: string[];
}

export type Indicator =
  RatioIndicator | LatencyIndicator | ThresholdIndicator | AdvancedIndicator | ErrorRatioIndicator;
export type IndicatorType = Indicator['type'];

export type CalendarUnit = 'week' | 'month';

export type SloWindow =
  | { kind: 'rolling'; /** normalised Prometheus duration, e.g. "30d" */ duration: string; seconds: number }
  | { kind: 'calendar'; unit: CalendarUnit };

/** A later target of a progressive objective: in force from the start (00:00 UTC) of a date on. */
export interface TargetPhase {
  /** The date, YYYY-MM-DD. */
  from: string;
  /** Its start in seconds since the epoch. */
  fromSeconds: number;
  target: Decimal;
}

export interface Objective {
  /** Ratio in (0, 1), exact decimal text, e.g. "0.999": the target until the first phase, if any. */
  target: Decimal;
  /** Progressive targets, in date order: each replaces the target from its date on. */
  phases?: TargetPhase[];
  window: SloWindow;
  displayName?: string;
}

/**
 * Budgeting by time slices (OpenSLO `budgetingMethod: Timeslices`) instead of by events: the window is
 * cut into slices of equal length, each slice is good or bad, and the objective is the share of good
 * slices. One bad minute then counts the same whatever the traffic in it. A slice without traffic (no
 * events, or no samples of a threshold SLI) is neither good nor bad: it is not counted, as an SLO with
 * no traffic has no errors. Rules and budget maths keep their meaning with "event" = one slice.
 */
export interface TimeSlices {
  /** Length of a slice, a normalised Prometheus duration, e.g. "1m". */
  window: string;
  windowSeconds: number;
  /**
   * How a slice counts. `good` (undefined: the same): 1 when it reaches `target`, 0 otherwise, and the
   * objective is the share of good slices (OpenSLO Timeslices). `ratio`: its own good ratio (good events
   * over its events, or for a threshold SLI the share of its samples that meet the condition), and the
   * objective is the mean of the slices' good ratios (OpenSLO RatioTimeslices): a slice at 50% costs half
   * a bad slice, whatever its traffic. Slices without traffic are not counted either way.
   */
  score?: SliceScore;
  /**
   * With score `good`: the good ratio a slice must reach to be good, in (0, 1], exact decimal text
   * (OpenSLO `timeSliceTarget`); required for ratio, latency and advanced SLIs. For a threshold SLI, the
   * share of the slice's samples that must meet the condition; undefined: every sample must. Never set
   * with score `ratio`, which judges no slice.
   */
  target?: Decimal;
}

export type SliceScore = 'good' | 'ratio';

export type Severity = 'page' | 'ticket';

export interface BurnRateAlert {
  severity: Severity;
  /** Prometheus durations, e.g. "1h" and "5m". */
  longWindow: string;
  shortWindow: string;
  /**
   * Exactly one of these: the burn rate that fires the alert (exact decimal text, e.g. "14.4"), or the
   * share of the whole budget spent within the long window (e.g. "0.02" for 2%), from which the factor
   * follows per objective window: factor = budgetSpent x window / longWindow.
   */
  factor?: Decimal;
  budgetSpent?: Decimal;
  /**
   * How long the condition must hold before the alert fires (the rule's `for:`, OpenSLO `alertAfter`), a
   * Prometheus duration; undefined: as soon as both windows burn.
   */
  for?: string;
}

export interface Alerting {
  enabled: boolean;
  /** Undefined: the workbook defaults scaled to the SLO window (burnRates.ts). */
  burnRates?: BurnRateAlert[];
  /** Low-traffic guard: page or ticket only once this many bad events fell in the long window. */
  minBadEvents?: number;
  /** Optional alert when the SLI has had no events for this long (a Prometheus duration). */
  noDataFor?: string;
  /** Optional alert when the SLI's source series are gone (Pyrra's absent alert); zero traffic does not fire it. */
  absent?: MetricAbsentAlert;
  /** Optional alert when less than a share of an objective's error budget is left (Datadog's budget alert). */
  budgetLeft?: BudgetLeftAlert;
  /** Optional alert when the budget, at the burn rate of a recent window, runs out soon (Honeycomb, Nobl9). */
  exhaustion?: ExhaustionAlert;
  /** Extra labels on every alert, e.g. { team: "payments" }. */
  labels: Record<string, string>;
  /**
   * Extra labels and annotations on the alerts of one severity (Sloth's `page_alert` / `ticket_alert`): its
   * labels are added to `labels` (and win over them), its annotations to Burnrate's (and win over them). Text,
   * never templates.
   */
  perSeverity?: Partial<Record<Severity, SeverityAlertText>>;
}

export interface SeverityAlertText {
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

/**
 * The source series of the SLI absent, as Pyrra's absent alert: no series matches the total's selector (or the
 * good or bad one where it reads another metric) for `for`. A quiet service whose counters stand still does not
 * fire it; a service that stopped being scraped, or renamed its metrics, does.
 */
export interface MetricAbsentAlert {
  /** How long the series must be absent before it fires (the rule's `for:`), a Prometheus duration. */
  for: string;
  severity: Severity;
}

export interface BudgetLeftAlert {
  /** Fires while less than this share of the budget is left: a ratio in (0, 1), exact decimal text. */
  below: Decimal;
  severity: Severity;
}

export interface ExhaustionAlert {
  /** Fires when the budget left lasts less than this at the recent burn rate (a Prometheus duration). */
  within: string;
  /** The window of the recent burn rate (a Prometheus duration), 6h by default. */
  burnWindow: string;
  severity: Severity;
  /**
   * Fires only while less than this share of the budget is left, in (0, 1]: a fresh window with its whole
   * budget does not fire on one short burst, which the burn-rate alerts judge. 1: no such condition.
   */
  whenLeftBelow: Decimal;
}

/**
 * What the team does at a budget status, from a fixed set the product can explain (slo/budgetPolicy.ts
 * has their titles and the default policy).
 */
export type BudgetAction =
  | 'watch-burn'
  | 'release-review'
  | 'investigate'
  | 'reliability-sprint'
  | 'freeze-features'
  | 'postmortem-required'
  | 'escalate';

/**
 * An error budget policy: the actions at each status, and a free-text note per status. A status the
 * policy leaves out asks for no action; an SLO without a policy follows the default one.
 */
export interface BudgetPolicy {
  actions: Partial<Record<BudgetStatus, BudgetAction[]>>;
  notes: Partial<Record<BudgetStatus, string>>;
}

/**
 * Planned work on an SLO: while it lasts, events do not count against the error budget and the
 * burn-rate alerts stay quiet. Times are UTC on whole minutes.
 */
export interface MaintenanceWindow {
  /** Start, e.g. "2026-12-06T02:00:00Z". */
  start: string;
  /** End, after the start; the window covers [start, end). */
  end: string;
  /** Seconds since the epoch of start and end. */
  startSeconds: number;
  endSeconds: number;
  /** 'weekly': the same span again every 7 days from the start, until the window is removed. */
  repeat?: 'weekly';
  /** Why, shown on the dashboards and in reports. */
  reason: string;
}

/**
 * Where an SLO is in its life. `draft`: its rules record, and every alert that would page is a ticket, while
 * it is agreed with its stakeholders. `active` (the default): records and alerts as written. `retired`: its
 * rules still record, so its history stays readable, but it has no alerts at all.
 */
export type SloStatus = 'draft' | 'active' | 'retired';

/** Who answers for the SLO, free text each (a name, a team, a Grafana team's name). */
export interface SloOwners {
  /** Owns the promise made to the users: agrees the target and the trade-offs. */
  product?: string;
  /** Owns the measurement and the alerts. */
  sre?: string;
}

/** The last time the SLO was reviewed with its owners. */
export interface ReviewRecord {
  /** The date, YYYY-MM-DD (UTC). */
  date: string;
  /** Who reviewed it, free text (the Grafana login when marked in the app). */
  by: string;
  note?: string;
}

export interface SloReview {
  /** How often it is reviewed, a Prometheus duration such as 90d; undefined: quarterly (slo/review.ts). */
  interval?: string;
  last?: ReviewRecord;
}

export interface Slo {
  /** Unique name, used as the `slo` label. */
  name: string;
  /** Stable id, used as the `slo_uid` label; survives renames. Defaults to the name. */
  uid: string;
  displayName?: string;
  service: string;
  /**
   * Uid of the Grafana datasource (Prometheus, Mimir, Thanos, ...) that holds the SLO's metrics and runs its
   * rules. Undefined: the app's configured datasource.
   */
  datasourceUid?: string;
  description?: string;
  owner?: string;
  tier?: TierName;
  /** Labels of the SLO (team, tier, ...), copied onto every recorded series and alert. */
  labels: Record<string, string>;
  indicator: Indicator;
  /** Undefined: budgeted by events (OpenSLO Occurrences). */
  timeSlices?: TimeSlices;
  objectives: Objective[];
  alerting: Alerting;
  annotations: { runbook?: string; dashboard?: string } & Record<string, string>;
  /** Undefined: the default policy applies (slo/budgetPolicy.ts). */
  budgetPolicy?: BudgetPolicy;
  /** Maintenance windows, in start order. */
  maintenance?: MaintenanceWindow[];
  /** Undefined: active. */
  status?: SloStatus;
  owners?: SloOwners;
  review?: SloReview;
}

/** A problem found in an SLO document, named by its field path, e.g. `spec.objectives[0].target`. */
export interface ValidationIssue {
  path: string;
  message: string;
  severity: 'error' | 'warning';
}
