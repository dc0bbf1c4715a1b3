import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { parseNativeDocument } from '../formats/native';
import { findPromqlSyntaxError } from '../promql/parse';
import { firstSourceDataExpr, sourceDataLongAgoExpr } from '../promql/replay';
import { makeMaintenanceWindow, makeSlo } from '../testing/fixtures';
import {
  combineReplay,
  firstTilesQuery,
  periodStart,
  planReplay,
  rawPlan,
  readReplay,
  REPLAY_BAD_REF,
  REPLAY_TOTAL_REF,
  replayedBudgetRemaining,
  replayQueries,
  spansOutsideMaintenance,
  windowStart,
  type ReplayRunner,
} from './replay';
import type { LabelledValue } from './serviceReadings';

/** 2026-01-01T00:20:34.5Z */
const AT = 1767226834.5;
const FROM = AT - 30 * 86400;
const slo = makeSlo();
const EXAMPLES = path.join(__dirname, '..', '..', 'examples');

describe('calendar windows', () => {
  it('start on the first of the month and on Monday, UTC', () => {
    expect(periodStart('month', Date.parse('2026-03-17T12:00:00Z') / 1000)).toBe(
      Date.parse('2026-03-01T00:00:00Z') / 1000
    );
    // 2026-03-17 is a Tuesday.
    expect(periodStart('week', Date.parse('2026-03-17T12:00:00Z') / 1000)).toBe(
      Date.parse('2026-03-16T00:00:00Z') / 1000
    );
    expect(periodStart('week', Date.parse('2026-03-16T00:00:00Z') / 1000)).toBe(
      Date.parse('2026-03-16T00:00:00Z') / 1000
    );
    expect(windowStart({ kind: 'rolling', duration: '30d', seconds: 2592000 }, AT)).toBe(FROM);
  });
});

describe('raw plan', () => {
  it('cuts a counter window into hour steps and two exact edges', () => {
    expect(rawPlan(slo, FROM, AT)).toEqual({
      edges: [
        { from: 1764634834.5, to: 1764637200 },
        { from: 1767225600, to: AT },
      ],
      steps: { first: 1764640800, last: 1767225600, stepSeconds: 3600 },
    });
  });

  it('counts a span shorter than two steps as one edge', () => {
    expect(rawPlan(slo, 1764634834.5, 1764635600.25)).toEqual({ edges: [{ from: 1764634834.5, to: 1764635600.25 }] });
  });

  it('takes 5m steps ending in the span for an SLI known by its rates', () => {
    const native = makeSlo({
      indicator: { type: 'latency', histogram: 'h{job="a"}', threshold: '0.3', native: true, groupBy: [] },
    });
    expect(rawPlan(native, 1000.5, 2000)).toEqual({ edges: [], steps: { first: 1200, last: 1800, stepSeconds: 300 } });
  });

  it('leaves maintenance windows out of the edges, and steps at 10 minutes as the tiles', () => {
    const window = makeMaintenanceWindow('2026-01-01T00:05:00Z', '2026-01-01T00:10:00Z');
    const withWindow = makeSlo({ maintenance: [window] });
    expect(spansOutsideMaintenance({ from: 1767225600, to: AT }, withWindow)).toEqual([
      { from: 1767225600, to: 1767225900 },
      { from: 1767226200, to: AT },
    ]);
    expect(rawPlan(withWindow, 1767222000, AT).steps).toEqual({
      first: 1767222600,
      last: 1767226800,
      stepSeconds: 600,
    });
  });
});

describe('planReplay', () => {
  it('reads recorded figures where the tiles reach a window and a tile back', () => {
    const [plan] = planReplay([slo], AT, new Map([[slo.uid, FROM - 3600]]));
    expect(plan).toEqual({
      sloUid: slo.uid,
      window: '30d',
      source: 'recorded',
      recordedSince: FROM - 3600,
      from: FROM,
      at: AT,
    });
  });

  it('stitches after the first tile when the rules started within the window', () => {
    const first = 1766800123.456;
    const [plan] = planReplay([slo], AT, new Map([[slo.uid, first]]));
    expect(plan.source).toBe('stitched');
    expect(plan.split).toBe(first);
    expect(plan.query?.raw.steps).toEqual({ first: 1764640800, last: 1766797200, stepSeconds: 3600 });
    expect(plan.query?.raw.edges).toEqual([
      { from: FROM, to: 1764637200 },
      { from: 1766797200, to: first },
    ]);
    expect(plan.query?.recorded).toEqual({
      split: first,
      at: AT,
      tile: { interval: '1h', seconds: 3600, lookback: '90m' },
    });
  });

  it('splits at the first tile past the window start when the tiles began less than a tile before it', () => {
    const [plan] = planReplay([slo], AT, new Map([[slo.uid, 1764632000.25]]));
    expect(plan.source).toBe('stitched');
    // 1764632000.25 + 3600: the tile before it holds events before the window's start.
    expect(plan.split).toBe(1764635600.25);
    expect(plan.query?.raw).toEqual({ edges: [{ from: FROM, to: 1764635600.25 }] });
  });

  it('reads raw data over the whole window without tiles', () => {
    const [plan] = planReplay([slo], AT, new Map());
    expect(plan.source).toBe('raw');
    expect(plan.recordedSince).toBeUndefined();
    expect(plan.query?.recorded).toBeUndefined();
  });
});

