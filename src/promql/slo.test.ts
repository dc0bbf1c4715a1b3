import type { SloWindow } from '../slo/types';
import { findPromqlSyntaxError, parseVectorSelector, type VectorSelector } from './parse';
import {
  counterBadTileExpr,
  counterTileIncreaseExpr,
  exactBudgetRemainingExpr,
  headEventsExpr,
  lastWindowSumExpr,
  rateTileExpr,
  tailEventsExpr,
  tileBudgetRemainingExpr,
  windowStartExpr,
  windowSumExpr,
  withCurrentSlot,
  tileFor,
  TILES,
} from './slo';

const TEN = TILES.tenMinutes;
const HOUR = TILES.hour;

const DAYS_30: SloWindow & { kind: 'rolling' } = { kind: 'rolling', duration: '30d', seconds: 2592000 };
const MONTH: SloWindow = { kind: 'calendar', unit: 'month' };

describe('exact tiles of counters', () => {
  it('differences the counter with its value a tile ago; one reset from the maximum; increase() otherwise', () => {
    expect(counterTileIncreaseExpr(parseVectorSelector('req_total{code="500"}'), TEN)).toBe(
      '(req_total{code="500"} - req_total{code="500"} offset 10m' +
        ' + (max_over_time(req_total{code="500"}[10m]) > req_total{code="500"} and resets(req_total{code="500"}[10m]) == 1' +
        ' or resets(req_total{code="500"}[10m]) == 0) >= 0)' +
        ' or increase(req_total{code="500"}[10m])'
    );
  });

  it("keeps the selector's own offset", () => {
    expect(counterTileIncreaseExpr(parseVectorSelector('req_total offset 1m'), TEN)).toBe(
      '(req_total offset 1m - req_total offset 11m' +
        ' + (max_over_time(req_total[10m] offset 1m) > req_total offset 1m and resets(req_total[10m] offset 1m) == 1' +
        ' or resets(req_total[10m] offset 1m) == 0) >= 0)' +
        ' or increase(req_total[10m] offset 1m)'
    );
  });

  it('spans the length of the tile', () => {
    expect(counterTileIncreaseExpr(parseVectorSelector('req_total'), HOUR)).toBe(
      '(req_total - req_total offset 1h + (max_over_time(req_total[1h]) > req_total and resets(req_total[1h]) == 1' +
        ' or resets(req_total[1h]) == 0) >= 0)' +
        ' or increase(req_total[1h])'
    );
    expect(rateTileExpr('slo:events:rate5m', 'a', [], 60, HOUR)).toBe(
      'sum(sum_over_time(slo:events:rate5m{slo_uid="a"}[59m59s999ms])) * 60'
    );
  });

  it('bad tiles of counters read the total tile the same evaluation recorded, not its expression again', () => {
    const increase = (c: VectorSelector) => `inc(${c.metric})`;
    const bad = counterBadTileExpr(
      { total: parseVectorSelector('req_total'), bad: parseVectorSelector('err_total') },
      [],
      'a',
      increase
    );
    expect(bad).toBe(
      '(sum(inc(err_total)) or on () 0 * slo:events:tile{slo_uid="a"}) and on () slo:events:tile{slo_uid="a"}'
    );
    const good = counterBadTileExpr(
      { total: parseVectorSelector('req_total'), good: parseVectorSelector('ok_total') },
      ['route'],
      'a',
      increase
    );
    expect(good).toBe(
      'clamp_min(slo:events:tile{slo_uid="a"} - on (route) (sum by (route) (inc(ok_total))' +
        ' or on (route) 0 * slo:events:tile{slo_uid="a"}), 0)'
    );
  });

  it('tiles of rate-based SLIs are events: rate samples x the evaluation interval', () => {
    expect(rateTileExpr('slo:events:rate5m', 'a', ['route'], 30, TEN)).toBe(
      'sum by (route) (sum_over_time(slo:events:rate5m{slo_uid="a"}[9m59s999ms])) * 30'
    );
  });
});

describe('tile length', () => {
  it('takes hour tiles for counters over rolling windows, 10 minutes for rates or a calendar window', () => {
    expect(tileFor(true, [DAYS_30])).toBe(HOUR);
    expect(tileFor(true, [DAYS_30, MONTH])).toBe(TEN);
    expect(tileFor(false, [DAYS_30])).toBe(TEN);
  });

  it('looks back a tile and a half for the last roll-up', () => {
    const counter = parseVectorSelector('req_total');
    expect(headEventsExpr(counter, 'total', 'a', [], HOUR)).toContain(
      'last_over_time(slo:total_counter:snapshot{slo_uid="a"}[90m])'
    );
    expect(windowStartExpr('total', 'a', DAYS_30, HOUR)).toBe(
      'last_over_time(slo:total_counter:snapshot{slo_uid="a"}[1h] offset 30d)'
    );
  });
});

