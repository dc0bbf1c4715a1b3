import React, { useMemo } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import {
  Alert,
  Button,
  ConfirmModal,
  Field,
  LinkButton,
  Stack,
  Tab,
  TabContent,
  TabsBar,
  TextArea,
  useStyles2,
} from '@grafana/ui';
import type { Slo, ValidationIssue } from '../../slo/types';
import type { Service } from '../../slo/catalogue';
import type { StoredSlo } from '../../api/sloStore';
import { testIds } from '../../components/testIds';
import { duplicateUrl, prefixRoute, sloUrl } from '../../utils/utils.routing';
import { ROUTES } from '../../constants';
import { issuesByField } from './formChecks';
import { SloFormFields } from './SloFormFields';
import { ConflictAlert } from './ConflictAlert';
import { useSloEditor, type EditorActions } from './useSloEditor';
import { StartFrom } from './StartFrom';
import { ReviewPane } from './ReviewPane';
import type { SliSuggestions } from './sliSuggestions';
import { SliPreview } from './SliPreview';
import { TargetFromHistory } from './TargetFromHistory';
import type { PreviewReader } from './sliPreviewData';
import { CANNOT_CREATE_SLOS, canCreateSlos } from '../../api/permissions';
import { datasourceOf } from '../../slo/datasource';

interface Props extends EditorActions {
  /** The SLO being edited; absent for a new SLO. */
  stored?: StoredSlo;
  evaluationInterval: string;
  /** For a new SLO: the SLO it duplicates. */
  source?: Slo;
  /** The app's default datasource, which an SLO naming none lives on ('' when none is configured). */
  defaultDatasourceUid?: string;
  /** Metric names, label values and bucket boundaries from a datasource. */
  suggestionsFor?: (datasourceUid: string) => SliSuggestions;
  /** Reads past data of a datasource for the preview, the target from history and the edit's replay. */
  previewReaderFor?: (datasourceUid: string) => PreviewReader;
  /** The catalogue's services: offered by the service field; a known service's type proposes SLIs. */
  services?: readonly Service[];
}

