/*
 * Which datasource an SLO lives on: its own, or the app's default. Pages query each SLO there, and rules
 * go to that datasource's ruler.
 */

/** A Grafana uid: letters, digits, "-" and "_", at most 40 (Grafana's own rule for uids). */
const DATASOURCE_UID = /^[A-Za-z0-9_-]{1,40}$/;

export function isDatasourceUid(text: string): boolean {
  return DATASOURCE_UID.test(text);
}

export const DATASOURCE_UID_RULE = 'must be a Grafana datasource uid: 1-40 letters, digits, "-" or "_"';

/** The uid of the datasource an SLO lives on; '' when it names none and the app has no default. */
export function datasourceOf(slo: { datasourceUid?: string }, defaultUid: string): string {
  return slo.datasourceUid ?? defaultUid;
}

/**
 * Items by the datasource they live on, in the order each datasource first appears; the items of one
 * datasource keep their order.
 */
export function groupByDatasource<T extends { datasourceUid?: string }>(
  items: readonly T[],
  defaultUid: string
): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const uid = datasourceOf(item, defaultUid);
    const group = groups.get(uid);
    if (group) {
      group.push(item);
    } else {
      groups.set(uid, [item]);
    }
  }
  return groups;
}

/** Whether any of the SLOs has no datasource at all: neither its own nor the app's default. */
export function someWithoutDatasource(slos: ReadonlyArray<{ datasourceUid?: string }>, defaultUid: string): boolean {
  return slos.some((slo) => datasourceOf(slo, defaultUid) === '');
}

/** Why an SLO has no figures when its datasource (by name) did not answer, as pages and reports say it beside it. */
export function unansweredReason(datasource: string, message: string): string {
  return `datasource ${datasource} could not answer (${message})`;
}

/** A datasource (by name) that did not answer: its message and how many SLOs it left without figures. */
export function unansweredLine(datasource: string, message: string, sloCount: number): string {
  return `${datasource}: ${message} (${sloCount} SLO${sloCount === 1 ? '' : 's'} without figures)`;
}
