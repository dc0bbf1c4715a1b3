import fs from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import path from 'node:path';
import * as api from './grafanaApi';
import * as versions from './dashboardVersions';
import { dsQuery, forwardToPrometheus, type PromDatasource } from './prometheus';
import { plainHeaders } from './convertRules';
import { DatasourceRulers, type DeployedRulesTarget } from './rulers';
import { FakeConvertApi } from '../../src/testing/convertServer';
import { Store } from './store';
import {
  accessDenied,
  bootUser,
  cookies,
  parseRole,
  roleOf,
  ROLE_COOKIE,
  THEME_COOKIE,
  userDto,
  searchTeams,
  type OrgRole,
} from './users';

export interface ServerOptions {
  /** Repository root: src/plugin.json, src/img and node_modules are read from it. */
  root: string;
  /** The preview bundle (output of preview/webpack.config.ts). */
  bundleDir: string;
  /** What /public/plugins/<id>/ serves: src/ (its images), or dist/ in dist mode. Default src/. */
  pluginDir?: string;
  /** The node_modules of the Grafana packages the host was built with (their icons). Default the root's. */
  packagesDir?: string;
  dataDir: string;
  datasources: Array<PromDatasource & { isDefault: boolean }>;
  plugin: api.PluginInfo;
  /** Grafana version the boot data announces (the installed @grafana/runtime's). */
  grafanaVersion: string;
  /**
   * By datasource uid: where the groups deployed through that datasource's ruler API are written for its
   * Prometheus to evaluate (a folder its `rule_files` globs) and that Prometheus, to reload; a datasource
   * without one keeps its groups in memory only.
   */
  deployedRules?: Readonly<Record<string, DeployedRulesTarget>>;
  log?: (line: string) => void;
}

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.map': 'application/json',
  '.woff2': 'font/woff2',
  '.html': 'text/html; charset=utf-8',
};

const SPINNER_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path fill="currentColor" d="M12 2a10 10 0 1 0 10 10h-2a8 8 0 1 1-8-8z"/></svg>';

/** The "cancel query" icon a panel shows after 2 s of loading; also in Grafana's public folder only. */
const SYNC_SLASH_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path fill="currentColor" d="M12 4a8 8 0 0 1 7.4 5h-2.2A6 6 0 0 0 7.8 7.4L6.4 6A8 8 0 0 1 12 4zM3.3 2 2 3.3l3 3A8 8 0 0 0 16.7 18.7l4 4 1.3-1.3zM12 18a6 6 0 0 1-5.5-8.3l8 8A6 6 0 0 1 12 18z"/></svg>';

const MIRRORS: Array<[string, string, string]> = [
  ['-left', '-right', 'scale(-1,1)'],
  ['-right', '-left', 'scale(-1,1)'],
  ['-up', '-down', 'scale(1,-1)'],
  ['-down', '-up', 'scale(1,-1)'],
];

/**
 * Grafana's own public folder has a few more icons than @grafana/ui ships (angle-double-left, …): when an
 * icon is missing but its mirror image exists, answer the mirror, flipped. Undefined when nothing fits.
 */
function mirroredIcon(iconsDir: string, rel: string): string | undefined {
  const file = inside(iconsDir, rel);
  if (!file || fs.existsSync(file) || !file.endsWith('.svg')) {
    return undefined;
  }
  for (const [from, to, transform] of MIRRORS) {
    const base = file.slice(0, -'.svg'.length);
    if (base.endsWith(from)) {
      const other = `${base.slice(0, -from.length)}${to}.svg`;
      if (fs.existsSync(other)) {
        const svg = fs.readFileSync(other, 'utf8');
        // Flipped about the centre of the viewBox by the transform alone: a `transform-origin` attribute
        // is no React prop, and the icon becomes React elements in @grafana/ui's icon component.
        const [x, y, width, height] = (/viewBox="([^"]+)"/.exec(svg)?.[1] ?? '0 0 24 24').split(/[\s,]+/).map(Number);
        const cx = x + width / 2;
        const cy = y + height / 2;
        return svg.replace(
          /(<svg[^>]*>)([\s\S]*)(<\/svg>)/,
          `$1<g transform="translate(${cx} ${cy}) ${transform} translate(${-cx} ${-cy})">$2</g>$3`
        );
      }
    }
  }
  return undefined;
}

