import React, { useState } from 'react';
import { Button, FieldSet, Input, RadioButtonGroup, Stack, TextArea } from '@grafana/ui';
import {
  SERVICE_TYPE_TITLES,
  SERVICE_TYPES,
  validateCatalogue,
  withService,
  type Catalogue,
  type Service,
  type ServiceType,
} from '../../slo/catalogue';
import { SLI_PROPOSALS } from '../../slo/serviceTypes';
import { TIER_NAMES, TIERS } from '../../slo/tiers';
import type { TierName } from '../../slo/types';
import { testIds } from '../../components/testIds';
import { CatalogueField, ControlGroup } from './CatalogueField';
import { issuesOfEntry } from './serviceRows';

const TYPE_OPTIONS = SERVICE_TYPES.map((type) => ({
  label: SERVICE_TYPE_TITLES[type],
  value: type,
  description: `Proposes: ${SLI_PROPOSALS[type].map((p) => p.title.toLowerCase()).join(', ')}`,
}));
const TIER_OPTIONS: Array<{ label: string; value: TierName | '' }> = [
  { label: 'None', value: '' },
  ...TIER_NAMES.map((t) => ({ label: TIERS[t].title, value: t, description: TIERS[t].description })),
];

interface Draft {
  name: string;
  type: ServiceType;
  tier: TierName | '';
  owner: string;
  description: string;
}

function toService(draft: Draft): Service {
  return {
    name: draft.name.trim(),
    type: draft.type,
    ...(draft.tier !== '' && { tier: draft.tier }),
    ...(draft.owner.trim() !== '' && { owner: draft.owner.trim() }),
    ...(draft.description.trim() !== '' && { description: draft.description.trim() }),
  };
}

interface Props {
  /** The service being edited; absent for a new one. */
  initial?: Service;
  catalogue: Catalogue;
  saving: boolean;
  readOnly: boolean;
  onSubmit: (service: Service) => void;
  onCancel: () => void;
}

/** Adds or edits a service. Problems show by their field once a save is tried; the draft is kept. */
export function ServiceForm({ initial, catalogue, saving, readOnly, onSubmit, onCancel }: Props) {
  const [draft, setDraft] = useState<Draft>(() => ({
    name: initial?.name ?? '',
    type: initial?.type ?? 'api',
    tier: initial?.tier ?? '',
    owner: initial?.owner ?? '',
    description: initial?.description ?? '',
  }));
  const [tried, setTried] = useState(false);
  const service = toService(draft);
  const next = withService(catalogue, service, initial?.name);
  const issues = issuesOfEntry(validateCatalogue(next), `services[${next.services.indexOf(service)}]`);
  const shown = tried ? issues : new Map();
  const change = (update: Partial<Draft>) => setDraft((d) => ({ ...d, ...update }));
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setTried(true);
    if ([...issues.values()].flat().some((i) => i.severity === 'error')) {
      return;
    }
    onSubmit(service);
  };
  return (
    <form onSubmit={submit} aria-label={initial ? `Edit service ${initial.name}` : 'New service'}>
      <FieldSet label={initial ? `Edit service ${initial.name}` : 'New service'}>
        <CatalogueField label="Service name" description="The service field of its SLOs" issues={shown.get('name')}>
          <Input
            id="service-name"
            value={draft.name}
            onChange={(e) => change({ name: e.currentTarget.value })}
            data-testid={testIds.services.serviceName}
          />
        </CatalogueField>
        <CatalogueField label="Type" description="Chooses the SLIs the editor proposes" issues={shown.get('type')}>
          <ControlGroup testId={testIds.services.serviceType}>
            <RadioButtonGroup options={TYPE_OPTIONS} value={draft.type} onChange={(type) => change({ type })} />
          </ControlGroup>
        </CatalogueField>
        <CatalogueField label="Tier" description="The default tier of its new SLOs" issues={shown.get('tier')}>
          <ControlGroup testId={testIds.services.serviceTier}>
            <RadioButtonGroup options={TIER_OPTIONS} value={draft.tier} onChange={(tier) => change({ tier })} />
          </ControlGroup>
        </CatalogueField>
        <CatalogueField label="Owner" issues={shown.get('owner')}>
          <Input
            id="service-owner"
            value={draft.owner}
            onChange={(e) => change({ owner: e.currentTarget.value })}
            data-testid={testIds.services.serviceOwner}
          />
        </CatalogueField>
        <CatalogueField label="Description" issues={shown.get('description')}>
          <TextArea
            id="service-description"
            rows={2}
            value={draft.description}
            onChange={(e) => change({ description: e.currentTarget.value })}
            data-testid={testIds.services.serviceDescription}
          />
        </CatalogueField>
        <Stack gap={1}>
          <Button type="submit" disabled={saving || readOnly} data-testid={testIds.services.save}>
            {saving ? 'Saving...' : 'Save service'}
          </Button>
          <Button variant="secondary" onClick={onCancel} data-testid={testIds.services.cancel}>
            Cancel
          </Button>
        </Stack>
      </FieldSet>
    </form>
  );
}
