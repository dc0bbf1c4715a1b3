import React, { useMemo } from 'react';
import {
  SceneObjectBase,
  SceneObjectUrlSyncConfig,
  type SceneComponentProps,
  type SceneObjectState,
  type SceneObjectUrlValues,
} from '@grafana/scenes';
import {
  Alert,
  Combobox,
  EmptyState,
  Field,
  Icon,
  type IconName,
  Input,
  LinkButton,
  LoadingPlaceholder,
  Pagination,
  RadioButtonGroup,
  Stack,
  Text,
} from '@grafana/ui';
import type { AppSettings } from '../../settings';
import { deleteSlo, type SloEntry } from '../../api/sloStore';
import { withEarlySlos } from '../../api/earlySlos';
import { afterPaint } from '../../utils/afterPaint';
import { errorMessage, SloConflictError } from '../../api/errors';
import { testIds } from '../../components/testIds';
import { prefixRoute } from '../../utils/utils.routing';
import { ROUTES } from '../../constants';
import { SloTable } from './SloTable';
import { datasourceOf } from '../../slo/datasource';
import { loadDrift, type DriftReport } from '../../api/ruler';
import { loadRulesWhere, type RulesWhereReport } from '../../api/rulesWhere';
import { loadLiveNumbers, type LiveNumbers } from '../Overview/liveNumbers';
import { DatasourceFailures } from '../../components/DatasourceFailures';
import { STATUS_FILTERS } from '../Overview/overviewRows';
import {
  LIST_URL_KEYS,
  listQueryFromUrl,
  listQueryToUrl,
  sameListQuery,
  selectListPage,
  type ListQuery,
} from './listRows';
import { loadCatalogue } from '../../api/catalogueStore';
import { CANNOT_CREATE_SLOS, canCreateSlos } from '../../api/permissions';
import type { Journey } from '../../slo/catalogue';
import { journeysHealth } from '../../slo/journeyHealth';
import { JourneyStrip } from '../../components/JourneyHealthList';
import { SceneLoader } from '../../scenes/SceneLoader';

export interface SloListState extends SceneObjectState {
  settings: AppSettings;
  query: ListQuery;
}

/** What the list reads: the SLOs first, then their numbers, the deployed rules and the journeys. */
interface SloListData {
  entries: SloEntry[];
  drift?: DriftReport;
  /** Where each SLO's rules run besides the ruler (Grafana-managed, a rule file), for the Rules column. */
  rulesWhere?: RulesWhereReport;
  live?: LiveNumbers;
  /** Why the numbers are missing, when the datasource could not answer. */
  liveError?: string;
  /** The catalogue's user journeys, shown as a strip with their worst step's status. */
  journeys?: Journey[];
}

export class SloListView extends SceneObjectBase<SloListState> {
  static Component = SloListRenderer;
  // The search, filters, order and page live in the URL, as the overview's filters do.
  protected _urlSync = new SceneObjectUrlSyncConfig(this, { keys: LIST_URL_KEYS });

  getUrlState(): SceneObjectUrlValues {
    return listQueryToUrl(this.state.query);
  }

  updateFromUrl(values: SceneObjectUrlValues): void {
    const query = listQueryFromUrl(values);
    if (!sameListQuery(query, this.state.query)) {
      this.setState({ query });
    }
  }

  readonly list = new SceneLoader<SloListData>({ load: (signal, show) => this.load(signal, show) });

  constructor(state: SloListState) {
    super(state);
    this.setState({ $behaviors: [this.list] });
  }

  private async load(signal: AbortSignal, show: (partial: SloListData) => void): Promise<SloListData> {
    // The folder's index shows the rows at once and their figures start from it; the SLO dashboards, listed
    // meanwhile, replace them (and the index when stale).
    const { entries, result } = await withEarlySlos(
      this.state.settings.sloFolderUid,
      signal,
      show,
      (listed, runSignal, runShow) => this.figures(listed, runSignal, runShow)
    );
    return { ...result, entries };
  }

