import React from 'react';
import { css } from '@emotion/css';
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
  ClipboardButton,
  Combobox,
  Field,
  LoadingPlaceholder,
  Stack,
  Text,
  TextLink,
  useStyles2,
} from '@grafana/ui';
import type { AppSettings } from '../../settings';
import { testIds } from '../../components/testIds';
import { NoDatasource } from '../../components/NoDatasource';
import { DatasourceFailures } from '../../components/DatasourceFailures';
import { downloadText } from '../../utils/download';
import { prefixRoute } from '../../utils/utils.routing';
import { ROUTES } from '../../constants';
import type { Report } from '../../decisions/report';
import { objectiveTitle } from '../../decisions/reportFormat';
import { gateDecision, type GateResult } from '../../decisions/gate';
import { listSlos } from '../../api/sloStore';
import type { DatasourceFailure } from '../../api/byDatasource';
import {
  incidentsOf,
  incidentText,
  NO_INCIDENTS,
  previousWeeks,
  reviewMarkdown,
  weekChoices,
  weekOf,
  weekRange,
  type ReviewNotes,
} from '../../decisions/weeklyReview';
import { ReportBody } from '../Report/ReportView';
import { readReportByDatasource } from '../Report/reportByDatasource';
import { readServiceByDatasource } from '../Gate/gateByDatasource';
import { DECISION_COLORS } from '../Gate/GateView';
import { SceneLoader } from '../../scenes/SceneLoader';
import { LoadedReviewsDue } from '../../components/ReviewsDue/ReviewsDue';
import { listReviewWeeks } from '../../api/reviewStore';
import { useLoader } from '../../utils/useLoader';
import { SharedNotes } from './SharedNotes';

export interface ReviewState extends SceneObjectState {
  settings: AppSettings;
  /** The Monday of the week, YYYY-MM-DD (UTC). */
  week: string;
  teamSize: number;
  notes: ReviewNotes;
}

/** The week's figures and the release decision of each of its services now, each SLO read on its own datasource. */
export interface WeekFigures {
  report: Report;
  decisions: GateResult[];
  /** Datasources that could not answer: their SLOs are in the report and the decisions without figures. */
  failures: DatasourceFailure[];
  /** SLOs that name no datasource while the app has none. */
  unset: number;
}

const WEEK = /^\d{4}-\d{2}-\d{2}$/;

/** No notes until the week's shared review is read. */
export const NO_NOTES: ReviewNotes = { notes: '', actions: [] };

/** The weekly SLO review: the week's figures in the agenda of the review, notes and action items, as Markdown. */
export class ReviewView extends SceneObjectBase<ReviewState> {
  static Component = ReviewRenderer;
  protected _urlSync = new SceneObjectUrlSyncConfig(this, { keys: ['week'] });

  readonly figures = new SceneLoader<WeekFigures>({
    inputs: () => [this.state.week, this.state.teamSize],
    load: (signal) => this.load(signal),
  });

  constructor(state: ReviewState) {
    super(state);
    this.setState({ $behaviors: [this.figures] });
  }

  getUrlState(): SceneObjectUrlValues {
    return { week: this.state.week };
  }

  updateFromUrl(values: SceneObjectUrlValues): void {
    const week = typeof values.week === 'string' && WEEK.test(values.week) ? values.week : this.state.week;
    if (week !== this.state.week) {
      this.setWeek(week);
    }
  }

  setWeek = (week: string): void => {
    this.setState({ week, notes: NO_NOTES });
  };

  /** The shared notes as the Markdown export reads them (SharedNotes keeps and saves them). */
  setNotes = (notes: ReviewNotes): void => {
    this.setState({ notes });
  };

  private async load(signal: AbortSignal): Promise<WeekFigures> {
    const { settings, week, teamSize } = this.state;
    // With the SLOs' definitions, the days their rules did not record (a young install) come from raw data.
    const slos = (await listSlos(settings.sloFolderUid, signal).catch(() => [])).flatMap((e) =>
      e.kind === 'ok' ? [e.slo] : []
    );
    const { report, failures, unset } = await readReportByDatasource(
      {
        range: weekRange(week),
        previous: previousWeeks(week),
        services: [],
        teamSize,
        now: new Date(),
        slos,
        evaluationInterval: settings.evaluationInterval,
      },
      settings.datasourceUid,
      signal
    );
    const at = Math.floor(Date.now() / 1000);
    const decisions = await Promise.all(
      report.serviceReports.map(async (s) => {
        const { readings } = await readServiceByDatasource(s.service, slos, settings.datasourceUid, {
          at,
          evaluationInterval: settings.evaluationInterval,
          signal,
        });
        return gateDecision(s.service, 'medium', readings);
      })
    );
    return { report, decisions, failures, unset };
  }
}

