import { readFileSync } from 'fs';
import { join } from 'path';
import { loadSloDocuments, SUPPORTED_DOCUMENTS, type FileIssue, type SloFormat } from './load';

const NATIVE = `apiVersion: burnrate.dev/v1
kind: ServiceLevelObjective
metadata:
  name: api-availability
spec:
  service: api
  indicator:
    type: ratio
    total: http_requests_total{job="api"}
    bad: http_requests_total{job="api",code=~"5.."}
  objectives:
    - target: 99.9%
      window: 30d
`;

const OPENSLO = `apiVersion: openslo/v1
kind: SLO
metadata:
  name: web-availability
spec:
  service: web
  indicator:
    metadata:
      name: web-errors
    spec:
      ratioMetric:
        counter: true
        bad:
          metricSource:
            type: Prometheus
            spec:
              query: http_requests_total{job="web",code=~"5.."}
        total:
          metricSource:
            type: Prometheus
            spec:
              query: http_requests_total{job="web"}
  timeWindow:
    - duration: 28d
      isRolling: true
  budgetingMethod: Occurrences
  objectives:
    - target: 0.995
`;

const SLOTH_FILE = `version: prometheus/v1
service: cart
slos:
  - name: availability
    objective: 99.5
    sli:
      events:
        error_query: sum(rate(cart_errors_total[{{.window}}]))
        total_query: sum(rate(cart_requests_total[{{.window}}]))
    alerting:
      page_alert:
        disable: true
      ticket_alert:
        disable: true
`;

const SLOTH_CRD = `apiVersion: sloth.slok.dev/v1
kind: PrometheusServiceLevel
metadata:
  name: cart
spec:
  service: cart
  slos:
    - name: availability
      objective: 99.5
      sli:
        events:
          errorQuery: sum(rate(cart_errors_total[{{.window}}]))
          totalQuery: sum(rate(cart_requests_total[{{.window}}]))
      alerting: {}
`;

const PYRRA = `apiVersion: pyrra.dev/v1alpha1
kind: ServiceLevelObjective
metadata:
  name: cart-errors
spec:
  target: "99.5"
  window: 4w
  indicator:
    ratio:
      errors:
        metric: cart_requests_total{code=~"5.."}
      total:
        metric: cart_requests_total
  alerting:
    absent: false
`;

