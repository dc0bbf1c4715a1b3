import React from 'react';
import { Field, Stack } from '@grafana/ui';
import { testIds } from '../../components/testIds';
import type { FormIssue } from './sloForm';

interface Props {
  label: string;
  description?: string;
  issues?: FormIssue[];
  /** An error from saving, e.g. a name that is taken. */
  extraError?: string;
  children: React.ReactElement;
}

/** A labelled field showing its errors (and warnings) under the input. */
export function IssueField({ label, description, issues = [], extraError, children }: Props) {
  const messages = [
    ...(extraError ? [extraError] : []),
    ...issues.filter((i) => i.severity === 'error').map((i) => i.message),
  ];
  const warnings = issues.filter((i) => i.severity === 'warning').map((i) => `Warning: ${i.message}`);
  const error =
    messages.length > 0 ? (
      <Stack direction="column" gap={0}>
        {messages.map((m, i) => (
          <span key={i} data-testid={testIds.sloEditor.fieldError}>
            {m}
          </span>
        ))}
      </Stack>
    ) : undefined;
  return (
    <Field
      label={label}
      description={[description, ...warnings].filter(Boolean).join(' ') || undefined}
      invalid={messages.length > 0}
      error={error}
    >
      {children}
    </Field>
  );
}

interface ControlGroupProps {
  testId: string;
  /** Set by Field on its child; a plain element must not receive it as a DOM attribute. */
  invalid?: boolean;
  children: React.ReactNode;
}

/** Wraps a control that takes no test id (a radio group) so that Field's `invalid` does not reach the DOM. */
export function ControlGroup({ testId, children }: ControlGroupProps) {
  return <div data-testid={testId}>{children}</div>;
}
