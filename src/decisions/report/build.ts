import { SLO_LABELS } from '../../promql/slo';
import { errorBudgetRatio } from '../../slo/budget';
import { combineReadings } from '../../slo/combined';
import { worstToilBudget } from '../reliabilityWork';
import { achievedSli, budgetConsumedOf, chooseEventCounts, eventReadingsByUid, isMet } from './events';
import { isOnWholeHours, rangeQueryWindow, type ReportRange } from './ranges';
import { recommend, RETIRED_RECOMMENDATION } from './recommendations';
import { journeyReports, maintenanceInRange, objectiveMember } from './sections';
import { alertEpisodes, alertsFor, badPeriods } from './series';
import { trendOf } from './trend';
import { objectiveKey } from '../replay';
import { previousPeriodKey, replayedCounts, REPORT_PERIOD } from './replay';
import type { ObjectiveReport, Report, ReportAnswers, ReportOptions } from './types';

/** The report from the answers to its queries: pure. */

/** True when at least one objective had events in the range. */
export function reportHasData(report: Report): boolean {
  return report.serviceReports.some((s) => s.objectives.some((o) => o.sli !== undefined));
}

/**
 * Seconds of the range the SLO's figures cover: all of it when its rules ran from the start, else from
 * the first step of its error ratio series (the first with traffic; at most a step late, so the
 * coverage is never overstated) to the end. None without a point.
 */
export function coveredSeconds(
  range: ReportRange,
  rulesRanAtStart: boolean,
  errorRatioPoints: ReadonlyArray<[number, number]>
): number {
  const end = range.to.getTime() / 1000;
  if (rulesRanAtStart) {
    return end - range.from.getTime() / 1000;
  }
  const first = errorRatioPoints[0];
  return first === undefined ? 0 : Math.max(0, end - first[0]);
}

/** The report from the answers to its queries (see readReport for which). */
export function buildReport(options: ReportOptions, answers: ReportAnswers): Report {
  const { range, previous } = options;
  const window = rangeQueryWindow(range);
  const current = eventReadingsByUid(answers.events);
  const before = answers.previousEvents.map(eventReadingsByUid);
  const ratios = new Map(answers.errorRatios.map((s) => [s.labels[SLO_LABELS.uid] ?? '', s.points]));
  // SLOs whose period was replayed: their bad periods come from the raw rates (the recorded ones miss a part).
  const rawRatios = new Map((answers.replay?.errorRatios ?? []).map((s) => [s.labels[SLO_LABELS.uid] ?? '', s.points]));
  const figures = answers.replay?.figures ?? new Map();
  const services = new Set(options.services);
  // SLOs known by their definitions only (rules that never recorded in the range) are reported too.
  const definedOnly = (answers.replay?.objectives ?? []).filter(
    (o) => services.size === 0 || services.has(o.labels[SLO_LABELS.service] ?? '')
  );
  const episodes = alertEpisodes(answers.firingAlerts, window.stepSeconds);
  const unread = options.unread ?? new Map<string, string>();

  const seen = new Set<string>();
  const objectives: ObjectiveReport[] = [];
  for (const o of [...answers.objectives, ...definedOnly]) {
    const uid = o.labels[SLO_LABELS.uid] ?? '';
    const sloWindow = o.labels[SLO_LABELS.window] ?? '';
    const key = `${uid}\u0000${sloWindow}`;
    if (!uid || seen.has(key) || !(o.value > 0 && o.value < 1)) {
      continue;
    }
    seen.add(key);
    const target = String(o.value);
    const replayed = figures.get(objectiveKey(uid, REPORT_PERIOD));
    const events = replayed ? replayedCounts(replayed) : chooseEventCounts(current.get(uid), isOnWholeHours(range));
    const previousCounts = previous.map((r, i) => {
      const figure = figures.get(objectiveKey(uid, previousPeriodKey(i)));
      return {
        range: r,
        counts: figure ? replayedCounts(figure) : chooseEventCounts(before[i]?.get(uid), isOnWholeHours(r)),
      };
    });
    const ratioPoints = (replayed ? rawRatios.get(uid) : ratios.get(uid)) ?? [];
    const status = options.statuses?.get(uid) ?? 'active';
    const consumed = budgetConsumedOf(events, target);
    const sli = achievedSli(events);
    objectives.push({
      sloUid: uid,
      sloName: o.labels[SLO_LABELS.name] ?? uid,
      service: o.labels[SLO_LABELS.service] ?? '',
      window: sloWindow,
      target,
      events,
      sli,
      budgetConsumed: consumed,
      met: isMet(consumed),
      badPeriods: badPeriods(ratioPoints, errorBudgetRatio(target), window),
      alerts: alertsFor(episodes, uid, sloWindow),
      trend: trendOf(events, previousCounts, target),
      recommendation: unread.has(uid)
        ? { kind: 'no-data', text: `Not read: ${unread.get(uid)}.` }
        : status === 'retired'
          ? RETIRED_RECOMMENDATION
          : recommend({
              target,
              // Replayed: covered from the first raw rate with traffic, as rules that started late are.
              coveredSeconds: coveredSeconds(
                range,
                !replayed && (current.get(uid)?.rulesRanAtStart ?? false),
                ratioPoints
              ),
              current: { sli, consumed },
              previous: previousCounts.map((p) => ({
                sli: achievedSli(p.counts),
                consumed: budgetConsumedOf(p.counts, target),
              })),
            }),
      ...(replayed && { source: replayed.source }),
      ...(replayed?.recordedSince !== undefined && { recordedSince: replayed.recordedSince }),
      ...(status !== 'active' && { sloStatus: status }),
      ...(unread.has(uid) && { unread: unread.get(uid) }),
    });
  }

  const byService = new Map<string, ObjectiveReport[]>();
  for (const o of objectives) {
    byService.set(o.service, [...(byService.get(o.service) ?? []), o]);
  }
  const serviceReports = [...byService.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([service, list]) => {
      const sorted = list.sort((a, b) => a.sloName.localeCompare(b.sloName) || a.window.localeCompare(b.window));
      // Drafts and retired SLOs bind no team's toil; a retired SLO no longer describes the service.
      const performances = sorted.flatMap((o) =>
        o.sli === undefined || o.sloStatus !== undefined ? [] : [{ performance: o.sli, target: o.target }]
      );
      return {
        service,
        objectives: sorted,
        toil: worstToilBudget(performances, options.teamSize),
        ...(options.maintenance && { maintenance: maintenanceInRange(sorted, range, options.maintenance) }),
        combined: combineReadings(
          sorted.filter((o) => o.sloStatus !== 'retired').map((o) => objectiveMember(o, options.eventKinds))
        ),
      };
    });
  return {
    range,
    previous,
    services: [...new Set(options.services)].sort(),
    teamSize: options.teamSize,
    stepSeconds: window.stepSeconds,
    generatedAt: options.generatedAt,
    serviceReports,
    ...(options.journeys ? { journeyReports: journeyReports(options.journeys, objectives, options.eventKinds) } : {}),
    ...(answers.replayError !== undefined && { replayError: answers.replayError }),
    ...(options.unreadDatasources &&
      options.unreadDatasources.length > 0 && { unreadDatasources: [...options.unreadDatasources] }),
  };
}
