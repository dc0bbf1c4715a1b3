import React, { useMemo } from 'react';
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
  LoadingPlaceholder,
  Pagination,
  Stack,
  Text,
  TextLink,
  useStyles2,
  useTheme2,
} from '@grafana/ui';
import type { AppSettings } from '../../settings';
import type { SloEntry } from '../../api/sloStore';
import { withEarlySlos } from '../../api/earlySlos';
import { loadCatalogue, type StoredCatalogue } from '../../api/catalogueStore';
import type { Journey } from '../../slo/catalogue';
import { journeysHealth } from '../../slo/journeyHealth';
import { JourneyHealthList } from '../../components/JourneyHealthList';
import { testIds } from '../../components/testIds';
import { NoDatasource } from '../../components/NoDatasource';
import { DatasourceFailures } from '../../components/DatasourceFailures';
import { unreadSlos, type DatasourceFailure } from '../../api/byDatasource';
import { datasourceOf, someWithoutDatasource } from '../../slo/datasource';
import { formatPercent, tierTitle } from '../../components/format';
import { formatTarget, formatWindow } from '../../slo/describe';
import { sloUrl } from '../../utils/utils.routing';
import { windowSeconds, windowToText } from '../../slo/values';
import { formatPromDuration } from '../../slo/duration';
import { STATUS_COLORS } from '../../components/statusColors';
import {
  distinctValues,
  filterRows,
  OVERVIEW_PAGE_SIZE,
  overviewTotals,
  RECENT_WINDOWS,
  sparklinePoints,
  STATUS_FILTERS,
  type OverviewFilters,
  type OverviewRow,
} from './overviewRows';
import { historyKey, rawHistoryByDatasource, recordedHistoryByDatasource, type BudgetHistory } from './budgetHistory';
import { loadLiveNumbers } from './liveNumbers';
import { FigureSourceNote } from '../../components/FigureSourceNote';
import { combinedGroups, isCombineBy, objectiveMembers, type CombineBy, type WindowEvents } from './combinedRows';
import { CombinedSection } from './CombinedSection';
import { SceneLoader } from '../../scenes/SceneLoader';
import { pageFromUrl, pageOf } from '../../utils/paging';
import { ReviewsDue } from '../../components/ReviewsDue/ReviewsDue';
import { OpenActions } from '../../components/OpenActions/OpenActions';

export interface OverviewState extends SceneObjectState {
  settings: AppSettings;
  filters: OverviewFilters;
  /** How the combined section groups the SLOs shown. */
  combineBy: CombineBy;
  /** The page of the SLO table shown, from 1; a filter change goes back to the first. */
  page: number;
}

/** What the overview reads: the SLOs' live numbers first, their budget history after. */
interface OverviewData {
  rows: OverviewRow[];
  broken: number;
  history?: BudgetHistory;
  /** The user journeys of the catalogue, shown above the SLOs with their worst step's status. */
  journeys?: Journey[];
  /** Events and bad events over each objective's window, for the combined figures. */
  windowEvents: WindowEvents;
  /** The SLOs as listed, for the reviews due (read once, with the rest of the overview). */
  entries: SloEntry[];
  /** Datasources that did not answer, and the SLOs they left without figures. */
  failures?: DatasourceFailure[];
}

/** Longest window the sparklines reach back: the longest SLO window, at most 35 days. */
const MAX_HISTORY_SECONDS = 35 * 86400;

const FILTER_KEYS = ['service', 'team', 'tier', 'status'] as const;
const COMBINE_KEY = 'combine';
const PAGE_KEY = 'page';
const DEFAULT_COMBINE_BY: CombineBy = 'service';
const STATUSES: ReadonlySet<string> = new Set(STATUS_FILTERS);

export class OverviewView extends SceneObjectBase<OverviewState> {
  static Component = OverviewRenderer;
  // The filters live in the URL, so that a filtered overview can be shared and survives a reload.
  protected _urlSync = new SceneObjectUrlSyncConfig(this, { keys: [...FILTER_KEYS, COMBINE_KEY, PAGE_KEY] });

  getUrlState(): SceneObjectUrlValues {
    return {
      ...Object.fromEntries(FILTER_KEYS.map((key) => [key, this.state.filters[key]])),
      [COMBINE_KEY]: this.state.combineBy,
      [PAGE_KEY]: this.state.page > 1 ? String(this.state.page) : undefined,
    };
  }

