import type { MaintenanceWindow, Slo } from '../slo/types';
import { occurrencesBetween } from '../slo/maintenance';
import type { VectorSelector } from '../promql/parse';
import { formatSelector } from '../promql/format';
import { SLO_LABELS, type CounterRole } from '../promql/slo';
import { counterSelectors } from '../promql/sli';
import { replaysCounters, type CounterSelection, type Span } from '../promql/replay';
import {
  COUNTER_READ_LABEL,
  counterReadExpr,
  refines,
  RESETS_PART,
  seriesSelector,
  valuePart,
} from '../promql/replayCounters';
import type { LabelledValue } from './serviceReadings';
import type { ObjectivePlan } from './replay';

/**
 * The raw part of the replay of SLIs on counters at the cost of one read of each counter, as a Pyrra-style
 * `increase(x[window])` reads it, in two rounds:
 *
 * 1. One query per counter selector for every objective that needs the raw data (promql/replayCounters.ts):
 *    the resets of each series over all their raw spans and a lookback before, and the value of each
 *    series at each span end.
 * 2. A series without a reset there, with a value at both ends of each span (the raw part outside
 *    maintenance windows), is counted here as the sum over the spans of (value at the end − value at the
 *    start). This is exactly what the tile arithmetic of the rules gives it: each tile is its counter minus
 *    its value a tile earlier (no reset, a value a tile ago), and consecutive tiles telescope to the
 *    difference of the ends; the maintenance tiles leave out the counter's rise between a window's ends,
 *    which the spans leave out too. Where a series had a gap of more than the lookback inside a span the
 *    tiles would have used `increase()` across it, which extrapolates; the difference counts the events
 *    of the gap exactly, as a monotonic counter holds them. The resets are read from a lookback before
 *    the span, where the value at its start may come from, so a reset right after that sample is seen.
 *    Every other series (a reset, a new series, one that ended, one seen at no span end) is read in the
 *    second request with the tile arithmetic as before, one selector per series (all its labels equal,
 *    the other label names of the read empty, so no other series matches), or through the whole selector
 *    where more than MAX_SERIES_APART series, or more than half of them, need it.
 */

/** Above this many series of a selector that need the tile arithmetic, the whole selector is read so. */
export const MAX_SERIES_APART = 20;
/**
 * And above this share of the selector's series: one expression over the whole selector then costs less
 * than as many expressions of one series each (on a Prometheus younger than the window every series is new,
 * and the replay reads as it did before counters were counted apart).
 */
export const MAX_SHARE_APART = 0.5;

/** One counter read: a base selector and those that refine it, for the objectives that read them. */
export interface CounterRead {
  refId: string;
  /** The base first. */
  selectors: VectorSelector[];
  instants: number[];
  from: number;
  to: number;
}

/** A span less the maintenance windows inside it (SLIs on counters: their edges are counted exactly). */
export function spansOutsideMaintenance(
  span: Span,
  slo: { maintenance?: Slo['maintenance'] | readonly MaintenanceWindow[] }
): Span[] {
  const out: Span[] = [];
  let from = span.from;
  for (const o of occurrencesBetween(slo.maintenance ?? [], span.from, span.to)) {
    if (o.startSeconds > from) {
      out.push({ from, to: Math.min(o.startSeconds, span.to) });
    }
    from = Math.max(from, o.endSeconds);
  }
  if (span.to > from) {
    out.push({ from, to: span.to });
  }
  return out;
}

/** The raw spans of a planned objective on counters (its raw part outside maintenance); undefined otherwise. */
export function counterSpans(plan: ObjectivePlan): Span[] | undefined {
  const query = plan.query;
  if (!query || !replaysCounters(query.slo)) {
    return undefined;
  }
  const to = plan.split ?? plan.at;
  return to > plan.from ? spansOutsideMaintenance({ from: plan.from, to }, query.slo) : [];
}

function roles(plan: ObjectivePlan): Array<[CounterRole, VectorSelector]> {
  const counters = plan.query ? counterSelectors(plan.query.slo.indicator) : undefined;
  if (!counters) {
    return [];
  }
  return (['total', 'good', 'bad'] as const).flatMap((role) => {
    const selector = counters[role];
    return selector ? [[role, selector] as [CounterRole, VectorSelector]] : [];
  });
}

