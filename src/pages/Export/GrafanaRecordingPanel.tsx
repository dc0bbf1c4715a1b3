import React from 'react';
import { Alert, Badge, Button, Stack, Text } from '@grafana/ui';
import type { Slo } from '../../slo/types';
import type { AppSettings } from '../../settings';
import { testIds } from '../../components/testIds';
import { AppliedResults } from './AppliedResults';
import { GrafanaRecordingClient } from '../../deploy/grafanaRecording';
import { grafanaIntervalProblem, type GrafanaRecordingSupport } from '../../deploy/grafanaRecordingSupport';
import {
  canWriteGrafanaRecording,
  configuredGrafanaRecording,
  currentGrafanaRecordingSupport,
  grafanaMinRuleInterval,
} from '../../api/grafanaRecording';
import { ACTION_BADGE, errorState, useGroupDeploy } from './useGroupDeploy';

export interface GrafanaRecordingPanelProps {
  chosen: Slo[];
  /** Every SLO: imported groups of SLOs not among them are removed. */
  all: Slo[];
  settings: AppSettings;
  /** Injected in tests; from Grafana's boot configuration otherwise. */
  support?: GrafanaRecordingSupport;
  client?: GrafanaRecordingClient;
  /** Injected in tests; Grafana's `[unified_alerting] min_interval` otherwise. */
  minRuleInterval?: string;
}

const TITLE = 'Run as Grafana-managed recording rules';

/**
 * For a Prometheus without a ruler: Grafana evaluates the SLO's groups (recording rules and alerts) and writes
 * the recorded series back to the datasource, through its conversion API, which keeps each group's order.
 * Whether this Grafana can is read from its boot configuration; a missing setting is named, not guessed at.
 */
export function GrafanaRecordingPanel({
  chosen,
  all,
  settings,
  support,
  client,
  minRuleInterval,
}: GrafanaRecordingPanelProps) {
  const { state, compare, apply } = useGroupDeploy(errorState);
  const capability = support ?? currentGrafanaRecordingSupport();
  const api = client ?? configuredGrafanaRecording(settings);
  const namespace = settings.ruleNamespace;
  const intervalProblem = grafanaIntervalProblem(
    settings.evaluationInterval,
    minRuleInterval ?? grafanaMinRuleInterval()
  );

  if (!capability.supported) {
    return (
      <Alert severity="info" title={TITLE} data-testid={testIds.export.recording.unsupported}>
        <Stack direction="column" gap={1}>
          <span>
            Grafana can evaluate these rules itself and write the recorded series to your Prometheus (started with
            <code> --web.enable-remote-write-receiver</code>). This Grafana is missing:
          </span>
          <ul>
            {capability.missing.map((m) => (
              <li key={m.setting} data-testid={testIds.export.recording.missing}>
                <code>{m.setting}</code>: {m.why}.
              </li>
            ))}
          </ul>
          <span>Ask a Grafana administrator to set them, or load the rule file into Prometheus.</span>
        </Stack>
      </Alert>
    );
  }
  if (!(api instanceof GrafanaRecordingClient)) {
    return (
      <Alert severity="info" title={TITLE} data-testid={testIds.export.recording.panel}>
        {api.reason} Choose a datasource in the app&apos;s configuration.
      </Alert>
    );
  }
  if (intervalProblem) {
    return (
      <Alert severity="warning" title={TITLE} data-testid={testIds.export.recording.interval}>
        {intervalProblem} Until then, load the rule file into Prometheus.
      </Alert>
    );
  }
  if (!canWriteGrafanaRecording()) {
    return (
      <Alert severity="info" title={TITLE} data-testid={testIds.export.recording.permission}>
        Your role may not create Grafana-managed rules and set their provisioning status. Download the file and ask
        someone who may.
      </Alert>
    );
  }

  const pending = state.step === 'planned' ? state.changes.filter((c) => c.action !== 'unchanged').length : 0;
  return (
    <Stack direction="column" gap={1} data-testid={testIds.export.recording.panel}>
      <Text element="h3">{TITLE}</Text>
      <Text color="secondary">
        For a Prometheus without a ruler. Grafana evaluates each group in folder <code>{namespace}</code>, in order as
        Prometheus would, and writes the recorded series to the configured datasource. The alerts of the groups become
        Grafana-managed alerts, routed by the notification policies on <code>severity</code>.
      </Text>
      <div>
        <Button
          variant="secondary"
          icon="code-branch"
          onClick={() =>
            compare(api, { namespace, chosen, all, settings, reading: 'Reading the Grafana-managed rule groups...' })
          }
          disabled={state.step === 'busy' || chosen.length === 0}
          data-testid={testIds.export.recording.compare}
        >
          Compare with Grafana
        </Button>
      </div>
      {state.step === 'busy' && <Text color="secondary">{state.what}</Text>}
      {state.step === 'error' && (
        <Alert title="Grafana refused" data-testid={testIds.export.recording.error}>
          {state.message}
        </Alert>
      )}
      {state.step === 'planned' && (
        <Stack direction="column" gap={1}>
          <ul>
            {state.changes.map((change) => (
              <li key={change.group} data-testid={testIds.export.recording.change}>
                <code>{change.group}</code>{' '}
                <Badge text={ACTION_BADGE[change.action].text} color={ACTION_BADGE[change.action].color} />
                {change.reason && <Text color="secondary"> {change.reason}</Text>}
              </li>
            ))}
          </ul>
          <div>
            <Button
              icon="upload"
              onClick={() => apply(api, namespace, state.changes)}
              disabled={pending === 0}
              data-testid={testIds.export.recording.apply}
            >
              {pending === 0 ? 'Up to date' : `Deploy ${pending} ${pending === 1 ? 'change' : 'changes'}`}
            </Button>
          </div>
        </Stack>
      )}
      {state.step === 'applied' && (
        <AppliedResults
          results={state.results}
          finished={state.finished}
          success="Grafana evaluates the rules of the chosen SLOs; their recorded figures appear within a few evaluations."
          resultTestId={testIds.export.recording.result}
          namesDeletions
        />
      )}
    </Stack>
  );
}
