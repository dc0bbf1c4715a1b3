import Big from 'big.js';
import { formatDuration, groupThousands } from '../slo/budget';
import { noCombinedDataReason, type CombinedMember, type CombinedReading, type MemberReading } from '../slo/combined';
import { describeSpan } from '../slo/maintenance';
import {
  formatUtc,
  type JourneyReport,
  percentDown,
  reportHasData,
  targetPercent,
  TREND_BUDGET_SHARE,
  type AlertCounts,
  type ObjectiveReport,
  type Report,
  type ServiceReport,
  describeReportSource,
} from './report';

/**
 * The SLO report as plain text (a CI log, a terminal), CSV (one row per objective), a standalone HTML
 * document (printable) and Markdown. Figures are rounded down, so that an SLI short of its target or a
 * budget short of 100% never prints as reaching it.
 */

export type ReportFormat = 'text' | 'csv' | 'html' | 'markdown' | 'json';
export const REPORT_FORMATS: readonly ReportFormat[] = ['text', 'csv', 'html', 'markdown', 'json'];

// ---------------------------------------------------------------------------------------------------------
// Cells shared by the formats

/** Decimals of an SLI: one more than its target has in percent, at least 3 (99.95% -> "99.962%"). */
function sliDigits(target: string): number {
  const percent = new Big(target).times(100).toString();
  const decimals = percent.includes('.') ? percent.split('.')[1].length : 0;
  return Math.max(3, decimals + 1);
}

function sliText(sli: number | undefined, target: string): string {
  return sli === undefined ? 'no data' : percentDown(sli, sliDigits(target));
}

/** " (from raw data)" or " (raw + recorded)" after the SLI of a period its rules did not record in full. */
function sourceMarker(o: ObjectiveReport): string {
  const words = describeReportSource(o.source, 'the period', o.recordedSince);
  return words ? ` (${words.marker})` : '';
}

function metText(o: ObjectiveReport): string {
  return o.met === undefined ? '-' : o.met ? 'yes' : 'no';
}

function budgetText(o: ObjectiveReport): string {
  return o.budgetConsumed === undefined ? '-' : percentDown(o.budgetConsumed, 1);
}

/** An event count: whole numbers with thousands separators; rates give fractions, shown to one decimal below 100. */
function countText(count: number): string {
  const shown = Number.isInteger(count) || count >= 100 ? String(Math.round(count)) : count.toFixed(1);
  return groupThousands(shown);
}

function eventsText(o: ObjectiveReport): string {
  return o.events && o.events.total > 0 ? `${countText(o.events.bad)} of ${countText(o.events.total)}` : '-';
}

function badPeriodText(o: ObjectiveReport): string {
  const longest = o.badPeriods.longest;
  if (o.sli === undefined) {
    return '-';
  }
  if (!longest) {
    return 'none';
  }
  const edges = [longest.fromRangeStart && 'from the start', longest.toRangeEnd && 'until the end'].filter(Boolean);
  return `${formatDuration(longest.seconds)} from ${formatUtc(longest.start)}${edges.length > 0 ? ` (${edges.join(', ')})` : ''}`;
}

function alertsText(alerts: AlertCounts): string {
  const others = Object.keys(alerts)
    .filter((s) => s !== 'page' && s !== 'ticket')
    .sort();
  return ['page', 'ticket', ...others].map((s) => `${alerts[s] ?? 0} ${s}`).join(', ');
}

function trendText(o: ObjectiveReport): string {
  const change = o.trend.budgetShareChange;
  if (change === undefined) {
    return o.trend.direction === 'unknown' ? '-' : o.trend.direction;
  }
  const points = new Big(change).times(100).round(0, Big.roundHalfUp).toNumber();
  return `${o.trend.direction} (${points > 0 ? '+' : ''}${points} pts)`;
}

/** "checkout (30d)", "checkout (30d, draft)": a draft or retired SLO says so wherever it is named. */
function objectiveTitle(o: ObjectiveReport): string {
  return `${o.sloName} (${o.window}${o.sloStatus ? `, ${o.sloStatus}` : ''})`;
}

function toilText(s: ServiceReport, teamSize: number): string {
  if (!s.toil) {
    return 'toil budget: no data';
  }
  const people = `${teamSize} ${teamSize === 1 ? 'person' : 'people'}`;
  return `toil budget: ${s.toil.sharePercent}% of the team's time, ${s.toil.hoursPerWeek} h a week for ${people}`;
}

// ---------------------------------------------------------------------------------------------------------
// Combined rows: a service's or a journey's objectives over all their events together

