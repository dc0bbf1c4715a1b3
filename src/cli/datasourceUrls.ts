import type { Slo } from '../slo/types';
import { DATASOURCE_UID_RULE, datasourceOf, isDatasourceUid } from '../slo/datasource';
import { quote, quoteIfUnusual } from '../slo/quote';

/*
 * Where the commands that read SLO files on Prometheus (gate, backtest, suggest) read each SLO:
 * on the Prometheus of its own datasource. `--prometheus` answers for the SLOs that name no datasource
 * (or name `--datasource-uid`); `--datasource-url UID=URL` for those on another. An SLO on a datasource
 * given no URL stops the command: read on another Prometheus, whose jobs often have the same names in
 * another cluster, its figures would be another cluster's.
 */

export const DATASOURCE_URL_OPTIONS = {
  'datasource-uid': { type: 'string' },
  'datasource-url': { type: 'string', multiple: true },
} as const;

export const DATASOURCE_URL_USAGE = `Each SLO is read on the Prometheus of its datasource (spec.datasource.uid); --prometheus is that of the
SLOs that name none. An SLO on a datasource given no URL stops the command, exit 2.
  --datasource-uid UID       the datasource --prometheus is: the SLOs that name it are read there too
  --datasource-url UID=URL   the Prometheus query API of the datasource UID; repeat for several`;

export const HTTP_URL = /^https?:\/\/[^/]/;

/** The Prometheus query API of each datasource the command may read. */
export interface DatasourceUrls {
  /** The datasource `--prometheus` answers for; '' when not named. */
  defaultUid: string;
  prometheus: string;
  /** Other datasources, by uid. */
  others: ReadonlyMap<string, string>;
}

/** The URLs from the flags, or every problem with them (each names its flag). */
export function parseDatasourceUrls(
  prometheus: string,
  datasourceUid: string | undefined,
  pairs: readonly string[] = []
): DatasourceUrls | { problems: string[] } {
  const problems: string[] = [];
  if (datasourceUid !== undefined && !isDatasourceUid(datasourceUid)) {
    problems.push(`--datasource-uid ${DATASOURCE_UID_RULE}, got ${quote(datasourceUid)}`);
  }
  const others = new Map<string, string>();
  for (const pair of pairs) {
    const split = pair.indexOf('=');
    const uid = split > 0 ? pair.slice(0, split) : '';
    const url = split > 0 ? pair.slice(split + 1) : '';
    if (!isDatasourceUid(uid) || !HTTP_URL.test(url)) {
      problems.push(
        `--datasource-url must be UID=URL, a datasource uid and an http:// or https:// URL, got ${quote(pair)}`
      );
    } else if (uid === datasourceUid) {
      problems.push(`--datasource-url names ${quote(uid)}, which --datasource-uid reads at --prometheus`);
    } else if (others.has(uid)) {
      problems.push(`--datasource-url names ${quote(uid)} twice`);
    } else {
      others.set(uid, url);
    }
  }
  return problems.length > 0 ? { problems } : { defaultUid: datasourceUid ?? '', prometheus, others };
}

/** The query API an SLO is read at; undefined when its datasource was given none. */
export function urlOfSlo(slo: Pick<Slo, 'datasourceUid'>, urls: DatasourceUrls): string | undefined {
  const uid = datasourceOf(slo, urls.defaultUid);
  return uid === urls.defaultUid ? urls.prometheus : urls.others.get(uid);
}

/** One problem per SLO whose datasource was given no URL, naming the flag that would give it. */
export function unplacedSlos(slos: readonly Slo[], urls: DatasourceUrls): string[] {
  return slos
    .filter((slo) => urlOfSlo(slo, urls) === undefined)
    .map(
      (slo) =>
        `SLO ${quote(slo.name)} is on the datasource ${quote(slo.datasourceUid ?? '')}: give its Prometheus with ` +
        `--datasource-url ${slo.datasourceUid}=URL, or --datasource-uid ${slo.datasourceUid} if --prometheus is it`
    );
}

/** The SLOs by the query API they are read at, in the order each URL first appears. */
export function slosByUrl(slos: readonly Slo[], urls: DatasourceUrls): Map<string, Slo[]> {
  const groups = new Map<string, Slo[]>();
  for (const slo of slos) {
    const url = urlOfSlo(slo, urls) ?? urls.prometheus;
    groups.set(url, [...(groups.get(url) ?? []), slo]);
  }
  return groups;
}

/** Each datasource and how many of the SLOs live on it: "prom-eu (3 SLOs), the default datasource (1 SLO)". */
export function datasourceCounts(groups: ReadonlyMap<string, readonly unknown[]>): string {
  return [...groups]
    .map(
      ([uid, group]) =>
        `${uid === '' ? 'the default datasource' : quoteIfUnusual(uid, 64)} (${group.length} SLO${group.length === 1 ? '' : 's'})`
    )
    .join(', ');
}