describe('loadSloDocuments: format detection', () => {
  it.each<{ name: string; text: string; format: SloFormat; slo: string }>([
    { name: 'native burnrate.dev/v1', text: NATIVE, format: 'burnrate', slo: 'api-availability' },
    { name: 'OpenSLO v1', text: OPENSLO, format: 'openslo', slo: 'web-availability' },
    { name: 'a Sloth prometheus/v1 file', text: SLOTH_FILE, format: 'sloth', slo: 'cart-availability' },
    { name: 'a Sloth PrometheusServiceLevel', text: SLOTH_CRD, format: 'sloth', slo: 'cart-availability' },
    { name: 'a Pyrra ServiceLevelObjective', text: PYRRA, format: 'pyrra', slo: 'cart-errors' },
  ])('$name', ({ text, format, slo }) => {
    const result = loadSloDocuments(text);
    expect(result.issues).toEqual([]);
    expect(result.slos.map((s) => ({ format: s.format, name: s.slo.name, document: s.document }))).toEqual([
      { format, name: slo, document: 0 },
    ]);
  });

  it('reads a file that mixes formats, keeping document order', () => {
    const result = loadSloDocuments([PYRRA, OPENSLO, NATIVE, SLOTH_FILE].join('---\n'));
    expect(result.issues).toEqual([]);
    expect(result.slos.map((s) => [s.document, s.format, s.slo.name])).toEqual([
      [0, 'pyrra', 'cart-errors'],
      [1, 'openslo', 'web-availability'],
      [2, 'burnrate', 'api-availability'],
      [3, 'sloth', 'cart-availability'],
    ]);
  });

  it('reads each item of a Kubernetes List', () => {
    const list = readFileSync(join(__dirname, 'testdata', 'sloth-crd.yaml'), 'utf8')
      .split('\n')
      .map((line) => `  ${line}`)
      .join('\n')
      .replace(/^ {2}apiVersion/m, '- apiVersion');
    const result = loadSloDocuments(`apiVersion: v1\nkind: List\nitems:\n${list}\n`);
    expect(result.slos.map((s) => s.slo.name)).toEqual(['search-query-errors', 'search-index-freshness']);
    expect(result.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(result.issues.map((i) => i.path)).toEqual([
      'items[0].spec.slos[0].alerting.name',
      'items[0].spec.slos[1].alerting.name',
    ]);
  });
});

describe('loadSloDocuments: documents it does not read', () => {
  it.each<{ name: string; text: string; issue: Omit<FileIssue, 'document'>; more?: FileIssue[] }>([
    {
      name: 'a Prometheus rule CRD',
      text: 'apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nmetadata: {name: x}\n',
      issue: {
        path: 'apiVersion',
        message: `unknown document type (apiVersion "monitoring.coreos.com/v1", kind "PrometheusRule"). Burnrate reads: ${SUPPORTED_DOCUMENTS}`,
        severity: 'error',
        slo: 'x',
      },
    },
    {
      name: 'a mapping with no apiVersion',
      text: 'service: api\nobjective: 99.9\n',
      issue: {
        path: 'apiVersion',
        message: `is missing, so the format is unknown. Burnrate reads: ${SUPPORTED_DOCUMENTS}`,
        severity: 'error',
      },
    },
    {
      name: 'an OpenSLO kind that does not exist',
      text: 'apiVersion: openslo/v1\nkind: Dashboard\nmetadata: {name: d}\n',
      issue: {
        path: 'kind',
        message:
          'openslo/v1 has no kind "Dashboard" that Burnrate reads (expected SLO, SLI, Service, AlertPolicy, AlertCondition, AlertNotificationTarget, DataSource)',
        severity: 'error',
        slo: 'd',
      },
    },
    {
      name: 'OpenSLO v1alpha',
      text: 'apiVersion: openslo/v1alpha\nkind: Service\nmetadata: {name: old}\n',
      issue: {
        path: 'apiVersion',
        message:
          'OpenSLO openslo/v1alpha is not supported: Burnrate reads openslo/v1 (convert the file with the OpenSLO tool oslo)',
        severity: 'error',
        slo: 'old',
      },
    },
    {
      name: 'another Sloth file version',
      text: 'version: prometheus/v2\nservice: x\nslos: []\n',
      issue: {
        path: 'version',
        message: 'Sloth file version "prometheus/v2" is not supported: Burnrate reads "version: prometheus/v1"',
        severity: 'error',
      },
    },
    {
      name: 'a native document of another kind',
      text: 'apiVersion: burnrate.dev/v1\nkind: Service\nmetadata: {name: api}\n',
      issue: {
        path: 'kind',
        message: 'burnrate.dev/v1 has no kind "Service" that Burnrate reads (expected ServiceLevelObjective)',
        severity: 'error',
        slo: 'api',
      },
    },
    {
      name: 'a list of things that are not documents',
      text: '- just\n- [text]\n',
      issue: { path: '[0]', message: 'expected a mapping, got string "just"', severity: 'error' },
      more: [{ path: '[1]', message: 'expected a mapping, got a list', severity: 'error', document: 0 }],
    },
    {
      name: 'a scalar',
      text: 'just some text\n',
      issue: {
        path: '',
        message: 'expected a mapping (an SLO document) or a list of them, got string "just some text"',
        severity: 'error',
      },
    },
  ])('$name', ({ text, issue, more }) => {
    expect(loadSloDocuments(text)).toEqual({ slos: [], issues: [{ ...issue, document: 0 }, ...(more ?? [])] });
  });
});

describe('loadSloDocuments: YAML', () => {
  it('returns no SLO at all when any document has a syntax error', () => {
    const text = `${NATIVE}---\nmetadata: {name: [a\nspec: 1\n---\n${PYRRA}`;
    expect(loadSloDocuments(text)).toEqual({
      slos: [],
      issues: [
        {
          path: 'line 16',
          message: 'Flow sequence in block collection must be sufficiently indented and end with a ] (column 1)',
          severity: 'error',
          document: 1,
        },
        {
          path: 'line 16',
          message: 'Flow map in block collection must be sufficiently indented and end with a } (column 1)',
          severity: 'error',
          document: 1,
        },
      ],
    });
  });

  it('refuses duplicate keys', () => {
    expect(loadSloDocuments('apiVersion: openslo/v1\napiVersion: openslo/v1\n')).toEqual({
      slos: [],
      issues: [{ path: 'line 2', message: 'Map keys must be unique (column 1)', severity: 'error', document: 0 }],
    });
  });

  it('skips empty documents, keeping the index of the others', () => {
    const result = loadSloDocuments(`---\n# nothing here\n---\n${PYRRA}---\n`);
    expect(result.issues).toEqual([]);
    expect(result.slos.map((s) => [s.document, s.slo.name])).toEqual([[1, 'cart-errors']]);
  });

  it('refuses an alias bomb', () => {
    const letters = 'abcdefghijklm';
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < letters.length; i++) {
      lines.push(
        `${letters[i]}: &${letters[i]} [${Array(9)
          .fill(`*${letters[i - 1]}`)
          .join(', ')}]`
      );
    }
    expect(loadSloDocuments(lines.join('\n'))).toEqual({
      slos: [],
      issues: [
        {
          path: '',
          message: 'Excessive alias count indicates a resource exhaustion attack',
          severity: 'error',
          document: 0,
        },
      ],
    });
  });

  it('says plainly that an empty file holds no SLO', () => {
    expect(loadSloDocuments('')).toEqual({
      slos: [],
      issues: [{ path: '', message: 'holds no SLO: nothing to make rules from', severity: 'error' }],
    });
  });
});

