import { makeMaintenanceWindow, makeSlo } from '../../testing/fixtures';
import {
  applyTier,
  duplicateForm,
  emptyForm,
  formFromTemplate,
  rebaseForm,
  sloToForm,
  type SloFormState,
} from './sloForm';
import { evaluateForm, evaluateYaml } from './formChecks';
import { formToYaml } from './formDocument';
import { alertPreviews, defaultBurnRateRows, objectiveWords } from './formPreviews';

const validForm = (): SloFormState => ({
  ...emptyForm(),
  name: 'checkout-availability',
  displayName: 'Checkout availability',
  service: 'checkout',
  owner: 'team-payments',
  tier: 'critical',
  total: 'http_requests_total{job="checkout"}',
  events: 'http_requests_total{job="checkout",code=~"5.."}',
  targetPercent: '99.9',
});

const fieldsOf = (form: SloFormState) =>
  evaluateForm(form)
    .issues.filter((i) => i.severity === 'error')
    .map((i) => [i.field, i.path]);

describe('evaluateForm', () => {
  it('turns a valid form into the SLO', () => {
    const slo = makeSlo({ annotations: {} });
    expect(evaluateForm(validForm())).toEqual({ slo, issues: [] });
  });

  it.each([
    { name: 'target of 100', change: { targetPercent: '100' }, want: [['targetPercent', 'spec.objectives[0].target']] },
    { name: 'empty target', change: { targetPercent: '' }, want: [['targetPercent', 'spec.objectives[0].target']] },
    {
      name: 'a ratio in the percent field',
      change: { targetPercent: '0.9995' },
      want: [['targetPercent', 'spec.objectives[0].target']],
    },
    {
      name: 'a ratio without its 0',
      change: { targetPercent: '.999' },
      want: [['targetPercent', 'spec.objectives[0].target']],
    },
    { name: 'bad window', change: { window: 'forever' }, want: [['window', 'spec.objectives[0].window']] },
    {
      name: 'broken PromQL',
      change: { total: 'http_requests_total{job="checkout"' },
      want: [['total', 'spec.indicator.total']],
    },
    { name: 'missing service', change: { service: ' ' }, want: [['service', 'spec.service']] },
    { name: 'bad name', change: { name: 'no spaces allowed' }, want: [['name', 'metadata.name']] },
    { name: 'bad label', change: { labels: [{ key: 'slo', value: 'x' }] }, want: [['labels', 'spec.labels.slo']] },
  ])('maps $name to its field', ({ change, want }) => {
    expect(fieldsOf({ ...validForm(), ...change })).toEqual(want);
  });

  it('asks whether a ratio typed into the percent field was meant as a percentage', () => {
    const { slo, issues } = evaluateForm({ ...validForm(), targetPercent: '0.9995' });
    expect(slo).toBeUndefined();
    expect(issues.filter((i) => i.severity === 'error')).toEqual([
      {
        path: 'spec.objectives[0].target',
        field: 'targetPercent',
        severity: 'error',
        message: 'this field is in per cent: 0.9995 would be 0.9995%. Did you mean 99.95%? Type 99.95',
      },
    ]);
  });

  it('maps latency threshold errors to the latency threshold field', () => {
    const form: SloFormState = {
      ...validForm(),
      indicatorType: 'latency',
      histogram: 'http_request_duration_seconds{job="api"}',
      latencyThreshold: 'fast',
    };
    expect(fieldsOf(form)).toEqual([['latencyThreshold', 'spec.indicator.threshold']]);
  });

  it('keeps what the form does not show, and the uid on rename', () => {
    const base = makeSlo({ alerting: { enabled: false, labels: {} } });
    const form = { ...sloToForm(base), name: 'checkout-renamed' };
    const { slo } = evaluateForm(form, { base });
    expect(slo).toEqual({ ...base, name: 'checkout-renamed', uid: 'checkout-availability' });
  });

  it('keeps the maintenance windows, which the form does not edit', () => {
    const maintenance = [
      makeMaintenanceWindow('2026-12-06T02:00:00Z', '2026-12-06T04:00:00Z', {
        repeat: 'weekly',
        reason: 'Database patching',
      }),
    ];
    const base = makeSlo({ maintenance });
    const { slo } = evaluateForm({ ...sloToForm(base), targetPercent: '99.5' }, { base });
    expect(slo?.maintenance).toEqual(maintenance);
  });

  it('round-trips an SLO through the form', () => {
    const base = makeSlo({ labels: { team: 'payments' } });
    expect(evaluateForm(sloToForm(base), { base }).slo).toEqual(base);
  });

  it('round-trips a precomputed error ratio, grouped, and says it is approximate', () => {
    const expr = 'sum by (queue) (rate(failed_total[{{.window}}])) / sum by (queue) (rate(all_total[{{.window}}]))';
    const base = makeSlo({ indicator: { type: 'errorRatio', expr, groupBy: ['queue'] } });
    const form = sloToForm(base);
    expect(form).toMatchObject({ indicatorType: 'errorRatio', expr });
    const { slo, issues } = evaluateForm(form, { base });
    expect(slo).toEqual(base);
    expect(issues.filter((i) => i.path === 'spec.indicator').map((i) => [i.severity, i.message])).toEqual([
      [
        'warning',
        expect.stringMatching(/^This SLO is approximate: a precomputed error ratio cannot be counted exactly/),
      ],
    ]);
  });
});

