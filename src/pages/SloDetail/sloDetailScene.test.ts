import React from 'react';
import { render } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { sceneGraph, type SceneObject } from '@grafana/scenes';
import { testIds } from '../../components/testIds';
import { makeSlo, makeStoredSlo } from '../../testing/fixtures';
import { DEFAULT_SETTINGS } from '../../settings';
import { VARIABLES } from '../../constants';
import type { LazyPageBody } from '../../scenes/LazyPageBody';
import type { SloEntry } from '../../api/sloStore';
import type { SloDetailView } from './SloDetailView';
import type { SloExportActions } from './SloExportActions';
import { sloDetailScene } from './sloDetailScene';

const DATASOURCES = [
  { uid: 'default-prom', name: 'Default Prometheus', type: 'prometheus', meta: { metrics: true } },
  { uid: 'eu-prom', name: 'EU Prometheus', type: 'prometheus', meta: { metrics: true } },
];

jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  getDataSourceSrv: () => ({
    getList: () => DATASOURCES,
    getInstanceSettings: (uid: string) => DATASOURCES.find((d) => d.uid === uid),
  }),
}));

let mockEntry: SloEntry = makeStoredSlo();
jest.mock('../../api/sloStore', () => ({
  ...jest.requireActual('../../api/sloStore'),
  getSlo: () => Promise.resolve(mockEntry),
}));

const mockQueried: string[] = [];
jest.mock('../../api/query', () => ({
  ...jest.requireActual('../../api/query'),
  queryInstant: (uid: string) => {
    mockQueried.push(uid);
    return Promise.resolve({ CHECK: [{ labels: {}, value: 1 }], ALERTS: [] });
  },
}));

const mockRulers: string[] = [];
jest.mock('../../api/ruler', () => ({
  ...jest.requireActual('../../api/ruler'),
  loadDrift: (_slos: unknown, settings: { datasourceUid: string }) => {
    mockRulers.push(settings.datasourceUid);
    return Promise.resolve(undefined);
  },
}));
jest.mock('../../api/rulesWhere', () => ({
  ...jest.requireActual('../../api/rulesWhere'),
  loadRulesWhere: () => Promise.resolve(undefined),
}));

const settings = { ...DEFAULT_SETTINGS, datasourceUid: 'default-prom' };

/** The page with its view active, once the SLO and its series source are read. */
async function openPage(appSettings = settings): Promise<{ page: SceneObject; view: SloDetailView }> {
  const page = sloDetailScene('checkout-availability', appSettings);
  page.activate();
  const body = page.state.body as LazyPageBody;
  await body.load();
  const view = body.state.body as SloDetailView;
  view.activate();
  await new Promise((resolve) => setTimeout(resolve, 0));
  await new Promise((resolve) => setTimeout(resolve, 0));
  return { page, view };
}

beforeEach(() => {
  mockQueried.length = 0;
  mockRulers.length = 0;
});

describe('sloDetailScene', () => {
  it("points the datasource variable at the SLO's own datasource, and queries and exports there", async () => {
    mockEntry = makeStoredSlo({ slo: makeSlo({ datasourceUid: 'eu-prom' }) });
    const { page, view } = await openPage();
    expect(sceneGraph.lookupVariable(VARIABLES.datasource, page)?.getValue()).toBe('eu-prom');
    expect(mockQueried).toEqual(['eu-prom']);
    expect(mockRulers).toEqual(['eu-prom']);
    const exported = (view.state.exportActions as SloExportActions).dashboard();
    expect(JSON.stringify(exported.templating)).toContain('"current":{"value":"eu-prom"}');
  });

  it("uses the app's default datasource for an SLO that names none", async () => {
    mockEntry = makeStoredSlo();
    const { page } = await openPage();
    expect(sceneGraph.lookupVariable(VARIABLES.datasource, page)?.getValue()).toBe('default-prom');
    expect(mockQueried).toEqual(['default-prom']);
  });
});

describe('SloDetailView: no datasource', () => {
  const noDefault = { ...DEFAULT_SETTINGS, datasourceUid: '' };
  /** Whether the page says that no datasource is configured. */
  const saysNoDatasource = (view: SloDetailView): boolean => {
    // Without the panels, which need a running Grafana to load their plugins.
    view.setState({ panels: undefined });
    const { container, unmount } = render(
      React.createElement(MemoryRouter, null, React.createElement(view.Component, { model: view }))
    );
    const shown = container.querySelector(`[data-testid="${testIds.noDatasource.alert}"]`) !== null;
    unmount();
    return shown;
  };

  it('is not said of an SLO with its own datasource when the app has no default', async () => {
    mockEntry = makeStoredSlo({ slo: makeSlo({ datasourceUid: 'eu-prom' }) });
    const { view } = await openPage(noDefault);
    expect(saysNoDatasource(view)).toBe(false);
  });

  it('is said of an SLO that has none at all', async () => {
    mockEntry = makeStoredSlo();
    const { view } = await openPage(noDefault);
    expect(saysNoDatasource(view)).toBe(true);
  });
});
