/** Command-line options and the HTTP server of the traffic generator. */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { parseArgs } from 'node:util';
import type { Catalogue } from './catalogue.ts';
import { CONTENT_TYPE, renderExposition } from './exposition.ts';
import type { Simulation } from './sim.ts';

export const USAGE = `Usage: traffic [--listen HOST:PORT] [--seed N] [--speed X] [--calm] [--origin UNIX | --origin-file FILE]

Serves simulated metrics of a few services in the Prometheus text format.

  --listen HOST:PORT   address to listen on (default 127.0.0.1:9464)
  --seed N             seed of the simulated traffic: same seed, same traffic (default 1)
  --speed X            simulated seconds per real second (default 1)
  --calm               no seeded error bursts or latency spikes of the HTTP services (declared ones only)
  --origin UNIX        the simulated processes started at this Unix time, in the past, and the demo's
                       storyline plays (its incidents, a restart): continues a backfilled history
  --origin-file FILE   the same, read from FILE (written by demo/traffic/history.ts)

GET /metrics                 every service
GET /metrics?service=NAME    one service, as one scrape job (job="NAME")
POST /incidents?service=NAME&ratio=R&seconds=S
                             a burst of server errors now: R of NAME's requests fail for S seconds
`;

export interface Options {
  host: string;
  port: number;
  seed: number;
  speed: number;
  calm: boolean;
  /** Unix seconds at which the simulated processes started, when the demo has history. */
  origin?: number;
  help: boolean;
}

/** Splits HOST:PORT ([::1]:PORT for IPv6). */
export function parseListen(text: string): { host: string; port: number } {
  const match = /^(?:\[([^\]]+)\]|([^:]*)):(\d{1,5})$/.exec(text);
  const port = match ? Number(match[3]) : NaN;
  if (!match || port > 65535) {
    throw new Error(`--listen must be HOST:PORT, got "${text}"`);
  }
  return { host: match[1] ?? (match[2] || '0.0.0.0'), port };
}

export function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      listen: { type: 'string', default: '127.0.0.1:9464' },
      seed: { type: 'string', default: '1' },
      speed: { type: 'string', default: '1' },
      calm: { type: 'boolean', default: false },
      origin: { type: 'string' },
      'origin-file': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const seed = Number(values.seed);
  if (!Number.isInteger(seed)) {
    throw new Error(`--seed must be an integer, got "${values.seed}"`);
  }
  const speed = Number(values.speed);
  if (!Number.isFinite(speed) || speed <= 0) {
    throw new Error(`--speed must be a positive number, got "${values.speed}"`);
  }
  const originText = values['origin-file'] !== undefined ? readOrigin(values['origin-file']) : values.origin;
  const origin = originText === undefined ? undefined : Number(originText.trim());
  if (origin !== undefined && !(Number.isFinite(origin) && origin > 0)) {
    throw new Error(`--origin must be a Unix time in seconds, got "${originText}"`);
  }
  if (origin !== undefined && speed !== 1) {
    throw new Error('--origin continues a history at the real pace: it cannot go with --speed');
  }
  return {
    ...parseListen(values.listen ?? ''),
    seed,
    speed,
    calm: values.calm ?? false,
    origin,
    help: values.help ?? false,
  };
}

function readOrigin(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new Error(`--origin-file: cannot read ${file} (${e instanceof Error ? e.message : String(e)})`);
  }
}

/** The services a scrape may name. */
export function serviceNames(catalogue: Catalogue): string[] {
  return [...catalogue.http.map((s) => s.name), ...catalogue.batch.map((s) => s.name)];
}

/** The server; `now` gives real Unix seconds (a parameter for tests). */
export function createTrafficServer(sim: Simulation, catalogue: Catalogue, now: () => number): Server {
  const services = serviceNames(catalogue);
  return createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://traffic');
    if (url.pathname === '/incidents' && req.method === 'POST') {
      const answer = declareIncident(sim, catalogue, url.searchParams, now());
      res.writeHead(answer.status, { 'Content-Type': 'application/json' }).end(JSON.stringify(answer.body) + '\n');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    if (url.pathname === '/metrics') {
      const service = url.searchParams.get('service') ?? undefined;
      if (service !== undefined && !services.includes(service)) {
        res
          .writeHead(404, { 'Content-Type': 'text/plain' })
          .end(`unknown service "${service}"; one of ${services.join(', ')}\n`);
        return;
      }
      const real = now();
      const body = renderExposition(sim.families(sim.simulatedTime(real), real), service);
      res.writeHead(200, { 'Content-Type': CONTENT_TYPE }).end(req.method === 'HEAD' ? undefined : body);
      return;
    }
    if (url.pathname === '/healthz') {
      res.writeHead(200, { 'Content-Type': 'text/plain' }).end('ok\n');
      return;
    }
    if (url.pathname === '/') {
      res.writeHead(200, { 'Content-Type': 'text/plain' }).end(`${USAGE}\nServices: ${services.join(', ')}\n`);
      return;
    }
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found\n');
  });
}

/** `POST /incidents`: validates the parameters and declares the burst from the current simulated time. */
function declareIncident(
  sim: Simulation,
  catalogue: Catalogue,
  params: URLSearchParams,
  realNow: number
): { status: number; body: unknown } {
  const service = params.get('service') ?? '';
  const http = catalogue.http.map((s) => s.name);
  if (!http.includes(service)) {
    return { status: 400, body: { error: `service must be one of ${http.join(', ')}, got "${service}"` } };
  }
  const ratio = Number(params.get('ratio'));
  if (!(ratio > 0 && ratio <= 1)) {
    return { status: 400, body: { error: `ratio must be above 0 and at most 1, got "${params.get('ratio')}"` } };
  }
  const seconds = Number(params.get('seconds'));
  if (!(Number.isFinite(seconds) && seconds > 0 && seconds <= 86400)) {
    return {
      status: 400,
      body: { error: `seconds must be above 0 and at most 86400, got "${params.get('seconds')}"` },
    };
  }
  const start = sim.simulatedTime(realNow);
  sim.declareIncident({ service, start, seconds, ratio });
  return { status: 201, body: { service, ratio, start, end: start + seconds } };
}
