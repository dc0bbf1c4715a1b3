import { customRange, formatUtc, type ObjectiveReport, type Report, type ReportRange } from './report';
import { escapeMarkdown, formatReportMarkdown, objectiveTitle } from './reportFormat';
import type { GateResult } from './gate';
import { formatDuration } from '../slo/budget';
import { quote } from '../slo/quote';

/**
 * The weekly SLO review, in the agenda of the seed guide: how the SLOs performed, the incidents (alerts
 * and bad periods), the decisions (release decision per service now, the report's recommendations),
 * then the team's notes and action items. Weeks start on Monday 00:00 UTC.
 */

const DAY_MS = 86_400_000;
const WEEK = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The Monday (YYYY-MM-DD, UTC) of the week holding `date`. */
export function weekOf(date: Date): string {
  const day = Math.floor(date.getTime() / DAY_MS) * DAY_MS;
  // 1970-01-01 was a Thursday: (days + 3) % 7 is the days since Monday.
  const monday = new Date(day - ((day / DAY_MS + 3) % 7) * DAY_MS);
  return monday.toISOString().slice(0, 10);
}

/** The week starting on a Monday YYYY-MM-DD; throws a RangeError for anything else. */
export function weekRange(monday: string): ReportRange {
  const match = WEEK.exec(monday);
  const from = match ? new Date(`${monday}T00:00:00Z`) : undefined;
  if (!from || Number.isNaN(from.getTime()) || weekOf(from) !== monday) {
    throw new RangeError(`a week is given by its Monday, YYYY-MM-DD; got ${quote(monday)}`);
  }
  const range = customRange(from, new Date(from.getTime() + 7 * DAY_MS));
  return { ...range, label: `week of ${monday}`, shortLabel: monday };
}

/** The three weeks before a week, oldest first: the trend of the review. */
export function previousWeeks(monday: string): ReportRange[] {
  const start = new Date(`${monday}T00:00:00Z`).getTime();
  return [3, 2, 1].map((back) => weekRange(new Date(start - back * 7 * DAY_MS).toISOString().slice(0, 10)));
}

/** The current week and the `count` before it, newest first. */
export function weekChoices(now: Date, count = 8): string[] {
  const monday = new Date(`${weekOf(now)}T00:00:00Z`).getTime();
  return Array.from({ length: count + 1 }, (_, i) => new Date(monday - i * 7 * DAY_MS).toISOString().slice(0, 10));
}

/** What the incidents section says of a week without any. */
export const NO_INCIDENTS = 'No alert fired and no SLO burnt faster than its budget allows this week.';

export interface Incident {
  objective: ObjectiveReport;
  /** "2 page, 1 ticket", or undefined when no alert fired. */
  alerts?: string;
  /** "35 min from 2026-10-14 09:20 UTC", or undefined without a bad period. */
  longestBadPeriod?: string;
}

/** The objectives that had alerts or bad periods in the week, the most alerts first. */
export function incidentsOf(report: Report): Incident[] {
  const incidents: Array<Incident & { alertCount: number }> = [];
  for (const service of report.serviceReports) {
    for (const o of service.objectives) {
      const alertCount = Object.values(o.alerts).reduce((n, c) => n + c, 0);
      const longest = o.badPeriods.longest;
      if (alertCount === 0 && !longest) {
        continue;
      }
      incidents.push({
        objective: o,
        alertCount,
        ...(alertCount > 0 && {
          alerts: Object.entries(o.alerts)
            .filter(([, n]) => n > 0)
            .map(([severity, n]) => `${n} ${severity}`)
            .join(', '),
        }),
        ...(longest && {
          longestBadPeriod: `${formatDuration(longest.seconds)} from ${formatUtc(longest.start)} UTC`,
        }),
      });
    }
  }
  return incidents.sort((a, b) => b.alertCount - a.alertCount).map(({ alertCount: _, ...incident }) => incident);
}

export interface ActionItem {
  text: string;
  owner: string;
  done: boolean;
  /** YYYY-MM-DD, when one was set. */
  due?: string;
}

export interface ReviewNotes {
  notes: string;
  actions: ActionItem[];
}

/** "alerts fired 2 page, 1 ticket; longest bad period 35 min from 2026-11-18 09:20 UTC". */
export function incidentText(incident: Incident): string {
  return [
    incident.alerts && `alerts fired ${incident.alerts}`,
    incident.longestBadPeriod && `longest bad period ${incident.longestBadPeriod}`,
  ]
    .filter(Boolean)
    .join('; ');
}

/** The whole review as Markdown: the week's report, incidents, decisions, notes and action items. */
export function reviewMarkdown(report: Report, decisions: GateResult[], notes: ReviewNotes): string {
  const performance = formatReportMarkdown(report)
    .split('\n')
    // The report's own title becomes the performance section; its headings move one level down.
    .map((line) => (line.startsWith('# ') ? '## 1. Performance' : line.startsWith('## ') ? `#${line}` : line));
  const incidents = incidentsOf(report);
  const lines = [
    `# Weekly SLO review: ${escapeMarkdown(report.range.label)}`,
    '',
    ...performance,
    '## 2. Incidents',
    '',
    ...(incidents.length === 0
      ? [NO_INCIDENTS]
      : incidents.map((i) => `- **${escapeMarkdown(objectiveTitle(i.objective))}**: ${incidentText(i)}`)),
    '',
    '## 3. Decisions',
    '',
    ...decisions.map(
      (d) => `- **${escapeMarkdown(d.service)}**: ${d.decision} a ${d.risk}-risk change. ${escapeMarkdown(d.reason)}`
    ),
    ...(decisions.length === 0 ? ['No release decision could be read.'] : []),
    '',
    '## 4. Notes',
    '',
    notes.notes.trim() === '' ? '_No notes._' : notes.notes.trim(),
    '',
    '## 5. Action items',
    '',
    ...(notes.actions.filter((a) => a.text.trim() !== '').length === 0
      ? ['_None._']
      : notes.actions
          .filter((a) => a.text.trim() !== '')
          .map(
            (a) =>
              `- [${a.done ? 'x' : ' '}] ${escapeMarkdown(a.text.trim())}${a.owner.trim() ? ` (${escapeMarkdown(a.owner.trim())})` : ''}${a.due ? `, due ${a.due}` : ''}`
          )),
    '',
  ];
  return lines.join('\n');
}
