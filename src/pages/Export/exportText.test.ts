import { makeSlo } from '../../testing/fixtures';
import { DEFAULT_SETTINGS } from '../../settings';
import { exportSlos } from '../../formats/export';
import { applyGroupPattern, parseLabelPairs, renderExport } from './exportText';

jest.mock('../../api/datasources', () => ({
  findDatasource: (uid: string) => (uid === 'prom-eu' ? { uid, name: 'Prometheus EU', type: 'prometheus' } : undefined),
}));

describe('renderExport', () => {
  it('writes native YAML through the core', () => {
    expect(renderExport([makeSlo()], 'burnrate', DEFAULT_SETTINGS)).toBe(exportSlos([makeSlo()], 'burnrate'));
  });

  it('names rule groups by the pattern and the mimir namespace by the settings', () => {
    const text = renderExport([makeSlo()], 'mimir', {
      ...DEFAULT_SETTINGS,
      ruleNamespace: 'slos',
      ruleGroupPattern: 'slo-{{uid}}',
    });
    expect(text.startsWith('namespace: slos\ngroups:\n  - name: slo-checkout-availability\n')).toBe(true);
    expect(text).toContain('  - name: slo-checkout-availability-rollup\n');
  });

  it('applyGroupPattern keeps other names', () => {
    expect(applyGroupPattern([{ name: 'other', interval: '1m', rules: [] }], 'a', 'x-{{uid}}')[0].name).toBe('other');
  });
});

describe('renderExport, more formats', () => {
  it('puts the namespace and labels of the PrometheusRule where the operator reads them', () => {
    const text = renderExport([makeSlo()], 'prometheus-rule', DEFAULT_SETTINGS, {
      namespace: 'monitoring',
      labels: 'release=kube-prometheus, role="slo"',
    });
    expect(text).toContain('  namespace: monitoring\n');
    expect(text).toContain('    release: kube-prometheus\n    role: slo\n');
  });

  it('names a malformed label pair', () => {
    expect(() =>
      renderExport([makeSlo()], 'prometheus-rule', DEFAULT_SETTINGS, { namespace: '', labels: 'a=b, oops' })
    ).toThrow('PrometheusRule labels: "oops" is not key=value');
  });

  it('writes one importable dashboard for one SLO and an array for several', () => {
    const one = JSON.parse(renderExport([makeSlo()], 'dashboard', DEFAULT_SETTINGS));
    expect(one.title).toContain('Checkout availability');
    expect(Array.isArray(one.panels)).toBe(true);
    const two = JSON.parse(renderExport([makeSlo(), makeSlo({ name: 'b', uid: 'b' })], 'dashboard', DEFAULT_SETTINGS));
    expect(two).toHaveLength(2);
  });

  it("starts each dashboard's datasource variable on its SLO's datasource, the default for the others", () => {
    const slos = [makeSlo({ datasourceUid: 'eu-prom' }), makeSlo({ name: 'b', uid: 'b' })];
    const dashboards = JSON.parse(
      renderExport(slos, 'dashboard', { ...DEFAULT_SETTINGS, datasourceUid: 'default-prom' })
    ) as Array<{ templating: { list: Array<{ name: string; current: { value: string } }> } }>;
    const datasourceOf = (d: (typeof dashboards)[number]) => d.templating.list.find((v) => v.name === 'ds')?.current;
    expect(dashboards.map(datasourceOf)).toEqual([{ value: 'eu-prom' }, { value: 'default-prom' }]);
  });
});

describe('parseLabelPairs', () => {
  it('reads pairs and ignores empty ones', () => {
    expect(parseLabelPairs('a=1,, b = two ')).toEqual({ labels: { a: '1', b: 'two' } });
  });
});

describe('renderExport on several datasources', () => {
  const settings = { ...DEFAULT_SETTINGS, datasourceUid: 'prom' };
  const main = makeSlo();
  const eu = makeSlo({ name: 'eu', uid: 'eu', datasourceUid: 'prom-eu' });

  it.each(['prometheus', 'prometheus-rule', 'mimir'] as const)(
    'refuses one %s file for SLOs on two datasources, counting each',
    (format) => {
      expect(() => renderExport([main, eu, eu], format, settings)).toThrow(
        'The chosen SLOs are on 2 datasources (prom: 1 SLO, Prometheus EU: 2 SLOs), and a rule file runs on one ' +
          'Prometheus or ruler: choose a datasource'
      );
      expect(renderExport([eu], format, settings)).toContain('slo_uid: eu');
    }
  );

  it("writes Grafana-managed alerts that each query their own SLO's datasource", () => {
    const groups = JSON.parse(renderExport([main, eu], 'grafana', settings)) as Array<{
      title: string;
      rules: Array<{ data: Array<{ datasourceUid: string }> }>;
    }>;
    expect(
      groups.map((g) => [g.title, [...new Set(g.rules.flatMap((r) => r.data.map((d) => d.datasourceUid)))].sort()])
    ).toEqual([
      ['burnrate-checkout-availability', ['__expr__', 'prom']],
      ['burnrate-eu', ['__expr__', 'prom-eu']],
    ]);
  });
});
