import React from 'react';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { DEFAULT_SETTINGS } from '../../settings';
import { makeSlo } from '../../testing/fixtures';
import { FakeConvertApi } from '../../testing/convertServer';
import type { Transport } from '../../deploy/rulerClient';
import { GrafanaRecordingClient } from '../../deploy/grafanaRecording';
import { testIds } from '../../components/testIds';
import { GrafanaRecordingPanel } from './GrafanaRecordingPanel';

const mockPermissions = new Set<string>();
jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  hasPermission: (action: string) => mockPermissions.has(action),
}));

const WRITER = ['alert.rules:read', 'folders:read', 'alert.rules:write', 'alert.rules:create', 'alert.rules:delete'];
const settings = { ...DEFAULT_SETTINGS, datasourceUid: 'prom', ruleNamespace: 'slos' };
const slos = [makeSlo(), makeSlo({ name: 'search', uid: 'search', service: 'search' })];

function setup() {
  const api = new FakeConvertApi({ datasourceUids: new Set(['prom']), recordingRulesEnabled: true });
  const transport: Transport = async ({ method, url, body, headers = {} }) => {
    const answer = api.handle({ method, path: url, headers, body: typeof body === 'string' ? body : '' })!;
    return { status: answer.status, data: answer.data };
  };
  render(
    <GrafanaRecordingPanel
      chosen={slos}
      all={slos}
      settings={settings}
      support={{ supported: true }}
      client={new GrafanaRecordingClient(transport, { datasourceUid: 'prom', namespace: 'slos' })}
    />
  );
  return api;
}

describe('GrafanaRecordingPanel', () => {
  beforeEach(() => {
    mockPermissions.clear();
    WRITER.forEach((p) => mockPermissions.add(p));
    mockPermissions.add('alert.provisioning.provenance:write');
  });

  it('names each missing Grafana setting, and sends nothing', () => {
    render(
      <GrafanaRecordingPanel
        chosen={slos}
        all={slos}
        settings={settings}
        support={{
          supported: false,
          missing: [{ setting: '[recording_rules] enabled = true', why: 'Grafana writes recorded series only then' }],
        }}
      />
    );
    expect(screen.getByTestId(testIds.export.recording.missing)).toHaveTextContent(
      '[recording_rules] enabled = true: Grafana writes recorded series only then.'
    );
  });

  it('refuses an evaluation interval Grafana would not run the rules at, naming the one to set', () => {
    render(
      <GrafanaRecordingPanel
        chosen={slos}
        all={slos}
        settings={{ ...settings, evaluationInterval: '15s' }}
        support={{ supported: true }}
        minRuleInterval="10s"
        client={
          new GrafanaRecordingClient(async () => ({ status: 500, data: null }), {
            datasourceUid: 'prom',
            namespace: 'slos',
          })
        }
      />
    );
    expect(screen.getByTestId(testIds.export.recording.interval)).toHaveTextContent(
      'Set the evaluation interval to 20s'
    );
    expect(screen.queryByTestId(testIds.export.recording.compare)).not.toBeInTheDocument();
  });

  it('says which permission is missing', () => {
    mockPermissions.delete('alert.provisioning.provenance:write');
    setup();
    expect(screen.getByTestId(testIds.export.recording.permission)).toHaveTextContent('set their provisioning status');
  });

  it('compares, deploys every group into the folder, then finds them up to date', async () => {
    const api = setup();
    fireEvent.click(screen.getByTestId(testIds.export.recording.compare));
    await waitFor(() => expect(screen.getAllByTestId(testIds.export.recording.change).length).toBeGreaterThan(0));
    const count = screen.getAllByTestId(testIds.export.recording.change).length;
    expect(screen.getAllByTestId(testIds.export.recording.change).every((li) => li.textContent?.includes('New'))).toBe(
      true
    );
    fireEvent.click(screen.getByTestId(testIds.export.recording.apply));
    await waitFor(() => expect(screen.getByText('Deployed')).toBeInTheDocument());
    expect(api.namespaces.get('slos')).toHaveLength(count);
    fireEvent.click(screen.getByTestId(testIds.export.recording.compare));
    await waitFor(() => expect(screen.getByTestId(testIds.export.recording.apply)).toHaveTextContent('Up to date'));
  });
});
