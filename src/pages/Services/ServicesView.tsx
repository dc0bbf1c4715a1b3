import React, { useMemo } from 'react';
import { SceneObjectBase, type SceneComponentProps, type SceneObjectState } from '@grafana/scenes';
import {
  Alert,
  Button,
  ConfirmModal,
  InteractiveTable,
  LoadingPlaceholder,
  Stack,
  Text,
  type Column,
} from '@grafana/ui';
import type { AppSettings } from '../../settings';
import type { BudgetStatus } from '../../slo/budget';
import {
  SERVICE_TYPE_TITLES,
  withJourney,
  withoutJourney,
  withoutService,
  withService,
  type Catalogue,
  type Journey,
  type Service,
} from '../../slo/catalogue';
import { journeysHealth, type JourneyHealth } from '../../slo/journeyHealth';
import { TIERS } from '../../slo/tiers';
import { loadCatalogue, saveCatalogue, type StoredCatalogue } from '../../api/catalogueStore';
import { listSlos } from '../../api/sloStore';
import { CatalogueConflictError, errorMessage } from '../../api/errors';
import { testIds } from '../../components/testIds';
import { JourneyCombined, StepStatusBadge, stepTitle } from '../../components/JourneyHealthList';
import type { MemberReading } from '../../slo/combined';
import { loadLiveNumbers } from '../Overview/liveNumbers';
import { DatasourceFailures } from '../../components/DatasourceFailures';
import type { DatasourceFailure } from '../../api/byDatasource';
import { objectiveMembers } from '../Overview/combinedRows';
import { buildServiceRows, uncataloguedServices, type ServiceRow } from './serviceRows';
import { ServiceForm } from './ServiceForm';
import { JourneyForm, type SloChoice } from './JourneyForm';
import { SceneLoader } from '../../scenes/SceneLoader';

type Editing = { kind: 'service'; name?: string } | { kind: 'journey'; name?: string };

interface SloStatus extends SloChoice {
  status?: BudgetStatus;
}

export interface ServicesViewState extends SceneObjectState {
  settings: AppSettings;
  editing?: Editing;
  pendingDelete?: Editing & { name: string };
  saving: boolean;
  saveError?: string;
  conflict?: string;
}

/** The SLOs the catalogue refers to: first as choices, then with their statuses. */
interface SloStatuses {
  slos: SloStatus[];
  /** Each SLO's objectives with their events over their windows, for the journeys' combined figures. */
  members?: Map<string, MemberReading[]>;
  /** Datasources that did not answer: their SLOs have no status. */
  failures?: DatasourceFailure[];
}

/** The catalogue of services and user journeys: lists, and forms to add, edit and delete them. */
export class ServicesView extends SceneObjectBase<ServicesViewState> {
  static Component = ServicesRenderer;

  /** The catalogue as stored; a save puts the version it saved here. */
  readonly catalogue = new SceneLoader<StoredCatalogue>({ load: (signal) => loadCatalogue(signal) });
  readonly sloStatuses = new SceneLoader<SloStatuses>({ load: (signal, show) => this.loadSlos(signal, show) });

  constructor(state: Pick<ServicesViewState, 'settings'>) {
    super({ ...state, saving: false });
    this.setState({ $behaviors: [this.catalogue, this.sloStatuses] });
  }

  private async loadSlos(signal: AbortSignal, show: (partial: SloStatuses) => void): Promise<SloStatuses> {
    const { settings } = this.state;
    const entries = await listSlos(settings.sloFolderUid, signal);
    const slos = entries.flatMap((e) => (e.kind === 'ok' ? [e.slo] : []));
    const choices = slos.map((s) => ({ uid: s.uid, name: s.displayName ?? s.name, service: s.service }));
    show({ slos: choices });
    // The statuses come after: the catalogue is usable without a datasource.
    const { rows, windowEvents, failures } = await loadLiveNumbers(slos, settings, signal);
    const statusByUid = new Map(rows.map((r) => [r.slo.uid, r.status]));
    return {
      slos: choices.map((c) => ({ ...c, status: statusByUid.get(c.uid) })),
      members: objectiveMembers(rows, windowEvents),
      failures,
    };
  }

  edit = (editing: Editing | undefined): void => {
    this.setState({ editing, saveError: undefined, conflict: undefined });
  };

  askDelete = (pendingDelete: ServicesViewState['pendingDelete']): void => {
    this.setState({ pendingDelete, saveError: undefined, conflict: undefined });
  };

  saveService = (service: Service): Promise<void> =>
    this.save((c) => withService(c, service, this.state.editing?.name));

  saveJourney = (journey: Journey): Promise<void> =>
    this.save((c) => withJourney(c, journey, this.state.editing?.name));

  confirmDelete = async (): Promise<void> => {
    const pending = this.state.pendingDelete;
    this.setState({ pendingDelete: undefined });
    if (pending) {
      await this.save((c) =>
        pending.kind === 'service' ? withoutService(c, pending.name) : withoutJourney(c, pending.name)
      );
    }
  };

