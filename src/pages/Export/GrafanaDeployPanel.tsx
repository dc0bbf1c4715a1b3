import React, { useState } from 'react';
import { Alert, Badge, Button, Combobox, Field, Input, Stack, Text } from '@grafana/ui';
import { testIds } from '../../components/testIds';
import type { GrafanaRuleGroup } from '../../rules/output';
import {
  GrafanaRulesClient,
  applyGrafanaPlan,
  planGrafanaDeploy,
  type GrafanaChangeResult,
  type GrafanaGroupAction,
  type GrafanaGroupChange,
} from '../../deploy/grafanaManaged';
import { cancellableTransport, canWriteGrafanaRules, grafanaTransport } from '../../api/ruler';
import { AppliedResults } from './AppliedResults';
import { ensureFolder } from '../../api/folders';
import { useLoader } from '../../utils/useLoader';

export interface GrafanaTarget {
  folderUid: string;
  /** Contact point per severity; empty: Grafana's notification policies route. */
  pageReceiver: string;
  ticketReceiver: string;
}

export interface GrafanaDeployPanelProps {
  /** The groups to deploy, built with `target` (what the preview shows). */
  groups: GrafanaRuleGroup[];
  /** The chosen SLOs' groups that have no alert now (retired, alerting off): removed when the folder has them. */
  groupsWithoutAlerts?: string[];
  target: GrafanaTarget;
  onTargetChange: (target: GrafanaTarget) => void;
  /** Injected in tests. */
  client?: GrafanaRulesClient;
  /** Makes sure the folder exists before the first group goes in; injected in tests. */
  ensureAlertFolder?: (uid: string) => Promise<void>;
}

type State =
  | { step: 'idle' }
  | { step: 'busy'; what: string }
  | { step: 'planned'; changes: GrafanaGroupChange[] }
  | { step: 'applied'; results: GrafanaChangeResult[]; finished: boolean }
  | { step: 'error'; message: string };

const BADGES: Record<GrafanaGroupAction, { text: string; color: 'green' | 'orange' | 'blue' | 'red' }> = {
  create: { text: 'New', color: 'green' },
  update: { text: 'Changed', color: 'orange' },
  unchanged: { text: 'Unchanged', color: 'blue' },
  delete: { text: 'Removed: the SLO has no alerts now', color: 'red' },
};

const POLICIES = { value: '', label: 'Notification policies' };

/**
 * Deploys the burn-rate and no-data alerts as Grafana-managed alert rules into a folder, one group per
 * SLO, editable in Grafana afterwards; each severity can go straight to a contact point.
 */
