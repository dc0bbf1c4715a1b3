import React, { useEffect, useState } from 'react';
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
import { canReadRulerRules, canWriteRulerRules, rulerLimitsOf, rulerOf } from '../../api/ruler';
import { listPrometheusDatasources } from '../../api/datasources';
import { datasourceOf, groupByDatasource } from '../../slo/datasource';
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
  /** Injected in tests; each datasource's own ruler otherwise. */
  clientFor?: (datasourceUid: string) => RulerClient;
  /** Offered when a datasource has no ruler: the rule file of the chosen SLOs on that datasource. */
  onDownload: (datasourceUid: string) => void;
}

/** A datasource without a ruler: offered the file instead. */
function rulerFailure(error: unknown): { step: 'no-ruler'; message: string } | { step: 'error'; message: string } {
  return error instanceof NoRulerError ? { step: 'no-ruler', message: error.message } : errorState(error);
}

/**
 * The datasources whose rulers a deploy of the chosen SLOs concerns: those the chosen SLOs live on, then the
 * others the app's SLOs live on (groups of SLOs that moved away from them are removed there). '' (an SLO
 * with no datasource at all) is left out.
 */
export function deployDatasources(chosen: Slo[], all: Slo[], defaultUid: string): string[] {
  const uids = [
    ...groupByDatasource(chosen, defaultUid).keys(),
    ...groupByDatasource(all, defaultUid).keys(),
    defaultUid,
  ];
  return [...new Set(uids)].filter((uid) => uid !== '');
}

/**
 * Deploys the chosen SLOs' rule groups to the ruler of each one's datasource through Grafana's ruler API:
 * compare first (a diff per group), then push one group at a time, each ruler on its own.
 */
