import fc from 'fast-check';
import YAML from 'yaml';
import { hostileSlo } from '../testing/hostileSlo';
import { parseNativeDocument } from './native';
import type { Slo } from '../slo/types';
import { exportSlos } from './export';
import { loadSloDocuments } from './load';
import { validateSlo } from '../rules/validate';

const labels = { team: 'payments' };
const availability: Slo = {
  name: 'checkout-availability',
  uid: 'checkout-availability',
  service: 'checkout',
  labels,
  indicator: {
    type: 'ratio',
    total: 'http_requests_total{job="checkout"}',
    bad: 'http_requests_total{job="checkout",code=~"5.."}',
    groupBy: [],
  },
  objectives: [{ target: '0.999', window: { kind: 'rolling', duration: '30d', seconds: 30 * 86400 } }],
  alerting: { enabled: true, labels: {} },
  annotations: {},
};
const latency: Slo = {
  ...availability,
  name: 'checkout-latency',
  uid: 'checkout-latency',
  labels,
  indicator: {
    type: 'latency',
    histogram: 'http_request_duration_seconds{job="checkout"}',
    threshold: '0.3',
    native: false,
    groupBy: [],
  },
  objectives: [{ target: '0.95', window: { kind: 'calendar', unit: 'week' } }],
};
const LONG_QUERY =
  'sum by (cluster) (rate(http_requests_total{job="checkout",route!~"/health|/ready|/metrics",code=~"5..",cluster=~"eu-.*|us-.*"}[{{.window}}])) ' +
  'unless on (cluster) (maintenance_window_active == 1)';
const advanced: Slo = {
  ...availability,
  name: 'search-errors',
  uid: 'search-errors',
  service: 'search',
  labels: {},
  indicator: {
    type: 'advanced',
    total: 'sum by (cluster) (rate(http_requests_total{job="search"}[{{.window}}]))',
    bad: LONG_QUERY,
    groupBy: ['cluster'],
  },
};

const withPolicy: Slo = {
  ...availability,
  name: 'checkout-errors',
  uid: 'checkout-errors',
  budgetPolicy: {
    actions: { healthy: [], critical: ['investigate', 'escalate'], exhausted: ['freeze-features'] },
    notes: { exhausted: 'The payments lead approves exceptions: "only fixes".' },
  },
};

