import { SLO_LABELS } from '../promql/slo';
import { rawErrorRatioParts } from '../promql/replay';
import { joinWithin } from '../promql/batches';
import { DEFAULT_EVALUATION_INTERVAL } from '../rules/build';
import { recordedADayAgoQuery, serviceQueries, statusesQuery, windowErrorRatioQuery } from '../promql/readings';
import { errorBudgetRatio } from '../slo/budget';
import type { ObjectiveReading } from './gate';
import type { Slo, SloStatus } from '../slo/types';
import { sloStatus } from '../slo/lifecycle';
import { windowToText } from '../slo/values';
import { sloAt } from '../slo/phases';
import { objectiveKey, readReplay, replayedBudgetRemaining, type Replay, type ReplayRunner } from './replay';

/**
 * What the gate reads of a service from the series Burnrate records, by their `service` label: no SLO
 * file is needed, only the rules deployed.
 */

export interface LabelledValue {
  labels: Record<string, string>;
  value: number;
}

/**
 * One reading per objective (`slo:objective:ratio` series): the lowest budget remaining of its groups,
 * and the burn rate of the SLO's last hour against that objective. Where no budget is recorded yet
 * (the roll-up has not run since the counters appeared), `windowErrors` by window text give the budget
 * from the error ratio of the 5m rates over the window, as the overview does.
 */
export function buildReadings(
  objectives: LabelledValue[],
  budgets: LabelledValue[],
  errorRatios1h: LabelledValue[],
  windowErrors: ReadonlyMap<string, LabelledValue[]> = new Map()
): ObjectiveReading[] {
  const key = (labels: Record<string, string>) => `${labels[SLO_LABELS.uid]}\u0000${labels[SLO_LABELS.window]}`;
  const lowest = new Map<string, number>();
  for (const b of budgets) {
    if (Number.isFinite(b.value)) {
      const k = key(b.labels);
      lowest.set(k, Math.min(lowest.get(k) ?? Infinity, b.value));
    }
  }
  const errors = new Map(errorRatios1h.map((e) => [e.labels[SLO_LABELS.uid], e.value]));
  const seen = new Set<string>();
  const readings: ObjectiveReading[] = [];
  for (const o of objectives) {
    const k = key(o.labels);
    if (seen.has(k) || !(o.value > 0 && o.value < 1)) {
      continue;
    }
    seen.add(k);
    const uid = o.labels[SLO_LABELS.uid];
    const error = errors.get(uid);
    const window = o.labels[SLO_LABELS.window] ?? '';
    const windowError = windowErrors.get(window)?.find((e) => e.labels[SLO_LABELS.uid] === uid)?.value;
    const budget = errorBudgetRatio(o.value);
    const fallback = windowError !== undefined && Number.isFinite(windowError) ? 1 - windowError / budget : undefined;
    readings.push({
      sloUid: uid,
      sloName: o.labels[SLO_LABELS.name] ?? uid,
      window,
      target: String(o.value),
      remaining: lowest.get(k) ?? fallback,
      burnRate1h: error !== undefined && Number.isFinite(error) ? error / budget : undefined,
    });
  }
  return readings.sort((a, b) => a.sloName.localeCompare(b.sloName) || a.window.localeCompare(b.window));
}

/**
 * Marks the readings of the SLOs not among `recordedADayAgo` (answers of recordedADayAgoQuery) as having
 * less than a day of figures.
 */
export function markShortHistory(readings: ObjectiveReading[], recordedADayAgo: LabelledValue[]): ObjectiveReading[] {
  const old = new Set(recordedADayAgo.map((r) => r.labels[SLO_LABELS.uid]));
  return readings.map((r) => ({ ...r, lessThanADay: !old.has(r.sloUid) }));
}

/**
 * Marks the readings of draft and retired SLOs with their status, from the answers of statusesQuery (the
 * label their rules info carries).
 */
export function markStatuses(readings: ObjectiveReading[], statuses: LabelledValue[]): ObjectiveReading[] {
  const byUid = new Map<string, SloStatus>();
  for (const s of statuses) {
    const status = s.labels[SLO_LABELS.status];
    if (status === 'draft' || status === 'retired') {
      byUid.set(s.labels[SLO_LABELS.uid], status);
    }
  }
  return readings.map((r) => (byUid.has(r.sloUid) ? { ...r, sloStatus: byUid.get(r.sloUid) } : r));
}

/**
 * Reads a service's objectives through `run` (an instant query): five queries, and one more per
 * rolling window whose budget is not recorded yet.
 */
