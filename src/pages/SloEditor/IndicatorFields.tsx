import React from 'react';
import { Alert, Checkbox, Input, RadioButtonGroup } from '@grafana/ui';
import type { ThresholdOperator } from '../../slo/types';
import { approximationNote } from '../../slo/describe';
import { testIds } from '../../components/testIds';
import { ControlGroup, IssueField } from './FieldIssues';
import type { FormField, FormIssue, SloFormState } from './sloForm';
import type { SliSuggestions } from './sliSuggestions';
import { BucketSuggestions, SelectorSuggestions } from './Suggestions';
import { PromqlCodeField } from './PromqlCodeField';

export interface FieldsProps {
  form: SloFormState;
  issues: Partial<Record<FormField, FormIssue[]>>;
  onChange: (change: Partial<SloFormState>) => void;
  /** Completion from the datasource's data; absent without a datasource. */
  suggestions?: SliSuggestions;
}

const OPERATORS: Array<{ label: string; value: ThresholdOperator }> = [
  { label: '<', value: '<' },
  { label: '<=', value: '<=' },
  { label: '>', value: '>' },
  { label: '>=', value: '>=' },
];
const EVENT_KINDS: Array<{ label: string; value: 'good' | 'bad' }> = [
  { label: 'Bad events', value: 'bad' },
  { label: 'Good events', value: 'good' },
];

/** The fields of the chosen SLI kind. */
export function IndicatorFields(props: FieldsProps) {
  switch (props.form.indicatorType) {
    case 'ratio':
    case 'advanced':
      return <EventFields {...props} />;
    case 'latency':
      return <LatencyFields {...props} />;
    case 'threshold':
      return <ThresholdFields {...props} />;
    case 'errorRatio':
      return <ErrorRatioFields {...props} />;
  }
}

/** A precomputed error ratio: accepted, and said to be approximate wherever it is edited. */
function ErrorRatioFields({ form, issues, onChange }: FieldsProps) {
  return (
    <>
      <IssueField
        label="Error ratio"
        description="PromQL of the share of bad events, from 0 to 1, over {{.window}} (replaced by 5m), e.g. a recorded error ratio"
        issues={issues.expr}
      >
        <PromqlCodeField
          value={form.expr}
          onChange={(expr) => onChange({ expr })}
          ariaLabel="Error ratio"
          testId={testIds.sloEditor.errorRatioCode}
        />
      </IssueField>
      <Alert severity="warning" title="Approximate SLO" data-testid={testIds.sloEditor.approximateNote}>
        {approximationNote('errorRatio')}
      </Alert>
    </>
  );
}

function EventFields({ form, issues, onChange, suggestions }: FieldsProps) {
  const advanced = form.indicatorType === 'advanced';
  const what = advanced ? 'PromQL giving events per second' : 'Selector of a counter';
  return (
    <>
      <IssueField
        label="Total events"
        description={`${what}, e.g. http_requests_total{job="api"}`}
        issues={issues.total}
      >
        {advanced ? (
          <PromqlCodeField
            value={form.total}
            onChange={(total) => onChange({ total })}
            ariaLabel="Total events"
            testId={testIds.sloEditor.totalCode}
          />
        ) : (
          <Input
            id="slo-total"
            value={form.total}
            onChange={(e) => onChange({ total: e.currentTarget.value })}
            data-testid={testIds.sloEditor.total}
          />
        )}
      </IssueField>
      {!advanced && (
        <SelectorSuggestions
          label="Total events"
          text={form.total}
          suggestions={suggestions}
          onApply={(total) => onChange({ total })}
        />
      )}
      <ControlGroup testId={testIds.sloEditor.eventsKind}>
        <RadioButtonGroup
          options={EVENT_KINDS}
          value={form.eventsKind}
          onChange={(eventsKind) => onChange({ eventsKind })}
        />
      </ControlGroup>
      <IssueField
        label={form.eventsKind === 'bad' ? 'Bad events' : 'Good events'}
        description={what}
        issues={issues.events}
      >
        {advanced ? (
          <PromqlCodeField
            value={form.events}
            onChange={(events) => onChange({ events })}
            ariaLabel={form.eventsKind === 'bad' ? 'Bad events' : 'Good events'}
            testId={testIds.sloEditor.eventsCode}
          />
        ) : (
          <Input
            id="slo-events"
            value={form.events}
            onChange={(e) => onChange({ events: e.currentTarget.value })}
            data-testid={testIds.sloEditor.events}
          />
        )}
      </IssueField>
      {!advanced && (
        <SelectorSuggestions
          label={form.eventsKind === 'bad' ? 'Bad events' : 'Good events'}
          text={form.events}
          suggestions={suggestions}
          onApply={(events) => onChange({ events })}
        />
      )}
    </>
  );
}

function LatencyFields({ form, issues, onChange, suggestions }: FieldsProps) {
  return (
    <>
      <IssueField
        label="Histogram"
        description='Base name with matchers, e.g. http_request_duration_seconds{job="api"}'
        issues={issues.histogram}
      >
        <Input
          id="slo-histogram"
          value={form.histogram}
          onChange={(e) => onChange({ histogram: e.currentTarget.value })}
          data-testid={testIds.sloEditor.histogram}
        />
      </IssueField>
      <SelectorSuggestions
        label="Histogram"
        text={form.histogram}
        suggestions={suggestions}
        histograms
        onApply={(histogram) => onChange({ histogram })}
      />
      <IssueField
        label="Threshold"
        description="Upper bound of a good request in the histogram's unit; a bucket boundary"
        issues={issues.latencyThreshold}
      >
        <Input
          id="slo-latency-threshold"
          value={form.latencyThreshold}
          onChange={(e) => onChange({ latencyThreshold: e.currentTarget.value })}
          data-testid={testIds.sloEditor.latencyThreshold}
        />
      </IssueField>
      {!form.native && (
        <BucketSuggestions
          histogram={form.histogram}
          threshold={form.latencyThreshold}
          suggestions={suggestions}
          onPick={(latencyThreshold) => onChange({ latencyThreshold })}
        />
      )}
      <Checkbox
        label="Native histogram"
        value={form.native}
        onChange={(e) => onChange({ native: e.currentTarget.checked })}
        data-testid={testIds.sloEditor.native}
      />
    </>
  );
}

function ThresholdFields({ form, issues, onChange }: FieldsProps) {
  return (
    <>
      <IssueField
        label="Gauge expression"
        description="PromQL of a gauge, e.g. time() - pipeline_last_success_timestamp_seconds"
        issues={issues.expr}
      >
        <Input
          id="slo-expr"
          value={form.expr}
          onChange={(e) => onChange({ expr: e.currentTarget.value })}
          data-testid={testIds.sloEditor.expr}
        />
      </IssueField>
      <IssueField label="Good while" issues={issues.operator}>
        <ControlGroup testId={testIds.sloEditor.operator}>
          <RadioButtonGroup options={OPERATORS} value={form.operator} onChange={(operator) => onChange({ operator })} />
        </ControlGroup>
      </IssueField>
      <IssueField label="Threshold" issues={issues.threshold}>
        <Input
          id="slo-threshold"
          value={form.threshold}
          onChange={(e) => onChange({ threshold: e.currentTarget.value })}
          data-testid={testIds.sloEditor.threshold}
        />
      </IssueField>
    </>
  );
}
