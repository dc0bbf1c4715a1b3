import Big from 'big.js';
import type { BudgetPolicy, Indicator, Objective, Slo, ValidationIssue } from '../slo/types';
import { formatPromDuration, parsePromDuration } from '../slo/duration';
import { quote, quoteIfUnusual } from '../slo/quote';
import { scoresSliceRatio, windowSeconds, windowToText } from '../slo/values';
import { findPromqlSyntaxError, parseVectorSelector, type VectorSelector } from '../promql/parse';
import { groupingLabelProblem, isLegalLabelName } from '../promql/format';
import { SLO_LABELS } from '../promql/slo';
import { substituteWindow, WINDOW_PLACEHOLDER } from '../promql/sli';
import { resolveBurnRates, shortestWindowForDefaultAlerts, type ResolvedBurnRate } from '../slo/burnRates';
import { dateStartSeconds, highestTarget, lowestTarget } from '../slo/phases';
import { approximationNote, describeWindowLength } from '../slo/describe';
import { BUDGET_STATUSES } from '../slo/budgetPolicy';
import { errorBudgetText } from '../slo/budget';
import { MIN_REVIEW_INTERVAL_SECONDS, SLO_STATUSES } from '../slo/lifecycle';
import { DATASOURCE_UID_RULE, isDatasourceUid } from '../slo/datasource';

/*
 * Validation sits beside the rule builder because it promises that an SLO that validates yields rules
 * Prometheus accepts: it checks selectors and expressions with the PromQL parser and labels against those
 * the rules set.
 */

export interface ValidateOptions {
  /** Evaluation interval of the base rules; short alert windows must be longer. Default 30s. */
  evaluationInterval?: string;
}

const NAME = /^[a-zA-Z0-9]([a-zA-Z0-9_.-]{0,126}[a-zA-Z0-9])?$/;
const RESERVED_LABELS = new Set<string>([...Object.values(SLO_LABELS), 'le', 'alertname']);
/** The longest window or no-data delay: Prometheus reads no duration beyond about 292 years. */
const MAX_WINDOW_SECONDS = 36500 * 86400;
/** The largest finite float64: Prometheus refuses a number beyond it in an expression. */
const LARGEST_NUMBER = new Big('1.7976931348623157e308');
/**
 * The smallest burn rate an alert may fire at. Below it the threshold means "any bad event", and a float
 * no longer holds it with the SLO window beside it (the budget would last longer than a float can say).
 */