  /**
   * Saves a change over the version loaded. On a conflict their version is loaded and the form stays
   * open with the user's draft, to be checked against theirs and saved again: nothing typed is lost.
   */
  private async save(change: (catalogue: Catalogue) => Catalogue): Promise<void> {
    const { settings } = this.state;
    const stored = this.catalogue.state.data;
    if (!stored || stored.broken) {
      return;
    }
    this.setState({ saving: true, saveError: undefined, conflict: undefined });
    try {
      await saveCatalogue(change(stored.catalogue), settings.sloFolderUid, stored.stored);
      this.catalogue.setData(await loadCatalogue());
      this.setState({ editing: undefined, saving: false });
    } catch (error) {
      if (error instanceof CatalogueConflictError) {
        this.catalogue.setData(await loadCatalogue().catch(() => stored));
        this.setState({ conflict: error.message, saving: false });
      } else {
        this.setState({ saveError: errorMessage(error), saving: false });
      }
    }
  }
}

const NO_SLOS: SloStatus[] = [];

function ServicesRenderer({ model }: SceneComponentProps<ServicesView>) {
  const { editing, pendingDelete, saving, saveError, conflict } = model.useState();
  const { data: stored, ...catalogueLoad } = model.catalogue.useState();
  const { data: statuses, ...slosLoad } = model.sloStatuses.useState();
  const slos = statuses?.slos ?? NO_SLOS;
  const members = statuses?.members;
  // The page waits for the catalogue and the SLOs, not for their statuses; read again, they stay on screen.
  const loading = (catalogueLoad.loading && !stored) || (slosLoad.loading && !statuses);
  const error = catalogueLoad.error ?? slosLoad.error;
  const catalogue = stored?.catalogue;
  const serviceRows = useMemo(() => (catalogue ? buildServiceRows(catalogue, slos) : []), [catalogue, slos]);
  const journeys = useMemo(
    () => (catalogue ? journeysHealth(catalogue.journeys, slos, members) : []),
    [catalogue, slos, members]
  );
  const missing = useMemo(() => (catalogue ? uncataloguedServices(catalogue, slos) : []), [catalogue, slos]);
  if (loading) {
    return <LoadingPlaceholder text="Loading services and journeys..." />;
  }
  if (error || !stored || !catalogue) {
    return (
      <Alert title="Could not load the services and journeys" data-testid={testIds.services.error}>
        {error}
      </Alert>
    );
  }
  const readOnly = !stored.canSave || stored.broken !== undefined;
  return (
    <div data-testid={testIds.services.container}>
      <Stack direction="column" gap={2}>
        {stored.broken && (
          <Alert title="The stored services and journeys cannot be read" data-testid={testIds.services.broken}>
            {stored.broken.message}
            <ul>
              {stored.broken.issues.map((issue, i) => (
                <li key={i}>
                  {issue.path && <code>{issue.path}</code>} {issue.message}
                </li>
              ))}
            </ul>
            Saving is off so that nothing stored is lost: repair the dashboard &quot;burnrate-catalogue&quot; in
            Grafana.
          </Alert>
        )}
        <DatasourceFailures failures={statuses?.failures} />
        {!stored.canSave && !stored.broken && (
          <Alert severity="info" title="Read only">
            The permissions of the SLO folder do not let you change services and journeys.
          </Alert>
        )}
        {conflict && (
          <Alert severity="warning" title="Not saved: changed by someone else" data-testid={testIds.services.conflict}>
            {conflict}. Their version is loaded and your edit is still in the form: check it and save again.
          </Alert>
        )}
        {saveError && (
          <Alert title="Could not save" data-testid={testIds.services.saveError}>
            {saveError}. Your edit is still in the form.
          </Alert>
        )}
        {editing?.kind === 'service' && (
          <ServiceForm
            initial={catalogue.services.find((s) => s.name === editing.name)}
            catalogue={catalogue}
            saving={saving}
            readOnly={readOnly}
            onSubmit={model.saveService}
            onCancel={() => model.edit(undefined)}
          />
        )}
        {editing?.kind === 'journey' && (
          <JourneyForm
            initial={catalogue.journeys.find((j) => j.name === editing.name)}
            catalogue={catalogue}
            slos={slos}
            saving={saving}
            readOnly={readOnly}
            onSubmit={model.saveJourney}
            onCancel={() => model.edit(undefined)}
          />
        )}
        {!editing && (
          <>
            <ServicesSection rows={serviceRows} missing={missing} readOnly={readOnly} model={model} />
            <JourneysSection journeys={journeys} readOnly={readOnly} model={model} />
          </>
        )}
      </Stack>
      <ConfirmModal
        isOpen={pendingDelete !== undefined}
        title={`Delete the ${pendingDelete?.kind ?? ''} "${pendingDelete?.name ?? ''}"?`}
        body={
          pendingDelete?.kind === 'service'
            ? 'Its SLOs stay; they keep their service name.'
            : 'Its SLOs stay; only the journey is removed.'
        }
        confirmText="Delete"
        onConfirm={model.confirmDelete}
        onDismiss={() => model.askDelete(undefined)}
      />
    </div>
  );
}

