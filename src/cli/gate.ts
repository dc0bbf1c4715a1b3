import { parseArgs } from 'node:util';
import type { ChangeRisk } from '../slo/budget';
import { formatGate, gateDecision, type ObjectiveReading } from '../decisions/gate';
import { readReplayedServiceReadings } from '../decisions/serviceReadings';
import type { ReplayRunner } from '../decisions/replay';
import { errorMessage, readSloFiles } from './sloFiles';
import { prometheusQuery, type InstantQuery } from './prometheusHttp';
import type { CliIo } from './run';
import { quote } from '../slo/quote';
import type { Slo } from '../slo/types';
import {
  DATASOURCE_URL_OPTIONS,
  DATASOURCE_URL_USAGE,
  HTTP_URL,
  parseDatasourceUrls,
  slosByUrl,
  unplacedSlos,
} from './datasourceUrls';

export type { InstantQuery };

/** Exit codes of `gate`: 0 only when the change is approved. */
export const GATE_EXIT = { approve: 0, notApproved: 3, usage: 2, unreachable: 4 } as const;

export const GATE_USAGE = `Usage: burnrate gate --service NAME --risk low|medium|high --prometheus URL [--slo FILE]...
       [--datasource-url UID=URL]... [--json]

Prints the release decision for a change to a service from the budgets of its SLOs, read from the series
Burnrate's rules record in Prometheus (or Mimir, Thanos: any Prometheus query API). Exit 0 when the change
is approved; 3 when it needs a review, is deferred or blocked; 4 when Prometheus cannot be read.

  --slo FILE   SLO files or directories (repeat for several): the service's SLOs whose rules have not
               recorded a whole window yet (or do not run) get their budget from the raw source series,
               stitched exactly to the recorded part where there is one; the output says which

${DATASOURCE_URL_USAGE}
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
        ...DATASOURCE_URL_OPTIONS,
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
  const urls = parseDatasourceUrls(values.prometheus ?? '', values['datasource-uid'], values['datasource-url']);
  const problems = [
    ...('problems' in urls ? urls.problems : []),
    !values.service && '--service is required',
    !RISKS.includes(values.risk as ChangeRisk) &&
      `--risk must be low, medium or high${values.risk ? `, got ${quote(values.risk)}` : ''}`,
    !values.prometheus && '--prometheus URL is required',
    values.prometheus &&
      !HTTP_URL.test(values.prometheus) &&
      `--prometheus must be an http:// or https:// URL, got ${quote(values.prometheus)}`,
  ].filter((p): p is string => typeof p === 'string');
  if (problems.length > 0 || 'problems' in urls) {
    io.stderr(`${problems.map((p) => `burnrate gate: ${p}`).join('\n')}\n\n${GATE_USAGE}`);
    return GATE_EXIT.usage;
  }
  const files = readSloFiles(values.slo ?? [], io);
  // Only the service's SLOs are read: another service's on a datasource given no URL is no reason to stop.
  const unplaced = unplacedSlos(
    files.slos.filter((s) => s.service === values.service),
    urls
  );
  if (files.problems.length > 0 || unplaced.length > 0) {
    io.stderr(`${[...files.problems, ...unplaced].map((p) => `burnrate gate: ${p}`).join('\n')}\n`);
    return GATE_EXIT.usage;
  }
  const service = values.service!;
  const risk = values.risk as ChangeRisk;
  // One instant for every read of the decision: the burn rates and the replayed budgets beside them.
  const at = Math.floor((now?.() ?? new Date()).getTime() / 1000);
  let read;
  try {
    read = await readEachDatasource(
      service,
      files.slos,
      slosByUrl(files.slos, urls),
      urls.prometheus,
      (url) => {
        const run = (query ?? prometheusQuery)(url);
        const instant = (expr: string) => run(expr, at);
        const replay: ReplayRunner = async (queries) => {
          const answers = await Promise.all(queries.map((q) => instant(q.expr)));
          return Object.fromEntries(queries.map((q, i) => [q.refId, answers[i]]));
        };
        return { instant, replay };
      },
      at
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

type Runners = Parameters<typeof readReplayedServiceReadings>[2];

/**
 * The service's readings, each SLO of the files read on its own datasource's Prometheus (`byUrl`). The
 * recorded series of `prometheus` also give the service's SLOs that the files do not hold; an SLO that
 * lives elsewhere is never read from its stray series there, nor from another datasource's.
 */
async function readEachDatasource(
  service: string,
  slos: readonly Slo[],
  byUrl: ReadonlyMap<string, Slo[]>,
  prometheus: string,
  runnersOf: (url: string) => Runners,
  at: number
): Promise<{ readings: ObjectiveReading[]; slos: Slo[] }> {
  const elsewhere = [...byUrl].filter(([url]) => url !== prometheus);
  if (elsewhere.length === 0) {
    return readReplayedServiceReadings(service, slos, runnersOf(prometheus), { at });
  }
  const movedAway = new Set(elsewhere.flatMap(([, group]) => group.map((s) => s.uid)));
  const [main, ...others] = await Promise.all([
    readReplayedServiceReadings(service, byUrl.get(prometheus) ?? [], runnersOf(prometheus), { at }),
    ...elsewhere.map(([url, group]) => readReplayedServiceReadings(service, group, runnersOf(url), { at })),
  ]);
  const readings = [
    ...main.readings.filter((r) => !movedAway.has(r.sloUid)),
    ...others.flatMap((read, i) => {
      const own = new Set(elsewhere[i][1].map((s) => s.uid));
      return read.readings.filter((r) => own.has(r.sloUid));
    }),
  ];
  return {
    readings: readings.sort((a, b) => a.sloName.localeCompare(b.sloName) || a.window.localeCompare(b.window)),
    slos: slos.filter((s) => s.service === service),
  };
}
