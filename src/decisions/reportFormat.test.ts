import { combineReadings } from '../slo/combined';
import type { MaintenanceWindow } from '../slo/types';
import { journeyReports, maintenanceInRange, monthRange, objectiveMember, previousRanges, type Report } from './report';
import {
  combinedSummary,
  CSV_COLUMNS,
  formatReport,
  formatReportCsv,
  formatReportHtml,
  formatReportMarkdown,
  formatReportText,
  noDataMessage,
  reportFileName,
} from './reportFormat';

const october = monthRange('2026-10');
const [july, august, september] = previousRanges(october);
const at = (iso: string) => new Date(`${iso}Z`);

/** A report by hand: two objectives of checkout (one met, one missed), search without traffic. */
const REPORT: Report = {
  range: october,
  previous: [july, august, september],
  services: [],
  teamSize: 4,
  stepSeconds: 300,
  generatedAt: at('2026-11-02T08:00:00'),
  serviceReports: [
    {
      service: 'checkout',
      toil: { sharePercent: 20, hoursPerWeek: 32 },
      objectives: [
        {
          sloUid: 'checkout-avail',
          sloName: 'checkout-availability',
          service: 'checkout',
          window: '30d',
          target: '0.9995',
          events: { total: 2_000_000, bad: 1_000, source: 'tiles' },
          sli: 0.9995,
          budgetConsumed: 1,
          met: true,
          badPeriods: {
            count: 2,
            totalSeconds: 3000,
            longest: {
              start: at('2026-10-14T09:20:00'),
              end: at('2026-10-14T09:55:00'),
              seconds: 2100,
              fromRangeStart: false,
              toRangeEnd: false,
            },
          },
          alerts: { page: 2, ticket: 1 },
          trend: {
            previous: [
              { label: '2026-07', sli: 0.99996 },
              { label: '2026-08', sli: 0.9991 },
              { label: '2026-09', sli: undefined },
            ],
            direction: 'worsening',
            budgetShareChange: 0.4,
          },
          recommendation: {
            kind: 'invest',
            text: 'The budget ran out (100.0% used). Freeze risky changes and spend the team on reliability until the budget recovers; write the postmortem of what spent it.',
          },
        },
        {
          sloUid: 'checkout-latency',
          sloName: 'checkout "fast", p99',
          service: 'checkout',
          window: 'month',
          target: '0.99',
          events: { total: 1_234.56, bad: 62.5, source: 'rates' },
          sli: 0.949375,
          budgetConsumed: 5.0625,
          met: false,
          badPeriods: {
            count: 1,
            totalSeconds: 600,
            longest: {
              start: at('2026-10-01T00:00:00'),
              end: at('2026-10-01T00:10:00'),
              seconds: 600,
              fromRangeStart: true,
              toRangeEnd: false,
            },
          },
          alerts: { page: 0, ticket: 3 },
          trend: { previous: [{ label: '2026-07' }, { label: '2026-08' }, { label: '2026-09' }], direction: 'unknown' },
          recommendation: {
            kind: 'loosen',
            suggestedTarget: '0.95',
            text: 'Loosen <it> | now & "then".',
          },
        },
      ],
    },
    {
      service: 'search',
      objectives: [
        {
          sloUid: 'search-latency',
          sloName: 'search-latency',
          service: 'search',
          window: '7d',
          target: '0.99',
          badPeriods: { count: 0, totalSeconds: 0 },
          alerts: { page: 0, ticket: 0 },
          trend: { previous: [{ label: '2026-07' }, { label: '2026-08' }, { label: '2026-09' }], direction: 'unknown' },
          recommendation: {
            kind: 'no-data',
            text: 'No events in this period. Deploy the rules or check the SLI: without figures no decision can be made.',
          },
        },
      ],
    },
  ],
};

const EMPTY: Report = { ...REPORT, services: ['checkout', 'web'], serviceReports: [] };

