import type { Slo } from '../../slo/types';
import { datasourceOf } from '../../slo/datasource';
import { sloAt } from '../../slo/phases';
import { sloStatus } from '../../slo/lifecycle';
import { windowToText } from '../../slo/values';
import type { ObjectiveReading } from '../../decisions/gate';
import type { ReplayRunner } from '../../decisions/replay';
import { readReplayedServiceReadings, type LabelledValue } from '../../decisions/serviceReadings';
import { coalescedInstant } from '../../api/query';
import { errorMessage } from '../../api/errors';
import { datasourceName, describeFailures, readByDatasource, type DatasourceFailure } from '../../api/byDatasource';
import { datasourceRunner } from '../Overview/liveNumbers';

/** A service's readings, each SLO read on its own datasource, and the datasources that could not answer. */
export interface ServiceReadingsByDatasource {
  /** One per objective; those of SLOs whose datasource failed have no figures and say why (`unread`). */
  readings: ObjectiveReading[];
  /** The service's SLOs in the store. */
  slos: Slo[];
  failures: DatasourceFailure[];
  /** How many of the service's SLOs name no datasource while the app has none: nothing could read them. */
  unset: number;
}

export interface ServiceReadOptions {
  /** Seconds since the epoch. */
  at: number;
  evaluationInterval?: string;
  signal?: AbortSignal;
}

type Runners = { instant: (expr: string) => Promise<LabelledValue[]>; replay: ReplayRunner };

/**
 * A datasource's queries: the service's metrics asked for together go in one request. The instant ones are
 * evaluated at the decision's instant, where the replay reads the raw data: a burn rate read a little later
 * could count a bad slice that the budget beside it does not.
 */
function datasourceRunners(datasourceUid: string, options: ServiceReadOptions): Runners {
  return {
    instant: coalescedInstant(datasourceUid, options.signal, options.at),
    replay: datasourceRunner(datasourceUid),
  };
}

/**
 * readReplayedServiceReadings with each SLO of the service read on its own datasource. The default datasource's
 * reads start at once, before the store's listing is known (the recorded readings need no definition), and it
 * keeps the readings of SLOs the store does not know; every other datasource keeps those of its own SLOs. A
 * datasource that fails leaves its SLOs with readings without figures (from their definitions) that say which
 * datasource; when there is nothing else to decide on, the read fails. An abort is rethrown.
 */
export async function readServiceByDatasource(
  service: string,
  stored: readonly Slo[] | Promise<readonly Slo[]>,
  defaultUid: string,
  options: ServiceReadOptions
): Promise<ServiceReadingsByDatasource> {
  const own = Promise.resolve(stored).then((all) => all.filter((s) => s.service === service));
  const onDefault = (slo: Slo) => datasourceOf(slo, defaultUid) === defaultUid;
  const first =
    defaultUid === ''
      ? undefined
      : readReplayedServiceReadings(
          service,
          own.then((list) => list.filter(onDefault)),
          datasourceRunners(defaultUid, options),
          options
        ).then(
          ({ readings }) => ({ readings }),
          (reason: unknown) => ({ reason })
        );
  const slos = await own;
  const storedUids = new Set(slos.map((s) => s.uid));
  const elsewhere = slos.filter((s) => !onDefault(s));
  const [others, fromDefault] = await Promise.all([
    readByDatasource(
      elsewhere,
      defaultUid,
      async (datasourceUid, group) => {
        const uids = new Set(group.map((s) => s.uid));
        const { readings } = await readReplayedServiceReadings(
          service,
          group,
          datasourceRunners(datasourceUid, options),
          options
        );
        // Another datasource's series of the service are not its SLOs' figures.
        return readings.filter((r) => uids.has(r.sloUid));
      },
      options.signal
    ),
    first,
  ]);
  const failures: DatasourceFailure[] = [];
  const readings: ObjectiveReading[] = [];
  if (fromDefault && 'reason' in fromDefault) {
    if (options.signal?.aborted) {
      throw fromDefault.reason;
    }
    const sloUids = slos.filter(onDefault).map((s) => s.uid);
    failures.push({ datasourceUid: defaultUid, message: errorMessage(fromDefault.reason), sloUids });
  } else if (fromDefault) {
    readings.push(
      ...fromDefault.readings.filter(
        (r) => !storedUids.has(r.sloUid) || slos.some((s) => s.uid === r.sloUid && onDefault(s))
      )
    );
  }
  readings.push(...others.answers.flatMap((a) => a.answer));
  failures.push(...others.failures);
  // Without a default datasource, the SLOs that name none have nothing to be read on.
  const unset = defaultUid === '' ? slos.filter(onDefault) : [];
  for (const failure of failures) {
    const why = `datasource ${datasourceName(failure.datasourceUid)} could not answer: ${failure.message}`;
    readings.push(
      ...unreadReadings(
        slos.filter((s) => failure.sloUids.includes(s.uid)),
        options.at,
        why
      )
    );
  }
  readings.push(...unreadReadings(unset, options.at, 'it names no datasource and the app has none configured'));
  if (readings.length === 0 && failures.length > 0) {
    throw new Error(describeFailures(failures).join('; '));
  }
  return {
    readings: readings.sort((a, b) => a.sloName.localeCompare(b.sloName) || a.window.localeCompare(b.window)),
    slos,
    failures,
    unset: unset.length,
  };
}

/** A reading without figures for each objective of the SLOs, as in force at `at`, saying why. */
function unreadReadings(slos: readonly Slo[], at: number, why: string): ObjectiveReading[] {
  return slos.flatMap((stored) => {
    const slo = sloAt(stored, at);
    const status = sloStatus(slo);
    return slo.objectives.map((o): ObjectiveReading => ({
      sloUid: slo.uid,
      sloName: slo.name,
      window: windowToText(o.window),
      target: o.target,
      unread: why,
      ...(status !== 'active' && { sloStatus: status }),
    }));
  });
}
