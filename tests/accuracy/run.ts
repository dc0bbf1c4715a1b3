/**
 * Accuracy of the 30d error budget of Burnrate's rules against exact ground truth, on a real Prometheus.
 *
 *   npx tsx tests/accuracy/run.ts        (KEEP=1 keeps the temporary directory)
 *
 * 1. Generates 32 days of synthetic counters at a 60s step (data.ts) for three SLOs, keeping the exact
 *    number of bad and total events of every minute.
 * 2. Backfills them with `promtool tsdb create-blocks-from openmetrics`, starts Prometheus on 127.0.0.1.
 * 3. Backfills our recording rules in two stages (rules that read other rules' output cannot be
 *    backfilled in one pass): stage 1 the two `*:rate5m` rules of each SLO's base group, stage 2 the
 *    `*:tile10m` rules of its `-rollup` group at 10m, restarting Prometheus after each stage.
 *    Stage 1 runs at 60s instead of the 30s of production: half the work, and the 5m rates of 60s
 *    samples weigh every minute equally at both steps (README.md).
 * 4. Evaluates the 30d error ratio from the tiles, and our `slo:error_budget_remaining:ratio`
 *    expression, at several instants of the last two days; compares them with the exact ratio of summed
 *    bad over summed total events over the same 30 days, and with a model of what the rules should
 *    compute from the exact counts (do the tiles add up?). Prints a Sloth-style mean of 5m ratios for
 *    comparison. Exits 1 if an error is above its tolerance.
 */
import { mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseNativeDocument } from '../../src/formats/native';
import { validateSlo } from '../../src/slo/validate';
import { buildRuleGroups, errorBudgetText, isAlertingRule, type RuleGroup } from '../../src/rules/build';
import { renderRules } from '../../src/rules/output';
import { SLO_METRICS, errorRatioExpr, windowErrorRatioExpr } from '../../src/promql/slo';
import type { Slo } from '../../src/slo/types';
import {
  DAYS,
  MINUTES,
  STEP_SECONDS,
  cumulate,
  exactEvents,
  generateScenario,
  toOpenMetrics,
  type CumulativeTruth,
} from './data';
import { Prometheus, atExit, freePort, run } from '../../bench/lib/prometheus';

/** 2025-03-01T00:00:00Z: any fixed UTC midnight in the past. */
const T0 = 1740787200;
const END = T0 + MINUTES * STEP_SECONDS;
const DAY = 86400;
const WINDOW = 30 * DAY;

/**
 * Tolerance on |ours - exact|, in percentage points of the error budget: 0.01, or more where the data
 * make that impossible. Our window is not (T - 30d, T]: it ends at the last tile (up to 10m before T),
 * and each 5m rate sample reaches 4-5 minutes further back, so our figure is a traffic-weighted mix
 * (a mediant) of the exact ratios of 30d windows ending 0 to 15 minutes before T. It can therefore be
 * off by as much as those ratios differ from each other: the "lag band", which depends on the few
 * minutes of traffic that enter and leave the window (measured up to 0.016 points on the low-traffic
 * "us" group, where a handful of errors in those minutes matter). The tolerance of each instant is
 * max(0.01, lag band). Whether the rules compute what they should is checked separately and much more
 * tightly against a model of the rules (MODEL_TOLERANCE_PP).
 */
const TOLERANCE_PP_OF_BUDGET = 0.01;

/** Instants of the comparison (seconds after T0): all within the last two days, at odd times of day. */
const INSTANTS = [
  30 * DAY + 7 * 3600 + 13 * 60 + 27,
  31 * DAY + 3 * 3600 + 41 * 60 + 9,
  31 * DAY + 15 * 3600 + 22 * 60 + 51,
  31 * DAY + 23 * 3600 + 30 * 60 + 0.5,
];

