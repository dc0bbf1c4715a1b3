import React from 'react';
import { Button, IconButton, Input, Stack, Text } from '@grafana/ui';
import { testIds } from '../../components/testIds';
import { ControlGroup, IssueField } from './FieldIssues';
import type { FieldsProps } from './IndicatorFields';

type Phase = { from: string; targetPercent: string };

/**
 * Progressive targets of the objective: from each date on (00:00 UTC), a new target. The rules follow
 * the dates by themselves; there is nothing to redeploy when a phase starts.
 */
export function PhaseFields({ form, issues, onChange }: Pick<FieldsProps, 'form' | 'issues' | 'onChange'>) {
  const setPhase = (index: number, change: Partial<Phase>) =>
    onChange({ phases: form.phases.map((p, i) => (i === index ? { ...p, ...change } : p)) });
  const add = () => onChange({ phases: [...form.phases, { from: '', targetPercent: '' }] });
  return (
    <IssueField
      label="Progressive targets"
      description="Optional: raise the target by phases, each from a date on (00:00 UTC); the rules follow the dates by themselves"
      issues={issues.phases}
    >
      <ControlGroup testId={testIds.sloEditor.phases}>
        <Stack direction="column" gap={1}>
          {form.phases.length === 0 && <Text color="secondary">No phases: the target stays as it is.</Text>}
          {form.phases.map((phase, i) => (
            <Stack key={i} gap={1} alignItems="center" data-testid={testIds.sloEditor.phaseRow}>
              <Text color="secondary">From</Text>
              <Input
                width={16}
                placeholder="2027-01-01"
                aria-label={`Phase ${i + 1} start date`}
                value={phase.from}
                onChange={(e) => setPhase(i, { from: e.currentTarget.value })}
                data-testid={testIds.sloEditor.phaseFrom}
              />
              <Text color="secondary">target</Text>
              <Input
                width={12}
                suffix="%"
                placeholder="99.95"
                aria-label={`Phase ${i + 1} target`}
                value={phase.targetPercent}
                onChange={(e) => setPhase(i, { targetPercent: e.currentTarget.value })}
                data-testid={testIds.sloEditor.phaseTarget}
              />
              <IconButton
                name="trash-alt"
                aria-label={`Remove phase ${i + 1}`}
                onClick={() => onChange({ phases: form.phases.filter((_, j) => j !== i) })}
              />
            </Stack>
          ))}
          <div>
            <Button size="sm" variant="secondary" icon="plus" onClick={add} data-testid={testIds.sloEditor.phaseAdd}>
              Add a phase
            </Button>
          </div>
        </Stack>
      </ControlGroup>
    </IssueField>
  );
}