export function RulerDeployPanel({ chosen, all, settings, clientFor, onDownload }: RulerDeployPanelProps) {
  const [compareRound, setCompareRound] = useState(0);
  const datasources = deployDatasources(chosen, all, settings.datasourceUid);
  const homeless = chosen.filter((slo) => datasourceOf(slo, settings.datasourceUid) === '').length;
  const several = datasources.length > 1;
  // The other Prometheus datasources of this Grafana: an SLO moved away from one leaves its groups there.
  const others = listPrometheusDatasources()
    .map((ds) => ds.uid)
    .filter((uid) => !datasources.includes(uid));

  if (datasources.length === 0) {
    return (
      <Alert severity="info" title="Deploy to a ruler" data-testid={testIds.export.deploy.panel}>
        No datasource is configured for Burnrate. Choose a datasource in the app&apos;s configuration to deploy its
        rules.
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
    <Stack direction="column" gap={2} data-testid={testIds.export.deploy.panel}>
      <Stack direction="column" gap={1}>
        <Text element="h3">Deploy to the ruler</Text>
        <Text color="secondary">
          One rule group per SLO and window roll-up, into namespace <code>{settings.ruleNamespace}</code> of the ruler
          of each SLO&apos;s datasource, through Grafana&apos;s ruler API. Groups of deleted SLOs, and of SLOs moved to
          another datasource, are removed.
        </Text>
        {homeless > 0 && (
          <Alert severity="warning" title={`${homeless} of the chosen SLOs have no datasource`}>
            They name none and the app has no default: choose one in the app&apos;s configuration or in each SLO.
          </Alert>
        )}
        <div>
          <Button
            variant="secondary"
            icon="code-branch"
            onClick={() => setCompareRound((round) => round + 1)}
            data-testid={testIds.export.deploy.compare}
          >
            Compare with deployed
          </Button>
        </div>
      </Stack>
      {datasources.map((uid) => {
        const here = chosen.filter((slo) => datasourceOf(slo, settings.datasourceUid) === uid);
        return (
          <RulerDeploySection
            key={uid}
            datasourceUid={uid}
            titled={several || others.length > 0}
            // A ruler none of the chosen SLOs lives on shows only when it holds groups to remove.
            leftoversOnly={here.length === 0}
            chosen={here}
            all={all}
            elsewhereSloUids={
              new Set(all.filter((slo) => datasourceOf(slo, settings.datasourceUid) !== uid).map((slo) => slo.uid))
            }
            settings={settings}
            ruler={clientFor?.(uid) ?? rulerOf(uid)}
            compareRound={compareRound}
            onDownload={() => onDownload(uid)}
          />
        );
      })}
      {others.map((uid) => (
        // No SLO lives here: shown only when it holds groups of the chosen SLOs, left from before a move.
        <RulerDeploySection
          key={uid}
          datasourceUid={uid}
          titled
          leftoversOnly
          chosen={[]}
          all={all}
          elsewhereSloUids={new Set(chosen.map((slo) => slo.uid))}
          settings={settings}
          ruler={clientFor?.(uid) ?? rulerOf(uid)}
          compareRound={compareRound}
          onDownload={() => onDownload(uid)}
        />
      ))}
    </Stack>
  );
}

interface SectionProps {
  datasourceUid: string;
  /** Whether the section names its datasource (there are several). */
  titled: boolean;
  /** Shown only once a compare finds groups to remove (a datasource none of the SLOs lives on). */
  leftoversOnly?: boolean;
  chosen: Slo[];
  all: Slo[];
  elsewhereSloUids: ReadonlySet<string>;
  settings: AppSettings;
  ruler: RulerClient | { reason: string };
  /** Each new round compares this ruler again (0: not yet). */
  compareRound: number;
  onDownload: () => void;
}

/** One datasource's ruler: its plan, its deploy and its outcome, apart from the other rulers'. */
function RulerDeploySection(props: SectionProps) {
  const { datasourceUid, titled, leftoversOnly, chosen, settings, ruler, compareRound, onDownload } = props;
  const styles = useStyles2(getStyles);
  const { state, compare, apply } = useGroupDeploy(rulerFailure);
  const [open, setOpen] = useState<string | undefined>();
  const namespace = settings.ruleNamespace;
  const limits = rulerLimitsOf(settings);

  // Compared on each new round only, with the choice of that render.
  useEffect(() => {
    if (compareRound > 0 && ruler instanceof RulerClient) {
      void compare(ruler, {
        namespace,
        chosen,
        all: props.all,
        elsewhereSloUids: props.elsewhereSloUids,
        settings,
        limits,
        reading: 'Reading the deployed rules...',
      });
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [compareRound]);

  const name = ruler instanceof RulerClient ? ruler.datasourceName : datasourceUid;
  const hasLeftovers =
    (state.step === 'planned' && state.changes.some((c) => c.action !== 'unchanged')) || state.step === 'applied';
  if (leftoversOnly && !hasLeftovers) {
    return null;
  }
  return (
    <Stack direction="column" gap={1} data-testid={testIds.export.deploy.section} data-datasource={datasourceUid}>
      {titled && (
        <Text element="h4">
          {name}: {leftoversOnly ? 'groups to remove' : `${chosen.length} of the chosen SLOs`}
        </Text>
      )}
      {!(ruler instanceof RulerClient) ? (
        <Alert severity="info" title={`No ruler for ${name}`}>
          {ruler.reason}
        </Alert>
      ) : (
        <>
          {!titled && (
            <Text color="secondary">
              Namespace <code>{namespace}</code> of {ruler.datasourceName}.
            </Text>
          )}
          {chosen.length > 0 && <RulerLimitsSummary chosen={chosen} settings={settings} />}
          {state.step === 'busy' && <Text color="secondary">{state.what}</Text>}
          {state.step === 'no-ruler' && (
            <Alert severity="warning" title="No ruler" data-testid={testIds.export.deploy.noRuler}>
              <Stack direction="column" gap={1}>
                <span>{state.message}.</span>
                {chosen.length > 0 && (
                  <div>
                    <Button size="sm" icon="download-alt" onClick={onDownload}>
                      Download the rule file
                    </Button>
                  </div>
                )}
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
        </>
      )}
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
