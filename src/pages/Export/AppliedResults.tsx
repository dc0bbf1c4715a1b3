import React from 'react';
import { Alert, Stack, Text } from '@grafana/ui';
import { outcomeText, type Applied } from '../../deploy/applyOneByOne';

/**
 * The outcome of a deploy of rule groups into Grafana (alert rules or recording rules): under way, stopped at
 * the group that failed, or done with `success`; then each group with its outcome.
 */
export function AppliedResults({
  results,
  finished,
  success,
  resultTestId,
  namesDeletions = false,
}: {
  results: Array<Applied<{ group: string; action: string }>>;
  finished: boolean;
  success: string;
  resultTestId: string;
  /** Whether a removed group's outcome says "removed" rather than "deployed". */
  namesDeletions?: boolean;
}) {
  const failed = results.find((r) => r.outcome.state === 'failed');
  return (
    <Stack direction="column" gap={1}>
      {!finished ? (
        <Text color="secondary">Deploying...</Text>
      ) : failed && failed.outcome.state === 'failed' ? (
        <Alert title={`Stopped at ${failed.change.group}`}>
          {failed.outcome.message}. The groups above it were deployed; those below it were not.
        </Alert>
      ) : (
        <Alert severity="success" title="Deployed">
          {success}
        </Alert>
      )}
      <ul>
        {results.map(({ change, outcome }) => (
          <li key={change.group} data-testid={resultTestId}>
            <code>{change.group}</code>: {outcomeText(outcome, namesDeletions && change.action === 'delete')}
          </li>
        ))}
      </ul>
    </Stack>
  );
}
