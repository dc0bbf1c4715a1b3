import { parseArgs } from 'node:util';
import YAML from 'yaml';
import { errorMessage, readSloFiles } from './sloFiles';
import { parseCatalogueDocument, type Journey } from '../slo/catalogue';
import { eventKindOf, type EventKind } from '../slo/combined';
import type { MaintenanceWindow, Slo } from '../slo/types';
import {
  buildReportAcrossDatasources,
  customRange,
  ownedSeries,
  monthRange,
  rangeUntil,
  readReportAnswers,
  type DatasourceReportPart,
  type Report,
  type ReportRange,
  type ReportRequest,
} from '../decisions/report';
import { formatReport, noDataMessage, REPORT_FORMATS, type ReportFormat } from '../decisions/reportFormat';
import { httpGetWithTimeout, prometheusClient, type HttpGet } from './prometheusHttp';
import {
  DATASOURCE_URL_OPTIONS,
  datasourceCounts,
  HTTP_URL,
  parseDatasourceUrls,
  slosByUrl,
  urlOfSlo,
  type DatasourceUrls,
} from './datasourceUrls';
import { groupByDatasource, unansweredLine, unansweredReason } from '../slo/datasource';
import type { CliIo } from './run';
import { quote } from '../slo/quote';

/** Exit codes of `report`, as `gate`'s: 2 wrong usage, 4 Prometheus could not be read. */
export const REPORT_EXIT = { ok: 0, usage: 2, unreachable: 4 } as const;

export const DEFAULT_TEAM_SIZE = 4;

export const REPORT_USAGE = `Usage: burnrate report (--month YYYY-MM | --from TIME [--to TIME]) --prometheus URL [options]

The SLO report of a calendar month (UTC) or any range, read from the series Burnrate's rules record in
Prometheus (or Mimir, Thanos: any Prometheus query API; no SLO file needed): each objective's achieved SLI
against its target, budget used, longest bad period, alerts fired, trend against the three previous
periods and a recommendation, and each service's toil budget; and each service's objectives combined (SLI
and budget over all their events, each one's weight, the one that spent the most), per journey too with
--catalogue.

  --month YYYY-MM        a calendar month, UTC; the current month runs until now
  --from TIME            the start of any range: 2026-10-01, 2026-10-01T08:00:00Z (UTC unless a zone is given)
  --to TIME              its end (default now)
  --prometheus URL       the Prometheus query API, e.g. http://localhost:9090
  --service NAME         only this service; repeat for several (default every service)
  --team-size N          people in each service's team, for the toil budget (default ${DEFAULT_TEAM_SIZE})
  --format F             text (default), csv, html, markdown, json
  --slo FILE             SLO files (repeat for several): tell each SLO's kind of events, so that threshold
                         SLIs (gauge samples) and time slices are combined apart from requests, and its
                         maintenance windows, listed in the report; and a period its rules did not
                         record from its start (or at all) is counted from the raw source series, marked
                         "from raw data" or "raw + recorded"; without them every SLO is counted as
                         requests, and the report says so
  --datasource-uid UID   the datasource --prometheus is: the SLOs of the files that name it are read there,
                         as are those that name none
  --datasource-url UID=URL
                         the Prometheus query API of the datasource UID (repeat for several): the SLOs
                         of the files on it (spec.datasource.uid) are read there, and the report is one
                         report of them all; SLOs on a datasource given no URL are left out, and named
                         on standard error
  --catalogue FILE       a catalogue document (kind: Catalogue): a combined row per user journey
  --output FILE          write the report to FILE instead of standard output

Exit 0 when the report is written (also when the range has no data), 2 on wrong usage, 4 when a
Prometheus cannot be read: when another could, the report is still written, and the SLOs of the one that
could not are in it without figures, with the reason.
`;

/** `report` writes files too. */
export interface ReportIo extends CliIo {
  writeFile: (path: string, text: string) => void;
}

export interface ReportDependencies {
  /** The HTTP transport of the Prometheus client (default: fetch, 2 minutes per query). */
  http?: HttpGet;
  now?: () => Date;
}

/** A month of subqueries can take a while on a large Prometheus. */
const QUERY_TIMEOUT_MS = 120_000;

