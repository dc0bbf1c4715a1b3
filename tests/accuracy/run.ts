/**
 * Accuracy of the 30d error budget of Burnrate's rules against exact ground truth, on a real Prometheus.
 *
 *   npx tsx tests/accuracy/run.ts        (KEEP=1 keeps the temporary directory)
 *
 * 1. Generates 32 days of synthetic counters at a 60s step (data.ts) for three SLOs, keeping the exact
 *    number of bad and total events of every minute.
 * 2. Backfills them with `promtool tsdb create-blocks-from openmetrics`, starts Prometheus on 127.0.0.1.
 * 3. Backfills our recording rules in three stages (rules that read other rules' output cannot be
 *    backfilled in one pass): stage 1 what reads only the raw counters (the two `*:rate5m` rules of each
 *    SLO's base group, at 60s instead of 30s; the counter snapshots and the total tiles of its `-rollup`
 *    group, at its tile's interval), stage 2 the bad tiles, which read the total tiles, stage 3 what
 *    reads the tiles and snapshots (the window sums and window starts of the `-rollup` group; over the
 *    span of the instants only, as the budget reads only their last value), each in a rule file of the
 *    same name, so that they fall on the same tile grid, restarting Prometheus after each stage.
 * 4. Evaluates our `slo:error_budget_remaining:ratio` expression at several instants of the last two
 *    days (it reads the recorded window sums and snapshots, and the raw counters since the last tile)
 *    and compares the error ratio it implies with the exact ratio of summed bad over summed total
 *    events over (T - 30d, T]. Prints the ratio of the last window sums alone (up to the last tile), the
 *    5m rates summed over 30d and a Sloth-style mean of 5m ratios for comparison. Exits 1 if an error
 *    is above its tolerance.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildRuleGroups, isAlertingRule, type RuleGroup } from '../../src/rules/build';
import { errorBudgetText } from '../../src/slo/budget';
import { SLO_METRICS, TILES, errorRatioExpr } from '../../src/promql/slo';
import type { Slo } from '../../src/slo/types';
import { DAYS, MINUTES, SLO_DOCUMENTS, STEP_SECONDS, generateScenario } from './data';
import { cumulate, exactEvents, type CumulativeTruth } from '../../bench/lib/counters';
import { Prometheus, atExit, freePort } from '../../bench/lib/prometheus';
import { backfillCounters, backfillRules } from '../../bench/lib/backfill';
import { RATE_RECORDS, WINDOW_RECORDS, budgetRemainingRule, loadSlo } from '../../bench/lib/slos';
import { rawCost, replayAt, rollupGroup, variant, type Cost, type QueryCost, type ReplayRow } from './replay';

/** 2025-03-01T00:00:00Z: any fixed UTC midnight in the past. */
const T0 = 1740787200;
const END = T0 + MINUTES * STEP_SECONDS;
const DAY = 86400;
const WINDOW = 30 * DAY;

/**
 * Tolerance on |ours - exact|, in percentage points of the error budget. The three SLIs are on
 * counters, whose tiles are exact increases and whose budget adds the events since the last tile and
 * removes those older than T - 30d: the window is exactly (T - 30d, T], with no lag.
 */
const TOLERANCE_PP_OF_BUDGET = 0.01;

/** Instants of the comparison (seconds after T0): all within the last two days, at odd times of day. */
const INSTANTS = [
  30 * DAY + 7 * 3600 + 13 * 60 + 27,
  31 * DAY + 3 * 3600 + 41 * 60 + 9,
  31 * DAY + 15 * 3600 + 22 * 60 + 51,
  31 * DAY + 23 * 3600 + 30 * 60 + 0.5,
];

/** Replay: the rules of the replay SLOs start on this day of the counters. */
const REPLAY_RULES_FROM_DAY = 20;

/** Replay instants (seconds after T0): on day 32 and on day 21, a day after the rules started. */
const REPLAY_INSTANTS = [31 * DAY + 23 * 3600 + 30 * 60 + 0.5, 20 * DAY + 17 * 3600 + 47 * 60 + 13.25];

