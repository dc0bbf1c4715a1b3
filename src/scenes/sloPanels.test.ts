import { makeMaintenanceWindow, makeSlo } from '../testing/fixtures';
import type { Slo } from '../slo/types';
import { buildSloPanelSpecs, burnRatePanelQueries, currentBurnWindow, defaultBreakdownLabel } from './sloPanels';
import { buildGeneratedSloDashboard, generatedDashboardUid } from './dashboardJson';
import { alertHistoryExpr, type SloQueryContext } from '../promql/panels';
import { buildRuleGroups } from '../rules/build';
import { findPromqlSyntaxError } from '../promql/parse';

const slo = makeSlo();
const ctx: SloQueryContext = { slo, objective: slo.objectives[0], source: 'recorded', evaluationInterval: '30s' };
const latency: Slo = {
  ...slo,
  uid: 'api-latency',
  indicator: {
    type: 'latency',
    histogram: 'http_request_duration_seconds{job="api"}',
    threshold: '0.5',
    native: false,
    groupBy: [],
  },
};

describe('burn-rate panels and the breakdown label', () => {
  const U = 'slo_uid="checkout-availability"';
  const windowSum = (metric: string, range: string) => `sum(sum_over_time(slo:${metric}:rate5m{${U}}[${range}]))`;
  const recordedRatio = (range: string) => `${windowSum('bad_events', range)} / (${windowSum('events', range)} > 0)`;

  it('draws each alert window pair with its factor, the defaults 14.4, 6, 3, 1', () => {
    const panels = burnRatePanelQueries(ctx);
    expect(panels.map((p) => [p.title, p.factor, p.queries.map((q) => q.legendFormat)])).toEqual([
      ['Burn rate 1h / 5m (page at 14.4x)', '14.4', ['Burn rate over 1h', 'Burn rate over 5m']],
      ['Burn rate 6h / 30m (page at 6x)', '6', ['Burn rate over 6h', 'Burn rate over 30m']],
      ['Burn rate 1d / 2h (ticket at 3x)', '3', ['Burn rate over 1d', 'Burn rate over 2h']],
      ['Burn rate 3d / 6h (ticket at 1x)', '1', ['Burn rate over 3d', 'Burn rate over 6h']],
    ]);
    expect(panels[0].queries[0].expr).toBe(
      'sum(sum_over_time(slo:bad_events:rate5m{slo_uid="checkout-availability"}[1h])) / (sum(sum_over_time(slo:events:rate5m{slo_uid="checkout-availability"}[1h])) > 0) / 0.001'
    );
    expect(panels[0].queries[1].expr).toBe(`${recordedRatio('5m')} / 0.001`);
    expect(currentBurnWindow(ctx)).toBe('1h');
  });

  it('breaks errors down by the label the bad selector adds', () => {
    expect(defaultBreakdownLabel(slo.indicator)).toBe('code');
  });
});