const MIN_BURN_FACTOR = '0.000001';
/** Half of a UTF-16 surrogate pair without its other half: no character, and nothing YAML or UTF-8 can hold. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Every problem of one SLO, each with the path of its field in the native document. */
export function validateSlo(slo: Slo, options: ValidateOptions = {}): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const error = (path: string, message: string) => issues.push({ path, message, severity: 'error' });
  const warn = (path: string, message: string) => issues.push({ path, message, severity: 'warning' });

  if (!NAME.test(slo.name)) {
    error(
      'metadata.name',
      'must be 1-128 letters, digits, "-", "_" or ".", starting and ending with a letter or digit'
    );
  }
  if (slo.uid !== slo.name && !NAME.test(slo.uid)) {
    error('metadata.uid', 'must be 1-128 letters, digits, "-", "_" or ".", starting and ending with a letter or digit');
  }
  if (slo.service.trim() === '') {
    error('spec.service', 'must name the service, e.g. checkout-api');
  }
  if (slo.datasourceUid !== undefined && !isDatasourceUid(slo.datasourceUid)) {
    error('spec.datasource.uid', `${DATASOURCE_UID_RULE}, got ${quote(slo.datasourceUid)}`);
  }
  checkLabels(slo.labels, 'spec.labels', error, warn);
  checkLabels(slo.alerting.labels, 'spec.alerting.labels', error, warn);
  for (const [severity, text] of Object.entries(slo.alerting.perSeverity ?? {})) {
    const at = `spec.alerting.perSeverity.${severity}`;
    checkLabels(text.labels, `${at}.labels`, error, warn);
    for (const name of Object.keys(text.annotations)) {
      if (!isLegalLabelName(name)) {
        error(
          `${at}.annotations.${name}`,
          `${quote(name)} is not a legal annotation name: use letters, digits and "_", not starting with a digit`
        );
      }
    }
  }
  checkIndicator(slo.indicator, error, warn);

  const evaluationInterval = options.evaluationInterval ?? '30s';
  const intervalSeconds = parsePromDuration(evaluationInterval);
  if (intervalSeconds === undefined) {
    error('evaluationInterval', `must be a duration such as 30s or 1m, got ${quote(evaluationInterval)}`);
  } else if (intervalSeconds > 300) {
    error('evaluationInterval', `must be at most 5m (the rate window), got ${evaluationInterval}`);
  }

  const seenWindows = new Map<string, number>();
  slo.objectives.forEach((objective, i) => {
    const key = windowToText(objective.window);
    const earlier = seenWindows.get(key);
    if (earlier !== undefined) {
      error(
        `spec.objectives[${i}].window`,
        `objectives[${earlier}] already uses the window ${key}: give each objective its own window`
      );
    }
    seenWindows.set(key, i);
  });
  slo.objectives.forEach((objective, i) => {
    if (objective.window.kind === 'rolling' && objective.window.seconds > MAX_WINDOW_SECONDS) {
      error(`spec.objectives[${i}].window`, `must be at most 36500d (100 years), got ${objective.window.duration}`);
    }
  });
  if (slo.objectives.filter((o) => o.window.kind === 'calendar').length > 1) {
    error('spec.objectives', 'at most one calendar window (week or month) per SLO');
  }

  checkAlerting(slo, intervalSeconds, error, warn);
  if (slo.timeSlices) {
    checkTimeSlices(slo, intervalSeconds, error, warn);
  }
  for (const key of ['runbook', 'dashboard'] as const) {
    const url = slo.annotations[key];
    // Alert annotations carry the link into Alertmanager, chat and e-mail: a `javascript:` or `data:` link
    // would run wherever someone clicks it, so only web links and paths of this Grafana are taken.
    if (url === undefined) {
      continue;
    }
    if (!/^https?:\/\/[^\s/]/i.test(url) && !/^\/(?!\/)/.test(url)) {
      error(
        `spec.annotations.${key}`,
        `must be an http(s) URL or a path of this Grafana starting with /, got ${quote(url)}`
      );
    } else if (/\s/.test(url)) {
      warn(`spec.annotations.${key}`, `holds white space, which a link cannot hold: write it as %20 in ${quote(url)}`);
    }
  }
  if (slo.budgetPolicy) {
    checkBudgetPolicy(slo.budgetPolicy, error);
  }
  checkLifecycle(slo, error);
  checkText(slo, error);
  return issues;
}

/** Status, owners and review: a known status, an interval of at least a day, a last review with a date and a name. */
function checkLifecycle(slo: Slo, error: Report): void {
  if (slo.status !== undefined && !SLO_STATUSES.includes(slo.status)) {
    error('spec.status', `must be one of ${SLO_STATUSES.join(', ')}, got ${quote(String(slo.status))}`);
  }
  for (const role of ['product', 'sre'] as const) {
    const owner = slo.owners?.[role];
    if (owner !== undefined && owner.trim() === '') {
      error(`spec.owners.${role}`, 'is empty: name the owner or leave the field out');
    }
  }
  const interval = slo.review?.interval;
  if (interval !== undefined) {
    const seconds = parsePromDuration(interval);
    if (seconds === undefined) {
      error('spec.review.interval', `must be a duration such as 90d or 4w, got ${quote(interval)}`);
    } else if (seconds < MIN_REVIEW_INTERVAL_SECONDS) {
      error('spec.review.interval', `must be at least 1d, got ${interval}`);
    } else if (seconds > MAX_WINDOW_SECONDS) {
      error('spec.review.interval', `must be at most 36500d (100 years), got ${quoteIfUnusual(interval)}`);
    }
  }
  const last = slo.review?.last;
  if (last) {
    if (dateStartSeconds(last.date) === undefined) {
      error('spec.review.last.date', `must be a date such as 2026-11-02, got ${quote(last.date)}`);
    }
    if (last.by.trim() === '') {
      error('spec.review.last.by', 'must name who reviewed the SLO');
    }
  }
}