describe('evaluateYaml', () => {
  it('reads the form YAML back', () => {
    expect(evaluateYaml(formToYaml(validForm())).slo).toEqual(makeSlo({ annotations: {} }));
  });

  it('reports syntax errors by line', () => {
    expect(evaluateYaml('a: [b').issues[0].path).toMatch(/^line \d+$/);
  });

  it('refuses a changed uid of a saved SLO', () => {
    const base = makeSlo();
    const yaml = formToYaml(sloToForm(base), base).replace('name: checkout-availability', 'name: other');
    expect(evaluateYaml(yaml, { base }).issues.map((i) => i.path)).toEqual(['metadata.uid']);
  });
});

describe('templates, tiers and duplicates', () => {
  it('starts an API latency SLO from its template', () => {
    const form = formFromTemplate('api-latency', { ...emptyForm(), name: 'api-latency', service: 'api' });
    expect(form).toMatchObject({
      name: 'api-latency',
      service: 'api',
      displayName: 'API latency',
      indicatorType: 'latency',
      histogram: 'http_request_duration_seconds{job="example-api",route!="/health"}',
      latencyThreshold: '0.5',
      native: false,
      targetPercent: '95',
      window: '30d',
      total: '',
    });
    expect(evaluateForm(form).slo?.indicator).toEqual({
      type: 'latency',
      histogram: 'http_request_duration_seconds{job="example-api",route!="/health"}',
      threshold: '0.5',
      native: false,
      groupBy: [],
    });
  });

  it.each([
    ['api-availability', 'ratio', '99.9', '30d'],
    ['pipeline-freshness', 'threshold', '99', '7d'],
    ['pipeline-completeness', 'ratio', '99.95', '7d'],
  ])('starts from the %s template', (id, indicatorType, targetPercent, window) => {
    expect(formFromTemplate(id)).toMatchObject({ indicatorType, targetPercent, window });
  });

  it("takes the tier's target and latency threshold", () => {
    const latency = formFromTemplate('api-latency');
    expect(applyTier(latency, 'critical')).toMatchObject({
      tier: 'critical',
      targetPercent: '99.95',
      latencyThreshold: '0.1',
    });
    expect(applyTier(validForm(), 'standard')).toMatchObject({
      tier: 'standard',
      targetPercent: '99.5',
      latencyThreshold: '',
    });
  });

  it('duplicates an SLO under a new name, keeping what the form does not show', () => {
    const source = makeSlo({
      alerting: {
        enabled: true,
        labels: { channel: 'oncall' },
        absent: { for: '3m', severity: 'page' },
        perSeverity: { page: { labels: { route: 'pager' }, annotations: { summary: 'Checkout is down' } } },
      },
      annotations: { runbook: 'https://runbooks.example.com/checkout', dashboard: 'https://grafana.example.com/d/x' },
    });
    const form = duplicateForm(source);
    expect(form.name).toBe('checkout-availability-copy');
    expect(form.displayName).toBe('Checkout availability (copy)');
    expect(evaluateForm(form, { source }).slo).toEqual({
      ...source,
      name: 'checkout-availability-copy',
      uid: 'checkout-availability-copy',
      displayName: 'Checkout availability (copy)',
    });
  });
});