describe('SLO panels', () => {
  const { stats, charts } = buildSloPanelSpecs(ctx, '${breakdown}');

  it('lays out stats, charts and a panel per burn-rate alert', () => {
    expect(stats.map((p) => [p.key, p.type, p.title, p.instant])).toEqual([
      ['sli-stat', 'stat', 'SLI over 30d', true],
      ['budget-gauge', 'gauge', 'Error budget remaining', true],
      ['burn-rate-stat', 'stat', 'Burn rate over 1h', true],
    ]);
    expect(charts.map((p) => p.title)).toEqual([
      'SLI over the window vs objective',
      'Budget burndown',
      'Burn rate 1h / 5m (page at 14.4x)',
      'Burn rate 6h / 30m (page at 6x)',
      'Burn rate 1d / 2h (ticket at 3x)',
      'Burn rate 3d / 6h (ticket at 1x)',
      'Events and bad events',
      'Bad events by ${breakdown}',
      'Alert history',
    ]);
  });

  it('colours the budget gauge red under 20%, yellow under 50%, green above', () => {
    expect(stats[1].fieldConfig.defaults).toEqual({
      noValue: 'No traffic',
      unit: 'percentunit',
      decimals: 1,
      min: 0,
      max: 1,
      color: { mode: 'thresholds' },
      thresholds: {
        mode: 'absolute',
        steps: [
          { value: -Infinity, color: 'red' },
          { value: 0.2, color: 'yellow' },
          { value: 0.5, color: 'green' },
        ],
      },
    });
  });

  it('draws the alert factor as a threshold line on each burn-rate panel', () => {
    const burn = charts.filter((p) => p.key.startsWith('burn-rate-'));
    expect(burn.map((p) => p.fieldConfig.defaults.thresholds?.steps[1].value)).toEqual([14.4, 6, 3, 1]);
    expect(burn[0].fieldConfig.defaults.custom).toEqual({
      thresholdsStyle: { mode: 'line' },
      fillOpacity: 0,
      showPoints: 'never',
    });
  });

  it('never draws a ratio above 100%: the SLI at most 1, the budget at most 1 and softly from 0', () => {
    const byKey = (key: string) => [...stats, ...charts].find((p) => p.key === key)!.fieldConfig.defaults;
    expect(byKey('sli-stat')).toMatchObject({ unit: 'percentunit', max: 1 });
    expect(byKey('sli-stat').min).toBeUndefined();
    expect(byKey('sli-timeseries')).toMatchObject({ unit: 'percentunit', max: 1 });
    expect(byKey('sli-timeseries').min).toBeUndefined();
    expect(byKey('budget-gauge')).toMatchObject({ min: 0, max: 1 });
    // Overspent budgets go below 0: a soft minimum, never a hard one.
    expect(byKey('burndown')).toMatchObject({ unit: 'percentunit', max: 1, custom: { axisSoftMin: 0 } });
    expect(byKey('burndown').min).toBeUndefined();
    const ratios = [...stats, ...charts].filter((p) => p.fieldConfig.defaults.unit === 'percentunit');
    expect(ratios.map((p) => [p.key, p.fieldConfig.defaults.max])).toEqual(ratios.map((p) => [p.key, 1]));
  });

  it('keeps the words of an empty stat short enough for its box', () => {
    expect(stats.map((p) => p.fieldConfig.defaults.noValue)).toEqual(['No traffic', 'No traffic', 'No traffic']);
  });

  it('says why a panel is empty', () => {
    expect(charts.every((p) => typeof p.fieldConfig.defaults.noValue === 'string')).toBe(true);
    expect(charts.find((p) => p.key === 'alert-history')?.fieldConfig.defaults.noValue).toBe(
      'No alert fired in this range'
    );
  });

  it('shows when each burn-rate alert condition held, from the rules own expressions, beside ALERTS', () => {
    const { charts } = buildSloPanelSpecs(ctx, 'code');
    const history = charts.find((p) => p.key === 'alert-history')!;
    const alerts = buildRuleGroups(ctx.slo, { evaluationInterval: ctx.evaluationInterval })
      .flatMap((g) => g.rules)
      .flatMap((r) => ('alert' in r && r.labels?.long_window ? [r] : []));
    expect(alerts.length).toBeGreaterThan(0);
    expect(history.queries.map((q) => q.expr)).toEqual([
      ...alerts.map((a) => `max_over_time((clamp_max(count(${a.expr}), 1))[$__interval:5m])`),
      alertHistoryExpr(ctx.slo.uid),
    ]);
    expect(history.queries[0].legendFormat).toBe(
      `${alerts[0].labels?.severity} ${alerts[0].labels?.long_window}/${alerts[0].labels?.short_window} condition held`
    );
    expect(history.queries[0].interval).toBe('5m');
  });

  it.each([
    ['recorded', ctx],
    ['raw', { ...ctx, source: 'raw' as const }],
    ['latency', { ...ctx, slo: latency }],
  ])('writes PromQL that parses (%s)', (_name, c) => {
    const all = buildSloPanelSpecs(c, 'code');
    for (const panel of [...all.stats, ...all.charts]) {
      for (const q of panel.queries) {
        // Grafana replaces its interval variable before Prometheus sees the query.
        const sent = q.expr.split('$__interval').join('2h');
        expect([panel.key, findPromqlSyntaxError(sent)]).toEqual([panel.key, undefined]);
      }
    }
  });

  it('adds latency percentiles with the threshold line for latency SLIs', () => {
    const latencyCharts = buildSloPanelSpecs({ ...ctx, slo: latency }, 'route').charts;
    const panel = latencyCharts.find((p) => p.key === 'latency');
    expect(panel?.title).toBe('Latency percentiles (threshold 0.5)');
    expect(panel?.queries[2].expr).toBe(
      'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{job="api"}[5m])))'
    );
    expect(panel?.fieldConfig.defaults.thresholds?.steps[1]).toEqual({ value: 0.5, color: 'red' });
  });
});

