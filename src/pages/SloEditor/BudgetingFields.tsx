import React from 'react';
import { Input, RadioButtonGroup, Stack, Text } from '@grafana/ui';
import { testIds } from '../../components/testIds';
import { ControlGroup, IssueField } from './FieldIssues';
import type { FieldsProps } from './IndicatorFields';
import type { SloFormState } from './sloForm';

const BUDGETING_OPTIONS: Array<{ label: string; value: SloFormState['budgeting'] }> = [
  { label: 'Events', value: 'events' },
  { label: 'Time slices', value: 'timeSlices' },
  { label: 'Slice ratios', value: 'sliceRatios' },
];

const HELP: Record<SloFormState['budgeting'], string> = {
  events:
    'Events: the target is the share of good events, e.g. 99.9% of requests succeed. A busy minute weighs more than a quiet one.',
  timeSlices:
    'Time slices: the target is the share of good slices, e.g. 99.9% of minutes had p99 under 300 ms. One bad minute counts the same whatever the traffic; a slice without traffic is not counted.',
  sliceRatios:
    "Slice ratios (OpenSLO RatioTimeslices): the target is the mean of the slices' good ratios, e.g. minutes at 100%, 50% and 100% make 83.3%. A burst of errors in one busy minute costs at most that minute; a slice without traffic is not counted.",
};

/**
 * What the objective counts: events (requests, samples), good time slices, with the slice length and
 * the good ratio a slice must reach (for a threshold SLI the share of its samples that must meet the
 * condition; without one, every sample must), or the mean good ratio of the slices, with their length.
 */
export function BudgetingFields({ form, issues, onChange }: Pick<FieldsProps, 'form' | 'issues' | 'onChange'>) {
  const slices = form.budgeting !== 'events';
  return (
    <Stack direction="column" gap={1}>
      <IssueField label="Count" issues={issues.budgeting}>
        <ControlGroup testId={testIds.sloEditor.budgeting}>
          <RadioButtonGroup
            options={BUDGETING_OPTIONS}
            value={form.budgeting}
            onChange={(budgeting) => onChange({ budgeting })}
          />
        </ControlGroup>
      </IssueField>
      <Text element="p" color="secondary" data-testid={testIds.sloEditor.budgetingHelp}>
        {HELP[form.budgeting]}
      </Text>
      {slices && (
        <Stack gap={2}>
          <IssueField
            label="Slice length"
            description="1m to 5m, dividing the window evenly"
            issues={issues.sliceWindow}
          >
            <Input
              id="slo-slice-window"
              width={16}
              value={form.sliceWindow}
              onChange={(e) => onChange({ sliceWindow: e.currentTarget.value })}
              data-testid={testIds.sloEditor.sliceWindow}
            />
          </IssueField>
          {form.budgeting === 'sliceRatios' ? null : form.indicatorType === 'threshold' ? (
            <IssueField
              label="Good slice (% of samples)"
              description="Share of the slice's samples that must meet the condition, e.g. 70; empty: every sample"
              issues={issues.sampleSliceTargetPercent}
            >
              <Input
                id="slo-sample-slice-target"
                width={16}
                suffix="%"
                placeholder="100"
                value={form.sampleSliceTargetPercent}
                onChange={(e) => onChange({ sampleSliceTargetPercent: e.currentTarget.value })}
                data-testid={testIds.sloEditor.sampleSliceTarget}
              />
            </IssueField>
          ) : (
            <IssueField
              label="Good slice (%)"
              description="Share of good events a slice must reach, e.g. 99 for p99 under the threshold"
              issues={issues.sliceTargetPercent}
            >
              <Input
                id="slo-slice-target"
                width={16}
                suffix="%"
                value={form.sliceTargetPercent}
                onChange={(e) => onChange({ sliceTargetPercent: e.currentTarget.value })}
                data-testid={testIds.sloEditor.sliceTarget}
              />
            </IssueField>
          )}
        </Stack>
      )}
    </Stack>
  );
}
