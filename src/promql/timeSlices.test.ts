import type { Slo } from '../slo/types';
import { maxBadSliceRatio, sliceBadEventsExpr, sliceEventsExpr, sliceGoodExpr, sliceScoreMetric } from './timeSlices';
import { buildRuleGroups, isAlertingRule } from '../rules/build';

const minute = { window: '1m', windowSeconds: 60 };

describe('time slice expressions', () => {
  it('is good at a bad ratio up to 1 - the slice target, exactly', () => {
    expect(maxBadSliceRatio({ ...minute, target: '0.95' })).toBe('0.05');
    expect(maxBadSliceRatio({ ...minute, target: '0.999' })).toBe('0.001');
    expect(maxBadSliceRatio(minute)).toBe('0');
  });

  it('counts a counter SLI per slice from the counters one slice ago', () => {
    const expr = sliceGoodExpr(
      { type: 'ratio', total: 'req_total', bad: 'req_total{code="500"}', groupBy: [] },
      { ...minute, target: '0.95' },
      '30s'
    );
    const total =
      'sum((req_total - req_total offset 1m + (max_over_time(req_total[1m]) > req_total and resets(req_total[1m]) == 1 or resets(req_total[1m]) == 0) >= 0)' +
      ' or increase(req_total[1m]))';
    const bad =
      'sum((req_total{code="500"} - req_total{code="500"} offset 1m' +
      ' + (max_over_time(req_total{code="500"}[1m]) > req_total{code="500"} and resets(req_total{code="500"}[1m]) == 1 or resets(req_total{code="500"}[1m]) == 0) >= 0)' +
      ' or increase(req_total{code="500"}[1m]))';
    expect(expr).toBe(`((${bad} or on () (0 * ${total})) and on () (${total} > 0)) / (${total}) <= bool 0.05`);
  });

  it('reads an advanced SLI over the slice through {{.window}}', () => {
    expect(
      sliceGoodExpr(
        { type: 'advanced', total: 'sum(rate(a[{{.window}}]))', good: 'sum(rate(b[{{.window}}]))', groupBy: ['route'] },
        { window: '5m', windowSeconds: 300, target: '0.9' },
        '30s'
      )
    ).toBe(
      '(clamp_min((sum by (route) (sum(rate(a[5m]))) > 0) - (sum by (route) (sum(rate(b[5m])))' +
        ' or on (route) (0 * sum by (route) (sum(rate(a[5m]))))), 0)) / (sum by (route) (sum(rate(a[5m])))) <= bool 0.1'
    );
  });

  it('counts the samples of a threshold SLI inside the slice, its start left out', () => {
    expect(
      sliceGoodExpr(
        { type: 'threshold', expr: 'age_seconds', operator: '<', threshold: '3600', groupBy: [] },
        minute,
        '30s'
      )
    ).toBe(
      '((sum(count_over_time(((age_seconds) >= 3600)[59s999ms:30s])) / 60' +
        ' or on () (0 * sum(count_over_time((age_seconds)[59s999ms:30s])) / 60))' +
        ' and on () (sum(count_over_time((age_seconds)[59s999ms:30s])) / 60 > 0))' +
        ' / (sum(count_over_time((age_seconds)[59s999ms:30s])) / 60) <= bool 0'
    );
  });

  it('gives slices and bad slices per second over 5m', () => {
    expect(sliceEventsExpr('api', ['route'], minute)).toBe(
      'sum by (route) (count_over_time(slo:slice_good:bool{slo_uid="api"}[5m] offset 1ms)) / 300'
    );
    expect(sliceBadEventsExpr('api', [], minute)).toBe(
      'sum(count_over_time(slo:slice_good:bool{slo_uid="api"}[5m] offset 1ms) - sum_over_time(slo:slice_good:bool{slo_uid="api"}[5m] offset 1ms)) / 300'
    );
  });
});