/** Every text of the SLO is Unicode text: a lone surrogate can be neither written to YAML nor sent as UTF-8. */
function checkText(slo: Slo, error: Report): void {
  const visit = (value: unknown, path: string) => {
    if (typeof value === 'string') {
      if (LONE_SURROGATE.test(value)) {
        error(path, 'holds half of a UTF-16 surrogate pair, which is no character: remove it');
      }
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => visit(item, `${path}[${i}]`));
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, item] of Object.entries(value)) {
        visit(key, path);
        visit(item, `${path}.${key}`);
      }
    }
  };
  const { name, uid, displayName, alerting, datasourceUid, ...spec } = slo;
  visit({ name, uid, displayName }, 'metadata');
  visit({ uid: datasourceUid }, 'spec.datasource');
  visit(spec, 'spec');
  const { noDataFor, ...alertingFields } = alerting;
  visit(alertingFields, 'spec.alerting');
  visit(noDataFor, 'spec.alerting.noData.for');
}

/** A number an expression holds: Prometheus refuses one beyond float64. */
function checkNumber(value: string, path: string, error: Report): void {
  if (new Big(value).abs().gt(LARGEST_NUMBER)) {
    error(path, `must be at most about 1.8e308, the largest number Prometheus reads; got ${value}`);
  }
}

/** Problems across a set of SLOs: the same name, or the same explicit uid, twice. */
export function validateSloSet(
  slos: Array<{ slo: Slo; source: string }>
): Array<ValidationIssue & { source: string; index: number }> {
  const issues: Array<ValidationIssue & { source: string; index: number }> = [];
  const names = new Map<string, string>();
  const uids = new Map<string, string>();
  for (const [index, { slo, source }] of slos.entries()) {
    const sameName = names.get(slo.name);
    if (sameName !== undefined) {
      issues.push({
        path: 'metadata.name',
        message: `${quote(slo.name)} is already the name of an SLO in ${quoteIfUnusual(sameName, 1024)}: names must be unique`,
        severity: 'error',
        source,
        index,
      });
    }
    const sameUid = uids.get(slo.uid);
    if (sameUid !== undefined && !(sameName !== undefined && slo.uid === slo.name)) {
      issues.push({
        path: 'metadata.uid',
        message: `${quote(slo.uid)} is already the uid of an SLO in ${quoteIfUnusual(sameUid, 1024)}: uids must be unique`,
        severity: 'error',
        source,
        index,
      });
    }
    names.set(slo.name, names.get(slo.name) ?? source);
    uids.set(slo.uid, uids.get(slo.uid) ?? source);
  }
  return issues;
}

type Report = (path: string, message: string) => void;

function checkLabels(labels: Record<string, string>, path: string, error: Report, warn: Report): void {
  for (const [name, value] of Object.entries(labels)) {
    if (!isLegalLabelName(name)) {
      error(
        `${path}.${name}`,
        `${quote(name)} is not a legal Prometheus label name: use letters, digits and "_", not starting with a digit or "__"`
      );
    } else if (RESERVED_LABELS.has(name)) {
      error(`${path}.${name}`, `${quote(name)} is set by Burnrate on every rule; choose another label name`);
    }
    if (value === '') {
      warn(`${path}.${name}`, 'an empty label value removes the label in Prometheus');
    }
  }
}