describe('loadSloDocuments: issues', () => {
  it('names the document and the SLO of each issue, and returns native SLOs with errors for validation', () => {
    const broken = NATIVE.replace('target: 99.9%', 'target: 1').replace('api-availability', 'api-broken');
    const result = loadSloDocuments([NATIVE, broken].join('---\n'));
    expect(result.slos.map((s) => s.slo.name)).toEqual(['api-availability', 'api-broken']);
    expect(result.issues).toEqual([
      {
        path: 'spec.objectives[0].target',
        message:
          '1 leaves no error budget (every error would be an outage and burn rates would be infinite); use a target below 100%, such as 99.95% (0.9995)',
        severity: 'error',
        document: 1,
        slo: 'api-broken',
      },
    ]);
  });

  it('reports the same OpenSLO name twice in a file', () => {
    const result = loadSloDocuments([OPENSLO, OPENSLO].join('---\n'));
    expect(result.slos.map((s) => s.document)).toEqual([0]);
    expect(result.issues).toEqual([
      {
        path: 'metadata.name',
        message: 'document 0 already defines the SLO "web-availability": names must be unique per kind',
        severity: 'error',
        document: 1,
        slo: 'web-availability',
      },
    ]);
  });

  it('reports a structural error of a foreign format with its path', () => {
    const result = loadSloDocuments(PYRRA.replace('  window: 4w\n', ''));
    expect(result).toEqual({
      slos: [],
      issues: [
        { path: 'spec.window', message: 'is required (string)', severity: 'error', document: 0, slo: 'cart-errors' },
      ],
    });
  });

  it('names the Sloth SLO of a structural error', () => {
    const result = loadSloDocuments(SLOTH_FILE.replace('objective: 99.5', 'objective: [99.5]'));
    expect(result).toEqual({
      slos: [],
      issues: [
        {
          path: 'slos[0].objective',
          message: 'must be a number or a string, got a list',
          severity: 'error',
          document: 0,
          slo: 'cart-availability',
        },
      ],
    });
  });

  it('reads Sloth windows other than 30d when told', () => {
    const result = loadSloDocuments(SLOTH_FILE, { slothWindow: '7d' });
    expect(result.slos[0].slo.objectives).toEqual([
      { target: '0.995', window: { kind: 'rolling', duration: '7d', seconds: 7 * 86400 } },
    ]);
  });
});
