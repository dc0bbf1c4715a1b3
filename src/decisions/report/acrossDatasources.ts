import { SLO_LABELS } from '../../promql/slo';
import { buildReport } from './build';
import type { RangeEventAnswers } from './events';
import { reportOptions, type ReportRequest } from './read';
import { definedObjectives } from './replay';
import { rangeUntil } from './ranges';
import type { Report, ReportAnswers } from './types';

/*
 * One report of SLOs that live on several datasources: each datasource answers the report's queries for its
 * own SLOs, and the answers are merged into one datasource's, so that the report and its exports read as for
 * one. Shared by the Report page (Grafana datasources) and the CLI (a Prometheus URL per datasource).
 */

/** What one datasource answered, and which SLOs' series there are their own. */
export interface DatasourceReportPart {
  /** The datasource as the report names it. */
  name: string;
  answers: ReportAnswers;
  /** Whether the series of an SLO (by uid) here are its own: a datasource may hold old series of an SLO that moved. */
  owns: (sloUid: string) => boolean;
}

export interface ReportAcrossDatasources {
  /** The datasources that answered. */
  parts: readonly DatasourceReportPart[];
  /** Why each SLO that was not read has no figures, by SLO uid: it stays in the report from its definition. */
  unread: ReadonlyMap<string, string>;
  /** One line per datasource that could not answer, as the report says it. */
  unreadDatasources: readonly string[];
}

/**
 * Whether a datasource's series of an SLO (by uid) are that SLO's own: those of the SLOs that live on it, and on
 * the default datasource also those of the SLOs whose definitions are not known (`known` holds the others).
 */
export function ownedSeries(
  slos: ReadonlyArray<{ uid: string }>,
  isDefault: boolean,
  known: ReadonlySet<string>
): (sloUid: string) => boolean {
  const own = new Set(slos.map((s) => s.uid));
  return (sloUid) => own.has(sloUid) || (isDefault && !known.has(sloUid));
}

/** The report of `request` from the answers of each datasource, each kept for its own SLOs. */
export function buildReportAcrossDatasources(request: ReportRequest, across: ReportAcrossDatasources): Report {
  const services = new Set(request.services);
  const shown = (request.slos ?? []).filter((s) => services.size === 0 || services.has(s.service));
  const notRead = definedObjectives(
    shown.filter((s) => across.unread.has(s.uid)),
    rangeUntil(request.range, request.now).to.getTime() / 1000
  );
  const options = reportOptions(request);
  const merged = mergeAnswers(
    across.parts.map((part) => ({ name: part.name, answers: ownAnswers(part.answers, part.owns) })),
    notRead,
    options.previous.length
  );
  return buildReport({ ...options, unread: across.unread, unreadDatasources: across.unreadDatasources }, merged);
}

const uidOf = (item: { labels: Record<string, string> }) => item.labels[SLO_LABELS.uid] ?? '';

/** A datasource's answers about the SLOs it owns only. */
function ownAnswers(answers: ReportAnswers, owns: (uid: string) => boolean): ReportAnswers {
  const keep = <T extends { labels: Record<string, string> }>(items: T[]) => items.filter((i) => owns(uidOf(i)));
  const keepEvents = (events: RangeEventAnswers) =>
    Object.fromEntries(Object.entries(events).map(([key, values]) => [key, keep(values)])) as RangeEventAnswers;
  return {
    ...answers,
    objectives: keep(answers.objectives),
    events: keepEvents(answers.events),
    previousEvents: answers.previousEvents.map(keepEvents),
    errorRatios: keep(answers.errorRatios),
    firingAlerts: keep(answers.firingAlerts),
  };
}

/** The answers of every datasource as one datasource's, plus the objectives of the SLOs not read. */
function mergeAnswers(
  parts: Array<{ name: string; answers: ReportAnswers }>,
  notRead: ReportAnswers['objectives'],
  periods: number
): ReportAnswers {
  const events = (pick: (a: ReportAnswers) => RangeEventAnswers | undefined): RangeEventAnswers => {
    const merged: RangeEventAnswers = {
      tileEvents: [],
      tileBadEvents: [],
      rateEvents: [],
      rateBadEvents: [],
      rulesAtStart: [],
    };
    for (const part of parts) {
      const answered = pick(part.answers);
      for (const key of Object.keys(merged) as Array<keyof RangeEventAnswers>) {
        merged[key].push(...(answered?.[key] ?? []));
      }
    }
    return merged;
  };
  const replays = parts.flatMap((p) => (p.answers.replay ? [p.answers.replay] : []));
  const replayErrors = parts.flatMap((p) =>
    p.answers.replayError === undefined
      ? []
      : [parts.length > 1 ? `${p.name}: ${p.answers.replayError}` : p.answers.replayError]
  );
  return {
    objectives: [...parts.flatMap((p) => p.answers.objectives), ...notRead],
    events: events((a) => a.events),
    previousEvents: Array.from({ length: periods }, (_, i) => events((a) => a.previousEvents[i])),
    errorRatios: parts.flatMap((p) => p.answers.errorRatios),
    firingAlerts: parts.flatMap((p) => p.answers.firingAlerts),
    ...(replays.length > 0 && {
      replay: {
        figures: new Map(replays.flatMap((r) => [...r.figures])),
        errorRatios: replays.flatMap((r) => r.errorRatios),
        objectives: replays.flatMap((r) => r.objectives),
      },
    }),
    ...(replayErrors.length > 0 && { replayError: replayErrors.join('; ') }),
  };
}
