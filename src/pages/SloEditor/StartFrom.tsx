import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Card, Field, FieldSet, RadioButtonGroup, Text, useStyles2 } from '@grafana/ui';
import type { IndicatorType, TierName } from '../../slo/types';
import { SERVICE_TYPE_TITLES, type Service } from '../../slo/catalogue';
import { proposalsFor } from '../../slo/serviceTypes';
import { SLO_TEMPLATES, TIER_NAMES, TIERS } from '../../slo/tiers';
import { testIds } from '../../components/testIds';
import { ControlGroup } from './FieldIssues';

const TIER_START_OPTIONS = TIER_NAMES.map((t) => ({
  label: TIERS[t].title,
  value: t,
  description: TIERS[t].description,
}));

interface Props {
  onTemplate: (templateId: string) => void;
  onTier: (tier: TierName) => void;
  /** For a proposal without a template: sets the SLI kind. */
  onIndicatorType: (indicatorType: IndicatorType) => void;
  tier: TierName | '';
  /** The SLO's service when the catalogue has it: its type's SLIs are proposed first. */
  service?: Service;
}

/**
 * For a new SLO: start from the SLIs its service's type proposes, a template (indicator, target, window)
 * or a tier's defaults.
 */
export function StartFrom({ onTemplate, onTier, onIndicatorType, tier, service }: Props) {
  const styles = useStyles2(getStyles);
  return (
    <FieldSet label="Start from" data-testid={testIds.sloEditor.startFrom}>
      {service && (
        <section aria-label={`Proposed for ${service.name}`} data-testid={testIds.sloEditor.proposals}>
          <Text element="h5">
            Proposed for {service.name} ({SERVICE_TYPE_TITLES[service.type]} service
            {service.tier ? `, ${TIERS[service.tier].title} tier` : ''})
          </Text>
          <div className={styles.cards}>
            {proposalsFor(service.type).map((proposal) => {
              const template = SLO_TEMPLATES.find((t) => t.id === proposal.templateId);
              return (
                <Card
                  key={proposal.kind}
                  noMargin
                  onClick={() => (template ? onTemplate(template.id) : onIndicatorType(proposal.indicatorType))}
                  data-testid={testIds.sloEditor.proposal}
                >
                  <Card.Heading>{proposal.title}</Card.Heading>
                  <Card.Description>{proposal.why}</Card.Description>
                  <Card.Meta>
                    {[template ? `Template: ${template.title}` : `SLI kind: ${proposal.indicatorType}`]}
                  </Card.Meta>
                </Card>
              );
            })}
          </div>
        </section>
      )}
      <div className={styles.cards}>
        {SLO_TEMPLATES.map((template) => (
          <Card
            key={template.id}
            noMargin
            onClick={() => onTemplate(template.id)}
            data-testid={testIds.sloEditor.template}
          >
            <Card.Heading>{template.title}</Card.Heading>
            <Card.Description>{template.description}</Card.Description>
          </Card>
        ))}
      </div>
      <Field label="Tier defaults" description="Sets the tier, its target and its latency threshold">
        <ControlGroup testId={testIds.sloEditor.startTier}>
          <RadioButtonGroup options={TIER_START_OPTIONS} value={tier === '' ? undefined : tier} onChange={onTier} />
        </ControlGroup>
      </Field>
    </FieldSet>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  cards: css({
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))',
    gap: theme.spacing(1),
    marginBottom: theme.spacing(2),
  }),
});
