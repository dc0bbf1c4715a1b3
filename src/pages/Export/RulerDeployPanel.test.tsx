import React from 'react';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { DEFAULT_SETTINGS } from '../../settings';
import { makeSlo } from '../../testing/fixtures';
import { FakeRuler } from '../../testing/rulerServer';
import { RulerClient, type Transport } from '../../deploy/rulerClient';
import { testIds } from '../../components/testIds';
import { RulerDeployPanel } from './RulerDeployPanel';
import { desiredGroups } from '../../api/ruler';

const mockPermissions = new Set<string>();
let mockDatasources: string[] = [];
jest.mock('../../api/datasources', () => ({
  listPrometheusDatasources: () => mockDatasources.map((uid) => ({ uid, name: uid, type: 'prometheus' })),
  findDatasource: () => undefined,
}));
jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  hasPermission: (action: string) => mockPermissions.has(action),
}));

const settings = { ...DEFAULT_SETTINGS, datasourceUid: 'mimir', ruleNamespace: 'slos' };
const slos = [makeSlo(), makeSlo({ name: 'search', uid: 'search', service: 'search' })];

/** A ruler client whose requests a fake ruler answers, as Grafana's backend passes them on. */
function fakeClient(ruler: FakeRuler, uid: string, name: string): RulerClient {
  const transport: Transport = async ({ method, url, body }) =>
    ruler.handle(method, url, body === undefined ? undefined : JSON.parse(JSON.stringify(body)))!;
  return new RulerClient(transport, uid, name);
}

function setup(ruler: FakeRuler, uid = 'mimir') {
  const onDownload = jest.fn();
  render(
    <RulerDeployPanel
      chosen={slos}
      all={slos}
      settings={settings}
      clientFor={() => fakeClient(ruler, uid, uid === 'mimir' ? 'Mimir' : 'Prometheus')}
      onDownload={onDownload}
    />
  );
  return { onDownload };
}

describe('RulerDeployPanel', () => {
  beforeEach(() => {
    mockPermissions.clear();
    mockPermissions.add('alert.rules.external:read').add('alert.rules.external:write');
  });

  it('compares, shows the diff, deploys every group, and then finds nothing to deploy', async () => {
    const ruler = new FakeRuler(new Set(['mimir']));
    setup(ruler);
    fireEvent.click(screen.getByTestId(testIds.export.deploy.compare));
    const rows = await screen.findAllByTestId(testIds.export.deploy.change);
    expect(rows).toHaveLength(4);
    expect(within(rows[0]).getByText('New')).toBeInTheDocument();
    fireEvent.click(within(rows[0]).getByRole('button', { name: 'Show diff' }));
    expect(screen.getByText(/\+ name: burnrate-checkout-availability$/)).toBeInTheDocument();
    fireEvent.click(screen.getByTestId(testIds.export.deploy.apply));
    await waitFor(() => expect(screen.getAllByTestId(testIds.export.deploy.result)).toHaveLength(4));
    expect(screen.getByText('The ruler has every group of the chosen SLOs.')).toBeInTheDocument();
    expect(ruler.namespaces.get('slos')?.map((g) => g.name)).toEqual([
      'burnrate-checkout-availability',
      'burnrate-checkout-availability-rollup',
      'burnrate-search',
      'burnrate-search-rollup',
    ]);
    fireEvent.click(screen.getByTestId(testIds.export.deploy.compare));
    expect(await screen.findByTestId(testIds.export.deploy.apply)).toHaveTextContent('Up to date');
    expect(screen.getByTestId(testIds.export.deploy.apply)).toBeDisabled();
  });

  it('says which groups were deployed when the ruler fails halfway', async () => {
    const ruler = new FakeRuler(new Set(['mimir']));
    ruler.failOn.add('burnrate-search');
    setup(ruler);
    fireEvent.click(screen.getByTestId(testIds.export.deploy.compare));
    fireEvent.click(await screen.findByTestId(testIds.export.deploy.apply));
    await waitFor(() => expect(screen.getByText(/Stopped at burnrate-search/)).toBeInTheDocument());
    const results = screen.getAllByTestId(testIds.export.deploy.result).map((r) => r.textContent);
    expect(results).toEqual([
      ' burnrate-checkout-availability: Deployed',
      ' burnrate-checkout-availability-rollup: Deployed',
      ' burnrate-search: Failed (Deploying group burnrate-search: failed to store rule group burnrate-search)',
      ' burnrate-search-rollup: Not deployed',
    ]);
  });

  it('says the datasource has no ruler and offers the file', async () => {
    const { onDownload } = setup(new FakeRuler(new Set(['mimir'])), 'prometheus');
    fireEvent.click(screen.getByTestId(testIds.export.deploy.compare));
    const alert = await screen.findByTestId(testIds.export.deploy.noRuler);
    expect(alert).toHaveTextContent('Prometheus has no ruler');
    fireEvent.click(within(alert).getByRole('button', { name: /Download the rule file/ }));
    expect(onDownload).toHaveBeenCalled();
  });

  it('offers no deploy to a role that may not write rules', () => {
    mockPermissions.delete('alert.rules.external:write');
    setup(new FakeRuler(new Set(['mimir'])));
    expect(screen.getByTestId(testIds.export.deploy.permission)).toHaveTextContent(
      'Your role may not write data-source-managed alert rules'
    );
    expect(screen.queryByTestId(testIds.export.deploy.compare)).not.toBeInTheDocument();
  });
});

