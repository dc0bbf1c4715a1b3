import React, { useState } from 'react';
import { css } from '@emotion/css';
import { dataTableCss } from '../../components/tableStyles';
import type { GrafanaTheme2 } from '@grafana/data';
import { Alert, Badge, Button, Icon, Stack, Text, useStyles2 } from '@grafana/ui';
import type { Slo } from '../../slo/types';
import type { AppSettings } from '../../settings';
import { testIds } from '../../components/testIds';
import { NoRulerError, RulerClient, type ChangeResult } from '../../deploy/rulerClient';
import { outcomeText } from '../../deploy/applyOneByOne';
import { countActions, groupYaml, type GroupChange } from '../../deploy/rulerPlan';
import { canReadRulerRules, canWriteRulerRules, configuredRuler, rulerLimitsOf } from '../../api/ruler';
import type { LimitReport, RulerLimits } from '../../deploy/rulerLimits';
import { diffLines } from '../SloEditor/lineDiff';
import { DiffBlock } from '../SloEditor/ReviewPane';
import { ACTION_BADGE, errorState, useGroupDeploy } from './useGroupDeploy';
import { RulerLimitsSummary } from './RulerLimitsSummary';
import { LimitReportView } from './LimitReportView';

export interface RulerDeployPanelProps {
  /** The SLOs to deploy. */
  chosen: Slo[];
  /** Every SLO: groups of SLOs not among them are left over and removed. */
  all: Slo[];
  settings: AppSettings;
  /** Injected in tests; the configured datasource's ruler otherwise. */
  client?: RulerClient;
  /** Offered when the datasource has no ruler. */
  onDownload: () => void;
}

/** A datasource without a ruler: offered the file instead. */
function rulerFailure(error: unknown): { step: 'no-ruler'; message: string } | { step: 'error'; message: string } {
  return error instanceof NoRulerError ? { step: 'no-ruler', message: error.message } : errorState(error);
}

/**
 * Deploys the chosen SLOs' rule groups to the ruler of the configured datasource through Grafana's
 * ruler API: compare first (a diff per group), then push one group at a time.
 */
export function RulerDeployPanel({ chosen, all, settings, client, onDownload }: RulerDeployPanelProps) {
  const styles = useStyles2(getStyles);
  const { state, compare, apply } = useGroupDeploy(rulerFailure);
  const [open, setOpen] = useState<string | undefined>();
  const ruler = client ?? configuredRuler(settings);
  const namespace = settings.ruleNamespace;
  const limits = rulerLimitsOf(settings);

  if (!(ruler instanceof RulerClient)) {
    return (
      <Alert severity="info" title="Deploy to a ruler" data-testid={testIds.export.deploy.panel}>
        {ruler.reason} Choose a datasource in the app&apos;s configuration to deploy its rules.
      </Alert>
    );
  }
  if (!canReadRulerRules() || !canWriteRulerRules()) {
    return (
      <Alert severity="info" title="Deploy to a ruler" data-testid={testIds.export.deploy.permission}>
        Your role may not write data-source-managed alert rules. Download the file and ask someone who may, or load it
        into Prometheus.
      </Alert>
    );
  }

  return (
    <Stack direction="column" gap={1} data-testid={testIds.export.deploy.panel}>
      <Text element="h3">Deploy to the ruler</Text>
      <Text color="secondary">
        One rule group per SLO and window roll-up, into namespace <code>{namespace}</code> of {ruler.datasourceName},
        through Grafana&apos;s ruler API. Groups of deleted SLOs are removed.
      </Text>
      <RulerLimitsSummary chosen={chosen} settings={settings} />
      <div>
        <Button
          variant="secondary"
          icon="code-branch"
          onClick={() =>
            compare(ruler, { namespace, chosen, all, settings, limits, reading: 'Reading the deployed rules...' })
          }
          disabled={state.step === 'busy' || chosen.length === 0}
          data-testid={testIds.export.deploy.compare}
        >
          Compare with deployed
        </Button>
      </div>
      {state.step === 'busy' && <Text color="secondary">{state.what}</Text>}
      {state.step === 'no-ruler' && (
        <Alert severity="warning" title="No ruler" data-testid={testIds.export.deploy.noRuler}>
          <Stack direction="column" gap={1}>
            <span>{state.message}.</span>
            <div>
              <Button size="sm" icon="download-alt" onClick={onDownload}>
                Download the rule file
              </Button>
            </div>
          </Stack>
        </Alert>
      )}
      {state.step === 'error' && (
        <Alert title="The ruler refused" data-testid={testIds.export.deploy.error}>
          {state.message}
        </Alert>
      )}
      {state.step === 'planned' && (
        <PlanView
          changes={state.changes}
          report={state.limits}
          limits={limits}
          open={open}
          onToggle={(group) => setOpen(open === group ? undefined : group)}
          onApply={() => apply(ruler, namespace, state.changes)}
          styles={styles}
        />
      )}
      {state.step === 'applied' && <ResultsView results={state.results} finished={state.finished} />}
    </Stack>
  );
}

