import * as grafanaData from '@grafana/data';
import * as grafanaRuntime from '@grafana/runtime';
import * as grafanaUi from '@grafana/ui';

/**
 * The modules Grafana shares with plugins, by the name a plugin's module.js asks for (its AMD
 * dependencies, the externals of .config/bundler/externals.ts). The list follows the shared dependencies
 * of Grafana's plugin loader (public/app/features/plugins/loader/sharedDependencies.ts), with
 * react/jsx-runtime and react/jsx-dev-runtime, shared since Grafana 12.3 (grafana/grafana#108478).
 *
 * This host carries the ones an app plugin built from create-plugin's template can use; it builds them from
 * the Grafana packages of one version (preview/grafanaPackages.ts), so the plugin gets what that version
 * gives it. Grafana's internals (app/core/..., jQuery and flot, Slate, d3, ...) are only named: a plugin that
 * asks for one fails to load here with a message saying so, as it would fail in Grafana without it.
 */

/** A module as SystemJS holds it; `__useDefault` hands the plugin the default export itself. */
export type SharedModule = Record<string, unknown>;

function useDefault(value: unknown): SharedModule {
  return { default: value, __useDefault: true };
}

/**
 * @grafana/ui as Grafana shares it: the plugin classes that moved to @grafana/data in Grafana 6.5 are on
 * both import paths.
 */
function sharedUi(): SharedModule {
  return {
    ...grafanaUi,
    PanelPlugin: grafanaData.PanelPlugin,
    DataSourcePlugin: grafanaData.DataSourcePlugin,
    AppPlugin: grafanaData.AppPlugin,
    DataSourceApi: grafanaData.DataSourceApi,
  };
}

export const CARRIED_MODULES: Record<string, () => Promise<SharedModule>> = {
  '@emotion/css': () => import('@emotion/css'),
  '@emotion/react': () => import('@emotion/react'),
  '@grafana/data': async () => grafanaData,
  '@grafana/runtime': async () => grafanaRuntime,
  '@grafana/ui': async () => sharedUi(),
  emotion: () => import('@emotion/css'),
  // The instance of i18next that Grafana's own @grafana/i18n set up (its default export).
  i18next: () => import('i18next').then((module) => useDefault(module.default)),
  lodash: () => import('lodash').then((module) => useDefault(module.default)),
  moment: () => import('moment').then((module) => useDefault(module.default)),
  react: () => import('react'),
  'react-dom': () => import('react-dom'),
  'react/jsx-runtime': () => import('react/jsx-runtime'),
  'react/jsx-dev-runtime': () => import('react/jsx-dev-runtime'),
  // Shared for the icon cache of a bundled @grafana/ui.
  'react-inlinesvg': () => import('react-inlinesvg'),
  // Grafana's react-router-dom is v5 (for plugins that still use it); v6 comes as 'react-router', from
  // react-router-dom-v5-compat, whose router Grafana (and this host) renders app pages in.
  'react-router-dom': () => import('preview-react-router-dom-v5'),
  'react-router': () => import('react-router-dom-v5-compat'),
  rxjs: () => import('rxjs'),
  'rxjs/operators': () => import('rxjs/operators'),
};

/** Shared by Grafana but not carried by this host (Grafana's internals and libraries of older plugins). */
export const NOT_CARRIED = [
  '@grafana/data/unstable',
  '@grafana/runtime/unstable',
  '@grafana/ui/unstable',
  '@grafana/slate-react',
  '@kusto/monaco-kusto',
  'app/core/app_events',
  'app/core/config',
  'app/core/core',
  'app/core/services/backend_srv',
  'app/core/table_model',
  'app/core/time_series',
  'app/core/time_series2',
  'app/core/utils/datemath',
  'app/core/utils/flatten',
  'app/core/utils/kbn',
  'app/core/utils/ticks',
  'app/features/dashboard/impression_store',
  'd3',
  'jquery',
  'prismjs',
  'react-redux',
  'redux',
  'slate',
  'slate-plain-serializer',
  'slate-react',
];
