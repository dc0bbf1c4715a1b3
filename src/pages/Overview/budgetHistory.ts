import { queryRange } from '../../api/query';
import { SLO_LABELS } from '../../promql/slo';
import { rawStepEventsExprs } from '../../promql/replay';
import { DEFAULT_EVALUATION_INTERVAL } from '../../rules/build';
import { budgetHistoryFromSteps, longestWindowSeconds, stitchHistory } from '../../decisions/replayHistory';
import type { Slo } from '../../slo/types';
import { windowToText } from '../../slo/values';
import { batchBudgetRemainingExpr } from '../../promql/views';
import { readByDatasource } from '../../api/byDatasource';

/** Budget remaining over time of every SLO, by `slo_uid` and `slo_window`: [time in ms, value] points. */
export type BudgetHistory = Map<string, Array<[number, number]>>;

export function historyKey(sloUid: string, window: string): string {
  return `${sloUid}\u0000${window}`;
}

/**
 * One range query for all SLOs (the overview's sparklines), through the datasource's query(); `signal`
 * cancels it.
 */
export async function queryBudgetHistory(
  datasourceUid: string,
  expr: string,
  from: string,
  { maxDataPoints = 60, signal }: { maxDataPoints?: number; signal?: AbortSignal } = {}
): Promise<BudgetHistory> {
  const { H = [] } = await queryRange(
    datasourceUid,
    [{ refId: 'H', expr }],
    { from, to: 'now', maxDataPoints },
    signal
  );
  return new Map(
    H.map(({ labels, points }) => [historyKey(labels[SLO_LABELS.uid] ?? '', labels[SLO_LABELS.window] ?? ''), points])
  );
}

export interface RawHistoryOptions {
  shownSeconds: number;
  evaluationInterval?: string;
  nowMs?: number;
  signal?: AbortSignal;
}

/** Points of a sparkline: the step of the raw history is the shown range over this, on 5 minute multiples. */
const SPARK_POINTS = 60;

/**
 * The sparklines of the SLOs whose recorded budget history does not reach back over the shown range (rules
 * that started later, or a history backfilled over its last hours only), from raw data: one range query per
 * metric for all of them, at a step of a sixtieth of the range, over the range and one window before it
 * (about 120 points a series); raw points before the first recorded one. A failure keeps the recorded history.
 */
export async function withRawHistory(
  slos: readonly Slo[],
  history: BudgetHistory,
  datasourceUid: string,
  options: RawHistoryOptions
): Promise<BudgetHistory> {
  const now = options.nowMs ?? Date.now();
  const step = Math.max(1, Math.ceil(options.shownSeconds / SPARK_POINTS / 300)) * 300;
  const shownFrom = now - options.shownSeconds * 1000;
  // Missing: fewer than two points, or none in the first two steps of the range.
  const missing = slos.filter((slo) =>
    slo.objectives.some((o) => {
      const points = (history.get(historyKey(slo.uid, windowToText(o.window))) ?? []).filter(([, v]) =>
        Number.isFinite(v)
      );
      return points.length < 2 || points[0][0] > shownFrom + 2 * step * 1000;
    })
  );
  const exprs = rawStepEventsExprs(
    missing.map((s) => ({ ...s, evaluationInterval: options.evaluationInterval ?? DEFAULT_EVALUATION_INTERVAL })),
    step
  );
  if (!exprs) {
    return history;
  }
  try {
    const { T = [], B = [] } = await queryRange(
      datasourceUid,
      [
        { refId: 'T', expr: exprs.total },
        { refId: 'B', expr: exprs.bad },
      ],
      { from: shownFrom - longestWindowSeconds(missing) * 1000, to: now, stepSeconds: step },
      options.signal
    );
    const raw = budgetHistoryFromSteps(missing, T, B, shownFrom);
    const out = new Map(history);
    for (const [key, points] of raw) {
      out.set(key, stitchHistory(points, history.get(key)));
    }
    return out;
  } catch (error) {
    if (options.signal?.aborted) {
      throw error;
    }
    return history;
  }
}

/**
 * The recorded budget history of SLOs on several datasources: one range query per datasource for all its SLOs.
 * A datasource that fails leaves its SLOs without sparklines (the figures say it failed).
 */
export async function recordedHistoryByDatasource(
  slos: readonly Slo[],
  defaultUid: string,
  from: string,
  signal?: AbortSignal
): Promise<BudgetHistory> {
  const { answers } = await readByDatasource(
    slos,
    defaultUid,
    (uid, group) => queryBudgetHistory(uid, batchBudgetRemainingExpr(group.map((s) => s.uid)), from, { signal }),
    signal
  );
  return new Map(answers.flatMap(({ answer }) => [...answer]));
}

/** withRawHistory for SLOs on several datasources, each SLO's raw data read on its own datasource. */
export async function rawHistoryByDatasource(
  slos: readonly Slo[],
  history: BudgetHistory,
  defaultUid: string,
  options: RawHistoryOptions
): Promise<BudgetHistory> {
  const { answers } = await readByDatasource(
    slos,
    defaultUid,
    (uid, group) => withRawHistory(group, history, uid, options),
    options.signal
  );
  const out = new Map(history);
  for (const { slos: group, answer } of answers) {
    // Each answer holds the whole history it was given: take only its own SLOs' series from it.
    for (const slo of group) {
      for (const objective of slo.objectives) {
        const key = historyKey(slo.uid, windowToText(objective.window));
        const points = answer.get(key);
        if (points) {
          out.set(key, points);
        }
      }
    }
  }
  return out;
}
