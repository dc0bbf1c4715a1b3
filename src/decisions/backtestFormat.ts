import type {
  BacktestAlertJson,
  BacktestAlertSetJson,
  BacktestObjectiveJson,
  BacktestReportJson,
  BacktestSloJson,
} from './backtestComparison';

/** `burnrate backtest`'s text: a table of the alert sets per objective, then each incident tier by tier. */

/** "45s", "12m", "2m 30s", "2h 05m", "3d 04h". */
export function durationText(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) {
    return `${s}s`;
  }
  const pad = (n: number) => String(n).padStart(2, '0');
  if (s < 3600) {
    return s % 60 === 0 ? `${s / 60}m` : `${Math.floor(s / 60)}m ${pad(s % 60)}s`;
  }
  if (s < 86400) {
    return `${Math.floor(s / 3600)}h ${pad(Math.floor((s % 3600) / 60))}m`;
  }
  return `${Math.floor(s / 86400)}d ${pad(Math.floor((s % 86400) / 3600))}h`;
}

/** "2026-11-10 14:02 UTC". */
function timeText(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** A share of the budget, "2.43%". */
function percent(share: number): string {
  return `${(share * 100).toFixed(share * 100 >= 10 ? 1 : 2)}%`;
}

function alertText(alert: BacktestAlertJson): string {
  return `${alert.severity} ${alert.factor}x ${alert.longWindow}/${alert.shortWindow}${alert.for ? ` for ${alert.for}` : ''}`;
}

const SET_COLUMN = 22;

function setsTable(sets: readonly BacktestAlertSetJson[]): string[] {
  const title = (set: BacktestAlertSetJson) => set.title.padEnd(SET_COLUMN);
  const lines = [`    ${'Alert set'.padEnd(SET_COLUMN)} Pages/week  Tickets/week  Missed  Noisy pages`];
  for (const set of sets) {
    const same = set.sameAs && sets.find((s) => s.name === set.sameAs);
    if (same) {
      lines.push(`    ${title(set)} same alerts as ${same.title}`);
    } else if (set.alerts.length === 0) {
      lines.push(`    ${title(set)} no burn-rate alerts (alerting is off)`);
    } else {
      lines.push(
        `    ${title(set)} ${set.pagesPerWeek.toFixed(2).padStart(10)}  ${set.ticketsPerWeek.toFixed(2).padStart(12)}  ` +
          `${String(set.missedIncidents).padStart(6)}  ${String(set.noisyPages).padStart(11)}`
      );
    }
  }
  for (const set of sets.filter((s) => !s.sameAs && s.alerts.length > 0)) {
    lines.push(
      `      ${set.title}: ${set.alerts.map((a) => alertText(a) + (a.canFire ? '' : ' (cannot fire)')).join(', ')}`
    );
  }
  return lines;
}

function incidentLines(objective: BacktestObjectiveJson, index: number): string[] {
  const incident = objective.incidents[index];
  const lines = [
    `    Incident ${index + 1}: ${timeText(incident.start)} to ${timeText(incident.end)} ` +
      `(${durationText(incident.durationSeconds)}), spent ${percent(incident.budgetSpent)} of the budget`,
  ];
  for (const set of objective.alertSets.filter((s) => !s.sameAs && s.alerts.length > 0)) {
    const score = set.incidents[index];
    const firstPage = score.paged
      ? `first page after ${durationText(score.pageDelaySeconds ?? 0)}, ${percent(score.budgetSpentBeforeFirstPage)} of the budget spent before it`
      : 'never paged';
    lines.push(`      ${set.title}: ${firstPage}`);
    for (const tier of score.tiers) {
      const alert = alertText(set.alerts[tier.alert]).padEnd(36);
      lines.push(
        tier.firedAt === undefined
          ? `        ${alert} did not fire`
          : `        ${alert} fired ${timeText(tier.firedAt)} (after ${durationText(tier.detectionDelaySeconds ?? 0)}), ` +
              `cleared ${timeText(tier.clearedAt ?? tier.firedAt)} (${durationText(tier.resetSeconds ?? 0)} after recovery)`
      );
    }
  }
  return lines;
}

function sloLines(slo: BacktestSloJson): string[] {
  const lines = [`${slo.name} (service ${slo.service}, ${slo.groups} group${slo.groups === 1 ? '' : 's'})`];
  for (const objective of slo.objectives) {
    const target = `${(Number(objective.target) * 100).toPrecision(6).replace(/\.?0+$/, '')}%`;
    const spent =
      objective.budgetSpent === undefined ? 'no events' : `spent ${percent(objective.budgetSpent)} of the budget`;
    lines.push(
      `  ${target} over ${objective.window}: ${objective.incidents.length} incident${objective.incidents.length === 1 ? '' : 's'}, the range ${spent}`
    );
    lines.push(...setsTable(objective.alertSets));
    objective.incidents.forEach((_, i) => lines.push(...incidentLines(objective, i)));
  }
  return lines;
}

export function formatBacktestText(report: BacktestReportJson): string {
  const lines = [
    `Backtest ${timeText(report.from)} to ${timeText(report.to)} (${report.days} days, step ${durationText(report.stepSeconds)})`,
    'Incident: the 5m error ratio above the error budget; missed: spent over 2% of the budget and never paged;',
    'noisy: a page during no period that spent 1% of the budget.',
    '',
  ];
  for (const slo of report.slos) {
    lines.push(...sloLines(slo), '');
  }
  for (const problem of report.problems) {
    lines.push(problem.message);
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
