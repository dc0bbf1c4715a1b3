/**
 * The SLO report of a calendar month (UTC) or any range, for a set of services (issue 9): each
 * objective's achieved SLI against its target, the budget it used, its longest bad period, the alerts
 * that fired, its trend against the three previous periods and a recommendation; and each service's
 * toil budget. Read from the series Burnrate's rules record only (no SLO file), through a small
 * ReportSource, so the CLI and a page can share it. Everything but readReport is pure.
 */
export {
  type ReportRange,
  MIN_RANGE_SECONDS,
  TREND_PERIODS,
  formatUtc,
  monthRange,
  customRange,
  previousRanges,
  rangeUntil,
  isOnWholeHours,
  MAX_POINTS_PER_SERIES,
  stepSecondsFor,
  type RangeQueryWindow,
  rangeQueryWindow,
} from './ranges';
export {
  type EventsSource,
  type EventCounts,
  type SloEventReadings,
  type RangeEventAnswers,
  eventReadingsByUid,
  chooseEventCounts,
  errorRatioOf,
  achievedSli,
  budgetConsumedOf,
  isMet,
} from './events';
export {
  type LabelledSeries,
  type BadPeriod,
  type BadPeriods,
  badPeriods,
  type AlertCounts,
  countEpisodes,
  type AlertEpisodes,
  alertEpisodes,
  alertsFor,
} from './series';
export { type TrendDirection, TREND_BUDGET_SHARE, type Trend, trendOf } from './trend';
export {
  type RecommendationKind,
  type Recommendation,
  type PeriodFigures,
  type RecommendationInput,
  RECOMMENDATION_THRESHOLDS,
  targetPercent,
  percentDown,
  stricterTarget,
  looserTarget,
  RECOMMENDATION_RULES,
  recommend,
} from './recommendations';
export {
  type ObjectiveReport,
  type MaintenanceInReport,
  type ServiceReport,
  type JourneyReport,
  type Report,
  type ReportAnswers,
  type ReportOptions,
} from './types';
export { maintenanceInRange, objectiveMember, journeyReports } from './sections';
export { reportHasData, buildReport } from './build';
export {
  type DatasourceReportPart,
  type ReportAcrossDatasources,
  buildReportAcrossDatasources,
  ownedSeries,
} from './acrossDatasources';
export { type ReportSource, type ReportRequest, readReport, readReportAnswers, reportOptions } from './read';
export {
  type ReportReplay,
  REPORT_PERIOD,
  previousPeriodKey,
  replayedCounts,
  planReportReplay,
  definedObjectives,
  readReportReplay,
  describeReportSource,
} from './replay';