/** Unknown actions and statuses are refused when the document is parsed; what is left is repetition. */
function checkBudgetPolicy(policy: BudgetPolicy, error: Report): void {
  for (const status of BUDGET_STATUSES) {
    const seen = new Set<string>();
    (policy.actions[status] ?? []).forEach((action, i) => {
      if (seen.has(action)) {
        error(`spec.budgetPolicy.${status}[${i}]`, `${quote(action)} is listed twice`);
      }
      seen.add(action);
    });
  }
}

function checkPromql(expr: string, path: string, error: Report): boolean {
  // The rules sum it or take a subquery of it: it must be an instant vector.
  const problem = findPromqlSyntaxError(substituteWindow(expr), { type: 'instant vector' });
  if (problem) {
    error(path, `PromQL ${problem.message}`);
    return false;
  }
  return true;
}

function checkSelector(text: string, path: string, error: Report): VectorSelector | undefined {
  try {
    return parseVectorSelector(text);
  } catch (e) {
    error(path, `${e instanceof Error ? e.message : String(e)} in ${quote(text)}`);
    return undefined;
  }
}

function checkIndicator(indicator: Indicator, error: Report, warn: Report): void {
  const path = 'spec.indicator';
  const seen = new Set<string>();
  indicator.groupBy.forEach((label, i) => {
    if (!isLegalLabelName(label)) {
      error(`${path}.groupBy[${i}]`, `${quote(label)} is not a legal Prometheus label name`);
    } else if (RESERVED_LABELS.has(label)) {
      error(`${path}.groupBy[${i}]`, `${quote(label)} is set by Burnrate on every rule and cannot be a grouping label`);
    } else if (groupingLabelProblem(label) !== undefined) {
      error(
        `${path}.groupBy[${i}]`,
        `${quote(label)} cannot be a grouping label: ${groupingLabelProblem(label)} in by (...)`
      );
    } else if (seen.has(label)) {
      error(`${path}.groupBy[${i}]`, `${quote(label)} is listed twice`);
    }
    seen.add(label);
  });
  switch (indicator.type) {
    case 'ratio': {
      const total = checkSelector(indicator.total, `${path}.total`, error);
      const partKey = indicator.good !== undefined ? 'good' : 'bad';
      const part = checkSelector(indicator[partKey] ?? '', `${path}.${partKey}`, error);
      if (total && part) {
        for (const matcher of total.matchers) {
          const kept = part.matchers.some(
            (m) => m.name === matcher.name && m.op === matcher.op && m.value === matcher.value
          );
          if (!kept) {
            warn(
              `${path}.${partKey}`,
              `has no ${matcher.name}${matcher.op}${quote(matcher.value)} as total does: ${partKey} events outside total would be counted`
            );
          }
        }
      }
      break;
    }
    case 'latency': {
      const histogram = checkSelector(indicator.histogram, `${path}.histogram`, error);
      if (histogram && /_(bucket|count|sum)$/.test(histogram.metric) && !indicator.native) {
        error(
          `${path}.histogram`,
          `give the histogram's base name without _bucket, _count or _sum (e.g. ${histogram.metric.replace(/_(bucket|count|sum)$/, '')})`
        );
      }
      if (histogram?.matchers.some((m) => m.name === 'le')) {
        error(`${path}.histogram`, 'must not match le: the threshold chooses the bucket');
      }
      if (!new Big(indicator.threshold).gt(0)) {
        error(
          `${path}.threshold`,
          `must be a positive number of the histogram's unit (seconds for _seconds), got ${indicator.threshold}`
        );
      }
      checkNumber(indicator.threshold, `${path}.threshold`, error);
      break;
    }
    case 'threshold':
      // The rules sample the expression as written: only advanced SLIs have the rate window filled in.
      if (indicator.expr.match(WINDOW_PLACEHOLDER) !== null) {
        error(`${path}.expr`, 'has {{.window}}, which only advanced SLIs fill in: write the range, such as 5m');
      } else {
        checkPromql(indicator.expr, `${path}.expr`, error);
      }
      checkNumber(indicator.threshold, `${path}.threshold`, error);
      break;
    case 'advanced': {
      checkPromql(indicator.total, `${path}.total`, error);
      const partKey = indicator.good !== undefined ? 'good' : 'bad';
      checkPromql(indicator[partKey] ?? '', `${path}.${partKey}`, error);
      break;
    }
    case 'errorRatio': {
      checkPromql(indicator.expr, `${path}.expr`, error);
      const note = approximationNote(indicator.type);
      if (note !== undefined) {
        warn(path, note);
      }
      break;
    }
  }
}

