import type { Slo } from '../../slo/types';
import { batchAnswers } from '../../promql/batches';
import { sloAt } from '../../slo/phases';
import { windowToText } from '../../slo/values';
import { rawErrorRatioExpr } from '../../promql/replay';
import { SLO_LABELS, TILES } from '../../promql/slo';
import {
  combineReplay,
  planSpan,
  readFirstTiles,
  REPLAY_BAD_REF,
  REPLAY_TOTAL_REF,
  replayQueries,
  type FigureSource,
  type ObjectivePlan,
  type ReplayedFigure,
  type ReplayRunner,
} from '../replay';
import type { LabelledValue } from '../serviceReadings';
import type { EventCounts } from './events';
import { formatUtc, rangeQueryWindow, type RangeQueryWindow, type ReportRange } from './ranges';
import type { LabelledSeries } from './series';

/**
 * Replay in the report: the events of each period (the report's and the three before) of an SLO whose
 * rules did not record the whole period, from the raw source series (no tile at all) or stitched exactly
 * from the raw series before the rules' first tile and the recorded tiles after it (decisions/replay.ts
 * plans both). Its bad periods then come from the raw 5m rates. Needs the SLOs' definitions.
 */

/** The key of the report's own period; the periods before are `before0` (oldest) to `before2`. */
export const REPORT_PERIOD = 'report';

export function previousPeriodKey(index: number): string {
  return `before${index}`;
}

/** What the replay read: figures by objectiveKey(uid, period key), and the raw error ratios of the report's range. */
export interface ReportReplay {
  /** Replayed (not recorded) periods only; a period without traffic has a figure without events. */
  figures: Map<string, ReplayedFigure>;
  /** The SLOs whose own period was replayed, each with its raw error ratio series (below). */
  errorRatios: LabelledSeries[];
  /** One `slo:objective:ratio`-like reading per objective of the SLOs given, for SLOs without recorded series. */
  objectives: LabelledValue[];
}

/** The events of a replayed figure in the shape of the report's; undefined without traffic. */
export function replayedCounts(figure: ReplayedFigure | undefined): EventCounts | undefined {
  return figure?.events === undefined || !(figure.events > 0)
    ? undefined
    : { total: figure.events, bad: figure.badEvents ?? 0, source: figure.source };
}

/**
 * The plan of each period of each SLO, keyed by period, given the oldest tile of each SLO's rules: as
 * planSpan, the SLO as in force at each period's end. `previous`: oldest first.
 */
export function planReportReplay(
  slos: readonly Slo[],
  range: ReportRange,
  previous: readonly ReportRange[],
  firstTiles: ReadonlyMap<string, number>,
  evaluationInterval?: string
): ObjectivePlan[] {
  const periods = [{ key: REPORT_PERIOD, range }, ...previous.map((r, i) => ({ key: previousPeriodKey(i), range: r }))];
  return slos.flatMap((slo) =>
    periods.map(({ key, range: r }) => {
      const at = r.to.getTime() / 1000;
      return planSpan(
        sloAt(slo, at),
        { window: key, from: r.from.getTime() / 1000, at },
        firstTiles.get(slo.uid),
        evaluationInterval
      );
    })
  );
}

/** The objectives of the SLOs as the recorded `slo:objective:ratio` series would give them at `at`. */
export function definedObjectives(slos: readonly Slo[], at: number): LabelledValue[] {
  return slos.flatMap((stored) => {
    const slo = sloAt(stored, at);
    return slo.objectives.map((o) => ({
      labels: {
        [SLO_LABELS.uid]: slo.uid,
        [SLO_LABELS.name]: slo.name,
        [SLO_LABELS.service]: slo.service,
        [SLO_LABELS.window]: windowToText(o.window),
      },
      value: Number(o.target),
    }));
  });
}

/**
 * Reads the replay of the report: the first tiles (one or two instant queries), the raw and stitched
 * events of every period not recorded (two instant queries, for all SLOs and periods together), and the
 * raw error ratio over the report's range of the SLOs whose own period was not recorded (one range query).
 */
export async function readReportReplay(
  slos: readonly Slo[],
  range: ReportRange,
  previous: readonly ReportRange[],
  source: {
    instant(expr: string): Promise<LabelledValue[]>;
    range(expr: string, window: RangeQueryWindow): Promise<LabelledSeries[]>;
  },
  evaluationInterval?: string
): Promise<ReportReplay> {
  const objectives = definedObjectives(slos, range.to.getTime() / 1000);
  if (slos.length === 0) {
    return { figures: new Map(), errorRatios: [], objectives };
  }
  const run: ReplayRunner = async (queries) => {
    const answers = await Promise.all(queries.map((q) => source.instant(q.expr)));
    return Object.fromEntries(queries.map((q, i) => [q.refId, answers[i]]));
  };
  const at = range.to.getTime() / 1000;
  const earliest = Math.min(...[range, ...previous].map((r) => r.from.getTime() / 1000));
  // Two hour tiles before the earliest period: a recorded period needs a tile a tile before its start.
  const firstTiles = await readFirstTiles(slos, at, at - earliest + 2 * TILES.hour.seconds, run);
  const plans = planReportReplay(slos, range, previous, firstTiles, evaluationInterval);
  const queries = replayQueries(plans);
  const replayedNow = plans.flatMap((p) => (p.window === REPORT_PERIOD && p.query ? [p.query.slo] : []));
  const window = rangeQueryWindow(range);
  const ratioExpr = rawErrorRatioExpr(replayedNow, window.stepSeconds);
  const [answers, errorRatios] = await Promise.all([
    queries.length > 0 ? run(queries) : Promise.resolve({} as Record<string, LabelledValue[]>),
    ratioExpr === undefined ? Promise.resolve([]) : source.range(ratioExpr, window),
  ]);
  return {
    figures: combineReplay(plans, batchAnswers(answers, REPLAY_TOTAL_REF), batchAnswers(answers, REPLAY_BAD_REF)),
    errorRatios,
    objectives,
  };
}

/** The words of a report's figure that did not come from the recorded series alone: a marker and a sentence. */
export function describeReportSource(
  source: FigureSource | undefined,
  period: string,
  recordedSince?: number
): { marker: string; detail: string } | undefined {
  switch (source) {
    case 'raw':
      return {
        marker: 'from raw data',
        detail:
          `Counted from the raw source series over ${period}: its rules recorded nothing of it` +
          (recordedSince !== undefined ? ` (they record since ${formatUtc(new Date(recordedSince * 1000))} UTC)` : '') +
          '. Bad periods from the raw 5m rates.',
      };
    case 'stitched':
      return {
        marker: 'raw + recorded',
        detail:
          `From raw data until its rules started` +
          (recordedSince !== undefined ? ` (${formatUtc(new Date(recordedSince * 1000))} UTC)` : '') +
          `, the recorded tiles after, over ${period}. Bad periods from the raw 5m rates.`,
      };
    default:
      return undefined;
  }
}