describe('RulerDeployPanel and the ruler limits', () => {
  const rolling = (duration: string, seconds: number) => ({ kind: 'rolling' as const, duration, seconds });
  const wide = makeSlo({
    name: 'wide',
    uid: 'wide',
    objectives: [
      { target: '0.999', window: rolling('30d', 2592000) },
      { target: '0.99', window: rolling('7d', 604800) },
      { target: '0.995', window: rolling('28d', 2419200) },
    ],
  });

  beforeEach(() => {
    mockPermissions.clear();
    mockPermissions.add('alert.rules.external:read').add('alert.rules.external:write');
  });

  function renderPanel(ruler: FakeRuler, chosen = slos, panelSettings = settings) {
    render(
      <RulerDeployPanel
        chosen={chosen}
        all={chosen}
        settings={panelSettings}
        clientFor={() => fakeClient(ruler, 'mimir', 'Mimir')}
        onDownload={jest.fn()}
      />
    );
  }

  it('counts the groups and rules of the chosen SLOs against the limits before anything is read', () => {
    const ruler = new FakeRuler(new Set(['mimir']));
    renderPanel(ruler);
    expect(screen.getByTestId(testIds.export.deploy.limits)).toHaveTextContent(
      '2 SLOs: 4 rule groups, 38 rules, the largest group 11 rules. The ruler allows 20 rules per group and 70 rule ' +
        "groups in the tenant (the app's configuration); the groups it holds already are counted when you compare."
    );
    expect(ruler.calls).toEqual([]);
  });

  it('splits a group over the limit, deploys the parts and then finds them up to date', async () => {
    const ruler = new FakeRuler(new Set(['mimir']));
    Object.assign(ruler.limits, { rulesPerGroup: 20, ruleGroups: 70 });
    renderPanel(ruler, [wide]);
    expect(screen.getByTestId(testIds.export.deploy.limits)).toHaveTextContent(
      '1 SLO: 3 rule groups, 39 rules, the largest group 20 rules.'
    );
    expect(screen.getByTestId(testIds.export.deploy.limits)).toHaveTextContent('Split to fit: burnrate-wide.');
    fireEvent.click(screen.getByTestId(testIds.export.deploy.compare));
    expect(await screen.findAllByTestId(testIds.export.deploy.change)).toHaveLength(3);
    expect(
      screen.getByText(
        "Within the ruler's limits: 3 groups in the namespace and 3 in the tenant after the deploy (at most 70), " +
          'the largest group written 20 rules (at most 20).'
      )
    ).toBeInTheDocument();
    fireEvent.click(screen.getByTestId(testIds.export.deploy.apply));
    await waitFor(() => expect(screen.getByText('The ruler has every group of the chosen SLOs.')).toBeInTheDocument());
    expect(ruler.namespaces.get('slos')?.map((g) => [g.name, g.rules.length])).toEqual([
      ['burnrate-wide', 20],
      ['burnrate-wide-part2', 3],
      ['burnrate-wide-rollup', 16],
    ]);
    fireEvent.click(screen.getByTestId(testIds.export.deploy.compare));
    expect(await screen.findByTestId(testIds.export.deploy.apply)).toHaveTextContent('Up to date');
  });

  it('refuses to deploy what would leave the tenant over its group limit, with the numbers', async () => {
    const ruler = new FakeRuler(new Set(['mimir']));
    ruler.namespaces.set(
      'other',
      Array.from({ length: 68 }, (_, i) => ({ name: `team-${i}`, rules: [{ record: 'x', expr: 'up' }] }))
    );
    renderPanel(ruler);
    fireEvent.click(screen.getByTestId(testIds.export.deploy.compare));
    expect(await screen.findByTestId(testIds.export.deploy.limitProblems)).toHaveTextContent(
      'the tenant would hold 72 rule groups after this deploy (68 now, 4 new), the ruler allows 70'
    );
    expect(screen.getByTestId(testIds.export.deploy.apply)).toBeDisabled();
  });

  it("names the ruler's own limit when it refuses a group the settings let through", async () => {
    const ruler = new FakeRuler(new Set(['mimir']));
    ruler.limits.rulesPerGroup = 8;
    renderPanel(ruler, [slos[0]], { ...settings, rulerMaxRulesPerGroup: 0 });
    fireEvent.click(screen.getByTestId(testIds.export.deploy.compare));
    fireEvent.click(await screen.findByTestId(testIds.export.deploy.apply));
    // In the stop notice and in the group's result.
    expect(
      await screen.findAllByText(
        /The ruler refused group burnrate-checkout-availability: it has 11 rules, and the ruler allows 8 per group \(ruler_max_rules_per_rule_group\)\. Set "Rules per group" to 8/
      )
    ).toHaveLength(2);
  });
});

