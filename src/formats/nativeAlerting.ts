/**
 * The alerting part of the native SLO document (`spec.alerting`): its schema, and its conversion to the
 * model and back. Kept apart from native.ts, which holds the rest of the document.
 */
import { z } from 'zod';
import type { Alerting, BurnRateAlert, SeverityAlertText, ValidationIssue } from '../slo/types';
import { parseDecimalField, parseSliceTarget, parseTarget } from '../slo/values';
import { DEFAULT_EXHAUSTION_BURN_WINDOW } from '../slo/burnRates';
import { numberOrString, stringMap } from './nativeFields';

const burnRateSchema = z.strictObject({
  severity: z.enum(['page', 'ticket']),
  longWindow: z.string(),
  shortWindow: z.string(),
  factor: numberOrString.optional().describe('Burn rate that fires, e.g. 14.4.'),
  budgetSpent: numberOrString.optional().describe('Or: share of the budget spent in the long window, e.g. "2%".'),
  for: z
    .string()
    .optional()
    .describe("How long both windows must burn before the alert fires (the rule's for:), e.g. 5m."),
});

const severityTextSchema = z.strictObject({
  labels: stringMap.optional().describe('Added to the alert labels; win over spec.alerting.labels.'),
  annotations: stringMap
    .optional()
    .describe("Added to the annotations; win over Burnrate's own. Text, never a template."),
});

export const nativeAlertingSchema = z.strictObject({
  enabled: z.boolean().optional(),
  labels: stringMap.optional(),
  burnRates: z.array(burnRateSchema).optional().describe('Defaults: the SRE workbook alerts scaled to the window.'),
  minBadEvents: z.number().int().positive().optional().describe('Low-traffic guard; off by default.'),
  noData: z.strictObject({ for: z.string() }).optional().describe('Alert when no events arrive; off by default.'),
  perSeverity: z
    .strictObject({ page: severityTextSchema.optional(), ticket: severityTextSchema.optional() })
    .optional()
    .describe('Extra labels and annotations on the alerts of one severity (Sloth page_alert / ticket_alert).'),
  absent: z
    .strictObject({
      for: z.string().describe('How long the source series must be absent before it fires.'),
      severity: z.enum(['page', 'ticket']).optional().describe('ticket by default.'),
    })
    .optional()
    .describe(
      "Alert when the SLI's source series are gone (Pyrra's absent alert), not at zero traffic; off by default."
    ),
  budgetLeft: z
    .strictObject({
      below: numberOrString.describe('Fires while less than this share of the budget is left, e.g. "25%".'),
      severity: z.enum(['page', 'ticket']).optional().describe('ticket by default.'),
    })
    .optional()
    .describe('Alert when little of the error budget is left; off by default.'),
  exhaustion: z
    .strictObject({
      within: z.string().describe('Fires when the budget left lasts less than this at the recent burn rate.'),
      burnWindow: z.string().optional().describe('The window of the recent burn rate; 6h by default.'),
      severity: z.enum(['page', 'ticket']).optional().describe('ticket by default.'),
      whenLeftBelow: numberOrString
        .optional()
        .describe('Only while less than this share of the budget is left; 100% (always) by default.'),
    })
    .optional()
    .describe('Alert when the budget runs out soon at the recent burn rate; off by default.'),
});

export type NativeAlerting = z.infer<typeof nativeAlertingSchema>;

/**
 * Exact decimal text (canonical, as big.js writes it) as a YAML number where a number holds it exactly,
 * else as text: "0.99999999999999999" would become 1 as a number, a target that leaves no budget.
 */
export function exactNumber(decimal: string): number | string {
  return String(Number(decimal)) === decimal ? Number(decimal) : decimal;
}

