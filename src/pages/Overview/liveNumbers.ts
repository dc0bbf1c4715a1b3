import type { Slo } from '../../slo/types';
import type { AppSettings } from '../../settings';
import { queryInstant } from '../../api/query';
import {
  batchBudgetRemainingExpr,
  batchErrorRatioExpr,
  batchFiringAlertsExpr,
  batchWindowSumExpr,
} from '../../promql/views';
import { SLO_LABELS, SLO_METRICS } from '../../promql/slo';
import { buildOverviewRows, leastBudgetFirst, uidsByRollingWindow, withReplay, type OverviewRow } from './overviewRows';
import { windowEventsByObjective, withReplayedEvents, type WindowEvents } from './combinedRows';
import { readReplay, type Replay, type ReplayRunner } from '../../decisions/replay';
import { rawErrorRatioParts } from '../../promql/replay';
import { batchAnswers, batchesWithin, batchQueries, joinWithin } from '../../promql/batches';
import { afterPaint } from '../../utils/afterPaint';
import { groupByDatasource } from '../../slo/datasource';
import { readByDatasource, type DatasourceFailure } from '../../api/byDatasource';

type InstantSampleLike = { labels: Record<string, string>; value: number };

export interface LiveNumbers {
  rows: OverviewRow[];
  /** Firing alerts per SLO uid (SLOs without any are absent). */
  firing: Map<string, number>;
  /** Events and bad events over each objective's window, for the combined figures. */
  windowEvents: WindowEvents;
  /**
   * Why the figures of SLOs whose rules have not recorded a whole window could not be read from the raw
   * source series (they then show what is recorded, or no data).
   */
  replayError?: string;
  /** Datasources that could not answer: their SLOs show no figures, the others' do. */
  failures?: DatasourceFailure[];
}

/** Instant queries on the configured datasource, for the replay. */
export function datasourceRunner(datasourceUid: string): ReplayRunner {
  return (queries, signal) => queryInstant(datasourceUid, queries, signal);
}

/**
 * The replay of the SLOs now (decisions/replay.ts), or why it failed: a failure of the raw queries
 * leaves the recorded figures standing. An abort is rethrown.
 */
