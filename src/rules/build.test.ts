import { parseNativeDocument } from '../formats/native';
import { buildRuleGroups, isAlertingRule } from './build';

/** The jobs SLO, its spec's objectives (and anything else) given. */
function jobsSlo(spec: Record<string, unknown>) {
  const parsed = parseNativeDocument({
    apiVersion: 'burnrate.dev/v1',
    kind: 'ServiceLevelObjective',
    metadata: { name: 'jobs' },
    spec: {
      service: 'batch',
      indicator: { type: 'ratio', total: 'jobs_total', bad: 'jobs_failed_total' },
      ...spec,
    },
  });
  expect(parsed.issues).toEqual([]);
  return parsed.slo!;
}

const sloWithTarget = (target: number) => jobsSlo({ objectives: [{ target, window: '30d' }] });

const alertsOf = (target: number) =>
  buildRuleGroups(sloWithTarget(target), { evaluationInterval: '30s' })[0]
    .rules.filter(isAlertingRule)
    .map((rule) => `${rule.labels.severity} ${rule.labels.long_window}/${rule.labels.short_window}`);

describe('buildRuleGroups', () => {
  it('writes the four workbook alerts where each can fire', () => {
    expect(alertsOf(0.999)).toEqual(['page 1h/5m', 'page 6h/30m', 'ticket 1d/2h', 'ticket 3d/6h']);
  });

  it('keeps every workbook alert when the target is low, the ones it cannot reach adapted', () => {
    expect(alertsOf(0.9)).toEqual(['page 1h/5m', 'page 6h/30m', 'ticket 1d/2h', 'ticket 3d/6h']);
  });

  it('writes the alerts on the budget itself per objective, after the burn-rate alerts', () => {
    const slo = jobsSlo({
      objectives: [
        { target: 0.99, window: '30d' },
        { target: 0.95, window: '7d' },
      ],
      alerting: {
        budgetLeft: { below: '25%' },
        exhaustion: { within: '3d', whenLeftBelow: '90%', severity: 'page' },
      },
    });
    const alerts = buildRuleGroups(slo, { evaluationInterval: '30s' })[0].rules.filter(isAlertingRule);
    const budget = alerts.filter((a) => a.alert !== 'SLOErrorBudgetBurn');
    expect(budget.map((a) => `${a.alert} ${a.labels.slo_window} ${a.labels.severity}`)).toEqual([
      'SLOErrorBudgetLow 30d ticket',
      'SLOErrorBudgetExhaustion 30d page',
      'SLOErrorBudgetLow 7d ticket',
      'SLOErrorBudgetExhaustion 7d page',
    ]);
    expect(budget[0].expr).toBe('slo:error_budget_remaining:ratio{slo_uid="jobs", slo_window="30d"} < 0.25');
    expect(budget[3].expr).toBe(
      '(clamp_min(slo:error_budget_remaining:ratio{slo_uid="jobs", slo_window="7d"} < 0.9, 0) * 604800\n' +
        '/ on ()\n' +
        '(sum(sum_over_time(slo:bad_events:rate5m{slo_uid="jobs"}[6h])) / sum(sum_over_time(slo:events:rate5m{slo_uid="jobs"}[6h])) / 0.05)) < 259200'
    );
  });

  it('records the base series, and the snapshots, tiles and window sums in two groups', () => {
    const [base, rollup] = buildRuleGroups(sloWithTarget(0.99), { evaluationInterval: '1m' });
    expect(base.name).toBe('burnrate-jobs');
    expect(base.interval).toBe('1m');
    expect(base.rules.filter((r) => !isAlertingRule(r)).map((r) => ('record' in r ? r.record : ''))).toEqual([
      'slo:events:rate5m',
      'slo:bad_events:rate5m',
      'slo:events:rate5m_sum10m',
      'slo:bad_events:rate5m_sum10m',
      'slo:objective:ratio',
      'slo:error_budget_remaining:ratio',
      'burnrate:slo_rules:info',
    ]);
    // Counters over a rolling window: hour tiles (the head and tail keep the window exact).
    expect(rollup).toMatchObject({ name: 'burnrate-jobs-rollup', interval: '1h' });
    expect(rollup.rules.map((r) => ('record' in r ? r.record : ''))).toEqual([
      'slo:total_counter:snapshot',
      'slo:bad_counter:snapshot',
      'slo:events:tile',
      'slo:bad_events:tile',
      'slo:events:window',
      'slo:bad_events:window',
      'slo:total_counter:window_start',
      'slo:bad_counter:window_start',
    ]);
    expect(rollup.rules[0]).toEqual({
      record: 'slo:total_counter:snapshot',
      expr: 'jobs_total',
      labels: { slo_uid: 'jobs' },
    });
    expect(rollup.rules[2].expr).toBe(
      'sum((jobs_total - jobs_total offset 1h' +
        ' + (max_over_time(jobs_total[1h]) > jobs_total and resets(jobs_total[1h]) == 1 or resets(jobs_total[1h]) == 0) >= 0)' +
        ' or increase(jobs_total[1h])) > 0'
    );
    expect(rollup.rules[4]).toMatchObject({
      expr: 'sum(sum_over_time(slo:events:tile{slo_uid="jobs"}[29d23h59m59s999ms]))',
      labels: { slo_uid: 'jobs', slo_window: '30d' },
    });
  });

  it('keeps the meaning of string escapes in selectors: \\x and octal escapes are bytes of UTF-8', () => {
    const parsed = parseNativeDocument({
      apiVersion: 'burnrate.dev/v1',
      kind: 'ServiceLevelObjective',
      metadata: { name: 'cafe' },
      spec: {
        service: 'café',
        indicator: {
          type: 'ratio',
          total: 'orders_total{shop="caf\\xc3\\xa9"}',
          bad: 'orders_total{shop=\'caf\\303\\251\', state="failed\\tlate"}',
        },
        objectives: [{ target: 0.99, window: '30d' }],
      },
    });
    const [base] = buildRuleGroups(parsed.slo!, { evaluationInterval: '30s' });
    expect(base.rules.slice(0, 2).map((r) => r.expr)).toEqual([
      'sum(rate(orders_total{shop="café"}[5m]))',
      '(sum(rate(orders_total{shop="café",state="failed\\tlate"}[5m])) or on () (0 * sum(rate(orders_total{shop="café"}[5m]))))' +
        ' and on () (sum(rate(orders_total{shop="café"}[5m])) > 0)',
    ]);
  });

  it('leaves out the comments of SLI expressions, which would hide what the rules write after them', () => {
    const parsed = parseNativeDocument({
      apiVersion: 'burnrate.dev/v1',
      kind: 'ServiceLevelObjective',
      metadata: { name: 'freshness' },
      spec: {
        service: 'pipeline',
        indicator: {
          type: 'threshold',
          expr: 'time() - max(last_success_seconds) # seconds since the last run',
          operator: '<',
          threshold: 3600,
        },
        objectives: [{ target: 0.99, window: '30d' }],
      },
    });
    const [base] = buildRuleGroups(parsed.slo!, { evaluationInterval: '30s' });
    expect(base.rules[0].expr).toBe('sum(count_over_time((time() - max(last_success_seconds) )[5m:30s])) / 300');
  });
});