describe('window sums', () => {
  it('records one sum for a rolling window', () => {
    expect(windowSumExpr('slo:events:tile', 'a', [], DAYS_30)).toBe(
      'sum(sum_over_time(slo:events:tile{slo_uid="a"}[29d23h59m59s999ms]))'
    );
  });

  it('records one sum for a calendar window: the tiles by slot, the current slot kept, labelled with it', () => {
    expect(windowSumExpr('slo:events:tile', 'a', ['route'], { kind: 'calendar', unit: 'week' })).toBe(
      '(sum by (slo_period_slot, route) (sum_over_time(slo:events:tile{slo_uid="a",slo_period_slot!=""}[7d])))' +
        ' and on (slo_period_slot) count_values("slo_period_slot", floor(vector((time() / 86400 + 3) / 7)) % 2)'
    );
  });

  it('labels a tile with the current slot, exactly (times 1)', () => {
    expect(withCurrentSlot('sum(x) > 0', 'month')).toBe(
      '(sum(x) > 0) * on () group_left (slo_period_slot) count_values("slo_period_slot", month() % 3)'
    );
  });

  it('reads the last sum, of the current calendar period only, preferring sums without the slo label', () => {
    const last = (matchers: string, on = 'slo_uid, slo_window') =>
      `last_over_time(slo:events:window{${matchers},slo=""}[15m])` +
      ` or on (${on}) last_over_time(slo:events:window{${matchers}}[15m])`;
    expect(lastWindowSumExpr('slo:events:window', 'a', [], DAYS_30, TEN)).toBe(
      `sum(${last('slo_uid="a",slo_window="30d"')})`
    );
    expect(lastWindowSumExpr('slo:events:window', 'a', ['route'], MONTH, TEN)).toBe(
      'sum by (route) (' +
        `(${last('slo_uid="a",slo_window="month",slo_period_slot!=""', 'slo_uid, slo_window, slo_period_slot')})` +
        ' and on (slo_period_slot) count_values("slo_period_slot", month() % 3))'
    );
  });
});

describe('head and tail of a window', () => {
  const counter = parseVectorSelector('req_total{job="api"}');

  it('head: events since the snapshot of the last tile; a reset counts from the new value', () => {
    expect(headEventsExpr(counter, 'total', 'a', ['route'], TEN)).toBe(
      'sum by (route) (' +
        '(req_total{job="api"} - ignoring (slo_uid) last_over_time(slo:total_counter:snapshot{slo_uid="a"}[15m]) >= 0)' +
        ' or (req_total{job="api"} < ignoring (slo_uid) last_over_time(slo:total_counter:snapshot{slo_uid="a"}[15m])))'
    );
  });

  it('tail: the counter one window ago against the window start recorded with the last sum', () => {
    expect(tailEventsExpr(counter, 'bad', 'a', DAYS_30, [], TEN)).toBe(
      'sum(' +
        '(req_total{job="api"} offset 30d - ignoring (slo_uid, slo_window) last_over_time(slo:bad_counter:window_start{slo_uid="a",slo_window="30d"}[15m]) >= 0)' +
        ' or (req_total{job="api"} offset 30d < ignoring (slo_uid, slo_window) last_over_time(slo:bad_counter:window_start{slo_uid="a",slo_window="30d"}[15m])))'
    );
    expect(windowStartExpr('bad', 'a', DAYS_30, TEN)).toBe(
      'last_over_time(slo:bad_counter:snapshot{slo_uid="a"}[10m] offset 30d)'
    );
  });
});

describe('budget remaining', () => {
  const total = parseVectorSelector('req_total');

  it('adds the window sum, head and tail of total and bad events as a union of parts', () => {
    const expr = exactBudgetRemainingExpr(
      { total, bad: parseVectorSelector('req_total{code="500"}') },
      'a',
      DAYS_30,
      '0.001',
      [],
      TEN
    );
    const bad =
      `sum(label_replace(${lastWindowSumExpr('slo:bad_events:window', 'a', [], DAYS_30, TEN)}, "slo_part", "w", "", "")` +
      ` or label_replace(${headEventsExpr(parseVectorSelector('req_total{code="500"}'), 'bad', 'a', [], TEN)}, "slo_part", "h", "", "")` +
      ` or label_replace(-${tailEventsExpr(parseVectorSelector('req_total{code="500"}'), 'bad', 'a', DAYS_30, [], TEN)}, "slo_part", "t", "", ""))`;
    const all =
      `sum(label_replace(${lastWindowSumExpr('slo:events:window', 'a', [], DAYS_30, TEN)}, "slo_part", "w", "", "")` +
      ` or label_replace(${headEventsExpr(total, 'total', 'a', [], TEN)}, "slo_part", "h", "", "")` +
      ` or label_replace(-${tailEventsExpr(total, 'total', 'a', DAYS_30, [], TEN)}, "slo_part", "t", "", ""))`;
    expect(expr).toBe(`1 - (${bad} / (${all} > 0)) / 0.001`);
    expect(findPromqlSyntaxError(expr)).toBeUndefined();
  });

  it('counts bad events as total - good in every part, clamped at 0; no tail for a calendar window', () => {
    const good = parseVectorSelector('req_total{ok="true"}');
    const expr = exactBudgetRemainingExpr({ total, good }, 'a', MONTH, '0.01', ['cluster'], TEN);
    const bad =
      'clamp_min(sum by (cluster) (' +
      `label_replace(${lastWindowSumExpr('slo:bad_events:window', 'a', ['cluster'], MONTH, TEN)}, "slo_part", "w", "", "")` +
      ` or label_replace(${headEventsExpr(total, 'total', 'a', ['cluster'], TEN)}, "slo_part", "h", "", "")` +
      ` or label_replace(-${headEventsExpr(good, 'good', 'a', ['cluster'], TEN)}, "slo_part", "h2", "", "")), 0)`;
    expect(expr.startsWith(`1 - (${bad} / (sum by (cluster) (`)).toBe(true);
    expect(expr).not.toContain('offset');
    expect(findPromqlSyntaxError(expr)).toBeUndefined();
  });

  it('reads the last window sums for the SLIs known only through their rates', () => {
    expect(tileBudgetRemainingExpr('a', [], DAYS_30, '0.001', TEN)).toBe(
      `1 - (${lastWindowSumExpr('slo:bad_events:window', 'a', [], DAYS_30, TEN)}` +
        ` / (${lastWindowSumExpr('slo:events:window', 'a', [], DAYS_30, TEN)} > 0)) / 0.001`
    );
  });
});
