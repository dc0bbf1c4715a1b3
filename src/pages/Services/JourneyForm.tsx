import React, { useState } from 'react';
import { Button, Combobox, FieldSet, IconButton, Input, Stack, Text, TextArea } from '@grafana/ui';
import { validateCatalogue, withJourney, type Catalogue, type Journey } from '../../slo/catalogue';
import { testIds } from '../../components/testIds';
import { CatalogueField } from './CatalogueField';
import { issuesOfEntry } from './serviceRows';

export interface SloChoice {
  uid: string;
  name: string;
  service: string;
}

interface Props {
  /** The journey being edited; absent for a new one. */
  initial?: Journey;
  catalogue: Catalogue;
  slos: SloChoice[];
  saving: boolean;
  readOnly: boolean;
  onSubmit: (journey: Journey) => void;
  onCancel: () => void;
}

function trimmed(journey: Journey): Journey {
  const description = journey.description?.trim();
  return {
    name: journey.name.trim(),
    ...(description && { description }),
    ...(journey.sloUid && { sloUid: journey.sloUid }),
    steps: journey.steps.map((s) => ({ title: s.title.trim(), sloUid: s.sloUid })),
  };
}

/** Adds or edits a journey: a name and SLOs as ordered steps. Problems show by field once a save is tried. */
export function JourneyForm({ initial, catalogue, slos, saving, readOnly, onSubmit, onCancel }: Props) {
  const [draft, setDraft] = useState<Journey>(() => initial ?? { name: '', steps: [{ title: '', sloUid: '' }] });
  const [tried, setTried] = useState(false);
  const journey = trimmed(draft);
  const next = withJourney(catalogue, journey, initial?.name);
  const issues = issuesOfEntry(
    validateCatalogue(next, new Set(slos.map((s) => s.uid))),
    `journeys[${next.journeys.indexOf(journey)}]`
  );
  const shown = tried ? issues : new Map<string, never[]>();
  const options = slos.map((s) => ({ value: s.uid, label: s.name, description: s.service }));
  const setStep = (index: number, update: Partial<Journey['steps'][number]>) =>
    setDraft((d) => ({ ...d, steps: d.steps.map((s, i) => (i === index ? { ...s, ...update } : s)) }));
  const moveStep = (index: number, by: -1 | 1) =>
    setDraft((d) => {
      const steps = [...d.steps];
      [steps[index], steps[index + by]] = [steps[index + by], steps[index]];
      return { ...d, steps };
    });
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setTried(true);
    if ([...issues.values()].flat().some((i) => i.severity === 'error')) {
      return;
    }
    onSubmit(journey);
  };
  const title = initial ? `Edit journey ${initial.name}` : 'New user journey';
  return (
    <form onSubmit={submit} aria-label={title}>
      <FieldSet label={title}>
        <CatalogueField label="Journey name" description='For example "User login"' issues={shown.get('name')}>
          <Input
            id="journey-name"
            value={draft.name}
            onChange={(e) => setDraft({ ...draft, name: e.currentTarget.value })}
            data-testid={testIds.services.journeyName}
          />
        </CatalogueField>
        <CatalogueField label="Description" issues={shown.get('description')}>
          <TextArea
            id="journey-description"
            rows={2}
            value={draft.description ?? ''}
            onChange={(e) => setDraft({ ...draft, description: e.currentTarget.value })}
            data-testid={testIds.services.journeyDescription}
          />
        </CatalogueField>
        <CatalogueField
          label="SLO of the whole journey (optional)"
          description="An end-to-end SLO: while it pages, the pages of the steps are held back (burnrate inhibit-rules)"
          issues={shown.get('sloUid')}
        >
          <Combobox
            id="journey-slo"
            width={36}
            isClearable
            placeholder="None"
            options={options}
            value={draft.sloUid ?? null}
            onChange={(option) => setDraft({ ...draft, sloUid: option?.value || undefined })}
            data-testid={testIds.services.journeySlo}
          />
        </CatalogueField>
        <Text element="h4">Steps, in the order users go through them</Text>
        {shown.get('steps') && (
          <Text color="error" data-testid={testIds.services.fieldError}>
            Steps:{' '}
            {shown
              .get('steps')
              ?.map((i) => i.message)
              .join('; ')}
          </Text>
        )}
        {draft.steps.map((step, i) => (
          <Stack key={i} gap={1} alignItems="flex-start">
            <CatalogueField label={`Step ${i + 1} title`} issues={shown.get(`steps[${i}].title`)}>
              <Input
                id={`journey-step-${i}-title`}
                width={30}
                value={step.title}
                onChange={(e) => setStep(i, { title: e.currentTarget.value })}
                data-testid={testIds.services.stepTitle}
              />
            </CatalogueField>
            <CatalogueField label={`Step ${i + 1} SLO`} issues={shown.get(`steps[${i}].sloUid`)}>
              <Combobox
                id={`journey-step-${i}-slo`}
                width={36}
                placeholder="Choose an SLO"
                options={options}
                value={step.sloUid === '' ? null : step.sloUid}
                onChange={(option) => setStep(i, { sloUid: option.value })}
                data-testid={testIds.services.stepSlo}
              />
            </CatalogueField>
            <Stack gap={0}>
              <IconButton
                name="arrow-up"
                tooltip={`Move step ${i + 1} up`}
                disabled={i === 0}
                onClick={() => moveStep(i, -1)}
              />
              <IconButton
                name="arrow-down"
                tooltip={`Move step ${i + 1} down`}
                disabled={i === draft.steps.length - 1}
                onClick={() => moveStep(i, 1)}
              />
              <IconButton
                name="trash-alt"
                tooltip={`Remove step ${i + 1}`}
                onClick={() => setDraft((d) => ({ ...d, steps: d.steps.filter((_, j) => j !== i) }))}
              />
            </Stack>
          </Stack>
        ))}
        <Stack gap={1}>
          <Button
            variant="secondary"
            icon="plus"
            onClick={() => setDraft((d) => ({ ...d, steps: [...d.steps, { title: '', sloUid: '' }] }))}
            data-testid={testIds.services.addStep}
          >
            Add step
          </Button>
          <Button type="submit" disabled={saving || readOnly} data-testid={testIds.services.save}>
            {saving ? 'Saving...' : 'Save journey'}
          </Button>
          <Button variant="secondary" onClick={onCancel} data-testid={testIds.services.cancel}>
            Cancel
          </Button>
        </Stack>
      </FieldSet>
    </form>
  );
}
