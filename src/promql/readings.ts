import { quotePromqlString } from './format';
import { SLO_LABELS, SLO_METRICS } from './slo';

/**
 * The queries of the gate (decisions/serviceReadings.ts): what it reads of a service from the series
 * Burnrate records, by their `service` label.
 */

/** The objectives, the budgets remaining and the error ratio of the last hour of a service's SLOs. */
export function serviceQueries(service: string): { objectives: string; budgets: string; errorRatio1h: string } {
  const matcher = serviceSelectorMatcher(service);
  return {
    objectives: `${SLO_METRICS.objective}${matcher}`,
    budgets: `${SLO_METRICS.budgetRemaining}${matcher}`,
    errorRatio1h: windowErrorRatioQuery(service, '1h'),
  };
}

/** Error ratio of the service's SLOs over a window, from the 5m rates (while no budget is recorded yet). */
export function windowErrorRatioQuery(service: string, window: string): string {
  const matcher = serviceSelectorMatcher(service);
  const sum = (metric: string) => `sum by (${SLO_LABELS.uid}) (sum_over_time(${metric}${matcher}[${window}]))`;
  return `${sum(SLO_METRICS.badEvents)} / ${sum(SLO_METRICS.events)}`;
}

/**
 * The service's SLOs whose events were already recorded a day ago (any sample in the hour before): the
 * others have less than a day of figures, too little to advise on. One series per SLO uid.
 */
export function recordedADayAgoQuery(service: string): string {
  const matcher = serviceSelectorMatcher(service);
  return `count by (${SLO_LABELS.uid}) (last_over_time(${SLO_METRICS.events}${matcher}[1h] offset 1d))`;
}

/**
 * The service's draft and retired SLOs, by the status their rules carry (only those SLOs' rules info has
 * the label): one series per SLO uid and status.
 */
export function statusesQuery(service: string): string {
  return `count by (${SLO_LABELS.uid}, ${SLO_LABELS.status}) (${SLO_METRICS.rulesInfo}{${SLO_LABELS.service}=${quotePromqlString(service)},${SLO_LABELS.status}!=""})`;
}

function serviceSelectorMatcher(service: string): string {
  return `{${SLO_LABELS.service}=${quotePromqlString(service)}}`;
}
