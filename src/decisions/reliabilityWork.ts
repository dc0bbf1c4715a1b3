import { toilBudget, type ToilBudget } from '../slo/budget';
import type { ObjectiveDecision } from './gate';

/**
 * Reliability work of a service: its objectives ranked by how much they need it, each with the action
 * the seed guide's budget policy asks for, and the team's toil budget.
 */

export interface WorkItem {
  objective: ObjectiveDecision;
  /** Larger first: overspent budget, then the burn rate. */
  impact: number;
  action: string;
}

/** Margin above which a healthy objective is met so comfortably that its target may be too loose. */
const LOOSE_REMAINING = 0.9;
const LOOSE_BURN = 0.25;

function actionFor(o: ObjectiveDecision): string {
  switch (o.status) {
    case 'exhausted':
      return 'Freeze risky changes and spend the team on reliability until the budget recovers; write the postmortem of what spent it.';
    case 'critical':
      return 'Investigate now: at this burn the budget runs out well before the window ends (see the error breakdown).';
    case 'warning':
      return 'Plan reliability work this sprint and review the alerts that fired.';
    case 'attention':
      return 'Watch the burn; look at the error breakdown before it becomes a page.';
    case 'no-data':
      return 'Deploy the rules or check the SLI: without figures no decision can be made.';
    default:
      return (o.remaining ?? 0) >= LOOSE_REMAINING && (o.burnRate1h ?? 0) <= LOOSE_BURN
        ? 'Met with a large margin: consider tightening the target (progressive targets).'
        : 'On track: no reliability work needed for this objective.';
  }
}

/** Objectives ranked: overspent first (most overspent first), then by burn rate, then no data. */
export function rankReliabilityWork(objectives: ObjectiveDecision[]): WorkItem[] {
  const impact = (o: ObjectiveDecision): number => {
    if (o.status === 'no-data' || o.remaining === undefined) {
      return -1;
    }
    const overspent = o.remaining < 0 ? 1000 + -o.remaining : 0;
    return overspent + (o.burnRate1h ?? 0) + (1 - Math.min(1, o.remaining)) / 1000;
  };
  return objectives
    .map((objective) => ({ objective, impact: impact(objective), action: actionFor(objective) }))
    .sort((a, b) => b.impact - a.impact);
}

/**
 * The toil budget of the team running the service, from its worst-performing objective: the SLI that
 * its budget remaining implies over the window (1 - consumed x error budget).
 */
export function serviceToilBudget(objectives: ObjectiveDecision[], teamSize: number): ToilBudget | undefined {
  const withFigures = objectives.filter((o) => o.remaining !== undefined);
  if (withFigures.length === 0) {
    return undefined;
  }
  const performance = (o: ObjectiveDecision) => 1 - (1 - o.remaining!) * (1 - Number(o.target));
  const worst = withFigures.reduce((a, b) =>
    performance(b) / Number(b.target) < performance(a) / Number(a.target) ? b : a
  );
  return toilBudget({ performance: Math.max(0, Math.min(1, performance(worst))), target: worst.target, teamSize });
}
