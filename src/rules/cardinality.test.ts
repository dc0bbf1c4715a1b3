import { makeSlo } from '../testing/fixtures';
import { buildRuleGroups, isAlertingRule } from './build';
import { estimateRecordedSeries, SERIES_WARNING_LIMIT } from './cardinality';

const options = { evaluationInterval: '30s' };

describe('estimateRecordedSeries', () => {
  it('adds up one series per group, per source series for snapshots, and one for constants', () => {
    const slo = makeSlo({ indicator: { ...makeSlo().indicator, groupBy: ['route'] } });
    const estimate = estimateRecordedSeries(slo, options, { groups: 12, counters: { total: 200, bad: 30 } });
    const series = Object.fromEntries(estimate.byRecord.map((r) => [r.record, r.series]));
    // Per group: 5m rates (2), their 10 minute sums (2), tiles (2), window sums (2), budget remaining (1).
    expect(series['slo:events:rate5m']).toBe(12);
    expect(series['slo:bad_events:rate5m_sum10m']).toBe(12);
    expect(series['slo:error_budget_remaining:ratio']).toBe(12);
    // Per source series: the snapshots and the window's start of each counter.
    expect(series['slo:total_counter:snapshot']).toBe(200);
    expect(series['slo:bad_counter:window_start']).toBe(30);
    expect(series['slo:objective:ratio']).toBe(1);
    expect(series['burnrate:slo_rules:info']).toBe(1);
    expect(estimate.total).toBe(9 * 12 + 2 * 200 + 2 * 30 + 2);
    expect(estimate.overLimit).toBe(false);
  });

  it('counts every recording rule of the SLO exactly once', () => {
    const slo = makeSlo({
      objectives: [
        { target: '0.999', window: { kind: 'rolling', duration: '30d', seconds: 2592000 } },
        { target: '0.99', window: { kind: 'calendar', unit: 'month' } },
      ],
    });
    const recordingRules = buildRuleGroups(slo, options)
      .flatMap((g) => g.rules)
      .filter((r) => !isAlertingRule(r)).length;
    const estimate = estimateRecordedSeries(slo, options, { groups: 1, counters: { total: 1, bad: 1 } });
    expect(estimate.byRecord.reduce((n, r) => n + r.rules, 0)).toBe(recordingRules);
    expect(estimate.total).toBe(recordingRules);
  });

  it('warns over the limit', () => {
    const estimate = estimateRecordedSeries(makeSlo(), options, {
      groups: SERIES_WARNING_LIMIT,
      counters: { total: 1, bad: 1 },
    });
    expect(estimate.overLimit).toBe(true);
  });
});
