import Big from 'big.js';
import { budgetStatus, releaseDecision, type BudgetStatus, type ChangeRisk, type ReleaseDecision } from '../slo/budget';
import { quote } from '../slo/quote';

/**
 * The release gate of a service: each SLO objective's budget status, the decision for a change of the
 * given risk from the matrix of docs/slo-maths.md, and the service's decision, the strictest of them.
 */

/** One objective of one SLO as read from Prometheus (its worst group for a grouped SLO). */
export interface ObjectiveReading {
  sloUid: string;
  sloName: string;
  window: string;
  /** Exact decimal text, e.g. "0.999". */
  target: string;
  /** Budget remaining (1 = untouched, below 0 = overspent); undefined without traffic or rules. */
  remaining?: number;
  /** Burn rate over the last hour; undefined without traffic. */
  burnRate1h?: number;
}

export interface ObjectiveDecision extends ObjectiveReading {
  status: BudgetStatus | 'no-data';
  decision: ReleaseDecision;
  /** Why, in one sentence with the figures. */
  reason: string;
}

export interface GateResult {
  service: string;
  risk: ChangeRisk;
  decision: ReleaseDecision;
  /** The reason of the objective that decided, or why there is nothing to decide on. */
  reason: string;
  objectives: ObjectiveDecision[];
}

const STRICTNESS: Record<ReleaseDecision, number> = { approve: 0, review: 1, defer: 2, block: 3 };

function percent(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}

function decide(reading: ObjectiveReading, risk: ChangeRisk): ObjectiveDecision {
  const name = `${reading.sloName} (${reading.window})`;
  if (reading.remaining === undefined || !Number.isFinite(reading.remaining)) {
    return {
      ...reading,
      status: 'no-data',
      decision: 'review',
      reason: `${name} has no budget figure (no traffic, or its rules are not deployed): a person must judge the risk.`,
    };
  }
  const burn = reading.burnRate1h !== undefined && Number.isFinite(reading.burnRate1h) ? reading.burnRate1h : 0;
  const status = budgetStatus({ remaining: reading.remaining, burnRate: burn });
  const decision = releaseDecision(status, risk);
  const figures =
    status === 'exhausted'
      ? `has spent its budget (${percent(reading.remaining)} left)`
      : `is ${status} (${percent(reading.remaining)} of its budget left, burning ${burn.toFixed(2)}x over 1h)`;
  return { ...reading, status, decision, reason: `${name} ${figures}: ${decision} a ${risk}-risk change.` };
}

/** The service's decision: the strictest of its objectives'; review when there is none to read. */
export function gateDecision(service: string, risk: ChangeRisk, readings: ObjectiveReading[]): GateResult {
  const objectives = readings.map((r) => decide(r, risk));
  if (objectives.length === 0) {
    return {
      service,
      risk,
      decision: 'review',
      reason: `No SLO of service ${quote(service)} was found in Prometheus: a person must judge the risk.`,
      objectives,
    };
  }
  const strictest = objectives.reduce((worst, o) => (STRICTNESS[o.decision] > STRICTNESS[worst.decision] ? o : worst));
  return { service, risk, decision: strictest.decision, reason: strictest.reason, objectives };
}

/** The gate as lines for a CI log: the decision first, then one line per objective. */
export function formatGate(result: GateResult): string {
  const lines = [
    `Release gate for ${result.service}, ${result.risk}-risk change: ${result.decision.toUpperCase()}`,
    result.reason,
    '',
  ];
  const rows = result.objectives.map((o) => [
    o.sloName,
    o.window,
    `${new Big(o.target).times(100).toString()}%`,
    o.remaining === undefined ? '-' : percent(o.remaining),
    o.burnRate1h === undefined ? '-' : `${o.burnRate1h.toFixed(2)}x`,
    o.status,
    o.decision,
  ]);
  const header = ['SLO', 'window', 'objective', 'budget left', 'burn 1h', 'status', 'decision'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  if (rows.length > 0) {
    lines.push(line(header), ...rows.map(line), '');
  }
  return lines.join('\n');
}