describe('formatReportText', () => {
  it('prints the title, then per service its toil budget, an aligned table and the recommendations', () => {
    expect(formatReportText(REPORT)).toBe(
      [
        'SLO report 2026-10',
        '2026-10-01 00:00 to 2026-11-01 00:00 UTC. Trend against 2026-07, 2026-08, 2026-09. All services. Generated 2026-11-02 08:00 UTC.',
        'Team size 4.',
        '',
        "checkout: toil budget: 20% of the team's time, 32 h a week for 4 people",
        '',
        'SLO                    window  target  SLI      met  budget used  bad / total events  longest bad period                             alerts fired      SLI 2026-07  SLI 2026-08  SLI 2026-09  trend',
        'checkout-availability  30d     99.95%  99.950%  yes  100.0%       1,000 of 2,000,000  35 min from 2026-10-14 09:20                   2 page, 1 ticket  99.996%      99.910%      no data      worsening (+40 pts)',
        'checkout "fast", p99   month   99%     94.937%  no   506.2%       62.5 of 1,235       10 min from 2026-10-01 00:00 (from the start)  0 page, 3 ticket  no data      no data      no data      -',
        '',
        'Recommendations:',
        '  checkout-availability (30d): The budget ran out (100.0% used). Freeze risky changes and spend the team on reliability until the budget recovers; write the postmortem of what spent it.',
        '  checkout "fast", p99 (month): Loosen <it> | now & "then".',
        '',
        'search: toil budget: no data',
        '',
        'SLO             window  target  SLI      met  budget used  bad / total events  longest bad period  alerts fired      SLI 2026-07  SLI 2026-08  SLI 2026-09  trend',
        'search-latency  7d      99%     no data  -    -            -                   -                   0 page, 0 ticket  no data      no data      no data      -',
        '',
        'Recommendations:',
        '  search-latency (7d): No events in this period. Deploy the rules or check the SLI: without figures no decision can be made.',
        '',
        'SLI = 1 - bad / total events of the range, all groups of an SLO together. Budget used = (1 - SLI) / (1 - target); above 100% it ran out.',
        'A bad period is a run of 5 min steps whose error ratio was above the error budget (burning faster than 1x). Alerts fired: firing episodes in ALERTS (firings less than 5 min apart count as one).',
        "Trend: this period's error ratio against the 3 previous periods' together; improving or worsening from 10 points of budget (pts).",
        'Events counted from the 5m rates (the range is not on whole hours, or the roll-up tiles do not cover it) for checkout "fast", p99 (month); from the roll-up tiles (exact counts) for the others.',
        '',
      ].join('\n')
    );
  });

  it('never shows an SLI or a budget short of a threshold as reaching it', () => {
    const [first] = REPORT.serviceReports[0].objectives;
    const close: Report = {
      ...REPORT,
      serviceReports: [
        { service: 'checkout', objectives: [{ ...first, sli: 0.99949999, budgetConsumed: 0.99999, met: false }] },
      ],
    };
    const row = formatReportText(close).split('\n')[7];
    expect(row).toMatch(/^checkout-availability {2}30d {5}99\.95% {2}99\.949% {2}no {3}99\.9% /);
  });

  it('says when there is no data', () => {
    expect(formatReportText(EMPTY).split('\n')[4]).toBe(
      "No data: no SLO of checkout, web was found in Prometheus for 2026-10. Are Burnrate's rules deployed, and is the range within Prometheus's retention?"
    );
    const quiet: Report = { ...REPORT, serviceReports: [REPORT.serviceReports[1]] };
    expect(noDataMessage(quiet)).toBe('No data: no SLO had any events in 2026-10.');
    expect(formatReportText(quiet)).toContain('\nNo data: no SLO had any events in 2026-10.\n');
    expect(noDataMessage(REPORT)).toBeUndefined();
  });
});

