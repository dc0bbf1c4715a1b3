import React, { useState } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { locationService } from '@grafana/runtime';
import {
  DataSourceVariable,
  NewSceneObjectAddedEvent,
  SceneObjectBase,
  sceneGraph,
  TextBoxVariable,
  type SceneComponentProps,
  type SceneObject,
  type SceneObjectState,
} from '@grafana/scenes';
import {
  Alert,
  Badge,
  Button,
  ConfirmModal,
  LinkButton,
  LoadingPlaceholder,
  Stack,
  Text,
  TextLink,
  useStyles2,
} from '@grafana/ui';
import type { AppSettings } from '../../settings';
import { deleteSlo, getSlo, type SloEntry, type StoredSlo } from '../../api/sloStore';
import type { Slo } from '../../slo/types';
import { reviewDue, sloStatus, STATUS_TITLES } from '../../slo/lifecycle';
import { createdSeconds } from '../../components/ReviewsDue/reviewRows';
import { errorMessage, isCancelled, SloConflictError } from '../../api/errors';
import { testIds } from '../../components/testIds';
import { NoDatasource } from '../../components/NoDatasource';
import { FIRST_TILES_REF, instantsByUid, firstTilesQuery, planReplay } from '../../decisions/replay';
import { tierTitle } from '../../components/format';
import { approximationNote, describeSliceCounting, formatTarget, formatWindow } from '../../slo/describe';
import { exportUrl, prefixRoute, sloEditUrl } from '../../utils/utils.routing';
import { ROUTES, VARIABLES } from '../../constants';
import { queryInstant, type InstantSample } from '../../api/query';
import { alertsSelector, recordedSeriesCheckExpr, type SeriesSource } from '../../promql/panels';
import { defaultBreakdownLabel } from '../../scenes/sloPanels';
import { buildSloPanels } from './buildSloPanels';
import { DriftBadge } from '../../components/DriftBadge';
import { loadDrift, type DriftReport } from '../../api/ruler';
import { loadRulesWhere, type RulesWhereReport } from '../../api/rulesWhere';
import { RulesWhere } from '../../components/RulesWhere';
import { SloExportActions } from './SloExportActions';
import { phaseAt, sloAt, type PhaseNow } from '../../slo/phases';
import { maintenanceWords } from '../../slo/maintenance';
import { SceneLoader } from '../../scenes/SceneLoader';
import { SloHistory } from './SloHistory';
import { datasourceOf } from '../../slo/datasource';
import { findDatasource } from '../../api/datasources';

export interface SloDetailState extends SceneObjectState {
  sloUid: string;
  settings: AppSettings;
  /** Told the SLO's display name (or name) once it is read: the page's title and breadcrumb show it, not the uid. */
  onName?: (name: string) => void;
  /** Built from the SLO once it is read. */
  panels?: SceneObject;
  exportActions?: SloExportActions;
}

/** What the page reads: the SLO and the series its panels use first, the deployed rules after. */
interface SloDetailData {
  entry: SloEntry;
  /** Which series the panels read: the recorded ones, or the raw SLI queries where the rules are not deployed. */
  source?: SeriesSource;
  /** Why the source is what it is, when it could not be checked. */
  sourceNote?: string;
  /** The recorded series start within the first objective's window: since when they record. */
  recordedSince?: number;
  firingAlerts?: InstantSample[];
  /** The deployed rules against this SLO, from the ruler of the datasource. */
  drift?: DriftReport;
  /** Where its rules run besides the ruler (Grafana-managed, a rule file). */
  rulesWhere?: RulesWhereReport;
}

export class SloDetailView extends SceneObjectBase<SloDetailState> {
  static Component = SloDetailRenderer;

  readonly slo = new SceneLoader<SloDetailData>({ load: (signal, show) => this.load(signal, show) });

  constructor(state: SloDetailState) {
    super(state);
    this.setState({ $behaviors: [this.slo] });
    this.addActivationHandler(() => {
      const sub = this.slo.subscribeToState(({ data }, previous) => {
        if (data && (data.entry !== previous.data?.entry || data.source !== previous.data?.source)) {
          this.buildPanels(data.entry, data.source ?? 'recorded');
        }
        if (data?.entry.kind === 'ok' && data.entry !== previous.data?.entry) {
          this.state.onName?.(data.entry.slo.displayName ?? data.entry.slo.name);
        }
      });
      return () => sub.unsubscribe();
    });
  }

