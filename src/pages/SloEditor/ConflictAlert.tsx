import React, { useState } from 'react';
import { Alert, Button, Stack, Text } from '@grafana/ui';
import { testIds } from '../../components/testIds';
import type { Conflict } from './useSloEditor';

interface Props {
  conflict: Conflict;
  myYaml: string;
  onReload: () => void;
}

/** Someone else saved in between: nothing of either edit is lost. */
export function ConflictAlert({ conflict, myYaml, onReload }: Props) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    await navigator.clipboard?.writeText(myYaml);
    setCopied(true);
  };
  return (
    <Alert severity="warning" title="This SLO changed while you edited it" data-testid={testIds.sloEditor.conflict}>
      <Stack direction="column" gap={1}>
        <Text>{conflict.message}. Your edit is still here and was not saved.</Text>
        {conflict.theirs ? (
          <>
            <Text>
              Your edit now applies on top of their version {conflict.theirs.version}: review it and save again to
              replace their change. Their version:
            </Text>
            <pre data-testid={testIds.sloEditor.conflictTheirs}>{conflict.theirs.yaml}</pre>
          </>
        ) : (
          <Text>Reload their version and re-apply your edit on top of it, or copy your YAML to keep it aside.</Text>
        )}
        <Stack gap={1}>
          {!conflict.theirs && (
            <Button size="sm" onClick={onReload} data-testid={testIds.sloEditor.conflictReload}>
              Reload theirs and re-apply my edit
            </Button>
          )}
          <Button size="sm" variant="secondary" icon="copy" onClick={copy} data-testid={testIds.sloEditor.conflictCopy}>
            {copied ? 'Copied' : 'Copy my YAML'}
          </Button>
        </Stack>
      </Stack>
    </Alert>
  );
}
