import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import {
  Alert,
  Button,
  Field,
  FieldSet,
  IconButton,
  Input,
  RadioButtonGroup,
  Stack,
  Switch,
  Text,
  useStyles2,
} from '@grafana/ui';
import { describeWindowLength } from '../../slo/describe';
import { testIds } from '../../components/testIds';
import { ControlGroup, IssueField } from './FieldIssues';
import { BudgetAlertFields } from './BudgetAlertFields';
import type { FieldsProps } from './IndicatorFields';
import { SEVERITY_OPTIONS, type BurnRateRow, type FormIssue } from './sloForm';
import { alertPreviews, defaultBurnRateRows, type AlertPreview } from './formPreviews';
import { DraftAlertsNote } from './OwnershipFields';

const MODES: Array<{ label: string; value: BurnRateRow['mode']; description: string }> = [
  { label: 'Factor', value: 'factor', description: 'The burn rate that fires, e.g. 14.4' },
  { label: 'Budget %', value: 'budgetSpent', description: 'Share of the budget spent in the long window, e.g. 2' },
];

/** Burn-rate alerts in words (defaults or the user's rows), the low-traffic guard and the no-data alert. */
export function AlertingFields({ form, issues, onChange }: FieldsProps) {
  const styles = useStyles2(getStyles);
  const previews = alertPreviews(form);
  const alertIssues = issues.burnRates ?? [];
  const sectionIssues = alertIssues.filter((i) => !/^spec\.alerting\.burnRates\[\d+\]/.test(i.path));
  const setRow = (index: number, change: Partial<BurnRateRow>) =>
    onChange({ burnRates: form.burnRates.map((r, i) => (i === index ? { ...r, ...change } : r)) });
  return (
    <FieldSet label="Alerting">
      <DraftAlertsNote status={form.status} />
      <Field label="Burn-rate alerts" description="Multi-window, multi-burn-rate alerts on the error budget">
        <Switch
          id="slo-alerting-enabled"
          value={form.alertingEnabled}
          onChange={(e) => onChange({ alertingEnabled: e.currentTarget.checked })}
          data-testid={testIds.sloEditor.alertingEnabled}
        />
      </Field>
      {form.alertingEnabled && (
        <Stack direction="column" gap={1}>
          {previews === undefined && <Text color="secondary">Set a valid target and window to see the alerts.</Text>}
          {!form.customBurnRates && previews && (
            <DefaultAlerts
              previews={previews}
              onCustomise={() => onChange({ customBurnRates: true, burnRates: defaultBurnRateRows(form) })}
            />
          )}
          {form.customBurnRates && (
            <>
              {form.burnRates.map((row, i) => (
                <AlertRow
                  key={i}
                  index={i}
                  row={row}
                  preview={previews?.[i]}
                  issues={alertIssues.filter((issue) => issue.path.startsWith(`spec.alerting.burnRates[${i}]`))}
                  onChange={(change) => setRow(i, change)}
                  onRemove={() => onChange({ burnRates: form.burnRates.filter((_, n) => n !== i) })}
                />
              ))}
              <Stack gap={1}>
                <Button
                  size="sm"
                  variant="secondary"
                  icon="plus"
                  onClick={() =>
                    onChange({
                      burnRates: [
                        ...form.burnRates,
                        { severity: 'ticket', longWindow: '1d', shortWindow: '2h', mode: 'factor', value: '3' },
                      ],
                    })
                  }
                  data-testid={testIds.sloEditor.alertAdd}
                >
                  Add alert
                </Button>
                <Button
                  size="sm"
                  variant="secondary"
                  icon="history"
                  onClick={() => onChange({ customBurnRates: false, burnRates: [] })}
                  data-testid={testIds.sloEditor.defaultAlerts}
                >
                  Back to the defaults
                </Button>
              </Stack>
            </>
          )}
          {sectionIssues.length > 0 && (
            <Alert title="Alerts" severity="warning" data-testid={testIds.sloEditor.alertIssues}>
              {sectionIssues.map((issue, i) => (
                <div key={i}>{issue.message}</div>
              ))}
            </Alert>
          )}
        </Stack>
      )}
      <div className={styles.guards}>
        <Stack gap={2}>
          <IssueField
            label="Low-traffic guard"
            description="Alert only once this many bad events fell in the long window; empty for none"
            issues={issues.minBadEvents}
          >
            <Input
              id="slo-min-bad-events"
              width={16}
              placeholder="e.g. 5"
              value={form.minBadEvents}
              onChange={(e) => onChange({ minBadEvents: e.currentTarget.value })}
              data-testid={testIds.sloEditor.minBadEvents}
            />
          </IssueField>
          <IssueField
            label="No-data alert after"
            description="Alert when the SLI has had no events this long; empty for none"
            issues={issues.noDataFor}
          >
            <Input
              id="slo-no-data-for"
              width={16}
              placeholder="e.g. 30m"
              value={form.noDataFor}
              onChange={(e) => onChange({ noDataFor: e.currentTarget.value })}
              data-testid={testIds.sloEditor.noDataFor}
            />
          </IssueField>
        </Stack>
        {form.alertingEnabled && <BudgetAlertFields form={form} issues={issues} onChange={onChange} />}
      </div>
    </FieldSet>
  );
}