  private async load(signal: AbortSignal, show: (partial: SloDetailData) => void): Promise<SloDetailData> {
    const entry = await getSlo(this.state.sloUid, signal);
    if (entry.kind !== 'ok' || entry.slo.objectives.length === 0) {
      return { entry };
    }
    const datasourceUid = this.showDatasourceOf(entry.slo);
    const found = { entry, ...(await this.detectSource(entry.slo, datasourceUid, signal)) };
    show(found);
    // The deployed rules are those of the ruler of the SLO's datasource.
    const settings = { ...this.state.settings, datasourceUid };
    const [drift, rulesWhere] = await Promise.all([
      loadDrift([entry.slo], settings, signal),
      loadRulesWhere([entry.slo], settings, signal),
    ]);
    return { ...found, drift, rulesWhere };
  }

  /**
   * Points the page's datasource variable at the datasource the SLO lives on, its own or the app's default:
   * the panels, the budget summary and the group breakdown query through it. Returns its uid, '' for none.
   */
  private showDatasourceOf(slo: Slo): string {
    const uid = datasourceOf(slo, this.state.settings.datasourceUid);
    const variable = sceneGraph.lookupVariable(VARIABLES.datasource, this);
    if (uid !== '' && variable instanceof DataSourceVariable && variable.getValue() !== uid) {
      variable.changeValueTo(uid, findDatasource(uid)?.name ?? uid);
    }
    return uid;
  }

  /** The panels and export actions of the SLO, with the targets in force now (the rules follow progressive targets by date). */
  private buildPanels(entry: SloEntry, source: SeriesSource): void {
    const current = entry.kind === 'ok' ? sloAt(entry.slo, Date.now() / 1000) : undefined;
    const objective = current?.objectives[0];
    if (entry.kind !== 'ok' || !current || !objective) {
      return;
    }
    const breakdown = sceneGraph.lookupVariable(VARIABLES.breakdown, this);
    if (breakdown instanceof TextBoxVariable && breakdown.getValue() === '') {
      breakdown.setValue(defaultBreakdownLabel(entry.slo.indicator));
    }
    const options = {
      slo: current,
      objective,
      source,
      evaluationInterval: this.state.settings.evaluationInterval,
    };
    const panels = buildSloPanels(options);
    const exportActions = new SloExportActions({
      options,
      settings: this.state.settings,
      datasourceUid: datasourceOf(entry.slo, this.state.settings.datasourceUid),
    });
    this.setState({ panels, exportActions });
    // Let the URL set the variables of the panels, which did not exist when the page was opened.
    this.publishEvent(new NewSceneObjectAddedEvent(panels), true);
  }

  /**
   * Whether the rules of the SLO are deployed on the datasource (a cheap count of its objective series),
   * and its firing alerts. Without an answer the page reads the recorded series and says why.
   */
  private async detectSource(
    slo: Slo,
    datasourceUid: string,
    signal: AbortSignal
  ): Promise<{ source: SeriesSource; sourceNote?: string; recordedSince?: number; firingAlerts?: InstantSample[] }> {
    if (!datasourceUid) {
      return { source: 'recorded' };
    }
    const now = Math.floor(Date.now() / 1000);
    const firstTiles = firstTilesQuery([slo], now);
    try {
      const result = await queryInstant(
        datasourceUid,
        [
          { refId: 'CHECK', expr: recordedSeriesCheckExpr(slo.uid) },
          { refId: 'ALERTS', expr: alertsSelector(slo.uid) },
          ...(firstTiles ? [firstTiles] : []),
        ],
        signal
      );
      const recorded = (result.CHECK ?? []).some((s) => s.value > 0);
      // Rules younger than the window: the window stats count only what they recorded; say since when.
      const [plan] = planReplay([slo], now, instantsByUid(result[FIRST_TILES_REF] ?? []));
      const recordedSince = recorded && plan?.source === 'stitched' ? plan.recordedSince : undefined;
      return {
        source: recorded ? 'recorded' : 'raw',
        firingAlerts: result.ALERTS ?? [],
        ...(recordedSince !== undefined && { recordedSince }),
      };
    } catch (error) {
      if (isCancelled(error)) {
        throw error;
      }
      return { source: 'recorded', sourceNote: `could not check the datasource: ${errorMessage(error)}` };
    }
  }

  /** After a restore, or a restore refused because someone saved since: the page shows the version stored now. */
  onRestored = (): Promise<void> => this.slo.refresh();

  onDelete = async (): Promise<void> => {
    const entry = this.slo.state.data?.entry;
    if (entry) {
      try {
        await deleteSlo(entry);
      } catch (error) {
        if (error instanceof SloConflictError) {
          await this.slo.refresh();
          throw new Error(`${error.message}: the page now shows their version; delete again if it should still go`);
        }
        throw error;
      }
      locationService.push(prefixRoute(ROUTES.Slos));
    }
  };
}

