import { parseArgs } from 'node:util';
import { z } from 'zod';
import type { ChangeRisk } from '../slo/budget';
import { formatGate, gateDecision } from '../decisions/gate';
import { readServiceReadings, type LabelledValue } from '../decisions/serviceReadings';
import type { CliIo } from './run';

/** Exit codes of `gate`: 0 only when the change is approved. */
export const GATE_EXIT = { approve: 0, notApproved: 3, usage: 2, unreachable: 4 } as const;

export const GATE_USAGE = `Usage: burnrate gate --service NAME --risk low|medium|high --prometheus URL [--json]

Prints the release decision for a change to a service from the budgets of its SLOs, read from the series
Burnrate's rules record in Prometheus (or Mimir, Thanos: any Prometheus query API). Exit 0 when the change
is approved; 3 when it needs a review, is deferred or blocked; 4 when Prometheus cannot be read.
`;

/** Runs an instant query; rejects with a message when there is no usable answer. */
export type InstantQuery = (expr: string) => Promise<LabelledValue[]>;

const answerSchema = z.object({
  status: z.string(),
  error: z.string().optional(),
  data: z
    .object({
      resultType: z.string(),
      result: z.array(z.object({ metric: z.record(z.string(), z.string()), value: z.tuple([z.number(), z.string()]) })),
    })
    .optional(),
});

/** The Prometheus HTTP API's instant query, with fetch. */
export function prometheusQuery(baseUrl: string): InstantQuery {
  const base = baseUrl.replace(/\/+$/, '');
  return async (expr) => {
    let response: Response;
    try {
      response = await fetch(`${base}/api/v1/query?query=${encodeURIComponent(expr)}`, {
        signal: AbortSignal.timeout(30_000),
      });
    } catch (error) {
      throw new Error(`cannot reach ${base}: ${error instanceof Error ? error.message : String(error)}`);
    }
    const parsed = answerSchema.safeParse(await response.json().catch(() => undefined));
    if (!parsed.success || parsed.data.status !== 'success' || !parsed.data.data) {
      const detail = parsed.success ? (parsed.data.error ?? parsed.data.status) : `HTTP ${response.status}`;
      throw new Error(`${base} refused the query: ${detail}`);
    }
    if (parsed.data.data.resultType !== 'vector') {
      throw new Error(`${base} answered a ${parsed.data.data.resultType}, not an instant vector`);
    }
    return parsed.data.data.result.map((r) => ({ labels: r.metric, value: Number(r.value[1]) }));
  };
}

const RISKS: readonly ChangeRisk[] = ['low', 'medium', 'high'];

export async function runGate(argv: string[], io: CliIo, query?: (url: string) => InstantQuery): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        service: { type: 'string' },
        risk: { type: 'string' },
        prometheus: { type: 'string' },
        json: { type: 'boolean' },
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
      `--risk must be low, medium or high${values.risk ? `, got "${values.risk}"` : ''}`,
    !values.prometheus && '--prometheus URL is required',
  ].filter((p): p is string => typeof p === 'string');
  if (problems.length > 0) {
    io.stderr(`${problems.map((p) => `burnrate gate: ${p}`).join('\n')}\n\n${GATE_USAGE}`);
    return GATE_EXIT.usage;
  }
  const service = values.service!;
  const risk = values.risk as ChangeRisk;
  const run = (query ?? prometheusQuery)(values.prometheus!);
  let readings;
  try {
    readings = await readServiceReadings(service, run);
  } catch (error) {
    io.stderr(`burnrate gate: ${error instanceof Error ? error.message : String(error)}\n`);
    return GATE_EXIT.unreachable;
  }
  const result = gateDecision(service, risk, readings);
  io.stdout(values.json ? `${JSON.stringify(result, null, 2)}\n` : formatGate(result));
  return result.decision === 'approve' ? GATE_EXIT.approve : GATE_EXIT.notApproved;
}