function DefaultAlerts({ previews, onCustomise }: { previews: AlertPreview[]; onCustomise: () => void }) {
  const styles = useStyles2(getStyles);
  return (
    <div className={styles.rows}>
      <Text color="secondary" variant="bodySmall">
        The SRE workbook alerts, scaled to the window, with the tier&apos;s severities:
      </Text>
      <ul className={styles.list}>
        {previews.map((preview, i) => (
          <li key={i} data-testid={testIds.sloEditor.alertRow}>
            <span data-testid={testIds.sloEditor.alertWords}>{preview.words}</span>
            {preview.adaptedFrom !== undefined && preview.fullOutageSeconds !== undefined && (
              <Text color="warning">
                {' '}
                (instead of the workbook&apos;s {preview.adaptedFrom}x, which this target cannot reach soon enough: a
                full outage fires it within {describeWindowLength(preview.fullOutageSeconds)})
              </Text>
            )}
          </li>
        ))}
      </ul>
      <div>
        <Button
          size="sm"
          variant="secondary"
          icon="pen"
          onClick={onCustomise}
          data-testid={testIds.sloEditor.customiseAlerts}
        >
          Customise alerts
        </Button>
      </div>
    </div>
  );
}

interface AlertRowProps {
  index: number;
  row: BurnRateRow;
  preview?: AlertPreview;
  issues: FormIssue[];
  onChange: (change: Partial<BurnRateRow>) => void;
  onRemove: () => void;
}

function AlertRow({ index, row, preview, issues, onChange, onRemove }: AlertRowProps) {
  const styles = useStyles2(getStyles);
  const n = index + 1;
  const of = (field: string) => issues.filter((i) => i.path === `spec.alerting.burnRates[${index}].${field}`);
  const valueField = row.mode === 'factor' ? 'factor' : 'budgetSpent';
  return (
    <div className={styles.row} data-testid={testIds.sloEditor.alertRow}>
      <Stack gap={2} wrap="wrap" alignItems="flex-start">
        <Field label={`Alert ${n} severity`}>
          <ControlGroup testId={testIds.sloEditor.alertSeverity}>
            <RadioButtonGroup
              size="sm"
              options={SEVERITY_OPTIONS}
              value={row.severity}
              onChange={(severity) => onChange({ severity })}
            />
          </ControlGroup>
        </Field>
        <Field label="Fires on">
          <ControlGroup testId={testIds.sloEditor.alertMode}>
            <RadioButtonGroup size="sm" options={MODES} value={row.mode} onChange={(mode) => onChange({ mode })} />
          </ControlGroup>
        </Field>
        <IssueField label={row.mode === 'factor' ? 'Factor' : 'Budget spent (%)'} issues={of(valueField)}>
          <Input
            id={`slo-alert-${index}-value`}
            width={12}
            value={row.value}
            suffix={row.mode === 'factor' ? 'x' : '%'}
            onChange={(e) => onChange({ value: e.currentTarget.value })}
            data-testid={testIds.sloEditor.alertValue}
          />
        </IssueField>
        <IssueField label="Long window" issues={of('longWindow')}>
          <Input
            id={`slo-alert-${index}-long`}
            width={12}
            value={row.longWindow}
            onChange={(e) => onChange({ longWindow: e.currentTarget.value })}
            data-testid={testIds.sloEditor.alertLongWindow}
          />
        </IssueField>
        <IssueField label="Short window" issues={of('shortWindow')}>
          <Input
            id={`slo-alert-${index}-short`}
            width={12}
            value={row.shortWindow}
            onChange={(e) => onChange({ shortWindow: e.currentTarget.value })}
            data-testid={testIds.sloEditor.alertShortWindow}
          />
        </IssueField>
        <IssueField label="For" description="Burning this long before it fires; empty: at once" issues={of('for')}>
          <Input
            id={`slo-alert-${index}-for`}
            width={12}
            placeholder="0s"
            value={row.for ?? ''}
            onChange={(e) => onChange({ for: e.currentTarget.value })}
            data-testid={testIds.sloEditor.alertFor}
          />
        </IssueField>
        <div className={styles.remove}>
          <IconButton
            name="trash-alt"
            aria-label={`Remove alert ${n}`}
            onClick={onRemove}
            data-testid={testIds.sloEditor.alertRemove}
          />
        </div>
      </Stack>
      {preview?.words && (
        <Text color="secondary" variant="bodySmall" data-testid={testIds.sloEditor.alertWords}>
          {preview.words.charAt(0).toUpperCase() + preview.words.slice(1)}
        </Text>
      )}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  rows: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(0.5) }),
  list: css({ margin: 0, paddingLeft: theme.spacing(2.5) }),
  row: css({
    border: `1px solid ${theme.colors.border.weak}`,
    borderRadius: theme.shape.radius.default,
    padding: theme.spacing(1, 1.5),
  }),
  remove: css({ paddingTop: theme.spacing(3) }),
  guards: css({ marginTop: theme.spacing(2) }),
});
