import React from 'react';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { makeStoredSlo } from '../../testing/fixtures';
import { testIds } from '../../components/testIds';
import { SloEditor } from './SloEditor';
import type { SliSuggestions } from './sliSuggestions';
import type { PreviewReader } from './sliPreviewData';

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

describe('SloEditor: suggestions follow the datasource', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('reads the metric names again from the newly chosen datasource', async () => {
    const asked: string[] = [];
    const suggestionsFor = (uid: string): SliSuggestions => ({
      complete: async (text) => {
        // The total field's text; the bad events field asks too.
        if (text === 'http_req') {
          asked.push(`${uid}: ${text}`);
        }
        return { context: { kind: 'metric', prefix: text }, candidates: [`${uid}_requests_total`] };
      },
      buckets: async () => [],
    });
    setup({ suggestionsFor });
    fireEvent.change(screen.getByTestId(ids.total), { target: { value: 'http_req' } });
    await act(async () => {
      jest.advanceTimersByTime(300);
    });
    expect(asked).toEqual(['default-prom: http_req']);
    pick('eu-prom');
    await act(async () => {
      jest.advanceTimersByTime(300);
    });
    expect(asked).toEqual(['default-prom: http_req', 'eu-prom: http_req']);
    expect(screen.getAllByTestId(ids.metricSuggestions)[0]).toHaveTextContent('eu-prom_requests_total');
  });
});

describe('SloEditor: the preview reads the chosen datasource', () => {
  it('replays the SLO on the datasource picked, not the default', async () => {
    const read: string[] = [];
    const previewReaderFor = (uid: string): PreviewReader => ({
      range: async () => {
        read.push(uid);
        return { total: [], bad: [] };
      },
      counts: async (exprs) => exprs.map(() => 0),
    });
    setup({ previewReaderFor });
    pick('eu-prom');
    fireEvent.click(screen.getByTestId(ids.previewRun));
    await waitFor(() => expect(read.length).toBeGreaterThan(0));
    expect(new Set(read)).toEqual(new Set(['eu-prom']));
  });
});

describe('SloEditor: the review of a datasource move', () => {
  /** The review, once the replay of the edit (without a reader here) has settled. */
  const review = async () => {
    fireEvent.click(screen.getByTestId(ids.reviewTab));
    await act(async () => {});
  };

  it('says where the history stays and what happens to the deployed rules', async () => {
    setup();
    pick('eu-prom');
    await review();
    const move = screen.getByTestId(ids.reviewDatasourceMove);
    expect(move).toHaveTextContent('The SLO moves from Default Prometheus to EU Prometheus');
    expect(move).toHaveTextContent(
      "The recorded history stays on Default Prometheus: the SLO's figures there are not moved." +
        'EU Prometheus starts from raw data, which the pages replay until its rules have recorded a whole window.' +
        'The rules deployed to the ruler of Default Prometheus are removed from it on the next deploy of the SLO.'
    );
  });

  it('says nothing of a move when the SLO names the default it already lived on', async () => {
    setup();
    pick('default-prom');
    await review();
    expect(screen.queryByTestId(ids.reviewDatasourceMove)).not.toBeInTheDocument();
  });
});