/** Bounds of a time slice, in seconds (see checkTimeSlices). */
export const MIN_SLICE_SECONDS = 60;
export const MAX_SLICE_SECONDS = 300;

/**
 * A slice of 1m to 5m that divides each window evenly. At least 1m: the slice's rate needs two scrapes
 * or more inside it (scrape intervals are usually 15s to 30s), and its rule runs once per slice, so no
 * faster than the base rules. At most 5m: the base rates count the slices of the last 5m, so every
 * burn-rate window, down to the 5m short window of a 30d SLO, holds at least one whole slice.
 */
function checkTimeSlices(slo: Slo, intervalSeconds: number | undefined, error: Report, warn: Report): void {
  const slices = slo.timeSlices;
  if (!slices) {
    return;
  }
  const path = 'spec.timeSlices';
  const sliceMs = Math.round(slices.windowSeconds * 1000);
  if (slices.windowSeconds < MIN_SLICE_SECONDS || slices.windowSeconds > MAX_SLICE_SECONDS) {
    error(
      `${path}.window`,
      `must be from 1m to 5m, got ${slices.window}: a slice needs two scrapes or more, and the 5m base rates` +
        ' must hold at least one whole slice'
    );
  } else if (intervalSeconds !== undefined && slices.windowSeconds < intervalSeconds) {
    error(`${path}.window`, `must be at least the evaluation interval (${intervalSeconds}s), got ${slices.window}`);
  } else {
    slo.objectives.forEach((objective, i) => {
      // Calendar weeks and months are whole days.
      const windowMs = objective.window.kind === 'rolling' ? Math.round(objective.window.seconds * 1000) : 86400000;
      if (windowMs % sliceMs !== 0) {
        error(
          `${path}.window`,
          `a slice of ${slices.window} does not divide the window ${windowToText(objective.window)} of objectives[${i}]` +
            ' evenly: choose a slice such as 1m or 5m'
        );
      }
    });
  }
  const indicator = slo.indicator;
  const ratioScore = scoresSliceRatio(slices);
  if (ratioScore && slices.target !== undefined) {
    error(
      `${path}.target`,
      'has no meaning with score ratio: each slice counts its own good ratio and none is judged good or bad;' +
        ' remove the target, or use score good to count good slices'
    );
  }
  if (indicator.type === 'threshold') {
    // Without a target, every sample of the slice must meet the condition; with one, that share of them.
    return;
  }
  if (slices.target === undefined && !ratioScore) {
    error(
      `${path}.target`,
      `is required for a ${indicator.type} SLI: the good ratio a slice must reach to be good, e.g. 0.95`
    );
  }
  if (indicator.type === 'advanced') {
    for (const key of ['total', 'good', 'bad'] as const) {
      const expr = indicator[key];
      // A global regex keeps its position between test() calls: match() does not.
      if (expr !== undefined && expr.match(WINDOW_PLACEHOLDER) === null) {
        warn(
          `spec.indicator.${key}`,
          'has no {{.window}}: with time slices it is replaced by the slice length, so that each slice counts only' +
            ' its own events; a fixed range also counts events of earlier slices'
        );
      }
    }
  }
}

