/**
 * Sloth's alert windows (`sloth.slok.dev/v1` `AlertWindows`): for an SLO period, the long and short
 * windows of the page and ticket alerts (quick and slow) and the share of the budget each may spend in
 * its long window. Sloth picks the windows of the period it runs with; without a catalogue of its own it
 * has the Google SRE workbook's for 30d and 28d, with the same unscaled windows (1h/5m, 6h/30m, 1d/2h,
 * 3d/6h) and budget shares (2%, 5%, 10%, 10%), so a 28d SLO pages at 2% x 672h / 1h = 13.44x. Given a
 * catalogue, Sloth uses it alone, and refuses a period it does not hold.
 *
 * Each window becomes a burn-rate alert of its severity with `budgetSpent` = errorBudgetPercent / 100, so
 * its factor is Sloth's: budgetSpent x period / long window.
 */
import { z } from 'zod';
import Big from 'big.js';
import type { BurnRateAlert, Severity, SloWindow, ValidationIssue } from '../slo/types';
import { windowSeconds } from '../slo/values';
import { formatPromDuration, parsePromDuration } from '../slo/duration';
import { quote, quoteValue } from '../slo/quote';
import { objectSchema, type DocumentIssue, type DocumentSchemas } from './document';

export const SLOTH_WINDOWS_KIND = 'AlertWindows';

function buildSchema(strict: boolean) {
  const obj = objectSchema(strict);
  const window = obj({
    errorBudgetPercent: z.union([z.number(), z.string()]),
    shortWindow: z.string(),
    longWindow: z.string(),
  });
  const quickSlow = obj({ quick: window, slow: window });
  return obj({
    apiVersion: z.string(),
    kind: z.literal(SLOTH_WINDOWS_KIND),
    metadata: z.record(z.string(), z.unknown()).optional(),
    spec: obj({ sloPeriod: z.string(), page: quickSlow, ticket: quickSlow }),
  });
}

export const slothWindowsSchemas: DocumentSchemas<ReturnType<typeof buildSchema>> = {
  strict: buildSchema(true),
  loose: buildSchema(false),
};

export type SlothWindowsDocument = z.output<ReturnType<typeof buildSchema>>;

/** The windows of one SLO period, as burn-rate alerts of both severities (page first). */
export interface SlothAlertWindows {
  periodSeconds: number;
  alerts: BurnRateAlert[];
}

/** An AlertWindows document as alerts, or its problems at Sloth's paths. */
export function readSlothWindows(doc: SlothWindowsDocument): {
  windows?: SlothAlertWindows;
  issues: ValidationIssue[];
} {
  const issues: ValidationIssue[] = [];
  const error = (path: string, message: string) => issues.push({ path, message, severity: 'error' });
  const periodSeconds = parsePromDuration(doc.spec.sloPeriod);
  if (periodSeconds === undefined || periodSeconds <= 0) {
    error('spec.sloPeriod', `must be a duration such as 30d, got ${quote(doc.spec.sloPeriod)}`);
  }
  const alerts: BurnRateAlert[] = [];
  for (const severity of ['page', 'ticket'] as const) {
    for (const speed of ['quick', 'slow'] as const) {
      const path = `spec.${severity}.${speed}`;
      const { errorBudgetPercent, shortWindow, longWindow } = doc.spec[severity][speed];
      const percent = toPercent(errorBudgetPercent);
      if (percent === undefined) {
        error(
          `${path}.errorBudgetPercent`,
          `must be a percentage above 0 such as 2, got ${quoteValue(errorBudgetPercent)}`
        );
      }
      const long = duration(longWindow, `${path}.longWindow`, error);
      const short = duration(shortWindow, `${path}.shortWindow`, error);
      if (percent !== undefined && long !== undefined && short !== undefined) {
        alerts.push({ severity, longWindow: long, shortWindow: short, budgetSpent: percent.div(100).toString() });
      }
    }
  }
  return issues.length > 0 || periodSeconds === undefined ? { issues } : { windows: { periodSeconds, alerts }, issues };
}

function toPercent(value: number | string): Big | undefined {
  try {
    const percent = new Big(value);
    return percent.gt(0) ? percent : undefined;
  } catch {
    return undefined;
  }
}

function duration(text: string, path: string, error: (path: string, message: string) => void): string | undefined {
  const seconds = parsePromDuration(text);
  if (seconds === undefined || seconds <= 0) {
    error(path, `must be a duration such as 1h, got ${quote(text)}`);
    return undefined;
  }
  return formatPromDuration(seconds);
}

/** Sloth's own windows (google-30d.yaml and google-28d.yaml): the same for both periods. */
const GOOGLE_WINDOWS: BurnRateAlert[] = [
  { severity: 'page', longWindow: '1h', shortWindow: '5m', budgetSpent: '0.02' },
  { severity: 'page', longWindow: '6h', shortWindow: '30m', budgetSpent: '0.05' },
  { severity: 'ticket', longWindow: '1d', shortWindow: '2h', budgetSpent: '0.1' },
  { severity: 'ticket', longWindow: '3d', shortWindow: '6h', budgetSpent: '0.1' },
];

const DAY = 86400;

/** The windows Sloth has without a catalogue of its own: for 30d and 28d. */
export const SLOTH_DEFAULT_WINDOWS: readonly SlothAlertWindows[] = [
  { periodSeconds: 30 * DAY, alerts: GOOGLE_WINDOWS },
  { periodSeconds: 28 * DAY, alerts: GOOGLE_WINDOWS },
];

/** The alerts of the severities left on, or undefined where they are Burnrate's defaults for that window. */
export function slothBurnRates(
  windows: SlothAlertWindows,
  severities: readonly Severity[]
): BurnRateAlert[] | undefined {
  const isDefault = windows.periodSeconds === 30 * DAY && windows.alerts === GOOGLE_WINDOWS;
  // The workbook's 30d alerts are Burnrate's defaults, which also adapt to low targets.
  if (isDefault && severities.length === 2) {
    return undefined;
  }
  return windows.alerts.filter((alert) => severities.includes(alert.severity)).map((alert) => ({ ...alert }));
}

/**
 * The alert windows of the SLO period: those of the AlertWindows given (null, with an error, when none is
 * for this period: Sloth refuses it), else Sloth's own for 30d and 28d; undefined for another period,
 * whose SLOs get Burnrate's defaults scaled to it (Sloth has none).
 */
export function windowsOfPeriod(
  window: SloWindow,
  given: SlothAlertWindows[] | undefined,
  issues: DocumentIssue[]
): SlothAlertWindows | undefined | null {
  const seconds = windowSeconds(window);
  const catalogue = given !== undefined && given.length > 0 ? given : SLOTH_DEFAULT_WINDOWS;
  const found = catalogue.find((w) => w.periodSeconds === seconds);
  if (found || catalogue === SLOTH_DEFAULT_WINDOWS) {
    if (!found) {
      issues.push({
        path: 'slothWindow',
        message: `Sloth has alert windows for 30d and 28d only: the ${formatPromDuration(seconds)} SLOs get Burnrate's default alerts scaled to their window`,
        severity: 'warning',
      });
    }
    return found;
  }
  const periods = catalogue.map((w) => formatPromDuration(w.periodSeconds)).join(', ');
  issues.push({
    path: 'slothWindow',
    message: `no AlertWindows given for the SLO period ${formatPromDuration(seconds)} (only for ${periods}): Sloth refuses it; give AlertWindows with sloPeriod: ${formatPromDuration(seconds)}`,
    severity: 'error',
  });
  return null;
}