  private async figures(
    entries: SloEntry[],
    signal: AbortSignal,
    show: (partial: SloListData) => void
  ): Promise<SloListData> {
    // After a delete the numbers read before stay until the new ones come.
    show({ ...this.list.state.data, entries });
    // Starting the reads below takes the main thread for a while with a thousand SLOs: paint the rows first.
    await afterPaint();
    const slos = entries.flatMap((e) => (e.kind === 'ok' ? [e.slo] : []));
    // Numbers and the ruler are read after the list shows: a slow datasource never holds the list up.
    const others = Promise.all([
      loadDrift(slos, this.state.settings, signal),
      // The list stands without the catalogue: one that cannot be read shows no journeys.
      loadCatalogue(signal).catch(() => undefined),
      loadRulesWhere(slos, this.state.settings, signal),
    ]);
    let done = false;
    // The recorded numbers show with the ruler's state at once; the replay's raw reads fill in after.
    const showRecorded = (numbers: LiveNumbers) =>
      others.then(
        ([drift, catalogue, rulesWhere]) => {
          if (!done && !signal.aborted) {
            show({ entries, journeys: catalogue?.catalogue.journeys, drift, rulesWhere, live: numbers });
          }
        },
        // A failure of these reads is the load's own, reported once by the await below.
        () => undefined
      );
    const [live, [drift, catalogue, rulesWhere]] = await Promise.all([
      loadLiveNumbers(slos, this.state.settings, signal, (numbers) => void showRecorded(numbers)).then(
        (numbers) => ({ numbers }),
        (error: unknown) => ({ error: errorMessage(error) })
      ),
      others,
    ]);
    done = true;
    return {
      entries,
      journeys: catalogue?.catalogue.journeys,
      drift,
      rulesWhere,
      live: 'numbers' in live ? live.numbers : undefined,
      liveError: 'error' in live ? live.error : undefined,
    };
  }

  setQuery = (change: Partial<ListQuery>): void => {
    // A new search or filter starts from the first page.
    this.setState({ query: { ...this.state.query, page: 1, ...change } });
  };

  onDelete = async (entry: SloEntry): Promise<void> => {
    try {
      await deleteSlo(entry);
    } catch (error) {
      if (error instanceof SloConflictError) {
        // Their version is shown before anyone deletes it: a second delete is then a choice made knowing it.
        await this.list.refresh();
        throw new Error(`${error.message}: the list now shows their version; delete again if it should still go`);
      }
      throw error;
    }
    await this.list.refresh();
  };
}

