import React from 'react';
import { Alert, FieldSet, Input, RadioButtonGroup, Stack, Text } from '@grafana/ui';
import type { ReviewRecord, SloStatus } from '../../slo/types';
import { DEFAULT_REVIEW_INTERVAL, SLO_STATUSES, STATUS_EFFECTS, STATUS_TITLES } from '../../slo/lifecycle';
import { testIds } from '../../components/testIds';
import { ControlGroup, IssueField } from './FieldIssues';
import type { FieldsProps } from './IndicatorFields';
import { TeamSuggestions } from './TeamSuggestions';

const STATUS_OPTIONS: Array<{ label: string; value: SloStatus; description: string }> = SLO_STATUSES.map((s) => ({
  label: STATUS_TITLES[s],
  value: s,
  description: STATUS_EFFECTS[s],
}));

interface Props extends FieldsProps {
  /** The last review of the SLO edited, recorded with "Mark reviewed" on the overview or the weekly review. */
  lastReview?: ReviewRecord;
}

/** Status, the owners and how often the SLO is reviewed; the last review is shown, not edited. */
export function OwnershipFields({ form, issues, onChange, lastReview }: Props) {
  const ids = testIds.sloEditor;
  const status = form.status === '' ? 'active' : form.status;
  return (
    <FieldSet label="Ownership and review">
      <IssueField label="Status" issues={issues.status}>
        <ControlGroup testId={ids.status}>
          <RadioButtonGroup options={STATUS_OPTIONS} value={status} onChange={(value) => onChange({ status: value })} />
        </ControlGroup>
      </IssueField>
      <Text element="p" color="secondary" data-testid={ids.statusEffect}>
        {STATUS_EFFECTS[status]}
      </Text>
      <Stack gap={2} wrap="wrap">
        <OwnerField
          field="productOwner"
          label="Product owner"
          description="Agrees the target with the users"
          form={form}
          issues={issues}
          onChange={onChange}
        />
        <OwnerField
          field="sreOwner"
          label="SRE owner"
          description="Answers for the measurement and the alerts"
          form={form}
          issues={issues}
          onChange={onChange}
        />
        <IssueField
          label="Review every"
          description={`A duration such as 30d or 26w; empty: ${DEFAULT_REVIEW_INTERVAL} (quarterly)`}
          issues={issues.reviewInterval}
        >
          <Input
            id="slo-review-interval"
            width={16}
            placeholder={DEFAULT_REVIEW_INTERVAL}
            value={form.reviewInterval}
            onChange={(e) => onChange({ reviewInterval: e.currentTarget.value })}
            data-testid={ids.reviewInterval}
          />
        </IssueField>
      </Stack>
      <Text element="p" color="secondary" data-testid={ids.lastReview}>
        {lastReview
          ? `Last reviewed on ${lastReview.date} by ${lastReview.by}${lastReview.note ? `: ${lastReview.note}` : ''}`
          : 'Not reviewed yet: mark it reviewed from the overview or the weekly review.'}
      </Text>
    </FieldSet>
  );
}

const OWNER_INPUTS = {
  productOwner: { id: 'slo-product-owner', testId: testIds.sloEditor.productOwner },
  sreOwner: { id: 'slo-sre-owner', testId: testIds.sloEditor.sreOwner },
} as const;

/** An owner, free text, with the Grafana teams that match what is typed offered below it. */
function OwnerField({
  field,
  label,
  description,
  form,
  issues,
  onChange,
}: FieldsProps & { field: keyof typeof OWNER_INPUTS; label: string; description: string }) {
  const { id, testId } = OWNER_INPUTS[field];
  return (
    <div>
      <IssueField label={label} description={description} issues={issues[field]}>
        <Input
          id={id}
          width={32}
          value={form[field]}
          onChange={(e) => onChange({ [field]: e.currentTarget.value })}
          data-testid={testId}
        />
      </IssueField>
      <TeamSuggestions label={label} text={form[field]} onApply={(team) => onChange({ [field]: team })} />
    </div>
  );
}

/** Said where the alerts are set: a draft's page alerts are sent as tickets. */
export function DraftAlertsNote({ status }: { status: SloStatus | '' }) {
  if (status !== 'draft' && status !== 'retired') {
    return null;
  }
  return (
    <Alert
      severity="info"
      title={status === 'draft' ? 'Draft: tickets only' : 'Retired: no alerts'}
      data-testid={testIds.sloEditor.draftAlertsNote}
    >
      {status === 'draft'
        ? 'Alerts set to Page are sent as tickets, with a line saying so, until the SLO is active.'
        : 'The rules keep recording, so the history stays, but no alert below fires while the SLO is retired.'}
    </Alert>
  );
}
