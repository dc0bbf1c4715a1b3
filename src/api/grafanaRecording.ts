import { config, hasPermission } from '@grafana/runtime';
import type { AppSettings } from '../settings';
import { GrafanaRecordingClient } from '../deploy/grafanaRecording';
import { grafanaRecordingSupport, type GrafanaRecordingSupport } from '../deploy/grafanaRecordingSupport';
import { cancellableTransport } from './ruler';

/** What this Grafana tells plugins at boot, checked against what Grafana-managed recording rules need. */
export function currentGrafanaRecordingSupport(): GrafanaRecordingSupport {
  return grafanaRecordingSupport({
    version: config.buildInfo?.version ?? '',
    recordingRulesEnabled: config.unifiedAlerting?.recordingRulesEnabled === true,
    featureToggles: (config.featureToggles ?? {}) as Record<string, boolean | undefined>,
    alertingEnabled: config.unifiedAlertingEnabled !== false,
  });
}

/** `[unified_alerting] min_interval` of this Grafana, as it tells plugins at boot (a Go duration). */
export function grafanaMinRuleInterval(): string | undefined {
  return config.unifiedAlerting?.minInterval || undefined;
}

/** The conversion API's checks (Grafana's authorization.go): read rules and folders; write also sets provenance. */
export function canReadGrafanaRecording(): boolean {
  return hasPermission('alert.rules:read') && hasPermission('folders:read');
}

export function canWriteGrafanaRecording(): boolean {
  return (
    canReadGrafanaRecording() &&
    hasPermission('alert.rules:write') &&
    hasPermission('alert.rules:create') &&
    hasPermission('alert.rules:delete') &&
    hasPermission('alert.provisioning.provenance:write')
  );
}

/**
 * The conversion API client for the configured datasource (it queries it and writes the recorded series
 * to it), or why there is none. `signal` cancels its requests.
 */
export function configuredGrafanaRecording(
  settings: AppSettings,
  signal?: AbortSignal
): GrafanaRecordingClient | { reason: string } {
  if (!settings.datasourceUid) {
    return { reason: 'No datasource is configured for Burnrate.' };
  }
  return new GrafanaRecordingClient(cancellableTransport(signal), {
    datasourceUid: settings.datasourceUid,
    namespace: settings.ruleNamespace,
  });
}