function SloListRenderer({ model }: SceneComponentProps<SloListView>) {
  const { query, settings } = model.useState();
  const { loading, data, error } = model.list.useState();
  const { entries, drift, rulesWhere, live, liveError, journeys } = data ?? {};
  const rows = useMemo(() => new Map((live?.rows ?? []).map((r) => [r.slo.uid, r])), [live]);
  const journeyHealth = useMemo(() => {
    const slos = (entries ?? []).flatMap((e) =>
      e.kind === 'ok' ? [{ uid: e.slo.uid, status: rows.get(e.slo.uid)?.status }] : []
    );
    return journeys ? journeysHealth(journeys, slos) : [];
  }, [entries, rows, journeys]);
  const page = useMemo(() => (entries ? selectListPage(entries, rows, query) : undefined), [entries, rows, query]);
  // With SLOs on several datasources, the list names each one's.
  const onSeveral = useMemo(
    () =>
      new Set((entries ?? []).flatMap((e) => (e.kind === 'ok' ? [datasourceOf(e.slo, settings.datasourceUid)] : [])))
        .size > 1,
    [entries, settings.datasourceUid]
  );
  const choices = useMemo(() => {
    const slos = (entries ?? []).flatMap((e) => (e.kind === 'ok' ? [e.slo] : []));
    const sorted = (values: Array<string | undefined>) =>
      [...new Set(values.filter((v): v is string => !!v))].sort().map((v) => ({ value: v, label: v }));
    return {
      service: sorted(slos.map((s) => s.service)),
      team: sorted([...rows.values()].map((r) => r.team)),
      tier: sorted(slos.map((s) => s.tier)),
      status: STATUS_FILTERS.map((v) => ({ value: v, label: v })),
    };
  }, [entries, rows]);
  return (
    <div data-testid={testIds.sloList.container}>
      {error && (
        <Alert title="Could not list the SLOs" severity="error" data-testid={testIds.sloList.error}>
          {error}
        </Alert>
      )}
      {loading && !entries && <LoadingPlaceholder text="Loading SLOs..." />}
      {entries && entries.length === 0 && <EmptySloList />}
      {entries && entries.length > 0 && (
        <Stack direction="column" gap={2}>
          <Stack justifyContent="flex-end">
            <CreateLink to={ROUTES.Import} variant="secondary" icon="upload" testId={testIds.sloList.importFiles}>
              Import files
            </CreateLink>
            <CreateLink to={ROUTES.New} icon="plus" testId={testIds.sloList.newSlo}>
              New SLO
            </CreateLink>
          </Stack>
          <Stack direction="row" gap={2} wrap="wrap" alignItems="flex-end">
            <Field label="Search" description="Name, service, owner or uid">
              <Input
                width={30}
                prefix={<Icon name="search" />}
                value={query.search}
                onChange={(e) => model.setQuery({ search: e.currentTarget.value })}
                data-testid={testIds.sloList.search}
              />
            </Field>
            {(['service', 'team', 'tier', 'status'] as const).map((key) => (
              <Field key={key} label={key[0].toUpperCase() + key.slice(1)}>
                <div data-testid={`${testIds.sloList.filter}-${key}`}>
                  <Combobox
                    width={20}
                    isClearable
                    placeholder="All"
                    options={choices[key]}
                    value={query[key] ?? null}
                    onChange={(option) => model.setQuery({ [key]: option?.value || undefined })}
                  />
                </div>
              </Field>
            ))}
            <Field label="Order">
              <div data-testid={testIds.sloList.sort}>
                <RadioButtonGroup
                  options={[
                    { value: 'budget' as const, label: 'Least budget first' },
                    { value: 'name' as const, label: 'Name' },
                  ]}
                  value={query.sort}
                  onChange={(sort) => model.setQuery({ sort })}
                />
              </div>
            </Field>
          </Stack>
          {journeyHealth.length > 0 && <JourneyStrip journeys={journeyHealth} href={prefixRoute(ROUTES.Overview)} />}
          <DatasourceFailures failures={live?.failures} />
          {liveError && (
            <Alert severity="warning" title="No numbers from the datasource">
              {liveError}
            </Alert>
          )}
          {page && (
            <>
              <Text color="secondary" data-testid={testIds.sloList.matching}>
                {page.matching.toLocaleString('en')} of {entries.length.toLocaleString('en')} SLOs
              </Text>
              <SloTable
                entries={page.entries}
                onDelete={model.onDelete}
                drift={drift}
                rulesWhere={rulesWhere}
                rows={live ? rows : undefined}
                firing={live?.firing}
                showNumbers={
                  settings.datasourceUid !== '' || entries.some((e) => e.kind === 'ok' && e.slo.datasourceUid)
                }
                datasources={onSeveral ? { defaultUid: settings.datasourceUid } : undefined}
              />
              {page.pages > 1 && (
                <Pagination
                  currentPage={page.page}
                  numberOfPages={page.pages}
                  onNavigate={(n) => model.setState({ query: { ...query, page: n } })}
                />
              )}
            </>
          )}
        </Stack>
      )}
    </div>
  );
}

function EmptySloList() {
  return (
    <div data-testid={testIds.sloList.empty}>
      <EmptyState
        variant="call-to-action"
        message="No SLOs yet"
        button={
          <Stack>
            <CreateLink to={ROUTES.New} icon="plus" testId={testIds.sloList.createFirst}>
              Create your first SLO
            </CreateLink>
            <CreateLink to={ROUTES.Import} variant="secondary" icon="upload" testId={testIds.sloList.importFiles}>
              Import files
            </CreateLink>
          </Stack>
        }
      >
        Define an objective on the data of your Prometheus-compatible datasource, or import native, OpenSLO, Sloth or
        Pyrra files.
      </EmptyState>
    </div>
  );
}

/** A link to a page that creates SLOs: off, with the reason on hover, for a role that cannot create them. */
function CreateLink({
  to,
  icon,
  variant,
  testId,
  children,
}: {
  to: ROUTES;
  icon: IconName;
  variant?: 'secondary';
  testId: string;
  children: React.ReactNode;
}) {
  const allowed = canCreateSlos();
  return (
    <LinkButton
      href={allowed ? prefixRoute(to) : undefined}
      icon={icon}
      variant={variant}
      disabled={!allowed}
      tooltip={allowed ? undefined : CANNOT_CREATE_SLOS}
      data-testid={testId}
    >
      {children}
    </LinkButton>
  );
}