/** The panel types the preview registers stand-ins for (preview/app/panels.tsx). */
export const PANEL_TYPES = ['timeseries', 'stat', 'gauge', 'bargauge', 'table', 'text'];

/**
 * Aborted when the client goes away before its answer is written (a page left, a load cancelled), so that
 * its queries stop in Prometheus too, as Grafana cancels a datasource query with its request.
 */
function whileConnected(res: ServerResponse): AbortSignal {
  const controller = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) {
      controller.abort();
    }
  });
  return controller.signal;
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const data = Buffer.from(JSON.stringify(body));
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': data.length, ...headers });
  res.end(data);
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8') || 'null');
  } catch {
    return undefined;
  }
}

function serveFile(res: ServerResponse, file: string): boolean {
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
    return false;
  }
  const data = fs.readFileSync(file);
  res.writeHead(200, {
    'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
    'Content-Length': data.length,
    'Cache-Control': 'no-cache',
  });
  res.end(data);
  return true;
}

/** A path inside `base`, or undefined when `rel` tries to leave it. */
function inside(base: string, rel: string): string | undefined {
  const full = path.resolve(base, `.${path.posix.normalize(`/${rel}`)}`);
  return full.startsWith(path.resolve(base) + path.sep) ? full : undefined;
}

function escapeScript(json: string): string {
  return json
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

export function createPreviewServer(opts: ServerOptions): http.Server {
  const store = new Store(opts.dataDir);
  const log = opts.log ?? (() => undefined);
  const iconsDir = path.join(
    opts.packagesDir ?? path.join(opts.root, 'node_modules'),
    '@grafana',
    'ui',
    'dist',
    'public',
    'img',
    'icons'
  );
  const pluginId = opts.plugin.id;

  function datasourceSettings(ds: PromDatasource & { isDefault: boolean }, id: number) {
    return {
      id,
      uid: ds.uid,
      type: 'prometheus',
      name: ds.name,
      meta: {
        id: 'prometheus',
        type: 'datasource',
        name: 'Prometheus',
        info: {
          author: { name: 'Grafana Labs' },
          description: 'Open source time series database & alerting',
          links: [],
          logos: { small: '', large: '' },
          screenshots: [],
          updated: '',
          version: '',
        },
        module: 'core:plugin/prometheus',
        baseUrl: 'public/app/plugins/datasource/prometheus',
        backend: true,
        metrics: true,
        alerting: true,
        annotations: true,
      },
      url: `/api/datasources/proxy/uid/${ds.uid}`,
      isDefault: ds.isDefault,
      access: 'proxy',
      jsonData: { httpMethod: 'POST', timeInterval: ds.scrapeInterval },
      readOnly: true,
    };
  }

  function datasourceDto(ds: PromDatasource & { isDefault: boolean }, id: number) {
    return {
      id,
      uid: ds.uid,
      orgId: 1,
      name: ds.name,
      type: 'prometheus',
      typeName: 'Prometheus',
      typeLogoUrl: '',
      access: 'proxy',
      url: ds.url,
      user: '',
      database: '',
      basicAuth: false,
      isDefault: ds.isDefault,
      jsonData: { httpMethod: 'POST', timeInterval: ds.scrapeInterval },
      readOnly: true,
    };
  }

  function bootData(role: OrgRole, theme: string, host: string) {
    const panels = Object.fromEntries(
      PANEL_TYPES.map((id, sort) => [
        id,
        {
          id,
          name: id,
          type: 'panel',
          sort,
          module: '',
          baseUrl: '',
          info: {
            author: { name: 'preview' },
            description: 'preview stand-in',
            links: [],
            logos: { small: '', large: '' },
            screenshots: [],
            updated: '',
            version: '',
          },
          hideFromList: false,
          skipDataQuery: id === 'text',
          state: '',
        },
      ])
    );
    const pluginSettings = store.state.plugins[pluginId];
    return {
      user: bootUser(role, theme),
      settings: {
        appUrl: `http://${host}/`,
        appSubUrl: '',
        buildInfo: {
          version: opts.grafanaVersion,
          commit: 'preview',
          env: 'development',
          edition: 'Open Source',
          latestVersion: '',
          hasUpdate: false,
          hideVersion: false,
          buildstamp: 0,
        },
        datasources: Object.fromEntries(opts.datasources.map((d, i) => [d.name, datasourceSettings(d, i + 1)])),
        defaultDatasource: opts.datasources.find((d) => d.isDefault)?.name ?? '',
        panels,
        apps:
          pluginSettings?.enabled !== false
            ? {
                [pluginId]: {
                  id: pluginId,
                  path: `/public/plugins/${pluginId}/module.js`,
                  version: opts.plugin.version,
                  preload: false,
                  angular: { detected: false, hideDeprecation: false },
                  loadingStrategy: 'script',
                  extensions: {
                    addedLinks: [],
                    addedComponents: [],
                    exposedComponents: [],
                    extensionPoints: [],
                    addedFunctions: [],
                  },
                  dependencies: {
                    grafanaDependency: '',
                    grafanaVersion: '*',
                    plugins: [],
                    extensions: { exposedComponents: [] },
                  },
                },
              }
            : {},
        // As a Grafana set up for Grafana-managed recording rules that write to the datasource.
        featureToggles: { grafanaManagedRecordingRules: true, grafanaManagedRecordingRulesDatasources: true },
        unifiedAlertingEnabled: true,
        unifiedAlerting: {
          minInterval: '10s',
          recordingRulesEnabled: true,
          defaultRecordingRulesTargetDatasourceUID: opts.datasources.find((d) => d.isDefault)?.uid,
        },
        namespace: 'default',
        dateFormats: undefined,
      },
      navTree: [],
      assets: { dark: '', light: '' },
    };
  }

  function indexHtml(role: OrgRole, theme: string, host: string): string {
    const boot = escapeScript(JSON.stringify(bootData(role, theme, host)));
    const background = theme === 'light' ? '#f4f5f5' : '#111217';
    return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<title>Burnrate preview</title>
<link rel="icon" href="/public/plugins/${pluginId}/img/logo.svg" />
<style>html,body{margin:0;background:${background}}</style>
<script>
window.grafanaBootData = ${boot};
window.__grafana_public_path__ = '/public/';
</script>
</head>
<body class="theme-${theme}">
<div id="reactRoot"></div>
<script src="/public/preview/main.js"></script>
</body>
</html>
`;
  }

  // The preview's datasources stand for Prometheus behind a ruler-capable proxy, a ruler each: rule groups
  // deployed through one are kept in memory and, with `deployedRules`, evaluated by that datasource's
  // Prometheus beside the demo's own rule file.
  const rulers = new DatasourceRulers({
    datasourceUids: opts.datasources.map((d) => d.uid),
    deployedRules: opts.deployedRules,
    log,
  });
  // Grafana-managed groups imported through the conversion API (recording rules enabled, writing to the
  // datasource): evaluated by Prometheus like the ruler's, each folder in its own rule file.
  const convertApi = new FakeConvertApi({
    datasourceUids: new Set(opts.datasources.map((d) => d.uid)),
    recordingRulesEnabled: true,
  });
  // Grafana-managed rule groups put through the provisioning API, by folder and group (in memory).
  const grafanaRuleGroups = new Map<string, unknown>();
  // Silences of Grafana's Alertmanager, in memory: what the app creates for a maintenance window.
  const silences: Array<Record<string, unknown>> = [];
  const CONTACT_POINTS = [
    { uid: 'preview-email', name: 'email receiver', type: 'email' },
    { uid: 'preview-pager', name: 'On-call pager', type: 'webhook' },
  ];

  function datasourceByUid(uid: string) {
    return opts.datasources.find((d) => d.uid === uid);
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const method = req.method ?? 'GET';
    const p = url.pathname;
    const role = roleOf(req);
    const theme = cookies(req)[THEME_COOKIE] === 'light' ? 'light' : 'dark';
    let m: RegExpMatchArray | null;
    const reply = (r: api.ApiResult) => send(res, r.status, r.body);

    if (p === '/api/health') {
      return send(res, 200, { commit: 'preview', database: 'ok', version: opts.grafanaVersion });
    }
    if (p === '/api/user' && method === 'GET') {
      return send(res, 200, userDto(role, theme));
    }
    if (p === '/api/teams/search' && method === 'GET') {
      return send(res, 200, searchTeams(role, url.searchParams));
    }
    if ((m = p.match(/^\/api\/plugins\/([^/]+)\/settings$/))) {
      if (m[1] !== pluginId) {
        return send(res, 404, { message: 'Plugin not found, no installed plugin with that id' });
      }
      if (method === 'GET') {
        return reply(api.getPluginSettings(store, opts.plugin));
      }
      if (method === 'POST') {
        return reply(api.savePluginSettings(store, opts.plugin, parseJson(await readBody(req)), role));
      }
    }
    if (
      (m = p.match(/^\/apis\/dashboard\.grafana\.app\/v1beta1\/namespaces\/([^/]+)\/dashboards$/)) &&
      method === 'GET'
    ) {
      return reply(api.listDashboardResources(store, decodeURIComponent(m[1]), url.searchParams));
    }
    if (p === '/api/search' && method === 'GET') {
      return reply(api.search(store, url.searchParams));
    }
    if (p === '/api/dashboards/db' && method === 'POST') {
      return reply(api.saveDashboard(store, parseJson(await readBody(req)), role));
    }
    if ((m = p.match(/^\/api\/dashboards\/uid\/([^/]+)\/versions$/)) && method === 'GET') {
      const asObject = versions.listsVersionsAsObject(opts.grafanaVersion);
      return reply(versions.listVersions(store, decodeURIComponent(m[1]), url.searchParams, asObject));
    }
    if ((m = p.match(/^\/api\/dashboards\/uid\/([^/]+)\/versions\/(\d+)$/)) && method === 'GET') {
      return reply(versions.getVersion(store, decodeURIComponent(m[1]), Number(m[2])));
    }
    if ((m = p.match(/^\/api\/dashboards\/uid\/([^/]+)$/))) {
      const uid = decodeURIComponent(m[1]);
      if (method === 'GET') {
        return reply(api.getDashboard(store, uid, role));
      }
      if (method === 'DELETE') {
        return reply(api.deleteDashboard(store, uid, role));
      }
    }
    if (p === '/api/folders') {
      if (method === 'GET') {
        return reply(api.listFolders(store));
      }
      if (method === 'POST') {
        return reply(api.createFolder(store, parseJson(await readBody(req)), role));
      }
    }
    if ((m = p.match(/^\/api\/folders\/([^/]+)$/)) && method === 'GET') {
      return reply(api.getFolder(store, decodeURIComponent(m[1]), role));
    }
    if (p === '/api/datasources' && method === 'GET') {
      return send(
        res,
        200,
        opts.datasources.map((d, i) => datasourceDto(d, i + 1))
      );
    }
    if ((m = p.match(/^\/api\/datasources\/uid\/([^/]+)$/)) && method === 'GET') {
      const i = opts.datasources.findIndex((d) => d.uid === decodeURIComponent(m![1]));
      return i < 0
        ? send(res, 404, { message: 'Data source not found' })
        : send(res, 200, datasourceDto(opts.datasources[i], i + 1));
    }
    if (p === '/api/ds/query' && method === 'POST') {
      const r = await dsQuery(opts.datasources, parseJson(await readBody(req)), Date.now(), whileConnected(res));
      return send(res, r.status, r.body);
    }
    if (
      (m = p.match(/^\/api\/datasources\/uid\/([^/]+)\/resources\/(api\/v1\/.*)$/)) ||
      (m = p.match(/^\/api\/datasources\/proxy\/uid\/([^/]+)\/(api\/v1\/.*)$/))
    ) {
      const ds = datasourceByUid(decodeURIComponent(m[1]));
      if (!ds) {
        return send(res, 404, { message: 'Data source not found' });
      }
      const body = await readBody(req);
      const r = await forwardToPrometheus(
        ds,
        m[2],
        url.search,
        method,
        body,
        req.headers['content-type'],
        whileConnected(res)
      );
      res.writeHead(r.status, { 'Content-Type': r.contentType, 'Content-Length': r.body.length });
      res.end(r.body);
      return;
    }
    if (p === '/api/v1/provisioning/contact-points' && method === 'GET') {
      return send(res, 200, CONTACT_POINTS);
    }
    if ((m = p.match(/^\/api\/v1\/provisioning\/folder\/([^/]+)\/rule-groups\/([^/]+)$/))) {
      const key = `${decodeURIComponent(m[1])}/${decodeURIComponent(m[2])}`;
      if (method === 'GET') {
        const group = grafanaRuleGroups.get(key);
        return group ? send(res, 200, group) : send(res, 404, { message: 'rule group does not exist' });
      }
      if (method === 'PUT') {
        if (role === 'Viewer') {
          return send(res, 403, accessDenied('alert.rules:write'));
        }
        if (!store.state.folders[decodeURIComponent(m[1])]) {
          return send(res, 404, { message: 'folder does not exist' });
        }
        const group = parseJson(await readBody(req));
        grafanaRuleGroups.set(key, group);
        return send(res, 200, group);
      }
      if (method === 'DELETE') {
        if (role === 'Viewer') {
          return send(res, 403, accessDenied('alert.rules:delete'));
        }
        if (!grafanaRuleGroups.delete(key)) {
          return send(res, 404, { message: 'rule group does not exist' });
        }
        res.writeHead(204);
        res.end();
        return;
      }
    }
    if (p === '/api/alertmanager/grafana/api/v2/silences') {
      if (method === 'GET') {
        return send(res, 200, silences);
      }
      if (method === 'POST') {
        if (role === 'Viewer') {
          return send(res, 403, accessDenied('alert.silences:create'));
        }
        const silence = parseJson(await readBody(req));
        if (
          typeof silence !== 'object' ||
          silence === null ||
          !Array.isArray((silence as { matchers?: unknown }).matchers)
        ) {
          return send(res, 400, { message: 'silence has no matchers' });
        }
        const silenceID = `preview-silence-${silences.length + 1}`;
        silences.push({ ...silence, id: silenceID, status: { state: 'pending' } });
        return send(res, 202, { silenceID });
      }
    }
    if (p.startsWith('/api/convert/')) {
      if (method !== 'GET' && role === 'Viewer') {
        return send(res, 403, accessDenied('alert.rules:write'));
      }
      const body = method === 'POST' ? (await readBody(req)).toString('utf8') : '';
      const answer = await rulers.handleConvert(convertApi, {
        method,
        path: p,
        headers: plainHeaders(req.headers),
        body,
      });
      if (answer) {
        const data = Buffer.from(typeof answer.data === 'string' ? answer.data : JSON.stringify(answer.data));
        res.writeHead(answer.status, { 'Content-Type': answer.contentType, 'Content-Length': data.length });
        res.end(data);
        return;
      }
    }
    if (p.startsWith('/api/ruler/')) {
      const action = method === 'GET' ? 'alert.rules.external:read' : 'alert.rules.external:write';
      if (method !== 'GET' && role === 'Viewer') {
        return send(res, 403, accessDenied(action));
      }
      const body = method === 'POST' ? parseJson(await readBody(req)) : undefined;
      const answer = await rulers.handle(method, p, body);
      if (answer) {
        return send(res, answer.status, answer.data);
      }
    }
    log(`not emulated: ${method} ${p}`);
    send(res, 404, { message: 'Not found' });
  }

  function handleStatic(req: IncomingMessage, res: ServerResponse, url: URL): void {
    const p = decodeURIComponent(url.pathname);
    if (p === '/public/build/img/icons/unicons/spinner.svg') {
      // Grafana ships this icon in its own public folder, not in @grafana/ui.
      res.writeHead(200, { 'Content-Type': 'image/svg+xml' });
      res.end(SPINNER_SVG);
      return;
    }
    if (p === '/public/build/img/icons/unicons/sync-slash.svg') {
      res.writeHead(200, { 'Content-Type': 'image/svg+xml' });
      res.end(SYNC_SLASH_SVG);
      return;
    }
    if (p.startsWith('/public/fonts/')) {
      // Grafana's fonts are not on npm: no content, and the browser falls back to another font.
      res.writeHead(204);
      res.end();
      return;
    }
    const mirrored = p.startsWith('/public/build/img/icons/')
      ? mirroredIcon(iconsDir, p.slice('/public/build/img/icons/'.length))
      : undefined;
    if (mirrored) {
      res.writeHead(200, { 'Content-Type': 'image/svg+xml' });
      res.end(mirrored);
      return;
    }
    const routes: Array<[string, string]> = [
      ['/public/preview/', opts.bundleDir],
      ['/public/build/img/icons/', iconsDir],
      [`/public/plugins/${pluginId}/`, opts.pluginDir ?? path.join(opts.root, 'src')],
    ];
    for (const [prefix, dir] of routes) {
      if (p.startsWith(prefix)) {
        const file = inside(dir, p.slice(prefix.length));
        if (file && serveFile(res, file)) {
          return;
        }
        res.writeHead(404, { 'Content-Type': 'text/plain' });
        res.end('not found');
        return;
      }
    }
    if (path.posix.extname(p) !== '') {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('not found');
      return;
    }
    // Any other path is a page of the single-page app: index.html with the boot data of this user.
    const headers: string[] = [];
    let role = roleOf(req);
    const roleParam = parseRole(url.searchParams.get('role'));
    if (roleParam) {
      role = roleParam;
      headers.push(`${ROLE_COOKIE}=${role}; Path=/; SameSite=Lax`);
    }
    let theme = cookies(req)[THEME_COOKIE] === 'light' ? 'light' : 'dark';
    const themeParam = url.searchParams.get('theme');
    if (themeParam === 'light' || themeParam === 'dark') {
      theme = themeParam;
      headers.push(`${THEME_COOKIE}=${theme}; Path=/; SameSite=Lax`);
    }
    const html = Buffer.from(indexHtml(role, theme, req.headers.host ?? '127.0.0.1'));
    res.writeHead(200, {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Length': html.length,
      'Cache-Control': 'no-store',
      ...(headers.length > 0 ? { 'Set-Cookie': headers } : {}),
    });
    res.end(html);
  }

  return http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://preview.local');
    const started = Date.now();
    res.on('finish', () => {
      if (isApi(url.pathname)) {
        log(`${req.method} ${url.pathname} ${res.statusCode} ${Date.now() - started}ms`);
      }
    });
    const handle = isApi(url.pathname) ? handleApi(req, res, url) : Promise.resolve(handleStatic(req, res, url));
    handle.catch((error: unknown) => {
      log(`error: ${req.method} ${url.pathname}: ${error instanceof Error ? error.stack : String(error)}`);
      if (!res.headersSent) {
        send(res, 500, { message: 'Internal Server Error' });
      } else {
        res.end();
      }
    });
  });
}

/** Grafana's HTTP API and its Kubernetes-style API (`/apis/<group>/<version>/...`). */
function isApi(pathname: string): boolean {
  return pathname.startsWith('/api/') || pathname.startsWith('/apis/');
}

export { Store };