interface SectionProps {
  readOnly: boolean;
  model: ServicesView;
}

function RowActions({ what, name, readOnly, model }: SectionProps & { what: Editing['kind']; name: string }) {
  return (
    <Stack gap={1}>
      <Button
        size="sm"
        variant="secondary"
        icon="pen"
        disabled={readOnly}
        aria-label={`Edit ${what} ${name}`}
        onClick={() => model.edit({ kind: what, name })}
        data-testid={testIds.services.edit}
      >
        Edit
      </Button>
      <Button
        size="sm"
        variant="destructive"
        icon="trash-alt"
        disabled={readOnly}
        aria-label={`Delete ${what} ${name}`}
        onClick={() => model.askDelete({ kind: what, name })}
        data-testid={testIds.services.delete}
      >
        Delete
      </Button>
    </Stack>
  );
}

function ServicesSection({ rows, missing, readOnly, model }: SectionProps & { rows: ServiceRow[]; missing: string[] }) {
  const columns: Array<Column<ServiceRow>> = [
    {
      id: 'name',
      header: 'Service',
      cell: ({ row }) => <span data-testid={testIds.services.serviceRow}>{row.original.service.name}</span>,
    },
    { id: 'type', header: 'Type', cell: ({ row }) => SERVICE_TYPE_TITLES[row.original.service.type] },
    {
      id: 'tier',
      header: 'Tier',
      cell: ({ row }) => (row.original.service.tier ? TIERS[row.original.service.tier].title : '–'),
    },
    { id: 'owner', header: 'Owner', cell: ({ row }) => row.original.service.owner ?? '–' },
    { id: 'slos', header: 'SLOs', cell: ({ row }) => row.original.sloCount },
    {
      id: 'status',
      header: 'Worst status',
      cell: ({ row }) =>
        row.original.status ? <StepStatusBadge status={row.original.status} /> : <Text color="secondary">no SLOs</Text>,
    },
    {
      id: 'actions',
      header: '',
      cell: ({ row }) => (
        <RowActions what="service" name={row.original.service.name} readOnly={readOnly} model={model} />
      ),
    },
  ];
  return (
    <section aria-label="Services">
      <Stack direction="column" gap={1}>
        <Stack justifyContent="space-between" alignItems="center">
          <Text element="h3">Services</Text>
          <Button
            icon="plus"
            disabled={readOnly}
            onClick={() => model.edit({ kind: 'service' })}
            data-testid={testIds.services.addService}
          >
            Add service
          </Button>
        </Stack>
        {rows.length === 0 ? (
          <Text color="secondary">No services yet. A service&apos;s type proposes the SLIs that fit it.</Text>
        ) : (
          <InteractiveTable columns={columns} data={rows} getRowId={(r) => r.service.name} />
        )}
        {missing.length > 0 && (
          <Text color="secondary" variant="bodySmall">
            SLO services not in the catalogue: {missing.join(', ')}
          </Text>
        )}
      </Stack>
    </section>
  );
}

function JourneysSection({ journeys, readOnly, model }: SectionProps & { journeys: JourneyHealth[] }) {
  const columns: Array<Column<JourneyHealth>> = [
    {
      id: 'name',
      header: 'Journey',
      cell: ({ row }) => <span data-testid={testIds.services.journeyRow}>{row.original.journey.name}</span>,
    },
    {
      id: 'steps',
      header: 'Steps',
      cell: ({ row }) => row.original.steps.map((s, i) => `${i + 1}. ${s.title}`).join(' → '),
    },
    {
      id: 'status',
      header: 'Status (worst step)',
      cell: ({ row }) => <StepStatusBadge status={row.original.status} />,
    },
    {
      id: 'combined',
      header: 'All steps combined',
      cell: ({ row }) =>
        row.original.combined ? (
          <JourneyCombined combined={row.original.combined} titleOf={stepTitle(row.original)} />
        ) : (
          <Text color="secondary">–</Text>
        ),
    },
    {
      id: 'actions',
      header: '',
      cell: ({ row }) => (
        <RowActions what="journey" name={row.original.journey.name} readOnly={readOnly} model={model} />
      ),
    },
  ];
  return (
    <section aria-label="User journeys">
      <Stack direction="column" gap={1}>
        <Stack justifyContent="space-between" alignItems="center">
          <Text element="h3">User journeys</Text>
          <Button
            icon="plus"
            disabled={readOnly}
            onClick={() => model.edit({ kind: 'journey' })}
            data-testid={testIds.services.addJourney}
          >
            Add journey
          </Button>
        </Stack>
        {journeys.length === 0 ? (
          <Text color="secondary">No journeys yet. A journey groups SLOs as the steps a user goes through.</Text>
        ) : (
          <InteractiveTable columns={columns} data={journeys} getRowId={(j) => j.journey.name} />
        )}
      </Stack>
    </section>
  );
}
