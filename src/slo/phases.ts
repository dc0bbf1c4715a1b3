import Big from 'big.js';
import type { Decimal, Objective, Slo, TargetPhase, ValidationIssue } from './types';
import { parseTarget } from './values';
import { quoteValue } from './quote';

/**
 * Progressive targets: an objective whose target rises by phases (99.0 -> 99.5 -> 99.9), each from a
 * date on. Rules follow the phases by themselves (the target is a function of `time()` in PromQL, built by
 * promql/phases), so nothing needs redeploying when a phase starts; pages and reports use the target in force.
 */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Seconds since the epoch of 00:00 UTC of a YYYY-MM-DD date; undefined for anything else. */
export function dateStartSeconds(text: string): number | undefined {
  const match = DATE.exec(text);
  if (!match) {
    return undefined;
  }
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const date = new Date(ms);
  // Date.UTC rolls 2027-02-30 over into March: refuse dates that do not exist.
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return undefined;
  }
  return ms / 1000;
}

/** Phases as written (date and target text), checked: real dates, in increasing order, valid targets. */
export function parsePhases(
  raw: ReadonlyArray<{ from: unknown; target: number | string }>,
  path: string,
  issues: ValidationIssue[]
): TargetPhase[] | undefined {
  const phases: TargetPhase[] = [];
  let ok = true;
  raw.forEach((phase, i) => {
    const at = `${path}[${i}]`;
    const from = phase.from instanceof Date ? phase.from.toISOString().slice(0, 10) : String(phase.from);
    const fromSeconds = dateStartSeconds(from);
    if (fromSeconds === undefined) {
      issues.push({
        path: `${at}.from`,
        message: `must be a date such as 2027-01-01, got ${quoteValue(from)}`,
        severity: 'error',
      });
      ok = false;
    }
    const target = parseTarget(phase.target, `${at}.target`, issues);
    if (target === undefined) {
      ok = false;
    }
    if (fromSeconds !== undefined && target !== undefined) {
      const previous = phases[phases.length - 1];
      if (previous && fromSeconds <= previous.fromSeconds) {
        issues.push({
          path: `${at}.from`,
          message: `must come after the phase before it (${previous.from}): phases are listed in date order`,
          severity: 'error',
        });
        ok = false;
      }
      phases.push({ from, fromSeconds, target });
    }
  });
  return ok ? phases : undefined;
}

/** The target in force at a time (seconds since the epoch). */
export function targetAt(objective: Objective, atSeconds: number): Decimal {
  let target = objective.target;
  for (const phase of objective.phases ?? []) {
    if (phase.fromSeconds <= atSeconds) {
      target = phase.target;
    }
  }
  return target;
}

export interface PhaseNow {
  target: Decimal;
  /** The date the current phase began; undefined before the first phase. */
  since?: string;
  /** The phase after the current one. */
  next?: TargetPhase;
}

export function phaseAt(objective: Objective, atSeconds: number): PhaseNow {
  const phases = objective.phases ?? [];
  const started = phases.filter((p) => p.fromSeconds <= atSeconds);
  const current = started[started.length - 1];
  const next = phases.find((p) => p.fromSeconds > atSeconds);
  return {
    target: current?.target ?? objective.target,
    ...(current && { since: current.from }),
    ...(next && { next }),
  };
}

/** The SLO as it stands at a time: each objective with the target then in force and no phases. */
export function sloAt(slo: Slo, atSeconds: number): Slo {
  if (!slo.objectives.some((o) => o.phases && o.phases.length > 0)) {
    return slo;
  }
  return {
    ...slo,
    objectives: slo.objectives.map(({ phases: _, ...objective }) => ({
      ...objective,
      target: targetAt({ ...objective, phases: _ }, atSeconds),
    })),
  };
}

/** The highest target an objective reaches: an alert that can fire at it is kept in the rules. */
export function highestTarget(objective: Objective): Decimal {
  return [objective.target, ...(objective.phases ?? []).map((p) => p.target)].reduce((a, b) =>
    new Big(b).gt(a) ? b : a
  );
}

/** The lowest target an objective has in any phase: where its error budget is largest. */
export function lowestTarget(objective: Objective): Decimal {
  return [objective.target, ...(objective.phases ?? []).map((p) => p.target)].reduce((a, b) =>
    new Big(b).lt(a) ? b : a
  );
}

/** "99%, 99.5% from 2027-01-01, 99.9% from 2027-04-01". */
export function describePhases(objective: Objective): string {
  const percent = (t: Decimal) => `${new Big(t).times(100).toString()}%`;
  return [
    percent(objective.target),
    ...(objective.phases ?? []).map((p) => `${percent(p.target)} from ${p.from}`),
  ].join(', ');
}
