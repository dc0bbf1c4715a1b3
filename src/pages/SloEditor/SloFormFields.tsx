import React from 'react';
import { Button, Combobox, FieldSet, IconButton, Input, RadioButtonGroup, Stack, Text, TextArea } from '@grafana/ui';
import type { IndicatorType, ReviewRecord, TierName } from '../../slo/types';
import { SERVICE_TYPE_TITLES, type Service } from '../../slo/catalogue';
import { TIER_NAMES, TIERS } from '../../slo/tiers';
import { testIds } from '../../components/testIds';
import { ControlGroup, IssueField } from './FieldIssues';
import { IndicatorFields, type FieldsProps } from './IndicatorFields';
import { AlertingFields } from './AlertingFields';
import { PolicyFields } from './PolicyFields';
import { PhaseFields } from './PhaseFields';
import { BudgetingFields } from './BudgetingFields';
import { objectiveWords } from './formPreviews';
import { OwnershipFields } from './OwnershipFields';
import { DatasourceField } from './DatasourceField';

const TIER_OPTIONS: Array<{ label: string; value: TierName | '' }> = [
  { label: 'None', value: '' },
  ...TIER_NAMES.map((t) => ({ label: TIERS[t].title, value: t, description: TIERS[t].description })),
];

const INDICATOR_OPTIONS: Array<{ label: string; value: IndicatorType; description: string }> = [
  { label: 'Ratio', value: 'ratio', description: 'Good or bad events over total events, from counters' },
  { label: 'Latency', value: 'latency', description: 'Share of requests faster than a threshold, from a histogram' },
  { label: 'Threshold', value: 'threshold', description: 'Time a gauge stays on the good side of a threshold' },
  { label: 'Advanced', value: 'advanced', description: 'Any PromQL giving events per second' },
  {
    label: 'Error ratio',
    value: 'errorRatio',
    description: 'A precomputed error ratio (Sloth raw SLI); approximate: each window averages its samples',
  },
];

interface Props extends FieldsProps {
  nameError?: string;
  /** The catalogue's services, offered by the service field (other names may still be typed). */
  services?: readonly Service[];
  /** The last review of the SLO edited. */
  lastReview?: ReviewRecord;
  /** The app's default datasource, which an SLO naming none lives on ('' when none is configured). */
  defaultDatasourceUid?: string;
}

function serviceOptions(services: readonly Service[], current: string) {
  const options = services.map((s) => ({ value: s.name, label: s.name, description: SERVICE_TYPE_TITLES[s.type] }));
  return current === '' || services.some((s) => s.name === current)
    ? options
    : [{ value: current, label: current }, ...options];
}

export function SloFormFields(props: Props) {
  return (
    <Stack direction="column" gap={1}>
      <AboutFields {...props} />
      <FieldSet label="Indicator">
        <DatasourceField
          value={props.form.datasourceUid}
          defaultUid={props.defaultDatasourceUid ?? ''}
          issues={props.issues.datasourceUid}
          onChange={(datasourceUid) => props.onChange({ datasourceUid })}
        />
        <IssueField label="SLI kind" issues={props.issues.indicatorType}>
          <ControlGroup testId={testIds.sloEditor.indicatorType}>
            <RadioButtonGroup
              options={INDICATOR_OPTIONS}
              value={props.form.indicatorType}
              onChange={(indicatorType) => props.onChange({ indicatorType })}
            />
          </ControlGroup>
        </IssueField>
        <IndicatorFields {...props} />
      </FieldSet>
      <ObjectiveFields {...props} />
      <AlertingFields {...props} />
      <PolicyFields {...props} />
      <OwnershipFields {...props} />
      <LabelFields {...props} />
    </Stack>
  );
}