describe('combineReplay', () => {
  const plans = planReplay([slo, makeSlo({ uid: 'b' })], AT, new Map([['b', FROM - 7200]]));

  it('sums the groups of each objective and leaves recorded objectives to the recorded series', () => {
    const labels = (group: string) => ({ slo_uid: slo.uid, slo_window: '30d', cluster: group });
    const figures = combineReplay(
      plans,
      [
        { labels: labels('eu'), value: 9000 },
        { labels: labels('us'), value: 1000 },
      ],
      [{ labels: labels('us'), value: 5 }]
    );
    expect([...figures.keys()]).toEqual([`${slo.uid}\u000030d`]);
    const figure = figures.get(`${slo.uid}\u000030d`)!;
    expect(figure).toEqual({ sloUid: slo.uid, window: '30d', source: 'raw', events: 10000, badEvents: 5 });
    // 5 bad of 10,000 is half of a 0.1% budget.
    expect(replayedBudgetRemaining(figure, '0.999')).toBeCloseTo(0.5, 12);
  });

  it('has no events for a window without traffic', () => {
    const figure = combineReplay(plans, [], []).get(`${slo.uid}\u000030d`)!;
    expect(figure.events).toBeUndefined();
    expect(replayedBudgetRemaining(figure, '0.999')).toBeUndefined();
  });
});

