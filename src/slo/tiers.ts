/**
 * Tiers, templates and progressive targets as data (docs/slo-maths.md, "The SLO model").
 * A tier chooses the defaults of an SLO (target, latency threshold) and the severity of its burn-rate
 * alerts; an SLO may override each of them.
 */
import type { Decimal, Indicator, IndicatorType, Severity, TierName } from './types';

/**
 * The four multi-window multi-burn-rate alerts of the Google SRE workbook, in the order every per-alert
 * array here follows: 0 = 14.4x over 1h/5m (2% of a 30d budget), 1 = 6x over 6h/30m (5%),
 * 2 = 3x over 1d/2h (10%), 3 = 1x over 3d/6h (10%). Alerts 0 and 1 are the fast burns, 2 and 3 the slow burns.
 */
export const WORKBOOK_ALERT_COUNT = 4;

export type AlertSeverities = readonly [Severity, Severity, Severity, Severity];

export interface Tier {
  name: TierName;
  title: string;
  /** Default objective, exact decimal text. */
  target: Decimal;
  /** Default latency threshold in seconds, exact decimal text (a bucket boundary such as `le="0.5"`). */
  latencyThresholdSeconds: Decimal;
  /** Severity of each workbook alert, indexed as WORKBOOK_ALERT_COUNT describes. */
  alertSeverities: AlertSeverities;
  description: string;
}

export const TIER_NAMES: readonly TierName[] = ['critical', 'essential', 'standard', 'best_effort'];

/**
 * Tiers from the seed guide: critical 99.95% / 100 ms, essential 99.9% / 500 ms, standard 99.5% / 1 s,
 * best effort 99% / 2 s. Paging: critical and essential page on both fast burns and ticket the slow burns
 * (the workbook's defaults); standard pages only on the fastest burn (14.4x) and tickets the rest; best
 * effort never pages.
 */
export const TIERS = {
  critical: {
    name: 'critical',
    title: 'Critical',
    target: '0.9995',
    latencyThresholdSeconds: '0.1',
    alertSeverities: ['page', 'page', 'ticket', 'ticket'],
    description:
      'User-facing paths whose failure stops the business (checkout, login, payments): 99.95%, p99 under 100 ms. Fast burns page, slow burns open tickets.',
  },
  essential: {
    name: 'essential',
    title: 'Essential',
    target: '0.999',
    latencyThresholdSeconds: '0.5',
    alertSeverities: ['page', 'page', 'ticket', 'ticket'],
    description:
      'Core features users rely on every day: 99.9%, under 500 ms. Fast burns page, slow burns open tickets.',
  },
  standard: {
    name: 'standard',
    title: 'Standard',
    target: '0.995',
    latencyThresholdSeconds: '1',
    alertSeverities: ['page', 'ticket', 'ticket', 'ticket'],
    description:
      'Secondary features and internal services: 99.5%, under 1 s. Only the fastest burn pages; the other alerts open tickets.',
  },
  best_effort: {
    name: 'best_effort',
    title: 'Best effort',
    target: '0.99',
    latencyThresholdSeconds: '2',
    alertSeverities: ['ticket', 'ticket', 'ticket', 'ticket'],
    description: 'Batch jobs, tools and experiments: 99%, under 2 s. Never pages; every alert opens a ticket.',
  },
} as const satisfies Record<TierName, Tier>;

/** Severity of workbook alert `alertIndex` (0 to 3, fastest first) for an SLO of `tier`. */
export function severityFor(tier: TierName, alertIndex: number): Severity {
  if (!Object.prototype.hasOwnProperty.call(TIERS, tier)) {
    throw new RangeError(`tier must be one of ${TIER_NAMES.join(', ')}, got ${JSON.stringify(tier)}`);
  }
  if (!Number.isInteger(alertIndex) || alertIndex < 0 || alertIndex >= WORKBOOK_ALERT_COUNT) {
    throw new RangeError(`alertIndex must be an integer from 0 to ${WORKBOOK_ALERT_COUNT - 1}, got ${alertIndex}`);
  }
  const severities: AlertSeverities = TIERS[tier].alertSeverities;
  return severities[alertIndex];
}

export function isTierName(value: string): value is TierName {
  return (TIER_NAMES as readonly string[]).includes(value);
}

export type TemplateWindow = '30d' | '7d';

export interface SloTemplate {
  id: string;
  title: string;
  description: string;
  indicatorType: IndicatorType;
  target: Decimal;
  window: TemplateWindow;
  /**
   * An example indicator. Its metric names and the `job` label values are placeholders, listed in
   * `placeholders`: replace them with the metrics of the service.
   */
  exampleIndicator: Indicator;
  /** The metric names and label values of `exampleIndicator` that are examples to replace. */
  placeholders: readonly string[];
}

/** Templates of docs/slo-maths.md. Each example indicator uses placeholder metrics: see `placeholders`. */
export const SLO_TEMPLATES: readonly SloTemplate[] = [
  {
    id: 'api-availability',
    title: 'API availability',
    description: '99.9% of requests succeed over 30 days: 5xx responses are errors, health checks are left out.',
    indicatorType: 'ratio',
    target: '0.999',
    window: '30d',
    exampleIndicator: {
      type: 'ratio',
      total: 'http_requests_total{job="example-api",route!="/health"}',
      bad: 'http_requests_total{job="example-api",route!="/health",status=~"5.."}',
      groupBy: [],
    },
    placeholders: ['http_requests_total', 'example-api'],
  },
  {
    id: 'api-latency',
    title: 'API latency',
    description: '95% of requests complete in under 500 ms over 30 days (0.5 must be a bucket boundary).',
    indicatorType: 'latency',
    target: '0.95',
    window: '30d',
    exampleIndicator: {
      type: 'latency',
      histogram: 'http_request_duration_seconds{job="example-api",route!="/health"}',
      threshold: '0.5',
      native: false,
      groupBy: [],
    },
    placeholders: ['http_request_duration_seconds', 'example-api'],
  },
  {
    id: 'pipeline-freshness',
    title: 'Pipeline freshness',
    description: 'Data is less than an hour old 99% of the time over 7 days.',
    indicatorType: 'threshold',
    target: '0.99',
    window: '7d',
    exampleIndicator: {
      type: 'threshold',
      expr: 'time() - pipeline_last_success_timestamp_seconds{job="example-pipeline"}',
      operator: '<',
      threshold: '3600',
      groupBy: [],
    },
    placeholders: ['pipeline_last_success_timestamp_seconds', 'example-pipeline'],
  },
  {
    id: 'pipeline-completeness',
    title: 'Pipeline completeness',
    description: '99.95% of the records received are processed over 7 days.',
    indicatorType: 'ratio',
    target: '0.9995',
    window: '7d',
    exampleIndicator: {
      type: 'ratio',
      total: 'pipeline_records_received_total{job="example-pipeline"}',
      good: 'pipeline_records_processed_total{job="example-pipeline"}',
      groupBy: [],
    },
    placeholders: ['pipeline_records_received_total', 'pipeline_records_processed_total', 'example-pipeline'],
  },
];

/** Progressive targets, phase by phase: 99% -> 99.5% -> 99.9% -> 99.95%. */
export const PROGRESSIVE_TARGETS = ['0.99', '0.995', '0.999', '0.9995'] as const;
