import Big from 'big.js';
import type { Decimal, Objective } from '../slo/types';

/**
 * Progressive targets in PromQL: the target and the error budget of an objective with phases are functions
 * of `time()`, so the rules follow the phases without redeploying.
 */

/**
 * A value per phase as PromQL of `time()`: `v0 * (time() < bool t1) + v1 * (time() >= bool t1) * (time()
 * < bool t2) + ...`. Exactly one term is not zero at any time, so the sum is that value exactly.
 */
function piecewise(objective: Objective, valueOf: (target: Decimal) => string): string {
  const phases = objective.phases ?? [];
  const starts = phases.map((p) => p.fromSeconds);
  const values = [objective.target, ...phases.map((p) => p.target)].map(valueOf);
  const terms = values.map((value, i) => {
    const conditions = [
      ...(i > 0 ? [`(time() >= bool ${starts[i - 1]})`] : []),
      ...(i < starts.length ? [`(time() < bool ${starts[i]})`] : []),
    ];
    return [value, ...conditions].join(' * ');
  });
  return `(${terms.join(' + ')})`;
}

/** The error budget (1 - target) of an objective: its exact decimal, or PromQL of time() for phases. */
export function errorBudgetExpr(objective: Objective): string {
  const budget = (target: Decimal) => new Big(1).minus(target).toString();
  return objective.phases && objective.phases.length > 0 ? piecewise(objective, budget) : budget(objective.target);
}

/** The target of an objective as PromQL: its decimal, or a function of time() for phases. */
export function targetExpr(objective: Objective): string {
  return objective.phases && objective.phases.length > 0 ? piecewise(objective, (t) => t) : objective.target;
}
