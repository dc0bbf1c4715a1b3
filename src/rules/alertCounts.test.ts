import { makeSlo } from '../testing/fixtures';
import { expandTemplate } from '../testing/goTemplate';
import { burnAlertCounts } from './alertCounts';
import { buildRuleGroups, isAlertingRule } from './build';
import { renderRules, type GrafanaRuleGroup } from './output';

const BAD_1H = 'round(sum(sum_over_time(slo:bad_events:rate5m{slo_uid="checkout-availability"}[59m59s999ms])) * 30)';
const TOTAL_1H = 'round(sum(sum_over_time(slo:events:rate5m{slo_uid="checkout-availability"}[59m59s999ms])) * 30)';

describe('burnAlertCounts', () => {
  it('queries the counts of the long window in the Prometheus template', () => {
    const counts = burnAlertCounts(makeSlo(), 3600, 30);
    expect(counts.prometheus).toBe(
      `{{ with query "${BAD_1H.replace(/"/g, '\\"')}" }}{{ $bad := . | first | value }}` +
        `{{ with query "${TOTAL_1H.replace(/"/g, '\\"')}" }}` +
        '{{ humanize $bad }} of {{ . | first | value | humanize }} requests were bad in the last 1 hour. {{ end }}{{ end }}'
    );
    const answers: Record<string, number> = { [BAD_1H]: 37, [TOTAL_1H]: 1204 };
    expect(expandTemplate(counts.prometheus, { query: (promql) => answers[promql] })).toBe(
      '37 of 1.204k requests were bad in the last 1 hour. '
    );
    // Rules that do not record yet: no sentence.
    expect(expandTemplate(counts.prometheus, { query: () => undefined })).toBe('');
  });

  it("picks the alert's own group, its label values quoted by printf whatever they hold", () => {
    const slo = makeSlo();
    slo.indicator.groupBy = ['route', 'region'];
    const counts = burnAlertCounts(slo, 3600, 30);
    expect(counts.prometheus).toBe(
      '{{ with printf "round(sum by (route, region) (sum_over_time(slo:bad_events:rate5m{slo_uid=\\"checkout-availability\\",route=%q,region=%q}[59m59s999ms])) * 30)"' +
        ' $labels.route $labels.region | query }}{{ $bad := . | first | value }}' +
        '{{ with printf "round(sum by (route, region) (sum_over_time(slo:events:rate5m{slo_uid=\\"checkout-availability\\",route=%q,region=%q}[59m59s999ms])) * 30)"' +
        ' $labels.route $labels.region | query }}' +
        '{{ humanize $bad }} of {{ . | first | value | humanize }} requests were bad in the last 1 hour. {{ end }}{{ end }}'
    );
    const asked: string[] = [];
    const text = expandTemplate(counts.prometheus, {
      labels: { route: '/pay"{{ 1 }}\\', region: 'eu' },
      query: (promql) => {
        asked.push(promql);
        return promql.includes('bad_events') ? 2 : 950;
      },
    });
    expect(text).toBe('2 of 950 requests were bad in the last 1 hour. ');
    expect(asked[0]).toBe(
      'round(sum by (route, region) (sum_over_time(slo:bad_events:rate5m{slo_uid="checkout-availability",route="/pay\\"{{ 1 }}\\\\",region="eu"}[59m59s999ms])) * 30)'
    );
  });

  it('names what the SLI counts, and the window in words', () => {
    const slices = makeSlo({ timeSlices: { window: '1m', windowSeconds: 60, target: '0.95' } });
    expect(burnAlertCounts(slices, 21600, 30).grafana.sentence).toBe(
      '{{ humanize $values.C.Value }} of {{ humanize $values.D.Value }} slices were bad in the last 6 hours. '
    );
  });

  it('gives Grafana the counts as instant queries C and D of every group', () => {
    const slo = makeSlo();
    slo.indicator.groupBy = ['route'];
    const byRoute = (expr: string) => expr.replace('round(sum(', 'round(sum by (route) (');
    expect(burnAlertCounts(slo, 3600, 30).grafana.queries).toEqual([
      { refId: 'C', expr: byRoute(BAD_1H) },
      { refId: 'D', expr: byRoute(TOTAL_1H) },
    ]);
  });
});

describe('burn-rate alerts', () => {
  const groups = buildRuleGroups(makeSlo(), { evaluationInterval: '30s' });

  it('start their description with the counts of the long window', () => {
    const page = groups.flatMap((g) => g.rules).filter(isAlertingRule)[0];
    const answers: Record<string, number> = { [BAD_1H]: 37, [TOTAL_1H]: 1204 };
    expect(
      expandTemplate(page.annotations.description, {
        labels: { service: 'checkout', slo: 'checkout-availability' },
        query: (promql) => answers[promql],
      })
    ).toBe(
      '37 of 1.204k requests were bad in the last 1 hour. The error ratio of checkout / checkout-availability over the' +
        ' last 1h and 5m is above 14.4 times its error budget (target 99.9% over 30d). At this rate the whole budget lasts 2 d 2 h.'
    );
  });

  it('in Grafana, query the counts next to the condition and print them from $values', () => {
    const grafana = JSON.parse(renderRules(groups, 'grafana', { datasourceUid: 'prom' })) as GrafanaRuleGroup[];
    const page = grafana[0].rules[0];
    expect(page.condition).toBe('B');
    expect(page.data.map((d) => [d.refId, d.datasourceUid, d.model.expr])).toEqual([
      ['A', 'prom', expect.stringContaining('slo:bad_events:rate5m')],
      ['B', '__expr__', undefined],
      ['C', 'prom', BAD_1H],
      ['D', 'prom', TOTAL_1H],
    ]);
    expect(page.data[2].model).toEqual({ refId: 'C', expr: BAD_1H, instant: true, range: false });
    expect(
      expandTemplate(page.annotations.description, {
        labels: { service: 'checkout', slo: 'checkout-availability' },
        values: { C: 37, D: 1204 },
      })
    ).toMatch(/^37 of 1\.204k requests were bad in the last 1 hour\. The error ratio of checkout \//);
  });
});
