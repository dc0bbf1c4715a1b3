import React from 'react';
import { Button, Stack, Text } from '@grafana/ui';
import { searchTeamNames } from '../../api/teams';
import { testIds } from '../../components/testIds';
import { useDebounced } from './Suggestions';

interface Props {
  /** The field's label, for the suggestions' accessible name. */
  label: string;
  text: string;
  onApply: (team: string) => void;
}

/**
 * The Grafana teams whose name contains the owner being typed, to pick one by a click: an owner stays free
 * text (a person, a team outside Grafana), and a user who may not list teams simply sees none.
 */
export function TeamSuggestions({ label, text, onApply }: Props) {
  const typed = text.trim();
  const names = useDebounced<string[]>(typed, typed === '' ? undefined : (signal) => searchTeamNames(typed, signal));
  const candidates = (names ?? []).filter((name) => name !== typed);
  if (candidates.length === 0) {
    return null;
  }
  return (
    <div data-testid={testIds.sloEditor.teamSuggestions} aria-label={`Grafana teams for ${label}`}>
      <Stack gap={0.5} wrap="wrap" alignItems="center">
        <Text color="secondary" variant="bodySmall">
          Grafana teams:
        </Text>
        {candidates.map((name) => (
          <Button key={name} size="sm" fill="text" variant="secondary" onClick={() => onApply(name)}>
            {name}
          </Button>
        ))}
      </Stack>
    </div>
  );
}
