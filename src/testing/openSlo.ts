/** The OpenSLO documents and Slos the tests of formats/openslo start from. */
import YAML from 'yaml';
import type { RatioIndicator, Slo } from '../slo/types';
import { loadSloDocuments, type FileIssue } from '../formats/load';

export const rolling = (duration: string, seconds: number) => ({ kind: 'rolling' as const, duration, seconds });
export const DAYS_30 = rolling('30d', 30 * 86400);
export const DAYS_28 = rolling('28d', 28 * 86400);

/** A small valid OpenSLO SLO; cases change it. */
export function baseSlo(): Record<string, unknown> & {
  metadata: Record<string, unknown>;
  spec: Record<string, unknown>;
} {
  return {
    apiVersion: 'openslo/v1',
    kind: 'SLO',
    metadata: { name: 'api-availability' },
    spec: {
      service: 'api',
      indicator: {
        metadata: { name: 'api-errors' },
        spec: {
          ratioMetric: {
            counter: true,
            bad: {
              metricSource: { type: 'Prometheus', spec: { query: 'http_requests_total{job="api",code=~"5.."}' } },
            },
            total: { metricSource: { type: 'Prometheus', spec: { query: 'http_requests_total{job="api"}' } } },
          },
        },
      },
      timeWindow: [{ duration: '30d', isRolling: true }],
      budgetingMethod: 'Occurrences',
      objectives: [{ target: 0.999 }],
    },
  };
}

export type Doc = ReturnType<typeof baseSlo>;
export const ratioMetric = (doc: Doc) =>
  ((doc.spec.indicator as { spec: Record<string, unknown> }).spec.ratioMetric ?? {}) as Record<string, unknown>;

export const BASE_INDICATOR: RatioIndicator = {
  type: 'ratio',
  total: 'http_requests_total{job="api"}',
  bad: 'http_requests_total{job="api",code=~"5.."}',
  groupBy: [],
};

export const BASE_SLO: Slo = {
  name: 'api-availability',
  uid: 'api-availability',
  service: 'api',
  labels: {},
  indicator: BASE_INDICATOR,
  objectives: [{ target: '0.999', window: DAYS_30 }],
  alerting: { enabled: true, labels: {} },
  annotations: {},
};

export function load(docs: unknown[]) {
  return loadSloDocuments(docs.map((d) => YAML.stringify(d)).join('---\n'));
}

export const issue = (
  path: string,
  message: string,
  severity: FileIssue['severity'] = 'error',
  document = 0
): FileIssue => ({
  path,
  message,
  severity,
  document,
  slo: 'api-availability',
});