const SLO_DOCUMENTS = [
  {
    apiVersion: 'burnrate.dev/v1',
    kind: 'ServiceLevelObjective',
    metadata: { name: 'web-availability' },
    spec: {
      service: 'web',
      indicator: {
        type: 'ratio',
        total: 'http_requests_total{job="web"}',
        bad: 'http_requests_total{job="web", code=~"5.."}',
      },
      objectives: [{ target: '99.9%', window: '30d' }],
    },
  },
  {
    apiVersion: 'burnrate.dev/v1',
    kind: 'ServiceLevelObjective',
    metadata: { name: 'orders-by-cluster' },
    spec: {
      service: 'orders',
      indicator: {
        type: 'ratio',
        total: 'orders_processed_total{job="orders"}',
        good: 'orders_processed_total{job="orders", outcome="ok"}',
        groupBy: ['cluster'],
      },
      objectives: [{ target: '99.5%', window: '30d' }],
    },
  },
  {
    apiVersion: 'burnrate.dev/v1',
    kind: 'ServiceLevelObjective',
    metadata: { name: 'search-latency' },
    spec: {
      service: 'search',
      indicator: { type: 'latency', histogram: 'search_request_duration_seconds{job="search"}', threshold: '0.25' },
      objectives: [{ target: '99%', window: '30d' }],
    },
  },
];

interface SloUnderTest {
  slo: Slo;
  groups: RuleGroup[];
  budget: number;
  budgetExpr: string;
}

function loadSlos(): SloUnderTest[] {
  return SLO_DOCUMENTS.map((doc) => {
    const { slo, issues } = parseNativeDocument(doc);
    const problems = [...issues, ...(slo ? validateSlo(slo) : [])].filter((i) => i.severity === 'error');
    if (!slo || problems.length > 0) {
      throw new Error(`invalid SLO ${doc.metadata.name}: ${JSON.stringify(problems)}`);
    }
    const groups = buildRuleGroups(slo, { evaluationInterval: '30s' });
    const budgetRule = groups[0].rules.find((r) => !isAlertingRule(r) && r.record === SLO_METRICS.budgetRemaining);
    if (!budgetRule) {
      throw new Error(`no ${SLO_METRICS.budgetRemaining} rule for ${slo.name}`);
    }
    return { slo, groups, budget: Number(errorBudgetText(slo.objectives[0].target)), budgetExpr: budgetRule.expr };
  });
}

/** Stage 1: the two 5m rate rules of each base group, at 60s. Stage 2: the roll-up groups as built. */
function stageGroups(slos: SloUnderTest[]): { stage1: RuleGroup[]; stage2: RuleGroup[] } {
  const rateRecords: string[] = [SLO_METRICS.events, SLO_METRICS.badEvents];
  return {
    stage1: slos.map(({ groups }) => ({
      name: groups[0].name,
      interval: '60s',
      rules: groups[0].rules.filter((r) => !isAlertingRule(r) && rateRecords.includes(r.record)),
    })),
    stage2: slos.map(({ groups }) => {
      if (!groups[1].name.endsWith('-rollup')) {
        throw new Error(`unexpected group ${groups[1].name}`);
      }
      return groups[1];
    }),
  };
}

function fmt(seconds: number): string {
  return `${seconds.toFixed(1)} s`;
}

function iso(t: number): string {
  return new Date(t * 1000).toISOString().replace('.000Z', 'Z');
}

function truthKeyOf(slo: Slo, metric: Record<string, string>): string {
  const by = slo.indicator.groupBy;
  return by.length === 0 ? slo.name : `${slo.name}{${by.map((l) => `${l}="${metric[l]}"`).join(',')}}`;
}

/**
 * Backfills one stage: one rule file per SLO, the promtool processes side by side (they mostly wait on
 * Prometheus and on writing blocks), then moves the blocks into the data directory and restarts.
 */
