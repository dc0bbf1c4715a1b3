import type { Slo } from '../slo/types';
import { errorBudgetRatio } from '../slo/budget';
import { sloAt } from '../slo/phases';
import { windowSeconds, windowToText } from '../slo/values';
import { SLO_LABELS } from '../promql/slo';
import { objectiveKey, windowStart } from './replay';

/**
 * A budget history (the overview's sparklines) from raw data, where the recorded one is missing: the raw
 * events of each step of a range query (promql/replay.ts rawStepEventsExprs) summed over each objective's
 * window at each step. Pure.
 */

/** A series of a range query: [time in ms, value] points, oldest first. */
export interface StepSeries {
  labels: Record<string, string>;
  points: Array<[number, number]>;
}

/** Points by objectiveKey(uid, window). */
export type HistoryPoints = Map<string, Array<[number, number]>>;

function byUid(series: readonly StepSeries[]): Map<string, Map<number, number>> {
  const out = new Map<string, Map<number, number>>();
  for (const s of series) {
    const uid = s.labels[SLO_LABELS.uid];
    if (uid === undefined) {
      continue;
    }
    const points = out.get(uid) ?? new Map<number, number>();
    for (const [t, v] of s.points) {
      if (Number.isFinite(v)) {
        points.set(t, (points.get(t) ?? 0) + v);
      }
    }
    out.set(uid, points);
  }
  return out;
}

/**
 * The budget remaining of each objective of the SLOs at every step from `shownFromMs` on: the events of the
 * steps ending in its window (t − W, t] (a calendar window: from the start of its period), against the
 * target in force at t; no point where the window had no traffic. A window reaching before the first step
 * counts what there is, as rules that started late do. Each step holds the events of (t − step, t].
 */
export function budgetHistoryFromSteps(
  slos: readonly Slo[],
  totals: readonly StepSeries[],
  bads: readonly StepSeries[],
  shownFromMs: number
): HistoryPoints {
  const total = byUid(totals);
  const bad = byUid(bads);
  const out: HistoryPoints = new Map();
  for (const stored of slos) {
    const steps = [...(total.get(stored.uid) ?? new Map<number, number>()).entries()].sort((a, b) => a[0] - b[0]);
    const badSteps = bad.get(stored.uid) ?? new Map<number, number>();
    stored.objectives.forEach((objective, index) => {
      const points: Array<[number, number]> = [];
      for (const [t] of steps) {
        if (t < shownFromMs) {
          continue;
        }
        const slo = sloAt(stored, t / 1000);
        const target = slo.objectives[index]?.target ?? objective.target;
        const from = windowStart(objective.window, t / 1000) * 1000;
        let events = 0;
        let badEvents = 0;
        for (const [time, value] of steps) {
          if (time > from && time <= t) {
            events += value;
            badEvents += badSteps.get(time) ?? 0;
          }
        }
        if (events > 0) {
          points.push([t, 1 - Math.max(0, badEvents) / events / errorBudgetRatio(target)]);
        }
      }
      out.set(objectiveKey(stored.uid, windowToText(objective.window)), points);
    });
  }
  return out;
}

/** The longest window of the SLOs in seconds, a calendar month as 31 days. */
export function longestWindowSeconds(slos: readonly Slo[]): number {
  return Math.max(
    0,
    ...slos.flatMap((s) =>
      s.objectives.map((o) =>
        o.window.kind === 'calendar' ? (o.window.unit === 'month' ? 31 : 7) * 86400 : windowSeconds(o.window)
      )
    )
  );
}

/**
 * Raw points before the first recorded one, then the recorded ones: where the rules started within the
 * range, the line runs from raw data into the recorded figures.
 */
export function stitchHistory(
  raw: ReadonlyArray<[number, number]>,
  recorded: ReadonlyArray<[number, number]> | undefined
): Array<[number, number]> {
  const kept = (recorded ?? []).filter(([, v]) => Number.isFinite(v));
  const first = kept[0]?.[0] ?? Infinity;
  return [...raw.filter(([t]) => t < first), ...kept];
}
