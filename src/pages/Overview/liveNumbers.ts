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
import { buildOverviewRows, uidsByRollingWindow, type OverviewRow } from './overviewRows';
import { windowEventsByObjective, type WindowEvents } from './combinedRows';

export interface LiveNumbers {
  rows: OverviewRow[];
  /** Firing alerts per SLO uid (SLOs without any are absent). */
  firing: Map<string, number>;
  /** Events and bad events over each objective's window, for the combined figures. */
  windowEvents: WindowEvents;
}

/**
 * Budget remaining, SLI, 1h burn rate, status, firing alerts and window events of many SLOs, in one instant query per
 * metric for all of them (never one per SLO), as the overview and the list show them. `signal` cancels the query.
 */
export async function loadLiveNumbers(slos: Slo[], settings: AppSettings, signal?: AbortSignal): Promise<LiveNumbers> {
  const uids = slos.map((s) => s.uid);
  if (settings.datasourceUid === '' || uids.length === 0) {
    return { rows: buildOverviewRows(slos, [], [], settings.teamLabel), firing: new Map(), windowEvents: new Map() };
  }
  const windows = [...uidsByRollingWindow(slos)];
  const results = await queryInstant(
    settings.datasourceUid,
    [
      { refId: 'BUDGET', expr: batchBudgetRemainingExpr(uids) },
      { refId: 'ERROR1H', expr: batchErrorRatioExpr(uids, '1h') },
      { refId: 'ERROR6H', expr: batchErrorRatioExpr(uids, '6h') },
      { refId: 'ERROR1D', expr: batchErrorRatioExpr(uids, '1d') },
      { refId: 'FIRING', expr: batchFiringAlertsExpr(uids) },
      { refId: 'EVENTS', expr: batchWindowSumExpr(SLO_METRICS.eventsWindow, uids) },
      { refId: 'BADEVENTS', expr: batchWindowSumExpr(SLO_METRICS.badEventsWindow, uids) },
      ...windows.map(([window, windowUids], i) => ({
        refId: `WINDOW${i}`,
        expr: batchErrorRatioExpr(windowUids, window),
      })),
    ],
    signal
  );
  const windowErrors = windows.flatMap((_, i) => results[`WINDOW${i}`] ?? []);
  const firing = new Map<string, number>();
  for (const sample of results.FIRING ?? []) {
    const uid = sample.labels[SLO_LABELS.uid];
    if (uid !== undefined && Number.isFinite(sample.value)) {
      firing.set(uid, sample.value);
    }
  }
  return {
    rows: buildOverviewRows(slos, results.BUDGET ?? [], results.ERROR1H ?? [], settings.teamLabel, windowErrors, {
      '6h': results.ERROR6H ?? [],
      '1d': results.ERROR1D ?? [],
    }),
    firing,
    windowEvents: windowEventsByObjective(results.EVENTS ?? [], results.BADEVENTS ?? []),
  };
}
