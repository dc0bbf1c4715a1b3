import type { FigureSource } from './replay';
import Big from 'big.js';
import { budgetStatus, releaseDecision, type BudgetStatus, type ChangeRisk, type ReleaseDecision } from '../slo/budget';
import { quote } from '../slo/quote';
import type { SloStatus } from '../slo/types';

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
  /** True when its events were first recorded less than a day ago: too few figures to advise on. */
  lessThanADay?: boolean;
  /** Where its budget came from (decisions/replay.ts); undefined: the recorded series. */
  source?: FigureSource;
  /** Its SLO's status where known (the definition, or the label its rules carry); undefined: active. */
  sloStatus?: SloStatus;
  /** Why its figures could not be read at all (its datasource did not answer): it then has none. */
  unread?: string;
}

export interface ObjectiveDecision extends ObjectiveReading {
  status: BudgetStatus | 'no-data';
  decision: ReleaseDecision;
  /** Why, in one sentence with the figures. */
  reason: string;
  /** False for a draft or retired SLO: shown with its figures, left out of the service's decision. */
  counted: boolean;
}

export interface GateResult {
  service: string;
  risk: ChangeRisk;
  decision: ReleaseDecision;
  /** The reason of the objective that decided, or why there is nothing to decide on. */
  reason: string;
  objectives: ObjectiveDecision[];
}

/** What the gate and the report say instead of advice drawn from less than a day of figures. */
export const NOT_ENOUGH_DATA = 'Not enough data to advise: less than a day of figures.';

const STRICTNESS: Record<ReleaseDecision, number> = { approve: 0, review: 1, defer: 2, block: 3 };

function percent(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}

/** How the reason names where a replayed budget came from. */
const SOURCE_WORDS: Record<FigureSource, string> = {
  recorded: '',
  stitched: ', from raw data until its rules have run a whole window',
  raw: ', from raw data (its rules do not record)',
};

/** Why an objective of a draft or retired SLO does not take part in the service's decision. */
const NOT_COUNTED: Record<Exclude<SloStatus, 'active'>, string> = {
  draft: 'is a draft: shown, not counted in the decision until it is active',
  retired: 'is retired: shown, not counted in the decision',
};

function decide(reading: ObjectiveReading, risk: ChangeRisk): ObjectiveDecision {
  const decided = decideOnBudget(reading, risk);
  const status = reading.sloStatus ?? 'active';
  if (status === 'active') {
    return decided;
  }
  const name = `${reading.sloName} (${reading.window})`;
  return { ...decided, counted: false, reason: `${name} ${NOT_COUNTED[status]}. ${decided.reason}` };
}

function decideOnBudget(reading: ObjectiveReading, risk: ChangeRisk): ObjectiveDecision {
  const name = `${reading.sloName} (${reading.window}${SOURCE_WORDS[reading.source ?? 'recorded']})`;
  if (reading.remaining === undefined || !Number.isFinite(reading.remaining)) {
    return {
      ...reading,
      status: 'no-data',
      decision: 'review',
      counted: true,
      reason: `${name} has no budget figure (${reading.unread ?? 'no traffic, or its rules are not deployed'}): a person must judge the risk.`,
    };
  }
  const burn = reading.burnRate1h !== undefined && Number.isFinite(reading.burnRate1h) ? reading.burnRate1h : 0;
  const status = budgetStatus({ remaining: reading.remaining, burnRate: burn });
  const decision = releaseDecision(status, risk);
  const figures =
    status === 'exhausted'
      ? `has spent its budget (${percent(reading.remaining)} left)`
      : `is ${status} (${percent(reading.remaining)} of its budget left, burning ${burn.toFixed(2)}x over 1h)`;
  // A real burn defers or blocks however young the figures; an approval needs more than a day of them.
  if (reading.lessThanADay && STRICTNESS[decision] < STRICTNESS.defer) {
    return {
      ...reading,
      status,
      decision: 'review',
      counted: true,
      reason: `${name} ${figures}, over less than a day: not enough data to advise; a person must judge the risk.`,
    };
  }
  return {
    ...reading,
    status,
    decision,
    counted: true,
    reason: `${name} ${figures}: ${decision} a ${risk}-risk change.`,
  };
}

