import {
  EventBusSrv,
  locationUtil,
  PluginContextProvider,
  urlUtil,
  type AppPlugin,
  type AppPluginMeta,
  type CurrentUserDTO,
  type KeyValue,
} from '@grafana/data';
import {
  config,
  getBackendSrv,
  locationSearchToObject,
  locationService,
  LocationServiceProvider,
  setAppEvents,
  setBackendSrv,
  setCurrentUser,
  setDataSourceSrv,
  setPluginImportUtils,
  setRunRequest,
  setTemplateSrv,
} from '@grafana/runtime';
import { ErrorBoundaryAlert, GlobalStyles, ThemeContext } from '@grafana/ui';
import { setPluginPage } from 'preview-runtime-plugin-page';
import React, { useLayoutEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { Navigate, Route, Router, Routes, useLocation } from 'react-router-dom';
import { PreviewBackendSrv } from './backendSrv';
import { interceptLinkClicks, PreviewPluginPage, Shell, type NavLink } from './chrome';
import { PreviewDataSourceSrv } from './datasources';
import { getPanelPluginFromCache, importPanelPlugin } from './panels';
import { initRegistries } from './registries';
import { PreviewTemplateSrv, runRequest } from './services';
import { setUpMonacoWorkers } from './monaco';

/**
 * The preview host, shared by both modes (index.tsx: src/ bundled in; dist.tsx: dist/module.js loaded as
 * Grafana loads it): sets up the services Grafana provides to plugins, then renders the app's real root page
 * under /a/<plugin id>/* and its configuration pages under /plugins/<plugin id>, in Grafana-like chrome.
 */

export const PLUGIN_ID: string = process.env.PREVIEW_PLUGIN_ID ?? '';

function setUpServices(): void {
  initRegistries();
  setBackendSrv(new PreviewBackendSrv());
  setAppEvents(new EventBusSrv());
  setTemplateSrv(new PreviewTemplateSrv());
  setDataSourceSrv(new PreviewDataSourceSrv());
  setRunRequest(runRequest);
  setPluginImportUtils({ importPanelPlugin, getPanelPluginFromCache });
  setPluginPage(PreviewPluginPage);
  setCurrentUser(config.bootData.user as unknown as CurrentUserDTO);
  interceptLinkClicks();
  setUpMonacoWorkers();
}

/** react-router v6 driven by the location service's history, as in Grafana. */
function PreviewRouter({ children }: { children: React.ReactNode }) {
  const history = locationService.getHistory();
  const [location, setLocation] = useState(history.location);
  useLayoutEffect(() => history.listen((next: typeof history.location) => setLocation(next)), [history]);
  return (
    <Router location={location} navigator={history}>
      {children}
    </Router>
  );
}

function AppRootPage({ plugin, meta }: { plugin: AppPlugin; meta: AppPluginMeta }) {
  const location = useLocation();
  const Root = plugin.root;
  if (!Root) {
    return <div>The app has no root page.</div>;
  }
  return (
    <PluginContextProvider meta={meta}>
      <ErrorBoundaryAlert>
        <Root
          meta={meta}
          basename={`/a/${PLUGIN_ID}`}
          path={location.pathname}
          query={locationSearchToObject(location.search) as KeyValue}
          onNavChanged={() => undefined}
        />
      </ErrorBoundaryAlert>
    </PluginContextProvider>
  );
}

function ConfigPage({ plugin, meta }: { plugin: AppPlugin; meta: AppPluginMeta }) {
  const location = useLocation();
  const query = locationSearchToObject(location.search) as KeyValue;
  const pages = plugin.configPages ?? [];
  const current = pages.find((p) => p.id === query.page) ?? pages[0];
  const pageNav = {
    text: meta.name,
    subTitle: meta.info.description,
    children: pages.map((p) => ({
      text: p.title,
      icon: p.icon,
      url: urlUtil.renderUrl(`/plugins/${PLUGIN_ID}`, { page: p.id }),
      active: p === current,
    })),
  };
  return (
    <PreviewPluginPage pageNav={pageNav}>
      <PluginContextProvider meta={meta}>
        <ErrorBoundaryAlert>
          {current ? <current.body plugin={plugin} query={query} /> : <div>The app has no configuration page.</div>}
        </ErrorBoundaryAlert>
      </PluginContextProvider>
    </PreviewPluginPage>
  );
}

function navLinks(meta: AppPluginMeta): NavLink[] {
  const links = (meta.includes ?? [])
    .filter((i) => i.type === 'page' && i.addToNav && i.path)
    .map((i) => ({ text: i.name, url: locationUtil.stripBaseFromUrl(i.path!.replace('%PLUGIN_ID%', PLUGIN_ID)) }));
  const all = [...links, { text: 'Configuration', url: `/plugins/${PLUGIN_ID}` }];
  return all.filter((link, i) => all.findIndex((l) => l.url === link.url) === i);
}

function PreviewApp({ plugin, meta }: { plugin: AppPlugin; meta: AppPluginMeta }) {
  const location = useLocation();
  const links = navLinks(meta);
  const home = links[0]?.url ?? `/a/${PLUGIN_ID}`;
  return (
    <Shell links={links} pathname={location.pathname}>
      <Routes>
        <Route path={`/a/${PLUGIN_ID}/*`} element={<AppRootPage plugin={plugin} meta={meta} />} />
        <Route path={`/plugins/${PLUGIN_ID}`} element={<ConfigPage plugin={plugin} meta={meta} />} />
        <Route path="*" element={<Navigate to={home} replace />} />
      </Routes>
    </Shell>
  );
}

/** The app's module as Grafana hands it over: the exports of module.js, `plugin` among them. */
export interface AppModule {
  plugin?: unknown;
}

/**
 * Sets up the services, then loads the app's module with `loadModule` (only now: the services are in place
 * before any module of the app runs) and renders it. The source mode imports src/module.tsx, the dist
 * mode loads dist/module.js through SystemJS as Grafana does.
 */
export function startHost(loadModule: (meta: AppPluginMeta) => Promise<AppModule>): void {
  runHost(loadModule).catch((error: unknown) => {
    document.body.textContent = `Preview failed to start: ${error instanceof Error ? error.message : String(error)}`;
    throw error;
  });
}

async function runHost(loadModule: (meta: AppPluginMeta) => Promise<AppModule>): Promise<void> {
  setUpServices();
  const meta = await getBackendSrv().get<AppPluginMeta>(`/api/plugins/${PLUGIN_ID}/settings`);
  const { plugin } = await loadModule(meta);
  if (!plugin) {
    throw new Error(`the module of ${PLUGIN_ID} exports no plugin`);
  }
  const app = plugin as AppPlugin;
  app.init(meta);
  app.meta = meta;
  const container = document.getElementById('reactRoot');
  if (!container) {
    throw new Error('no #reactRoot in index.html');
  }
  createRoot(container).render(
    <ThemeContext.Provider value={config.theme2}>
      <GlobalStyles />
      <LocationServiceProvider service={locationService}>
        <PreviewRouter>
          <PreviewApp plugin={app} meta={meta} />
        </PreviewRouter>
      </LocationServiceProvider>
    </ThemeContext.Provider>
  );
}