describe('classic dashboard export', () => {
  const dashboard = buildGeneratedSloDashboard({
    slo,
    objective: slo.objectives[0],
    source: 'recorded',
    evaluationInterval: '30s',
    datasourceUid: 'prom',
  });

  it('shades maintenance windows with a Prometheus annotation query each', () => {
    const withWindow = buildGeneratedSloDashboard({
      slo: {
        ...slo,
        maintenance: [
          makeMaintenanceWindow('2026-12-06T02:00:00Z', '2026-12-06T04:00:00Z', { reason: 'Database upgrade' }),
        ],
      },
      objective: slo.objectives[0],
      source: 'recorded',
      evaluationInterval: '30s',
      datasourceUid: 'prom',
    });
    expect(withWindow.annotations).toEqual({
      list: [
        expect.objectContaining({
          name: 'Maintenance: Database upgrade',
          expr: 'vector(time()) >= 1796522400 < 1796529600',
          textFormat: 'Database upgrade',
          enable: true,
        }),
      ],
    });
    expect(dashboard.annotations).toBeUndefined();
  });

  it('is a plain dashboard with the datasource and breakdown variables', () => {
    expect([dashboard.uid, dashboard.title, dashboard.tags]).toEqual([
      'slo-dash-checkout-availability',
      'SLO dashboard: Checkout availability',
      ['burnrate', 'service:checkout'],
    ]);
    expect(dashboard.templating).toEqual({
      list: [
        {
          name: 'ds',
          label: 'Datasource',
          type: 'datasource',
          query: 'prometheus',
          current: { value: 'prom' },
          hide: 0,
        },
        {
          name: 'breakdown',
          label: 'Break errors down by',
          type: 'textbox',
          query: 'code',
          current: { value: 'code', text: 'code' },
          hide: 0,
        },
      ],
    });
  });

  it('holds the panels of the page with their queries on the ds variable, in a 24 column grid', () => {
    const json = JSON.parse(JSON.stringify(dashboard));
    expect(json.panels).toHaveLength(12);
    expect(json.panels[0]).toMatchObject({
      id: 1,
      type: 'stat',
      title: 'SLI over 30d',
      gridPos: { x: 0, y: 0, w: 6, h: 5 },
      datasource: { type: 'prometheus', uid: '${ds}' },
      targets: [
        {
          refId: 'SLI',
          instant: true,
          range: false,
          datasource: { type: 'prometheus', uid: '${ds}' },
          expr: '1 - (sum(sum_over_time(slo:bad_events:rate5m{slo_uid="checkout-availability"}[30d])) / (sum(sum_over_time(slo:events:rate5m{slo_uid="checkout-availability"}[30d])) > 0))',
        },
      ],
    });
    // -Infinity base thresholds become null, as Grafana writes them.
    expect(json.panels[1].fieldConfig.defaults.thresholds.steps[0]).toEqual({ value: null, color: 'red' });
    expect(json.panels.map((p: { gridPos: unknown }) => p.gridPos).slice(3, 6)).toEqual([
      { x: 0, y: 5, w: 12, h: 8 },
      { x: 12, y: 5, w: 12, h: 8 },
      { x: 0, y: 13, w: 6, h: 7 },
    ]);
  });

  it('keeps generated uids within 40 characters', () => {
    expect(generatedDashboardUid('a'.repeat(40))).toMatch(/^slo-dash-[0-9a-z]+$/);
    expect(generatedDashboardUid('a'.repeat(40)).length).toBeLessThanOrEqual(40);
  });
});
