import React from 'react';
import { Text, Tooltip } from '@grafana/ui';
import { describeFigureSource, type FigureSource } from '../decisions/replay';
import { testIds } from './testIds';

/**
 * A small note under a window figure that did not come from the recorded series alone: "from raw
 * data" or "raw + recorded", with the whole sentence in a tooltip. Nothing for a recorded figure.
 */
export function FigureSourceNote({
  source,
  window,
  recordedSince,
}: {
  source?: FigureSource;
  window: string;
  recordedSince?: number;
}) {
  const words = describeFigureSource(source, window, recordedSince);
  if (!words) {
    return null;
  }
  return (
    <Tooltip content={words.detail}>
      <div data-testid={testIds.figureSource} aria-label={words.detail}>
        <Text variant="bodySmall" color="secondary">
          {words.marker}
        </Text>
      </div>
    </Tooltip>
  );
}
