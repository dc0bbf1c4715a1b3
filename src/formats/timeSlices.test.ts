import { readFileSync } from 'fs';
import { join } from 'path';
import YAML from 'yaml';
import type { Slo } from '../slo/types';
import { loadSloDocuments } from './load';
import { exportSlos } from './export';
import { toOpenSloDocuments } from './openslo';
import { parseNativeDocument, toNativeDocument } from './native';

const fixture = (name: string) => readFileSync(join(__dirname, 'testdata', name), 'utf8');

const latencyMinutes: Slo = {
  name: 'search-latency-minutes',
  uid: 'search-latency-minutes',
  displayName: 'Search latency (good minutes)',
  description: '99.5% of minutes have 99% of searches within 250 ms, over 28 days',
  service: 'search',
  labels: { team: 'discovery' },
  indicator: {
    type: 'latency',
    histogram: 'search_request_duration_seconds{job="search-api"}',
    threshold: '0.25',
    native: false,
    groupBy: [],
  },
  timeSlices: { window: '1m', windowSeconds: 60, target: '0.99' },
  objectives: [
    {
      target: '0.995',
      window: { kind: 'rolling', duration: '28d', seconds: 28 * 86400 },
      displayName: 'Fast minutes',
    },
  ],
  alerting: { enabled: true, labels: {} },
  annotations: {},
};

const freshnessSlices: Slo = {
  name: 'search-index-freshness',
  uid: 'search-index-freshness',
  service: 'search',
  labels: {},
  indicator: {
    type: 'threshold',
    expr: 'time() - search_index_last_build_timestamp_seconds{job="search-indexer"}',
    operator: '<',
    threshold: '900',
    groupBy: [],
  },
  timeSlices: { window: '5m', windowSeconds: 300 },
  objectives: [{ target: '0.99', window: { kind: 'calendar', unit: 'week' } }],
  alerting: { enabled: true, labels: {} },
  annotations: {},
};

describe('OpenSLO Timeslices', () => {
  it('imports a file written by another team: a ratio SLI by reference and an inline threshold SLI', () => {
    const result = loadSloDocuments(fixture('openslo-timeslices.yaml'));
    expect(result.issues).toEqual([]);
    expect(result.slos.map((s) => s.slo)).toEqual([latencyMinutes, freshnessSlices]);
  });

  it('exports budgetingMethod Timeslices with the slice window and target of the first objective', () => {
    const [, latency] = toOpenSloDocuments(latencyMinutes);
    const [, freshness] = toOpenSloDocuments(freshnessSlices);
    expect(latency.kind === 'SLO' && latency.spec.budgetingMethod).toBe('Timeslices');
    expect(latency.kind === 'SLO' && latency.spec.objectives).toEqual([
      { displayName: 'Fast minutes', target: 0.995, timeSliceTarget: 0.99, timeSliceWindow: '1m' },
    ]);
    // A threshold slice is good only when every data point met the condition: timeSliceTarget 1.
    expect(freshness.kind === 'SLO' && freshness.spec.objectives).toEqual([
      { target: 0.99, op: 'lt', value: 900, timeSliceTarget: 1, timeSliceWindow: '5m' },
    ]);
  });

  it.each([
    ['latency minutes', latencyMinutes],
    ['threshold slices', freshnessSlices],
  ])('round trips %s through OpenSLO and the native format', (_name, slo) => {
    for (const to of ['openslo', 'burnrate'] as const) {
      const result = loadSloDocuments(exportSlos([slo], to));
      expect(result.issues).toEqual([]);
      expect(result.slos.map((s) => s.slo)).toEqual([slo]);
    }
  });

  it('reads a threshold slice target below 1 as the share of data points that must meet the condition', () => {
    const text = fixture('openslo-timeslices.yaml').replace('timeSliceTarget: 1', 'timeSliceTarget: 0.7');
    const result = loadSloDocuments(text);
    const freshness = result.slos.find((s) => s.slo.indicator.type === 'threshold')?.slo;
    expect(freshness?.timeSlices).toEqual({ window: '5m', windowSeconds: 300, target: '0.7' });
    expect(result.issues.filter((i) => i.severity === 'error')).toEqual([]);
    // And back: the slice target is written as it was read.
    const exported = toOpenSloDocuments(freshness as Slo);
    expect(JSON.stringify(exported)).toContain('"timeSliceTarget":0.7');
  });
});