describe('RulerDeployPanel on several datasources', () => {
  beforeEach(() => {
    mockPermissions.clear();
    mockPermissions.add('alert.rules.external:read').add('alert.rules.external:write');
  });

  it("deploys each SLO to its own datasource's ruler and removes a moved SLO's groups from the old one", async () => {
    // `moved` lived on prom-eu and now lives on the default datasource; `stays` lives on prom-eu.
    const moved = makeSlo({ name: 'moved', uid: 'moved' });
    const stays = makeSlo({ name: 'stays', uid: 'stays', datasourceUid: 'prom-eu' });
    const main = new FakeRuler(new Set(['mimir']));
    const eu = new FakeRuler(new Set(['prom-eu']));
    eu.namespaces.set('slos', [...desiredGroups(moved, settings), ...desiredGroups(stays, settings)]);
    const rulers: Record<string, FakeRuler> = { mimir: main, 'prom-eu': eu };
    const clientFor = (uid: string) => fakeClient(rulers[uid], uid, uid === 'mimir' ? 'Mimir' : 'Prometheus EU');
    render(
      <RulerDeployPanel
        chosen={[moved]}
        all={[moved, stays]}
        settings={settings}
        clientFor={clientFor}
        onDownload={jest.fn()}
      />
    );
    // Before a compare, only the ruler of the chosen SLO: prom-eu shows once it is found to hold groups to remove.
    expect(screen.getAllByTestId(testIds.export.deploy.section).map((s) => s.getAttribute('data-datasource'))).toEqual([
      'mimir',
    ]);
    expect(screen.getByTestId(testIds.export.deploy.section)).toHaveTextContent('Mimir: 1 of the chosen SLOs');
    fireEvent.click(screen.getByTestId(testIds.export.deploy.compare));
    await waitFor(() => expect(screen.getAllByTestId(testIds.export.deploy.section)).toHaveLength(2));
    const sections = screen.getAllByTestId(testIds.export.deploy.section);
    expect(sections[1]).toHaveTextContent('Prometheus EU: groups to remove');
    await waitFor(() => expect(within(sections[1]).getAllByTestId(testIds.export.deploy.change)).toHaveLength(2));
    expect(
      within(sections[0])
        .getAllByTestId(testIds.export.deploy.change)
        .map((r) => r.textContent)
    ).toEqual([expect.stringContaining('New'), expect.stringContaining('New')]);
    for (const row of within(sections[1]).getAllByTestId(testIds.export.deploy.change)) {
      expect(row).toHaveTextContent('SLO moved now lives on another datasource');
    }
    for (const section of sections) {
      fireEvent.click(within(section).getByTestId(testIds.export.deploy.apply));
    }
    await waitFor(() => expect(screen.getAllByText(/The ruler has every group of the chosen SLOs/)).toHaveLength(2));
    expect(main.namespaces.get('slos')?.map((g) => g.name)).toEqual(['burnrate-moved', 'burnrate-moved-rollup']);
    expect(eu.namespaces.get('slos')?.map((g) => g.name)).toEqual(['burnrate-stays', 'burnrate-stays-rollup']);
  });
});