function SloDetailRenderer({ model }: SceneComponentProps<SloDetailView>) {
  const { panels, settings, exportActions } = model.useState();
  const { loading, data, error } = model.slo.useState();
  const { entry, source, sourceNote, recordedSince, firingAlerts, drift, rulesWhere } = data ?? {};
  if (loading && !data) {
    return <LoadingPlaceholder text="Loading SLO..." />;
  }
  if (error || !entry) {
    return (
      <Alert title="Could not load the SLO" data-testid={testIds.sloDetail.error}>
        {error}
      </Alert>
    );
  }
  if (entry.kind === 'broken') {
    // Its history stays at hand: a version from before it broke can be restored.
    return (
      <div>
        <Alert title={`Cannot read ${entry.title}`} data-testid={testIds.sloDetail.broken}>
          {entry.error.message}
          {entry.error.issues.map((i, n) => (
            <div key={n}>
              {i.path}: {i.message}
            </div>
          ))}
        </Alert>
        <SloHistory entry={entry} onRestored={model.onRestored} />
      </div>
    );
  }
  return (
    <div data-testid={testIds.sloDetail.container}>
      <SloHeader entry={entry} onDelete={model.onDelete} />
      <SloStatusLine
        source={source}
        sourceNote={sourceNote}
        recordedSince={recordedSince}
        firingAlerts={firingAlerts}
        drift={drift}
        rulesWhere={rulesWhere}
        sloUid={entry.slo.uid}
      />
      {exportActions && <exportActions.Component model={exportActions} />}
      {datasourceOf(entry.slo, settings.datasourceUid) === '' && <NoDatasource />}
      {panels && <panels.Component model={panels} />}
      <SloHistory entry={entry} onRestored={model.onRestored} />
    </div>
  );
}

function SloStatusLine({
  source,
  sourceNote,
  recordedSince,
  firingAlerts,
  drift,
  rulesWhere,
  sloUid,
}: {
  source?: SeriesSource;
  sourceNote?: string;
  recordedSince?: number;
  firingAlerts?: InstantSample[];
  drift?: DriftReport;
  rulesWhere?: RulesWhereReport;
  sloUid: string;
}) {
  const styles = useStyles2(getStyles);
  return (
    <div className={styles.statusLine}>
      <Stack gap={2} wrap="wrap" alignItems="center">
        <span data-testid={testIds.sloDetail.firingAlerts}>
          {firingAlerts === undefined ? (
            <Text color="secondary">Alerts: unknown</Text>
          ) : firingAlerts.length === 0 ? (
            <Badge text="No alert firing" color="green" icon="check" />
          ) : (
            <Stack gap={1} wrap="wrap">
              {firingAlerts.map((a, i) => (
                <Badge
                  key={i}
                  color={a.labels.severity === 'page' ? 'red' : 'orange'}
                  icon="fire"
                  text={`Firing: ${a.labels.alertname ?? 'alert'} ${a.labels.severity ?? ''} (${a.labels.long_window ?? '?'} / ${a.labels.short_window ?? '?'})`}
                />
              ))}
            </Stack>
          )}
        </span>
        {rulesWhere && (
          <Stack gap={1} alignItems="center">
            <Text color="secondary" variant="bodySmall">
              Rules run:
            </Text>
            <RulesWhere drift={drift} where={rulesWhere} sloUid={sloUid} />
          </Stack>
        )}
        {drift && (
          <Stack gap={1} alignItems="center">
            <Text color="secondary" variant="bodySmall">
              Deployed rules:
            </Text>
            <DriftBadge report={drift} sloUid={sloUid} />
          </Stack>
        )}
        {source && (
          <span data-testid={testIds.sloDetail.source}>
            <Text color="secondary" variant="bodySmall">
              {source === 'recorded'
                ? `Queries: the recorded series (slo:* rules)${recordedSinceWords(recordedSince)}${sourceNote ? `; ${sourceNote}` : ''}`
                : 'Queries: the raw SLI queries — the recording rules of this SLO were not found on this datasource'}
            </Text>
          </span>
        )}
      </Stack>
    </div>
  );
}

/**
 * Where the rules record for less than the window: the window stats count only that span, while the list
 * and the overview stitch the window from raw data.
 */
export function recordedSinceWords(recordedSince: number | undefined): string {
  if (recordedSince === undefined) {
    return '';
  }
  const since = new Date(recordedSince * 1000).toISOString().slice(0, 16).replace('T', ' ');
  return (
    `, recording since ${since} UTC: less than the window, so the window stats count only that span` +
    ' (the SLO list and the overview show the whole window, from raw data before it)'
  );
}

/** "Progressive target: 99.5% since 2027-01-01; next 99.9% from 2027-04-01." */
export function phaseWords(baseTarget: string, phase: PhaseNow): string {
  const now = phase.since ? `${formatTarget(phase.target)} since ${phase.since}` : `${formatTarget(baseTarget)} now`;
  const next = phase.next ? `; next ${formatTarget(phase.next.target)} from ${phase.next.from}` : ' (the last phase)';
  return `Progressive target: ${now}${next}.`;
}

