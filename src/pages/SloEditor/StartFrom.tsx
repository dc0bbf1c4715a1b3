import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Card, Field, FieldSet, RadioButtonGroup, useStyles2 } from '@grafana/ui';
import type { TierName } from '../../slo/types';
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
  tier: TierName | '';
}

/** For a new SLO: start from a template (indicator, target, window) or from a tier's defaults. */
export function StartFrom({ onTemplate, onTier, tier }: Props) {
  const styles = useStyles2(getStyles);
  return (
    <FieldSet label="Start from" data-testid={testIds.sloEditor.startFrom}>
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
