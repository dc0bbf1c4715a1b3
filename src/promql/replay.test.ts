import { parseVectorSelector, findPromqlSyntaxError } from './parse';
import {
  atTime,
  batchReplayExprs,
  dataADayAgoExpr,
  exactSpanIncreaseExpr,
  rawErrorRatioExpr,
  rawStepEventsExprs,
  replayEventsExprs,
  rawEventsExprs,
  type ReplaySlo,
} from './replay';
import { TILES } from './slo';

const RATIO: ReplaySlo = {
  uid: 'web',
  indicator: { type: 'ratio', total: 'req_total{job="web"}', bad: 'req_total{job="web",code="500"}', groupBy: [] },
  evaluationInterval: '30s',
};

describe('replay expressions', () => {
  it('pins instants to the millisecond', () => {
    expect(atTime(1767226834.5)).toBe('@ 1767226834.5');
    expect(atTime(1767226834.12345)).toBe('@ 1767226834.123');
  });

  it('counts a span of a counter exactly, as a tile, at two pinned instants', () => {
    expect(exactSpanIncreaseExpr(parseVectorSelector('req_total{job="web"}'), { from: 1000, to: 1600.5 })).toBe(
      '(req_total{job="web"} @ 1600.5 - req_total{job="web"} @ 1000 >= 0 unless resets(req_total{job="web"}[10m500ms] @ 1600.5) > 0)' +
        ' or (max_over_time(req_total{job="web"}[10m500ms] @ 1600.5) - req_total{job="web"} @ 1000 + req_total{job="web"} @ 1600.5' +
        ' and resets(req_total{job="web"}[10m500ms] @ 1600.5) == 1 and max_over_time(req_total{job="web"}[10m500ms] @ 1600.5) > req_total{job="web"} @ 1600.5)' +
        ' or increase(req_total{job="web"}[10m500ms] @ 1600.5)'
    );
  });

  it('sums whole steps with the tile arithmetic in a subquery whose steps are exactly the planned ones', () => {
    const raw = rawEventsExprs(RATIO, { edges: [], steps: { first: 7200, last: 18000, stepSeconds: 3600 } })!;
    // Steps 7200..18000: the range reaches 1 ms short of 3600, the step before the first.
    expect(raw.total).toBe(
      'sum(label_replace(sum_over_time(((req_total{job="web"} - req_total{job="web"} offset 1h' +
        ' + (max_over_time(req_total{job="web"}[1h]) > req_total{job="web"} and resets(req_total{job="web"}[1h]) == 1' +
        ' or resets(req_total{job="web"}[1h]) == 0) >= 0)' +
        ' or increase(req_total{job="web"}[1h]))[3h59m59s999ms:1h] @ 18000), "slo_part", "rs", "", ""))'
    );
  });

  it('reads only the series it is given of each counter, none where the list is empty', () => {
    const edge = (c: string) =>
      `(${c} @ 700 - ${c} @ 100 >= 0 unless resets(${c}[10m] @ 700) > 0)` +
      ` or (max_over_time(${c}[10m] @ 700) - ${c} @ 100 + ${c} @ 700 and resets(${c}[10m] @ 700) == 1 and max_over_time(${c}[10m] @ 700) > ${c} @ 700)` +
      ` or increase(${c}[10m] @ 700)`;
    const a = 'req_total{job="web",instance="a"}';
    const b = 'req_total{job="web",instance="b"}';
    const raw = rawEventsExprs(
      RATIO,
      { edges: [{ from: 100, to: 700 }] },
      { total: [parseVectorSelector(a), parseVectorSelector(b)], bad: [] }
    )!;
    expect(raw.total).toBe(
      `sum(label_replace(${edge(a)}, "slo_part", "re0", "", "") or label_replace(${edge(b)}, "slo_part", "re0", "", ""))`
    );
    expect(raw.bad).toBeUndefined();
    // A good-based SLI: the caller clamps the bad events once it has added the series it counted itself.
    const good: ReplaySlo = {
      ...RATIO,
      indicator: { type: 'ratio', total: 'req_total', good: 'req_total{code="200"}', groupBy: [] },
    };
    const exprs = replayEventsExprs({
      slo: good,
      window: '30d',
      raw: { edges: [{ from: 100, to: 700 }] },
      rawSelectors: { total: [], good: [parseVectorSelector(a)] },
    })!;
    expect(exprs.total).toBeUndefined();
    expect(exprs.bad).toBe(
      `sum(label_replace(sum(label_replace(-(${edge(a)}), "slo_part", "ge0", "", "")), "slo_part", "r", "", ""))`
    );
  });

  it('stitches the raw part, the tiles after the split and the head since the last tile', () => {
    const exprs = replayEventsExprs({
      slo: RATIO,
      window: '30d',
      raw: { edges: [{ from: 100, to: 700 }] },
      recorded: { split: 700, at: 4000, tile: TILES.hour },
    })!;
    const edge = (c: string) =>
      `(${c} @ 700 - ${c} @ 100 >= 0 unless resets(${c}[10m] @ 700) > 0)` +
      ` or (max_over_time(${c}[10m] @ 700) - ${c} @ 100 + ${c} @ 700 and resets(${c}[10m] @ 700) == 1 and max_over_time(${c}[10m] @ 700) > ${c} @ 700)` +
      ` or increase(${c}[10m] @ 700)`;
    const total = 'req_total{job="web"}';
    const rawTotal = `sum(label_replace(${edge(total)}, "slo_part", "re0", "", ""))`;
    expect(exprs.total).toBe(
      `sum(label_replace(${rawTotal}, "slo_part", "r", "", "")` +
        ` or label_replace(sum(sum_over_time(slo:events:tile{slo_uid="web"}[54m59s999ms] @ 4000)), "slo_part", "w", "", "")` +
        ` or label_replace(sum((${total} @ 4000 - ignoring (slo_uid) last_over_time(slo:total_counter:snapshot{slo_uid="web"}[90m] @ 4000) >= 0)` +
        ` or (${total} @ 4000 < ignoring (slo_uid) last_over_time(slo:total_counter:snapshot{slo_uid="web"}[90m] @ 4000))), "slo_part", "h", "", ""))`
    );
    expect(findPromqlSyntaxError(exprs.total!)).toBeUndefined();
    expect(findPromqlSyntaxError(exprs.bad!)).toBeUndefined();
  });

  it('counts the bad events of a good-based SLI as total - good in one sum, each counter read once', () => {
    const good: ReplaySlo = {
      ...RATIO,
      indicator: { type: 'ratio', total: 'req_total', good: 'req_total{code="200"}', groupBy: ['cluster'] },
    };
    const edge = (c: string) =>
      `(${c} @ 700 - ${c} @ 100 >= 0 unless resets(${c}[10m] @ 700) > 0)` +
      ` or (max_over_time(${c}[10m] @ 700) - ${c} @ 100 + ${c} @ 700 and resets(${c}[10m] @ 700) == 1 and max_over_time(${c}[10m] @ 700) > ${c} @ 700)` +
      ` or increase(${c}[10m] @ 700)`;
    expect(rawEventsExprs(good, { edges: [{ from: 100, to: 700 }] })!.bad).toBe(
      `sum by (cluster) (label_replace(${edge('req_total')}, "slo_part", "te0", "", "")` +
        ` or label_replace(-(${edge('req_total{code="200"}')}), "slo_part", "ge0", "", ""))`
    );
  });

  it('reads an SLI known by its rates at a 5m step, as events', () => {
    const native: ReplaySlo = {
      uid: 'n',
      indicator: { type: 'latency', histogram: 'h{job="a"}', threshold: '0.3', native: true, groupBy: ['cluster'] },
      evaluationInterval: '30s',
    };
    const raw = rawEventsExprs(native, { edges: [], steps: { first: 600, last: 900, stepSeconds: 300 } })!;
    expect(raw.total).toBe(
      'sum by (cluster) (sum_over_time((sum by (cluster) (histogram_count(rate(h{job="a"}[5m]))))[9m59s999ms:5m] @ 900)) * 300'
    );
  });

  it('labels each objective in one union per metric', () => {
    const exprs = batchReplayExprs([
      { slo: RATIO, window: '30d', raw: { edges: [{ from: 100, to: 700 }] } },
      { slo: { ...RATIO, uid: 'b' }, window: '7d', raw: { edges: [] } },
    ])!;
    expect(exprs.total.startsWith('label_replace(label_replace(sum(label_replace(')).toBe(true);
    expect(exprs.total.endsWith(', "slo_uid", "web", "", ""), "slo_window", "30d", "", "")')).toBe(true);
    expect(batchReplayExprs([{ slo: RATIO, window: '30d', raw: { edges: [] } }])).toBeUndefined();
  });
});