function ReviewRenderer({ model }: SceneComponentProps<ReviewView>) {
  const { settings, week, notes } = model.useState();
  const { loading, data, error } = model.figures.useState();
  // A week that could not be read leaves nothing to export.
  const { report, decisions, unset, failures } = (error ? undefined : data) ?? {};
  const styles = useStyles2(getStyles);
  const [now] = React.useState(() => new Date());
  // Past weeks with notes stay within reach however old they are.
  const savedWeeks = useLoader((signal) => listReviewWeeks(settings.sloFolderUid, signal), [settings.sloFolderUid]);
  const current = weekOf(now);
  // The recent weeks, every week with saved notes and the week shown (from the URL), newest first.
  const choices = [...new Set([...weekChoices(now), ...(savedWeeks.data ?? []), week])].sort().reverse();
  const withNotes = new Set(savedWeeks.data ?? []);
  const incidents = report ? incidentsOf(report) : [];
  const markdown = () => (report ? reviewMarkdown(report, decisions ?? [], notes) : '');
  return (
    <Stack direction="column" gap={2} data-testid={testIds.review.container}>
      <Stack direction="row" gap={2} wrap="wrap" alignItems="flex-end">
        <Field label="Week" description="Monday to Sunday, UTC">
          <div data-testid={testIds.review.week}>
            <Combobox
              width={26}
              options={choices.map((w) => ({
                value: w,
                label: `${w === current ? `${w} (this week)` : `week of ${w}`}${withNotes.has(w) ? ', notes' : ''}`,
              }))}
              value={week}
              onChange={(option) => option && model.setWeek(option.value)}
            />
          </div>
        </Field>
        <Button
          icon="download-alt"
          disabled={!report}
          onClick={() => downloadText(markdown(), `slo-review-${week}.md`)}
          data-testid={testIds.review.downloadMarkdown}
        >
          Download Markdown
        </Button>
        <ClipboardButton icon="copy" variant="secondary" disabled={!report} getText={markdown}>
          Copy Markdown
        </ClipboardButton>
      </Stack>
      {(unset ?? 0) > 0 && <NoDatasource />}
      <DatasourceFailures failures={failures} />
      {error && (
        <Alert title="The week could not be read" data-testid={testIds.review.error}>
          {error}
        </Alert>
      )}
      {loading && <LoadingPlaceholder text="Reading the week from Prometheus..." />}
      {report && !loading && (
        <>
          <section className={styles.section} data-testid={testIds.review.performance}>
            <Text element="h2">1. Performance</Text>
            <ReportBody report={report} />
          </section>
          <section className={styles.section} data-testid={testIds.review.incidents}>
            <Text element="h2">2. Incidents</Text>
            {incidents.length === 0 ? (
              <Text color="secondary">{NO_INCIDENTS}</Text>
            ) : (
              <ul>
                {incidents.map((i) => (
                  <li key={`${i.objective.sloUid}-${i.objective.window}`}>
                    <strong>{objectiveTitle(i.objective)}</strong>: {incidentText(i)}
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section className={styles.section} data-testid={testIds.review.decisions}>
            <Text element="h2">3. Decisions</Text>
            <Text color="secondary">
              The release decision for a medium-risk change to each service now, and the report&apos;s recommendations
              above.
            </Text>
            <ul className={styles.plain}>
              {(decisions ?? []).map((d) => (
                <li key={d.service} data-testid={testIds.review.decision}>
                  <Badge text={d.decision.toUpperCase()} color={DECISION_COLORS[d.decision]} />{' '}
                  <TextLink
                    href={`${prefixRoute(ROUTES.Gate)}?service=${encodeURIComponent(d.service)}&risk=medium`}
                    inline
                  >
                    {d.service}
                  </TextLink>
                  : {d.reason}
                </li>
              ))}
            </ul>
          </section>
        </>
      )}
      <LoadedReviewsDue folderUid={settings.sloFolderUid} showEmpty />
      <SharedNotes week={week} folderUid={settings.sloFolderUid} onChange={model.setNotes} />
    </Stack>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  section: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(1) }),
  plain: css({ listStyle: 'none', padding: 0, li: { marginBottom: theme.spacing(0.5) } }),
});
