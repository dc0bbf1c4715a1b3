import React, { useState } from 'react';
import { Alert, Badge, Button, Stack, Text, type BadgeColor } from '@grafana/ui';
import type { Slo } from '../../slo/types';
import type { AppSettings } from '../../settings';
import { testIds } from '../../components/testIds';
import { applyPlan, type ChangeResult } from '../../deploy/rulerClient';
import { outcomeText } from '../../deploy/applyOneByOne';
import { planRulerDeploy, type GroupAction, type GroupChange } from '../../deploy/rulerPlan';
import { GrafanaRecordingClient } from '../../deploy/grafanaRecording';
import type { GrafanaRecordingSupport } from '../../deploy/grafanaRecordingSupport';
import { desiredGroups } from '../../api/ruler';
import {
  canWriteGrafanaRecording,
  configuredGrafanaRecording,
  currentGrafanaRecordingSupport,
} from '../../api/grafanaRecording';

export interface GrafanaRecordingPanelProps {
  chosen: Slo[];
  /** Every SLO: imported groups of SLOs not among them are removed. */
  all: Slo[];
  settings: AppSettings;
  /** Injected in tests; from Grafana's boot configuration otherwise. */
  support?: GrafanaRecordingSupport;
  client?: GrafanaRecordingClient;
}

type State =
  | { step: 'idle' }
  | { step: 'busy'; what: string }
  | { step: 'planned'; changes: GroupChange[] }
  | { step: 'applied'; results: ChangeResult[]; finished: boolean }
  | { step: 'error'; message: string };

const BADGES: Record<GroupAction, { text: string; color: BadgeColor }> = {
  create: { text: 'New', color: 'green' },
  update: { text: 'Changed', color: 'orange' },
  unchanged: { text: 'Unchanged', color: 'blue' },
  delete: { text: 'Remove', color: 'red' },
};

const TITLE = 'Run as Grafana-managed recording rules';

/**
 * For a Prometheus without a ruler: Grafana evaluates the SLO's groups (recording rules and alerts) and writes
 * the recorded series back to the datasource, through its conversion API, which keeps each group's order.
 * Whether this Grafana can is read from its boot configuration; a missing setting is named, not guessed at.
 */
export function GrafanaRecordingPanel({ chosen, all, settings, support, client }: GrafanaRecordingPanelProps) {
  const [state, setState] = useState<State>({ step: 'idle' });
  const capability = support ?? currentGrafanaRecordingSupport();
  const api = client ?? configuredGrafanaRecording(settings);
  const namespace = settings.ruleNamespace;

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
  if (!canWriteGrafanaRecording()) {
    return (
      <Alert severity="info" title={TITLE} data-testid={testIds.export.recording.permission}>
        Your role may not create Grafana-managed rules and set their provisioning status. Download the file and ask
        someone who may.
      </Alert>
    );
  }

  const fail = (error: unknown) =>
    setState({ step: 'error', message: error instanceof Error ? error.message : String(error) });

  const compare = async () => {
    setState({ step: 'busy', what: 'Reading the Grafana-managed rule groups...' });
    try {
      const changes = planRulerDeploy({
        desired: chosen.flatMap((slo) => desiredGroups(slo, settings)),
        deployed: await api.listNamespace(namespace),
        existingSloUids: new Set(all.map((s) => s.uid)),
      });
      setState({ step: 'planned', changes });
    } catch (error) {
      fail(error);
    }
  };

  const apply = async (changes: GroupChange[]) => {
    setState({ step: 'busy', what: 'Deploying...' });
    try {
      const results = await applyPlan(api, namespace, changes, (partial) =>
        setState({ step: 'applied', results: partial, finished: false })
      );
      setState({ step: 'applied', results, finished: true });
    } catch (error) {
      fail(error);
    }
  };

  const pending = state.step === 'planned' ? state.changes.filter((c) => c.action !== 'unchanged').length : 0;
  const failed = state.step === 'applied' ? state.results.find((r) => r.outcome.state === 'failed') : undefined;
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
          onClick={compare}
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
                <Badge text={BADGES[change.action].text} color={BADGES[change.action].color} />
                {change.reason && <Text color="secondary"> {change.reason}</Text>}
              </li>
            ))}
          </ul>
          <div>
            <Button
              icon="upload"
              onClick={() => apply(state.changes)}
              disabled={pending === 0}
              data-testid={testIds.export.recording.apply}
            >
              {pending === 0 ? 'Up to date' : `Deploy ${pending} ${pending === 1 ? 'change' : 'changes'}`}
            </Button>
          </div>
        </Stack>
      )}
      {state.step === 'applied' && (
        <Stack direction="column" gap={1}>
          {!state.finished ? (
            <Text color="secondary">Deploying...</Text>
          ) : failed && failed.outcome.state === 'failed' ? (
            <Alert title={`Stopped at ${failed.change.group}`}>
              {failed.outcome.message}. The groups above it were deployed; those below it were not.
            </Alert>
          ) : (
            <Alert severity="success" title="Deployed">
              Grafana evaluates the rules of the chosen SLOs; their recorded figures appear within a few evaluations.
            </Alert>
          )}
          <ul>
            {state.results.map(({ change, outcome }) => (
              <li key={change.group} data-testid={testIds.export.recording.result}>
                <code>{change.group}</code>: {outcomeText(outcome, change.action === 'delete')}
              </li>
            ))}
          </ul>
        </Stack>
      )}
    </Stack>
  );
}