describe('data a day ago', () => {
  it('asks for the raw total of a short span a day back, per SLO, in one query', () => {
    expect(dataADayAgoExpr([RATIO], 86400 + 1200)).toBe(
      'label_replace(sum(sum(label_replace((req_total{job="web"} @ 1200 - req_total{job="web"} @ 600 >= 0 unless resets(req_total{job="web"}[10m] @ 1200) > 0)' +
        ' or (max_over_time(req_total{job="web"}[10m] @ 1200) - req_total{job="web"} @ 600 + req_total{job="web"} @ 1200' +
        ' and resets(req_total{job="web"}[10m] @ 1200) == 1 and max_over_time(req_total{job="web"}[10m] @ 1200) > req_total{job="web"} @ 1200)' +
        ' or increase(req_total{job="web"}[10m] @ 1200), "slo_part", "re0", "", ""))) > 0, "slo_uid", "web", "", "")'
    );
    expect(dataADayAgoExpr([], 0)).toBeUndefined();
  });
});

describe('raw error ratio over a range', () => {
  it('reads the 5m rates at the 5 minute step, summed over the groups, labelled with the SLO', () => {
    expect(rawErrorRatioExpr([RATIO], 300)).toBe(
      'label_replace(sum((sum(rate(req_total{job="web",code="500"}[5m])) or on () (0 * sum(rate(req_total{job="web"}[5m]))))' +
        ' and on () (sum(rate(req_total{job="web"}[5m])) > 0)) / (sum(sum(rate(req_total{job="web"}[5m]))) > 0), "slo_uid", "web", "", "")'
    );
  });

  it('sums the 5m rates over a longer step, its start left out, and joins the SLOs in one query', () => {
    const expr = rawErrorRatioExpr([RATIO, { ...RATIO, uid: 'api' }], 600)!;
    expect(expr.split(' or label_replace(')).toHaveLength(2);
    expect(
      expr.startsWith(
        'label_replace(sum(sum_over_time(((sum(rate(req_total{job="web",code="500"}[5m])) or on () (0 * sum(rate(req_total{job="web"}[5m]))))' +
          ' and on () (sum(rate(req_total{job="web"}[5m])) > 0))[9m59s999ms:5m])) / (sum(sum_over_time((sum(rate(req_total{job="web"}[5m])))[9m59s999ms:5m])) > 0), "slo_uid", "web", "", "")'
      )
    ).toBe(true);
    expect(expr.endsWith('"slo_uid", "api", "", "")')).toBe(true);
    expect(rawErrorRatioExpr([], 300)).toBeUndefined();
  });

  it('counts time slices as the share of bad slices of each step', () => {
    const expr = rawErrorRatioExpr(
      [{ ...RATIO, timeSlices: { window: '1m', windowSeconds: 60, target: '0.99' } }],
      300
    )!;
    expect(expr.startsWith('label_replace(sum(count_over_time(')).toBe(true);
    expect(expr).toContain('<= bool 0.01)[4m59s999ms:1m]) - sum_over_time(');
    expect(findPromqlSyntaxError(expr)).toBeUndefined();
  });
});

