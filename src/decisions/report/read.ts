import {
  errorRatioRangeQuery,
  firingAlertsRangeQuery,
  objectivesQuery,
  rangeEventQueries,
  type RangeEventQueries,
} from '../../promql/report';
import type { EventKind } from '../../slo/combined';
import type { Journey } from '../../slo/catalogue';
import type { MaintenanceWindow, Slo } from '../../slo/types';
import { sloStatus } from '../../slo/lifecycle';
import type { LabelledValue } from '../serviceReadings';
import { buildReport } from './build';
import type { RangeEventAnswers } from './events';
import { previousRanges, rangeQueryWindow, rangeUntil, type RangeQueryWindow, type ReportRange } from './ranges';
import type { LabelledSeries } from './series';
import type { Report, ReportAnswers, ReportOptions } from './types';
import { readReportReplay } from './replay';

/** Reading the report through a ReportSource: the only part that queries. */

/** Where the report reads from: Prometheus's instant and range queries (the CLI's HTTP client, a datasource). */
export interface ReportSource {
  instant(expr: string): Promise<LabelledValue[]>;
  range(expr: string, window: RangeQueryWindow): Promise<LabelledSeries[]>;
}

export interface ReportRequest {
  /** A month, or a custom range; cut at `now` when it ends later. */
  range: ReportRange;
  /** Empty for every service. */
  services: string[];
  /** People in each service's team, for the toil budget. */
  teamSize: number;
  now: Date;
  /** The periods of the trend, oldest first; by default the three before `range`, as long as it. */
  previous?: ReportRange[];
  /** The event kind of each SLO by uid, when the SLOs' definitions are known (see ReportOptions). */
  eventKinds?: ReadonlyMap<string, EventKind>;
  /** The catalogue's journeys, when known: a combined row per journey. */
  journeys?: readonly Journey[];
  /** The maintenance windows of each SLO by uid, when the SLOs' definitions are known. */
  maintenance?: ReadonlyMap<string, readonly MaintenanceWindow[]>;
  /**
   * The SLOs' definitions, when known: the periods their rules did not record (wholly or in part) are
   * replayed from the raw source series, and SLOs without recorded series are reported too.
   */
  slos?: readonly Slo[];
  /** Interval of the base rules, for the replay of threshold SLIs (default 30s). */
  evaluationInterval?: string;
}

async function readRangeEvents(
  range: ReportRange,
  services: readonly string[],
  source: ReportSource
): Promise<RangeEventAnswers> {
  const queries = rangeEventQueries(range, services);
  const keys = Object.keys(queries) as Array<keyof RangeEventQueries>;
  const answers = await Promise.all(keys.map((key) => source.instant(queries[key])));
  return Object.fromEntries(keys.map((key, i) => [key, answers[i]])) as RangeEventAnswers;
}

/**
 * Reads the answers of the report's queries: per period (this one and the three before it) five instant
 * queries, plus the objectives and two range queries (error ratios, alerts) over this period; with the SLOs'
 * definitions, the replay of the periods their rules did not record (see readReportReplay). Rejects when the
 * source does; throws a RangeError for a range that has not started.
 */
export async function readReportAnswers(request: ReportRequest, source: ReportSource): Promise<ReportAnswers> {
  const range = rangeUntil(request.range, request.now);
  const previous = previousOf(request);
  const services = servicesOf(request);
  const window = rangeQueryWindow(range);
  const slos = request.slos?.filter((s) => services.length === 0 || services.includes(s.service));
  const [objectives, events, errorRatios, firingAlerts, replay] = await Promise.all([
    source.instant(objectivesQuery(range, services)),
    readRangeEvents(range, services, source),
    source.range(errorRatioRangeQuery(services, window.stepSeconds), window),
    source.range(firingAlertsRangeQuery(services, window.stepSeconds), window),
    slos === undefined
      ? undefined
      : // The replay adds to the recorded figures: when it fails (a slow Prometheus times out on months of raw
        // data) the report still has them, and says what is missing. A cancelled report rejects through the
        // other reads.
        readReportReplay(slos, range, previous, source, request.evaluationInterval).catch(
          (error: unknown): { error: string } => ({ error: error instanceof Error ? error.message : String(error) })
        ),
  ]);
  const previousEvents: RangeEventAnswers[] = [];
  for (const r of previous) {
    previousEvents.push(await readRangeEvents(r, services, source));
  }
  return {
    objectives,
    events,
    previousEvents,
    errorRatios,
    firingAlerts,
    ...(replay && ('error' in replay ? { replayError: replay.error } : { replay })),
  };
}

/** Whole periods before the one asked for, even when it is cut at now (this week so far: the 3 weeks before). */
function previousOf(request: ReportRequest): ReportRange[] {
  return request.previous ?? previousRanges(request.range);
}

function servicesOf(request: ReportRequest): string[] {
  return [...new Set(request.services)].sort();
}

/** How buildReport is to build the report of `request`. */
export function reportOptions(request: ReportRequest): ReportOptions {
  return {
    range: rangeUntil(request.range, request.now),
    previous: previousOf(request),
    services: servicesOf(request),
    teamSize: request.teamSize,
    generatedAt: request.now,
    eventKinds: request.eventKinds,
    journeys: request.journeys,
    maintenance: request.maintenance,
    statuses: request.slos && new Map(request.slos.map((slo) => [slo.uid, sloStatus(slo)])),
  };
}

/** Reads and builds the report (readReportAnswers, then buildReport). */
export async function readReport(request: ReportRequest, source: ReportSource): Promise<Report> {
  const answers = await readReportAnswers(request, source);
  return buildReport(reportOptions(request), answers);
}
