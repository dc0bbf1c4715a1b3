import { errorBudgetRatio, toilBudget, type ToilBudget } from '../slo/budget';
import { NOT_ENOUGH_DATA, type ObjectiveDecision } from './gate';

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

/** The actions of the budget policy in words; the gate page and the monthly report say the same. */
export const RELIABILITY_ACTIONS = {
  exhausted:
    'Freeze risky changes and spend the team on reliability until the budget recovers; write the postmortem of what spent it.',
  critical: 'Investigate now: at this burn the budget runs out well before the window ends (see the error breakdown).',
  warning: 'Plan reliability work this sprint and review the alerts that fired.',
  attention: 'Watch the burn; look at the error breakdown before it becomes a page.',
  noData: 'Deploy the rules or check the SLI: without figures no decision can be made.',
  tighten: 'Met with a large margin: consider tightening the target (progressive targets).',
  notEnoughData: NOT_ENOUGH_DATA,
  onTrack: 'On track: no reliability work needed for this objective.',
} as const;

function actionFor(o: ObjectiveDecision): string {
  switch (o.status) {
    case 'exhausted':
      return RELIABILITY_ACTIONS.exhausted;
    case 'critical':
      return RELIABILITY_ACTIONS.critical;
    case 'warning':
      return RELIABILITY_ACTIONS.warning;
    case 'attention':
      return RELIABILITY_ACTIONS.attention;
    case 'no-data':
      return RELIABILITY_ACTIONS.noData;
    default:
      if (o.lessThanADay) {
        return RELIABILITY_ACTIONS.notEnoughData;
      }
      return (o.remaining ?? 0) >= LOOSE_REMAINING && (o.burnRate1h ?? 0) <= LOOSE_BURN
        ? RELIABILITY_ACTIONS.tighten
        : RELIABILITY_ACTIONS.onTrack;
  }
}

/**
 * Objectives ranked: overspent first (most overspent first), then by burn rate, then no data. Those of
 * draft and retired SLOs, which the decision leaves out, ask for no work either.
 */
export function rankReliabilityWork(objectives: ObjectiveDecision[]): WorkItem[] {
  const impact = (o: ObjectiveDecision): number => {
    if (o.status === 'no-data' || o.remaining === undefined) {
      return -1;
    }
    const overspent = o.remaining < 0 ? 1000 + -o.remaining : 0;
    return overspent + (o.burnRate1h ?? 0) + (1 - Math.min(1, o.remaining)) / 1000;
  };
  return objectives
    .filter((o) => o.counted)
    .map((objective) => ({ objective, impact: impact(objective), action: actionFor(objective) }))
    .sort((a, b) => b.impact - a.impact);
}

/** An objective's measured SLI (a ratio) and its target (exact decimal text). */
export interface ObjectivePerformance {
  performance: number;
  target: string;
}

/**
 * The toil budget of a team from its worst-performing objective: the lowest SLI relative to its
 * target. Undefined when there is none.
 */
export function worstToilBudget(objectives: ObjectivePerformance[], teamSize: number): ToilBudget | undefined {
  if (objectives.length === 0) {
    return undefined;
  }
  const relative = (o: ObjectivePerformance) => o.performance / Number(o.target);
  const worst = objectives.reduce((a, b) => (relative(b) < relative(a) ? b : a));
  return toilBudget({ performance: Math.max(0, Math.min(1, worst.performance)), target: worst.target, teamSize });
}

/**
 * The toil budget of the team running the service, from its worst-performing objective: the SLI that
 * its budget remaining implies over the window (1 - consumed x error budget); drafts and retired SLOs aside.
 */
export function serviceToilBudget(objectives: ObjectiveDecision[], teamSize: number): ToilBudget | undefined {
  return worstToilBudget(
    objectives.flatMap((o) =>
      o.remaining === undefined || !o.counted
        ? []
        : [{ performance: 1 - (1 - o.remaining) * errorBudgetRatio(o.target), target: o.target }]
    ),
    teamSize
  );
}