interface SloUnderTest {
  slo: Slo;
  groups: RuleGroup[];
  budget: number;
  budgetExpr: string;
}

function loadSlos(): SloUnderTest[] {
  return SLO_DOCUMENTS.map((doc) => {
    const slo = loadSlo(doc);
    const groups = buildRuleGroups(slo, { evaluationInterval: '30s' });
    const budgetExpr = budgetRemainingRule(slo, groups).expr;
    return { slo, groups, budget: Number(errorBudgetText(slo.objectives[0].target)), budgetExpr };
  });
}

/** The backfill stage of a roll-up record: the bad tiles read the total tiles, the windows read both. */
type RollupStage = 'raw' | 'badTiles' | 'windows';

function rollupStage(record: string): RollupStage {
  if (WINDOW_RECORDS.includes(record)) {
    return 'windows';
  }
  return record === SLO_METRICS.badEventsTile ? 'badTiles' : 'raw';
}

/** The recording rules of a roll-up group in one backfill stage. */
function rollupPart(group: RuleGroup, stage: RollupStage): RuleGroup {
  if (!group.name.endsWith('-rollup')) {
    throw new Error(`unexpected group ${group.name}`);
  }
  return { ...group, rules: group.rules.filter((r) => !isAlertingRule(r) && rollupStage(r.record) === stage) };
}

/**
 * Stage 1: the two 5m rate rules of each base group, at 60s, and the snapshots and total tiles of each
 * roll-up group. Stage 2: the bad tiles. Stage 3: the window sums and window starts of each roll-up group.
 */