describe('raw events of each step of a range query', () => {
  it('sums the 5m rates over the step, its start left out, times 300 s, labelled with the SLO', () => {
    const exprs = rawStepEventsExprs([RATIO, { ...RATIO, uid: 'api' }], 43200)!;
    expect(exprs.total).toBe(
      'label_replace(sum(sum_over_time((sum(rate(req_total{job="web"}[5m])))[11h59m59s999ms:5m])) * 300, "slo_uid", "web", "", "")' +
        ' or label_replace(sum(sum_over_time((sum(rate(req_total{job="web"}[5m])))[11h59m59s999ms:5m])) * 300, "slo_uid", "api", "", "")'
    );
    expect(
      exprs.bad.startsWith(
        'label_replace(sum(sum_over_time(((sum(rate(req_total{job="web",code="500"}[5m])) or on () (0 * sum(rate(req_total{job="web"}[5m]))))' +
          ' and on () (sum(rate(req_total{job="web"}[5m])) > 0))[11h59m59s999ms:5m])) * 300, "slo_uid", "web", "", "")'
      )
    ).toBe(true);
    expect(rawStepEventsExprs([], 300)).toBeUndefined();
  });

  it('counts the slices of the step for a time-slice SLO', () => {
    const exprs = rawStepEventsExprs(
      [{ ...RATIO, timeSlices: { window: '1m', windowSeconds: 60, target: '0.99' } }],
      3600
    )!;
    expect(exprs.total.startsWith('label_replace(sum(count_over_time(')).toBe(true);
    expect(exprs.total.endsWith('<= bool 0.01)[59m59s999ms:1m])), "slo_uid", "web", "", "")')).toBe(true);
    expect(exprs.bad).toContain('<= bool 0.01)[59m59s999ms:1m]) - sum_over_time(');
    expect(findPromqlSyntaxError(exprs.bad)).toBeUndefined();
  });
});
