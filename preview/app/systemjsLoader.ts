import 'systemjs/dist/system.js';
// module.js is an AMD module (`define([...deps], factory)`), as create-plugin builds it.
import 'systemjs/dist/extras/amd.js';
import type { AppModule } from './host';
import { CARRIED_MODULES, NOT_CARRIED, type SharedModule } from './sharedModules';

/**
 * Loads a plugin's module.js the way Grafana's plugin loader does (public/app/features/plugins/loader/):
 * SystemJS with its AMD extra, the shared modules registered as `package:<name>` and mapped from their bare
 * names by an import map, and an import that hands over the default export of an AMD module. SystemJS
 * gives the AMD `module` dependency the module's URL (`module.uri`), from which the plugin sets webpack's
 * public path: its chunks then load from /public/plugins/<id>/ beside module.js.
 */

const SHARED_PREFIX = 'package:';

interface SystemJSHooks {
  import: (id: string, parentUrl?: string) => Promise<SharedModule>;
  resolve: (id: string, parentUrl?: string) => string;
  set: (id: string, module: SharedModule) => void;
  addImportMap: (map: { imports: Record<string, string> }) => void;
}

function systemJS(): SystemJSHooks {
  const loader = (window as unknown as { System?: SystemJSHooks }).System;
  if (!loader) {
    throw new Error('SystemJS did not load');
  }
  return loader;
}

async function registerSharedModules(loader: SystemJSHooks): Promise<void> {
  const modules = await Promise.all(
    Object.entries(CARRIED_MODULES).map(async ([name, load]) => [name, await load()] as const)
  );
  const imports: Record<string, string> = {};
  for (const [name, module] of modules) {
    loader.set(`${SHARED_PREFIX}${name}`, module);
    imports[name] = `${SHARED_PREFIX}${name}`;
  }
  loader.addImportMap({ imports });
}

function installHooks(loader: SystemJSHooks): void {
  const prototype = Object.getPrototypeOf(loader) as SystemJSHooks;
  const originalImport = prototype.import;
  // As Grafana: a module with only a default export (an AMD module) is that export. module.js built with
  // top-level await exports a promise, which this `then` waits for.
  prototype.import = function (this: SystemJSHooks, id: string, parentUrl?: string) {
    return originalImport
      .call(this, id, parentUrl)
      .then((module) => (module && module.__useDefault ? (module.default as SharedModule) : module));
  };
  const originalResolve = prototype.resolve;
  prototype.resolve = function (this: SystemJSHooks, id: string, parentUrl?: string) {
    try {
      return originalResolve.call(this, id, parentUrl);
    } catch (error) {
      // Grafana logs and lets the load fail on the unknown name; here it fails at once, saying why.
      if (NOT_CARRIED.includes(id)) {
        throw new Error(
          `"${id}" is shared by Grafana but not carried by this host: add it to preview/app/sharedModules.ts`
        );
      }
      throw new Error(
        `"${id}" (imported by ${parentUrl ?? 'the plugin'}) is not a module Grafana shares with plugins: ` +
          `Grafana cannot load this plugin. Bundle it (remove it from the externals). ${String(error)}`
      );
    }
  };
}

let ready: Promise<SystemJSHooks> | undefined;

/**
 * Imports the plugin's module from its path in the plugin's meta (`public/plugins/<id>/module.js`), resolved
 * against the app's sub-URL as Grafana does.
 */
export async function importPluginModule(modulePath: string, appSubUrl: string): Promise<AppModule> {
  ready ??= (async () => {
    const loader = systemJS();
    installHooks(loader);
    await registerSharedModules(loader);
    return loader;
  })();
  const loader = await ready;
  const url = modulePath.startsWith('/') || modulePath.startsWith('http') ? modulePath : `${appSubUrl}/${modulePath}`;
  try {
    return (await loader.import(url)) as AppModule;
  } catch (error) {
    const failure = new Error(`Could not load plugin: ${String(error)}`);
    console.error(failure);
    throw failure;
  }
}