describe('OpenSLO RatioTimeslices', () => {
  const text = readFileSync(join(__dirname, 'testdata', 'peers', 'openslo-ratio-timeslices.yaml'), 'utf8');
  const imported = () => loadSloDocuments(text).slos.map((s) => s.slo);

  it('imports each slice scored by its good ratio, with the slice length of the first objective', () => {
    const result = loadSloDocuments(text);
    expect(result.issues).toEqual([]);
    expect(result.slos.map((s) => [s.slo.name, s.slo.timeSlices])).toEqual([
      ['basket-availability', { window: '1m', windowSeconds: 60, score: 'ratio' }],
      ['basket-errors', { window: '5m', windowSeconds: 300, score: 'ratio' }],
      ['basket-queue-depth', { window: '2m', windowSeconds: 120, score: 'ratio' }],
    ]);
  });

  it('exports budgetingMethod RatioTimeslices with the slice length and no slice target', () => {
    const [availability, , queue] = imported().map((slo) => toOpenSloDocuments(slo)[1]);
    expect(availability.kind === 'SLO' && availability.spec.budgetingMethod).toBe('RatioTimeslices');
    expect(availability.kind === 'SLO' && availability.spec.objectives).toEqual([
      { displayName: 'Mean good minute', target: 0.99, timeSliceWindow: '1m' },
    ]);
    expect(queue.kind === 'SLO' && queue.spec.objectives).toEqual([
      { target: 0.95, op: 'lte', value: 100, timeSliceWindow: '2m' },
    ]);
  });

  it('round trips through OpenSLO and the native format, and its OpenSLO export is stable', () => {
    const slos = imported();
    for (const to of ['openslo', 'burnrate'] as const) {
      const result = loadSloDocuments(exportSlos(slos, to));
      expect(result.issues).toEqual([]);
      expect(result.slos.map((s) => s.slo)).toEqual(slos);
    }
    const exported = exportSlos(slos, 'openslo');
    expect(
      exportSlos(
        loadSloDocuments(exported).slos.map((s) => s.slo),
        'openslo'
      )
    ).toBe(exported);
  });
});

describe('native timeSlices', () => {
  const document = (timeSlices: unknown) => ({
    apiVersion: 'burnrate.dev/v1',
    kind: 'ServiceLevelObjective',
    metadata: { name: 'api' },
    spec: {
      service: 'api',
      indicator: { type: 'ratio', total: 'http_requests_total', bad: 'http_requests_total{code="500"}' },
      timeSlices,
      objectives: [{ target: 0.999, window: '30d' }],
    },
  });

  it('reads the slice window normalised and the target exactly, and writes them back', () => {
    const { slo, issues } = parseNativeDocument(document({ window: '60s', target: '95%' }));
    expect(issues).toEqual([]);
    expect(slo?.timeSlices).toEqual({ window: '1m', windowSeconds: 60, target: '0.95' });
    const written = YAML.stringify(toNativeDocument(slo!));
    expect(written).toContain('timeSlices:\n    window: 1m\n    target: 0.95\n');
    expect(parseNativeDocument(YAML.parse(written)).slo).toEqual(slo);
  });

  it('reads score ratio without a target, and writes it back', () => {
    const { slo, issues } = parseNativeDocument(document({ window: '5m', score: 'ratio' }));
    expect(issues).toEqual([]);
    expect(slo?.timeSlices).toEqual({ window: '5m', windowSeconds: 300, score: 'ratio' });
    const written = YAML.stringify(toNativeDocument(slo!));
    expect(written).toContain('timeSlices:\n    window: 5m\n    score: ratio\n');
    expect(parseNativeDocument(YAML.parse(written)).slo).toEqual(slo);
  });

  it('refuses a score it does not know, by its path', () => {
    const { slo, issues } = parseNativeDocument(document({ window: '1m', score: 'mean' }));
    expect(slo).toBeUndefined();
    expect(issues.map((i) => i.path)).toEqual(['spec.timeSlices.score']);
  });

  it('takes a target of 1: a slice is good only without a bad event', () => {
    expect(parseNativeDocument(document({ window: '1m', target: 1 })).slo?.timeSlices?.target).toBe('1');
  });

  it.each([
    [
      { window: 'a minute', target: 0.95 },
      'spec.timeSlices.window',
      'must be a duration such as 1m or 5m, got "a minute"',
    ],
    [
      { window: '1m', target: 0 },
      'spec.timeSlices.target',
      'must be a ratio above 0 and at most 1 (or a percentage up to 100%), got 0.',
    ],
    [
      { window: '1m', target: '101%' },
      'spec.timeSlices.target',
      'must be a ratio above 0 and at most 1 (or a percentage up to 100%), got 101%.',
    ],
  ])('refuses %j', (timeSlices, path, message) => {
    const { slo, issues } = parseNativeDocument(document(timeSlices));
    expect(slo).toBeUndefined();
    expect(issues).toEqual([{ path, message, severity: 'error' }]);
  });

  it('refuses an unknown field of timeSlices by its path', () => {
    const { issues } = parseNativeDocument(document({ window: '1m', target: 0.95, length: '1m' }));
    expect(issues).toEqual([
      { path: 'spec.timeSlices.length', message: 'unknown field: remove or rename "length"', severity: 'error' },
    ]);
  });
});
