import React from 'react';
import { Input, RadioButtonGroup, Stack } from '@grafana/ui';
import { DEFAULT_EXHAUSTION_BURN_WINDOW } from '../../slo/burnRates';
import { testIds } from '../../components/testIds';
import { IssueField } from './FieldIssues';
import type { FieldsProps } from './IndicatorFields';
import { SEVERITY_OPTIONS } from './sloForm';

/**
 * The alerts on the budget itself, off until their main field is filled in: little of the budget left
 * (Datadog's budget alert), and the budget gone soon at the recent burn rate (Honeycomb's and Nobl9's).
 */
export function BudgetAlertFields({ form, issues, onChange }: FieldsProps) {
  const ids = testIds.sloEditor;
  return (
    <Stack direction="column" gap={0}>
      <Stack gap={2} alignItems="flex-start">
        <IssueField
          label="Budget-left alert below (%)"
          description="Alert while less than this share of the error budget is left; empty for none"
          issues={issues.budgetLeftPercent}
        >
          <Input
            id="slo-budget-left"
            width={16}
            placeholder="e.g. 25"
            value={form.budgetLeftPercent}
            onChange={(e) => onChange({ budgetLeftPercent: e.currentTarget.value })}
            data-testid={ids.budgetLeft}
          />
        </IssueField>
        {form.budgetLeftPercent.trim() !== '' && (
          <IssueField label="Severity">
            <RadioButtonGroup
              options={SEVERITY_OPTIONS}
              value={form.budgetLeftSeverity}
              onChange={(value) => onChange({ budgetLeftSeverity: value })}
            />
          </IssueField>
        )}
      </Stack>
      <Stack gap={2} alignItems="flex-start" wrap="wrap">
        <IssueField
          label="Exhaustion alert within"
          description="Alert when the budget left lasts less than this at the recent burn rate; empty for none"
          issues={issues.exhaustionWithin}
        >
          <Input
            id="slo-exhaustion-within"
            width={16}
            placeholder="e.g. 3d"
            value={form.exhaustionWithin}
            onChange={(e) => onChange({ exhaustionWithin: e.currentTarget.value })}
            data-testid={ids.exhaustionWithin}
          />
        </IssueField>
        {form.exhaustionWithin.trim() !== '' && (
          <>
            <IssueField
              label="Burn rate over"
              description={`Empty for ${DEFAULT_EXHAUSTION_BURN_WINDOW}`}
              issues={issues.exhaustionBurnWindow}
            >
              <Input
                id="slo-exhaustion-burn-window"
                width={12}
                placeholder={DEFAULT_EXHAUSTION_BURN_WINDOW}
                value={form.exhaustionBurnWindow}
                onChange={(e) => onChange({ exhaustionBurnWindow: e.currentTarget.value })}
                data-testid={ids.exhaustionBurnWindow}
              />
            </IssueField>
            <IssueField
              label="Only below (%)"
              description="Only while less of the budget is left; empty for always"
              issues={issues.exhaustionLeftBelowPercent}
            >
              <Input
                id="slo-exhaustion-left-below"
                width={12}
                placeholder="e.g. 90"
                value={form.exhaustionLeftBelowPercent}
                onChange={(e) => onChange({ exhaustionLeftBelowPercent: e.currentTarget.value })}
                data-testid={ids.exhaustionLeftBelow}
              />
            </IssueField>
            <IssueField label="Severity">
              <RadioButtonGroup
                options={SEVERITY_OPTIONS}
                value={form.exhaustionSeverity}
                onChange={(value) => onChange({ exhaustionSeverity: value })}
              />
            </IssueField>
          </>
        )}
      </Stack>
    </Stack>
  );
}
