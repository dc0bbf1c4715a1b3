import { makeSlo } from '../../testing/fixtures';
import { emptyForm, evaluateForm, evaluateYaml, formToYaml, sloToForm, type SloFormState } from './sloForm';

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

  it('round-trips an SLO through the form', () => {
    const base = makeSlo({ labels: { team: 'payments' } });
    expect(evaluateForm(sloToForm(base), { base }).slo).toEqual(base);
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