function checkAlerting(slo: Slo, intervalSeconds: number | undefined, error: Report, warn: Report): void {
  const path = 'spec.alerting';
  const noDataSeconds = slo.alerting.noDataFor === undefined ? undefined : parsePromDuration(slo.alerting.noDataFor);
  if (slo.alerting.noDataFor !== undefined && noDataSeconds === undefined) {
    error(`${path}.noData.for`, `must be a duration such as 30m, got ${quote(slo.alerting.noDataFor)}`);
  } else if (noDataSeconds !== undefined && noDataSeconds > MAX_WINDOW_SECONDS) {
    error(
      `${path}.noData.for`,
      `must be at most 36500d (100 years), got ${quoteIfUnusual(slo.alerting.noDataFor ?? '')}`
    );
  }
  if (slo.alerting.absent !== undefined) {
    const absentSeconds = parsePromDuration(slo.alerting.absent.for);
    if (absentSeconds === undefined || absentSeconds <= 0) {
      error(`${path}.absent.for`, `must be a positive duration such as 5m, got ${quote(slo.alerting.absent.for)}`);
    } else if (absentSeconds > MAX_WINDOW_SECONDS) {
      error(`${path}.absent.for`, `must be at most 36500d (100 years), got ${quoteIfUnusual(slo.alerting.absent.for)}`);
    }
  }
  checkExhaustionAlert(slo, intervalSeconds, error);
  const windowsOk = (slo.alerting.burnRates ?? []).every((alert, i) => {
    const alertPath = `${path}.burnRates[${i}]`;
    const long = parsePromDuration(alert.longWindow);
    const short = parsePromDuration(alert.shortWindow);
    if (long === undefined) {
      error(`${alertPath}.longWindow`, `must be a duration such as 1h, got ${quote(alert.longWindow)}`);
    }
    if (short === undefined) {
      error(`${alertPath}.shortWindow`, `must be a duration such as 5m, got ${quote(alert.shortWindow)}`);
    }
    if (alert.for !== undefined) {
      const forSeconds = parsePromDuration(alert.for);
      if (forSeconds === undefined) {
        error(`${alertPath}.for`, `must be a duration such as 5m, got ${quote(alert.for)}`);
      } else if (forSeconds > MAX_WINDOW_SECONDS) {
        error(`${alertPath}.for`, `must be at most 36500d (100 years), got ${quoteIfUnusual(alert.for)}`);
      } else if (long !== undefined && forSeconds > long) {
        warn(
          `${alertPath}.for`,
          `is longer than longWindow (${alert.longWindow}): the alert fires only after the burn has lasted ${alert.for}`
        );
      }
    }
    if (long !== undefined && short !== undefined && short >= long) {
      error(
        `${alertPath}.shortWindow`,
        `shortWindow (${alert.shortWindow}) must be shorter than longWindow (${alert.longWindow})` +
          (short > long ? ': they look swapped' : '')
      );
    }
    if (alert.factor !== undefined && !new Big(alert.factor).gt(0)) {
      error(`${alertPath}.factor`, `must be a positive burn rate such as 14.4, got ${alert.factor}`);
    } else if (alert.factor !== undefined) {
      checkNumber(alert.factor, `${alertPath}.factor`, error);
    }
    return long !== undefined && short !== undefined && (alert.factor === undefined || new Big(alert.factor).gt(0));
  });
  if (!windowsOk || !slo.alerting.enabled) {
    return;
  }
  // By alert index: with budgetSpent, factors depend on the objective's window.
  const duplicates = new Map<number, string>();
  slo.objectives.forEach((objective, o) => {
    // Progressive targets: an alert is fine if it can fire once the highest target is in force.
    const highest = highestTarget(objective);
    const budget = new Big(errorBudgetText(highest));
    const sloSeconds = windowSeconds(objective.window);
    if (sloSeconds > MAX_WINDOW_SECONDS) {
      return; // the window's own error says what to do; alerts scaled to it mean nothing
    }
    const burnRates = resolveBurnRates(slo, objective);
    // The defaults shrink with the window: when it is too short for them, one error at the window says what to do.
    const windowTooShort = checkDefaultsFitWindow(slo, burnRates, o, intervalSeconds, error);
    if (slo.alerting.burnRates) {
      for (const [i, message] of duplicateBurnRates(burnRates)) {
        duplicates.set(i, duplicates.get(i) ?? message);
      }
    }
    burnRates.forEach((burnRate, i) => {
      const custom = slo.alerting.burnRates?.[i];
      const alertPath = custom ? `${path}.burnRates[${i}]` : `${path}.burnRates`;
      const valuePath = `${alertPath}.${custom?.budgetSpent !== undefined ? 'budgetSpent' : 'factor'}`;
      if (custom && new Big(burnRate.factor).lt(MIN_BURN_FACTOR)) {
        const given =
          custom.budgetSpent !== undefined
            ? `budgetSpent ${custom.budgetSpent} gives burn rate ${burnRate.factor}`
            : `burn rate ${burnRate.factor}`;
        error(
          valuePath,
          `${given} for objectives[${o}], below ${MIN_BURN_FACTOR}, where any bad event at all would fire the ` +
            `alert; give a larger ${custom.budgetSpent !== undefined ? 'budgetSpent' : 'factor'}`
        );
        return;
      }
      // Defaults are adapted to the target (resolveBurnRates); an alert the user wrote is kept as written.
      if (custom && !burnRate.canFire) {
        const reach = new Big(burnRate.factor).times(budget).toString();
        const maxFactor = new Big(1).div(budget).round(2, Big.roundDown).toString();
        error(
          valuePath,
          `burn rate ${burnRate.factor} x error budget ${budget.toString()} = ${reach} >= 1 for objectives[${o}]: ` +
            `the error ratio can never exceed 1, so this alert can never fire; use a factor below ${maxFactor}`
        );
      }
      if (burnRate.adaptedFrom !== undefined) {
        warn(alertPath, adaptedDefaultText(burnRate, objective, o));
      }
      if (windowTooShort) {
        return;
      }
      if (intervalSeconds !== undefined && burnRate.shortWindowSeconds <= intervalSeconds) {
        error(
          `${alertPath}.shortWindow`,
          `the short window (${burnRate.shortWindow}) must be longer than the evaluation interval (${intervalSeconds}s)`
        );
      }
      if (burnRate.longWindowSeconds > sloSeconds) {
        error(
          `${alertPath}.longWindow`,
          `the long window (${burnRate.longWindow}) is longer than the SLO window of objectives[${o}]`
        );
      }
      if (burnRate.longWindowSeconds < 300) {
        warn(`${alertPath}.longWindow`, `a long window under 5m (${burnRate.longWindow}) reacts to single scrapes`);
      }
    });
  });
  for (const [i, message] of [...duplicates].sort(([a], [b]) => a - b)) {
    error(`${path}.burnRates[${i}]`, message);
  }
}