describe('objective and alerts in words', () => {
  it('says the objective', () => {
    expect(objectiveWords(validForm())).toBe('99.9% over 30 days = 43 min 12 s of full outage, or 1 in 1,000 requests');
    expect(objectiveWords({ ...validForm(), targetPercent: '100' })).toBeUndefined();
  });

  it("shows the workbook alerts with the tier's severities", () => {
    expect(alertPreviews({ ...validForm(), tier: 'standard' })?.map((a) => a.words)).toEqual([
      'page when 2% of the budget burns in 1 hour (14.4x over 1h and 5m)',
      'open a ticket when 5% of the budget burns in 6 hours (6x over 6h and 30m)',
      'open a ticket when 10% of the budget burns in 1 day (3x over 1d and 2h)',
      'open a ticket when 10% of the budget burns in 3 days (1x over 3d and 6h)',
    ]);
  });

  it('turns the defaults into editable rows, written as the SLO alerts', () => {
    const form = { ...validForm(), customBurnRates: true, burnRates: defaultBurnRateRows(validForm()) };
    expect(form.burnRates[0]).toEqual({
      severity: 'page',
      longWindow: '1h',
      shortWindow: '5m',
      mode: 'factor',
      value: '14.4',
    });
    expect(evaluateForm(form).slo?.alerting.burnRates).toEqual([
      { severity: 'page', longWindow: '1h', shortWindow: '5m', factor: '14.4' },
      { severity: 'page', longWindow: '6h', shortWindow: '30m', factor: '6' },
      { severity: 'ticket', longWindow: '1d', shortWindow: '2h', factor: '3' },
      { severity: 'ticket', longWindow: '3d', shortWindow: '6h', factor: '1' },
    ]);
  });

  it('reads a row as budget spent in percent', () => {
    const form: SloFormState = {
      ...validForm(),
      customBurnRates: true,
      burnRates: [{ severity: 'page', longWindow: '1h', shortWindow: '5m', mode: 'budgetSpent', value: '2' }],
    };
    expect(evaluateForm(form).slo?.alerting.burnRates).toEqual([
      { severity: 'page', longWindow: '1h', shortWindow: '5m', budgetSpent: '0.02' },
    ]);
    expect(alertPreviews(form)?.[0].words).toBe('page when 2% of the budget burns in 1 hour (14.4x over 1h and 5m)');
  });

  it.each([
    {
      name: 'swapped windows',
      row: { severity: 'page', longWindow: '5m', shortWindow: '1h', mode: 'factor', value: '14.4' },
      want: [
        [
          'burnRates',
          'spec.alerting.burnRates[0].shortWindow',
          'shortWindow (1h) must be shorter than longWindow (5m): they look swapped',
        ],
      ],
    },
    {
      name: 'an alert that can never fire',
      row: { severity: 'page', longWindow: '1h', shortWindow: '5m', mode: 'factor', value: '1000' },
      want: [
        [
          'burnRates',
          'spec.alerting.burnRates[0].factor',
          'burn rate 1000 x error budget 0.001 = 1 >= 1 for objectives[0]: the error ratio can never exceed 1, so this alert can never fire; use a factor below 1000',
        ],
      ],
    },
  ] as const)('puts $name on the alert row', ({ row, want }) => {
    const form: SloFormState = { ...validForm(), customBurnRates: true, burnRates: [{ ...row }] };
    expect(
      evaluateForm(form)
        .issues.filter((i) => i.severity === 'error')
        .map((i) => [i.field, i.path, i.message])
    ).toEqual(want);
  });

  it('round-trips the alerting settings and the runbook', () => {
    const base = makeSlo({
      alerting: {
        enabled: true,
        labels: { channel: 'oncall' },
        burnRates: [
          { severity: 'ticket', longWindow: '6h', shortWindow: '30m', budgetSpent: '0.05' },
          { severity: 'page', longWindow: '1h', shortWindow: '5m', factor: '14.4', for: '5m' },
        ],
        minBadEvents: 5,
        noDataFor: '30m',
      },
    });
    const form = sloToForm(base);
    expect(form).toMatchObject({
      minBadEvents: '5',
      noDataFor: '30m',
      runbook: 'https://runbooks.example.com/checkout',
    });
    expect(evaluateForm(form, { base }).slo).toEqual(base);
    expect(evaluateForm({ ...form, runbook: '', alertingEnabled: false }, { base }).slo).toEqual({
      ...base,
      alerting: { ...base.alerting, enabled: false },
      annotations: {},
    });
  });

  it('refuses a low-traffic guard that is not a whole number', () => {
    expect(fieldsOf({ ...validForm(), minBadEvents: 'five' })).toEqual([
      ['minBadEvents', 'spec.alerting.minBadEvents'],
    ]);
    expect(fieldsOf({ ...validForm(), noDataFor: 'soon' })).toEqual([['noDataFor', 'spec.alerting.noData.for']]);
  });
});