export async function readServiceReadings(
  service: string,
  run: (expr: string) => Promise<LabelledValue[]>
): Promise<ObjectiveReading[]> {
  const queries = serviceQueries(service);
  const [objectives, budgets, errors, dayOld, statuses] = await Promise.all([
    run(queries.objectives),
    run(queries.budgets),
    run(queries.errorRatio1h),
    run(recordedADayAgoQuery(service)),
    run(statusesQuery(service)),
  ]);
  const first = markStatuses(markShortHistory(buildReadings(objectives, budgets, errors), dayOld), statuses);
  // Rolling windows are durations PromQL takes as they are; calendar windows ("month") wait for the roll-up.
  const missing = [
    ...new Set(first.filter((r) => r.remaining === undefined && /^\d/.test(r.window)).map((r) => r.window)),
  ];
  if (missing.length === 0) {
    return first;
  }
  const windowErrors = new Map(
    await Promise.all(missing.map(async (w) => [w, await run(windowErrorRatioQuery(service, w))] as const))
  );
  return markStatuses(markShortHistory(buildReadings(objectives, budgets, errors, windowErrors), dayOld), statuses);
}

/**
 * The readings with the replayed figures (decisions/replay.ts) of the SLOs whose rules have not recorded
 * a whole window: their budget remaining from the raw or stitched events, a reading for each objective
 * of an SLO without rules (which has no recorded objective series), and their source. A day of raw data
 * counts as a day of figures (`replay.dataADayAgo`).
 */
export function withReplayedReadings(
  readings: ObjectiveReading[],
  slos: readonly Slo[],
  replay: Replay
): ObjectiveReading[] {
  const out = new Map(readings.map((r) => [objectiveKey(r.sloUid, r.window), r]));
  for (const stored of slos) {
    const slo = sloAt(stored, replay.at);
    for (const objective of slo.objectives) {
      const key = objectiveKey(slo.uid, windowToText(objective.window));
      const figure = replay.figures.get(key);
      if (!figure) {
        continue;
      }
      const recorded = out.get(key);
      out.set(key, {
        sloUid: slo.uid,
        sloName: recorded?.sloName ?? slo.name,
        window: figure.window,
        target: recorded?.target ?? objective.target,
        remaining: replayedBudgetRemaining(figure, recorded?.target ?? objective.target),
        burnRate1h: recorded?.burnRate1h,
        lessThanADay: replay.dataADayAgo ? !replay.dataADayAgo.has(slo.uid) : recorded?.lessThanADay,
        source: figure.source,
      });
    }
  }
  // The definition's status outranks the label of rules deployed before it changed.
  const statuses = new Map(slos.map((s) => [s.uid, sloStatus(s)]));
  const withStatus = [...out.values()].map((r): ObjectiveReading => {
    const status = statuses.get(r.sloUid);
    if (status === undefined) {
      return r;
    }
    const { sloStatus: _recorded, ...rest } = r;
    return status === 'active' ? rest : { ...rest, sloStatus: status };
  });
  return withStatus.sort((a, b) => a.sloName.localeCompare(b.sloName) || a.window.localeCompare(b.window));
}

/**
 * A service's readings from the recorded series and, for those of its SLOs (among `slos`, the definitions
 * known) whose rules have not recorded a whole window, from the raw source series (decisions/replay.ts),
 * as the gate page, the weekly review and the CLI's gate decide on them. `at`: seconds since the epoch.
 */
export async function readReplayedServiceReadings(
  service: string,
  slos: readonly Slo[] | Promise<readonly Slo[]>,
  run: { instant: (expr: string) => Promise<LabelledValue[]>; replay: ReplayRunner },
  options: { at: number; evaluationInterval?: string; signal?: AbortSignal }
): Promise<{ readings: ObjectiveReading[]; slos: Slo[] }> {
  // The recorded readings need no definition: they start while the definitions load.
  const [recorded, own] = await Promise.all([
    readServiceReadings(service, run.instant),
    Promise.resolve(slos).then((all) => all.filter((s) => s.service === service)),
  ]);
  const replay = await readReplay(own, options.at, run.replay, {
    signal: options.signal,
    dayOld: true,
    evaluationInterval: options.evaluationInterval,
  });
  const readings = withReplayedReadings(recorded, own, replay);
  // Without recorded 5m rates, the burn rate of the last hour from raw data too: one query for those SLOs.
  const unburnt = own
    .filter((s) => readings.some((r) => r.sloUid === s.uid && r.burnRate1h === undefined && r.source !== undefined))
    .map((s) => ({ ...s, evaluationInterval: options.evaluationInterval ?? DEFAULT_EVALUATION_INTERVAL }));
  const exprs = joinWithin(rawErrorRatioParts(unburnt, 3600), ' or ');
  if (exprs.length === 0) {
    return { readings, slos: own };
  }
  const answers = (await Promise.all(exprs.map((expr) => run.instant(expr)))).flat();
  const errors = new Map(answers.map((e) => [e.labels[SLO_LABELS.uid], e.value]));
  return {
    readings: readings.map((r) => {
      const error = r.burnRate1h === undefined ? errors.get(r.sloUid) : undefined;
      return error === undefined || !Number.isFinite(error)
        ? r
        : { ...r, burnRate1h: error / errorBudgetRatio(r.target) };
    }),
    slos: own,
  };
}