/**
 * Where a service has no objective to read: `storedSlos` SLOs of it in Grafana's store (none known to
 * the CLI) tell rules that have not recorded yet from a service without SLOs.
 */
function nothingToRead(service: string, storedSlos: number): string {
  if (storedSlos > 0) {
    const slos = storedSlos === 1 ? 'its SLO exists' : `its ${storedSlos} SLOs exist`;
    return (
      `The rules of service ${quote(service)} have not recorded yet: ${slos} in Grafana but no series in Prometheus. ` +
      'Deploy the rules from the SLO page, or wait for their first evaluation (about a minute) and reload. A person must judge the risk meanwhile.'
    );
  }
  return `No recorded series for service ${quote(service)} in Prometheus: are its rules deployed? A person must judge the risk.`;
}

/**
 * The service's decision: the strictest of its objectives'; review when there is none to read.
 * `storedSlos` is how many SLOs of the service Grafana's store holds, where it is known.
 */
export function gateDecision(
  service: string,
  risk: ChangeRisk,
  readings: ObjectiveReading[],
  storedSlos = 0
): GateResult {
  const objectives = readings.map((r) => decide(r, risk));
  if (objectives.length === 0) {
    return { service, risk, decision: 'review', reason: nothingToRead(service, storedSlos), objectives };
  }
  const counted = objectives.filter((o) => o.counted);
  if (counted.length === 0) {
    const reason =
      `Every SLO of service ${quote(service)} with figures is a draft or retired: none decides. ` +
      'A person must judge the risk.';
    return { service, risk, decision: 'review', reason, objectives };
  }
  const strictest = counted.reduce((worst, o) => (STRICTNESS[o.decision] > STRICTNESS[worst.decision] ? o : worst));
  return { service, risk, decision: strictest.decision, reason: strictest.reason, objectives };
}

/** The words of the column that says where a budget came from. */
const SOURCE_COLUMN: Record<FigureSource, string> = {
  recorded: 'recorded',
  stitched: 'raw + recorded',
  raw: 'raw data',
};

/** The gate as lines for a CI log: the decision first, then one line per objective. */
export function formatGate(result: GateResult): string {
  const lines = [
    `Release gate for ${result.service}, ${result.risk}-risk change: ${result.decision.toUpperCase()}`,
    result.reason,
    '',
  ];
  // Where a budget did not come from the recorded series alone, a column says where from.
  const sourced = result.objectives.some((o) => (o.source ?? 'recorded') !== 'recorded');
  const rows = result.objectives.map((o) => [
    o.sloName,
    o.window,
    `${new Big(o.target).times(100).toString()}%`,
    o.remaining === undefined ? '-' : percent(o.remaining),
    o.burnRate1h === undefined ? '-' : `${o.burnRate1h.toFixed(2)}x`,
    o.status,
    o.counted ? o.decision : `not counted (${o.sloStatus ?? 'active'})`,
    ...(sourced ? [SOURCE_COLUMN[o.source ?? 'recorded']] : []),
  ]);
  const header = [
    'SLO',
    'window',
    'objective',
    'budget left',
    'burn 1h',
    'status',
    'decision',
    ...(sourced ? ['figures from'] : []),
  ];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  if (rows.length > 0) {
    lines.push(line(header), ...rows.map(line), '');
  }
  if (sourced) {
    lines.push(
      "Raw data: budgets counted from the SLI's source series where its rules have not recorded a whole window " +
        "(raw + recorded: the source series before the rules' first tile, the recorded tiles after it).",
      ''
    );
  }
  return lines.join('\n');
}