  updateFromUrl(values: SceneObjectUrlValues): void {
    const filters: OverviewFilters = {};
    for (const key of FILTER_KEYS) {
      const value = values[key];
      if (typeof value === 'string' && value !== '' && (key !== 'status' || STATUSES.has(value))) {
        (filters as Record<string, string>)[key] = value;
      }
    }
    const change: Partial<OverviewState> = {};
    if (FILTER_KEYS.some((key) => filters[key] !== this.state.filters[key])) {
      change.filters = filters;
    }
    const combineBy = isCombineBy(values[COMBINE_KEY]) ? values[COMBINE_KEY] : DEFAULT_COMBINE_BY;
    if (combineBy !== this.state.combineBy) {
      change.combineBy = combineBy;
    }
    // A page beyond the last shows the last (pageOf keeps it in range).
    const page = pageFromUrl(values[PAGE_KEY]);
    if (page !== this.state.page) {
      change.page = page;
    }
    if (Object.keys(change).length > 0) {
      this.setState(change);
    }
  }

  readonly overview = new SceneLoader<OverviewData>({ load: (signal, show) => this.load(signal, show) });

  constructor(
    state: Omit<OverviewState, 'filters' | 'combineBy' | 'page'> & { filters?: OverviewFilters; combineBy?: CombineBy }
  ) {
    super({ filters: {}, combineBy: DEFAULT_COMBINE_BY, page: 1, ...state });
    this.setState({ $behaviors: [this.overview] });
  }

  private async load(signal: AbortSignal, show: (partial: OverviewData) => void): Promise<OverviewData> {
    const { settings } = this.state;
    // The overview stands without the catalogue: a catalogue that cannot be read shows no journeys.
    const catalogueRead = loadCatalogue(signal).catch(() => undefined);
    // The figures start from the folder's index; the listing of the SLO dashboards checks it meanwhile.
    const { entries, result } = await withEarlySlos(
      settings.sloFolderUid,
      signal,
      show,
      async (listed, runSignal, runShow) => this.figures(listed, await catalogueRead, runSignal, runShow)
    );
    return { ...result, entries };
  }

  private async figures(
    entries: SloEntry[],
    catalogue: StoredCatalogue | undefined,
    signal: AbortSignal,
    show: (partial: OverviewData) => void
  ): Promise<OverviewData> {
    const { settings } = this.state;
    const slos = entries.flatMap((e) => (e.kind === 'ok' ? [e.slo] : []));
    // One query per metric and datasource for all its SLOs, never one per SLO.
    const journeys = catalogue?.catalogue.journeys;
    const { rows, windowEvents, failures } = await loadLiveNumbers(slos, settings, signal, (recorded) =>
      show({
        rows: recorded.rows,
        windowEvents: recorded.windowEvents,
        failures: recorded.failures,
        broken: entries.length - slos.length,
        journeys,
        history: this.overview.state.data?.history,
        entries,
      })
    );
    const numbers = {
      rows,
      windowEvents,
      failures,
      broken: entries.length - slos.length,
      journeys,
      entries,
    };
    const queried = slos.filter((s) => datasourceOf(s, settings.datasourceUid) !== '');
    if (queried.length === 0) {
      return numbers;
    }
    // The sparklines read before (the page opened again) stay until the new ones come.
    show({ ...numbers, history: this.overview.state.data?.history });
    const longest = Math.min(
      MAX_HISTORY_SECONDS,
      Math.max(...queried.flatMap((s) => s.objectives.map((o) => windowSeconds(o.window))))
    );
    const recorded = await recordedHistoryByDatasource(
      queried,
      settings.datasourceUid,
      `now-${formatPromDuration(longest)}`,
      signal
    );
    // Where the recorded history does not reach back (young rules, a short backfill), from raw data.
    show({ ...numbers, history: recorded });
    const history = await rawHistoryByDatasource(queried, recorded, settings.datasourceUid, {
      shownSeconds: longest,
      evaluationInterval: settings.evaluationInterval,
      signal,
    });
    return { ...numbers, history };
  }

  setFilter = (key: keyof OverviewFilters, value: string | undefined): void => {
    this.setState({ filters: { ...this.state.filters, [key]: value || undefined }, page: 1 });
  };

  setCombineBy = (combineBy: CombineBy): void => {
    this.setState({ combineBy });
  };
}