describe('the absent alert', () => {
  it('fires after its duration when a source counter is gone, with its severity and no zero-traffic condition', () => {
    const slo = jobsSlo({
      objectives: [{ target: 0.999, window: '30d' }],
      alerting: { labels: { team: 'batch' }, absent: { for: '3m', severity: 'page' } },
      annotations: { runbook: 'https://runbooks.example.com/{{ jobs }}' },
    });
    const alerts = buildRuleGroups(slo, { evaluationInterval: '30s' })[0].rules.filter(isAlertingRule);
    expect(alerts.map((a) => a.alert)).toEqual([
      'SLOErrorBudgetBurn',
      'SLOErrorBudgetBurn',
      'SLOErrorBudgetBurn',
      'SLOErrorBudgetBurn',
      'SLOMetricAbsent',
    ]);
    expect(alerts[4]).toEqual({
      alert: 'SLOMetricAbsent',
      expr: 'absent(jobs_total)\nor\nabsent(jobs_failed_total)',
      for: '3m',
      labels: { team: 'batch', slo: 'jobs', slo_uid: 'jobs', service: 'batch', severity: 'page' },
      annotations: {
        summary: 'jobs has no source series for 3m',
        description:
          'No series of the metrics of batch / jobs has existed for 3m: they are no longer scraped, renamed or' +
          ' relabelled. Zero traffic does not fire this alert.',
        runbook_url: 'https://runbooks.example.com/{{ "{{" }} jobs }}',
      },
    });
  });

  it('defaults to a ticket in the native format', () => {
    const slo = jobsSlo({ objectives: [{ target: 0.99, window: '7d' }], alerting: { absent: { for: '10m' } } });
    expect(slo.alerting.absent).toEqual({ for: '10m', severity: 'ticket' });
  });
});