async function replayNow(
  slos: Slo[],
  settings: AppSettings,
  signal?: AbortSignal
): Promise<{ replay?: Replay; error?: string }> {
  try {
    const replay = await readReplay(slos, Math.floor(Date.now() / 1000), datasourceRunner(settings.datasourceUid), {
      signal,
    });
    return { replay };
  } catch (error) {
    if (signal?.aborted) {
      throw error;
    }
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * The SLOs the replay takes as recorded but whose recorded budget is missing now (a gap in the recording,
 * such as the minutes after Prometheus restarts, before the next roll-up), read from raw data instead, so a
 * calendar window, which has no fallback of its own, does not show "no data". A failure keeps the replay.
 */
async function withRawWhereUnrecorded(
  replay: Replay,
  slos: Slo[],
  rows: OverviewRow[],
  settings: AppSettings,
  signal?: AbortSignal
): Promise<Replay> {
  const missing = new Set(rows.filter((r) => r.budgetRemaining === undefined).map((r) => r.slo.uid));
  const recorded = new Set(replay.plans.filter((p) => p.source === 'recorded').map((p) => p.sloUid));
  const gaps = slos.filter((s) => missing.has(s.uid) && recorded.has(s.uid));
  if (gaps.length === 0) {
    return replay;
  }
  try {
    const raw = await readReplay(gaps, replay.at, datasourceRunner(settings.datasourceUid), { signal, rawOnly: true });
    const replaced = new Set(gaps.map((s) => s.uid));
    return {
      ...replay,
      plans: [...replay.plans.filter((p) => !replaced.has(p.sloUid)), ...raw.plans],
      figures: new Map([...replay.figures, ...raw.figures]),
    };
  } catch (error) {
    if (signal?.aborted) {
      throw error;
    }
    return replay;
  }
}

const BURN_WINDOWS = [
  ['1h', 3600],
  ['6h', 21600],
  ['1d', 86400],
] as const;

/**
 * The 1h, 6h and 1d error ratios, from raw data, of the SLOs without recorded 5m rates over the last hour (rules
 * not running, or not yet for an hour): one instant query per window for all of them, none when every SLO has
 * recorded rates. A failure leaves their burn rates unknown, as before.
 */
async function rawBurnErrorRatios(
  slos: readonly Slo[],
  recorded1h: readonly InstantSampleLike[],
  settings: AppSettings,
  signal?: AbortSignal
): Promise<Record<'1h' | '6h' | '1d', InstantSampleLike[]>> {
  const have = new Set(recorded1h.map((s) => s.labels[SLO_LABELS.uid]));
  const missing = slos
    .filter((s) => !have.has(s.uid))
    .map((s) => ({ ...s, evaluationInterval: settings.evaluationInterval }));
  const none = { '1h': [], '6h': [], '1d': [] };
  if (missing.length === 0) {
    return none;
  }
  try {
    const answers = await queryInstant(
      settings.datasourceUid,
      BURN_WINDOWS.flatMap(([w, seconds]) =>
        batchQueries(`RAW${w}`, joinWithin(rawErrorRatioParts(missing, seconds), ' or '))
      ),
      signal
    );
    return {
      '1h': batchAnswers(answers, 'RAW1h'),
      '6h': batchAnswers(answers, 'RAW6h'),
      '1d': batchAnswers(answers, 'RAW1d'),
    };
  } catch (error) {
    if (signal?.aborted) {
      throw error;
    }
    return none;
  }
}

/**
 * Budget remaining, SLI, 1h burn rate, status, firing alerts and window events of many SLOs, as the overview and
 * the list show them: each SLO read on its own datasource, in one instant query per metric for all the SLOs of a
 * datasource (never one per SLO). A datasource that fails leaves its own SLOs without figures and is named in
 * `failures`. `onRecorded` gets the recorded figures of every datasource at once, before the raw reads of the
 * replay; no datasource starts those before every datasource has answered for its recorded figures (on one
 * machine or one Mimir, a replay under way slows the others' answers, which every row waits for). `signal`
 * cancels the queries.
 */
export async function loadLiveNumbers(
  slos: Slo[],
  settings: AppSettings,
  signal?: AbortSignal,
  onRecorded?: (numbers: LiveNumbers) => void
): Promise<LiveNumbers> {
  const recorded = new Map<string, LiveNumbers>();
  // The SLOs of no datasource ('') are never read: only the others are waited for.
  let pending = [...groupByDatasource(slos, settings.datasourceUid).keys()].filter((uid) => uid !== '').length;
  let failed: DatasourceFailure[] = [];
  let everyRecorded: () => void = () => undefined;
  const recordedEverywhere = new Promise<void>((resolve) => (everyRecorded = resolve));
  const merged = (parts: Map<string, LiveNumbers>) =>
    mergeLiveNumbers(slos, [...parts.values()], failed, settings.teamLabel);
  const recordedOnce = (uid: string, numbers?: LiveNumbers) => {
    if (numbers) {
      recorded.set(uid, numbers);
    }
    if (--pending === 0) {
      if (onRecorded && recorded.size > 0) {
        onRecorded(merged(recorded));
      }
      everyRecorded();
    }
  };
  const { answers, failures } = await readByDatasource(
    slos,
    settings.datasourceUid,
    async (datasourceUid, group) => {
      let reported = false;
      try {
        return await loadOnDatasource(
          group,
          { ...settings, datasourceUid },
          signal,
          (numbers) => {
            reported = true;
            recordedOnce(datasourceUid, numbers);
          },
          recordedEverywhere
        );
      } finally {
        if (!reported) {
          recordedOnce(datasourceUid);
        }
      }
    },
    signal
  );
  failed = failures;
  return mergeLiveNumbers(
    slos,
    answers.map((a) => a.answer),
    failures,
    settings.teamLabel
  );
}

/**
 * The figures of each datasource as one, the least budget first: SLOs of no answer (a failed datasource, or
 * none configured) get rows without figures.
 */
function mergeLiveNumbers(
  slos: Slo[],
  parts: LiveNumbers[],
  failures: DatasourceFailure[],
  teamLabel: string
): LiveNumbers {
  if (parts.length === 1 && failures.length === 0 && parts[0].rows.length === slos.length) {
    return parts[0];
  }
  const answered = parts.flatMap((p) => p.rows);
  const have = new Set(answered.map((row) => row.slo.uid));
  const missing = buildOverviewRows(
    slos.filter((s) => !have.has(s.uid)),
    [],
    [],
    teamLabel
  );
  const replayErrors = parts.flatMap((p) => (p.replayError !== undefined ? [p.replayError] : []));
  return {
    rows: leastBudgetFirst([...answered, ...missing]),
    firing: new Map(parts.flatMap((p) => [...p.firing])),
    windowEvents: new Map(parts.flatMap((p) => [...p.windowEvents])),
    ...(replayErrors.length > 0 && { replayError: replayErrors.join('; ') }),
    ...(failures.length > 0 && { failures }),
  };
}

/** loadLiveNumbers for the SLOs of one datasource, `settings.datasourceUid`. */
async function loadOnDatasource(
  slos: Slo[],
  settings: AppSettings,
  signal: AbortSignal | undefined,
  onRecorded: (numbers: LiveNumbers) => void,
  /** When the replay's raw reads may start: every datasource has answered for its recorded figures. */
  replayMayStart: Promise<void>
): Promise<LiveNumbers> {
  const uids = slos.map((s) => s.uid);
  if (settings.datasourceUid === '' || uids.length === 0) {
    return { rows: buildOverviewRows(slos, [], [], settings.teamLabel), firing: new Map(), windowEvents: new Map() };
  }
  const windows = [...uidsByRollingWindow(slos)];
  // One query per metric for all the SLOs, split by size where a thousand uids would make it too long.
  const perMetric: Array<[string, readonly string[], (batch: readonly string[]) => string]> = [
    ['BUDGET', uids, batchBudgetRemainingExpr],
    ['ERROR1H', uids, (batch) => batchErrorRatioExpr(batch, '1h')],
    ['ERROR6H', uids, (batch) => batchErrorRatioExpr(batch, '6h')],
    ['ERROR1D', uids, (batch) => batchErrorRatioExpr(batch, '1d')],
    ['FIRING', uids, batchFiringAlertsExpr],
    ['EVENTS', uids, (batch) => batchWindowSumExpr(SLO_METRICS.eventsWindow, batch)],
    ['BADEVENTS', uids, (batch) => batchWindowSumExpr(SLO_METRICS.badEventsWindow, batch)],
    ...windows.map(([window, windowUids], i): [string, readonly string[], (batch: readonly string[]) => string] => [
      `WINDOW${i}`,
      windowUids,
      (batch) => batchErrorRatioExpr(batch, window),
    ]),
  ];
  const answers = await queryInstant(
    settings.datasourceUid,
    perMetric.flatMap(([refId, metricUids, build]) => batchQueries(refId, batchesWithin(metricUids, build))),
    signal
  );
  const results = Object.fromEntries(perMetric.map(([refId]) => [refId, batchAnswers(answers, refId)]));
  const windowErrors = windows.flatMap((_, i) => results[`WINDOW${i}`] ?? []);
  const firing = new Map<string, number>();
  for (const sample of results.FIRING ?? []) {
    const uid = sample.labels[SLO_LABELS.uid];
    if (uid !== undefined && Number.isFinite(sample.value)) {
      firing.set(uid, sample.value);
    }
  }
  const rows = buildOverviewRows(slos, results.BUDGET ?? [], results.ERROR1H ?? [], settings.teamLabel, windowErrors, {
    '6h': results.ERROR6H ?? [],
    '1d': results.ERROR1D ?? [],
  });
  const windowEvents = windowEventsByObjective(results.EVENTS ?? [], results.BADEVENTS ?? []);
  // The recorded figures show at once; the raw reads of the replay, which take longer, fill in after. They
  // start only now: with many SLOs they keep the datasource busy, and the recorded figures come first.
  onRecorded({ rows, firing, windowEvents });
  await replayMayStart;
  // Building the raw reads of a thousand SLOs takes the main thread for seconds: paint the rows first.
  await afterPaint();
  const [{ replay: planned, error }, rawErrors] = await Promise.all([
    replayNow(slos, settings, signal),
    rawBurnErrorRatios(slos, results.ERROR1H ?? [], settings, signal),
  ]);
  const replay = planned && (await withRawWhereUnrecorded(planned, slos, rows, settings, signal));
  // Burn rates from raw data where no rates are recorded; the recorded ones where they are.
  const burnRows =
    rawErrors['1h'].length + rawErrors['6h'].length + rawErrors['1d'].length === 0
      ? rows
      : buildOverviewRows(
          slos,
          results.BUDGET ?? [],
          [...(results.ERROR1H ?? []), ...rawErrors['1h']],
          settings.teamLabel,
          windowErrors,
          {
            '6h': [...(results.ERROR6H ?? []), ...rawErrors['6h']],
            '1d': [...(results.ERROR1D ?? []), ...rawErrors['1d']],
          }
        );
  return {
    rows: replay ? withReplay(burnRows, replay) : burnRows,
    firing,
    windowEvents: replay ? withReplayedEvents(windowEvents, replay) : windowEvents,
    ...(error !== undefined && { replayError: error }),
  };
}