/**
 * Alerts that repeat an earlier one over the same windows, as [index, message]: with the same
 * severity they carry the same labels (and the same title in Grafana, where titles are unique in a
 * folder), with the same factor they fire at the same moments.
 */
function duplicateBurnRates(burnRates: ReturnType<typeof resolveBurnRates>): Array<[number, string]> {
  return burnRates.flatMap((burnRate, i) => {
    const earlier = burnRates.findIndex(
      (other, j) =>
        j < i &&
        other.longWindowSeconds === burnRate.longWindowSeconds &&
        other.shortWindowSeconds === burnRate.shortWindowSeconds &&
        (other.severity === burnRate.severity || new Big(other.factor).eq(burnRate.factor))
    );
    if (earlier < 0) {
      return [];
    }
    const other = burnRates[earlier];
    const windows = `over ${other.longWindow} and ${other.shortWindow}`;
    const message =
      other.severity === burnRate.severity
        ? `burnRates[${earlier}] is already a ${other.severity} alert ${windows}: the two would carry the same labels` +
          ' and title; remove one or give it other windows'
        : `burnRates[${earlier}] already fires at ${other.factor}x ${windows}: the two would always fire together;` +
          ' remove one or give it another factor or windows';
    return [[i, message]];
  });
}

/** True, after an error at the objective's window, when the window scales a default short window to the interval or less. */
function checkDefaultsFitWindow(
  slo: Slo,
  burnRates: ResolvedBurnRate[],
  objectiveIndex: number,
  intervalSeconds: number | undefined,
  error: Report
): boolean {
  const objective = slo.objectives[objectiveIndex];
  if (slo.alerting.burnRates || intervalSeconds === undefined || objective.window.kind !== 'rolling') {
    return false;
  }
  const tooShort = burnRates.filter((burnRate) => burnRate.shortWindowSeconds <= intervalSeconds);
  if (tooShort.length === 0) {
    return false;
  }
  error(
    `spec.objectives[${objectiveIndex}].window`,
    `a window of ${windowToText(objective.window)} is too short for the default alerts: scaled from the workbook's` +
      ` 30d windows, their short windows (${tooShort.map((b) => b.shortWindow).join(', ')}) must be longer than the` +
      ` evaluation interval (${intervalSeconds}s); use a window of at least` +
      ` ${formatPromDuration(shortestWindowForDefaultAlerts(intervalSeconds))}, or list alerting.burnRates`
  );
  return true;
}