export function toAlerting(alerting: NativeAlerting | undefined, issues: ValidationIssue[]): Alerting | undefined {
  const result: Alerting = { enabled: alerting?.enabled ?? true, labels: alerting?.labels ?? {} };
  if (alerting?.minBadEvents !== undefined) {
    result.minBadEvents = alerting.minBadEvents;
  }
  if (alerting?.noData) {
    result.noDataFor = alerting.noData.for;
  }
  if (alerting?.perSeverity) {
    const { page, ticket } = alerting.perSeverity;
    const text = (given: { labels?: Record<string, string>; annotations?: Record<string, string> }) => ({
      labels: given.labels ?? {},
      annotations: given.annotations ?? {},
    });
    result.perSeverity = { ...(page && { page: text(page) }), ...(ticket && { ticket: text(ticket) }) };
  }
  if (alerting?.absent) {
    result.absent = { for: alerting.absent.for, severity: alerting.absent.severity ?? 'ticket' };
  }
  if (alerting?.budgetLeft) {
    const below = parseTarget(alerting.budgetLeft.below, 'spec.alerting.budgetLeft.below', issues, 'share');
    if (below !== undefined) {
      result.budgetLeft = { below, severity: alerting.budgetLeft.severity ?? 'ticket' };
    }
  }
  if (alerting?.exhaustion) {
    const { within, burnWindow, severity, whenLeftBelow } = alerting.exhaustion;
    const below =
      whenLeftBelow === undefined
        ? '1'
        : parseSliceTarget(whenLeftBelow, 'spec.alerting.exhaustion.whenLeftBelow', issues);
    if (below !== undefined) {
      result.exhaustion = {
        within,
        burnWindow: burnWindow ?? DEFAULT_EXHAUSTION_BURN_WINDOW,
        severity: severity ?? 'ticket',
        whenLeftBelow: below,
      };
    }
  }
  if (alerting?.burnRates) {
    const burnRates: BurnRateAlert[] = [];
    alerting.burnRates.forEach((b, i) => {
      const path = `spec.alerting.burnRates[${i}]`;
      if ((b.factor === undefined) === (b.budgetSpent === undefined)) {
        issues.push({
          path: `${path}.factor`,
          message: 'give exactly one of factor and budgetSpent',
          severity: 'error',
        });
        return;
      }
      const alert: BurnRateAlert = {
        severity: b.severity,
        longWindow: b.longWindow,
        shortWindow: b.shortWindow,
        ...(b.for !== undefined && { for: b.for }),
      };
      if (b.factor !== undefined) {
        alert.factor = parseDecimalField(b.factor, `${path}.factor`, issues);
      } else if (b.budgetSpent !== undefined) {
        alert.budgetSpent = parseTarget(b.budgetSpent, `${path}.budgetSpent`, issues, 'share');
      }
      burnRates.push(alert);
    });
    result.burnRates = burnRates;
  }
  return result;
}

export function alertingToNative(alerting: Alerting): NativeAlerting | undefined {
  const out: NativeAlerting = {};
  if (!alerting.enabled) {
    out.enabled = false;
  }
  if (Object.keys(alerting.labels).length > 0) {
    out.labels = alerting.labels;
  }
  if (alerting.burnRates) {
    out.burnRates = alerting.burnRates.map((b) => ({
      severity: b.severity,
      longWindow: b.longWindow,
      shortWindow: b.shortWindow,
      ...(b.factor !== undefined
        ? { factor: exactNumber(b.factor) }
        : { budgetSpent: exactNumber(b.budgetSpent ?? '') }),
      ...(b.for !== undefined && { for: b.for }),
    }));
  }
  if (alerting.minBadEvents !== undefined) {
    out.minBadEvents = alerting.minBadEvents;
  }
  if (alerting.noDataFor !== undefined) {
    out.noData = { for: alerting.noDataFor };
  }
  if (alerting.perSeverity) {
    const text = (given: SeverityAlertText) => ({
      ...(Object.keys(given.labels).length > 0 && { labels: given.labels }),
      ...(Object.keys(given.annotations).length > 0 && { annotations: given.annotations }),
    });
    const { page, ticket } = alerting.perSeverity;
    out.perSeverity = { ...(page && { page: text(page) }), ...(ticket && { ticket: text(ticket) }) };
  }
  if (alerting.absent) {
    out.absent = { for: alerting.absent.for, severity: alerting.absent.severity };
  }
  if (alerting.budgetLeft) {
    out.budgetLeft = { below: exactNumber(alerting.budgetLeft.below), severity: alerting.budgetLeft.severity };
  }
  if (alerting.exhaustion) {
    const { within, burnWindow, severity, whenLeftBelow } = alerting.exhaustion;
    out.exhaustion = {
      within,
      burnWindow,
      severity,
      ...(whenLeftBelow !== '1' && { whenLeftBelow: exactNumber(whenLeftBelow) }),
    };
  }
  return Object.keys(out).length > 0 ? out : undefined;
}