function summary(changes: GroupChange[]): string {
  const counts = countActions(changes);
  const parts = [
    counts.create && `${counts.create} new`,
    counts.update && `${counts.update} changed`,
    counts.delete && `${counts.delete} to remove`,
    counts.unchanged && `${counts.unchanged} unchanged`,
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : 'nothing to deploy';
}

function PlanView({
  changes,
  report,
  limits,
  open,
  onToggle,
  onApply,
  styles,
}: {
  changes: GroupChange[];
  report?: LimitReport;
  limits: RulerLimits;
  open?: string;
  onToggle: (group: string) => void;
  onApply: () => void;
  styles: ReturnType<typeof getStyles>;
}) {
  const pending = changes.filter((c) => c.action !== 'unchanged').length;
  return (
    <Stack direction="column" gap={1}>
      <Text>Groups: {summary(changes)}.</Text>
      {report && <LimitReportView report={report} limits={limits} />}
      <table className={styles.table}>
        <thead>
          <tr>
            <th>Group</th>
            <th>SLO</th>
            <th>Change</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {changes.map((change) => (
            <React.Fragment key={change.group}>
              <tr data-testid={testIds.export.deploy.change}>
                <td>
                  <code>{change.group}</code>
                </td>
                <td>{change.sloUid ?? '-'}</td>
                <td>
                  <Badge text={ACTION_BADGE[change.action].text} color={ACTION_BADGE[change.action].color} />
                  {change.reason && <span className={styles.reason}> {change.reason}</span>}
                </td>
                <td>
                  {change.action !== 'unchanged' && (
                    <Button size="sm" variant="secondary" fill="text" onClick={() => onToggle(change.group)}>
                      {open === change.group ? 'Hide diff' : 'Show diff'}
                    </Button>
                  )}
                </td>
              </tr>
              {open === change.group && (
                <tr>
                  <td colSpan={4}>
                    <DiffBlock lines={diffLines(groupYaml(change.deployed), groupYaml(change.desired))} />
                  </td>
                </tr>
              )}
            </React.Fragment>
          ))}
        </tbody>
      </table>
      <div>
        <Button
          icon="upload"
          onClick={onApply}
          disabled={pending === 0 || report?.fits === false}
          data-testid={testIds.export.deploy.apply}
        >
          {pending === 0 ? 'Up to date' : `Deploy ${pending} ${pending === 1 ? 'change' : 'changes'}`}
        </Button>
      </div>
    </Stack>
  );
}

function ResultsView({ results, finished }: { results: ChangeResult[]; finished: boolean }) {
  const failed = results.find((r) => r.outcome.state === 'failed');
  const done = results.filter((r) => r.outcome.state === 'done').length;
  const toDo = results.filter((r) => r.outcome.state !== 'skipped').length;
  return (
    <Stack direction="column" gap={1}>
      {!finished ? (
        <Text color="secondary">
          Deploying: {done} of {toDo} groups...
        </Text>
      ) : failed ? (
        <Alert title={`Stopped at ${failed.change.group}`}>
          {failed.outcome.state === 'failed' && failed.outcome.message}. The groups above it were deployed; those below
          it were not. Fix the cause and deploy again: deployed groups show as unchanged.
        </Alert>
      ) : (
        <Alert severity="success" title="Deployed">
          The ruler has every group of the chosen SLOs.
        </Alert>
      )}
      <ul>
        {results.map(({ change, outcome }) => (
          <li key={change.group} data-testid={testIds.export.deploy.result}>
            <Icon
              name={outcome.state === 'done' ? 'check' : outcome.state === 'failed' ? 'exclamation-triangle' : 'minus'}
            />{' '}
            <code>{change.group}</code>: {outcomeText(outcome, change.action === 'delete')}
          </li>
        ))}
      </ul>
    </Stack>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  table: css(dataTableCss(theme, { padding: [0.5, 1] })),
  reason: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
});
