import React from 'react';
import Big from 'big.js';
import { css } from '@emotion/css';
import { dataTableCss } from '../../components/tableStyles';
import type { GrafanaTheme2 } from '@grafana/data';
import {
  SceneObjectBase,
  SceneObjectUrlSyncConfig,
  type SceneComponentProps,
  type SceneObjectState,
  type SceneObjectUrlValues,
} from '@grafana/scenes';
import {
  Alert,
  Badge,
  Combobox,
  Field,
  Input,
  LoadingPlaceholder,
  RadioButtonGroup,
  Stack,
  Text,
  Tooltip,
  useStyles2,
} from '@grafana/ui';
import type { AppSettings } from '../../settings';
import type { ChangeRisk, ReleaseDecision } from '../../slo/budget';
import { listSlos, type SloEntry } from '../../api/sloStore';
import { testIds } from '../../components/testIds';
import { NoDatasource } from '../../components/NoDatasource';
import { formatPercent } from '../../components/format';
import { gateDecision, type GateResult } from '../../decisions/gate';
import type { DatasourceFailure } from '../../api/byDatasource';
import { DatasourceFailures } from '../../components/DatasourceFailures';
import { readServiceByDatasource } from './gateByDatasource';
import { rankReliabilityWork, serviceToilBudget } from '../../decisions/reliabilityWork';
import { STATUS_COLORS } from '../../components/statusColors';
import { SceneLoader } from '../../scenes/SceneLoader';

export interface GateState extends SceneObjectState {
  settings: AppSettings;
  service: string;
  risk: ChangeRisk;
  /** People in the team that runs the service, for its toil budget. */
  teamSize: number;
}

const RISKS: ChangeRisk[] = ['low', 'medium', 'high'];

/** The decision, and what it could not read. */
export interface GateRead {
  result: GateResult;
  /** Datasources that could not answer: their SLOs are in the decision without figures. */
  failures: DatasourceFailure[];
  /** SLOs of the service that name no datasource while the app has none. */
  unset: number;
}

export const DECISION_COLORS: Record<ReleaseDecision, 'green' | 'blue' | 'orange' | 'red'> = {
  approve: 'green',
  review: 'blue',
  defer: 'orange',
  block: 'red',
};

/** "Can we ship?": the release decision for a change to one service, from its SLOs' budgets now. */
export class GateView extends SceneObjectBase<GateState> {
  static Component = GateRenderer;
  protected _urlSync = new SceneObjectUrlSyncConfig(this, { keys: ['service', 'risk'] });

  /** The services of the stored SLOs: those of the folder's index at once, then those of the SLOs read. */
  readonly services = new SceneLoader<string[]>({ load: (_signal, show) => this.loadServices(show) });
  /** The decision for the service and risk chosen; undefined until a service is chosen. */
  readonly decision = new SceneLoader<GateRead | undefined>({
    inputs: () => [this.state.service, this.state.risk],
    load: (signal) => this.decide(signal),
  });

  constructor(state: GateState) {
    super(state);
    this.setState({ $behaviors: [this.services, this.decision] });
    this.addActivationHandler(() => {
      // Without a service in the URL, the first one is chosen once they are known.
      const sub = this.services.subscribeToState(({ data }) => {
        if (data && !this.state.service && data.length > 0) {
          this.setState({ service: data[0] });
        }
      });
      return () => {
        sub.unsubscribe();
        // Leaving the page cancels the listing; a later visit reads the store again.
        this.listing?.abort.abort();
        this.listing = undefined;
      };
    });
  }

  /**
   * One listing of the store per visit, shared by the services and every decision: with a thousand SLOs a
   * listing is most of the page's work, and choosing another service or risk needs no new one. It belongs
   * to the visit, not to a load: leaving the page cancels it, a new choice does not. One that failed is
   * started again by the next load.
   */
  private listing?: { entries: Promise<SloEntry[]>; abort: AbortController };

