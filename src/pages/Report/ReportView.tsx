import React from 'react';
import { css, cx } from '@emotion/css';
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
  Button,
  Combobox,
  Field,
  Input,
  LoadingPlaceholder,
  MultiCombobox,
  Stack,
  Text,
  Tooltip,
  useStyles2,
} from '@grafana/ui';
import type { AppSettings } from '../../settings';
import { listSlos } from '../../api/sloStore';
import { loadCatalogue } from '../../api/catalogueStore';
import { eventKindOf } from '../../slo/combined';
import { testIds } from '../../components/testIds';
import { NoDatasource } from '../../components/NoDatasource';
import { DatasourceFailures } from '../../components/DatasourceFailures';
import { dataTableCss } from '../../components/tableStyles';
import { downloadText } from '../../utils/download';
import {
  describeReportSource,
  monthRange,
  type ObjectiveReport,
  type RecommendationKind,
  type Report,
} from '../../decisions/report';
import {
  formatReport,
  objectiveTitle,
  reportFileName,
  reportTables,
  type CombinedTable,
  type ReportFormat,
} from '../../decisions/reportFormat';
import { readReportByDatasource, type ReportByDatasource } from './reportByDatasource';
import { SceneLoader } from '../../scenes/SceneLoader';

export interface ReportState extends SceneObjectState {
  settings: AppSettings;
  /** YYYY-MM (UTC). */
  month: string;
  /** Empty for every service. */
  services: string[];
  teamSize: number;
}

const MONTHS_BACK = 12;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** "2026-11" of a date, UTC. */
export function monthOf(date: Date): string {
  return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** The current month and the twelve before it, newest first. */
export function monthChoices(now: Date): string[] {
  return Array.from({ length: MONTHS_BACK + 1 }, (_, i) =>
    monthOf(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 1)))
  );
}

const RECOMMENDATION_COLORS: Record<RecommendationKind, 'green' | 'blue' | 'orange' | 'red' | 'purple' | 'darkgrey'> = {
  keep: 'green',
  tighten: 'blue',
  review: 'orange',
  invest: 'red',
  loosen: 'purple',
  'no-data': 'orange',
  'not-enough-data': 'blue',
  retired: 'darkgrey',
};

/** The monthly SLO report of a set of services, from the series Burnrate records; printable and downloadable. */
export class ReportView extends SceneObjectBase<ReportState> {
  static Component = ReportRenderer;
  protected _urlSync = new SceneObjectUrlSyncConfig(this, { keys: ['month', 'service', 'teamSize'] });

  /** The services of the stored SLOs, for the service filter. */
  readonly knownServices = new SceneLoader<string[]>({ load: (signal) => this.loadServices(signal) });
  /** The report of the month and services chosen, each SLO read on its own datasource. */
  readonly report = new SceneLoader<ReportByDatasource>({
    inputs: () => [this.state.month, this.state.services, this.state.teamSize],
    load: (signal) => this.load(signal),
  });

  constructor(state: ReportState) {
    super(state);
    this.setState({ $behaviors: [this.knownServices, this.report] });
  }

  getUrlState(): SceneObjectUrlValues {
    return {
      month: this.state.month,
      service: this.state.services.length > 0 ? this.state.services : undefined,
      teamSize: String(this.state.teamSize),
    };
  }

  updateFromUrl(values: SceneObjectUrlValues): void {
    const month = typeof values.month === 'string' && MONTH.test(values.month) ? values.month : this.state.month;
    const services =
      values.service === undefined || values.service === null
        ? []
        : (Array.isArray(values.service) ? values.service : [values.service]).filter((s) => s !== '');
    const size = Number(values.teamSize);
    const teamSize = Number.isInteger(size) && size > 0 ? size : this.state.teamSize;
    const changed =
      month !== this.state.month ||
      teamSize !== this.state.teamSize ||
      services.join('\u0000') !== this.state.services.join('\u0000');
    if (changed) {
      this.setState({ month, services, teamSize });
    }
  }

  private async loadServices(signal: AbortSignal): Promise<string[]> {
    try {
      const entries = await listSlos(this.state.settings.sloFolderUid, signal);
      return [...new Set(entries.flatMap((e) => (e.kind === 'ok' ? [e.slo.service] : [])))].sort();
    } catch {
      // The service filter then offers what the report found; the report itself reads Prometheus.
      return [];
    }
  }

  private async load(signal: AbortSignal): Promise<ReportByDatasource> {
    const { settings, month, services, teamSize } = this.state;
    // The SLOs' definitions tell each one's kind of events, the catalogue its journeys, for the combined
    // rows; the report stands without them (kinds then assumed, no journeys).
    const [entries, catalogue] = await Promise.all([
      listSlos(settings.sloFolderUid, signal).catch(() => []),
      loadCatalogue(signal).catch(() => undefined),
    ]);
    const eventKinds = new Map(
      entries.flatMap((e) =>
        e.kind === 'ok' ? [[e.slo.uid, eventKindOf(e.slo.indicator.type, e.slo.timeSlices)] as const] : []
      )
    );
    const maintenance = new Map(
      entries.flatMap((e) => (e.kind === 'ok' ? [[e.slo.uid, e.slo.maintenance ?? []] as const] : []))
    );
    return readReportByDatasource(
      {
        range: monthRange(month),
        services,
        teamSize,
        now: new Date(),
        eventKinds,
        journeys: catalogue?.catalogue.journeys,
        maintenance,
        // The months their rules did not record (a young install, a new SLO) are read from raw data.
        slos: entries.flatMap((e) => (e.kind === 'ok' ? [e.slo] : [])),
        evaluationInterval: settings.evaluationInterval,
      },
      settings.datasourceUid,
      signal
    );
  }