function stageGroups(slos: SloUnderTest[]): { stage1: RuleGroup[]; stage2: RuleGroup[]; stage3: RuleGroup[] } {
  return {
    stage1: slos.flatMap(({ groups }) => [
      {
        name: groups[0].name,
        interval: '60s',
        rules: groups[0].rules.filter((r) => !isAlertingRule(r) && RATE_RECORDS.includes(r.record)),
      },
      rollupPart(groups[1], 'raw'),
    ]),
    stage2: slos.map(({ groups }) => rollupPart(groups[1], 'badTiles')),
    stage3: slos.map(({ groups }) => rollupPart(groups[1], 'windows')),
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
 * Backfills one stage: one rule file per group, all the promtool processes side by side (they mostly
 * wait on Prometheus and on writing blocks), then restarts Prometheus to load the blocks.
 */
async function backfillStage(
  prometheus: Prometheus,
  work: string,
  dataDir: string,
  groups: readonly RuleGroup[],
  startOf: (group: RuleGroup) => number
): Promise<{ blocks: number; promtoolSeconds: number; restartSeconds: number }> {
  const t = Date.now();
  // A relative rule file name, so that the evaluation offset of the group, which Prometheus hashes
  // from the group's name and file name, is the same on every run and in every stage.
  const jobs = groups.map((group) => ({
    file: `${group.name}.yaml`,
    groups: [group],
    start: startOf(group),
    end: END,
  }));
  const blocks = await backfillRules(prometheus.url, work, dataDir, jobs, jobs.length);
  const promtoolSeconds = (Date.now() - t) / 1000;
  const r = Date.now();
  await prometheus.stop();
  await prometheus.start();
  return { blocks, promtoolSeconds, restartSeconds: (Date.now() - r) / 1000 };
}

/** Evaluation timestamps (ms) of one SLO's recorded series: each rule group has its own offset. */
interface Offsets {
  /** slo:*:rate5m samples are at rateMs + k * 60 s. */
  rateMs: number;
  /** slo:*:tile samples are at tileMs + k * the tile's length. */
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
  return { rateMs: await last(SLO_METRICS.events, '5m'), tileMs: await last(SLO_METRICS.eventsTile, '2h') };
}

interface Row {
  key: string;
  time: number;
  onTile: boolean;
  budget: number;
  exact: number;
  /** The error ratio of our budget remaining at T: (1 - remaining) x budget. */
  ours: number;
  /** The ratio of the last window sums alone (the tiles up to the last one, no head or tail). */
  tiles: number;
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

    phase('generate counters');
    const blocks = await backfillCounters(scenario.families, T0, STEP_SECONDS, MINUTES + 1, work, dataDir, () => {});
    phase(`OpenMetrics files, one a day, and promtool create-blocks-from openmetrics (${blocks} blocks)`);

    prometheus = new Prometheus(dataDir, work, await freePort());
    await prometheus.start();
    phase('prometheus start');

    const { stage1, stage2, stage3 } = stageGroups(slos);
    // Replay: the same SLOs under another uid whose roll-up rules start on day 20 (snapshots and tiles
    // in stages 1 and 2, window sums and starts in stage 3), and under a third uid without rules.
    const replaySlos = slos.map(({ slo }) => variant(slo, 'replay'));
    const rawSlos = slos.map(({ slo }) => variant(slo, 'raw'));
    const replayRollups = replaySlos.map((slo) => rollupGroup(buildRuleGroups(slo, { evaluationInterval: '30s' })));
    const replayGroups = new Set(replayRollups.map((g) => g.name));
    const split = (stage: RollupStage) => replayRollups.map((g) => rollupPart(g, stage));
    // The budget reads only the last window sums and window starts: stage 3 covers the span of the
    // instants, from the 2h block boundary (promtool's block length) before the first one.
    const stage3Start = Math.floor((T0 + Math.min(...INSTANTS) - 1800) / 7200) * 7200;
    const replayStart = T0 + REPLAY_RULES_FROM_DAY * DAY;
    for (const [label, groups, start] of [
      [
        `stage 1: *:rate5m at 60s, snapshots and total tiles at the tile interval (replay SLOs from day ${REPLAY_RULES_FROM_DAY})`,
        [...stage1, ...split('raw')],
        T0,
      ],
      ['stage 2: bad tiles at the tile interval, from the total tiles', [...stage2, ...split('badTiles')], T0],
      [
        'stage 3: window sums and window starts at the tile interval, over the span of the instants',
        [...stage3, ...split('windows')],
        stage3Start,
      ],
    ] as const) {
      const result = await backfillStage(prometheus, work, dataDir, groups, (group) =>
        replayGroups.has(group.name) ? Math.max(start, replayStart) : start
      );
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
          `tile at ${((o.tileMs % 3_600_000) / 1000).toFixed(3)} s into each hour`
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
      `  count_over_time(tile[30d]) between tiles: ${await value(`count_over_time(${tileSel}[30d])`, T0 + INSTANTS[0])}; ` +
        `at a tile's timestamp: ${await value(`count_over_time(${tileSel}[30d])`, tileTime)}`
    );

    // The comparison. The last instant sits exactly on a tile's timestamp of the first SLO.
    const instants = [...INSTANTS.map((s) => T0 + s), tileTime];
    const rows: Row[] = [];
    for (const { slo, budget, budgetExpr } of slos) {
      const windowSel = `{slo_uid="${slo.uid}",slo_window="30d"}`;
      const tilesExpr = `last_over_time(${SLO_METRICS.badEventsWindow}${windowSel}[${TILES.hour.lookback}]) / last_over_time(${SLO_METRICS.eventsWindow}${windowSel}[${TILES.hour.lookback}])`;
      const directExpr = errorRatioExpr(slo.uid, slo.indicator.groupBy, '30d');
      const sel = `{slo_uid="${slo.uid}"}`;
      const slothExpr = `avg_over_time((${SLO_METRICS.badEvents}${sel} / ${SLO_METRICS.events}${sel})[30d:1m])`;
      for (const time of instants) {
        const [remaining, tiles, direct, sloth] = await Promise.all(
          [budgetExpr, tilesExpr, directExpr, slothExpr].map((e) => prometheus!.query(e, time))
        );
        if (remaining.length === 0) {
          throw new Error(`no budget remaining for ${slo.name} at ${iso(time)}`);
        }
        for (const sample of remaining) {
          const key = truthKeyOf(slo, sample.metric);
          const truth = truths.get(key);
          if (!truth) {
            throw new Error(`no ground truth for ${key}`);
          }
          const same = (s: { metric: Record<string, string> }) => truthKeyOf(slo, s.metric) === key;
          const e = exactEvents(truth, T0, STEP_SECONDS, time - WINDOW, time);
          rows.push({
            key,
            time,
            onTile: time === tileTime && slo.uid === first,
            budget,
            exact: e.bad / e.total,
            ours: (1 - sample.value) * budget,
            tiles: tiles.find(same)?.value ?? NaN,
            direct: direct.find(same)?.value ?? NaN,
            sloth: sloth.find(same)?.value ?? NaN,
          });
        }
      }
    }
    phase('queries and ground truth');

    const replayRows: ReplayRow[] = [];
    for (const time of REPLAY_INSTANTS.map((t) => T0 + t)) {
      replayRows.push(...(await replayAt(prometheus, [...replaySlos, ...rawSlos], time, truthKeyOf)));
    }
    const cost = await rawCost(prometheus, rawSlos, T0 + REPLAY_INSTANTS[0]);
    phase("replay: stitched and raw figures, and the raw queries' cost");
    const code = report(rows, timings);
    return Math.max(code, reportReplay(replayRows, truths, cost));
  } finally {
    await prometheus?.stop();
    if (keep) {
      console.log(`kept ${work}`);
    } else {
      rmSync(work, { recursive: true, force: true });
    }
  }
}

function report(rows: Row[], timings: Array<[string, number]>): number {
  const failures: string[] = [];
  const cell = (text: string, width: number) => text.padStart(width);
  const name = (row: Row) => row.key.padEnd(32) + ' ' + (iso(row.time) + (row.onTile ? ' *' : '')).padEnd(27);

  console.log('\nA. 30d error ratio: ours (slo:error_budget_remaining:ratio evaluated at T) vs exact');
  console.log('   exact = sum bad / sum total events of the minutes in (T - 30d, T]; ours = (1 - remaining) x budget;');
  console.log(
    `   err in points of the error budget ((ours - exact) / budget x 100) and in the SLI (parts per million);`
  );
  console.log(`   tolerance ${TOLERANCE_PP_OF_BUDGET} points everywhere.`);
  console.log(
    ''.padEnd(60) +
      [cell('exact', 10), cell('ours', 10), cell('err pp', 8), cell('SLI ppm', 8), cell('tol', 6), '  '].join(' ')
  );
  for (const row of rows) {
    const err = pp(row.ours, row.exact, row.budget);
    let status = 'ok';
    if (!(Math.abs(err) <= TOLERANCE_PP_OF_BUDGET)) {
      status = 'FAIL';
      failures.push(
        `${row.key} at ${iso(row.time)}: error ${err.toFixed(4)} pp > ${TOLERANCE_PP_OF_BUDGET.toFixed(4)} pp`
      );
    }
    console.log(
      name(row) +
        [
          cell(row.exact.toFixed(7), 10),
          cell(row.ours.toFixed(7), 10),
          cell(err.toFixed(4), 8),
          cell(((row.ours - row.exact) * 1e6).toFixed(3), 8),
          cell(TOLERANCE_PP_OF_BUDGET.toFixed(3), 6),
          ` ${status}`,
        ].join(' ')
    );
  }
  console.log('   * exactly on a tile timestamp of the roll-up group.');

  console.log('\nB. For comparison, vs exact (points of budget):');
  console.log(
    '   tiles only: the last window sums (the tiles up to the last one, no head or tail: up to a tile late).'
  );
  console.log('   5m direct: sum_over_time of the 5m rates over [30d] without tiles.');
  console.log('   Sloth: avg_over_time of the 5m ratios (a mean of ratios).');
  console.log(
    ''.padEnd(60) + [cell('tiles only', 10), cell('5m direct', 10), cell('sloth', 10), cell('sloth pp', 9)].join(' ')
  );
  for (const row of rows) {
    console.log(
      name(row) +
        [
          cell(pp(row.tiles, row.exact, row.budget).toFixed(4), 10),
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

/**
 * Replay rows against the exact counts of their window, (from, at], to 0.01 points of budget. Prints
 * the source of each figure, since when its rules record and where the window was split.
 */
function reportReplay(rows: ReplayRow[], truths: Map<string, CumulativeTruth>, cost: QueryCost): number {
  const failures: string[] = [];
  const cell = (text: string, width: number) => text.padStart(width);
  console.log('\nC. Replay: window figures from the raw counters where the rules have not recorded the whole window');
  console.log(
    `   -replay: rules from day ${REPLAY_RULES_FROM_DAY} (stitched: raw before the first tile, tiles after);`
  );
  console.log('   -raw: no rules (raw over the whole window). Error ratio vs exact, tolerance 0.01 points of budget.');
  console.log(
    ''.padEnd(60) +
      [cell('source', 9), cell('split', 21), cell('exact', 10), cell('replay', 10), cell('err pp', 8), '  '].join(' ')
  );
  const budgets = new Map(
    SLO_DOCUMENTS.map((doc) => {
      const slo = loadSlo(doc);
      return [slo.name, Number(errorBudgetText(slo.objectives[0].target))] as const;
    })
  );
  for (const row of rows) {
    const truth = truths.get(row.key);
    if (!truth) {
      throw new Error(`no ground truth for ${row.key}`);
    }
    const budget = budgets.get(row.key.replace(/\{.*$/, ''))!;
    const e = exactEvents(truth, T0, STEP_SECONDS, row.plan.from, row.plan.at);
    const exact = e.bad / e.total;
    const ours = row.bad / row.total;
    const err = pp(ours, exact, budget);
    const ok = Math.abs(err) <= TOLERANCE_PP_OF_BUDGET && Math.abs(row.total - e.total) < 0.5;
    if (!ok) {
      failures.push(
        `${row.uid} ${row.key} at ${iso(row.time)}: error ${err.toFixed(4)} pp, total ${row.total} vs ${e.total}`
      );
    }
    const name = `${row.uid} ${row.key.replace(/^[^{]*/, '')}`.padEnd(32) + ' ' + iso(row.time).padEnd(27);
    console.log(
      name +
        [
          cell(row.plan.source, 9),
          cell(row.plan.split === undefined ? '-' : iso(row.plan.split), 21),
          cell(exact.toFixed(7), 10),
          cell(ours.toFixed(7), 10),
          cell(err.toFixed(4), 8),
          ` ${ok ? 'ok' : 'FAIL'}`,
        ].join(' ')
    );
  }
  const sources = new Set(rows.map((r) => r.plan.source));
  for (const wanted of ['stitched', 'raw'] as const) {
    if (!sources.has(wanted)) {
      failures.push(`no ${wanted} figure was replayed`);
    }
  }
  const costLine = (name: string, c: Cost) =>
    `   ${name.padEnd(62)} ${String(c.queries).padStart(2)} queries ${c.seconds.toFixed(2).padStart(6)} s ` +
    `${c.samples.toLocaleString('en').padStart(12)} samples`;
  console.log(
    `   cost of the raw part of the three SLOs without rules at day 32 (best wall time of 3 runs; Prometheus 2.42\n` +
      `   counts no sample read inside a subquery, which only the tile arithmetic uses):\n` +
      [
        costLine('before: tile arithmetic over every series', cost.before),
        costLine(
          `now: ${cost.reads} counter reads + tiles of ${cost.apart} single series, ${cost.whole} whole`,
          cost.after
        ),
        costLine('    of which the counter reads', cost.countersOnly),
        costLine('Pyrra-style sum(increase(counter[30d])), one per counter', cost.pyrra),
      ].join('\n')
  );
  if (failures.length > 0) {
    console.log('REPLAY FAIL');
    for (const f of failures) {
      console.log(`  ${f}`);
    }
    return 1;
  }
  console.log('REPLAY PASS');
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exit(1);
  }
);
