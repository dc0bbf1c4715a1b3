import type { BackendSrvRequest } from '@grafana/runtime';
import { DEFAULT_SETTINGS } from '../settings';
import { makeSlo } from '../testing/fixtures';
import { useRoutes as use } from '../testing/backendSrv';
import { FakeConvertApi } from '../testing/convertServer';
import { SLO_LABELS, SLO_METRICS } from '../promql/slo';
import { RECORDED_RULES_INFO_EXPR } from '../promql/rulesInfo';
import { desiredGroups } from './ruler';
import { loadRulesWhere } from './rulesWhere';

const mockConfig = {
  buildInfo: { version: '12.2.0' },
  unifiedAlertingEnabled: true,
  unifiedAlerting: { recordingRulesEnabled: true },
  featureToggles: { grafanaManagedRecordingRules: true, grafanaManagedRecordingRulesDatasources: true } as Record<
    string,
    boolean
  >,
};
jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('../testing/backendSrv').fakeRuntime,
  // Read when the code asks, after this file's constants exist.
  get config() {
    return mockConfig;
  },
  hasPermission: () => true,
}));

const settings = { ...DEFAULT_SETTINGS, datasourceUid: 'prom', ruleNamespace: 'burnrate' };
const managed = makeSlo({ uid: 'managed', name: 'managed' });
const fromFile = makeSlo({ uid: 'file', name: 'file' });
const oldFile = makeSlo({ uid: 'old-file', name: 'old-file' });
const idle = makeSlo({ uid: 'idle', name: 'idle' });
const slos = [managed, fromFile, oldFile, idle];

function fingerprintOf(slo: typeof managed): string {
  const info = desiredGroups(slo, settings)
    .flatMap((g) => g.rules)
    .find((r) => r.record === SLO_METRICS.rulesInfo);
  return info!.labels![SLO_LABELS.rulesFingerprint];
}

function frame(uid: string, fingerprint: string) {
  return {
    schema: {
      fields: [
        { name: 'Time' },
        { name: 'Value', type: 'number', labels: { slo_uid: uid, rules_fingerprint: fingerprint } },
      ],
    },
    data: { values: [[1], [1]] },
  };
}

function useFakeGrafana(api: FakeConvertApi) {
  return use([
    [
      'GET',
      '/api/convert/prometheus/config/v1/rules',
      (request: BackendSrvRequest) => {
        const answer = api.handle({ method: 'GET', path: request.url, headers: request.headers ?? {}, body: '' })!;
        return { status: answer.status, data: answer.data };
      },
    ],
    [
      'POST',
      '/api/ds/query',
      () => ({
        data: {
          results: {
            A: {
              frames: [
                frame('managed', fingerprintOf(managed)),
                frame('file', fingerprintOf(fromFile)),
                frame('old-file', 'an-earlier-fingerprint'),
              ],
            },
          },
        },
      }),
    ],
  ]);
}

describe('loadRulesWhere', () => {
  it('reads Grafana and Prometheus once for every SLO, and places each', async () => {
    const api = new FakeConvertApi({ datasourceUids: new Set(['prom']), recordingRulesEnabled: true });
    api.namespaces.set(
      'burnrate',
      desiredGroups(managed, settings).map((group) => ({ group, datasourceUid: 'prom', targetDatasourceUid: 'prom' }))
    );
    const calls = useFakeGrafana(api);
    const report = await loadRulesWhere(slos, settings);
    expect(calls.map((c) => `${c.method ?? 'GET'} ${c.url}`)).toEqual([
      'GET /api/convert/prometheus/config/v1/rules',
      'POST /api/ds/query',
    ]);
    expect((calls[1].data as { queries: Array<{ expr: string }> }).queries.map((q) => q.expr)).toEqual([
      RECORDED_RULES_INFO_EXPR,
    ]);
    expect(report.notes).toEqual([]);
    expect(report.facts.get('managed')).toEqual({
      grafana: expect.objectContaining({ status: 'up-to-date' }),
      recorded: 'current',
    });
    expect(report.facts.get('file')).toEqual({
      grafana: expect.objectContaining({ status: 'not-deployed' }),
      recorded: 'current',
    });
    expect(report.facts.get('old-file')?.recorded).toBe('outdated');
    expect(report.facts.get('idle')?.recorded).toBe('none');
  });

  it('sends nothing to Grafana when it is not set up for recording rules, and says so', async () => {
    mockConfig.unifiedAlerting.recordingRulesEnabled = false;
    try {
      const calls = useFakeGrafana(
        new FakeConvertApi({ datasourceUids: new Set(['prom']), recordingRulesEnabled: false })
      );
      const report = await loadRulesWhere(slos, settings);
      expect(calls.map((c) => c.url)).toEqual(['/api/ds/query']);
      expect(report.notes).toEqual(['Grafana-managed recording rules are not set up in this Grafana.']);
      expect(report.facts.get('managed')).toEqual({ recorded: 'current' });
    } finally {
      mockConfig.unifiedAlerting.recordingRulesEnabled = true;
    }
  });

  it('cancels with the signal', async () => {
    useFakeGrafana(new FakeConvertApi({ datasourceUids: new Set(['prom']), recordingRulesEnabled: true }));
    const controller = new AbortController();
    controller.abort();
    await expect(loadRulesWhere(slos, settings, controller.signal)).rejects.toThrow();
  });

  it("reads each SLO's recorded fingerprint on its own datasource; one that fails leaves its SLOs unknown", async () => {
    const eu = makeSlo({ uid: 'eu', name: 'eu', datasourceUid: 'prom-eu' });
    const us = makeSlo({ uid: 'us', name: 'us', datasourceUid: 'prom-us' });
    const asked: string[] = [];
    use([
      ['GET', '/api/convert/prometheus/config/v1/rules', () => ({ data: {} })],
      [
        'POST',
        '/api/ds/query',
        (request: BackendSrvRequest) => {
          const uid = (request.data as { queries: Array<{ datasource: { uid: string } }> }).queries[0].datasource.uid;
          asked.push(uid);
          if (uid === 'prom-us') {
            return { status: 502, data: { results: { A: { error: 'bad gateway' } } } };
          }
          // Each Prometheus answers for the SLO it holds; prom also holds a stray series of the eu SLO.
          return {
            data: {
              results: {
                A: {
                  frames:
                    uid === 'prom'
                      ? [frame('managed', fingerprintOf(managed)), frame('eu', 'stale-copy')]
                      : [frame('eu', fingerprintOf(eu))],
                },
              },
            },
          };
        },
      ],
    ]);
    const report = await loadRulesWhere([managed, eu, us], settings);
    expect(asked.sort()).toEqual(['prom', 'prom-eu', 'prom-us']);
    expect(report.facts.get('managed')?.recorded).toBe('current');
    expect(report.facts.get('eu')?.recorded).toBe('current');
    expect(report.facts.get('us')?.recorded).toBeUndefined();
    expect(report.notes).toEqual([expect.stringMatching(/^prom-us: .*bad gateway/)]);
  });
});