async function backfillRules(
  prometheus: Prometheus,
  work: string,
  dataDir: string,
  stage: string,
  groups: RuleGroup[],
  start: number
): Promise<{ blocks: number; promtoolSeconds: number; restartSeconds: number }> {
  const t = Date.now();
  const outs = await Promise.all(
    groups.map(async (group) => {
      // A relative rule file name, so that the evaluation offset of the group, which Prometheus hashes
      // from the group's name and file name, is the same on every run.
      const file = `${stage}-${group.name}.yaml`;
      writeFileSync(path.join(work, file), renderRules([group], 'prometheus'));
      const out = path.join(work, `${file}.blocks`);
      await run(
        'promtool',
        [
          'tsdb',
          'create-blocks-from',
          'rules',
          '--quiet',
          `--start=${start}`,
          `--end=${END}`,
          `--url=${prometheus.url}`,
          `--output-dir=${out}`,
          file,
        ],
        { cwd: work }
      );
      return out;
    })
  );
  const promtoolSeconds = (Date.now() - t) / 1000;
  let blocks = 0;
  for (const out of outs) {
    for (const block of readdirSync(out)) {
      renameSync(path.join(out, block), path.join(dataDir, block));
      blocks++;
    }
  }
  const r = Date.now();
  await prometheus.stop();
  await prometheus.start();
  return { blocks, promtoolSeconds, restartSeconds: (Date.now() - r) / 1000 };
}

/** Evaluation timestamps (ms) of one SLO's recorded series: each rule group has its own offset. */
interface Offsets {
  /** slo:*:rate5m samples are at rateMs + k * 60 s. */
  rateMs: number;
  /** slo:*:tile10m samples are at tileMs + k * 10 min. */
  tileMs: number;
}

async function offsetsOf(prometheus: Prometheus, uid: string, at: number): Promise<Offsets> {
  const last = async (metric: string, range: string) => {
    const series = await prometheus.samples(`${metric}{slo_uid="${uid}"}[${range}]`, at);
    const values = series[0]?.values;
    if (!values?.length) {
      throw new Error(`no ${metric} samples for ${uid}`);
    }
    return Math.round(values[values.length - 1][0] * 1000);
  };
  return { rateMs: await last(SLO_METRICS.events, '5m'), tileMs: await last(SLO_METRICS.eventsTile, '30m') };
}

/**
 * What the 30d ratio of the rules is, computed from the exact counts: the sum of the 5m rate samples
 * over the tiles in the window. Each rate sample at s (60 s step, not on the minute) is
 * increase(5 samples in [s - 5m, s]) / 240 s, that is the events of the 4 minutes between its first and
 * last sample; each tile sums the rate samples of its 10 minutes.
 * - 'intended': the tiles tile the time line; the window holds the rate samples of the 30 days up to the
 *   last tile at or before T, each once.
 * - 'as-written': Prometheus 2.x range semantics, both ends included: tiles at [T - 30d, T], each summing
 *   the rate samples in [tile - 10m, tile]; a rate sample on a tile's edge counts twice.
 */
function modelRatio(truth: CumulativeTruth, offsets: Offsets, timeMs: number): number {
  const MINUTE = 60_000;
  const TILE = 600_000;
  const mod = (a: number, m: number) => ((a % m) + m) % m;
  const weights = new Map<number, number>(); // rate sample time -> times counted
  const lastTile = timeMs - mod(timeMs - offsets.tileMs, TILE);
  const end = lastTile - mod(lastTile - offsets.rateMs, MINUTE);
  for (let s = end; s > lastTile - WINDOW * 1000; s -= MINUTE) {
    weights.set(s, 1);
  }
  let bad = 0;
  let total = 0;
  const index = (ms: number) => (ms / 1000 - T0) / STEP_SECONDS;
  for (const [s, weight] of weights) {
    const first = Math.ceil((s - 300_000) / MINUTE) * MINUTE;
    const last = Math.floor(s / MINUTE) * MINUTE;
    const [i, j] = [index(first), index(last)];
    const seconds = (last - first) / 1000;
    bad += (weight * (truth.bad[j] - truth.bad[i])) / seconds;
    total += (weight * (truth.total[j] - truth.total[i])) / seconds;
  }
  return bad / total;
}

/** The largest lag of our window behind T: one tile (10m) and the 5m rate window, in whole minutes. */
const MAX_LAG_MINUTES = 15;

interface Row {
  key: string;
  time: number;
  onTile: boolean;
  budget: number;
  exact: number;
  /** Exact ratios of 30d windows ending 0..MAX_LAG_MINUTES minutes before T. */
  lagMin: number;
  lagMax: number;
  ours: number;
  fromBudgetRule: number;
  intended: number;
  direct: number;
  sloth: number;
}

