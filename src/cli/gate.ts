import { parseArgs } from 'node:util';
import type { ChangeRisk } from '../slo/budget';
import { formatGate, gateDecision } from '../decisions/gate';
import { readReplayedServiceReadings } from '../decisions/serviceReadings';
import type { ReplayRunner } from '../decisions/replay';
import { errorMessage, readSloFiles } from './sloFiles';
import { prometheusQuery, type InstantQuery } from './prometheusHttp';
import type { CliIo } from './run';
import { quote } from '../slo/quote';

export type { InstantQuery };

/** Exit codes of `gate`: 0 only when the change is approved. */
export const GATE_EXIT = { approve: 0, notApproved: 3, usage: 2, unreachable: 4 } as const;

export const GATE_USAGE = `Usage: burnrate gate --service NAME --risk low|medium|high --prometheus URL [--slo FILE]... [--json]

Prints the release decision for a change to a service from the budgets of its SLOs, read from the series
Burnrate's rules record in Prometheus (or Mimir, Thanos: any Prometheus query API). Exit 0 when the change
is approved; 3 when it needs a review, is deferred or blocked; 4 when Prometheus cannot be read.

  --slo FILE   SLO files or directories (repeat for several): the service's SLOs whose rules have not
               recorded a whole window yet (or do not run) get their budget from the raw source series,
               stitched exactly to the recorded part where there is one; the output says which
`;

const RISKS: readonly ChangeRisk[] = ['low', 'medium', 'high'];

export async function runGate(
  argv: string[],
  io: CliIo,
  query?: (url: string) => InstantQuery,
  now?: () => Date
): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        service: { type: 'string' },
        risk: { type: 'string' },
        prometheus: { type: 'string' },
        json: { type: 'boolean' },
        slo: { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    io.stderr(`burnrate gate: ${error instanceof Error ? error.message : String(error)}\n\n${GATE_USAGE}`);
    return GATE_EXIT.usage;
  }
  if (values.help) {
    io.stdout(GATE_USAGE);
    return GATE_EXIT.approve;
  }
  const problems = [
    !values.service && '--service is required',
    !RISKS.includes(values.risk as ChangeRisk) &&
      `--risk must be low, medium or high${values.risk ? `, got ${quote(values.risk)}` : ''}`,
    !values.prometheus && '--prometheus URL is required',
  ].filter((p): p is string => typeof p === 'string');
  if (problems.length > 0) {
    io.stderr(`${problems.map((p) => `burnrate gate: ${p}`).join('\n')}\n\n${GATE_USAGE}`);
    return GATE_EXIT.usage;
  }
  const files = readSloFiles(values.slo ?? [], io);
  if (files.problems.length > 0) {
    io.stderr(`${files.problems.map((p) => `burnrate gate: ${p}`).join('\n')}\n`);
    return GATE_EXIT.usage;
  }
  const service = values.service!;
  const risk = values.risk as ChangeRisk;
  const run = (query ?? prometheusQuery)(values.prometheus!);
  const replay: ReplayRunner = async (queries) => {
    const answers = await Promise.all(queries.map((q) => run(q.expr)));
    return Object.fromEntries(queries.map((q, i) => [q.refId, answers[i]]));
  };
  let read;
  try {
    read = await readReplayedServiceReadings(
      service,
      files.slos,
      { instant: run, replay },
      { at: Math.floor((now?.() ?? new Date()).getTime() / 1000) }
    );
  } catch (error) {
    io.stderr(`burnrate gate: ${errorMessage(error)}\n`);
    return GATE_EXIT.unreachable;
  }
  const { readings, slos } = read;
  const result = gateDecision(service, risk, readings, readings.length > 0 ? 0 : slos.length);
  io.stdout(values.json ? `${JSON.stringify(result, null, 2)}\n` : formatGate(result));
  return result.decision === 'approve' ? GATE_EXIT.approve : GATE_EXIT.notApproved;
}