describe('formatReportCsv', () => {
  it('writes a header and one row per objective, RFC 4180 quoted, numbers as plain decimals', () => {
    const lines = formatReportCsv(REPORT).split('\r\n');
    expect(lines).toHaveLength(5); // header, 3 rows, and the empty string after the last CRLF
    expect(lines[0]).toBe(CSV_COLUMNS.join(','));
    expect(lines[0]).toContain('target_percent,achieved_sli_percent');
    expect(lines[1]).toBe(
      '2026-10,2026-10-01T00:00:00.000Z,2026-11-01T00:00:00.000Z,checkout,checkout-availability,checkout-avail,30d,' +
        '99.95,99.95,true,2000000,1000,tiles,100,2,2026-10-14T09:20:00.000Z,35,2,1,99.996,99.91,,worsening,40,invest,,' +
        'The budget ran out (100.0% used). Freeze risky changes and spend the team on reliability until the budget recovers; write the postmortem of what spent it.,' +
        '20,32,objective,checkout,,,,,,,,active'
    );
    expect(lines[2]).toBe(
      '2026-10,2026-10-01T00:00:00.000Z,2026-11-01T00:00:00.000Z,checkout,"checkout ""fast"", p99",checkout-latency,month,' +
        '99,94.9375,false,1234.56,62.5,rates,506.25,1,2026-10-01T00:00:00.000Z,10,0,3,,,,unknown,,loosen,95,' +
        '"Loosen <it> | now & ""then"".",20,32,objective,checkout,,,,,,,,active'
    );
    expect(lines[3]).toBe(
      '2026-10,2026-10-01T00:00:00.000Z,2026-11-01T00:00:00.000Z,search,search-latency,search-latency,7d,' +
        '99,,,,,,,0,,,0,0,,,,unknown,,no-data,,' +
        'No events in this period. Deploy the rules or check the SLI: without figures no decision can be made.,,,objective,search,,,,,,,,active'
    );
    expect(lines[4]).toBe('');
  });

  it('never writes an exponent, and rounds percentages down', () => {
    const [first] = REPORT.serviceReports[0].objectives;
    const tiny: Report = {
      ...REPORT,
      serviceReports: [
        { service: 'checkout', objectives: [{ ...first, sli: 0.9999999999, budgetConsumed: 0.0000001 }] },
      ],
    };
    const row = formatReportCsv(tiny).split('\r\n')[1].split(',');
    expect(row[CSV_COLUMNS.indexOf('achieved_sli_percent')]).toBe('99.999999');
    expect(row[CSV_COLUMNS.indexOf('budget_consumed_percent')]).toBe('0.00001');
  });

  it('is only the header without objectives', () => {
    expect(formatReportCsv(EMPTY)).toBe(`${CSV_COLUMNS.join(',')}\r\n`);
  });

  it('starts text a spreadsheet would run as a formula with a quote, and keeps negative figures numbers', () => {
    const [first] = REPORT.serviceReports[0].objectives;
    const hostile = (service: string, sloName: string): typeof first => ({
      ...first,
      service,
      sloName,
      trend: { ...first.trend, direction: 'improving', budgetShareChange: -0.25 },
    });
    const report: Report = {
      ...REPORT,
      serviceReports: [
        {
          service: '=HYPERLINK("https://evil.example.com")',
          objectives: [
            hostile('=HYPERLINK("https://evil.example.com")', '+1+cmd|calc'),
            hostile('-2+3', '@SUM(A1)'),
            hostile('\tTAB', '\rCR'),
            hostile('-1', 'plain'),
          ],
        },
      ],
    };
    const column = (name: (typeof CSV_COLUMNS)[number]) =>
      parseCsv(formatReportCsv(report))
        .slice(1)
        .map((row) => row[CSV_COLUMNS.indexOf(name)]);
    expect(column('service')).toEqual(['\'=HYPERLINK("https://evil.example.com")', "'-2+3", "'\tTAB", "'-1"]);
    expect(column('slo')).toEqual(["'+1+cmd|calc", "'@SUM(A1)", "'\rCR", 'plain']);
    expect(column('group')).toEqual(['\'=HYPERLINK("https://evil.example.com")', "'-2+3", "'\tTAB", "'-1"]);
    expect(column('trend_change_budget_points')).toEqual(['-25', '-25', '-25', '-25']);
  });
});

