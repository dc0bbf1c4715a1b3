import React from 'react';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { buildRuleGroups } from '../../rules/build';
import { groupsWithoutAlerts, toGrafanaRuleGroups, type GrafanaRuleGroup } from '../../rules/output';
import { makeSlo } from '../../testing/fixtures';
import { GrafanaRulesClient } from '../../deploy/grafanaManaged';
import type { Transport } from '../../deploy/rulerClient';
import { testIds } from '../../components/testIds';
import { GrafanaDeployPanel } from './GrafanaDeployPanel';
import { fakeCanvasText } from '../../testing/canvas';

const mockPermissions = new Set<string>();
jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  hasPermission: (action: string) => mockPermissions.has(action),
}));

const groups = toGrafanaRuleGroups(buildRuleGroups(makeSlo(), { evaluationInterval: '30s' }), {
  datasourceUid: 'prom',
  folderUid: 'slo-alerts',
  receivers: { page: 'PagerDuty' },
});
const target = { folderUid: 'slo-alerts', pageReceiver: 'PagerDuty', ticketReceiver: '' };

function setup(refuse = false, retired = false) {
  const stored = new Map<string, GrafanaRuleGroup>();
  if (retired) {
    // Deployed while the SLO was active.
    stored.set(`/api/v1/provisioning/folder/slo-alerts/rule-groups/${groups[0].title}`, groups[0]);
  }
  const transport: Transport = async ({ method, url, body }) => {
    if (url === '/api/v1/provisioning/contact-points') {
      return { status: 200, data: [{ name: 'PagerDuty' }, { name: 'Jira' }, { name: 'PagerDuty' }] };
    }
    if (method === 'GET') {
      const group = stored.get(url);
      return group ? { status: 200, data: group } : { status: 404, data: { message: 'not found' } };
    }
    if (method === 'DELETE') {
      return stored.delete(url) ? { status: 204, data: undefined } : { status: 404, data: { message: 'not found' } };
    }
    if (refuse) {
      return { status: 403, data: { message: 'You do not have permission to modify rules in folder slo-alerts' } };
    }
    stored.set(url, body as GrafanaRuleGroup);
    return { status: 200, data: body };
  };
  const ensureAlertFolder = jest.fn(async () => undefined);
  render(
    <GrafanaDeployPanel
      groups={retired ? [] : groups}
      groupsWithoutAlerts={
        retired
          ? groupsWithoutAlerts(buildRuleGroups(makeSlo({ status: 'retired' }), { evaluationInterval: '30s' }))
          : []
      }
      target={target}
      onTargetChange={jest.fn()}
      client={new GrafanaRulesClient(transport)}
      ensureAlertFolder={ensureAlertFolder}
    />
  );
  return { stored, ensureAlertFolder };
}

describe('GrafanaDeployPanel', () => {
  beforeAll(fakeCanvasText);

  beforeEach(() => {
    mockPermissions.clear();
    mockPermissions.add('alert.rules:write');
  });

  it('compares, creates the folder and deploys, then finds the group unchanged', async () => {
    const { stored, ensureAlertFolder } = setup();
    fireEvent.click(screen.getByTestId(testIds.export.grafana.compare));
    expect(await screen.findByTestId(testIds.export.grafana.change)).toHaveTextContent('New');
    fireEvent.click(screen.getByTestId(testIds.export.grafana.apply));
    await screen.findByText('The folder has the alert rules of the chosen SLOs.');
    expect(ensureAlertFolder).toHaveBeenCalledWith('slo-alerts');
    expect([...stored.keys()]).toEqual([
      '/api/v1/provisioning/folder/slo-alerts/rule-groups/burnrate-checkout-availability',
    ]);
    fireEvent.click(screen.getByTestId(testIds.export.grafana.compare));
    await waitFor(() => expect(screen.getByTestId(testIds.export.grafana.apply)).toHaveTextContent('Up to date'));
  });

  it('removes the alert group of an SLO retired since it was deployed', async () => {
    const { stored } = setup(false, true);
    fireEvent.click(screen.getByTestId(testIds.export.grafana.compare));
    expect(await screen.findByTestId(testIds.export.grafana.change)).toHaveTextContent(
      'Removed: the SLO has no alerts now'
    );
    fireEvent.click(screen.getByTestId(testIds.export.grafana.apply));
    expect(await screen.findByTestId(testIds.export.grafana.result)).toHaveTextContent('Removed');
    expect(stored.size).toBe(0);
  });

  it("shows Grafana's message when it refuses", async () => {
    setup(true);
    fireEvent.click(screen.getByTestId(testIds.export.grafana.compare));
    fireEvent.click(await screen.findByTestId(testIds.export.grafana.apply));
    expect(await screen.findByText(/Stopped at burnrate-checkout-availability/)).toBeInTheDocument();
    expect(screen.getByTestId(testIds.export.grafana.result)).toHaveTextContent(
      'You do not have permission to modify rules in folder slo-alerts'
    );
  });

  it('offers no deploy to a role that may not write alert rules', () => {
    mockPermissions.clear();
    setup();
    expect(screen.getByTestId(testIds.export.grafana.permission)).toBeInTheDocument();
    expect(screen.queryByTestId(testIds.export.grafana.compare)).not.toBeInTheDocument();
  });
});
