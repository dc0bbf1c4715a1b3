import { GRAFANA_BASE_INTERVAL_SECONDS, grafanaInterval } from '../rules/output';
import { formatPromDuration, parsePromDuration } from '../slo/duration';

/**
 * Whether a Grafana instance can run the SLO's rules as Grafana-managed recording rules, from what Grafana
 * tells plugins at boot (@grafana/runtime `config`): no request is sent to find out, so nothing fails in the
 * browser console. Each missing piece is named as the Grafana setting that provides it.
 */

export interface GrafanaRecordingFacts {
  /** `config.buildInfo.version`, e.g. "12.1.0" or "12.2.0-12345". */
  version: string;
  /** `config.unifiedAlerting.recordingRulesEnabled`: `[recording_rules] enabled`. */
  recordingRulesEnabled: boolean;
  /** `config.featureToggles`: the enabled feature toggles. */
  featureToggles: Readonly<Record<string, boolean | undefined>>;
  /** `config.unifiedAlertingEnabled`: Grafana Alerting runs at all. */
  alertingEnabled: boolean;
}

export interface MissingSetting {
  /** Where it is set, as an administrator writes it (ini section and key, or the toggle). */
  setting: string;
  /** Why the deploy needs it, in plain words. */
  why: string;
}

export type GrafanaRecordingSupport = { supported: true } | { supported: false; missing: MissingSetting[] };

/**
 * Grafana 12.1: the first version whose documentation states that groups imported through the conversion API
 * evaluate their rules in order, and that recording rules write to a target datasource chosen per rule.
 */
export const MIN_GRAFANA_VERSION: readonly [number, number] = [12, 1];

/** Grafana 12.x also asks for this toggle before it imports recording rules; later versions no longer do. */
const TARGET_DATASOURCE_TOGGLE_UNTIL_MAJOR = 13;

function majorMinor(version: string): [number, number] | undefined {
  const match = /^v?(\d+)\.(\d+)/.exec(version.trim());
  return match ? [Number(match[1]), Number(match[2])] : undefined;
}

export function grafanaRecordingSupport(facts: GrafanaRecordingFacts): GrafanaRecordingSupport {
  const missing: MissingSetting[] = [];
  const version = majorMinor(facts.version);
  const [minMajor, minMinor] = MIN_GRAFANA_VERSION;
  if (!version || version[0] < minMajor || (version[0] === minMajor && version[1] < minMinor)) {
    missing.push({
      setting: `Grafana ${minMajor}.${minMinor} or later (this is ${facts.version || 'an unknown version'})`,
      why: 'earlier versions cannot import rule groups that keep their evaluation order',
    });
  }
  if (!facts.alertingEnabled) {
    missing.push({ setting: '[unified_alerting] enabled = true', why: 'Grafana Alerting evaluates the rules' });
  }
  if (!facts.featureToggles.grafanaManagedRecordingRules) {
    missing.push({
      setting: '[feature_toggles] grafanaManagedRecordingRules = true',
      why: 'Grafana-managed recording rules are behind this feature toggle',
    });
  }
  if (!facts.recordingRulesEnabled) {
    missing.push({
      setting: '[recording_rules] enabled = true',
      why: 'Grafana writes recorded series only when recording rules are enabled',
    });
  }
  if (
    version &&
    version[0] < TARGET_DATASOURCE_TOGGLE_UNTIL_MAJOR &&
    !facts.featureToggles.grafanaManagedRecordingRulesDatasources
  ) {
    missing.push({
      setting: '[feature_toggles] grafanaManagedRecordingRulesDatasources = true',
      why: 'Grafana 12 imports recording rules only when they may write to a chosen datasource',
    });
  }
  return missing.length === 0 ? { supported: true } : { supported: false, missing };
}

/**
 * Why Grafana would not run the SLOs' groups at the app's evaluation interval, with the interval to set instead;
 * undefined when it would. Grafana stores a group only when its interval is a whole number of its scheduler's
 * ticks (10 s), and runs a group whose interval is below `[unified_alerting] min_interval` at min_interval
 * instead. Either way the recording rules, whose sums count one sample per evaluation interval, would be wrong:
 * rounding the interval on deploy is not an option, as it is for Grafana-managed alerts.
 *
 * `minInterval`: Grafana's `config.unifiedAlerting.minInterval` (a Go duration such as "10s" or "1m0s").
 */
export function grafanaIntervalProblem(
  evaluationInterval: string,
  minInterval: string | undefined
): string | undefined {
  const seconds = parsePromDuration(evaluationInterval);
  if (seconds === undefined) {
    return undefined;
  }
  const minSeconds = minInterval === undefined ? undefined : parsePromDuration(minInterval);
  const usable = grafanaInterval(Math.max(seconds, minSeconds ?? 0));
  const instead = `Set the evaluation interval to ${formatPromDuration(usable)} in the app's configuration`;
  if (seconds % GRAFANA_BASE_INTERVAL_SECONDS !== 0) {
    return (
      `Grafana runs rule groups only every multiple of ${GRAFANA_BASE_INTERVAL_SECONDS}s, and the app's evaluation ` +
      `interval is ${evaluationInterval}. ${instead}.`
    );
  }
  if (minSeconds !== undefined && seconds < minSeconds) {
    return (
      `Grafana runs a rule group no more often than every ${formatPromDuration(minSeconds)} ` +
      `([unified_alerting] min_interval), and the app's evaluation interval is ${evaluationInterval}. ${instead}, ` +
      `or ask a Grafana administrator to lower min_interval.`
    );
  }
  return undefined;
}
