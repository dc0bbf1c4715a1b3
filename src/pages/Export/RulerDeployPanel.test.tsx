import React from 'react';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { DEFAULT_SETTINGS } from '../../settings';
import { makeSlo } from '../../testing/fixtures';
import { FakeRuler } from '../../testing/rulerServer';
import { RulerClient, type Transport } from '../../deploy/rulerClient';
import { testIds } from '../../components/testIds';
import { RulerDeployPanel } from './RulerDeployPanel';

const mockPermissions = new Set<string>();
jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  hasPermission: (action: string) => mockPermissions.has(action),
}));

const settings = { ...DEFAULT_SETTINGS, datasourceUid: 'mimir', ruleNamespace: 'slos' };
const slos = [makeSlo(), makeSlo({ name: 'search', uid: 'search', service: 'search' })];

function setup(ruler: FakeRuler, uid = 'mimir') {
  const transport: Transport = async ({ method, url, body }) =>
    ruler.handle(method, url, body === undefined ? undefined : JSON.parse(JSON.stringify(body)))!;
  const onDownload = jest.fn();
  render(
    <RulerDeployPanel
      chosen={slos}
      all={slos}
      settings={settings}
      client={new RulerClient(transport, uid, uid === 'mimir' ? 'Mimir' : 'Prometheus')}
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
