import Big from 'big.js';
import { groupThousands } from '../slo/budget';
import { formatTarget } from '../slo/describe';
import type { TargetOutcome } from '../slo/targetHistory';
import type {
  ObjectiveTargetJson,
  SliSpanJson,
  SloTargetHistoryJson,
  TargetHistoryReportJson,
} from './targetFromHistory';

const WEEK_SECONDS = 7 * 86400;

/** Words of a target history, shared by `burnrate suggest`'s text and the editor. */

/** An SLI, "99.962%". */
export function sliText(sli: number | undefined): string {
  return sli === undefined ? 'no events' : `${(sli * 100).toFixed(3)}%`;
}

/** A share of the budget, "31.0%", "-12.4%". */
export function budgetShareText(share: number | undefined): string {
  return share === undefined ? '-' : `${(share * 100).toFixed(1)}%`;
}

/** "never", "once", "twice", "3 times". */
export function exhaustedText(times: number): string {
  return times === 0 ? 'never' : times === 1 ? 'once' : times === 2 ? 'twice' : `${times} times`;
}

/** "62.5 days", "30 days", "1 day": tenths under ten days; hours under a day. */
export function daysText(seconds: number): string {
  const days = seconds / 86400;
  if (days < 1) {
    const hours = Math.round(seconds / 3600);
    return hours < 1 ? 'under an hour' : `${hours} hour${hours === 1 ? '' : 's'}`;
  }
  const rounded = days >= 10 ? Math.round(days) : Math.round(days * 10) / 10;
  return `${rounded} day${rounded === 1 ? '' : 's'}`;
}

/** "7-day", "30-day": a window's length as an adjective. */
function windowAdjective(seconds: number): string {
  return daysText(seconds).replace(/ days?$/, '-day');
}

/** "2026-11-10". */
function dateText(iso: string): string {
  return iso.slice(0, 10);
}

/** "critical", "essential, standard", or "" for a target that is no tier's. */
function tiersText(outcome: TargetOutcome): string {
  return outcome.tiers.join(', ');
}

/**
 * "99.9% would have left 31.0% of its budget over the 62 days held and never run out in a 30-day window"
 * (the issue's own phrasing, for one target).
 */
export function outcomeSentence(outcome: TargetOutcome, objective: ObjectiveTargetJson, heldSeconds: number): string {
  const windowDays = windowAdjective(objective.windowSeconds);
  const left =
    outcome.budgetLeft === undefined
      ? 'had no events to judge'
      : outcome.budgetLeft >= 0
        ? `would have left ${budgetShareText(outcome.budgetLeft)} of its budget over the ${daysText(heldSeconds)} held`
        : `would have overspent its budget by ${budgetShareText(-outcome.budgetLeft)} over the ${daysText(heldSeconds)} held`;
  const runs = outcome.partialWindow
    ? outcome.exhausted > 0
      ? 'and run out in that time, shorter than one window'
      : 'and not run out in that time, shorter than one window'
    : outcome.exhausted > 0
      ? `and been exhausted ${exhaustedText(outcome.exhausted)} in ${windowDays} windows`
      : `and never run out in a ${windowDays} window`;
  return `${formatTarget(outcome.target)} ${left} ${runs}`;
}

/** Why the suggestion is what it is, in one sentence. */
export function suggestionSentence(objective: ObjectiveTargetJson): string {
  const { suggestion, outcomes } = objective;
  const margin = budgetShareText(suggestion.margin);
  const window = outcomes[0]?.partialWindow ? 'the history held' : 'its worst window';
  if (suggestion.target === undefined) {
    const tierOutcomes = outcomes.filter((o) => o.tiers.length > 0);
    const lowestTier = tierOutcomes[tierOutcomes.length - 1];
    // An own target below every tier may keep the margin where no tier does: say so, it is the user's choice.
    const ownKept = outcomes.find(
      (o) =>
        o.tiers.length === 0 && o.worstWindowBudgetLeft !== undefined && o.worstWindowBudgetLeft >= suggestion.margin
    );
    return (
      `No tier target kept ${margin} of its budget in ${window}` +
      (lowestTier
        ? `: even ${formatTarget(lowestTier.target)} kept ${budgetShareText(lowestTier.worstWindowBudgetLeft)}.`
        : '.') +
      (ownKept
        ? ` The SLO's own ${formatTarget(ownKept.target)} kept ${budgetShareText(ownKept.worstWindowBudgetLeft)}.`
        : ' Fix what spends the budget, or choose a lower target knowingly.')
    );
  }
  const chosen = outcomes.find((o) => o.target === suggestion.target);
  const kept = budgetShareText(chosen?.worstWindowBudgetLeft);
  const stricter = suggestion.aboveEveryTier ? ' History supports even a stricter target than every tier.' : '';
  return (
    `Suggested target ${formatTarget(suggestion.target)} (${suggestion.tiers.join(', ')}): ${window} kept ${kept} ` +
    `of its budget, and a suggestion must keep ${margin}.${stricter}`
  );
}