  private listStore(onIndexed?: (entries: SloEntry[]) => void): Promise<SloEntry[]> {
    if (!this.listing) {
      const abort = new AbortController();
      const entries = listSlos(this.state.settings.sloFolderUid, abort.signal, onIndexed);
      const listing = { entries, abort };
      this.listing = listing;
      entries.catch(() => {
        if (this.listing === listing) {
          this.listing = undefined;
        }
      });
    }
    return this.listing.entries;
  }

  getUrlState(): SceneObjectUrlValues {
    return { service: this.state.service || undefined, risk: this.state.risk };
  }

  updateFromUrl(values: SceneObjectUrlValues): void {
    const service = typeof values.service === 'string' ? values.service : this.state.service;
    const risk = RISKS.includes(values.risk as ChangeRisk) ? (values.risk as ChangeRisk) : this.state.risk;
    if (service !== this.state.service || risk !== this.state.risk) {
      this.setState({ service, risk });
    }
  }

  private async loadServices(show: (services: string[]) => void): Promise<string[]> {
    return servicesOf(await this.listStore((indexed) => show(servicesOf(indexed))));
  }

  /**
   * Reads the service's budgets, each SLO on its own datasource in one query per metric, and applies the decision
   * matrix. An SLO whose datasource cannot answer has no figures: as any SLO without figures, it asks for review.
   */
  private async decide(signal: AbortSignal): Promise<GateRead | undefined> {
    const { settings, service, risk } = this.state;
    if (!service) {
      return undefined;
    }
    // The SLOs of the store whose rules have not recorded a whole window read their budget from raw data.
    const { readings, slos, failures, unset } = await readServiceByDatasource(
      service,
      this.listStore().then((entries) => entries.flatMap((e) => (e.kind === 'ok' ? [e.slo] : []))),
      settings.datasourceUid,
      { at: Math.floor(Date.now() / 1000), evaluationInterval: settings.evaluationInterval, signal }
    );
    // Nothing to read: the store tells rules that have not recorded yet from a service without SLOs.
    return { result: gateDecision(service, risk, readings, readings.length > 0 ? 0 : slos.length), failures, unset };
  }

  setChoice = (change: Partial<Pick<GateState, 'service' | 'risk'>>): void => {
    this.setState(change);
  };
}

function servicesOf(entries: SloEntry[]): string[] {
  return [...new Set(entries.flatMap((e) => (e.kind === 'ok' ? [e.slo.service] : [])))].sort();
}

