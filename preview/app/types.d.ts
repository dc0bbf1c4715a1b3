// runtime's setPluginPage is internal: its package `exports` hide it, and preview/webpack.config.ts aliases this
// name to the module file (the same module instance that runtime's index uses).
declare module 'preview-runtime-plugin-page' {
  import type { PluginPageProps } from '@grafana/runtime';
  import type { ComponentType } from 'react';

  export function setPluginPage(component: ComponentType<PluginPageProps>): void;
}

// Dist mode (preview/app/dist.tsx): modules of the Grafana packages' folder (preview/grafanaPackages.ts) that
// the repository itself does not install; the host only hands them on to the plugin.
declare module 'preview-react-router-dom-v5' {
  const module: Record<string, unknown>;
  export = module;
}

declare module 'react-router-dom-v5-compat' {
  const module: Record<string, unknown>;
  export = module;
}

// SystemJS's browser builds: scripts that set up window.System (typed by @types/systemjs).
declare module 'systemjs/dist/system.js';
declare module 'systemjs/dist/extras/amd.js';

// @grafana/runtime/unstable of the Grafana packages in dist mode, or an empty module before Grafana 13.
declare module 'preview-runtime-unstable' {
  export const initializeLoggersRegistry: (() => void) | undefined;
}