/** Status (unless active), the owners given, and when the SLO is next due for review. */
export function lifecycleFacts(entry: StoredSlo, nowSeconds: number): Array<[string, string]> {
  const { slo } = entry;
  const status = sloStatus(slo);
  return [
    ...(status !== 'active' ? [['Status', STATUS_TITLES[status]] as [string, string]] : []),
    ...(slo.owners?.product ? [['Product owner', slo.owners.product] as [string, string]] : []),
    ...(slo.owners?.sre ? [['SRE owner', slo.owners.sre] as [string, string]] : []),
    ...(status !== 'retired'
      ? [['Review', reviewDue(slo, nowSeconds, createdSeconds(entry.created)).text] as [string, string]]
      : []),
  ];
}

function SloHeader({ entry, onDelete }: { entry: StoredSlo; onDelete: () => Promise<void> }) {
  const styles = useStyles2(getStyles);
  const [confirming, setConfirming] = useState(false);
  const [deleteError, setDeleteError] = useState<string>();
  const { slo } = entry;
  const objective = slo.objectives[0];
  const [nowSeconds] = useState(() => Date.now() / 1000);
  const phase = objective?.phases?.length ? phaseAt(objective, nowSeconds) : undefined;
  const maintenance = maintenanceWords(slo.maintenance ?? [], nowSeconds);
  const approximation = approximationNote(slo.indicator.type);
  const facts: Array<[string, string | undefined]> = [
    // The page's title is the display name; the name is what the rules' slo label says.
    ['Name', slo.displayName !== undefined && slo.displayName !== slo.name ? slo.name : undefined],
    ['Service', slo.service],
    ['Objective', objective && formatTarget(phase?.target ?? objective.target)],
    ['Window', objective && formatWindow(objective.window)],
    // Only for time slices: events are what an SLO counts unless it says otherwise.
    ...(slo.timeSlices
      ? [['Counted', describeSliceCounting(slo.timeSlices, slo.indicator.type)] as [string, string | undefined]]
      : []),
    ['Tier', slo.tier && tierTitle(slo.tier)],
    ['Owner', slo.owner],
    ...lifecycleFacts(entry, nowSeconds),
  ];
  const remove = () => onDelete().catch((e: unknown) => setDeleteError(errorMessage(e)));
  return (
    <div className={styles.header} data-testid={testIds.sloDetail.header}>
      <Stack justifyContent="space-between" wrap="wrap">
        <Stack direction="column" gap={1}>
          {slo.description && <Text color="secondary">{slo.description}</Text>}
          {phase && (
            <Text color="secondary" data-testid={testIds.sloDetail.phase}>
              {phaseWords(objective.target, phase)}
            </Text>
          )}
          {maintenance && (
            <Text color="secondary" data-testid={testIds.sloDetail.maintenance}>
              {maintenance}
            </Text>
          )}
          {approximation && (
            <Text color="warning" data-testid={testIds.sloDetail.approximate}>
              {approximation}
            </Text>
          )}
          <Stack gap={3} wrap="wrap">
            {facts.map(([label, value]) => (
              <span key={label}>
                <Text color="secondary">{label}: </Text>
                <Text>{value ?? '–'}</Text>
              </span>
            ))}
            {slo.annotations.runbook && (
              <TextLink href={slo.annotations.runbook} external data-testid={testIds.sloDetail.runbook}>
                Runbook
              </TextLink>
            )}
          </Stack>
        </Stack>
        <Stack gap={1} alignItems="flex-start">
          {entry.canSave && (
            <LinkButton href={sloEditUrl(slo.uid)} icon="pen" variant="secondary" data-testid={testIds.sloDetail.edit}>
              Edit
            </LinkButton>
          )}
          <LinkButton
            href={exportUrl([slo.uid])}
            icon="download-alt"
            variant="secondary"
            data-testid={testIds.sloDetail.export}
            tooltip="This SLO's file and rules, in any format, or deployed"
          >
            Export this SLO
          </LinkButton>
          {entry.canDelete && (
            <Button
              icon="trash-alt"
              variant="destructive"
              fill="outline"
              onClick={() => setConfirming(true)}
              data-testid={testIds.sloDetail.delete}
            >
              Delete
            </Button>
          )}
        </Stack>
      </Stack>
      {deleteError && <Alert title="Could not delete the SLO">{deleteError}</Alert>}
      <ConfirmModal
        isOpen={confirming}
        title="Delete SLO"
        body={`Delete ${slo.displayName ?? slo.name}? Rules already deployed stay where they are.`}
        confirmText="Delete"
        onConfirm={() => {
          setConfirming(false);
          remove();
        }}
        onDismiss={() => setConfirming(false)}
      />
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  header: css({ marginBottom: theme.spacing(1) }),
  statusLine: css({ marginBottom: theme.spacing(1) }),
});