describe('budget policy', () => {
  it('writes no policy while the default applies', () => {
    const form = validForm();
    expect(form.ownBudgetPolicy).toBe(false);
    expect(evaluateForm(form).slo?.budgetPolicy).toBeUndefined();
    expect(formToYaml(form)).not.toContain('budgetPolicy');
  });

  it('starts an own policy from the default, leaving out the statuses with no action', () => {
    const form = { ...validForm(), ownBudgetPolicy: true };
    expect(evaluateForm(form).slo?.budgetPolicy).toEqual({
      actions: {
        attention: ['watch-burn', 'release-review'],
        warning: ['release-review', 'reliability-sprint'],
        critical: ['investigate', 'release-review', 'reliability-sprint'],
        exhausted: ['freeze-features', 'postmortem-required', 'reliability-sprint'],
      },
      notes: {},
    });
  });

  it('round-trips a policy, an explicit empty status and its notes', () => {
    const base = makeSlo({
      budgetPolicy: {
        actions: { healthy: [], exhausted: ['postmortem-required', 'freeze-features'] },
        notes: { critical: 'Call the payments lead.' },
      },
    });
    const form = sloToForm(base);
    expect(form.ownBudgetPolicy).toBe(true);
    expect(form.budgetPolicy.critical).toEqual({ actions: [], note: 'Call the payments lead.' });
    expect(evaluateForm(form, { base }).slo).toEqual(base);
    expect(evaluateForm({ ...form, ownBudgetPolicy: false }, { base }).slo).toEqual({
      ...base,
      budgetPolicy: undefined,
    });
  });

  it('puts policy problems on the policy field', () => {
    const form: SloFormState = {
      ...validForm(),
      ownBudgetPolicy: true,
      budgetPolicy: { ...validForm().budgetPolicy, exhausted: { actions: ['escalate', 'escalate'], note: '' } },
    };
    expect(fieldsOf(form)).toEqual([['budgetPolicy', 'spec.budgetPolicy.exhausted[1]']]);
  });
});

describe('rebaseForm', () => {
  it("keeps the user's changed fields on top of their version", () => {
    const mine = makeSlo();
    const theirs = makeSlo({ annotations: { runbook: 'https://runbooks.example.com/theirs' }, owner: 'team-theirs' });
    const form = { ...sloToForm(mine), owner: 'team-mine', targetPercent: '99.5' };
    expect(rebaseForm(form, mine, theirs)).toEqual({
      ...sloToForm(theirs),
      owner: 'team-mine',
      targetPercent: '99.5',
    });
  });
});

describe('progressive targets', () => {
  const phased = (): SloFormState => ({
    ...validForm(),
    targetPercent: '99',
    phases: [
      { from: '2027-01-01', targetPercent: '99.5' },
      { from: '2027-04-01', targetPercent: '99.9' },
    ],
  });

  it('turns the phases into the objective and back', () => {
    const { slo, issues } = evaluateForm(phased());
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(slo?.objectives[0].phases).toEqual([
      { from: '2027-01-01', fromSeconds: Date.UTC(2027, 0, 1) / 1000, target: '0.995' },
      { from: '2027-04-01', fromSeconds: Date.UTC(2027, 3, 1) / 1000, target: '0.999' },
    ]);
    expect(sloToForm(slo!).phases).toEqual(phased().phases);
  });

  it('shows a bad date and phases out of order on the phases field', () => {
    const form = phased();
    form.phases[1].from = '2026-12-01';
    expect(fieldsOf(form)).toEqual([['phases', 'spec.objectives[0].phases[1].from']]);
    form.phases[1] = { from: 'soon', targetPercent: '101' };
    expect(fieldsOf(form).map(([field]) => field)).toEqual(['phases', 'phases']);
  });
});
