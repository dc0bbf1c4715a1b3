/**
 * The error budget of an SLO in plain words, for the SLO page and the overview: time left, status and
 * projected exhaustion, from the budget remaining and the current burn rate. Pure; see budget.ts.
 */
import { budgetMinutes, budgetStatus, formatDuration, projectedExhaustion, type BudgetStatus } from './budget';

export interface BudgetSummaryInput {
  /** Share of the budget left (may be negative); undefined when the window had no traffic. */
  remaining?: number;
  /** Current burn rate; undefined without traffic in its window. */
  burnRate?: number;
  target: string;
  windowSeconds: number;
  now: Date;
}

export interface BudgetSummary {
  status?: BudgetStatus;
  /** "31 min left of 43 min", "overspent by 5 min of 43 min". */
  timeLeft: string;
  /** When the budget runs out at the current burn rate; undefined when it is not being spent. */
  exhaustion?: Date;
  /** "exhausted", "in 3 d 4 h", "not at the current burn rate". */
  exhaustionText: string;
}

export const NO_TRAFFIC = 'No traffic in this range';

const usable = (v: number | undefined): v is number => v !== undefined && Number.isFinite(v);

/** "31 min left of 43 min": the budget as minutes of full outage over the window. */
export function budgetTimeLeft(remaining: number, target: string, windowSeconds: number): string {
  const totalSeconds = budgetMinutes(target, windowSeconds / 60) * 60;
  const total = formatDuration(totalSeconds);
  if (remaining < 0) {
    return `overspent by ${formatDuration(-remaining * totalSeconds)} of ${total}`;
  }
  return `${formatDuration(remaining * totalSeconds)} left of ${total}`;
}

export function summarizeBudget({
  remaining,
  burnRate,
  target,
  windowSeconds,
  now,
}: BudgetSummaryInput): BudgetSummary {
  if (!usable(remaining)) {
    return { timeLeft: NO_TRAFFIC, exhaustionText: NO_TRAFFIC };
  }
  const burn = usable(burnRate) ? Math.max(burnRate, 0) : 0;
  const status = budgetStatus({ remaining, burnRate: burn });
  const exhaustion = projectedExhaustion({ remaining, burnRate: burn, windowSeconds, now });
  let exhaustionText = 'not at the current burn rate';
  if (remaining <= 0) {
    exhaustionText = 'exhausted';
  } else if (exhaustion) {
    exhaustionText = `in ${formatDuration((exhaustion.getTime() - now.getTime()) / 1000)}`;
  }
  return { status, timeLeft: budgetTimeLeft(remaining, target, windowSeconds), exhaustion, exhaustionText };
}

/** Statuses that count as "at risk" in the overview's totals. */
export function isAtRisk(status: BudgetStatus | undefined): boolean {
  return status === 'attention' || status === 'warning' || status === 'critical';
}