function OverviewRenderer({ model }: SceneComponentProps<OverviewView>) {
  const { settings, filters, combineBy, page } = model.useState();
  const { loading, data, error } = model.overview.useState();
  const { rows, broken, history, journeys, windowEvents, entries, failures } = data ?? {};
  const styles = useStyles2(getStyles);
  const shown = useMemo(() => (rows ? filterRows(rows, filters) : undefined), [rows, filters]);
  const totals = useMemo(() => (shown ? overviewTotals(shown) : undefined), [shown]);
  const tablePage = useMemo(() => pageOf(shown ?? [], page, OVERVIEW_PAGE_SIZE), [shown, page]);
  // An SLO whose datasource did not answer is set apart from its service's combined figures, with the reason.
  const members = useMemo(
    () => objectiveMembers(rows ?? [], windowEvents ?? new Map(), unreadSlos(failures ?? [])),
    [rows, windowEvents, failures]
  );
  const groups = useMemo(
    () => (shown ? combinedGroups(shown, members, combineBy, journeys) : []),
    [shown, members, combineBy, journeys]
  );
  const journeyHealth = useMemo(
    () =>
      rows && journeys
        ? journeysHealth(
            journeys,
            rows.map((r) => ({ uid: r.slo.uid, status: r.status })),
            members
          )
        : [],
    [rows, journeys, members]
  );
  const options = useMemo(
    () => ({
      service: distinctValues(rows ?? [], (r) => r.slo.service),
      team: distinctValues(rows ?? [], (r) => r.team),
      tier: distinctValues(rows ?? [], (r) => r.slo.tier),
      status: STATUS_FILTERS,
    }),
    [rows]
  );
  return (
    <div data-testid={testIds.overview.container}>
      {settings.datasourceUid === '' &&
        (rows === undefined ||
          someWithoutDatasource(
            rows.map((r) => r.slo),
            settings.datasourceUid
          )) && <NoDatasource />}
      <DatasourceFailures failures={failures} />
      {error && (
        <Alert title="Could not load the overview" data-testid={testIds.overview.error}>
          {error}
        </Alert>
      )}
      {loading && !data && <LoadingPlaceholder text="Loading..." />}
      {broken !== undefined && broken > 0 && (
        <Text color="warning">{broken} stored SLO(s) cannot be read: see the SLO list.</Text>
      )}
      {totals && (
        <div className={styles.totals} data-testid={testIds.overview.totals}>
          <Stack gap={3} wrap="wrap">
            <Total label="SLOs" value={totals.total} />
            <Total label="Healthy" value={totals.healthy} color="success" />
            <Total label="At risk" value={totals.atRisk} color="warning" />
            <Total label="Exhausted" value={totals.exhausted} color="error" />
            <Total label="No data" value={totals.noData} />
          </Stack>
        </div>
      )}
      {journeyHealth.length > 0 && <JourneyHealthList journeys={journeyHealth} />}
      <ReviewsDue folderUid={settings.sloFolderUid} entries={entries} />
      <OpenActions folderUid={settings.sloFolderUid} />
      {rows && (
        <Stack gap={2} wrap="wrap">
          {(['service', 'team', 'tier', 'status'] as const).map((key) => (
            <Field
              key={key}
              label={key[0].toUpperCase() + key.slice(1)}
              data-testid={`${testIds.overview.filter}-${key}`}
            >
              <Combobox
                width={22}
                isClearable
                placeholder="All"
                value={filters[key] ?? null}
                options={options[key].map((v) => ({ value: v, label: key === 'tier' ? tierLabel(v) : v }))}
                onChange={(option) => model.setFilter(key, option?.value)}
              />
            </Field>
          ))}
        </Stack>
      )}
      {shown && shown.length > 0 && (
        <div className={styles.combined}>
          <CombinedSection groups={groups} by={combineBy} onChange={model.setCombineBy} />
        </div>
      )}
      {shown && (
        <table className={styles.table}>
          <thead>
            <tr>
              {[
                'Name',
                'Service',
                'Objective',
                'Window',
                'Budget remaining',
                'Budget over the window',
                'SLI over window',
                'Burn rate (1h)',
                'Met over 1h / 6h / 1d',
                'Status',
              ].map((h) => (
                <th key={h}>{h}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {tablePage.items.map((row) => (
              <Row key={row.slo.uid} row={row} history={history} />
            ))}
          </tbody>
        </table>
      )}
      {shown && tablePage.pages > 1 && (
        <Stack gap={2} alignItems="center" data-testid={testIds.overview.pagination}>
          <Pagination
            currentPage={tablePage.page}
            numberOfPages={tablePage.pages}
            onNavigate={(n) => model.setState({ page: n })}
          />
          <Text color="secondary">
            {((tablePage.page - 1) * OVERVIEW_PAGE_SIZE + 1).toLocaleString('en')} to{' '}
            {((tablePage.page - 1) * OVERVIEW_PAGE_SIZE + tablePage.items.length).toLocaleString('en')} of{' '}
            {shown.length.toLocaleString('en')} SLOs
          </Text>
        </Stack>
      )}
    </div>
  );
}

function tierLabel(tier: string): string {
  return tier === 'critical' || tier === 'essential' || tier === 'standard' || tier === 'best_effort'
    ? tierTitle(tier)
    : tier;
}

function Total({ label, value, color }: { label: string; value: number; color?: 'success' | 'warning' | 'error' }) {
  return (
    <Stack direction="column" gap={0}>
      <Text color="secondary" variant="bodySmall">
        {label}
      </Text>
      <Text element="h3" color={value > 0 ? color : undefined}>
        {value}
      </Text>
    </Stack>
  );
}

const SPARK_WIDTH = 120;
const SPARK_HEIGHT = 24;

function Sparkline({ points, color }: { points?: Array<[number, number]>; color: string }) {
  const line = points ? sparklinePoints(points, SPARK_WIDTH, SPARK_HEIGHT) : undefined;
  if (!line) {
    return <Text color="secondary">–</Text>;
  }
  return (
    <svg
      width={SPARK_WIDTH}
      height={SPARK_HEIGHT}
      data-testid={testIds.overview.sparkline}
      aria-label="Budget remaining over the window"
    >
      <polyline points={line} fill="none" stroke={color} strokeWidth={1.5} />
    </svg>
  );
}

function Row({ row, history }: { row: OverviewRow; history?: BudgetHistory }) {
  const theme = useTheme2();
  const objective = row.slo.objectives[0];
  const points = objective && history?.get(historyKey(row.slo.uid, windowToText(objective.window)));
  const budgetColor =
    row.budgetRemaining === undefined
      ? theme.colors.text.secondary
      : theme.visualization.getColorByName(
          row.budgetRemaining < 0.2 ? 'red' : row.budgetRemaining < 0.5 ? 'yellow' : 'green'
        );
  return (
    <tr data-testid={testIds.overview.row}>
      <td>
        <TextLink href={sloUrl(row.slo.uid)} inline={false}>
          {row.slo.displayName ?? row.slo.name}
        </TextLink>
      </td>
      <td>{row.slo.service}</td>
      <td>{objective ? formatTarget(objective.target) : ''}</td>
      <td>{objective ? formatWindow(objective.window) : ''}</td>
      <td>
        <span style={{ color: budgetColor }}>{formatPercent(row.budgetRemaining, 1)}</span>
        {objective && (
          <FigureSourceNote
            source={row.source}
            window={windowToText(objective.window)}
            recordedSince={row.recordedSince}
          />
        )}
      </td>
      <td>
        <Sparkline points={points} color={budgetColor} />
      </td>
      <td>{formatPercent(row.sli, 3)}</td>
      <td>{row.burnRate1h === undefined ? '–' : `${row.burnRate1h.toFixed(2)}x`}</td>
      <td data-testid={testIds.overview.recent}>
        <Stack gap={0.5}>
          {RECENT_WINDOWS.map((w) => (
            <Badge
              key={w}
              text={w}
              icon={row.recent[w] === undefined ? 'minus' : row.recent[w] ? 'check' : 'times'}
              color={row.recent[w] === undefined ? 'darkgrey' : row.recent[w] ? 'green' : 'red'}
              tooltip={
                row.recent[w] === undefined
                  ? `No events in the last ${w}`
                  : `${row.recent[w] ? 'Met' : 'Missed'} the objective over the last ${w}`
              }
            />
          ))}
        </Stack>
      </td>
      <td data-testid={testIds.overview.status}>
        {row.status ? (
          <Badge text={row.status} color={STATUS_COLORS[row.status]} />
        ) : (
          <Text color="secondary">no data</Text>
        )}
      </td>
    </tr>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  totals: css({ marginBottom: theme.spacing(2) }),
  combined: css({ margin: theme.spacing(1, 0, 2) }),
  table: css(dataTableCss(theme, { padding: [1, 1.5], mutedHeader: true })),
});