export function SloEditor({
  stored,
  evaluationInterval,
  source,
  defaultDatasourceUid = '',
  suggestionsFor,
  previewReaderFor,
  services = [],
  ...actions
}: Props) {
  const styles = useStyles2(getStyles);
  const editor = useSloEditor(stored, evaluationInterval, actions, source);
  // The datasource chosen in the form (or the YAML), else the app's default: suggestions and replays follow it.
  const chosen = editor.current.slo ? editor.current.slo.datasourceUid : editor.form.datasourceUid.trim() || undefined;
  const datasourceUid = chosen ?? defaultDatasourceUid;
  const suggestions = useMemo(
    () => (datasourceUid !== '' ? suggestionsFor?.(datasourceUid) : undefined),
    [datasourceUid, suggestionsFor]
  );
  const previewReader = useMemo(
    () => (datasourceUid !== '' ? previewReaderFor?.(datasourceUid) : undefined),
    [datasourceUid, previewReaderFor]
  );
  // The saved version's history is on its own datasource: the review replays it there.
  const savedDatasourceUid = editor.base ? datasourceOf(editor.base.slo, defaultDatasourceUid) : '';
  const savedReader = useMemo(
    () => (savedDatasourceUid !== '' ? previewReaderFor?.(savedDatasourceUid) : undefined),
    [savedDatasourceUid, previewReaderFor]
  );
  const service = services.find((s) => s.name.trim().toLowerCase() === editor.form.service.trim().toLowerCase());
  // A new SLO of a catalogued service starts with the service's tier, unless a tier is already chosen.
  const change: typeof editor.change = (update) => {
    editor.change(update);
    const tier = update.service === undefined ? undefined : services.find((s) => s.name === update.service)?.tier;
    if (editor.isNew && editor.form.tier === '' && tier) {
      editor.startFromTier(tier);
    }
  };
  const readOnly = stored !== undefined ? !stored.canSave : !canCreateSlos();
  const byField = issuesByField(editor.formResult.issues);
  const errors = editor.current.issues.filter((i) => i.severity === 'error');
  return (
    <div className={styles.editor} data-testid={testIds.sloEditor.container}>
      {readOnly && (
        <Alert severity="info" title="Read only" data-testid={testIds.sloEditor.readOnly}>
          {stored
            ? 'You can read this SLO but not change it: the permissions of its folder allow Editors and Admins to change SLOs.'
            : CANNOT_CREATE_SLOS}
        </Alert>
      )}
      {editor.conflict && (
        <ConflictAlert conflict={editor.conflict} myYaml={editor.myYaml} onReload={editor.reloadTheirs} />
      )}
      <TabsBar>
        <Tab
          label="Form"
          active={!editor.reviewing && editor.mode === 'form'}
          onChangeTab={editor.toForm}
          data-testid={testIds.sloEditor.formTab}
        />
        <Tab
          label="YAML"
          active={!editor.reviewing && editor.mode === 'yaml'}
          onChangeTab={editor.toYaml}
          data-testid={testIds.sloEditor.yamlTab}
        />
        <Tab
          label="Review"
          active={editor.reviewing}
          onChangeTab={editor.review}
          data-testid={testIds.sloEditor.reviewTab}
        />
      </TabsBar>
      <TabContent className={styles.content}>
        {editor.reviewing ? (
          <ReviewPane
            slo={editor.current.slo}
            saved={editor.base?.slo}
            evaluationInterval={evaluationInterval}
            reader={previewReader}
            savedReader={savedReader}
            defaultDatasourceUid={defaultDatasourceUid}
          />
        ) : editor.mode === 'form' ? (
          <>
            {/* A fieldset disables every input of the form at once for a role that cannot save. */}
            <fieldset disabled={readOnly} className={styles.fieldset}>
              {editor.isNew && (
                <StartFrom
                  onTemplate={editor.startFromTemplate}
                  onTier={editor.startFromTier}
                  onIndicatorType={(indicatorType) => editor.change({ indicatorType })}
                  tier={editor.form.tier}
                  service={service}
                />
              )}
              <SloFormFields
                form={editor.form}
                issues={byField}
                onChange={change}
                services={services}
                nameError={editor.nameError}
                suggestions={suggestions}
                lastReview={editor.base?.slo.review?.last}
                defaultDatasourceUid={defaultDatasourceUid}
              />
            </fieldset>
            <IssueList
              title="Other problems"
              issues={(byField.other ?? []).filter((i) => i.severity === 'error')}
              testId={testIds.sloEditor.otherIssues}
            />
            <TargetFromHistory
              slo={editor.current.slo}
              evaluationInterval={evaluationInterval}
              reader={previewReader}
              onUseTarget={readOnly ? undefined : (targetPercent) => editor.change({ targetPercent })}
            />
            <SliPreview slo={editor.current.slo} evaluationInterval={evaluationInterval} reader={previewReader} />
          </>
        ) : (
          <fieldset disabled={readOnly} className={styles.fieldset}>
            <YamlPane text={editor.yamlText} onChange={editor.setYamlText} issues={editor.yamlResult.issues} />
          </fieldset>
        )}
      </TabContent>
      {editor.showSummary && errors.length > 0 && (
        <IssueList
          title="Fix these problems before saving"
          issues={errors}
          testId={testIds.sloEditor.errorSummary}
          severity="error"
        />
      )}
      {editor.showSummary && editor.nameError && (
        <Alert title="Cannot save" data-testid={testIds.sloEditor.errorSummary}>
          {editor.nameError}
        </Alert>
      )}
      {editor.saveError && (
        <Alert title="Could not save the SLO" data-testid={testIds.sloEditor.saveError}>
          {editor.saveError}
        </Alert>
      )}
      <Stack gap={1}>
        <Button onClick={editor.save} disabled={readOnly || editor.saving} data-testid={testIds.sloEditor.save}>
          {editor.saving ? 'Saving...' : editor.isNew ? 'Create SLO' : 'Save SLO'}
        </Button>
        {!editor.reviewing && (
          <Button variant="secondary" icon="eye" onClick={editor.review}>
            Review
          </Button>
        )}
        <LinkButton
          variant="secondary"
          href={stored ? sloUrl(stored.slo.uid) : prefixRoute(ROUTES.Slos)}
          data-testid={testIds.sloEditor.cancel}
        >
          Cancel
        </LinkButton>
        {stored && (
          <LinkButton
            variant="secondary"
            icon="copy"
            href={duplicateUrl(stored.slo.uid)}
            data-testid={testIds.sloEditor.duplicate}
          >
            Duplicate
          </LinkButton>
        )}
      </Stack>
      <ConfirmModal
        isOpen={editor.leavePrompt.pending !== undefined}
        title="Leave without saving?"
        body={
          <span data-testid={testIds.sloEditor.leaveModal}>
            Your changes to this SLO are not saved. They are lost if you leave.
          </span>
        }
        confirmText="Leave and lose changes"
        dismissText="Stay and keep editing"
        confirmButtonVariant="destructive"
        onConfirm={editor.leavePrompt.leave}
        onDismiss={editor.leavePrompt.stay}
      />
    </div>
  );
}

function YamlPane({
  text,
  onChange,
  issues,
}: {
  text: string;
  onChange: (t: string) => void;
  issues: ValidationIssue[];
}) {
  const styles = useStyles2(getStyles);
  return (
    <>
      <Field label="SLO document (native YAML)" description="apiVersion: burnrate.dev/v1, kind: ServiceLevelObjective">
        <TextArea
          id="slo-yaml"
          className={styles.yaml}
          rows={28}
          value={text}
          onChange={(e) => onChange(e.currentTarget.value)}
          data-testid={testIds.sloEditor.yaml}
        />
      </Field>
      <IssueList title="Problems" issues={issues} testId={testIds.sloEditor.otherIssues} />
    </>
  );
}

interface IssueListProps {
  title: string;
  issues: ValidationIssue[];
  testId: string;
  severity?: 'error' | 'warning';
}

function IssueList({ title, issues, testId, severity = 'warning' }: IssueListProps) {
  if (issues.length === 0) {
    return null;
  }
  return (
    <Alert title={title} severity={severity} data-testid={testId}>
      <ul>
        {issues.map((issue, i) => (
          <li key={i}>
            {issue.path ? <code>{issue.path}</code> : null}
            {issue.path ? ': ' : ''}
            {issue.message}
          </li>
        ))}
      </ul>
    </Alert>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  editor: css({
    maxWidth: theme.breakpoints.values.lg,
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(2),
  }),
  content: css({ paddingTop: theme.spacing(2) }),
  fieldset: css({ border: 0, margin: 0, padding: 0, minWidth: 0 }),
  yaml: css({ fontFamily: theme.typography.fontFamilyMonospace }),
});
