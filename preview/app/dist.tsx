import { config } from '@grafana/runtime';
import * as runtimeUnstable from 'preview-runtime-unstable';
import { startHost } from './host';
import { importPluginModule } from './systemjsLoader';

/**
 * The dist mode of the preview host (npm run preview -- --dist): the app's dist/module.js, as `npm run build`
 * made it, loaded through SystemJS with the shared modules of one Grafana version (preview/grafanaPackages.ts).
 */

// Grafana 13's boot fills runtime's registry of loggers before anything asks for one (the datasource
// query path does).
runtimeUnstable.initializeLoggersRegistry?.();

startHost((meta) => importPluginModule(meta.module, config.appSubUrl ?? ''));
