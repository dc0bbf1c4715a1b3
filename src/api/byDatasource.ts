import { groupByDatasource, unansweredLine, unansweredReason } from '../slo/datasource';
import { findDatasource } from './datasources';
import { cancelledError, errorMessage } from './errors';

/** A datasource that could not answer, and the SLOs it left without figures. */
export interface DatasourceFailure {
  datasourceUid: string;
  message: string;
  sloUids: string[];
}

export interface ByDatasource<S, T> {
  /** What each datasource answered, with its SLOs, in the order the datasources first appear. */
  answers: Array<{ datasourceUid: string; slos: S[]; answer: T }>;
  failures: DatasourceFailure[];
  /** SLOs that name no datasource while the app has no default: nothing to ask. */
  unset: S[];
}

/**
 * Runs `read` once per datasource, for the SLOs on it, all at once: a datasource that fails or is
 * unreachable leaves only its own SLOs without figures. An abort is rethrown.
 */
export async function readByDatasource<S extends { uid: string; datasourceUid?: string }, T>(
  slos: readonly S[],
  defaultUid: string,
  read: (datasourceUid: string, slos: S[]) => Promise<T>,
  signal?: AbortSignal
): Promise<ByDatasource<S, T>> {
  const groups = groupByDatasource(slos, defaultUid);
  const unset = groups.get('') ?? [];
  groups.delete('');
  const settled = await Promise.allSettled([...groups].map(([uid, group]) => read(uid, group)));
  if (signal?.aborted) {
    throw cancelledError();
  }
  const result: ByDatasource<S, T> = { answers: [], failures: [], unset };
  [...groups].forEach(([datasourceUid, group], i) => {
    const outcome = settled[i];
    if (outcome.status === 'fulfilled') {
      result.answers.push({ datasourceUid, slos: group, answer: outcome.value });
    } else {
      result.failures.push({
        datasourceUid,
        message: errorMessage(outcome.reason),
        sloUids: group.map((s) => s.uid),
      });
    }
  });
  return result;
}

/** The datasource as people know it: its name in Grafana, or its uid when Grafana has none by that uid. */
export function datasourceName(uid: string): string {
  return findDatasource(uid)?.name ?? uid;
}

/** Why a datasource did not answer: its name and its message. */
export function failureReason(failure: DatasourceFailure): string {
  return `${datasourceName(failure.datasourceUid)}: ${failure.message}`;
}

/** Why each SLO of the failed datasources has no figures, by SLO uid, as a page says it beside the SLO. */
export function unreadSlos(failures: readonly DatasourceFailure[]): Map<string, string> {
  return new Map(
    failures.flatMap((f) => f.sloUids.map((uid) => [uid, unansweredReason(datasourceName(f.datasourceUid), f.message)]))
  );
}

/** One line per failed datasource: its name, its message, and how many SLOs have no figures. */
export function describeFailures(failures: readonly DatasourceFailure[]): string[] {
  return failures.map((f) => unansweredLine(datasourceName(f.datasourceUid), f.message, f.sloUids.length));
}