  setChoice = (change: Partial<Pick<ReportState, 'month' | 'services' | 'teamSize'>>): void => {
    this.setState(change);
  };
}

/** The files the page offers, besides the print; the test ids of those the browser test downloads. */
const DOWNLOADS: Array<{ format: ReportFormat; label: string; testId?: string }> = [
  { format: 'html', label: 'HTML', testId: testIds.report.downloadHtml },
  { format: 'csv', label: 'CSV', testId: testIds.report.downloadCsv },
  { format: 'markdown', label: 'Markdown' },
];

/**
 * Prints the standalone HTML report (or saves it as PDF) from a hidden frame of this page: no new window,
 * so nothing is left open for the report to reach back through. The frame goes once the dialog closes.
 */
function printReport(report: Report): void {
  const frame = document.createElement('iframe');
  frame.setAttribute('aria-hidden', 'true');
  frame.style.position = 'fixed';
  frame.style.width = '0';
  frame.style.height = '0';
  frame.style.border = '0';
  // Scripts stay off in the frame; the report is static HTML whose user text is escaped.
  frame.setAttribute('sandbox', 'allow-modals allow-same-origin');
  frame.addEventListener('load', () => {
    frame.contentWindow?.addEventListener('afterprint', () => frame.remove(), { once: true });
    frame.contentWindow?.print();
  });
  frame.srcdoc = formatReport(report, 'html');
  document.body.appendChild(frame);
}

function ReportRenderer({ model }: SceneComponentProps<ReportView>) {
  const { month, services, teamSize } = model.useState();
  const knownServices = model.knownServices.useState().data;
  const { loading, data, error } = model.report.useState();
  // A report that could not be read leaves none to print or download.
  const report = error ? undefined : data?.report;
  const [now] = React.useState(() => new Date());
  const current = monthOf(now);
  const serviceOptions = [...new Set([...(knownServices ?? []), ...services])].map((s) => ({ value: s, label: s }));
  const download = (format: ReportFormat) =>
    report && downloadText(formatReport(report, format), reportFileName(report, format));
  return (
    <Stack direction="column" gap={2} data-testid={testIds.report.container}>
      <Stack direction="row" gap={2} wrap="wrap" alignItems="flex-end">
        <Field label="Month" description="Calendar month, UTC">
          <div data-testid={testIds.report.month}>
            <Combobox
              width={22}
              options={monthChoices(now).map((m) => ({ value: m, label: m === current ? `${m} (so far)` : m }))}
              value={month}
              onChange={(option) => option && model.setChoice({ month: option.value })}
            />
          </div>
        </Field>
        <Field label="Services" description="None chosen: every service">
          <div data-testid={testIds.report.services}>
            <MultiCombobox
              width={40}
              options={serviceOptions}
              value={services}
              placeholder="Every service"
              onChange={(options) => model.setChoice({ services: options.map((o) => o.value) })}
            />
          </div>
        </Field>
        <Field label="Team size" description="For the toil budget">
          <Input
            type="number"
            min={1}
            width={12}
            value={teamSize}
            onChange={(e) => {
              const size = Number(e.currentTarget.value);
              if (Number.isInteger(size) && size > 0) {
                model.setChoice({ teamSize: size });
              }
            }}
            data-testid={testIds.report.teamSize}
          />
        </Field>
      </Stack>
      <Stack direction="row" gap={1} wrap="wrap">
        <Button
          icon="file-alt"
          disabled={!report}
          onClick={() => report && printReport(report)}
          data-testid={testIds.report.print}
        >
          Print or save as PDF
        </Button>
        {DOWNLOADS.map(({ format, label, testId }) => (
          <Button
            key={format}
            variant="secondary"
            icon="download-alt"
            disabled={!report}
            onClick={() => download(format)}
            data-testid={testId}
          >
            {label}
          </Button>
        ))}
      </Stack>
      {!error && data && data.unset > 0 && <NoDatasource />}
      {!error && <DatasourceFailures failures={data?.failures} />}
      {error && (
        <Alert title="The report could not be read" data-testid={testIds.report.error}>
          {error}
        </Alert>
      )}
      {loading && <LoadingPlaceholder text="Reading the month from Prometheus..." />}
      {report && !loading && <ReportBody report={report} />}
    </Stack>
  );
}