describe('readReplay', () => {
  it('asks for the first tiles, then reads the counters once, then only the series they cannot count', async () => {
    const asked: string[][] = [];
    let replayTotal = '';
    const run: ReplayRunner = async (queries) => {
      asked.push(queries.map((q) => q.refId));
      if (queries[0].refId === 'REPLAY_TILES_LONG_AGO') {
        return {};
      }
      if (queries[0].refId === 'REPLAY_FIRST_TILES') {
        const firstTiles: Record<string, LabelledValue[]> = {
          REPLAY_FIRST_TILES: [{ labels: { slo_uid: 'b' }, value: FROM - 7200 }],
        };
        return firstTiles;
      }
      if (queries[0].refId === 'REPLAY_COUNTERS_0') {
        // Parts: resets; the total (0) and the bad selector (1) at FROM (0) and AT (1).
        const part = (labels: Record<string, string>, read: string, value: number) => ({
          labels: { ...labels, slo_replay_read: read },
          value,
        });
        const ok = { job: 'checkout', instance: 'a', code: '200' };
        const failed = { job: 'checkout', instance: 'a', code: '500' };
        const reset = { job: 'checkout', instance: 'b', code: '200' };
        return {
          REPLAY_COUNTERS_0: [
            part(ok, 'resets', 0),
            part(ok, '0@0', 1000),
            part(ok, '0@1', 1200),
            part(failed, 'resets', 0),
            part(failed, '0@0', 10),
            part(failed, '0@1', 11),
            part(failed, '1@0', 10),
            part(failed, '1@1', 11),
            part(reset, 'resets', 1),
            part(reset, '0@0', 50),
            part(reset, '0@1', 20),
          ],
        };
      }
      replayTotal = queries[0].expr;
      const answers: Record<string, LabelledValue[]> = {
        [REPLAY_TOTAL_REF]: [{ labels: { slo_uid: slo.uid, slo_window: '30d' }, value: 200 }],
        [REPLAY_BAD_REF]: [{ labels: { slo_uid: slo.uid, slo_window: '30d' }, value: 1 }],
      };
      return Object.fromEntries(queries.map((q) => [q.refId, answers[q.refId] ?? []]));
    };
    const replay = await readReplay([slo, makeSlo({ uid: 'b' })], AT, run);
    expect(asked).toEqual([
      ['REPLAY_TILES_LONG_AGO'],
      ['REPLAY_FIRST_TILES'],
      ['REPLAY_COUNTERS_0'],
      // Only the total counter has a series the counts cannot take (the reset, a good request): no bad read.
      [REPLAY_TOTAL_REF],
    ]);
    expect(replay.plans.map((p) => p.source)).toEqual(['raw', 'recorded']);
    // The series with a reset alone is read with the tile arithmetic; the others count 200 + 1, and 1 bad.
    expect(replayTotal).toContain('http_requests_total{job="checkout",code="200",instance="b"}');
    expect(replayTotal).not.toContain('instance="a"');
    expect(replay.figures.get(`${slo.uid}\u000030d`)).toMatchObject({ events: 401, badEvents: 1 });
  });

  it('asks nothing more when every objective is recorded', async () => {
    const run: ReplayRunner = async (queries): Promise<Record<string, LabelledValue[]>> =>
      queries[0].refId === 'REPLAY_TILES_LONG_AGO'
        ? {}
        : { REPLAY_FIRST_TILES: [{ labels: { slo_uid: slo.uid }, value: 0 }] };
    const replay = await readReplay([slo], AT, run);
    expect(replay.figures.size).toBe(0);
    expect(replayQueries(replay.plans)).toEqual([]);
  });

  it('does not search for the first tile of SLOs that recorded a window back, a cheap read says which', async () => {
    const asked: string[] = [];
    const run: ReplayRunner = async (queries) => {
      asked.push(...queries.map((q) => q.expr));
      return { REPLAY_TILES_LONG_AGO: [{ labels: { slo_uid: slo.uid }, value: 1 }] };
    };
    const replay = await readReplay([slo], AT, run);
    expect(asked).toEqual([
      'count by (slo_uid) (last_over_time(slo:events:tile{slo_uid=~"checkout-availability"}[90m] @ 1764627634.5))',
    ]);
    expect(replay.plans.map((p) => p.source)).toEqual(['recorded']);
    expect(replay.figures.size).toBe(0);
  });

  it('reads the whole window from raw data, asking nothing about tiles, when told the recording has a gap', async () => {
    const asked: string[][] = [];
    const run: ReplayRunner = async (queries): Promise<Record<string, LabelledValue[]>> => {
      asked.push(queries.map((q) => q.refId));
      const reset = { job: 'checkout', instance: 'b', code: '500' };
      return queries[0].refId === 'REPLAY_COUNTERS_0'
        ? { REPLAY_COUNTERS_0: [{ labels: { ...reset, slo_replay_read: 'resets' }, value: 2 }] }
        : {
            [REPLAY_TOTAL_REF]: [{ labels: { slo_uid: slo.uid, slo_window: '30d' }, value: 400 }],
            [REPLAY_BAD_REF]: [{ labels: { slo_uid: slo.uid, slo_window: '30d' }, value: 2 }],
          };
    };
    const replay = await readReplay([slo], AT, run, { rawOnly: true });
    expect(asked).toEqual([['REPLAY_COUNTERS_0'], [REPLAY_TOTAL_REF, REPLAY_BAD_REF]]);
    expect(replay.plans.map((p) => p.source)).toEqual(['raw']);
    expect(replay.figures.get(`${slo.uid}\u000030d`)?.badEvents).toBe(2);
  });

  /** The requests of a replay of time-slice SLOs without rules: tiles, source data, then the slices. */
  const SLICE_REQUESTS = [
    'REPLAY_TILES_LONG_AGO',
    'REPLAY_FIRST_TILES',
    'REPLAY_SOURCE_LONG_AGO',
    'REPLAY_FIRST_SOURCE_DATA',
    REPLAY_TOTAL_REF,
    REPLAY_BAD_REF,
  ];

  it('replays the slices of a time-slice SLO from its first source data, not over a month of empty slices', async () => {
    const slices = makeSlo({ uid: 'slices', timeSlices: { window: '1m', windowSeconds: 60, target: '0.95' } });
    const asked: Array<{ refId: string; expr: string }> = [];
    const firstData = AT - 7200;
    const run: ReplayRunner = async (queries): Promise<Record<string, LabelledValue[]>> => {
      asked.push(...queries);
      switch (queries[0].refId) {
        case 'REPLAY_FIRST_SOURCE_DATA':
          return { REPLAY_FIRST_SOURCE_DATA: [{ labels: { slo_uid: 'slices' }, value: firstData }] };
        case REPLAY_TOTAL_REF:
          return {
            [REPLAY_TOTAL_REF]: [{ labels: { slo_uid: 'slices', slo_window: '30d' }, value: 120 }],
            [REPLAY_BAD_REF]: [{ labels: { slo_uid: 'slices', slo_window: '30d' }, value: 6 }],
          };
        default:
          return {};
      }
    };
    const replay = await readReplay([slices], AT, run);
    expect(asked.map((q) => q.refId)).toEqual(SLICE_REQUESTS);
    // Data a month back: one step of the total events' source at the window's start.
    expect(asked[2].expr).toBe(
      'label_replace(count_over_time(count(http_requests_total{job="checkout"})[5m:5m] @ 1764634834.5), "slo_uid", "slices", "", "")'
    );
    expect(asked[3].expr).toBe(
      'label_replace(min_over_time(timestamp(count(http_requests_total{job="checkout"}))[30d:5m] @ 1767226834.5), "slo_uid", "slices", "", "")'
    );
    // The slices from the step before the first that saw data (2h5m before AT, on the minute) to AT.
    expect(replay.plans[0].query?.raw.steps).toEqual({
      first: Math.floor((firstData - 300) / 60) * 60 + 60,
      last: Math.floor(AT / 60) * 60,
      stepSeconds: 60,
    });
    expect(asked[4].expr).toContain('[2h4m59s999ms:1m] @ 1767226800');
    expect(replay.figures.get('slices\u000030d')).toMatchObject({ events: 120, badEvents: 6 });
  });

  it('does not search for the source data of slices that had data a window back, nor replay those without any', async () => {
    const slices = (uid: string) => makeSlo({ uid, timeSlices: { window: '1m', windowSeconds: 60, target: '0.95' } });
    const asked: string[] = [];
    const run: ReplayRunner = async (queries): Promise<Record<string, LabelledValue[]>> => {
      asked.push(...queries.map((q) => q.refId));
      if (queries[0].refId === 'REPLAY_SOURCE_LONG_AGO') {
        return { REPLAY_SOURCE_LONG_AGO: [{ labels: { slo_uid: 'old' }, value: 1 }] };
      }
      return queries[0].refId === REPLAY_TOTAL_REF ? { [REPLAY_TOTAL_REF]: [], [REPLAY_BAD_REF]: [] } : {};
    };
    const replay = await readReplay([slices('old'), slices('none')], AT, run);
    expect(asked).toEqual(SLICE_REQUESTS);
    expect(replay.plans.map((p) => p.query?.raw.steps?.first)).toEqual([Math.floor(FROM / 60) * 60 + 60, undefined]);
    expect(replayQueries([replay.plans[1]])).toEqual([]);
  });

  it('looks for first tiles over the longest window and two hours', () => {
    expect(firstTilesQuery([slo], AT)?.expr).toBe(
      'min by (slo_uid) (min_over_time(timestamp(slo:events:tile{slo_uid=~"checkout-availability"})[30d2h:5m] @ 1767226834.5))'
    );
  });
});