export const COUNTER_READ_REF = 'REPLAY_COUNTERS_';

/**
 * The counter reads of the planned objectives: one per base selector, a selector refining another read
 * with it. Only the objectives whose raw part is read and whose SLI is on counters.
 */
export function planCounterReads(plans: readonly ObjectivePlan[]): CounterRead[] {
  const distinct = new Map<string, VectorSelector>();
  for (const plan of plans) {
    if ((counterSpans(plan) ?? []).length > 0) {
      for (const [, selector] of roles(plan)) {
        distinct.set(formatSelector(selector), selector);
      }
    }
  }
  const reads: CounterRead[] = [];
  for (const selector of [...distinct.values()].sort((a, b) => a.matchers.length - b.matchers.length)) {
    const base = reads.find((r) => refines(selector, r.selectors[0]));
    if (base) {
      base.selectors.push(selector);
    } else {
      reads.push({ refId: `${COUNTER_READ_REF}${reads.length}`, selectors: [selector], instants: [], from: 0, to: 0 });
    }
  }
  for (const read of reads) {
    const instants = new Set<number>();
    const spans = plans.flatMap((plan) =>
      roles(plan).some(([, s]) => read.selectors.some((r) => formatSelector(r) === formatSelector(s)))
        ? (counterSpans(plan) ?? [])
        : []
    );
    for (const span of spans) {
      instants.add(span.from);
      instants.add(span.to);
    }
    read.instants = [...instants].sort((a, b) => a - b);
    read.from = Math.min(...spans.map((s) => s.from));
    read.to = Math.max(...spans.map((s) => s.to));
  }
  return reads;
}

/** The queries of the counter reads. */
export function counterReadQueries(reads: readonly CounterRead[]): Array<{ refId: string; expr: string }> {
  return reads.map((r) => ({ refId: r.refId, expr: counterReadExpr(r.selectors, r.instants, r.from, r.to) }));
}

/** One series of a counter read: its labels, its resets and its values by part. */
interface ReadSeries {
  labels: Record<string, string>;
  resets?: number;
  values: Map<string, number>;
}

