import Big from 'big.js';
import type { Slo } from '../../slo/types';
import type { InstantSample } from '../../api/query';
import { SLO_LABELS } from '../../promql/slo';
import { windowToText } from '../../formats/native';

export interface OverviewRow {
  slo: Slo;
  /** Of the first objective; undefined without data. */
  budgetRemaining?: number;
  /** SLI over the objective's window: 1 - (1 - budget remaining) x error budget. */
  sli?: number;
  /** Burn rate over the last hour. */
  burnRate1h?: number;
}

/** The SLI over the window that a budget remaining implies: the error ratio is (1 - remaining) x (1 - target). */
export function sliFromBudgetRemaining(remaining: number, target: string): number {
  const budget = new Big(1).minus(target).toNumber();
  return 1 - (1 - remaining) * budget;
}

const finite = (value: number | undefined) => (value !== undefined && Number.isFinite(value) ? value : undefined);

/** One row per SLO from the batch query results, the least budget remaining first, SLOs without data last. */
export function buildOverviewRows(
  slos: Slo[],
  budgets: InstantSample[],
  errorRatios1h: InstantSample[]
): OverviewRow[] {
  const rows = slos.map((slo): OverviewRow => {
    const objective = slo.objectives[0];
    const window = objective ? windowToText(objective.window) : undefined;
    const budgetRemaining = finite(
      budgets.find((s) => s.labels[SLO_LABELS.uid] === slo.uid && s.labels[SLO_LABELS.window] === window)?.value
    );
    const errorRatio = finite(errorRatios1h.find((s) => s.labels[SLO_LABELS.uid] === slo.uid)?.value);
    return {
      slo,
      budgetRemaining,
      sli:
        budgetRemaining !== undefined && objective
          ? sliFromBudgetRemaining(budgetRemaining, objective.target)
          : undefined,
      burnRate1h:
        errorRatio !== undefined && objective ? errorRatio / new Big(1).minus(objective.target).toNumber() : undefined,
    };
  });
  return rows.sort((a, b) => (a.budgetRemaining ?? Infinity) - (b.budgetRemaining ?? Infinity));
}