/** The target as percent text for a form field, "99.9". */
export function targetPercentText(target: string): string {
  return new Big(target).times(100).toString();
}

function spanLine(label: string, span: SliSpanJson, unit: string, lengthSeconds: number): string {
  // A step is always missing at the start of a range: only a shortfall of more than an hour is news.
  const held = span.heldSeconds + 3600 < lengthSeconds ? ` (held ${daysText(span.heldSeconds)})` : '';
  return (
    `${label.padEnd(14)} ${sliText(span.sli).padStart(9)}  ${groupThousands(Math.round(span.totalEvents))} ${unit}, ` +
    `${groupThousands(Math.round(span.badEvents))} bad${held}`
  );
}

function objectiveLines(objective: ObjectiveTargetJson, history: SloTargetHistoryJson): string[] {
  const windowWords = daysText(objective.windowSeconds);
  const lines = [
    `  Objective ${formatTarget(objective.target)} over ${objective.window}, judged in windows of ${windowWords}` +
      (objective.outcomes[0]?.partialWindow ? ' (the history held is shorter: judged as one window)' : '') +
      ':',
    `    ${'Target'.padEnd(14)}${'Tiers'.padEnd(24)}${'Left over history'.padStart(17)}  ${'Exhausted'.padStart(9)}  ${'Worst window left'.padStart(17)}`,
  ];
  for (const outcome of objective.outcomes) {
    const own = outcome.target === objective.target ? ' (now)' : '';
    lines.push(
      `    ${(formatTarget(outcome.target) + own).padEnd(14)}${tiersText(outcome).padEnd(24)}` +
        `${budgetShareText(outcome.budgetLeft).padStart(17)}  ${exhaustedText(outcome.exhausted).padStart(9)}  ` +
        `${budgetShareText(outcome.worstWindowBudgetLeft).padStart(17)}`
    );
  }
  for (const outcome of objective.outcomes.filter((o) => o.tiers.length > 0 || o.target === objective.target)) {
    lines.push(`    ${outcomeSentence(outcome, objective, history.heldSeconds)}.`);
  }
  lines.push(`  ${suggestionSentence(objective)}`);
  return lines;
}

function sloLines(history: SloTargetHistoryJson, days: number): string[] {
  const lines = [
    `SLO ${JSON.stringify(history.slo)} (service ${JSON.stringify(history.service)}): ${history.unit} held for ` +
      `${daysText(history.heldSeconds)} of the ${days} days read`,
  ];
  for (const span of history.recent) {
    const label = `last ${span.days} day${span.days === 1 ? '' : 's'}`;
    lines.push(`  ${spanLine(label, span, history.unit, span.days * 86400)}`);
  }
  lines.push('  Weeks, counted back from the end (* the worst):');
  for (const week of history.weeks) {
    const worst = history.worstWeek && week.from === history.worstWeek.from ? '*' : ' ';
    const label = `${dateText(week.from)} to ${dateText(week.to)}`;
    lines.push(`  ${worst} ${spanLine(label, week, history.unit, WEEK_SECONDS)}`);
  }
  for (const objective of history.objectives) {
    lines.push(...objectiveLines(objective, history));
  }
  return lines;
}

/** `burnrate suggest`'s text: per SLO its recent SLIs, its weeks, and each target's outcome with the suggestion. */
export function formatTargetHistoryText(report: TargetHistoryReportJson): string {
  const stepMinutes = report.stepSeconds / 60;
  const lines = [
    `Target from history: the last ${report.days} days to ${report.to.slice(0, 16).replace('T', ' ')} UTC, ` +
      `read from the raw source series at ${stepMinutes}-minute steps`,
  ];
  for (const history of report.slos) {
    lines.push('', ...sloLines(history, report.days));
  }
  for (const problem of report.problems) {
    lines.push('', problem.message);
  }
  return `${lines.join('\n')}\n`;
}
