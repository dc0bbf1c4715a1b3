import pluginJson from '../plugin.json';
import { PLUGIN_BASE_URL, ROUTES } from '../constants';
import { APP_PATH, SLOS_ROUTE, sloPagePath } from '../slo/routes';
import { buildRuleGroups, isAlertingRule } from '../rules/build';
import { makeSlo } from '../testing/fixtures';
import { prefixRoute, sloEditUrl, sloUrl } from './utils.routing';

describe('the page of an SLO', () => {
  it('is where the app serves it: under the plugin id, below the SLO list route', () => {
    expect(APP_PATH).toBe(`/a/${pluginJson.id}`);
    expect(APP_PATH).toBe(PLUGIN_BASE_URL);
    expect(SLOS_ROUTE).toBe(ROUTES.Slos);
    expect(sloPagePath('checkout-availability')).toBe('/a/burnrate-slo-app/slos/checkout-availability');
    expect(sloUrl('checkout-availability')).toBe(`${prefixRoute(ROUTES.Slos)}/checkout-availability`);
    expect(sloEditUrl('team.checkout')).toBe('/a/burnrate-slo-app/slos/team.checkout/edit');
  });

  it('escapes a uid as one path segment', () => {
    expect(sloPagePath('a/b c')).toBe('/a/burnrate-slo-app/slos/a%2Fb%20c');
  });

  it('is the page the alert rules link to', () => {
    const slo = makeSlo({ annotations: {} });
    const links = buildRuleGroups(slo, { evaluationInterval: '30s', grafanaUrl: 'https://grafana.example.com/' })
      .flatMap((group) => group.rules)
      .filter(isAlertingRule)
      .map((rule) => rule.annotations?.dashboard_url);
    expect(links.length).toBeGreaterThan(0);
    expect(new Set(links)).toEqual(new Set([`https://grafana.example.com${sloUrl(slo.uid)}`]));
  });
});
