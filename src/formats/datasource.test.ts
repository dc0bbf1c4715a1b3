import { loadSloDocuments } from './load';
import { exportSlos } from './export';
import { validateSlo } from '../rules/validate';
import { datasourceOf, groupByDatasource } from '../slo/datasource';

const native = (datasource: string) => `apiVersion: burnrate.dev/v1
kind: ServiceLevelObjective
metadata:
  name: api-availability
spec:
  service: api
${datasource}  indicator:
    type: ratio
    total: http_requests_total{job="api"}
    bad: http_requests_total{job="api",code=~"5.."}
  objectives:
    - target: 99.9%
      window: 30d
`;

function loadOne(text: string) {
  const { slos, issues } = loadSloDocuments(text);
  expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
  expect(slos).toHaveLength(1);
  return slos[0].slo;
}

describe("an SLO's datasource", () => {
  it('is read from spec.datasource.uid and written back the same', () => {
    const slo = loadOne(native('  datasource:\n    uid: prom-eu-1\n'));
    expect(slo.datasourceUid).toBe('prom-eu-1');
    expect(exportSlos([slo], 'burnrate')).toContain('  datasource:\n    uid: prom-eu-1\n');
    expect(loadOne(exportSlos([slo], 'burnrate'))).toEqual(slo);
  });

  it('is left out when the SLO names none: the app default applies', () => {
    const slo = loadOne(native(''));
    expect(slo.datasourceUid).toBeUndefined();
    expect(exportSlos([slo], 'burnrate')).not.toContain('datasource');
    expect(datasourceOf(slo, 'default-prom')).toBe('default-prom');
  });

  it('travels through OpenSLO as a burnrate.dev annotation', () => {
    const slo = loadOne(native('  datasource:\n    uid: mimir_team-a\n'));
    const openslo = exportSlos([slo], 'openslo');
    expect(openslo).toContain('burnrate.dev/datasourceUid: mimir_team-a');
    expect(loadOne(openslo)).toEqual(slo);
  });

  it.each([
    ['a template variable', '${ds}'],
    ['a PromQL template', '{{ $labels.x }}'],
    ['too long', 'a'.repeat(41)],
    ['empty', ''],
  ])('refuses a uid that is %s, naming the field', (_, uid) => {
    const slo = { ...loadOne(native('')), datasourceUid: uid };
    expect(validateSlo(slo)).toEqual([expect.objectContaining({ path: 'spec.datasource.uid', severity: 'error' })]);
  });

  it('refuses a bad uid in an OpenSLO annotation, naming the annotation', () => {
    const openslo = exportSlos([loadOne(native('  datasource:\n    uid: good\n'))], 'openslo').replace(
      'burnrate.dev/datasourceUid: good',
      'burnrate.dev/datasourceUid: "bad uid"'
    );
    const { slos, issues } = loadSloDocuments(openslo);
    expect(slos).toEqual([]);
    expect(issues).toContainEqual(
      expect.objectContaining({
        path: 'metadata.annotations["burnrate.dev/datasourceUid"]',
        severity: 'error',
        message: expect.stringContaining('"bad uid"'),
      })
    );
  });

  it('groups SLOs by datasource in first-seen order, the default standing for those naming none', () => {
    const slos = [
      { name: 'a', datasourceUid: 'eu' },
      { name: 'b' },
      { name: 'c', datasourceUid: 'eu' },
      { name: 'd', datasourceUid: 'us' },
    ];
    expect([...groupByDatasource(slos, 'main')].map(([uid, group]) => [uid, group.map((s) => s.name)])).toEqual([
      ['eu', ['a', 'c']],
      ['main', ['b']],
      ['us', ['d']],
    ]);
  });
});
