import React from 'react';
import { Field } from '@grafana/ui';
import type { ValidationIssue } from '../../slo/types';
import { testIds } from '../../components/testIds';

interface Props {
  label: string;
  description?: string;
  issues?: ValidationIssue[];
  children: React.ReactElement;
}

/** A labelled field with its errors under the input (each names the field: the label is above it). */
export function CatalogueField({ label, description, issues = [], children }: Props) {
  const errors = issues.filter((i) => i.severity === 'error').map((i) => i.message);
  const warnings = issues.filter((i) => i.severity === 'warning').map((i) => `Warning: ${i.message}`);
  return (
    <Field
      label={label}
      description={[description, ...warnings].filter(Boolean).join(' ') || undefined}
      invalid={errors.length > 0}
      error={
        errors.length > 0 ? (
          <span data-testid={testIds.services.fieldError}>{`${label}: ${errors.join('; ')}`}</span>
        ) : undefined
      }
    >
      {children}
    </Field>
  );
}

/** Wraps a control that takes no test id, so that Field's `invalid` does not reach the DOM. */
export function ControlGroup({ testId, children }: { testId: string; invalid?: boolean; children: React.ReactNode }) {
  return <div data-testid={testId}>{children}</div>;
}