function AboutFields({ form, issues, onChange, nameError, services = [] }: Props) {
  return (
    <FieldSet label="SLO">
      <IssueField
        label="Name"
        description="Unique; letters, digits, - _ and ."
        issues={issues.name}
        extraError={nameError}
      >
        <Input
          id="slo-name"
          value={form.name}
          onChange={(e) => onChange({ name: e.currentTarget.value })}
          data-testid={testIds.sloEditor.name}
        />
      </IssueField>
      <IssueField label="Display name" issues={issues.displayName}>
        <Input
          id="slo-display-name"
          value={form.displayName}
          onChange={(e) => onChange({ displayName: e.currentTarget.value })}
          data-testid={testIds.sloEditor.displayName}
        />
      </IssueField>
      <IssueField
        label="Service"
        description={services.length > 0 ? 'A service of the catalogue, or any other name' : undefined}
        issues={issues.service}
      >
        {services.length > 0 ? (
          <Combobox
            id="slo-service"
            createCustomValue
            customValueDescription="A service not in the catalogue"
            options={serviceOptions(services, form.service)}
            value={form.service === '' ? null : form.service}
            onChange={(option) => onChange({ service: option.value })}
            data-testid={testIds.sloEditor.service}
          />
        ) : (
          <Input
            id="slo-service"
            value={form.service}
            onChange={(e) => onChange({ service: e.currentTarget.value })}
            data-testid={testIds.sloEditor.service}
          />
        )}
      </IssueField>
      <IssueField label="Description" issues={issues.description}>
        <TextArea
          id="slo-description"
          rows={2}
          value={form.description}
          onChange={(e) => onChange({ description: e.currentTarget.value })}
          data-testid={testIds.sloEditor.description}
        />
      </IssueField>
      <IssueField label="Owner" issues={issues.owner}>
        <Input
          id="slo-owner"
          value={form.owner}
          onChange={(e) => onChange({ owner: e.currentTarget.value })}
          data-testid={testIds.sloEditor.owner}
        />
      </IssueField>
      <IssueField label="Runbook" description="URL of what to do when the alerts fire" issues={issues.runbook}>
        <Input
          id="slo-runbook"
          placeholder="https://runbooks.example.com/..."
          value={form.runbook}
          onChange={(e) => onChange({ runbook: e.currentTarget.value })}
          data-testid={testIds.sloEditor.runbook}
        />
      </IssueField>
      <IssueField label="Tier" description="Chooses the default target and which alerts page" issues={issues.tier}>
        <ControlGroup testId={testIds.sloEditor.tier}>
          <RadioButtonGroup options={TIER_OPTIONS} value={form.tier} onChange={(tier) => onChange({ tier })} />
        </ControlGroup>
      </IssueField>
    </FieldSet>
  );
}

function ObjectiveFields({ form, issues, onChange }: Props) {
  const words = objectiveWords(form);
  return (
    <FieldSet label="Objective">
      <Stack gap={2}>
        <IssueField label="Target (%)" description="e.g. 99.9; below 100" issues={issues.targetPercent}>
          <Input
            id="slo-target"
            width={16}
            suffix="%"
            value={form.targetPercent}
            onChange={(e) => onChange({ targetPercent: e.currentTarget.value })}
            data-testid={testIds.sloEditor.target}
          />
        </IssueField>
        <IssueField label="Window" description="7d, 28d, 30d, or week / month" issues={issues.window}>
          <Input
            id="slo-window"
            width={16}
            value={form.window}
            onChange={(e) => onChange({ window: e.currentTarget.value })}
            data-testid={testIds.sloEditor.window}
          />
        </IssueField>
      </Stack>
      <BudgetingFields form={form} issues={issues} onChange={onChange} />
      {words && (
        <Text element="p" color="secondary" data-testid={testIds.sloEditor.objectiveWords}>
          {words}
        </Text>
      )}
      <PhaseFields form={form} issues={issues} onChange={onChange} />
    </FieldSet>
  );
}

function LabelFields({ form, issues, onChange }: Props) {
  const setLabel = (index: number, change: Partial<{ key: string; value: string }>) =>
    onChange({ labels: form.labels.map((l, i) => (i === index ? { ...l, ...change } : l)) });
  return (
    <FieldSet label="Labels">
      <IssueField label="Labels" description="Copied onto every recorded series and alert" issues={issues.labels}>
        <ControlGroup testId={testIds.sloEditor.labels}>
          <Stack direction="column" gap={1}>
            {form.labels.map((label, i) => (
              <Stack key={i} gap={1}>
                <Input
                  aria-label={`Label ${i + 1} name`}
                  placeholder="name"
                  value={label.key}
                  onChange={(e) => setLabel(i, { key: e.currentTarget.value })}
                />
                <Input
                  aria-label={`Label ${i + 1} value`}
                  placeholder="value"
                  value={label.value}
                  onChange={(e) => setLabel(i, { value: e.currentTarget.value })}
                />
                <IconButton
                  name="trash-alt"
                  aria-label={`Remove label ${i + 1}`}
                  onClick={() => onChange({ labels: form.labels.filter((_, n) => n !== i) })}
                />
              </Stack>
            ))}
            <div>
              <Button
                size="sm"
                variant="secondary"
                icon="plus"
                onClick={() => onChange({ labels: [...form.labels, { key: '', value: '' }] })}
                data-testid={testIds.sloEditor.addLabel}
              >
                Add label
              </Button>
            </div>
          </Stack>
        </ControlGroup>
      </IssueField>
    </FieldSet>
  );
}