const TIME = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/**
 * An ISO 8601 date or time, UTC unless it names a zone; "now". Undefined for anything else, including
 * dates JavaScript would roll over (2026-02-30 is not 2 March).
 */
export function parseTime(text: string, now: Date): Date | undefined {
  if (text === 'now') {
    return now;
  }
  const match = TIME.exec(text);
  if (!match) {
    return undefined;
  }
  const [, year, month, day, hours = '0', minutes = '0', seconds = '0'] = match.map((m) => m ?? undefined);
  const daysInMonth = new Date(Date.UTC(Number(year), Number(month), 0)).getUTCDate();
  if (
    Number(month) < 1 ||
    Number(month) > 12 ||
    Number(day) < 1 ||
    Number(day) > daysInMonth ||
    Number(hours) > 23 ||
    Number(minutes) > 59 ||
    Number(seconds) > 59
  ) {
    return undefined;
  }
  const zoned = match[4] !== undefined && match[7] === undefined ? `${text}Z` : text;
  const date = new Date(zoned);
  return Number.isFinite(date.getTime()) ? date : undefined;
}

interface ReportOptions {
  range: ReportRange;
  /** --prometheus, and the Prometheus of each other datasource. */
  urls: DatasourceUrls;
  services: string[];
  teamSize: number;
  format: ReportFormat;
  output?: string;
  sloFiles: string[];
  catalogue?: string;
}

type ParsedValues = {
  month?: string;
  from?: string;
  to?: string;
  prometheus?: string;
  'datasource-uid'?: string;
  'datasource-url'?: string[];
  service?: string[];
  'team-size'?: string;
  format?: string;
  output?: string;
  slo?: string[];
  catalogue?: string;
};

/** The range of --month or --from/--to, or the problem with them. */
function rangeOf(values: ParsedValues, now: Date): ReportRange | string {
  if (values.month !== undefined && (values.from !== undefined || values.to !== undefined)) {
    return 'give either --month or --from/--to, not both';
  }
  if (values.month === undefined && values.from === undefined) {
    return values.to === undefined ? 'give --month YYYY-MM, or --from TIME (and --to TIME)' : '--to needs --from';
  }
  let range: ReportRange;
  if (values.month !== undefined) {
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(values.month)) {
      return `--month must be a month written YYYY-MM, e.g. 2026-10, got ${quote(values.month)}`;
    }
    range = monthRange(values.month);
  } else {
    const from = parseTime(values.from ?? '', now);
    const to = values.to === undefined ? now : parseTime(values.to, now);
    if (!from) {
      return `--from must be an ISO 8601 date or time such as 2026-10-01T00:00:00Z, got ${quote(values.from ?? '')}`;
    }
    if (!to) {
      return `--to must be an ISO 8601 date or time such as 2026-11-01T00:00:00Z, or now, got ${quote(values.to ?? '')}`;
    }
    try {
      range = customRange(from, to);
    } catch (error) {
      return `--from/--to: ${errorMessage(error)}`;
    }
  }
  try {
    rangeUntil(range, now);
  } catch (error) {
    return `${values.month !== undefined ? '--month' : '--from'}: ${errorMessage(error)}`;
  }
  return range;
}

/** The options, or every problem with them, each naming its option. */
function readOptions(values: ParsedValues, now: Date): ReportOptions | string[] {
  const range = rangeOf(values, now);
  const teamSize = values['team-size'] === undefined ? DEFAULT_TEAM_SIZE : Number(values['team-size']);
  const format = (values.format ?? 'text') as ReportFormat;
  const services = values.service ?? [];
  const urls = parseDatasourceUrls(values.prometheus ?? '', values['datasource-uid'], values['datasource-url']);
  const problems = [
    typeof range === 'string' && range,
    !(Number.isFinite(teamSize) && teamSize > 0) &&
      `--team-size must be a number of people above 0, got ${quote(values['team-size'] ?? '')}`,
    !REPORT_FORMATS.includes(format) &&
      `--format must be one of ${REPORT_FORMATS.join(', ')}, got ${quote(values.format ?? '')}`,
    services.some((s) => s.trim() === '') && '--service must name a service',
    !values.prometheus && '--prometheus URL is required',
    values.prometheus &&
      !HTTP_URL.test(values.prometheus) &&
      `--prometheus must be an http:// or https:// URL, got ${quote(values.prometheus ?? '')}`,
    ...('problems' in urls ? urls.problems : []),
  ].filter((p): p is string => typeof p === 'string');
  if (problems.length > 0 || typeof range === 'string' || 'problems' in urls) {
    return problems;
  }
  return {
    range,
    urls,
    services,
    teamSize,
    format,
    output: values.output,
    sloFiles: values.slo ?? [],
    catalogue: values.catalogue,
  };
}

