import React from 'react';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { makeStoredSlo } from '../../testing/fixtures';
import { testIds } from '../../components/testIds';
import { SloEditor } from './SloEditor';

const ids = testIds.sloEditor;

jest.mock('../../api/permissions', () => ({
  ...jest.requireActual('../../api/permissions'),
  canCreateSlos: () => true,
}));

/** Grafana's picker as a plain select of the datasources below; the empty option clears it. */
jest.mock('@grafana/runtime', () => {
  const mockReact: typeof import('react') = jest.requireActual('react');
  const datasources = [
    { uid: 'default-prom', name: 'Default Prometheus', type: 'prometheus' },
    { uid: 'eu-prom', name: 'EU Prometheus', type: 'prometheus' },
  ];
  return {
    ...jest.requireActual('@grafana/runtime'),
    getDataSourceSrv: () => ({ getList: () => datasources }),
    DataSourcePicker: ({
      current,
      onChange,
      onClear,
    }: {
      current: string | null;
      onChange: (ds: { uid: string }) => void;
      onClear: () => void;
    }) =>
      mockReact.createElement(
        'select',
        {
          'aria-label': 'Datasource',
          value: current ?? '',
          onChange: (e: React.ChangeEvent<HTMLSelectElement>) =>
            e.currentTarget.value === '' ? onClear() : onChange({ uid: e.currentTarget.value }),
        },
        mockReact.createElement('option', { value: '' }, 'The app default'),
        ...datasources.map((d) => mockReact.createElement('option', { key: d.uid, value: d.uid }, d.name))
      ),
  };
});

function setup(props: Partial<React.ComponentProps<typeof SloEditor>> = {}) {
  const actions = { save: jest.fn(), reload: jest.fn(), onSaved: jest.fn() };
  render(
    <SloEditor
      stored={makeStoredSlo()}
      evaluationInterval="30s"
      defaultDatasourceUid="default-prom"
      {...actions}
      {...props}
    />
  );
  return actions;
}

const picker = () => within(screen.getByTestId(ids.datasource)).getByRole('combobox');
const yamlText = () => (screen.getByTestId(ids.yaml) as HTMLTextAreaElement).value;
const pick = (uid: string) => fireEvent.change(picker(), { target: { value: uid } });

describe('SloEditor: the datasource field', () => {
  it('names the app default it falls back to', () => {
    setup();
    expect(screen.getByText(/Empty: the app default, Default Prometheus/)).toBeInTheDocument();
    expect(picker()).toHaveValue('');
  });

  it('writes spec.datasource.uid when one is picked, and clearing it removes it', async () => {
    const actions = setup();
    actions.save.mockResolvedValue({ dashboardUid: 'slo-checkout-availability', version: 4 });
    pick('eu-prom');
    fireEvent.click(screen.getByTestId(ids.yamlTab));
    expect(yamlText()).toContain('  datasource:\n    uid: eu-prom\n');
    fireEvent.click(screen.getByTestId(ids.formTab));
    expect(picker()).toHaveValue('eu-prom');
    pick('');
    fireEvent.click(screen.getByTestId(ids.yamlTab));
    expect(yamlText()).not.toContain('datasource');
    fireEvent.click(screen.getByTestId(ids.formTab));
    pick('eu-prom');
    fireEvent.click(screen.getByTestId(ids.save));
    await waitFor(() => expect(actions.onSaved).toHaveBeenCalled());
    expect(actions.save.mock.calls[0][0].datasourceUid).toBe('eu-prom');
  });

  it('shows the datasource the YAML tab names', () => {
    setup();
    fireEvent.click(screen.getByTestId(ids.yamlTab));
    const yaml = yamlText();
    fireEvent.change(screen.getByTestId(ids.yaml), {
      target: { value: yaml.replace('spec:\n', 'spec:\n  datasource:\n    uid: eu-prom\n') },
    });
    fireEvent.click(screen.getByTestId(ids.formTab));
    expect(picker()).toHaveValue('eu-prom');
  });
});
