import {
  batchAnswers,
  batchesWithin,
  batchQueries,
  batchRefId,
  joinWithin,
  MAX_QUERY_BYTES,
  utf8Bytes,
} from './batches';
import { batchBudgetRemainingExpr, batchErrorRatioExpr } from './views';
import { rawErrorRatioExpr, rawErrorRatioParts } from './replay';
import { makeSlo } from '../testing/fixtures';

describe('batchesWithin', () => {
  it('splits the uids of one metric into selectors that each fit', () => {
    // `slo:error_budget_remaining:ratio{slo_uid=~"a|b"}` is 48 bytes; a third uid would make 50.
    expect(batchesWithin(['a', 'b', 'c', 'd', 'e'], batchBudgetRemainingExpr, 49)).toEqual([
      'slo:error_budget_remaining:ratio{slo_uid=~"a|b"}',
      'slo:error_budget_remaining:ratio{slo_uid=~"c|d"}',
      'slo:error_budget_remaining:ratio{slo_uid=~"e"}',
    ]);
  });

  it('keeps one query for SLOs that fit in it', () => {
    expect(batchesWithin(['a', 'b'], (u) => batchErrorRatioExpr(u, '1h'))).toEqual([
      'sum by (slo_uid) (sum_over_time(slo:bad_events:rate5m{slo_uid=~"a|b"}[1h])) / sum by (slo_uid) (sum_over_time(slo:events:rate5m{slo_uid=~"a|b"}[1h]))',
    ]);
    expect(batchesWithin([], batchBudgetRemainingExpr)).toEqual([]);
  });

  it('gives a uid too long for the limit a query of its own', () => {
    expect(batchesWithin(['a', 'very-long-uid', 'b'], batchBudgetRemainingExpr, 46)).toEqual([
      'slo:error_budget_remaining:ratio{slo_uid=~"a"}',
      'slo:error_budget_remaining:ratio{slo_uid=~"very-long-uid"}',
      'slo:error_budget_remaining:ratio{slo_uid=~"b"}',
    ]);
  });

  it('covers a thousand SLOs in queries within the limit, every uid once, in order', () => {
    const uids = Array.from({ length: 1000 }, (_, i) => `service-${i}-availability`);
    const exprs = batchesWithin(uids, (u) => batchErrorRatioExpr(u, '1d'));
    expect(exprs.length).toBe(Math.ceil(batchErrorRatioExpr(uids, '1d').length / MAX_QUERY_BYTES));
    expect(exprs.every((e) => utf8Bytes(e) <= MAX_QUERY_BYTES)).toBe(true);
    const back = exprs.flatMap((e) => e.match(/slo_uid=~"([^"]*)"/)![1].split('|'));
    expect(back).toEqual(uids);
  });
});

describe('joinWithin', () => {
  it('joins parts into as few expressions as fit', () => {
    expect(joinWithin(['up{a="1"}', 'up{a="2"}', 'up{a="3"}'], ' or ', 22)).toEqual([
      'up{a="1"} or up{a="2"}',
      'up{a="3"}',
    ]);
    expect(joinWithin([], ' or ')).toEqual([]);
  });

  it('joins the raw error ratios of SLOs as rawErrorRatioExpr does while they fit', () => {
    const slos = [makeSlo(), makeSlo({ uid: 'search', name: 'search' })].map((s) => ({
      ...s,
      evaluationInterval: '30s',
    }));
    expect(joinWithin(rawErrorRatioParts(slos, 3600), ' or ')).toEqual([rawErrorRatioExpr(slos, 3600)]);
    const [first, second] = rawErrorRatioParts(slos, 3600);
    expect(joinWithin([first, second], ' or ', utf8Bytes(first) + 3)).toEqual([first, second]);
  });
});

describe('batch refIds', () => {
  it('names batches after their query and reads their answers back as one', () => {
    expect(batchQueries('BUDGET', ['x', 'y', 'z'])).toEqual([
      { refId: 'BUDGET', expr: 'x' },
      { refId: 'BUDGET#2', expr: 'y' },
      { refId: 'BUDGET#3', expr: 'z' },
    ]);
    expect(batchRefId('A', 0)).toBe('A');
    expect(batchAnswers({ A: [1], 'A#2': [2, 3], B: [9] }, 'A')).toEqual([1, 2, 3]);
    expect(batchAnswers({}, 'A')).toEqual([]);
  });

  it('counts UTF-8 bytes', () => {
    expect([utf8Bytes('a'), utf8Bytes('é'), utf8Bytes('€'), utf8Bytes('😀')]).toEqual([1, 2, 3, 4]);
  });
});