/**
 * The SLOs of the files that can be read here (their datasource has a Prometheus URL), each one's kind of
 * events and maintenance windows by uid; or the problems of the files.
 */
function readDefinitions(
  files: readonly string[],
  io: CliIo,
  urls: DatasourceUrls
): {
  eventKinds: Map<string, EventKind>;
  maintenance: Map<string, MaintenanceWindow[]>;
  slos: Slo[];
  /** The uids of every SLO of the files, also of those left out. */
  inFiles: Set<string>;
  problems: string[];
} {
  const kinds = new Map<string, EventKind>();
  const maintenance = new Map<string, MaintenanceWindow[]>();
  const read = readSloFiles(files, io);
  // Read on another Prometheus, an SLO's source series (same job names, another cluster) would give wrong figures.
  const slos = read.slos.filter((slo) => urlOfSlo(slo, urls) !== undefined);
  const elsewhere = groupByDatasource(
    read.slos.filter((slo) => urlOfSlo(slo, urls) === undefined),
    urls.defaultUid
  );
  if (elsewhere.size > 0) {
    io.stderr(
      `burnrate report: left out the SLOs of the files on datasources given no Prometheus: ${datasourceCounts(elsewhere)}; ` +
        'give each its Prometheus with --datasource-url UID=URL\n'
    );
  }
  for (const slo of slos) {
    kinds.set(slo.uid, eventKindOf(slo.indicator.type, slo.timeSlices));
    maintenance.set(slo.uid, slo.maintenance ?? []);
  }
  return {
    eventKinds: kinds,
    maintenance,
    slos,
    inFiles: new Set(read.slos.map((s) => s.uid)),
    problems: read.problems,
  };
}

/**
 * The report with each SLO of the files read on its own datasource's Prometheus, and the series of the SLOs
 * the files do not hold read at --prometheus: one read of the report's queries per Prometheus, in parallel,
 * each kept for its own SLOs. A Prometheus that cannot answer leaves its SLOs in the report without figures,
 * with the reason; `failures` says which, and the read rejects only when none answered.
 */
async function readReportAcross(
  request: ReportRequest,
  urls: DatasourceUrls,
  inFiles: ReadonlySet<string>,
  clientOf: (url: string) => ReturnType<typeof prometheusClient>
): Promise<{ report: Report; failures: string[] }> {
  const groups = slosByUrl(request.slos ?? [], urls);
  // --prometheus is always asked: it holds the series of the SLOs the files do not hold (every SLO without files).
  const reads = [urls.prometheus, ...[...groups.keys()].filter((url) => url !== urls.prometheus)].map((url) => {
    const slos = groups.get(url) ?? [];
    const isDefault = url === urls.prometheus;
    const uid = isDefault ? urls.defaultUid : ([...urls.others].find(([, u]) => u === url)?.[0] ?? '');
    return {
      url,
      name: uid === '' ? 'the default datasource' : uid,
      slos,
      owns: ownedSeries(slos, isDefault, inFiles),
    };
  });
  const settled = await Promise.allSettled(
    reads.map((read) => readReportAnswers({ ...request, ...(request.slos && { slos: read.slos }) }, clientOf(read.url)))
  );
  const parts: DatasourceReportPart[] = [];
  const unread = new Map<string, string>();
  const unreadDatasources: string[] = [];
  const failures: string[] = [];
  settled.forEach((outcome, i) => {
    const { name, slos, owns } = reads[i];
    if (outcome.status === 'fulfilled') {
      parts.push({ name, answers: outcome.value, owns });
      return;
    }
    const reason = errorMessage(outcome.reason);
    failures.push(reads.length > 1 ? `${name}: ${reason}` : reason);
    slos.forEach((slo) => unread.set(slo.uid, unansweredReason(name, reason)));
    if (slos.length > 0) {
      unreadDatasources.push(unansweredLine(name, reason, slos.length));
    }
  });
  if (parts.length === 0) {
    throw new Error(failures.join('; '));
  }
  return { report: buildReportAcrossDatasources(request, { parts, unread, unreadDatasources }), failures };
}

