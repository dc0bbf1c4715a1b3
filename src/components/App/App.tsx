import React, { useMemo } from 'react';
import { SceneApp } from '@grafana/scenes';
import type { AppRootProps } from '@grafana/data';
import { PluginPropsContext } from '../../utils/utils.plugin';
import { parseAppSettings, type AppSettings } from '../../settings';
import { sloListPage } from '../../pages/SloList/sloListPage';
import { newSloPage } from '../../pages/SloEditor/sloEditorPage';
import { overviewPage } from '../../pages/Overview/overviewPage';
import { exportPage } from '../../pages/Export/exportPage';
import { importPage } from '../../pages/Import/importPage';
import { gatePage } from '../../pages/Gate/gatePage';
import { reportPage } from '../../pages/Report/reportPage';
import { reviewPage } from '../../pages/Review/reviewPage';
import { servicesPage } from '../../pages/Services/servicesPage';
import { maintenancePage } from '../../pages/Maintenance/maintenancePage';

function buildSceneApp(settings: AppSettings) {
  return new SceneApp({
    pages: [
      sloListPage(settings),
      newSloPage(settings),
      overviewPage(settings),
      gatePage(settings),
      reportPage(settings),
      reviewPage(settings),
      servicesPage(settings),
      maintenancePage(settings),
      exportPage(settings),
      importPage(settings),
    ],
    urlSyncOptions: {
      updateUrlOnInit: true,
      createBrowserHistorySteps: true,
    },
  });
}

function AppWithScenes({ settings }: { settings: AppSettings }) {
  const key = JSON.stringify(settings);
  // Settings change only through the config page, which reloads Grafana.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const scene = useMemo(() => buildSceneApp(settings), [key]);
  return <scene.Component model={scene} />;
}

function App(props: AppRootProps) {
  const settings = parseAppSettings(props.meta.jsonData);
  return (
    <PluginPropsContext.Provider value={props}>
      <AppWithScenes settings={settings} />
    </PluginPropsContext.Provider>
  );
}

export default App;