/** "Maintenance, not counted: checkout-availability, 2026-11-03 02:00 to 04:00 UTC (weekly): Database patching." */
export function maintenanceLines(s: ServiceReport): string[] {
  return (s.maintenance ?? []).map(
    (m) =>
      `${m.sloName}, ${describeSpan(m.startSeconds, m.endSeconds)}${m.repeat === 'weekly' ? ' (weekly)' : ''}: ${m.reason}`
  );
}

const MAINTENANCE_HEADING = 'Maintenance windows (their events are not counted)';

/** Minutes of an SLO's maintenance windows inside the report's range. */
function maintenanceMinutes(report: Report, s: ServiceReport, sloUid: string): number {
  const from = report.range.from.getTime() / 1000;
  const to = report.range.to.getTime() / 1000;
  return (s.maintenance ?? [])
    .filter((m) => m.sloUid === sloUid)
    .reduce((sum, m) => sum + (Math.min(m.endSeconds, to) - Math.max(m.startSeconds, from)) / 60, 0);
}

function memberTitle(m: MemberReading): string {
  return `${m.name} (${m.window})`;
}

/** The SLI of a set, to the decimals of its strictest target's SLI. */
function combinedSliText(c: CombinedReading): string {
  return c.sli === undefined
    ? 'no data'
    : percentDown(c.sli, Math.max(3, ...c.members.map((m) => sliDigits(m.target))));
}

/**
 * One sentence: "Combined over 3 objectives: SLI 99.961%, budget used 36.9% (63.0% left), 390 bad of
 * 1,010,500 events; spent most: api (30d), 28.4% of the combined budget."
 */
export function combinedSummary(c: CombinedReading): string {
  const count = `${c.members.length + c.noData.length} objective${c.members.length + c.noData.length === 1 ? '' : 's'}`;
  const reason = noCombinedDataReason(c);
  if (reason !== undefined || c.budgetSpent === undefined || c.budgetRemaining === undefined) {
    return `Combined over ${count}: no data (${reason ?? 'no events in the range'}).`;
  }
  const unit = c.kind === 'samples' ? 'gauge samples' : c.kind === 'slices' ? 'time slices' : 'events';
  const left = c.budgetRemaining > 0 ? `${percentDown(c.budgetRemaining, 1)} left` : 'none left';
  const spender = c.topSpender
    ? `spent most: ${memberTitle(c.topSpender)}, ${percentDown(c.topSpender.budgetShare, 1)} of the combined budget`
    : 'no bad events';
  return (
    `Combined over ${count}: SLI ${combinedSliText(c)}, budget used ${percentDown(c.budgetSpent, 1)} (${left}), ` +
    `${countText(c.badEvents)} bad of ${countText(c.events)} ${unit}; ${spender}.`
  );
}

/** The objectives left out of a set's figures: set apart (another kind of events) or without events. */
export function combinedExclusions(c: CombinedReading): string[] {
  return [
    ...c.apart.map((a) => `Not combined: ${memberTitle(a.member)}: ${a.reason}.`),
    ...(c.noData.length > 0 ? [`No events: ${c.noData.map(memberTitle).join(', ')}.`] : []),
  ];
}

export const WEIGHT_HEADERS = [
  'objective',
  'weight',
  'bad / total events',
  'share of combined budget',
  'own budget used',
];

/** Each member's weight (its share of the events), its bad events and its share of the combined budget. */
export function weightCells(m: CombinedMember): string[] {
  return [
    memberTitle(m),
    percentDown(m.weight, 2),
    `${countText(m.badEvents)} of ${countText(m.events)}`,
    percentDown(m.budgetShare, 1),
    percentDown(m.budgetConsumed, 1),
  ];
}

/** The method of the combined rows, and which kinds were assumed. */
function combinedNote(report: Report): string[] {
  const sets = [
    ...report.serviceReports.flatMap((s) => (s.combined ? [s.combined] : [])),
    ...(report.journeyReports ?? []).map((j) => j.combined),
  ];
  if (sets.length === 0) {
    return [];
  }
  const assumed = new Set(sets.flatMap((c) => c.assumedKind)).size;
  return [
    "Combined: a service's (or a journey's) objectives over all their events together: SLI = 1 - the sum of bad events / the sum of events; " +
      "the budget is the sum of each objective's allowed bad events (events x (1 - target)); weight = its share of the events; " +
      'spent most = the most bad events. Threshold SLIs count samples of a gauge, not requests, and are combined only among themselves.' +
      (assumed > 0
        ? ` The SLI kind of ${assumed} objective${assumed === 1 ? '' : 's'} is not known here (no SLO definitions): counted as requests.`
        : ''),
  ];
}

const HEADERS = [
  'SLO',
  'window',
  'target',
  'SLI',
  'met',
  'budget used',
  'bad / total events',
  'longest bad period',
  'alerts fired',
];