describe('RulerDeployPanel and a datasource no SLO lives on any more', () => {
  beforeEach(() => {
    mockPermissions.clear();
    mockPermissions.add('alert.rules.external:read').add('alert.rules.external:write');
  });
  afterEach(() => {
    mockDatasources = [];
  });

  it("finds a chosen SLO's groups left on another datasource's ruler and removes them, and shows nothing where none are", async () => {
    const moved = makeSlo({ name: 'moved', uid: 'moved' });
    const other = makeSlo({ name: 'other', uid: 'other' });
    const rulers: Record<string, FakeRuler> = {
      mimir: new FakeRuler(new Set(['mimir'])),
      'prom-old': new FakeRuler(new Set(['prom-old'])),
      'prom-clean': new FakeRuler(new Set(['prom-clean'])),
    };
    // The old ruler holds the moved SLO's groups, and those of an SLO not chosen (left alone).
    rulers['prom-old'].namespaces.set('slos', [...desiredGroups(moved, settings), ...desiredGroups(other, settings)]);
    mockDatasources = ['mimir', 'prom-old', 'prom-clean'];
    const clientFor = (uid: string) => fakeClient(rulers[uid], uid, uid);
    render(
      <RulerDeployPanel
        chosen={[moved]}
        all={[moved, other]}
        settings={settings}
        clientFor={clientFor}
        onDownload={jest.fn()}
      />
    );
    expect(screen.getAllByTestId(testIds.export.deploy.section)).toHaveLength(1);
    fireEvent.click(screen.getByTestId(testIds.export.deploy.compare));
    await waitFor(() => expect(screen.getAllByTestId(testIds.export.deploy.section)).toHaveLength(2));
    const old = screen.getAllByTestId(testIds.export.deploy.section)[1];
    expect(old.getAttribute('data-datasource')).toBe('prom-old');
    expect(old).toHaveTextContent('prom-old: groups to remove');
    const removals = within(old).getAllByTestId(testIds.export.deploy.change);
    expect(removals.map((r) => r.textContent)).toEqual([
      expect.stringContaining('SLO moved now lives on another datasource'),
      expect.stringContaining('SLO moved now lives on another datasource'),
    ]);
    fireEvent.click(within(old).getByTestId(testIds.export.deploy.apply));
    await waitFor(() =>
      expect(rulers['prom-old'].namespaces.get('slos')?.map((g) => g.name)).toEqual([
        'burnrate-other',
        'burnrate-other-rollup',
      ])
    );
  });
});
