/**
 * The traffic generator of the Burnrate demo: simulated metrics of a few services for Prometheus to scrape.
 * Runs with no dependencies: `node --experimental-strip-types demo/traffic/main.ts` (Node 22) or
 * `npx tsx demo/traffic/main.ts`.
 */
import { CATALOGUE } from './catalogue.ts';
import { createTrafficServer, parseOptions, USAGE } from './server.ts';
import { Simulation } from './sim.ts';

let options;
try {
  options = parseOptions(process.argv.slice(2));
} catch (e) {
  process.stderr.write(`traffic: ${e instanceof Error ? e.message : String(e)}\n\n${USAGE}`);
  process.exit(2);
}
if (options.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}
const now = () => Date.now() / 1000;
const sim = new Simulation(CATALOGUE, {
  seed: options.seed,
  origin: options.origin ?? now(),
  speed: options.speed,
  calm: options.calm,
  storyline: options.origin !== undefined,
  // The history's integration step: the same counters as the backfill wrote.
  stepSeconds: options.origin === undefined ? undefined : CATALOGUE.storyline.stepSeconds,
});
const server = createTrafficServer(sim, CATALOGUE, now);
server.listen(options.port, options.host, () => {
  process.stdout.write(
    `traffic: serving /metrics on ${options.host}:${options.port} (seed ${options.seed}, speed ${options.speed}` +
      `${options.origin === undefined ? '' : `, history since ${new Date(options.origin * 1000).toISOString()}`})\n`
  );
});
// Exit at once: nothing to flush, and a scraper's keep-alive connection would hold server.close() open.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => process.exit(0));
}