/** The cells of one objective, in the order of HEADERS, then its SLI in each previous period, then the trend. */
function cells(o: ObjectiveReport): string[] {
  return [
    o.sloStatus ? `${o.sloName} (${o.sloStatus})` : o.sloName,
    o.window,
    targetPercent(o.target),
    `${sliText(o.sli, o.target)}${o.sli === undefined ? '' : sourceMarker(o)}`,
    metText(o),
    budgetText(o),
    eventsText(o),
    badPeriodText(o),
    // An SLO whose datasource did not answer: its alerts were not read either, not none.
    o.unread === undefined ? alertsText(o.alerts) : '-',
    ...o.trend.previous.map((p) => sliText(p.sli, o.target)),
    trendText(o),
  ];
}

function headers(report: Report): string[] {
  return [...HEADERS, ...report.previous.map((r) => `SLI ${r.shortLabel}`), 'trend'];
}

function title(report: Report): string {
  return `SLO report ${report.range.label}`;
}

/** The range, the trend periods, the services and when: the line under the title. */
function subtitle(report: Report): string {
  const range =
    report.range.kind === 'month' ? `${formatUtc(report.range.from)} to ${formatUtc(report.range.to)} UTC. ` : '';
  const services = report.services.length > 0 ? `Services: ${report.services.join(', ')}` : 'All services';
  return (
    `${range}Trend against ${report.previous.map((r) => r.shortLabel).join(', ')}. ${services}. ` +
    `Generated ${formatUtc(report.generatedAt)} UTC.`
  );
}

/** Why there is nothing to show, or undefined when there is. */
export function noDataMessage(report: Report): string | undefined {
  if (report.serviceReports.length === 0) {
    const which = report.services.length > 0 ? `of ${report.services.join(', ')} ` : '';
    return (
      `No data: no SLO ${which}was found in Prometheus for ${report.range.label}. ` +
      "Are Burnrate's rules deployed, and is the range within Prometheus's retention?"
    );
  }
  if (!reportHasData(report)) {
    return `No data: no SLO had any events in ${report.range.label}.`;
  }
  return undefined;
}

/** How the figures are computed, in a few sentences. */
function methodNotes(report: Report): string[] {
  const step = formatDuration(report.stepSeconds);
  const all = report.serviceReports.flatMap((s) => s.objectives.filter((o) => o.events !== undefined));
  const withEvents = all.filter((o) => o.source === undefined);
  const replayed = (source: string) => all.filter((o) => o.source === source).map(objectiveTitle);
  const fromRaw = replayed('raw');
  const stitched = replayed('stitched');
  const fromRates = withEvents.filter((o) => o.events?.source === 'rates').map(objectiveTitle);
  const ratesWhy = 'the range is not on whole hours, or the roll-up tiles do not cover it';
  return [
    ...(report.unreadDatasources !== undefined
      ? [
          `Datasources that could not answer: ${report.unreadDatasources.join('; ')}. Their SLOs are listed without ` +
            'figures.',
        ]
      : []),
    ...(report.replayError !== undefined
      ? [
          `Raw data could not be read (${report.replayError}): SLOs whose rules did not record the whole period show ` +
            'the recorded part only, or no data.',
        ]
      : []),
    'SLI = 1 - bad / total events of the range, all groups of an SLO together. Budget used = (1 - SLI) / (1 - target); above 100% it ran out.',
    `A bad period is a run of ${step} steps whose error ratio was above the error budget (burning faster than 1x). ` +
      `Alerts fired: firing episodes in ALERTS (firings less than ${step} apart count as one).`,
    `Trend: this period's error ratio against the ${report.previous.length} previous periods' together; improving or worsening ` +
      `from ${TREND_BUDGET_SHARE * 100} points of budget (pts).`,
    ...(fromRaw.length > 0
      ? [
          `From raw data (the rules recorded nothing of the period): ${fromRaw.join(', ')}. Events counted from the source series, ` +
            'exactly for SLIs on counters, from the 5m rates otherwise; bad periods from the raw 5m rates.',
        ]
      : []),
    ...(stitched.length > 0
      ? [
          `Raw + recorded (the rules started during the period): ${stitched.join(', ')}. Events from the source series before ` +
            "the rules' first tile (exactly for SLIs on counters, from the 5m rates otherwise) and the recorded tiles after it; " +
            'bad periods from the raw 5m rates.',
        ]
      : []),
    withEvents.length === 0 && all.length > 0
      ? ''
      : fromRates.length === 0
        ? 'Events counted from the roll-up tiles (exact counts).'
        : fromRates.length === withEvents.length
          ? `Events counted from the 5m rates (${ratesWhy}).`
          : `Events counted from the 5m rates (${ratesWhy}) for ${fromRates.join(', ')}; from the roll-up tiles (exact counts) for the others.`,
    ...combinedNote(report),
  ].filter((note) => note !== '');
}

