import type { Slo } from '../../slo/types';
import {
  datasourceName,
  describeFailures,
  readByDatasource,
  unreadSlos,
  type DatasourceFailure,
} from '../../api/byDatasource';
import {
  buildReportAcrossDatasources,
  ownedSeries,
  readReportAnswers,
  type Report,
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
      const owns = ownedSeries(slos, datasourceUid === defaultUid, storedUids);
      const answers = await readReportAnswers(
        { ...request, ...(request.slos && { slos }) },
        datasourceReportSource(datasourceUid, signal)
      );
      return { answers, owns };
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
  const report = buildReportAcrossDatasources(request, {
    parts: answers.map((a) => ({ name: datasourceName(a.datasourceUid), ...a.answer })),
    unread,
    unreadDatasources: describeFailures(realFailures),
  });
  return { report, failures: realFailures, unset: unsetSlos.length };
}
