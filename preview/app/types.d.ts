// runtime's setPluginPage is internal: its package `exports` hide it, and preview/webpack.config.ts aliases this
// name to the module file (the same module instance that runtime's index uses).
declare module 'preview-runtime-plugin-page' {
  import type { PluginPageProps } from '@grafana/runtime';
  import type { ComponentType } from 'react';

  export function setPluginPage(component: ComponentType<PluginPageProps>): void;
}