describe('every kind of SLI', () => {
  const examples = readdirSync(EXAMPLES)
    .filter((file) => file.endsWith('.yaml'))
    .sort()
    .map(
      (file) => [file, parseNativeDocument(YAML.parse(readFileSync(path.join(EXAMPLES, file), 'utf8'))).slo!] as const
    );

  it.each(examples)('%s: raw and stitched queries are valid PromQL', (_, example) => {
    for (const first of [undefined, AT - 1800.25]) {
      const plans = planReplay([example], AT, new Map(first === undefined ? [] : [[example.uid, first]]));
      expect(plans.map((p) => p.source)).toEqual(
        example.objectives.map(() => (first === undefined ? 'raw' : 'stitched'))
      );
      const queries = replayQueries(plans);
      // One query of each, or a few where an objective's expressions are large (promql/batches.ts).
      const refIds = queries.map((q) => q.refId.replace(/#\d+$/, ''));
      expect([...new Set(refIds)]).toEqual([REPLAY_TOTAL_REF, REPLAY_BAD_REF]);
      for (const { expr } of queries) {
        expect(findPromqlSyntaxError(expr)).toBeUndefined();
      }
    }
    for (const expr of [sourceDataLongAgoExpr(example, 30 * 86400, AT), firstSourceDataExpr(example, 30 * 86400, AT)]) {
      expect(findPromqlSyntaxError(expr)).toBeUndefined();
    }
  });
});