/** Percentage points of the error budget. */
function pp(ratio: number, reference: number, budget: number): number {
  return ((ratio - reference) / budget) * 100;
}

async function main(): Promise<number> {
  const timings: Array<[string, number]> = [];
  let phaseStart = Date.now();
  const phase = (name: string) => {
    const now = Date.now();
    timings.push([name, (now - phaseStart) / 1000]);
    phaseStart = now;
  };
  const work = mkdtempSync(path.join(os.tmpdir(), 'burnrate-accuracy-'));
  const dataDir = path.join(work, 'data');
  mkdirSync(dataDir);
  const keep = process.env.KEEP === '1';
  if (!keep) {
    atExit(() => rmSync(work, { recursive: true, force: true }));
  }
  let prometheus: Prometheus | undefined;
  try {
    const slos = loadSlos();
    const scenario = generateScenario();
    const truths = new Map<string, CumulativeTruth>(scenario.truths.map((t) => [t.key, cumulate(t)]));
    console.log(`data: ${DAYS} days from ${iso(T0)} at a ${STEP_SECONDS}s step`);
    for (const line of scenario.events) {
      console.log(`  ${line}`);
    }

    // One OpenMetrics file per day (see toOpenMetrics), two promtool processes at a time.
    const files: string[] = [];
    for (let day = 0; day * 1440 <= MINUTES; day++) {
      const file = path.join(work, `day-${String(day).padStart(2, '0')}.om.txt`);
      writeFileSync(file, toOpenMetrics(scenario, T0, day * 1440, (day + 1) * 1440));
      files.push(file);
    }
    phase('generate counters (OpenMetrics, one file a day)');
    const queue = [...files];
    await Promise.all(
      [0, 1].map(async () => {
        for (let file = queue.shift(); file; file = queue.shift()) {
          await run('promtool', ['tsdb', 'create-blocks-from', 'openmetrics', '--quiet', file, dataDir]);
          rmSync(file);
        }
      })
    );
    phase(`promtool create-blocks-from openmetrics (${readdirSync(dataDir).length} blocks)`);

    prometheus = new Prometheus(dataDir, work, await freePort());
    await prometheus.start();
    phase('prometheus start');

    const { stage1, stage2 } = stageGroups(slos);
    for (const [label, stage, groups] of [
      ['stage 1: *:rate5m at 60s', 'stage1', stage1],
      ['stage 2: *:tile10m at 10m', 'stage2', stage2],
    ] as const) {
      const result = await backfillRules(prometheus, work, dataDir, stage, groups, T0);
      phase(
        `${label} (${result.blocks} blocks; promtool ${fmt(result.promtoolSeconds)}, restart ${fmt(result.restartSeconds)})`
      );
    }

    // Where the samples of the recorded series fall: each group evaluates at its own offset.
    const probe = T0 + 31 * DAY + 12 * 3600;
    const offsets = new Map<string, Offsets>();
    console.log(
      '\nevaluation offsets of the backfilled groups (hash of group name and file, as in a live Prometheus):'
    );
    for (const { slo } of slos) {
      const o = await offsetsOf(prometheus, slo.uid, probe);
      offsets.set(slo.uid, o);
      console.log(
        `  ${slo.name.padEnd(20)} rate5m at ${((o.rateMs % 60_000) / 1000).toFixed(3)} s into each minute, ` +
          `tile10m at ${((o.tileMs % 600_000) / 1000).toFixed(3)} s into each 10 minutes`
      );
    }
    const first = slos[0].slo.uid;
    const o = offsets.get(first)!;
    const value = async (expr: string, t: number) => (await prometheus!.query(expr, t))[0]?.value;
    const rateSel = `${SLO_METRICS.events}{slo_uid="${first}"}`;
    const tileSel = `${SLO_METRICS.eventsTile}{slo_uid="${first}"}`;
    const tileTime = o.tileMs / 1000;
    console.log(`range-selector edges (${first}):`);
    console.log(
      `  count_over_time(rate5m[10m]) at a tile's timestamp: ${await value(`count_over_time(${rateSel}[10m])`, tileTime)}; ` +
        `at a rate sample's timestamp + 10m: ${await value(`count_over_time(${rateSel}[10m])`, o.rateMs / 1000 + 600)}`
    );
    console.log(
      `  count_over_time(tile10m[30d]) between tiles: ${await value(`count_over_time(${tileSel}[30d])`, T0 + INSTANTS[0])}; ` +
        `at a tile's timestamp: ${await value(`count_over_time(${tileSel}[30d])`, tileTime)}`
    );

    // The comparison. The last instant sits exactly on a tile's timestamp of the first SLO.
    const instants = [...INSTANTS.map((s) => T0 + s), tileTime];
    const rows: Row[] = [];
    for (const { slo, budget, budgetExpr } of slos) {
      const window = slo.objectives[0].window;
      const ratioExpr = windowErrorRatioExpr(slo.uid, window, false);
      const directExpr = errorRatioExpr(slo.uid, '30d');
      const sel = `{slo_uid="${slo.uid}"}`;
      const slothExpr = `avg_over_time((${SLO_METRICS.badEvents}${sel} / ${SLO_METRICS.events}${sel})[30d:1m])`;
      for (const time of instants) {
        const [ratio, remaining, direct, sloth] = await Promise.all(
          [ratioExpr, budgetExpr, directExpr, slothExpr].map((e) => prometheus!.query(e, time))
        );
        for (const sample of ratio) {
          const key = truthKeyOf(slo, sample.metric);
          const truth = truths.get(key);
          if (!truth) {
            throw new Error(`no ground truth for ${key}`);
          }
          const same = (s: { metric: Record<string, string> }) => truthKeyOf(slo, s.metric) === key;
          const lagged = Array.from({ length: MAX_LAG_MINUTES + 1 }, (_, lag) => {
            const e = exactEvents(truth, T0, time - lag * 60 - WINDOW, time - lag * 60);
            return e.bad / e.total;
          });
          const rem = remaining.find(same)?.value;
          const offsetsOfSlo = offsets.get(slo.uid)!;
          rows.push({
            key,
            time,
            onTile: time === tileTime && slo.uid === first,
            budget,
            exact: lagged[0],
            lagMin: Math.min(...lagged),
            lagMax: Math.max(...lagged),
            ours: sample.value,
            fromBudgetRule: rem === undefined ? NaN : (1 - rem) * budget,
            intended: modelRatio(truth, offsetsOfSlo, Math.round(time * 1000)),
            direct: direct.find(same)?.value ?? NaN,
            sloth: sloth.find(same)?.value ?? NaN,
          });
        }
      }
    }
    phase('queries and ground truth');
    return report(rows, timings);
  } finally {
    await prometheus?.stop();
    if (keep) {
      console.log(`kept ${work}`);
    } else {
      rmSync(work, { recursive: true, force: true });
    }
  }
}