/** RFC 4180 fields of CRLF rows, for reading back what formatReportCsv writes. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') {
        quoted = false;
      } else {
        field += ch;
      }
    } else if (ch === '"') {
      quoted = true;
    } else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      rows.push([...row, field]);
      row = [];
      field = '';
      i++;
    } else {
      field += ch;
    }
  }
  return rows;
}

describe('draft and retired SLOs in the report', () => {
  const [availability, ...others] = REPORT.serviceReports[0].objectives;
  const retired: Report = {
    ...REPORT,
    serviceReports: [
      {
        ...REPORT.serviceReports[0],
        objectives: [{ ...availability, sloStatus: 'retired' }, ...others],
      },
    ],
  };

  it('names the status beside the SLO in every format, and in its own CSV column', () => {
    expect(formatReportText(retired)).toContain('checkout-availability (30d, retired): ');
    expect(formatReportHtml(retired)).toContain('<strong>checkout-availability (30d, retired)</strong>');
    expect(formatReportMarkdown(retired)).toContain('**checkout-availability (30d, retired)**');
    const rows = formatReportCsv(retired).trim().split('\r\n');
    const status = CSV_COLUMNS.indexOf('slo_status');
    expect(rows.slice(1).map((r) => r.split(',').slice(-1)[0])).toEqual(['retired', 'active']);
    expect(rows[1].split(',')[CSV_COLUMNS.indexOf('slo')]).toBe('checkout-availability');
    expect(status).toBe(CSV_COLUMNS.length - 1);
  });
});

describe('formatReportHtml', () => {
  const html = formatReportHtml(REPORT);

  it('is a complete document with its styles inline, nothing to load', () => {
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">')).toBe(true);
    expect(html.endsWith('</body>\n</html>\n')).toBe(true);
    expect(html).not.toMatch(/<link|<script|<img|src=|href=|url\(|@import/);
    expect(html).toContain('<title>SLO report 2026-10</title>');
  });

  it('prints each service on its own page, with the table header on every page', () => {
    expect(html).toContain('@media print');
    expect(html).toContain('section.service { break-before: page; page-break-before: always; }');
    expect(html).toContain('section.service:first-of-type { break-before: auto; page-break-before: auto; }');
    expect(html).toContain('thead { display: table-header-group; }');
    expect(html.match(/<section class="service">/g)).toHaveLength(2);
  });

  it('escapes every text', () => {
    expect(html).toContain('<td>checkout &quot;fast&quot;, p99</td>');
    expect(html).toContain('Loosen &lt;it&gt; | now &amp; &quot;then&quot;.');
    expect(html).not.toContain('<it>');
  });

  it('marks met and missed objectives and missing figures', () => {
    expect(html).toContain('<td class="num">99.950%</td><td class="yes">yes</td><td class="num">100.0%</td>');
    expect(html).toContain('<td class="num">94.937%</td><td class="no">no</td>');
    expect(html).toContain('<td class="num none">no data</td>');
  });

  it('says when there is no data', () => {
    expect(formatReportHtml(EMPTY)).toContain(
      '<p class="notice">No data: no SLO of checkout, web was found in Prometheus for 2026-10. Are Burnrate&#39;s rules deployed'
    );
  });
});

describe('formatReportMarkdown', () => {
  const markdown = formatReportMarkdown(REPORT);

  it('has a heading and a table per service, and the recommendations as a list', () => {
    const lines = markdown.split('\n');
    expect(lines.slice(0, 10)).toEqual([
      '# SLO report 2026-10',
      '',
      '2026-10-01 00:00 to 2026-11-01 00:00 UTC. Trend against 2026-07, 2026-08, 2026-09. All services. Generated 2026-11-02 08:00 UTC. Team size 4.',
      '',
      '## checkout',
      '',
      "Toil budget: 20% of the team's time, 32 h a week for 4 people.",
      '',
      '| SLO | window | target | SLI | met | budget used | bad / total events | longest bad period | alerts fired | SLI 2026-07 | SLI 2026-08 | SLI 2026-09 | trend |',
      '| --- | --- | ---: | ---: | --- | ---: | ---: | --- | --- | ---: | ---: | ---: | --- |',
    ]);
    expect(lines).toContain(
      '| checkout-availability | 30d | 99.95% | 99.950% | yes | 100.0% | 1,000 of 2,000,000 | 35 min from 2026-10-14 09:20 | 2 page, 1 ticket | 99.996% | 99.910% | no data | worsening (+40 pts) |'
    );
    expect(lines).toContain('## search');
    expect(lines).toContain('- **checkout "fast", p99 (month)** (loosen): Loosen \\<it\\> \\| now & "then".');
  });

  it('keeps a service name with line breaks on its heading line', () => {
    const [checkout] = REPORT.serviceReports;
    const report: Report = {
      ...REPORT,
      serviceReports: [
        {
          ...checkout,
          service: 'checkout\n# Injected\r\n\n| a | b |',
          objectives: checkout.objectives.map((o) => ({ ...o, sloName: 'line\u2028break' })),
        },
      ],
    };
    const lines = formatReportMarkdown(report).split('\n');
    expect(lines).toContain('## checkout \\# Injected \\| a \\| b \\|');
    expect(lines.filter((line) => line.startsWith('#'))).toEqual([
      '# SLO report 2026-10',
      '## checkout \\# Injected \\| a \\| b \\|',
    ]);
    expect(lines.some((line) => line.startsWith('| line break | 30d |'))).toBe(true);
  });
});

describe('formatReport', () => {
  it('writes JSON with every figure and ISO times', () => {
    const parsed = JSON.parse(formatReport(REPORT, 'json'));
    expect(parsed.range).toMatchObject({ label: '2026-10', from: '2026-10-01T00:00:00.000Z' });
    expect(parsed.serviceReports[0].objectives[0]).toMatchObject({ sli: 0.9995, budgetConsumed: 1, met: true });
  });

  it('names the file for a download', () => {
    expect(reportFileName(REPORT, 'html')).toBe('slo-report-2026-10.html');
    expect(reportFileName(REPORT, 'markdown')).toBe('slo-report-2026-10.md');
    const custom: Report = {
      ...REPORT,
      range: { ...REPORT.range, kind: 'custom', from: at('2026-11-20T10:00:00'), to: at('2026-11-20T12:30:00') },
    };
    expect(reportFileName(custom, 'csv')).toBe('slo-report-2026-11-20T1000_2026-11-20T1230.csv');
  });
});

describe('combined rows', () => {
  // The SLO definitions are known: checkout's SLIs count requests, search-latency is a threshold SLI.
  const kinds = new Map([
    ['checkout-avail', 'requests' as const],
    ['checkout-latency', 'requests' as const],
    ['search-latency', 'samples' as const],
  ]);
  const objectives = REPORT.serviceReports.flatMap((s) => s.objectives);
  const COMBINED: Report = {
    ...REPORT,
    serviceReports: REPORT.serviceReports.map((s) => ({
      ...s,
      combined: combineReadings(s.objectives.map((o) => objectiveMember(o, kinds))),
    })),
    journeyReports: journeyReports(
      [
        {
          name: 'Buy',
          steps: [
            { title: 'Find', sloUid: 'search-latency' },
            { title: 'Pay', sloUid: 'checkout-avail' },
            { title: 'Sign in', sloUid: 'login' },
          ],
        },
      ],
      objectives,
      kinds
    ),
  };
  // checkout: 2,000,000 + 1,234.56 events, 1,000 + 62.5 bad. Allowed 2,000,000 x 0.0005 + 1,234.56 x 0.01 =
  // 1,000 + 12.3456 = 1,012.3456: 1,062.5 / 1,012.3456 = 104.95% used. SLI 1 - 1,062.5 / 2,001,234.56 = 99.9469%.
  const summary =
    'Combined over 2 objectives: SLI 99.946%, budget used 104.9% (none left), 1,063 bad of 2,001,235 events; ' +
    'spent most: checkout-availability (30d), 98.7% of the combined budget.';

  it('sums up each service in one sentence', () => {
    expect(combinedSummary(COMBINED.serviceReports[0].combined!)).toBe(summary);
    expect(combinedSummary(COMBINED.serviceReports[1].combined!)).toBe(
      'Combined over 1 objective: no data (no events in the range).'
    );
  });

  it('prints the combined row, the weights and the journeys in text', () => {
    const text = formatReportText(COMBINED).split('\n');
    const at = text.indexOf(summary);
    // Weights 2,000,000 / 2,001,234.56 = 99.938% and 0.0617%; shares of the combined budget 1,000 and 62.5 of 1,012.3456.
    expect(text.slice(at, at + 5)).toEqual([
      summary,
      '  objective                     weight  bad / total events  share of combined budget  own budget used',
      '  checkout-availability (30d)   99.93%  1,000 of 2,000,000  98.7%                     100.0%',
      '  checkout "fast", p99 (month)  0.06%   62.5 of 1,235       6.1%                      506.2%',
      '',
    ]);
    expect(text).toContain('Combined over 1 objective: no data (no events in the range).');
    expect(text).toContain('No events: search-latency (7d).');
    const journey = text.indexOf('Journey Buy:');
    expect(text.slice(journey, journey + 7)).toEqual([
      'Journey Buy:',
      'Combined over 1 objective: SLI 99.950%, budget used 100.0% (none left), 1,000 bad of 2,000,000 events; ' +
        'spent most: checkout-availability (30d), 100.0% of the combined budget.',
      '  objective                    weight   bad / total events  share of combined budget  own budget used',
      '  checkout-availability (30d)  100.00%  1,000 of 2,000,000  100.0%                    100.0%',
      'Not combined: search-latency (7d): counts samples of a gauge (a threshold SLI), not requests: its events do not add up with the others.',
      'Steps not in this report: Sign in.',
      '',
    ]);
    expect(
      text.some((l) => l.startsWith("Combined: a service's (or a journey's) objectives over all their events"))
    ).toBe(true);
  });

  it('says when the kinds of events were assumed', () => {
    const unknown: Report = {
      ...REPORT,
      serviceReports: REPORT.serviceReports.map((s) => ({
        ...s,
        combined: combineReadings(s.objectives.map((o) => objectiveMember(o))),
      })),
    };
    expect(formatReportText(unknown)).toContain(
      'The SLI kind of 2 objectives is not known here (no SLO definitions): counted as requests.'
    );
    expect(formatReportText(COMBINED)).not.toContain('not known here');
  });

  it('adds a combined row per service and per journey to the CSV, and each objective its weight', () => {
    // Fields split on commas outside quotes; quotes kept (none of the fields read here has any).
    const rows = formatReportCsv(COMBINED)
      .split('\r\n')
      .map((line) => line.match(/("([^"]|"")*"|[^,]*)(,|$)/g)?.map((field) => field.replace(/,$/, '')) ?? []);
    const column = (row: string[], name: (typeof CSV_COLUMNS)[number]) => row[CSV_COLUMNS.indexOf(name)];
    expect(rows.map((r) => column(r, 'row_type'))).toEqual([
      'row_type',
      'objective',
      'objective',
      'service',
      'objective',
      'service',
      'journey',
      undefined,
    ]);
    const [, availability, , checkout, , search, buy] = rows;
    expect(column(availability, 'weight_percent')).toBe('99.93831');
    expect(column(availability, 'combined_budget_share_percent')).toBe('98.780495');
    expect(
      [
        'service',
        'achieved_sli_percent',
        'met',
        'total_events',
        'bad_events',
        'budget_consumed_percent',
        'spent_most',
      ].map((c) => column(checkout, c as (typeof CSV_COLUMNS)[number]))
    ).toEqual(['checkout', '99.946907', 'false', '2001234.56', '1062.5', '104.954276', 'checkout-availability (30d)']);
    expect(column(checkout, 'objectives_combined')).toBe('2');
    expect(column(search, 'achieved_sli_percent')).toBe('');
    expect(column(search, 'total_events')).toBe('');
    expect(column(buy, 'group')).toBe('Buy');
    expect(column(buy, 'service')).toBe('');
    expect(formatReportCsv(COMBINED)).toContain(
      ',"search-latency (7d): counts samples of a gauge (a threshold SLI), not requests: its events do not add up with the others",,,\r\n'
    );
  });

  it('shows the combined rows in HTML and Markdown, escaped', () => {
    const html = formatReportHtml(COMBINED);
    expect(html).toContain(`<p class="combined">${summary.replace(/"/g, '&quot;')}</p>`);
    expect(html).toContain(
      '<tr><td>checkout &quot;fast&quot;, p99 (month)</td><td class="num">0.06%</td><td class="num">62.5 of 1,235</td><td class="num">6.1%</td><td class="num">506.2%</td></tr>'
    );
    expect(html).toContain('<h2>Journeys</h2>\n<h3>Buy</h3>');
    const markdown = formatReportMarkdown(COMBINED).split('\n');
    expect(markdown).toContain(`**${summary}**`);
    expect(markdown).toContain('| checkout "fast", p99 (month) | 0.06% | 62.5 of 1,235 | 6.1% | 506.2% |');
    expect(markdown).toContain('## Journeys');
    expect(markdown).toContain('Steps not in this report: Sign in.');
  });

  it('keeps every combined figure in JSON', () => {
    const parsed = JSON.parse(formatReport(COMBINED, 'json'));
    expect(parsed.serviceReports[0].combined).toMatchObject({
      events: 2001234.56,
      badEvents: 1062.5,
      budgetEvents: 1012.3456,
    });
    expect(parsed.journeyReports[0]).toMatchObject({ journey: 'Buy', stepsNotInReport: ['Sign in'] });
  });
});

describe('maintenance windows', () => {
  const checkout = REPORT.serviceReports[0];
  const slo = checkout.objectives[0];
  const START = Date.UTC(2026, 9, 4, 2) / 1000; // Sunday 2026-10-04 02:00 UTC
  const weekly: MaintenanceWindow = {
    start: '2026-10-04T02:00:00Z',
    end: '2026-10-04T03:30:00Z',
    startSeconds: START,
    endSeconds: START + 5400,
    repeat: 'weekly',
    reason: 'Database patching',
  };
  // From the last day of October: the windows of the 4th, 11th, 18th and 25th.
  const maintenance = maintenanceInRange(checkout.objectives, october, new Map([[slo.sloUid, [weekly]]]));
  const report: Report = {
    ...REPORT,
    serviceReports: [{ ...checkout, maintenance }, ...REPORT.serviceReports.slice(1)],
  };

  it('lists the occurrences in the range of each SLO, by start', () => {
    expect(maintenance.map((m) => [m.sloName, m.startSeconds - START])).toEqual([
      [slo.sloName, 0],
      [slo.sloName, 7 * 86400],
      [slo.sloName, 14 * 86400],
      [slo.sloName, 21 * 86400],
    ]);
    expect(maintenanceInRange(checkout.objectives, october, undefined)).toEqual([]);
  });

  it('says which windows were not counted, in text, HTML and Markdown', () => {
    const line = `${slo.sloName}, 2026-10-04 02:00 to 03:30 UTC (weekly): Database patching`;
    expect(formatReportText(report)).toContain(`Maintenance windows (their events are not counted):\n  ${line}\n`);
    expect(formatReportHtml(report)).toContain(`<li>${line}</li>`);
    expect(formatReportMarkdown(report)).toContain(`- ${line}`);
  });

  it('counts each objective windows and minutes in the CSV', () => {
    const rows = formatReportCsv(report).trim().split('\r\n');
    const header = rows[0].split(',');
    const first = rows[1].split(',');
    const cell = (name: string) => first[first.length - (header.length - header.indexOf(name))];
    expect(header.slice(-3)).toEqual(['maintenance_windows', 'maintenance_minutes', 'slo_status']);
    // Four windows of 90 minutes.
    expect([cell('maintenance_windows'), cell('maintenance_minutes')]).toEqual(['4', '360']);
  });
});
