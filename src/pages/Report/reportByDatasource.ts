import type { Slo } from '../../slo/types';
import { SLO_LABELS } from '../../promql/slo';
import {
  datasourceName,
  describeFailures,
  readByDatasource,
  unreadSlos,
  type DatasourceFailure,
} from '../../api/byDatasource';
import {
  buildReport,
  definedObjectives,
  rangeUntil,
  readReportAnswers,
  reportOptions,
  type RangeEventAnswers,
  type Report,
  type ReportAnswers,
  type ReportRequest,
} from '../../decisions/report';
import { datasourceReportSource } from './reportSource';

/** The report of SLOs on many datasources, and the datasources that could not answer. */
export interface ReportByDatasource {
  report: Report;
  failures: DatasourceFailure[];
  /** How many SLOs of the report name no datasource while the app has none: nothing could read them. */
  unset: number;
}

/** An SLO to read on its datasource; without `slo`, the SLOs the store does not know, on the default datasource. */
interface Group {
  uid: string;
  datasourceUid?: string;
  slo?: Slo;
}

/**
 * The report with each SLO's figures read on its own datasource: the report's queries once per datasource (batched
 * as one report's are), each datasource's answers kept for its own SLOs, then one report of them all, so its
 * exports are as for one datasource. The default datasource is always asked: it holds the series of SLOs the store
 * does not know (all of them when the store could not be read). A datasource that fails leaves its SLOs in the
 * report without figures, and says so; when none answers, the report is not read.
 */
export async function readReportByDatasource(
  request: ReportRequest,
  defaultUid: string,
  signal?: AbortSignal
): Promise<ReportByDatasource> {
  const stored = request.slos ?? [];
  const services = new Set(request.services);
  const shown = stored.filter((s) => services.size === 0 || services.has(s.service));
  // Stands for the SLOs the store does not know, whose series the default datasource holds.
  const unstored: Group[] = defaultUid === '' ? [] : [{ uid: '', datasourceUid: defaultUid }];
  const groups: Group[] = [
    ...shown.map((slo) => ({ uid: slo.uid, datasourceUid: slo.datasourceUid, slo })),
    ...unstored,
  ];
  const storedUids = new Set(stored.map((s) => s.uid));
  const { answers, failures, unset } = await readByDatasource(
    groups,
    defaultUid,
    async (datasourceUid, group) => {
      const slos = group.flatMap((g) => (g.slo ? [g.slo] : []));
      const own = new Set(slos.map((s) => s.uid));
      const owns = (uid: string) => own.has(uid) || (datasourceUid === defaultUid && !storedUids.has(uid));
      const read = await readReportAnswers(
        { ...request, ...(request.slos && { slos }) },
        datasourceReportSource(datasourceUid, signal)
      );
      return ownAnswers(read, owns);
    },
    signal
  );
  // The default datasource asked only for the series of SLOs the store does not know is named when it fails
  // only if nothing else answered: otherwise it would warn of a datasource that left no SLO without figures.
  const realFailures = failures
    .map((f) => ({ ...f, sloUids: f.sloUids.filter((uid) => uid !== '') }))
    .filter((f) => f.sloUids.length > 0 || answers.length === 0);
  if (answers.length === 0 && realFailures.length > 0) {
    throw new Error(describeFailures(realFailures).join('; '));
  }
  const unread = unreadSlos(realFailures);
  const unsetSlos = unset.flatMap((g) => (g.slo ? [g.slo] : []));
  unsetSlos.forEach((s) => unread.set(s.uid, 'it names no datasource and the app has none configured'));
  // The SLOs not read are in the report from their definitions, without figures.
  const notRead = definedObjectives(
    shown.filter((s) => unread.has(s.uid)),
    rangeUntil(request.range, request.now).to.getTime() / 1000
  );
  const options = reportOptions(request);
  const merged = mergeAnswers(
    answers.map((a) => ({ name: datasourceName(a.datasourceUid), answers: a.answer })),
    notRead,
    options.previous.length
  );
  const report = buildReport({ ...options, unread, unreadDatasources: describeFailures(realFailures) }, merged);
  return { report, failures: realFailures, unset: unsetSlos.length };
}

const uidOf = (item: { labels: Record<string, string> }) => item.labels[SLO_LABELS.uid] ?? '';

/** A datasource's answers about the SLOs it owns only: another datasource may hold old series of an SLO that moved. */
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