// ---------------------------------------------------------------------------------------------------------
// Text

function alignedTable(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (row: string[]) =>
    row
      .map((cell, i) => cell.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)];
}

function stepsNotInReportText(j: JourneyReport): string[] {
  return j.stepsNotInReport.length > 0 ? [`Steps not in this report: ${j.stepsNotInReport.join(', ')}.`] : [];
}

/** For a CI log or a terminal: a title, then per service its toil budget, a table and the recommendations. */
export function formatReportText(report: Report): string {
  const lines = [title(report), subtitle(report), `Team size ${report.teamSize}.`, ''];
  const noData = noDataMessage(report);
  if (noData) {
    lines.push(noData, '');
  }
  const combinedText = (c: CombinedReading) => [
    combinedSummary(c),
    ...(c.members.length > 0 ? alignedTable(WEIGHT_HEADERS, c.members.map(weightCells)).map((l) => `  ${l}`) : []),
    ...combinedExclusions(c),
    '',
  ];
  for (const s of report.serviceReports) {
    lines.push(`${s.service}: ${toilText(s, report.teamSize)}`, '');
    lines.push(...alignedTable(headers(report), s.objectives.map(cells)), '');
    if (s.combined) {
      lines.push(...combinedText(s.combined));
    }
    if (maintenanceLines(s).length > 0) {
      lines.push(`${MAINTENANCE_HEADING}:`, ...maintenanceLines(s).map((l) => `  ${l}`), '');
    }
    lines.push('Recommendations:');
    lines.push(...s.objectives.map((o) => `  ${objectiveTitle(o)}: ${o.recommendation.text}`), '');
  }
  for (const j of report.journeyReports ?? []) {
    lines.push(`Journey ${j.journey}:`, ...combinedText(j.combined).slice(0, -1), ...stepsNotInReportText(j), '');
  }
  if (report.serviceReports.length > 0) {
    lines.push(...methodNotes(report), '');
  }
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------------------
// CSV

/**
 * A number in another unit as a plain decimal (no exponent, no separators), rounded down to `digits`
 * decimals; converted in decimal arithmetic, as 1e-7 * 100 is 9.999999999999999e-6 in floating point.
 */
function plainDecimal(value: number | undefined, digits: number, convert: (value: Big) => Big = (v) => v): string {
  return value === undefined || !Number.isFinite(value)
    ? ''
    : convert(new Big(value)).round(digits, Big.roundDown).toFixed();
}

const toPercent = (ratio: Big) => ratio.times(100);
const percentCell = (ratio: number | undefined) => plainDecimal(ratio, 6, toPercent);

/**
 * RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled. Text a spreadsheet
 * would take for a formula (starting with =, +, -, @, a tab or a carriage return) starts with a single
 * quote, as OWASP advises; a figure of ours stays a number, negative ones too.
 */
function csvField(value: string, column: CsvColumn): string {
  const figure = NUMERIC_CSV_COLUMNS.has(column) && /^-?\d+(\.\d+)?$/.test(value);
  const text = !figure && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const CSV_COLUMNS = [
  'period',
  'period_start_utc',
  'period_end_utc',
  'service',
  'slo',
  'slo_uid',
  'window',
  'target_percent',
  'achieved_sli_percent',
  'met',
  'total_events',
  'bad_events',
  'events_source',
  'budget_consumed_percent',
  'bad_periods',
  'longest_bad_period_start_utc',
  'longest_bad_period_minutes',
  'alerts_page',
  'alerts_ticket',
  'sli_percent_3_periods_before',
  'sli_percent_2_periods_before',
  'sli_percent_1_period_before',
  'trend',
  'trend_change_budget_points',
  'recommendation',
  'suggested_target_percent',
  'recommendation_text',
  'toil_budget_percent',
  'toil_hours_per_week',
  'row_type',
  'group',
  'weight_percent',
  'combined_budget_share_percent',
  'spent_most',
  'objectives_combined',
  'not_combined',
  'maintenance_windows',
  'maintenance_minutes',
  'slo_status',
] as const;

type CsvColumn = (typeof CSV_COLUMNS)[number];
type CsvRow = Record<CsvColumn, string>;

/** The columns of figures the report computes; the others may hold text of the SLOs. */
const NUMERIC_CSV_COLUMNS = new Set<CsvColumn>([
  'target_percent',
  'achieved_sli_percent',
  'total_events',
  'bad_events',
  'budget_consumed_percent',
  'bad_periods',
  'longest_bad_period_minutes',
  'alerts_page',
  'alerts_ticket',
  'sli_percent_3_periods_before',
  'sli_percent_2_periods_before',
  'sli_percent_1_period_before',
  'trend_change_budget_points',
  'suggested_target_percent',
  'toil_budget_percent',
  'toil_hours_per_week',
  'weight_percent',
  'combined_budget_share_percent',
  'objectives_combined',
  'maintenance_windows',
  'maintenance_minutes',
]);

const iso = (date: Date | undefined) => (date ? date.toISOString() : '');

/**
 * A combined row (row_type service or journey): the figures of the set in the objective's columns, the
 * others empty.
 */
function combinedCsvRow(
  report: Report,
  rowType: 'service' | 'journey',
  group: string,
  c: CombinedReading,
  toil?: ServiceReport['toil']
): CsvRow {
  const empty = Object.fromEntries(CSV_COLUMNS.map((column) => [column, ''])) as CsvRow;
  const hasData = c.sli !== undefined;
  return {
    ...empty,
    period: report.range.label,
    period_start_utc: iso(report.range.from),
    period_end_utc: iso(report.range.to),
    service: rowType === 'service' ? group : '',
    achieved_sli_percent: percentCell(c.sli),
    met: c.budgetSpent === undefined ? '' : String(c.budgetSpent <= 1),
    total_events: hasData ? plainDecimal(c.events, 3) : '',
    bad_events: hasData ? plainDecimal(c.badEvents, 3) : '',
    budget_consumed_percent: percentCell(c.budgetSpent),
    toil_budget_percent: toil ? String(toil.sharePercent) : '',
    toil_hours_per_week: toil ? String(toil.hoursPerWeek) : '',
    row_type: rowType,
    group,
    spent_most: c.topSpender ? memberTitle(c.topSpender) : '',
    objectives_combined: String(c.members.length + c.noData.length),
    not_combined: c.apart.map((a) => `${memberTitle(a.member)}: ${a.reason}`).join('; '),
  };
}

/**
 * One row per objective (row_type objective, with its weight in its service), then a combined row per
 * service and per journey; a header row; percentages as numbers (unit in the column name); CRLF lines.
 */
export function formatReportCsv(report: Report): string {
  const rows = report.serviceReports.flatMap((s) => [
    ...s.objectives.map((o) => {
      const member = s.combined?.members.find((m) => m.sloUid === o.sloUid && m.window === o.window);
      // The three periods before, oldest first, padded when the report compares with fewer.
      const previous: Array<{ sli?: number } | undefined> = o.trend.previous.slice(-3);
      while (previous.length < 3) {
        previous.unshift(undefined);
      }
      const row: CsvRow = {
        period: report.range.label,
        period_start_utc: iso(report.range.from),
        period_end_utc: iso(report.range.to),
        service: o.service,
        slo: o.sloName,
        slo_uid: o.sloUid,
        window: o.window,
        target_percent: new Big(o.target).times(100).toFixed(),
        achieved_sli_percent: percentCell(o.sli),
        met: o.met === undefined ? '' : String(o.met),
        total_events: plainDecimal(o.events?.total, 3),
        bad_events: plainDecimal(o.events?.bad, 3),
        events_source: o.events?.source ?? '',
        slo_status: o.sloStatus ?? 'active',
        budget_consumed_percent: percentCell(o.budgetConsumed),
        bad_periods: o.unread === undefined ? String(o.badPeriods.count) : '',
        longest_bad_period_start_utc: iso(o.badPeriods.longest?.start),
        longest_bad_period_minutes: plainDecimal(o.badPeriods.longest?.seconds, 3, (s) => s.div(60)),
        alerts_page: o.unread === undefined ? String(o.alerts.page ?? 0) : '',
        alerts_ticket: o.unread === undefined ? String(o.alerts.ticket ?? 0) : '',
        sli_percent_3_periods_before: percentCell(previous[0]?.sli),
        sli_percent_2_periods_before: percentCell(previous[1]?.sli),
        sli_percent_1_period_before: percentCell(previous[2]?.sli),
        trend: o.trend.direction,
        trend_change_budget_points: plainDecimal(o.trend.budgetShareChange, 3, toPercent),
        recommendation: o.recommendation.kind,
        suggested_target_percent: o.recommendation.suggestedTarget
          ? new Big(o.recommendation.suggestedTarget).times(100).toFixed()
          : '',
        recommendation_text: o.recommendation.text,
        toil_budget_percent: s.toil ? String(s.toil.sharePercent) : '',
        toil_hours_per_week: s.toil ? String(s.toil.hoursPerWeek) : '',
        row_type: 'objective',
        group: o.service,
        weight_percent: percentCell(member?.weight),
        combined_budget_share_percent: percentCell(member?.budgetShare),
        spent_most: '',
        objectives_combined: '',
        not_combined: '',
        // Empty when the SLOs' definitions were not given: their windows are not known.
        maintenance_windows: s.maintenance ? String(s.maintenance.filter((m) => m.sloUid === o.sloUid).length) : '',
        maintenance_minutes: s.maintenance ? plainDecimal(maintenanceMinutes(report, s, o.sloUid), 3) : '',
      };
      return row;
    }),
    ...(s.combined ? [combinedCsvRow(report, 'service', s.service, s.combined, s.toil)] : []),
  ]);
  const journeyRows = (report.journeyReports ?? []).map((j) =>
    combinedCsvRow(report, 'journey', j.journey, j.combined)
  );
  return [[...CSV_COLUMNS], ...[...rows, ...journeyRows].map((row) => CSV_COLUMNS.map((c) => row[c]))]
    .map((r) => `${r.map((value, i) => csvField(value, CSV_COLUMNS[i])).join(',')}\r\n`)
    .join('');
}

// ---------------------------------------------------------------------------------------------------------
// HTML

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

// No external assets: system fonts, inline styles; one service per printed page.
const HTML_STYLE = `
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  margin: 2rem; color: #1f2328; line-height: 1.45; }
h1 { font-size: 1.5rem; margin: 0 0 0.25rem; }
h2 { font-size: 1.2rem; margin: 0 0 0.25rem; padding-bottom: 0.25rem; border-bottom: 1px solid #d1d9e0; }
h3 { font-size: 1rem; margin: 1rem 0 0.25rem; }
.meta, .toil { color: #59636e; margin: 0 0 1rem; }
.notice { padding: 0.75rem 1rem; border-left: 4px solid #9a6700; background: #fff8c5; }
section.service { margin: 0 0 2.5rem; }
table { border-collapse: collapse; width: 100%; font-size: 0.875rem; font-variant-numeric: tabular-nums; }
th, td { text-align: left; padding: 0.35rem 0.5rem; border-bottom: 1px solid #d1d9e0; vertical-align: top; }
th { background: #f6f8fa; font-weight: 600; }
td.num { text-align: right; white-space: nowrap; }
.yes { color: #1a7f37; font-weight: 600; }
.no { color: #cf222e; font-weight: 600; }
.none { color: #59636e; font-style: italic; }
p.combined { font-weight: 600; margin: 0.75rem 0 0.25rem; }
table.weights { width: auto; }
ul.recommendations { padding-left: 1.25rem; }
ul.recommendations li { margin: 0.25rem 0; }
.kind { font-size: 0.75rem; font-weight: 600; text-transform: uppercase; letter-spacing: 0.03em; color: #59636e; }
footer { color: #59636e; font-size: 0.8rem; margin-top: 2rem; }
@page { size: A4 landscape; margin: 12mm; }
@media print {
  body { margin: 0; font-size: 9pt; }
  section.service { break-before: page; page-break-before: always; }
  section.service:first-of-type { break-before: auto; page-break-before: auto; }
  thead { display: table-header-group; }
  tr, li { break-inside: avoid; page-break-inside: avoid; }
  th { background: none; }
}
`;

const NUMERIC_COLUMNS = new Set(['target', 'SLI', 'budget used', 'bad / total events']);

function htmlRow(o: ObjectiveReport, header: string[]): string {
  const tds = cells(o).map((cell, i) => {
    const name = header[i];
    const classes = [
      NUMERIC_COLUMNS.has(name) || name.startsWith('SLI ') ? 'num' : '',
      name === 'met' && o.met !== undefined ? (o.met ? 'yes' : 'no') : '',
      cell === 'no data' || cell === '-' ? 'none' : '',
    ].filter(Boolean);
    return `<td${classes.length > 0 ? ` class="${classes.join(' ')}"` : ''}>${escapeHtml(cell)}</td>`;
  });
  return `<tr>${tds.join('')}</tr>`;
}

/** A set's summary, its weights table and what it left out. */
function htmlCombined(c: CombinedReading): string {
  const weights =
    c.members.length === 0
      ? []
      : [
          '<table class="weights">',
          `<thead><tr>${WEIGHT_HEADERS.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('')}</tr></thead>`,
          `<tbody>\n${c.members
            .map(
              (m) =>
                `<tr>${weightCells(m)
                  .map((cell, i) => `<td${i > 0 ? ' class="num"' : ''}>${escapeHtml(cell)}</td>`)
                  .join('')}</tr>`
            )
            .join('\n')}\n</tbody>`,
          '</table>',
        ];
  return [
    `<p class="combined">${escapeHtml(combinedSummary(c))}</p>`,
    ...weights,
    ...combinedExclusions(c).map((line) => `<p class="toil">${escapeHtml(line)}</p>`),
  ].join('\n');
}

function htmlJourneys(journeys: readonly JourneyReport[]): string[] {
  if (journeys.length === 0) {
    return [];
  }
  return [
    '<section class="service journeys">',
    '<h2>Journeys</h2>',
    ...journeys.flatMap((j) => [
      `<h3>${escapeHtml(j.journey)}</h3>`,
      htmlCombined(j.combined),
      ...stepsNotInReportText(j).map((line) => `<p class="toil">${escapeHtml(line)}</p>`),
    ]),
    '</section>',
  ];
}

function htmlService(s: ServiceReport, report: Report): string {
  const header = headers(report);
  const recommendations = s.objectives
    .map(
      (o) =>
        `<li><span class="kind">${escapeHtml(o.recommendation.kind)}</span> <strong>${escapeHtml(objectiveTitle(o))}</strong>: ${escapeHtml(o.recommendation.text)}</li>`
    )
    .join('\n');
  return [
    '<section class="service">',
    `<h2>${escapeHtml(s.service)}</h2>`,
    `<p class="toil">${escapeHtml(toilText(s, report.teamSize).replace(/^t/, 'T'))}</p>`,
    '<table>',
    `<thead><tr>${header.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('')}</tr></thead>`,
    `<tbody>\n${s.objectives.map((o) => htmlRow(o, header)).join('\n')}\n</tbody>`,
    '</table>',
    ...(s.combined ? [htmlCombined(s.combined)] : []),
    ...(maintenanceLines(s).length > 0
      ? [
          `<h3>${escapeHtml(MAINTENANCE_HEADING)}</h3>`,
          `<ul class="maintenance">\n${maintenanceLines(s)
            .map((l) => `<li>${escapeHtml(l)}</li>`)
            .join('\n')}\n</ul>`,
        ]
      : []),
    '<h3>Recommendations</h3>',
    `<ul class="recommendations">\n${recommendations}\n</ul>`,
    '</section>',
  ].join('\n');
}

/** A complete HTML document, with nothing to load: open it, mail it or print it (one service per page). */
export function formatReportHtml(report: Report): string {
  const noData = noDataMessage(report);
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title(report))}</title>`,
    `<style>${HTML_STYLE}</style>`,
    '</head>',
    '<body>',
    '<header>',
    `<h1>${escapeHtml(title(report))}</h1>`,
    `<p class="meta">${escapeHtml(`${subtitle(report)} Team size ${report.teamSize}.`)}</p>`,
    '</header>',
    ...(noData ? [`<p class="notice">${escapeHtml(noData)}</p>`] : []),
    ...report.serviceReports.map((s) => htmlService(s, report)),
    ...htmlJourneys(report.journeyReports ?? []),
    ...(report.serviceReports.length > 0
      ? [
          `<footer>\n${methodNotes(report)
            .map((n) => `<p>${escapeHtml(n)}</p>`)
            .join('\n')}\n</footer>`,
        ]
      : []),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------------------
// Markdown

/**
 * Text that Markdown prints as it is, in a paragraph, a heading, a list item or a table cell: on one
 * line, as a line break would end the heading or the row.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>|#]/g, '\\$&').replace(/\s*[\r\n\u2028\u2029]\s*/g, ' ');
}

/** A set's summary in bold, its weights table and what it left out. */
function markdownCombined(c: CombinedReading): string[] {
  const row = (values: string[]) => `| ${values.map(escapeMarkdown).join(' | ')} |`;
  return [
    `**${escapeMarkdown(combinedSummary(c))}**`,
    '',
    ...(c.members.length > 0
      ? [
          row(WEIGHT_HEADERS),
          `| ${WEIGHT_HEADERS.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`,
          ...c.members.map((m) => row(weightCells(m))),
          '',
        ]
      : []),
    ...combinedExclusions(c).flatMap((line) => [escapeMarkdown(line), '']),
  ];
}

/** For the weekly review: headings per service, a table each, the recommendations as a list. */
export function formatReportMarkdown(report: Report): string {
  const lines = [
    `# ${escapeMarkdown(title(report))}`,
    '',
    escapeMarkdown(`${subtitle(report)} Team size ${report.teamSize}.`),
    '',
  ];
  const noData = noDataMessage(report);
  if (noData) {
    lines.push(`> ${escapeMarkdown(noData)}`, '');
  }
  const header = headers(report);
  const align = header.map((h) => (NUMERIC_COLUMNS.has(h) || h.startsWith('SLI ') ? '---:' : '---'));
  const row = (values: string[]) => `| ${values.map(escapeMarkdown).join(' | ')} |`;
  for (const s of report.serviceReports) {
    lines.push(
      `## ${escapeMarkdown(s.service)}`,
      '',
      escapeMarkdown(toilText(s, report.teamSize).replace(/^t/, 'T') + '.'),
      ''
    );
    lines.push(row(header), `| ${align.join(' | ')} |`, ...s.objectives.map((o) => row(cells(o))), '');
    if (s.combined) {
      lines.push(...markdownCombined(s.combined));
    }
    if (maintenanceLines(s).length > 0) {
      lines.push(
        `${escapeMarkdown(MAINTENANCE_HEADING)}:`,
        '',
        ...maintenanceLines(s).map((l) => `- ${escapeMarkdown(l)}`),
        ''
      );
    }
    lines.push(
      ...s.objectives.map(
        (o) =>
          `- **${escapeMarkdown(objectiveTitle(o))}** (${o.recommendation.kind}): ${escapeMarkdown(o.recommendation.text)}`
      ),
      ''
    );
  }
  if ((report.journeyReports ?? []).length > 0) {
    lines.push('## Journeys', '');
    for (const j of report.journeyReports ?? []) {
      lines.push(`### ${escapeMarkdown(j.journey)}`, '', ...markdownCombined(j.combined));
      lines.push(...stepsNotInReportText(j).flatMap((line) => [escapeMarkdown(line), '']));
    }
  }
  if (report.serviceReports.length > 0) {
    lines.push(...methodNotes(report).map((n) => `_${escapeMarkdown(n)}_`), '');
  }
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------------------

/** The report in one of the formats; JSON keeps every figure, with times in ISO 8601. */
export function formatReport(report: Report, format: ReportFormat): string {
  switch (format) {
    case 'csv':
      return formatReportCsv(report);
    case 'html':
      return formatReportHtml(report);
    case 'markdown':
      return formatReportMarkdown(report);
    case 'json':
      return `${JSON.stringify(report, null, 2)}\n`;
    default:
      return formatReportText(report);
  }
}

/** A file name for a download: "slo-report-2026-10.html". */
export function reportFileName(report: Report, format: ReportFormat): string {
  const extension = { text: 'txt', csv: 'csv', html: 'html', markdown: 'md', json: 'json' }[format];
  const period =
    report.range.kind === 'month'
      ? report.range.label.slice(0, 7)
      : `${report.range.from.toISOString().slice(0, 16)}_${report.range.to.toISOString().slice(0, 16)}`.replace(
          /:/g,
          ''
        );
  return `slo-report-${period}.${extension}`;
}

// ---------------------------------------------------------------------------------------------------------
// For a page

/** A combined row as a page shows it: the summary, the weights table and what it left out. */
export interface CombinedTable {
  summary: string;
  weights: string[][];
  exclusions: string[];
  reading: CombinedReading;
}

function combinedTable(c: CombinedReading): CombinedTable {
  return {
    summary: combinedSummary(c),
    weights: c.members.map(weightCells),
    exclusions: combinedExclusions(c),
    reading: c,
  };
}

export interface ReportTableService {
  service: string;
  toil: string;
  rows: Array<{ objective: ObjectiveReport; cells: string[] }>;
  combined?: CombinedTable;
  /** Its SLOs' maintenance windows in the range, one line each. */
  maintenance: string[];
}

export interface ReportTableJourney {
  journey: string;
  combined: CombinedTable;
  stepsNotInReport: string[];
}

/** The report as the tables a page shows: the same columns and texts as the other formats. */
export function reportTables(report: Report): {
  title: string;
  subtitle: string;
  headers: string[];
  services: ReportTableService[];
  journeys: ReportTableJourney[];
  weightHeaders: string[];
  maintenanceHeading: string;
  notes: string[];
  noData?: string;
} {
  return {
    title: title(report),
    subtitle: subtitle(report),
    headers: headers(report),
    services: report.serviceReports.map((s) => ({
      service: s.service,
      toil: toilText(s, report.teamSize).replace(/^t/, 'T'),
      rows: s.objectives.map((o) => ({ objective: o, cells: cells(o) })),
      combined: s.combined && combinedTable(s.combined),
      maintenance: maintenanceLines(s),
    })),
    journeys: (report.journeyReports ?? []).map((j) => ({
      journey: j.journey,
      combined: combinedTable(j.combined),
      stepsNotInReport: stepsNotInReportText(j),
    })),
    weightHeaders: WEIGHT_HEADERS,
    maintenanceHeading: MAINTENANCE_HEADING,
    notes: report.serviceReports.length > 0 ? methodNotes(report) : [],
    noData: noDataMessage(report),
  };
}

/** "checkout-availability (30d)": how the report names an objective. */
export { objectiveTitle };