function GateRenderer({ model }: SceneComponentProps<GateView>) {
  const { service, risk, teamSize } = model.useState();
  const services = model.services.useState();
  const decision = model.decision.useState();
  const result = decision.data?.result;
  const failures = decision.data?.failures ?? [];
  // Without a service in the URL, the decision waits for the services (the first is chosen).
  const loading = services.loading || decision.loading;
  const error = services.error ?? decision.error;
  const styles = useStyles2(getStyles);
  return (
    <Stack direction="column" gap={2} data-testid={testIds.gate.container}>
      <Stack direction="row" gap={2} wrap="wrap">
        <Field label="Service">
          <div data-testid={testIds.gate.service}>
            <Combobox
              width={30}
              options={(services.data ?? []).map((s) => ({ value: s, label: s }))}
              value={service || null}
              onChange={(option) => model.setChoice({ service: option?.value ?? '' })}
            />
          </div>
        </Field>
        <Field label="Risk of the change">
          <div data-testid={testIds.gate.risk}>
            <RadioButtonGroup
              options={RISKS.map((r) => ({ value: r, label: r[0].toUpperCase() + r.slice(1) }))}
              value={risk}
              onChange={(r) => model.setChoice({ risk: r })}
            />
          </div>
        </Field>
      </Stack>
      {error && (
        <Alert title="Cannot decide" data-testid={testIds.gate.error}>
          {error}
        </Alert>
      )}
      {(decision.data?.unset ?? 0) > 0 && <NoDatasource />}
      <DatasourceFailures failures={failures} />
      {loading && !result && <LoadingPlaceholder text="Reading the budgets..." />}
      {result && (
        <Stack direction="column" gap={1}>
          <div className={styles.decision} data-testid={testIds.gate.decision} data-decision={result.decision}>
            <Badge text={result.decision.toUpperCase()} color={DECISION_COLORS[result.decision]} />
            <Text element="h3">
              {result.risk[0].toUpperCase() + result.risk.slice(1)}-risk change to {result.service}
            </Text>
          </div>
          <Text data-testid={testIds.gate.reason}>{result.reason}</Text>
          {result.objectives.length > 0 && (
            <table className={styles.table}>
              <thead>
                <tr>
                  {['SLO', 'Window', 'Objective', 'Budget left', 'Burn 1h', 'Status', 'Decision'].map((h) => (
                    <th key={h}>{h}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {result.objectives.map((o) => (
                  <tr key={`${o.sloUid}/${o.window}`} data-testid={testIds.gate.row}>
                    <td>{o.sloName}</td>
                    <td>{o.window}</td>
                    <td>{new Big(o.target).times(100).toString()}%</td>
                    <td>{o.remaining === undefined ? '–' : formatPercent(o.remaining, 1)}</td>
                    <td>{o.burnRate1h === undefined ? '–' : `${o.burnRate1h.toFixed(2)}x`}</td>
                    <td>
                      {o.status === 'no-data' ? 'no data' : <Badge text={o.status} color={STATUS_COLORS[o.status]} />}
                    </td>
                    <td>
                      {o.counted ? (
                        <Badge text={o.decision} color={DECISION_COLORS[o.decision]} />
                      ) : (
                        <Tooltip content={o.reason}>
                          <span data-testid={testIds.gate.notCounted}>not counted ({o.sloStatus})</span>
                        </Tooltip>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {result.objectives.length > 0 && (
            <ReliabilityWork result={result} teamSize={teamSize} onTeamSize={(n) => model.setState({ teamSize: n })} />
          )}
          <Text color="secondary" variant="bodySmall">
            The same decision in a pipeline: <code>{pipelineCommand(result.service, result.risk)}</code> (exit 0 only on
            approve).
          </Text>
        </Stack>
      )}
    </Stack>
  );
}

function ReliabilityWork({
  result,
  teamSize,
  onTeamSize,
}: {
  result: GateResult;
  teamSize: number;
  onTeamSize: (n: number) => void;
}) {
  const styles = useStyles2(getStyles);
  const work = rankReliabilityWork(result.objectives);
  const toil = Number.isFinite(teamSize) && teamSize > 0 ? serviceToilBudget(result.objectives, teamSize) : undefined;
  return (
    <Stack direction="column" gap={1} data-testid={testIds.gate.work}>
      <Text element="h4">Reliability work</Text>
      <ol className={styles.work}>
        {work.map((item) => (
          <li key={`${item.objective.sloUid}/${item.objective.window}`}>
            <strong>
              {item.objective.sloName} ({item.objective.window})
            </strong>
            : {item.action}
          </li>
        ))}
      </ol>
      <Stack direction="row" gap={2} alignItems="center">
        <Field label="People in the team" description="For the toil budget">
          <Input
            type="number"
            min={1}
            width={12}
            value={teamSize}
            onChange={(e) => onTeamSize(Number(e.currentTarget.value))}
            data-testid={testIds.gate.teamSize}
          />
        </Field>
        <Text data-testid={testIds.gate.toil}>
          {toil
            ? `Toil budget: ${oneDecimal(toil.sharePercent)}% of the team's time, ${oneDecimal(toil.hoursPerWeek)} hours a week (from the worst objective).`
            : 'Toil budget: no figures to base it on.'}
        </Text>
      </Stack>
    </Stack>
  );
}

/** 41.83 -> "41.8", 32 -> "32": what a person reads, not the float behind it. */
function oneDecimal(value: number): string {
  return String(Math.round(value * 10) / 10);
}

function pipelineCommand(service: string, risk: ChangeRisk): string {
  return `npm run -s cli -- gate --service ${service} --risk ${risk} --prometheus URL`;
}

const getStyles = (theme: GrafanaTheme2) => ({
  work: css({ margin: 0, paddingLeft: theme.spacing(3) }),
  decision: css({ display: 'flex', alignItems: 'center', gap: theme.spacing(1) }),
  table: css(dataTableCss(theme, { padding: [0.5, 1.5], fullWidth: false })),
});
