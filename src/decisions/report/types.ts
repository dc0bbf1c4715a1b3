import type { ToilBudget } from '../../slo/budget';
import type { CombinedReading, EventKind } from '../../slo/combined';
import type { Journey } from '../../slo/catalogue';
import type { MaintenanceWindow, SloStatus } from '../../slo/types';
import type { LabelledValue } from '../serviceReadings';
import type { EventCounts, RangeEventAnswers } from './events';
import type { ReportRange } from './ranges';
import type { Recommendation } from './recommendations';
import type { AlertCounts, BadPeriods, LabelledSeries } from './series';
import type { Trend } from './trend';
import type { FigureSource } from '../replay';
import type { ReportReplay } from './replay';

/** The report: its objectives grouped by service and journey, and what its queries answered. */

export interface ObjectiveReport {
  sloUid: string;
  sloName: string;
  service: string;
  /** The objective's window, e.g. "30d" or "month". */
  window: string;
  /** Exact decimal text, e.g. "0.999": the last target in the range. */
  target: string;
  /** Undefined when no events were recorded in the range. */
  events?: EventCounts;
  /** Undefined without traffic (no data). */
  sli?: number;
  budgetConsumed?: number;
  met?: boolean;
  badPeriods: BadPeriods;
  alerts: AlertCounts;
  trend: Trend;
  recommendation: Recommendation;
  /** Where this period's figures came from when its rules did not record all of it (raw, or stitched). */
  source?: Exclude<FigureSource, 'recorded'>;
  /** Since when its rules record, when they do. */
  recordedSince?: number;
  /** A draft or retired SLO's status, from its definition; undefined: active, or not known. */
  sloStatus?: Exclude<SloStatus, 'active'>;
  /** Why its figures could not be read (its datasource did not answer); undefined when they were. */
  unread?: string;
}

/** An occurrence of a maintenance window of an SLO in the range: its events were not counted. */
export interface MaintenanceInReport {
  sloUid: string;
  sloName: string;
  startSeconds: number;
  endSeconds: number;
  reason: string;
  repeat?: 'weekly';
}

export interface ServiceReport {
  service: string;
  objectives: ObjectiveReport[];
  /** The maintenance windows of its SLOs in the range, by start; set when the SLOs' definitions were given. */
  maintenance?: MaintenanceInReport[];
  /** From the objective with the lowest SLI relative to its target; undefined when none has figures. */
  toil?: ToilBudget;
  /** Its objectives' events together (slo/combined.ts); set by buildReport. */
  combined?: CombinedReading;
}

/** A user journey of the catalogue over the objectives of its steps in the report. */
export interface JourneyReport {
  journey: string;
  /** Step titles whose SLO has no objective in the report (another service, or no rules). */
  stepsNotInReport: string[];
  combined: CombinedReading;
}

export interface Report {
  range: ReportRange;
  /** The periods of the trend, oldest first. */
  previous: ReportRange[];
  /** The services asked for; empty for every service. */
  services: string[];
  teamSize: number;
  /** Step of the bad periods and alerts, in seconds. */
  stepSeconds: number;
  generatedAt: Date;
  serviceReports: ServiceReport[];
  /** The catalogue's journeys with at least one step in the report; set when the catalogue was given. */
  journeyReports?: JourneyReport[];
  /**
   * Why the raw data of the periods the rules did not record could not be read (a timeout on a slow
   * Prometheus): the report then has the recorded figures only.
   */
  replayError?: string;
  /**
   * One line per datasource that could not answer (its name, why, how many SLOs): the objectives of its
   * SLOs are in the report without figures.
   */
  unreadDatasources?: string[];
}

/** What the queries answered, for buildReport. */
export interface ReportAnswers {
  objectives: LabelledValue[];
  events: RangeEventAnswers;
  /** In the order of the previous ranges. */
  previousEvents: RangeEventAnswers[];
  errorRatios: LabelledSeries[];
  firingAlerts: LabelledSeries[];
  /** The periods the rules did not record, replayed from raw data (needs the SLOs' definitions). */
  replay?: ReportReplay;
  /** Why that replay could not be read; the report is built from the recorded series alone. */
  replayError?: string;
}

export interface ReportOptions {
  range: ReportRange;
  previous: ReportRange[];
  services: string[];
  teamSize: number;
  generatedAt: Date;
  /** The event kind of each SLO by uid, from its definition; SLOs not in it are counted as requests. */
  eventKinds?: ReadonlyMap<string, EventKind>;
  /** The catalogue's journeys, for a combined row per journey. */
  journeys?: readonly Journey[];
  /** The maintenance windows of each SLO by uid, from its definition, to list those in the range. */
  maintenance?: ReadonlyMap<string, readonly MaintenanceWindow[]>;
  /** The status of each SLO by uid, from its definition; SLOs not in it are active. */
  statuses?: ReadonlyMap<string, SloStatus>;
  /** SLOs whose figures could not be read (their datasource failed, or they have none), by uid: why. */
  unread?: ReadonlyMap<string, string>;
  /** One line per datasource that could not answer, as the report then says. */
  unreadDatasources?: readonly string[];
}
