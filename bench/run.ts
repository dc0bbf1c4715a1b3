/**
 * Benchmark: accuracy and cost of Burnrate's rules against Sloth-style and Pyrra-style rules for the
 * same SLOs, on a real Prometheus (docs/rules.md, "Accuracy and cost").
 *
 *   npx tsx bench/run.ts                 full run (32 days, 6 services; about 15 minutes on 2 cores)
 *   npx tsx bench/run.ts --small         CI version: 3 days, 2 services, our rules only; asserts the
 *                                        accuracy bound and the absence of NaN/Inf, exits 1 otherwise
 *   options: --days N  --no-high (no 200-series service)  --skip-live  --skip-scale  --skip-bundle
 *            --scale-count N  --keep (keep the temporary directory)  --out FILE  --no-write
 *
 * 1. Generates the counters (scenarios.ts), backfills them with promtool into a fresh TSDB in a
 *    temporary directory, and starts Prometheus on 127.0.0.1.
 * 2. Builds three rule sets for the same SLOs (ours; competitors/sloth.ts; competitors/pyrra.ts) and
 *    backfills their recordings: rules read over ranges by other rules over the whole history, in
 *    stages; the rest over the 5 minutes before each comparison instant.
 * 3. At each instant, reads the 30d SLI, the budget remaining and the burn rates of each rule set and
 *    compares them with the exact figures computed from the generated counts.
 * 4. Checks every recorded series for NaN and Inf.
 * 5. Cost: samples read by one evaluation of each rule (stats=all) at the last instant; evaluation
 *    time of each group (/api/v1/rules) with the rules running live on the same TSDB, the counters
 *    continued by a scrape target on 127.0.0.1.
 * 6. Scale (10,000 SLOs through the CLI) and bundle size.
 * Prints tables and writes bench/results/<date>.json.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { isAlertingRule } from '../src/rules/build';
import { renderRules } from '../src/rules/output';
import { SLO_METRICS, rangeWithoutStart } from '../src/promql/slo';
import { cumulate, type CumulativeTruth } from './lib/counters';
import { Prometheus, QUERY_ONLY_CONFIG, atExit, freePort, settleCompaction } from './lib/prometheus';
import { backfillCounters, backfillRules, safeStart, type RuleBackfill } from './lib/backfill';
import { feederScrapeConfig, startFeeder } from './lib/feeder';
import { loadSlo } from './lib/slos';
import { STEP_SECONDS, generateBenchScenario } from './scenarios';
import { burnrate, sloWindowSeconds, type RuleSet, type SloRules } from './rulesets';
import { sloth } from './competitors/sloth';
import { pyrra } from './competitors/pyrra';
import { exactRatio, lagBand } from './accuracy';
import { exprSamples, groupCosts, liveTimings, withInterval, type GroupCost, type LiveTiming } from './cost';
import { runScale, type ScaleResult } from './scale';
import { measureBundle, type BundleResult } from './bundle';
import { printReport, type AccuracyRow, type BenchResult, type BurnRow, type NanScan } from './report';

const REPO = path.resolve(__dirname, '..');
const DAY = 86400;

const { values: args } = parseArgs({
  options: {
    small: { type: 'boolean', default: false },
    days: { type: 'string' },
    'no-high': { type: 'boolean', default: false },
    'skip-live': { type: 'boolean', default: false },
    'skip-scale': { type: 'boolean', default: false },
    'skip-bundle': { type: 'boolean', default: false },
    'scale-count': { type: 'string', default: '10000' },
    keep: { type: 'boolean', default: false },
    out: { type: 'string' },
    'no-write': { type: 'boolean', default: false },
  },
});

const small = args.small ?? false;
const started = Date.now();
function log(text: string): void {
  const s = Math.round((Date.now() - started) / 1000);
  console.log(`[${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}] ${text}`);
}

async function restart(prometheus: Prometheus): Promise<void> {
  await prometheus.stop();
  await prometheus.start();
}

/** Every sample of the series of `metric{matcher}` over [from, to], in chunks: NaN and Inf counts. */
async function scanSeries(
  prometheus: Prometheus,
  metric: string,
  matcher: string,
  from: number,
  to: number
): Promise<NanScan> {
  const scan: NanScan = { metric, series: 0, samples: 0, nan: 0, inf: 0 };
  const seen = new Set<string>();
  const chunk = 4 * DAY;
  for (let t = from + chunk; t < to + chunk; t += chunk) {
    const at = Math.min(t, to);
    const result = await prometheus.samples(`${metric}{${matcher}}[${Math.round(Math.min(chunk, at - from))}s]`, at);
    for (const s of result) {
      seen.add(JSON.stringify(s.metric));
      for (const [, v] of s.values) {
        scan.samples++;
        if (Number.isNaN(v)) {
          scan.nan++;
        } else if (!Number.isFinite(v)) {
          scan.inf++;
        }
      }
    }
  }
  scan.series = seen.size;
  return scan;
}