export function GrafanaDeployPanel({
  groups,
  groupsWithoutAlerts = [],
  target,
  onTargetChange,
  client,
  ensureAlertFolder,
}: GrafanaDeployPanelProps) {
  const api = client ?? new GrafanaRulesClient(grafanaTransport);
  const [state, setState] = useState<State>({ step: 'idle' });
  const allowed = canWriteGrafanaRules();
  // The injected client is stable for the life of the panel.
  const { data: contactPoints = [], error: contactPointsError } = useLoader(
    (signal) => (allowed ? (client ?? new GrafanaRulesClient(cancellableTransport(signal))).listContactPoints() : []),
    [allowed]
  );

  if (!allowed) {
    return (
      <Alert severity="info" title="Deploy as Grafana-managed rules" data-testid={testIds.export.grafana.permission}>
        Your role may not write alert rules. Download the file and ask someone who may.
      </Alert>
    );
  }

  const receiverOptions = [POLICIES, ...contactPoints.map((name) => ({ value: name, label: name }))];
  const fail = (error: unknown) =>
    setState({ step: 'error', message: error instanceof Error ? error.message : String(error) });

  const compare = async () => {
    setState({ step: 'busy', what: 'Reading the rule groups in the folder...' });
    try {
      const existing = new Map<string, GrafanaRuleGroup | undefined>();
      for (const title of [...groups.map((group) => group.title), ...groupsWithoutAlerts]) {
        if (!existing.has(title)) {
          existing.set(title, await api.getGroup(target.folderUid, title));
        }
      }
      setState({ step: 'planned', changes: planGrafanaDeploy(groups, existing, groupsWithoutAlerts) });
    } catch (error) {
      fail(error);
    }
  };

  const apply = async (changes: GrafanaGroupChange[]) => {
    setState({ step: 'busy', what: 'Deploying...' });
    try {
      await (ensureAlertFolder ?? ((uid: string) => ensureFolder(uid, 'SLO alerts')))(target.folderUid);
      const results = await applyGrafanaPlan(api, changes, (partial) =>
        setState({ step: 'applied', results: partial, finished: false })
      );
      setState({ step: 'applied', results, finished: true });
    } catch (error) {
      fail(error);
    }
  };

  const pending = state.step === 'planned' ? state.changes.filter((c) => c.action !== 'unchanged') : [];
  return (
    <Stack direction="column" gap={1} data-testid={testIds.export.grafana.panel}>
      <Text element="h3">Deploy as Grafana-managed alert rules</Text>
      <Text color="secondary">
        One rule group per SLO through Grafana&apos;s provisioning API, editable in Alerting afterwards. The alerts
        query the recorded series: the recording rules must run on the datasource (download or deploy them too).
      </Text>
      <Stack direction="row" gap={2} wrap="wrap">
        <Field label="Folder" description="Uid of the folder the rules go into; created when missing">
          <Input
            width={30}
            value={target.folderUid}
            onChange={(e) => onTargetChange({ ...target, folderUid: e.currentTarget.value })}
            data-testid={testIds.export.grafana.folder}
          />
        </Field>
        <Field label="Pages go to" description="severity=page">
          <div data-testid={testIds.export.grafana.pageReceiver}>
            <Combobox
              width={30}
              options={receiverOptions}
              value={target.pageReceiver}
              onChange={(o) => onTargetChange({ ...target, pageReceiver: o?.value ?? '' })}
            />
          </div>
        </Field>
        <Field label="Tickets go to" description="severity=ticket">
          <div data-testid={testIds.export.grafana.ticketReceiver}>
            <Combobox
              width={30}
              options={receiverOptions}
              value={target.ticketReceiver}
              onChange={(o) => onTargetChange({ ...target, ticketReceiver: o?.value ?? '' })}
            />
          </div>
        </Field>
      </Stack>
      {contactPointsError && <Text color="warning">{contactPointsError}</Text>}
      <div>
        <Button
          variant="secondary"
          icon="code-branch"
          onClick={compare}
          disabled={
            state.step === 'busy' || groups.length + groupsWithoutAlerts.length === 0 || target.folderUid.trim() === ''
          }
          data-testid={testIds.export.grafana.compare}
        >
          Compare with the folder
        </Button>
      </div>
      {state.step === 'busy' && <Text color="secondary">{state.what}</Text>}
      {state.step === 'error' && (
        <Alert title="Grafana refused" data-testid={testIds.export.grafana.error}>
          {state.message}
        </Alert>
      )}
      {state.step === 'planned' && (
        <Stack direction="column" gap={1}>
          <ul>
            {state.changes.map((change) => (
              <li key={change.group} data-testid={testIds.export.grafana.change}>
                <code>{change.group}</code> (
                {(change.action === 'delete' ? change.existing : change.desired).rules.length} rules){' '}
                <Badge text={BADGES[change.action].text} color={BADGES[change.action].color} />
              </li>
            ))}
          </ul>
          <div>
            <Button
              icon="upload"
              onClick={() => apply(state.changes)}
              disabled={pending.length === 0}
              data-testid={testIds.export.grafana.apply}
            >
              {pending.length === 0
                ? 'Up to date'
                : `Deploy ${pending.length} rule ${pending.length === 1 ? 'group' : 'groups'}`}
            </Button>
          </div>
        </Stack>
      )}
      {state.step === 'applied' && (
        <AppliedResults
          results={state.results}
          finished={state.finished}
          success="The folder has the alert rules of the chosen SLOs."
          resultTestId={testIds.export.grafana.result}
          namesDeletions
        />
      )}
    </Stack>
  );
}