/**
 * How far our model of the rules may be from what Prometheus returns, in points of budget: float
 * rounding, and the rare rate() window whose start is clipped at a counter's zero point (after the
 * counter reset, when the first sample of the window holds fewer events than a minute's worth).
 */
const MODEL_TOLERANCE_PP = 0.001;

function report(rows: Row[], timings: Array<[string, number]>): number {
  const failures: string[] = [];
  const cell = (text: string, width: number) => text.padStart(width);
  const name = (row: Row) => row.key.padEnd(32) + ' ' + (iso(row.time) + (row.onTile ? ' *' : '')).padEnd(27);

  console.log('\nA. 30d error ratio: ours (the 10m tiles, as slo:error_budget_remaining:ratio reads them) vs exact');
  console.log(
    '   exact = sum bad / sum total events of the minutes in (T - 30d, T]; err in points of the error budget'
  );
  console.log(
    '   ((ours - exact) / budget x 100) and in the SLI (parts per million); lag band: the spread of the exact'
  );
  console.log(
    `   ratios of 30d windows ending 0..${MAX_LAG_MINUTES} minutes before T, the most a window late by one tile and`
  );
  console.log('   one 5m rate can be off; tolerance = max(0.01, lag band).');
  console.log(
    ''.padEnd(60) +
      [
        cell('exact', 10),
        cell('ours', 10),
        cell('err pp', 8),
        cell('SLI ppm', 8),
        cell('rule pp', 8),
        cell('lag band', 9),
        cell('tol', 6),
        '  ',
      ].join(' ')
  );
  for (const row of rows) {
    const err = pp(row.ours, row.exact, row.budget);
    const ruleErr = pp(row.fromBudgetRule, row.exact, row.budget);
    const band = Math.max(pp(row.lagMax, row.exact, row.budget), -pp(row.lagMin, row.exact, row.budget));
    const tolerance = Math.max(TOLERANCE_PP_OF_BUDGET, band);
    let status = 'ok';
    if (!(Math.abs(err) <= tolerance && Math.abs(ruleErr) <= tolerance)) {
      status = 'FAIL';
      failures.push(`${row.key} at ${iso(row.time)}: error ${err.toFixed(4)} pp > ${tolerance.toFixed(4)} pp`);
    }
    console.log(
      name(row) +
        [
          cell(row.exact.toFixed(7), 10),
          cell(row.ours.toFixed(7), 10),
          cell(err.toFixed(4), 8),
          cell(((row.ours - row.exact) * 1e6).toFixed(3), 8),
          cell(ruleErr.toFixed(4), 8),
          cell(band.toFixed(4), 9),
          cell(tolerance.toFixed(3), 6),
          ` ${status}`,
        ].join(' ')
    );
  }
  console.log(
    '   rule pp: the same error read from our slo:error_budget_remaining:ratio expression, (1 - remaining) x budget.'
  );
  console.log('   * exactly on a tile timestamp: the window leaves out its start, so it still holds 4320 tiles.');

  console.log(
    '\nB. Do the tiles add up? ours vs a model of the rules computed from the exact counts (points of budget):'
  );
  console.log('   model: each 5m rate sample of the 30 days up to the last tile counted once (tiles that tile the');
  console.log('   time line). 5m direct: sum_over_time of the 5m rates over [30d] without tiles, vs exact.');
  console.log('   Sloth: avg_over_time of the 5m ratios (a mean of ratios).');
  console.log(
    ''.padEnd(60) + [cell('-model', 10), cell('5m direct', 10), cell('sloth', 10), cell('sloth pp', 9)].join(' ')
  );
  for (const row of rows) {
    const vsIntended = pp(row.ours, row.intended, row.budget);
    if (Math.abs(vsIntended) > MODEL_TOLERANCE_PP) {
      failures.push(`${row.key} at ${iso(row.time)}: the tiles do not add up: ${vsIntended.toFixed(5)} pp`);
    }
    console.log(
      name(row) +
        [
          cell(vsIntended.toExponential(1), 10),
          cell(pp(row.direct, row.exact, row.budget).toFixed(4), 10),
          cell(row.sloth.toFixed(7), 10),
          cell(pp(row.sloth, row.exact, row.budget).toFixed(2), 9),
        ].join(' ')
    );
  }

  console.log('\ntimings:');
  for (const [phaseName, seconds] of timings) {
    console.log(`  ${phaseName.padEnd(78)} ${fmt(seconds)}`);
  }
  console.log(`  ${'total'.padEnd(78)} ${fmt(timings.reduce((s, [, t]) => s + t, 0))}`);

  const worst = Math.max(...rows.map((r) => Math.abs(pp(r.ours, r.exact, r.budget))));
  const worstSloth = Math.max(...rows.map((r) => Math.abs(pp(r.sloth, r.exact, r.budget))));
  console.log(`\nworst |ours - exact|: ${worst.toFixed(4)} pp of budget; Sloth-style: ${worstSloth.toFixed(2)} pp`);
  if (failures.length > 0) {
    console.log('FAIL');
    for (const f of failures) {
      console.log(`  ${f}`);
    }
    return 1;
  }
  console.log('PASS');
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exit(1);
  }
);