/**
 * The window ratio from the 5m rates themselves, without tiles: the rate samples of (T - window, T].
 * It is what a design that adds the rates since the last tile (and removes the same span 30 days
 * earlier) computes; it reads every rate sample, so it serves here only to measure that accuracy.
 */
function directRatioExpr(uid: string, windowSeconds: number): string {
  const range = rangeWithoutStart(windowSeconds);
  return (
    `sum_over_time(${SLO_METRICS.badEvents}{slo_uid="${uid}"}[${range}])` +
    ` / sum_over_time(${SLO_METRICS.events}{slo_uid="${uid}"}[${range}])`
  );
}

async function main(): Promise<number> {
  const days = Number(args.days ?? (small ? 3 : 32));
  const high = !small && !args['no-high'];
  const work = mkdtempSync(path.join(os.tmpdir(), 'burnrate-bench-'));
  const dataDir = path.join(work, 'data');
  mkdirSync(dataDir);
  if (!args.keep) {
    atExit(() => rmSync(work, { recursive: true, force: true }));
  }
  const timings: Array<[string, number]> = [];
  let phaseStart = Date.now();
  const phase = (name: string) => {
    timings.push([name, (Date.now() - phaseStart) / 1000]);
    phaseStart = Date.now();
    log(`done: ${name}`);
  };

  const end = Math.floor(Date.now() / 60_000) * 60 - 120;
  const scenario = generateBenchScenario({ days, end, small, high });
  const { t0 } = scenario;
  const slos = scenario.documents.map(loadSlo);
  const sets: RuleSet[] = small ? [burnrate] : [burnrate, sloth, pyrra];
  const built = new Map<RuleSet, SloRules[]>(sets.map((set) => [set, slos.map((slo) => set.build(slo))]));
  const truths = new Map<string, CumulativeTruth>(scenario.truths.map((t) => [t.key, cumulate(t)]));
  log(
    `${days} days of counters at ${STEP_SECONDS}s, ${new Date(t0 * 1000).toISOString()} .. ${new Date(end * 1000).toISOString()}`
  );
  for (const note of scenario.notes) {
    console.log(`  ${note}`);
  }
  phase('generate counters');

  let prometheus: Prometheus | undefined;
  let feeder: Awaited<ReturnType<typeof startFeeder>> | undefined;
  try {
    const blocks = await backfillCounters(
      scenario.families,
      t0,
      STEP_SECONDS,
      scenario.minutes + 1,
      work,
      dataDir,
      (p) => {
        if (Number(p.split(' ')[1].split('/')[0]) % 8 === 0) {
          log(`  openmetrics backfill ${p}`);
        }
      }
    );
    phase(`promtool create-blocks-from openmetrics (${blocks} blocks)`);

    prometheus = new Prometheus(dataDir, work, await freePort());
    await prometheus.start();
    phase('prometheus start');

    // Rules read over ranges by other rules: over the whole history, stage after stage. Every stage of an
    // SLO uses the same rule file name, so that a group's evaluations (whose offset Prometheus hashes
    // from the group's name and file) fall on the same times in each stage.
    const stages = Math.max(...[...built.values()].flat().map((r) => r.history.length));
    for (let k = 0; k < stages; k++) {
      const jobs: RuleBackfill[] = [];
      for (const [set, rules] of built) {
        for (const r of rules) {
          if (r.history[k]) {
            jobs.push({
              file: `history-${set.name}-${r.slo.uid}.yaml`,
              groups: r.history[k],
              start: safeStart(t0, 'history'),
              end,
            });
          }
        }
      }
      log(
        `history stage ${k + 1}: ${jobs.length} rule files (${jobs.map((j) => j.file.replace(/\.yaml$/, '')).join(', ')})`
      );
      const n = await backfillRules(prometheus.url, work, dataDir, jobs);
      await restart(prometheus);
      if (!small) {
        await settleCompaction(prometheus, log, `history stage ${k + 1}`);
      }
      phase(`history stage ${k + 1}: promtool create-blocks-from rules (${n} blocks) and restart`);
    }

    // Rules that read the history and are read only at their last value: once over the span of the
    // instants, in the rule file of the history stage whose group they extend (same evaluation grid).
    const times = scenario.instants.map((i) => i.time);
    const aligned: RuleBackfill[] = [];
    for (const rules of built.values()) {
      for (const r of rules.filter((x) => x.alignWithFile && x.alignedAtInstants?.length)) {
        const length = 2 * (r.instantIntervalSeconds ?? 300);
        aligned.push({
          file: r.alignWithFile!,
          groups: r.alignedAtInstants!,
          // From a block boundary, so that the first 2h block holds whole evaluations.
          start: Math.floor((Math.min(...times) - length) / 7200) * 7200,
          end: Math.max(...times),
        });
      }
    }
    if (aligned.length) {
      const n = await backfillRules(prometheus.url, work, dataDir, aligned);
      await restart(prometheus);
      if (!small) {
        await settleCompaction(prometheus, log, 'aligned stage');
      }
      phase(`instant span: ${aligned.length} rule files of window sums (${n} blocks) and restart`);
    }

    // The other recording rules: over the 5 minutes before each instant.
    const jobs: RuleBackfill[] = [];
    for (const [set, rules] of built) {
      // Long enough for two evaluations of the slowest group (Pyrra's 150s).
      const length = 300;
      scenario.instants.forEach(({ time }, i) => {
        const groups = rules.flatMap((r) => r.atInstant);
        if (groups.length) {
          jobs.push({
            file: `instant${i + 1}-${set.name}.yaml`,
            groups,
            start: safeStart(time - length, 'instant', length),
            end: time,
          });
        }
      });
    }
    const instantBlocks = await backfillRules(prometheus.url, work, dataDir, jobs);
    await restart(prometheus);
    if (!small) {
      await settleCompaction(prometheus, log, 'instant stage');
    }
    phase(`instant stage: ${jobs.length} rule files (${instantBlocks} blocks) and restart`);

    // Accuracy.
    const accuracy: AccuracyRow[] = [];
    const burns: BurnRow[] = [];
    for (const [set, rules] of built) {
      for (const r of rules) {
        const truth = truths.get(r.slo.name)!;
        const windowSeconds = sloWindowSeconds(r.slo);
        for (const { time, label } of scenario.instants) {
          const value = async (expr: string) => {
            const result = await prometheus!.query(expr, time);
            return result.length === 0 ? undefined : result[0].value;
          };
          const exact = exactRatio(truth, t0, STEP_SECONDS, time, windowSeconds);
          const band = lagBand(truth, t0, STEP_SECONDS, time, windowSeconds);
          const row: AccuracyRow = {
            set: set.name,
            slo: r.slo.name,
            instant: label,
            time,
            budget: r.budget,
            exact,
            ratio: await value(r.windowRatio),
            remaining: await value(r.budgetRemaining),
            lagMin: band.min,
            lagMax: band.max,
          };
          if (set.name === 'burnrate') {
            row.direct = await value(directRatioExpr(r.slo.uid, windowSeconds));
          }
          accuracy.push(row);
          for (const b of r.burns) {
            const exactBurn = exactRatio(truth, t0, STEP_SECONDS, time, b.seconds);
            burns.push({
              set: set.name,
              slo: r.slo.name,
              instant: label,
              window: b.window,
              seconds: b.seconds,
              exact: exactBurn === undefined ? undefined : exactBurn / r.budget,
              value: await value(b.expr),
            });
          }
        }
      }
      log(`  accuracy queries: ${set.name}`);
    }
    phase('accuracy queries and ground truth');

    // NaN / Inf in recorded series.
    const nan: Record<string, NanScan[]> = {};
    const scanned = new Set<string>();
    for (const [set, rules] of built) {
      const names = new Set<string>();
      for (const r of rules) {
        for (const g of r.groups) {
          for (const rule of g.rules) {
            if (!isAlertingRule(rule)) {
              names.add(rule.record);
            }
          }
        }
      }
      const matcher = {
        burnrate: 'slo_uid=~".+"',
        sloth: 'sloth_id=~".+"',
        pyrra: 'slo=~".+"',
      }[set.name];
      nan[set.name] = [];
      for (const name of names) {
        if (!scanned.has(`${name}{${matcher}}`)) {
          scanned.add(`${name}{${matcher}}`);
          nan[set.name].push(await scanSeries(prometheus, name, matcher, t0, end));
        }
      }
    }
    phase('NaN/Inf scan of every recorded sample');

    // Cost: samples read by one evaluation of every rule, at the last instant.
    const costTime = scenario.instants[scenario.instants.length - 1].time;
    const costs: BenchResult['costs'] = {};
    for (const [set, rules] of built) {
      costs[set.name] = [];
      for (const r of rules) {
        const groups: GroupCost[] = await groupCosts(prometheus, r.groups, costTime);
        const window = await Promise.all(
          r.windowRules.map(async (w) => ({ ...w, samples: await exprSamples(prometheus!, [w.expr], costTime) }))
        );
        const direct =
          set.name === 'burnrate'
            ? await exprSamples(prometheus, [directRatioExpr(r.slo.uid, sloWindowSeconds(r.slo))], costTime)
            : undefined;
        costs[set.name].push({
          slo: r.slo.name,
          sourceSeries: scenario.sourceSeries[r.slo.name],
          groups,
          window,
          direct,
        });
      }
      log(`  samples read: ${set.name}`);
    }
    phase('samples read per evaluation (stats=all)');

    // Live evaluation.
    const live: Record<string, LiveTiming[]> = {};
    if (!args['skip-live']) {
      feeder = await startFeeder(scenario.families, end, STEP_SECONDS);
      for (const [set, rules] of built) {
        const file = `live-${set.name}.yaml`;
        writeFileSync(
          path.join(work, file),
          renderRules(
            withInterval(
              rules.flatMap((r) => r.groups),
              '10s'
            ),
            'prometheus'
          )
        );
        prometheus.config =
          'global:\n  scrape_interval: 15s\n  evaluation_interval: 10s\n' +
          `rule_files:\n  - ${file}\n` +
          feederScrapeConfig(feeder.port, '15s');
        await restart(prometheus);
        log(`  live: ${set.name} rules every 10s, counters scraped every 15s; reading /api/v1/rules`);
        live[set.name] = await liveTimings(prometheus, { warmup: 35, every: 10, readings: 3 });
      }
      prometheus.config = QUERY_ONLY_CONFIG;
      phase('live evaluation times');
    }
    await prometheus.stop();
    prometheus = undefined;
    await feeder?.close();
    feeder = undefined;

    let scale: ScaleResult | undefined;
    if (!args['skip-scale']) {
      const count = Number(args['scale-count']);
      log(`scale: ${count} SLOs through the CLI`);
      scale = await runScale(REPO, work, count);
      phase(`scale: validate and rules for ${count} SLOs`);
    }
    let bundle: BundleResult | undefined;
    if (!args['skip-bundle']) {
      bundle = measureBundle(REPO, log);
      phase('bundle sizes');
    }

    const result: BenchResult = {
      date: new Date().toISOString(),
      mode: small ? 'small' : 'full',
      environment: {
        prometheus: '2.42',
        node: process.version,
        cpus: os.cpus().length,
        platform: `${os.platform()} ${os.arch()}`,
      },
      data: {
        days,
        stepSeconds: STEP_SECONDS,
        start: new Date(t0 * 1000).toISOString(),
        end: new Date(end * 1000).toISOString(),
        notes: scenario.notes,
        instants: scenario.instants.map((i) => ({ ...i, iso: new Date(i.time * 1000).toISOString() })),
        sourceSeries: scenario.sourceSeries,
      },
      accuracy,
      burns,
      nan,
      costs,
      costTime,
      live,
      scale,
      bundle,
      timings,
    };
    const failures = printReport(result);
    if (!args['no-write'] && !small) {
      const out = args.out ?? path.join(REPO, 'bench', 'results', `${result.date.slice(0, 10)}.json`);
      mkdirSync(path.dirname(out), { recursive: true });
      writeFileSync(out, JSON.stringify(result, null, 1) + '\n');
      console.log(`\nwrote ${path.relative(process.cwd(), out)}`);
    } else if (args.out) {
      writeFileSync(args.out, JSON.stringify(result, null, 1) + '\n');
    }
    if (small && failures.length > 0) {
      console.log('\nFAIL');
      failures.forEach((f) => console.log(`  ${f}`));
      return 1;
    }
    if (small) {
      console.log('\nPASS');
    }
    return 0;
  } finally {
    await prometheus?.stop();
    await feeder?.close();
    if (args.keep) {
      console.log(`kept ${work}`);
    }
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exit(1);
  }
);