describe('labels and annotations of one severity', () => {
  it('go on the alerts of that severity only, over the SLO ones, never over the labels Burnrate sets, as text', () => {
    const slo = jobsSlo({
      objectives: [{ target: 0.999, window: '30d' }],
      alerting: {
        labels: { team: 'batch', route: 'default' },
        burnRates: [
          { severity: 'page', longWindow: '1h', shortWindow: '5m', factor: 14.4 },
          { severity: 'ticket', longWindow: '1d', shortWindow: '2h', factor: 3 },
        ],
        noData: { for: '30m' },
        perSeverity: {
          page: { labels: { route: 'pager' }, annotations: { summary: 'Paged: {{ $value }} jobs', playbook: 'p1' } },
          ticket: { labels: { queue: 'jobs' } },
        },
      },
    });
    const alerts = buildRuleGroups(slo, { evaluationInterval: '30s' })[0].rules.filter(isAlertingRule);
    expect(alerts.map((a) => [a.alert, a.labels])).toEqual([
      [
        'SLOErrorBudgetBurn',
        {
          team: 'batch',
          route: 'pager',
          slo: 'jobs',
          slo_uid: 'jobs',
          service: 'batch',
          severity: 'page',
          slo_window: '30d',
          long_window: '1h',
          short_window: '5m',
        },
      ],
      [
        'SLOErrorBudgetBurn',
        {
          team: 'batch',
          route: 'default',
          slo: 'jobs',
          slo_uid: 'jobs',
          service: 'batch',
          severity: 'ticket',
          slo_window: '30d',
          long_window: '1d',
          short_window: '2h',
          queue: 'jobs',
        },
      ],
      [
        'SLONoData',
        {
          team: 'batch',
          route: 'default',
          slo: 'jobs',
          slo_uid: 'jobs',
          service: 'batch',
          severity: 'ticket',
          queue: 'jobs',
        },
      ],
    ]);
    // Burnrate's description stays; the severity's summary replaces Burnrate's, printed as written.
    expect(Object.keys(alerts[0].annotations)).toEqual(['summary', 'description', 'playbook']);
    expect(alerts[0].annotations).toMatchObject({ summary: 'Paged: {{ "{{" }} $value }} jobs', playbook: 'p1' });
    expect(alerts[1].annotations.summary).toContain('jobs is burning its error budget');
  });
});

describe('the rules fingerprint', () => {
  const fingerprint = (options: Parameters<typeof buildRuleGroups>[1]) =>
    buildRuleGroups(sloWithTarget(0.999), options)
      .flatMap((g) => g.rules)
      .find((r) => !isAlertingRule(r) && r.record === 'burnrate:slo_rules:info')?.labels?.rules_fingerprint;

  it('is the same wherever the link to the SLO page points, and changes with what the rules compute', () => {
    const fromApp = fingerprint({ evaluationInterval: '30s' });
    expect(fromApp).toMatch(/^[0-9a-f]{16}$/);
    expect(fingerprint({ evaluationInterval: '30s', grafanaUrl: 'http://localhost:3000' })).toBe(fromApp);
    expect(fingerprint({ evaluationInterval: '1m' })).not.toBe(fromApp);
  });
});

describe('buildRuleGroups by status', () => {
  const spec = {
    objectives: [{ target: 0.999, window: '30d' }],
    alerting: {
      noData: { for: '30m' },
      absent: { for: '3m', severity: 'page' },
      budgetLeft: { below: 0.25, severity: 'page' },
      perSeverity: { ticket: { labels: { route: 'tickets' }, annotations: {} } },
    },
  };
  const rulesOf = (status?: string) =>
    buildRuleGroups(jobsSlo({ ...spec, ...(status && { status }) }), { evaluationInterval: '30s' }).flatMap(
      (g) => g.rules
    );
  const alerts = (status?: string) =>
    rulesOf(status)
      .filter(isAlertingRule)
      .map((rule) => `${rule.alert} ${rule.labels.severity} ${rule.labels.route ?? '-'}`);

  // The recording rules, but for the fingerprint of all the rules, which the alerts change.
  const records = (status?: string) =>
    rulesOf(status).filter((r) => !isAlertingRule(r) && r.labels.rules_fingerprint === undefined);

  it('keeps every alert of an active SLO, as without a status', () => {
    expect(alerts('active')).toEqual(alerts());
    expect(alerts()).toEqual([
      'SLOErrorBudgetBurn page -',
      'SLOErrorBudgetBurn page -',
      'SLOErrorBudgetBurn ticket tickets',
      'SLOErrorBudgetBurn ticket tickets',
      'SLOErrorBudgetLow page -',
      'SLONoData ticket tickets',
      'SLOMetricAbsent page -',
    ]);
  });

  it('makes every alert of a draft a ticket, with the ticket text, and says so in its description', () => {
    expect(alerts('draft')).toEqual([
      'SLOErrorBudgetBurn ticket tickets',
      'SLOErrorBudgetBurn ticket tickets',
      'SLOErrorBudgetBurn ticket tickets',
      'SLOErrorBudgetBurn ticket tickets',
      'SLOErrorBudgetLow ticket tickets',
      'SLONoData ticket tickets',
      'SLOMetricAbsent ticket tickets',
    ]);
    for (const rule of rulesOf('draft').filter(isAlertingRule)) {
      expect(rule.annotations.description).toMatch(
        /\. This SLO is a draft: it alerts by ticket only, and pages once it is active\.$/
      );
      if (rule.grafana) {
        expect(rule.grafana.annotations.description).toMatch(/This SLO is a draft/);
      }
    }
    expect(records('draft')).toEqual(records());
  });

  it('keeps the recording rules of a retired SLO, and no alert', () => {
    expect(rulesOf('retired').filter(isAlertingRule)).toEqual([]);
    expect(records('retired')).toEqual(records());
  });
});
