import React from 'react';
import { Button, Stack, Text } from '@grafana/ui';
import { parseVectorSelector } from '../../promql/parse';
import { testIds } from '../../components/testIds';
import { cancelledError } from '../../api/errors';
import { useLoader } from '../../utils/useLoader';
import { applyCompletion } from './completion';
import type { Completions, SliSuggestions } from './sliSuggestions';

const DEBOUNCE_MS = 250;

/** Resolves after `ms`; rejects at once when `signal` aborts first. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(cancelledError());
      },
      { once: true }
    );
  });
}

/**
 * Runs `load` a moment after `key` stops changing, and again when the `source` read changes (another
 * datasource); the latest answer wins, the others are cancelled.
 */
export function useDebounced<T>(
  key: string,
  load: ((signal: AbortSignal) => Promise<T>) | undefined,
  source?: object
): T | undefined {
  const answer = useLoader<T | undefined>(
    (signal) => (load ? pause(DEBOUNCE_MS, signal).then(() => load(signal)) : undefined),
    [key, source]
  );
  // Only the answer for the text as it is now: none while the next one is read, none after a failure.
  return load && !answer.loading && answer.error === undefined ? answer.data : undefined;
}

interface SelectorSuggestionsProps {
  label: string;
  text: string;
  suggestions?: SliSuggestions;
  histograms?: boolean;
  onApply: (text: string) => void;
}

/** Metric names, label names and label values from the datasource that complete the selector being typed. */
export function SelectorSuggestions({ label, text, suggestions, histograms, onApply }: SelectorSuggestionsProps) {
  const completions = useDebounced<Completions | undefined>(
    `${histograms}:${text}`,
    suggestions && (() => suggestions.complete(text, histograms)),
    suggestions
  );
  const candidates = (completions?.candidates ?? []).filter(
    (c) => !(completions?.context.kind === 'metric' && c === text)
  );
  if (!completions || candidates.length === 0) {
    return null;
  }
  const what = { metric: histograms ? 'Histograms' : 'Metrics', labelName: 'Labels', labelValue: 'Values' }[
    completions.context.kind
  ];
  return (
    <div data-testid={testIds.sloEditor.metricSuggestions} aria-label={`Suggestions for ${label}`}>
      <Stack gap={0.5} wrap="wrap" alignItems="center">
        <Text color="secondary" variant="bodySmall">
          {what}:
        </Text>
        {candidates.map((candidate) => (
          <Button
            key={candidate}
            size="sm"
            fill="text"
            variant="secondary"
            onClick={() => onApply(applyCompletion(completions.context, candidate))}
          >
            {candidate}
          </Button>
        ))}
      </Stack>
    </div>
  );
}

function parses(histogram: string): boolean {
  try {
    parseVectorSelector(histogram);
    return true;
  } catch {
    return false;
  }
}

interface BucketSuggestionsProps {
  histogram: string;
  threshold: string;
  suggestions?: SliSuggestions;
  onPick: (threshold: string) => void;
}

/** The real bucket boundaries of the histogram, as thresholds to pick; says so when the threshold is not one. */
export function BucketSuggestions({ histogram, threshold, suggestions, onPick }: BucketSuggestionsProps) {
  const ok = suggestions !== undefined && histogram.trim() !== '' && parses(histogram);
  const buckets = useDebounced<string[]>(histogram, ok ? () => suggestions.buckets(histogram) : undefined, suggestions);
  if (!buckets || buckets.length === 0) {
    return null;
  }
  const current = threshold.trim();
  const isBucket = current === '' || buckets.some((b) => Number(b) === Number(current));
  return (
    <div data-testid={testIds.sloEditor.bucketSuggestions}>
      <Stack gap={0.5} wrap="wrap" alignItems="center">
        <Text color="secondary" variant="bodySmall">
          Bucket boundaries:
        </Text>
        {buckets.map((bucket) => (
          <Button
            key={bucket}
            size="sm"
            fill={Number(bucket) === Number(current) ? 'solid' : 'text'}
            variant="secondary"
            aria-pressed={Number(bucket) === Number(current)}
            onClick={() => onPick(bucket)}
          >
            {bucket}
          </Button>
        ))}
      </Stack>
      {!isBucket && (
        <Text color="warning" variant="bodySmall">
          {current} is not a bucket boundary of this histogram: pick one of the boundaries above.
        </Text>
      )}
    </div>
  );
}