/** The journeys of a catalogue document, or the problem with it. */
function readJourneys(file: string, io: CliIo): { journeys: Journey[]; problems: string[] } {
  try {
    const parsed = parseCatalogueDocument(YAML.parse(io.readFile(file)));
    return 'catalogue' in parsed
      ? { journeys: parsed.catalogue.journeys, problems: [] }
      : {
          journeys: [],
          problems: parsed.issues.map((i) => `--catalogue: ${file}: ${i.path ? `${i.path}: ` : ''}${i.message}`),
        };
  } catch (error) {
    return { journeys: [], problems: [`--catalogue: cannot read ${file}: ${errorMessage(error)}`] };
  }
}

/** `burnrate report`: reads the report from Prometheus and writes it to stdout or --output. */
export async function runReport(argv: string[], io: ReportIo, dependencies: ReportDependencies = {}): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        month: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        prometheus: { type: 'string' },
        ...DATASOURCE_URL_OPTIONS,
        service: { type: 'string', multiple: true },
        'team-size': { type: 'string' },
        format: { type: 'string' },
        output: { type: 'string' },
        slo: { type: 'string', multiple: true },
        catalogue: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    io.stderr(`burnrate report: ${errorMessage(error)}\n\n${REPORT_USAGE}`);
    return REPORT_EXIT.usage;
  }
  if (values.help) {
    io.stdout(REPORT_USAGE);
    return REPORT_EXIT.ok;
  }
  const now = (dependencies.now ?? (() => new Date()))();
  const options = readOptions(values, now);
  if (Array.isArray(options)) {
    io.stderr(`${options.map((p) => `burnrate report: ${p}`).join('\n')}\n\n${REPORT_USAGE}`);
    return REPORT_EXIT.usage;
  }
  const definitions = readDefinitions(options.sloFiles, io, options.urls);
  const catalogue = options.catalogue === undefined ? undefined : readJourneys(options.catalogue, io);
  const fileProblems = [...definitions.problems, ...(catalogue?.problems ?? [])];
  if (fileProblems.length > 0) {
    io.stderr(`${fileProblems.map((p) => `burnrate report: ${p}`).join('\n')}\n`);
    return REPORT_EXIT.usage;
  }
  const withFiles = options.sloFiles.length > 0;
  const http = dependencies.http ?? httpGetWithTimeout(QUERY_TIMEOUT_MS);
  let read;
  try {
    read = await readReportAcross(
      {
        range: options.range,
        services: options.services,
        teamSize: options.teamSize,
        now,
        eventKinds: withFiles ? definitions.eventKinds : undefined,
        maintenance: withFiles ? definitions.maintenance : undefined,
        slos: withFiles ? definitions.slos : undefined,
        journeys: catalogue?.journeys,
      },
      options.urls,
      definitions.inFiles,
      (url) => prometheusClient(url, http)
    );
  } catch (error) {
    io.stderr(`burnrate report: ${errorMessage(error)}\n`);
    return REPORT_EXIT.unreachable;
  }
  const { report, failures } = read;
  for (const failure of failures) {
    io.stderr(`burnrate report: could not read ${failure}\n`);
  }
  const text = formatReport(report, options.format);
  const noData = noDataMessage(report);
  if (options.output !== undefined) {
    try {
      io.writeFile(options.output, text);
    } catch (error) {
      io.stderr(`burnrate report: --output: cannot write ${options.output}: ${errorMessage(error)}\n`);
      return REPORT_EXIT.usage;
    }
    io.stderr(`burnrate report: ${report.range.label} written to ${options.output} (${options.format})\n`);
  } else {
    io.stdout(text);
  }
  // Text, Markdown and HTML say it in the report; say it where a reader of CSV, JSON or a file sees it.
  if (noData && (options.output !== undefined || options.format === 'csv' || options.format === 'json')) {
    io.stderr(`burnrate report: ${noData}\n`);
  }
  return failures.length > 0 ? REPORT_EXIT.unreachable : REPORT_EXIT.ok;
}