describe('exportSlos', () => {
  it('gives nothing for no SLOs', () => {
    expect(exportSlos([], 'openslo')).toBe('');
    expect(exportSlos([], 'burnrate')).toBe('');
  });

  it('writes native documents', () => {
    expect(exportSlos([availability, latency], 'burnrate')).toBe(
      [
        'apiVersion: burnrate.dev/v1',
        'kind: ServiceLevelObjective',
        'metadata:',
        '  name: checkout-availability',
        'spec:',
        '  service: checkout',
        '  labels:',
        '    team: payments',
        '  indicator:',
        '    type: ratio',
        '    total: http_requests_total{job="checkout"}',
        '    bad: http_requests_total{job="checkout",code=~"5.."}',
        '  objectives:',
        '    - target: 0.999',
        '      window: 30d',
        '---',
        'apiVersion: burnrate.dev/v1',
        'kind: ServiceLevelObjective',
        'metadata:',
        '  name: checkout-latency',
        'spec:',
        '  service: checkout',
        '  labels:',
        '    team: payments',
        '  indicator:',
        '    type: latency',
        '    histogram: http_request_duration_seconds{job="checkout"}',
        '    threshold: 0.3',
        '  objectives:',
        '    - target: 0.95',
        '      window: week',
        '',
      ].join('\n')
    );
  });

  it('writes each OpenSLO Service once, before the first SLO of the service', () => {
    const text = exportSlos([availability, advanced, latency], 'openslo');
    const kinds = text
      .split('---\n')
      .map((doc) => /^kind: (\w+)$/m.exec(doc)?.[1] + ' ' + /^ {2}name: (\S+)$/m.exec(doc)?.[1]);
    expect(kinds).toEqual([
      'Service checkout',
      'SLO checkout-availability',
      'Service search',
      'SLO search-errors',
      'SLO checkout-latency',
    ]);
  });

  it.each(['openslo', 'burnrate'] as const)('never folds PromQL or writes YAML aliases (%s)', (to) => {
    const text = exportSlos([availability, latency, advanced], to);
    expect(text).toContain(`${LONG_QUERY}\n`);
    expect(text).not.toMatch(/[&*]a\d/);
  });

  it('writes the budget policy as the user wrote it, with no default filled in', () => {
    const written = [
      'apiVersion: burnrate.dev/v1',
      'kind: ServiceLevelObjective',
      'metadata:',
      '  name: checkout-errors',
      'spec:',
      '  service: checkout',
      '  indicator:',
      '    type: ratio',
      '    total: http_requests_total{job="checkout"}',
      '    bad: http_requests_total{job="checkout",code=~"5.."}',
      '  objectives:',
      '    - target: 0.999',
      '      window: 30d',
      '  budgetPolicy:',
      '    healthy: []',
      '    critical:',
      '      - investigate',
      '      - escalate',
      '    exhausted:',
      '      - freeze-features',
      '    notes:',
      '      exhausted: \'The payments lead approves exceptions: "only fixes".\'',
      '',
    ].join('\n');
    const loaded = loadSloDocuments(written);
    expect(loaded.issues).toEqual([]);
    expect(loaded.slos.map((s) => s.slo)).toEqual([{ ...withPolicy, labels: {} }]);
    expect(exportSlos([loaded.slos[0].slo], 'burnrate')).toBe(written);
  });

  it('carries the budget policy in an OpenSLO annotation', () => {
    const text = exportSlos([withPolicy], 'openslo');
    expect(YAML.parse(text.split('---\n')[1]).metadata.annotations).toEqual({
      'burnrate.dev/budgetPolicy':
        '{"healthy":[],"critical":["investigate","escalate"],"exhausted":["freeze-features"],"notes":{"exhausted":"The payments lead approves exceptions: \\"only fixes\\"."}}',
    });
  });

  it.each(['openslo', 'burnrate'] as const)('keeps text that reads like a template as it is (%s)', (to) => {
    // The SLO is the source: the rules escape its text where they make alerts, exports never do.
    const templated: Slo = {
      ...availability,
      service: 'checkout{{ 40 + 2 }}',
      labels: { team: '{{ query "up" }}' },
      alerting: { enabled: true, labels: { route: '{{ unclosed' } },
      annotations: { runbook: 'https://runbooks.example.com/{{ $value }}?q=$value' },
    };
    const text = exportSlos([templated], to);
    expect(text).toContain('checkout{{ 40 + 2 }}');
    expect(text).not.toContain('{{ "{{" }}');
    expect(loadSloDocuments(text).slos.map((s) => s.slo)).toEqual([templated]);
  });

  it.each(['burnrate', 'openslo'] as const)('reads back SLOs with any text and numbers (%s)', (to) => {
    fc.assert(
      fc.property(hostileSlo, ({ document }) => {
        const parsed = parseNativeDocument(document);
        const issues = [...parsed.issues, ...(parsed.slo ? validateSlo(parsed.slo) : [])];
        if (!parsed.slo || issues.some((issue) => issue.severity === 'error')) {
          return;
        }
        const text = exportSlos([parsed.slo], to);
        const result = loadSloDocuments(text);
        expect(result.issues.filter((issue) => issue.severity === 'error')).toEqual([]);
        expect(result.slos.map((s) => s.slo)).toEqual([parsed.slo]);
        if (to === 'openslo') {
          // Every object named as OpenSLO names them, whatever the SLO's name and service.
          for (const doc of YAML.parseAllDocuments(text)) {
            expect(doc.toJS().metadata.name).toMatch(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/);
          }
        }
      }),
      { numRuns: 300, seed: 19 }
    );
  });

  it('writes names that are no DNS labels as OpenSLO names, and the text itself beside them', () => {
    const slo: Slo = {
      ...availability,
      name: 'Checkout.Availability',
      uid: 'Checkout.Availability',
      service: 'Checkout API',
    };
    const [service, sloDocument] = exportSlos([slo], 'openslo')
      .split('---\n')
      .map((d) => YAML.parse(d));
    expect(service.metadata).toEqual({
      name: expect.stringMatching(/^checkout-api-[0-9a-f]{8}$/),
      displayName: 'Checkout API',
    });
    expect(sloDocument.metadata.name).toMatch(/^checkout-availability-[0-9a-f]{8}$/);
    expect(sloDocument.spec.service).toBe(service.metadata.name);
    expect(sloDocument.metadata.annotations).toMatchObject({
      'burnrate.dev/name': 'Checkout.Availability',
      'burnrate.dev/service': 'Checkout API',
    });
  });

  it('keeps a target a YAML number would round in an annotation, and ignores one that is not the number', () => {
    const slo: Slo = {
      ...availability,
      objectives: [{ ...availability.objectives[0], target: '0.99999999999999999' }],
    };
    const text = exportSlos([slo], 'openslo');
    expect(text).toContain('burnrate.dev/target: "0.99999999999999999"');
    expect(text).toContain('- target: 1\n');
    expect(loadSloDocuments(text).slos[0].slo.objectives[0].target).toBe('0.99999999999999999');
    const edited = loadSloDocuments(text.replace('target: 1', 'target: 0.99'));
    expect(edited.slos[0].slo.objectives[0].target).toBe('0.99');
    expect(edited.issues.map((i) => `${i.path}: ${i.message}`)).toContainEqual(
      expect.stringContaining('metadata.annotations["burnrate.dev/target"]: ignored')
    );
  });

  it.each(['openslo', 'burnrate'] as const)('reads back what it writes (%s)', (to) => {
    const slos = [availability, latency, advanced, withPolicy];
    const result = loadSloDocuments(exportSlos(slos, to));
    expect(result.issues).toEqual([]);
    expect(result.slos.map((s) => s.slo)).toEqual(slos);
    expect(result.slos.every((s) => s.format === to)).toBe(true);
  });
});