function seriesOf(samples: readonly LabelledValue[]): { series: ReadSeries[]; names: string[] } {
  const byKey = new Map<string, ReadSeries>();
  const names = new Set<string>();
  for (const sample of samples) {
    const part = sample.labels[COUNTER_READ_LABEL];
    const labels = Object.fromEntries(
      Object.entries(sample.labels).filter(([name]) => name !== COUNTER_READ_LABEL && name !== '__name__')
    );
    Object.keys(labels).forEach((name) => names.add(name));
    const key = JSON.stringify(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    const series = byKey.get(key) ?? { labels, values: new Map<string, number>() };
    if (part === RESETS_PART) {
      series.resets = sample.value;
    } else if (part !== undefined) {
      series.values.set(part, sample.value);
    }
    byKey.set(key, series);
  }
  return { series: [...byKey.values()], names: [...names].sort() };
}

/** The counts of the series counted by difference, by objective and group, as the replay queries label them. */
export interface CounterCounts {
  /** By plan index: the series each role still reads in PromQL. */
  selections: Map<number, CounterSelection>;
  totals: LabelledValue[];
  bads: LabelledValue[];
  /** How many series were left to the tile arithmetic one by one, and how many selectors whole. */
  apart: number;
  whole: number;
}

/**
 * Splits the series of every planned objective on counters: those counted here by difference (their
 * counts, by objective and group) and those whose raw part the replay queries still read (by plan index).
 */
export function countCounters(
  plans: readonly ObjectivePlan[],
  reads: readonly CounterRead[],
  answers: Readonly<Record<string, LabelledValue[] | undefined>>
): CounterCounts {
  const read = reads.map((r) => ({ ...r, ...seriesOf(answers[r.refId] ?? []) }));
  const selections = new Map<number, CounterSelection>();
  const totals: LabelledValue[] = [];
  const bads: LabelledValue[] = [];
  let apartCount = 0;
  let whole = 0;
  plans.forEach((plan, index) => {
    const spans = counterSpans(plan);
    if (spans === undefined || plan.query === undefined) {
      return;
    }
    const by = plan.query.slo.indicator.groupBy;
    const counters = counterSelectors(plan.query.slo.indicator)!;
    const selection: CounterSelection = {};
    for (const [role, selector] of roles(plan)) {
      const key = formatSelector(selector);
      const base = read.find((r) => r.selectors.some((s) => formatSelector(s) === key));
      if (!base || spans.length === 0) {
        selection[role] = [];
        continue;
      }
      const member = base.selectors.findIndex((s) => formatSelector(s) === key);
      const at = (t: number) => base.instants.indexOf(t);
      const counted: Array<{ labels: Record<string, string>; value: number }> = [];
      const apart: ReadSeries[] = [];
      for (const series of base.series) {
        // Labels decide membership, whatever the instant: a series the base has at an instant is the
        // selector's if the selector has it there too.
        const seen = base.instants.map((_, j) => series.values.has(valuePart(0, j)));
        const mine = base.instants.map((_, j) => series.values.has(valuePart(member, j)));
        if (seen.some((s, j) => s && !mine[j])) {
          continue;
        }
        let value: number | undefined = series.resets === 0 ? 0 : undefined;
        for (const span of spans) {
          const from = series.values.get(valuePart(member, at(span.from)));
          const to = series.values.get(valuePart(member, at(span.to)));
          value =
            value !== undefined && from !== undefined && to !== undefined && to >= from ? value + to - from : undefined;
        }
        if (value === undefined) {
          apart.push(series);
        } else {
          counted.push({ labels: series.labels, value });
        }
      }
      if (apart.length > MAX_SERIES_APART || apart.length > MAX_SHARE_APART * (apart.length + counted.length)) {
        selection[role] = [selector];
        whole += 1;
        continue;
      }
      apartCount += apart.length;
      selection[role] = apart.map((s) => seriesSelector(selector, s.labels, base.names));
      for (const { labels, value } of counted) {
        const sample = { labels: objectiveLabels(plan, by, labels), value };
        if (role === 'total') {
          totals.push(sample);
        }
        if (role === 'bad' || (role === 'total' && !counters.bad)) {
          bads.push(sample);
        }
        if (role === 'good') {
          bads.push({ ...sample, value: -value });
        }
      }
    }
    selections.set(index, selection);
  });
  return { selections, totals, bads, apart: apartCount, whole };
}

function objectiveLabels(plan: ObjectivePlan, by: readonly string[], labels: Record<string, string>) {
  return {
    ...Object.fromEntries(by.flatMap((name) => (labels[name] ? [[name, labels[name]]] : []))),
    [SLO_LABELS.uid]: plan.sloUid,
    [SLO_LABELS.window]: plan.window,
  };
}

/**
 * The counts of the replay queries and of the series counted here, summed by objective and group; the
 * bad events of a good-based SLI (total − good) clamped at 0 in each group, as the tiles are.
 */
export function mergeCounts(
  plans: readonly ObjectivePlan[],
  parts: ReadonlyArray<readonly LabelledValue[]>,
  clampBad: boolean
): LabelledValue[] {
  const goodBased = new Set(
    plans.flatMap((p) => {
      const counters = p.query && replaysCounters(p.query.slo) ? counterSelectors(p.query.slo.indicator) : undefined;
      return counters && !counters.bad ? [`${p.sloUid}\u0000${p.window}`] : [];
    })
  );
  const sums = new Map<string, LabelledValue>();
  for (const sample of parts.flat()) {
    if (!Number.isFinite(sample.value)) {
      continue;
    }
    const key = JSON.stringify(Object.entries(sample.labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    const sum = sums.get(key);
    sums.set(key, { labels: sample.labels, value: (sum?.value ?? 0) + sample.value });
  }
  return [...sums.values()].map((s) =>
    clampBad && goodBased.has(`${s.labels[SLO_LABELS.uid]}\u0000${s.labels[SLO_LABELS.window]}`)
      ? { ...s, value: Math.max(s.value, 0) }
      : s
  );
}
