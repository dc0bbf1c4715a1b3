import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Alert, Button, Field, LinkButton, Stack, Tab, TabContent, TabsBar, TextArea, useStyles2 } from '@grafana/ui';
import type { ValidationIssue } from '../../slo/types';
import type { StoredSlo } from '../../api/sloStore';
import { testIds } from '../../components/testIds';
import { prefixRoute, sloUrl } from '../../utils/utils.routing';
import { ROUTES } from '../../constants';
import { issuesByField } from './sloForm';
import { SloFormFields } from './SloFormFields';
import { ConflictAlert } from './ConflictAlert';
import { useSloEditor, type EditorActions } from './useSloEditor';

interface Props extends EditorActions {
  /** The SLO being edited; absent for a new SLO. */
  stored?: StoredSlo;
  evaluationInterval: string;
}

export function SloEditor({ stored, evaluationInterval, ...actions }: Props) {
  const styles = useStyles2(getStyles);
  const editor = useSloEditor(stored, evaluationInterval, actions);
  const readOnly = stored !== undefined && !stored.canSave;
  const byField = issuesByField(editor.formResult.issues);
  const errors = editor.current.issues.filter((i) => i.severity === 'error');
  return (
    <div className={styles.editor} data-testid={testIds.sloEditor.container}>
      {readOnly && (
        <Alert severity="info" title="Read only" data-testid={testIds.sloEditor.readOnly}>
          You can read this SLO but not change it: the permissions of its folder allow Editors and Admins to change
          SLOs.
        </Alert>
      )}
      {editor.conflict && (
        <ConflictAlert conflict={editor.conflict} myYaml={editor.myYaml} onReload={editor.reloadTheirs} />
      )}
      <TabsBar>
        <Tab
          label="Form"
          active={editor.mode === 'form'}
          onChangeTab={editor.toForm}
          data-testid={testIds.sloEditor.formTab}
        />
        <Tab
          label="YAML"
          active={editor.mode === 'yaml'}
          onChangeTab={() => editor.mode === 'form' && editor.toYaml()}
          data-testid={testIds.sloEditor.yamlTab}
        />
      </TabsBar>
      <TabContent className={styles.content}>
        {editor.mode === 'form' ? (
          <>
            <SloFormFields form={editor.form} issues={byField} onChange={editor.change} nameError={editor.nameError} />
            <IssueList
              title="Other problems"
              issues={(byField.other ?? []).filter((i) => i.severity === 'error')}
              testId={testIds.sloEditor.otherIssues}
            />
          </>
        ) : (
          <YamlPane text={editor.yamlText} onChange={editor.setYamlText} issues={editor.yamlResult.issues} />
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
        <LinkButton
          variant="secondary"
          href={stored ? sloUrl(stored.slo.uid) : prefixRoute(ROUTES.Slos)}
          data-testid={testIds.sloEditor.cancel}
        >
          Cancel
        </LinkButton>
      </Stack>
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
  yaml: css({ fontFamily: theme.typography.fontFamilyMonospace }),
});