/**
 * Plain words for a default alert the target made the rules adapt: the workbook factor it replaces and why,
 * and how soon a full outage fires it now.
 */
function adaptedDefaultText(burnRate: ResolvedBurnRate, objective: Objective, objectiveIndex: number): string {
  const verb = burnRate.severity === 'page' ? 'pages' : 'opens a ticket';
  const budget = new Big(errorBudgetText(lowestTarget(objective)));
  const share = new Big(burnRate.adaptedFrom ?? '0').times(budget);
  const why = share.gte(1)
    ? `which would need ${share.times(100).toString()}% of events to fail`
    : `at which a full outage would fire it only after ${describeWindowLength(Number(share) * burnRate.longWindowSeconds)}`;
  return (
    `the default ${burnRate.severity} alert over ${burnRate.longWindow}/${burnRate.shortWindow} for ` +
    `objectives[${objectiveIndex}] ${verb} at ${burnRate.factor}x instead of the workbook's ${burnRate.adaptedFrom}x, ` +
    `${why}: a full outage fires it within ${describeWindowLength(burnRate.fullOutageSeconds)}`
  );
}

/** The exhaustion alert's durations: readable, its burn window longer than an evaluation and within every window. */
function checkExhaustionAlert(slo: Slo, intervalSeconds: number | undefined, error: Report): void {
  const exhaustion = slo.alerting.exhaustion;
  if (!exhaustion) {
    return;
  }
  const path = 'spec.alerting.exhaustion';
  const within = parsePromDuration(exhaustion.within);
  if (within === undefined || within <= 0) {
    error(`${path}.within`, `must be a duration such as 3d, got ${quote(exhaustion.within)}`);
  } else if (within > MAX_WINDOW_SECONDS) {
    error(`${path}.within`, `must be at most 36500d (100 years), got ${quoteIfUnusual(exhaustion.within)}`);
  }
  const burnWindow = parsePromDuration(exhaustion.burnWindow);
  if (burnWindow === undefined || burnWindow <= 0) {
    error(`${path}.burnWindow`, `must be a duration such as 6h, got ${quote(exhaustion.burnWindow)}`);
    return;
  }
  if (intervalSeconds !== undefined && burnWindow <= intervalSeconds) {
    error(
      `${path}.burnWindow`,
      `the burn window (${exhaustion.burnWindow}) must be longer than the evaluation interval (${intervalSeconds}s)`
    );
  }
  const shortest = Math.min(...slo.objectives.map((o) => windowSeconds(o.window)));
  if (burnWindow > shortest) {
    error(
      `${path}.burnWindow`,
      `the burn window (${exhaustion.burnWindow}) is longer than the SLO window (${formatPromDuration(shortest)})`
    );
  }
}