describe('time slices scored by their good ratio (OpenSLO RatioTimeslices)', () => {
  const ratioMinute = { ...minute, score: 'ratio' as const };

  it('records the good ratio of each slice, counted from the counters one slice ago, at least 0', () => {
    const expr = sliceGoodExpr(
      { type: 'ratio', total: 'req_total', good: 'req_total{code!~"5.."}', groupBy: ['route'] },
      ratioMinute,
      '30s'
    );
    const tile = (c: string) =>
      `(${c} - ${c} offset 1m + (max_over_time(${c}[1m]) > ${c} and resets(${c}[1m]) == 1 or resets(${c}[1m]) == 0) >= 0)` +
      ` or increase(${c}[1m])`;
    const total = `sum by (route) (${tile('req_total')})`;
    const good = `sum by (route) (${tile('req_total{code!~"5.."}')})`;
    expect(expr).toBe(
      `clamp_min(1 - (clamp_min((${total} > 0) - (${good} or on (route) (0 * ${total})), 0)) / (${total}), 0)`
    );
  });

  it('scores a threshold SLI by the share of its samples in the slice that meet the condition', () => {
    expect(
      sliceGoodExpr(
        { type: 'threshold', expr: 'age_seconds', operator: '<', threshold: '3600', groupBy: [] },
        ratioMinute,
        '30s'
      )
    ).toBe(
      'clamp_min(1 - ((sum(count_over_time(((age_seconds) >= 3600)[59s999ms:30s])) / 60' +
        ' or on () (0 * sum(count_over_time((age_seconds)[59s999ms:30s])) / 60))' +
        ' and on () (sum(count_over_time((age_seconds)[59s999ms:30s])) / 60 > 0))' +
        ' / (sum(count_over_time((age_seconds)[59s999ms:30s])) / 60), 0)'
    );
  });

  it('counts slices, and adds the bad ratio of each slice as its bad events', () => {
    expect(sliceScoreMetric(ratioMinute)).toBe('slo:slice_good:ratio');
    expect(sliceScoreMetric({ ...minute, score: 'good', target: '0.9' })).toBe('slo:slice_good:bool');
    expect(sliceEventsExpr('api', [], ratioMinute)).toBe(
      'sum(count_over_time(slo:slice_good:ratio{slo_uid="api"}[5m] offset 1ms)) / 300'
    );
    expect(sliceBadEventsExpr('api', ['route'], ratioMinute)).toBe(
      'sum by (route) (count_over_time(slo:slice_good:ratio{slo_uid="api"}[5m] offset 1ms) - sum_over_time(slo:slice_good:ratio{slo_uid="api"}[5m] offset 1ms)) / 300'
    );
  });

  it('records the slice ratios in the slice group that feeds the base rates', () => {
    const slo: Slo = {
      name: 'api',
      uid: 'api',
      service: 'api',
      labels: {},
      indicator: { type: 'ratio', total: 'req_total', bad: 'req_total{code="500"}', groupBy: [] },
      timeSlices: ratioMinute,
      objectives: [{ target: '0.99', window: { kind: 'rolling', duration: '28d', seconds: 28 * 86400 } }],
      alerting: { enabled: false, labels: {} },
      annotations: {},
    };
    const groups = buildRuleGroups(slo, { evaluationInterval: '30s' });
    expect(groups[0]).toMatchObject({
      name: 'burnrate-api-slices',
      interval: '1m',
      rules: [{ record: 'slo:slice_good:ratio', expr: sliceGoodExpr(slo.indicator, ratioMinute, '30s') }],
    });
    expect(groups[1].rules[0]).toMatchObject({ expr: sliceEventsExpr('api', [], ratioMinute) });
    expect(groups[1].rules[1]).toMatchObject({ expr: sliceBadEventsExpr('api', [], ratioMinute) });
  });
});

describe('rules of a time-slice SLO', () => {
  const slo: Slo = {
    name: 'api',
    uid: 'api',
    service: 'api',
    labels: {},
    indicator: { type: 'ratio', total: 'req_total', bad: 'req_total{code="500"}', groupBy: [] },
    timeSlices: { ...minute, target: '0.95' },
    objectives: [{ target: '0.999', window: { kind: 'rolling', duration: '30d', seconds: 30 * 86400 } }],
    alerting: { enabled: true, labels: {} },
    annotations: {},
  };
  const groups = buildRuleGroups(slo, { evaluationInterval: '30s' });

  it('records the slices in a group of their own, run once per slice', () => {
    expect(groups.map((g) => [g.name, g.interval])).toEqual([
      ['burnrate-api-slices', '1m'],
      ['burnrate-api', '30s'],
      ['burnrate-api-rollup', '10m'],
    ]);
    expect(groups[0].rules.map((r) => ('record' in r ? r.record : r.alert))).toEqual(['slo:slice_good:bool']);
  });

  it('derives the base rates from the slices and rolls them up as rates, without counter snapshots', () => {
    const records = groups.flatMap((g) =>
      g.rules.filter((r) => !isAlertingRule(r)).map((r) => ('record' in r ? r.record : ''))
    );
    expect(records).not.toContain('slo:total_counter:snapshot');
    const base = groups[1].rules;
    expect(base[0]).toMatchObject({ record: 'slo:events:rate5m', expr: sliceEventsExpr('api', [], minute) });
    expect(base[1]).toMatchObject({ record: 'slo:bad_events:rate5m', expr: sliceBadEventsExpr('api', [], minute) });
    expect(groups[2].rules[0]).toMatchObject({
      record: 'slo:events:tile',
      expr: 'sum(sum_over_time(slo:events:rate5m{slo_uid="api"}[9m59s999ms])) * 30',
    });
  });

  it('keeps the event-based rules of an SLO without time slices', () => {
    const { timeSlices: _slices, ...events } = slo;
    const names = buildRuleGroups(events, { evaluationInterval: '30s' }).map((g) => g.name);
    expect(names).toEqual(['burnrate-api', 'burnrate-api-rollup']);
  });
});
