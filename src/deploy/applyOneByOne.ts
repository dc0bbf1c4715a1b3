/**
 * Deployments push one rule group at a time and stop at the first failure, so that the user sees which
 * groups were deployed, which failed and which were not attempted. Shared by the ruler and the
 * Grafana-managed deployments.
 */

export type ChangeOutcome =
  { state: 'done' } | { state: 'skipped' } | { state: 'failed'; message: string } | { state: 'not-attempted' };

export interface Applied<C> {
  change: C;
  outcome: ChangeOutcome;
}

/**
 * Applies `changes` in order; those whose action is `unchanged` are skipped. `onProgress` gets a copy of
 * the results after each group.
 */
export async function applyOneByOne<C extends { action: string }>(
  changes: C[],
  apply: (change: C) => Promise<void>,
  onProgress?: (results: Array<Applied<C>>) => void
): Promise<Array<Applied<C>>> {
  const results: Array<Applied<C>> = changes.map((change) => ({
    change,
    outcome: change.action === 'unchanged' ? { state: 'skipped' } : { state: 'not-attempted' },
  }));
  for (const result of results) {
    if (result.outcome.state === 'skipped') {
      continue;
    }
    try {
      await apply(result.change);
      result.outcome = { state: 'done' };
    } catch (error) {
      result.outcome = { state: 'failed', message: error instanceof Error ? error.message : String(error) };
      onProgress?.(results.slice());
      break;
    }
    onProgress?.(results.slice());
  }
  return results;
}

/** An outcome as the deploy panels list it; a deletion that went through reads "Removed". */
export function outcomeText(outcome: ChangeOutcome, deletion = false): string {
  switch (outcome.state) {
    case 'done':
      return deletion ? 'Removed' : 'Deployed';
    case 'skipped':
      return 'Unchanged';
    case 'failed':
      return `Failed (${outcome.message})`;
    default:
      return 'Not deployed';
  }
}