/** The report's tables: per service its toil budget, one row per objective and the recommendations. */
export function ReportBody({ report }: { report: Report }) {
  const styles = useStyles2(getStyles);
  const tables = reportTables(report);
  return (
    <div className={styles.body} data-testid={testIds.report.body}>
      <Text element="h2">{tables.title}</Text>
      <Text color="secondary">{tables.subtitle}</Text>
      {report.replayError !== undefined && (
        <Alert severity="warning" title="Raw data could not be read" data-testid={testIds.report.replayError}>
          {report.replayError}. SLOs whose rules did not record the whole period show the recorded part only, or no
          data.
        </Alert>
      )}
      {tables.noData && (
        <Alert severity="info" title="No data" data-testid={testIds.report.noData}>
          {tables.noData}
        </Alert>
      )}
      {tables.services.map((service) => (
        <section key={service.service} className={styles.service} data-testid={testIds.report.service}>
          <Text element="h3">{service.service}</Text>
          <Text color="secondary">{service.toil}</Text>
          <div className={styles.scroll}>
            <table className={styles.table}>
              <thead>
                <tr>
                  {tables.headers.map((h) => (
                    <th key={h}>{h}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {service.rows.map(({ objective, cells }) => (
                  <tr key={`${objective.sloUid}-${objective.window}`} data-testid={testIds.report.row}>
                    {cells.map((cell, i) => (
                      <td
                        key={i}
                        className={cx(
                          tables.headers[i] === 'met' && objective.met === true && styles.met,
                          tables.headers[i] === 'met' && objective.met === false && styles.missed
                        )}
                      >
                        {tables.headers[i] === 'SLI' ? (
                          <SourcedCell objective={objective} period={report.range.label} text={cell} />
                        ) : (
                          cell
                        )}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {service.combined && <CombinedRow table={service.combined} headers={tables.weightHeaders} />}
          {service.maintenance.length > 0 && (
            <div data-testid={testIds.report.maintenance}>
              <Text element="h4">{tables.maintenanceHeading}</Text>
              <ul>
                {service.maintenance.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            </div>
          )}
          <ul className={styles.recommendations}>
            {service.rows.map(({ objective }) => (
              <li key={`${objective.sloUid}-${objective.window}`} data-testid={testIds.report.recommendation}>
                <Badge
                  text={objective.recommendation.kind}
                  color={RECOMMENDATION_COLORS[objective.recommendation.kind]}
                />{' '}
                <strong>{objectiveTitle(objective)}</strong>: {objective.recommendation.text}
              </li>
            ))}
          </ul>
        </section>
      ))}
      {tables.journeys.length > 0 && (
        <section className={styles.service}>
          <Text element="h3">Journeys</Text>
          {tables.journeys.map((j) => (
            <div key={j.journey} data-testid={testIds.report.journey}>
              <Text element="h4">{j.journey}</Text>
              <CombinedRow table={j.combined} headers={tables.weightHeaders} />
              {j.stepsNotInReport.map((line) => (
                <Text key={line} color="secondary" element="p">
                  {line}
                </Text>
              ))}
            </div>
          ))}
        </section>
      )}
      {tables.notes.map((note, i) => (
        <Text key={i} color="secondary" variant="bodySmall" element="p">
          {note}
        </Text>
      ))}
    </div>
  );
}

/**
 * The SLI of a period its rules did not record in full: its text says so ("from raw data", "raw +
 * recorded"), and a tooltip says how it was counted.
 */
function SourcedCell({ objective, period, text }: { objective: ObjectiveReport; period: string; text: string }) {
  const words = describeReportSource(objective.source, period, objective.recordedSince);
  if (!words) {
    return <>{text}</>;
  }
  return (
    <Tooltip content={words.detail}>
      <span data-testid={testIds.figureSource} aria-label={words.detail}>
        {text}
      </span>
    </Tooltip>
  );
}

/** A service's or a journey's objectives together: the summary, each objective's weight, what was left out. */
function CombinedRow({ table, headers }: { table: CombinedTable; headers: string[] }) {
  const styles = useStyles2(getStyles);
  return (
    <div data-testid={testIds.report.combined}>
      <Text weight="medium" element="p">
        {table.summary}
      </Text>
      {table.weights.length > 0 && (
        <table className={cx(styles.table, styles.weights)}>
          <thead>
            <tr>
              {headers.map((h) => (
                <th key={h}>{h}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.weights.map((cells, i) => (
              <tr key={i}>
                {cells.map((cell, j) => (
                  <td key={j}>{cell}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {table.exclusions.map((line) => (
        <Text key={line} color="secondary" element="p">
          {line}
        </Text>
      ))}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  weights: css({ width: 'auto' }),
  body: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(1) }),
  service: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(1), marginTop: theme.spacing(2) }),
  scroll: css({ overflowX: 'auto' }),
  table: css(dataTableCss(theme, { padding: [0.5, 1], mutedHeader: true })),
  met: css({ color: theme.colors.success.text }),
  missed: css({ color: theme.colors.error.text }),
  recommendations: css({ listStyle: 'none', padding: 0, li: { marginBottom: theme.spacing(0.5) } }),
});
