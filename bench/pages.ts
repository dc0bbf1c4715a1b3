/**
 * Benchmark of the pages with many SLOs: the SLO list, the overview and the release gate with a generated
 * set of SLOs (1,000 by default) in the preview's store, the bundle a production build, opened in Chromium.
 * Prints, for each page and run, the time from navigation to its first rows, to every row shown, and to its
 * figures (the last data request of the page answered), and the requests the page made. Each page is
 * visited cold (its URL in a new browser context) and in app (from another app page, by its link in the
 * top bar). Not a test: it asserts nothing, it measures.
 *
 *   npx tsx bench/pages.ts                  1,000 SLOs, 3 runs of each page, writes bench/results/<date>-pages.json
 *                                           (<date>-pages-2.json and on when the day has one)
 *   options: --count N  --runs N  --no-build (preview bundle already built, production)  --out FILE  --no-write
 *
 * The preview starts on a free port of 127.0.0.1 with a temporary data directory, its Prometheus without
 * history (the generated SLOs read the demo's live traffic; no rules are deployed, so every figure is
 * replayed from the raw series, the costliest path of the pages). Each run is a fresh browser context: the
 * bundle is loaded as on a first visit.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import YAML from 'yaml';
import type { Page } from 'playwright-core';
import { Store } from '../preview/server/store';
import { preseed } from '../preview/server/provisioning';
import { sloToDashboard, SLO_DASHBOARD_TAG } from '../src/storage/sloDashboard';
import { testIds } from '../src/components/testIds';
import { OVERVIEW_PAGE_SIZE } from '../src/pages/Overview/overviewRows';
import type { Slo } from '../src/slo/types';
import { loadSlo } from './lib/slos';
import { APP, launchBrowser, PLUGIN_ID, ROOT } from '../tests/browser/harness';

const SLO_FOLDER = 'burnrate-slos';
/** Services the generated SLOs spread over: the gate decides for one service, a twentieth of them. */
const SERVICES = 20;
/** A page is settled when no data request has been under way for this long. */
const QUIET_MS = 1500;
/** Longest wait for a page's rows. */
const PAGE_TIMEOUT_MS = 60_000;
/** Longest wait, after its rows, for a page's requests to settle (the raw replay of every SLO's window). */
const SETTLE_TIMEOUT_MS = 30_000;

const { values: args } = parseArgs({
  options: {
    count: { type: 'string', default: '1000' },
    runs: { type: 'string', default: '3' },
    'no-build': { type: 'boolean', default: false },
    out: { type: 'string' },
    'no-write': { type: 'boolean', default: false },
  },
});

/** The example SLOs (on the demo's metrics) copied under new uids and services until there are `count`. */
function generatedSlos(count: number): Slo[] {
  const dir = path.join(ROOT, 'examples');
  const templates = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => loadSlo(YAML.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as object));
  return Array.from({ length: count }, (_, i) => {
    const template = templates[i % templates.length];
    const uid = `gen-${String(i).padStart(4, '0')}-${template.uid}`.slice(0, 60);
    return { ...template, uid, name: uid, displayName: undefined, service: `service-${i % SERVICES}` };
  });
}

/** A data directory with the app's settings and `count` SLO dashboards in the SLO folder, written once. */
function seedDataDir(count: number): string {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'burnrate-bench-pages-'));
  const store = new Store(dataDir);
  preseed(store, ROOT, PLUGIN_ID);
  // Only the generated SLOs: the preseeded examples are replaced, so the count is exact.
  for (const [uid, d] of Object.entries(store.state.dashboards)) {
    if (d.tags.includes(SLO_DASHBOARD_TAG)) {
      delete store.state.dashboards[uid];
    }
  }
  const now = new Date().toISOString();
  for (const slo of generatedSlos(count)) {
    const dashboard = sloToDashboard(slo);
    const id = store.nextId();
    const uid = String(dashboard.uid);
    store.state.dashboards[uid] = {
      id,
      uid,
      title: String(dashboard.title),
      folderUid: SLO_FOLDER,
      version: 1,
      tags: Array.isArray(dashboard.tags) ? dashboard.tags.map(String) : [],
      created: now,
      updated: now,
      createdBy: 'admin',
      updatedBy: 'admin',
      provisioned: false,
      dashboard: { ...dashboard, id, uid, version: 1 },
    };
  }
  store.save();
  return dataDir;
}

interface Preview {
  url: string;
  /** The query API of each datasource's Prometheus: the generated SLOs live on both. */
  prometheusUrls: string[];
  child: ChildProcess;
}

/** The app's URL and each Prometheus from the preview's line "Burnrate preview: URL (Prometheus: uid URL, ...)". */
function previewAddresses(out: string): { url: string; prometheusUrls: string[] } | undefined {
  const line = /Burnrate preview: (http:\/\/127\.0\.0\.1:\d+)\S* \(Prometheus: ([^)\n]*)\)/.exec(out);
  const prometheusUrls = line ? [...line[2].matchAll(/http:\/\/[^\s,]+/g)].map((m) => m[0]) : [];
  return line && prometheusUrls.length > 0 ? { url: line[1], prometheusUrls } : undefined;
}

async function startPreview(dataDir: string): Promise<Preview> {
  const previewArgs = [
    '--import',
    'tsx',
    path.join(ROOT, 'preview', 'run.ts'),
    '--port',
    '0',
    '--data-dir',
    dataDir,
    '--quiet',
    '--calm-traffic',
    '--no-history',
    '--production',
    ...(args['no-build'] ? ['--no-build'] : []),
  ];
  const child = spawn(process.execPath, previewArgs, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => (errors = (errors + chunk.toString()).slice(-4000)));
  const addresses = await new Promise<{ url: string; prometheusUrls: string[] }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the preview did not start in 600 s')), 600_000);
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const found = previewAddresses(out);
      if (found) {
        clearTimeout(timer);
        resolve(found);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the preview exited with code ${code}: ${errors}`));
    });
  });
  return { ...addresses, child };
}

/**
 * Waits (at most 120 s) until every Prometheus runs no query (`prometheus_engine_queries` of their own metrics
 * is 0 three times in a row): the raw reads a page left running are done, and the next run starts on idle
 * servers. Returns the seconds waited.
 */
async function waitForIdlePrometheus(prometheusUrls: readonly string[]): Promise<number> {
  const started = Date.now();
  let idle = 0;
  while (idle < 3 && Date.now() - started < 120_000) {
    const running = await Promise.all(
      prometheusUrls.map(async (url) => {
        const metrics = await fetch(`${url}/metrics`)
          .then((r) => r.text())
          .catch(() => '');
        return Number(/^prometheus_engine_queries (\S+)$/m.exec(metrics)?.[1] ?? 'NaN');
      })
    );
    idle = running.every((queries) => queries === 0) ? idle + 1 : 0;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return Math.round((Date.now() - started) / 1000);
}

async function stopPreview(preview: Preview): Promise<void> {
  if (preview.child.exitCode === null) {
    const exited = new Promise((resolve) => preview.child.once('exit', resolve));
    preview.child.kill('SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
  }
}

/**
 * Recorded in the page from its first script: when a selector first matches, and when the last request to
 * the Grafana API answered, in ms since navigation started (performance.now()).
 */
const PROBE = `(() => {
  const bench = { marks: {}, inFlight: 0, lastAnswer: 0, watches: [] };
  window.__bench = bench;
  const originalFetch = window.fetch.bind(window);
  window.fetch = (...fetchArgs) => {
    bench.inFlight++;
    return originalFetch(...fetchArgs).finally(() => {
      bench.inFlight--;
      bench.lastAnswer = performance.now();
    });
  };
  const check = () => {
    for (const w of bench.watches) {
      if (bench.marks[w.name] === undefined && w.test()) {
        bench.marks[w.name] = performance.now();
      }
    }
  };
  bench.watch = (name, test) => { bench.watches.push({ name, test }); check(); };
  new MutationObserver(check).observe(document, { childList: true, subtree: true, characterData: true });
})();`;

interface PageSpec {
  name: string;
  path: string;
  /** In the page: whether its first rows show. */
  firstRows: string;
  /** In the page: whether every row it shows is there, with its figures. */
  allRows: string;
}

function sel(id: string): string {
  return `[data-testid="${id}"]`;
}

function pageSpecs(count: number): PageSpec[] {
  const listRows = Math.min(50, count);
  const listRow = sel(testIds.sloList.row);
  const listBudget = sel(testIds.sloList.budget);
  return [
    {
      name: 'list',
      path: `${APP}/slos`,
      firstRows: `document.querySelectorAll('${listRow}').length > 0`,
      // The first page of rows, each with its budget figure (or "no data") filled in.
      allRows: `(() => { const cells = [...document.querySelectorAll('${listRow} ${listBudget}')];
        return cells.length === ${listRows} && cells.every((c) => c.textContent.trim() !== ''); })()`,
    },
    {
      name: 'overview',
      path: `${APP}/overview`,
      firstRows: `document.querySelectorAll('${sel(testIds.overview.row)}').length > 0`,
      // The first page of the table (OVERVIEW_PAGE_SIZE rows), each with its status or "no data".
      allRows: `document.querySelectorAll('${sel(testIds.overview.row)}').length === ${Math.min(OVERVIEW_PAGE_SIZE, count)}`,
    },
    {
      name: 'gate',
      path: `${APP}/gate`,
      firstRows: `document.querySelectorAll('${sel(testIds.gate.row)}').length > 0`,
      allRows: `document.querySelector('${sel(testIds.gate.decision)}') !== null && document.querySelectorAll('${sel(testIds.gate.row)}').length > 0`,
    },
  ];
}

interface RunFigures {
  /** The page's scripts loaded (the last script's response end). */
  scriptsMs: number;
  /** The SLO dashboards read (the last response of the dashboard API or of a dashboard load). */
  dashboardsMs: number;
  /** Null when the page did not show them within PAGE_TIMEOUT_MS. */
  firstRowsMs: number | null;
  allRowsMs: number | null;
  /** The last request answered, none other under way for QUIET_MS after it; null when not within the limit. */
  settledMs: number | null;
  requests: Record<string, number>;
}

/** The kind of a request, for counting: no request per SLO shows as counts that do not grow with them. */
function requestKind(url: string): string | undefined {
  const { pathname } = new URL(url);
  if (pathname.startsWith('/apis/')) {
    return 'dashboard API pages';
  }
  if (pathname.startsWith('/api/dashboards/uid/')) {
    return 'dashboard loads';
  }
  if (pathname === '/api/ds/query') {
    return 'datasource queries';
  }
  if (pathname.startsWith('/api/')) {
    return 'other API';
  }
  return undefined;
}

/** The app page an in-app visit starts from: it reads no SLOs, so it is quiet once shown. */
const IN_APP_START = `${APP}/import`;

/**
 * How a page is reached: `cold` opens its URL in a new browser context (every script loaded, as on the first
 * visit of the day); `in app` opens another app page first and then clicks the page's link in the top bar,
 * as a user moving between the app's pages does (Grafana and the app root are loaded, the page's own code
 * and data are not). Times are from the navigation or the click.
 */
type Visit = 'cold' | 'in app';
const VISITS: Visit[] = ['cold', 'in app'];

async function measure(page: Page, baseUrl: string, spec: PageSpec, visit: Visit): Promise<RunFigures> {
  let requests: Record<string, number> = {};
  page.on('request', (request) => {
    const kind = requestKind(request.url());
    if (kind) {
      requests[kind] = (requests[kind] ?? 0) + 1;
    }
  });
  await page.addInitScript(PROBE);
  const watches = `window.__bench.marks = {};
    window.__bench.watch('firstRows', () => ${spec.firstRows});
    window.__bench.watch('allRows', () => ${spec.allRows});`;
  let startedAt = 0;
  if (visit === 'cold') {
    await page.addInitScript(`document.addEventListener('DOMContentLoaded', () => { ${watches} });`);
    await page.goto(`${baseUrl}${spec.path}`, { waitUntil: 'commit' });
  } else {
    await page.goto(`${baseUrl}${IN_APP_START}`);
    // The start page shown: the app root and the page's code are loaded, and the page asks for nothing more.
    await page.locator(sel(testIds.import.container)).waitFor({ timeout: PAGE_TIMEOUT_MS });
    await page.waitForLoadState('networkidle');
    const link = page.locator(`nav a[href="${spec.path}"]`);
    requests = {};
    startedAt = await page.evaluate<number>(`(() => { ${watches} return performance.now(); })()`);
    await link.click();
  }
  const shown = await page
    .waitForFunction(
      () => (window as unknown as { __bench?: { marks: Record<string, number> } }).__bench?.marks.allRows !== undefined,
      undefined,
      {
        timeout: PAGE_TIMEOUT_MS,
        polling: 100,
      }
    )
    .then(
      () => true,
      () => false
    );
  // Settled: nothing under way for QUIET_MS.
  const deadline = Date.now() + SETTLE_TIMEOUT_MS;
  let state: {
    inFlight: number;
    lastAnswer: number;
    now: number;
    firstRows?: number;
    allRows?: number;
    scripts: number;
    dashboards: number;
  } = { inFlight: 1, lastAnswer: 0, now: 0, scripts: 0, dashboards: 0 };
  let settled = false;
  // The state once, then while waiting for the page to settle.
  for (let first = true; first || (shown && !settled && Date.now() < deadline); first = false) {
    // A string, not a function: tsx would wrap the function's inner names in a helper the page lacks.
    // Only resources asked for since the visit started count (an in-app visit's start page loaded others).
    state = await page.evaluate<typeof state>(`(() => {
      const b = window.__bench;
      const resources = performance.getEntriesByType('resource').filter((r) => r.startTime >= ${startedAt});
      const lastEnd = (test) =>
        Math.max(${startedAt}, ...resources.filter((r) => test(new URL(r.name).pathname)).map((r) => r.responseEnd));
      return {
        inFlight: b.inFlight,
        lastAnswer: b.lastAnswer,
        now: performance.now(),
        firstRows: b.marks.firstRows,
        allRows: b.marks.allRows,
        scripts: lastEnd((path) => path.endsWith('.js')),
        dashboards: lastEnd((path) => path.startsWith('/apis/') || path.startsWith('/api/dashboards/uid/')),
      };
    })()`);
    settled = state.inFlight === 0 && state.now - state.lastAnswer >= QUIET_MS;
    if (!settled) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  const since = (t: number | undefined) => (t === undefined ? null : Math.round(t - startedAt));
  return {
    scriptsMs: Math.round(state.scripts - startedAt),
    dashboardsMs: Math.round(state.dashboards - startedAt),
    firstRowsMs: since(state.firstRows),
    allRowsMs: since(state.allRows),
    settledMs: settled ? Math.round(Math.max(state.allRows ?? 0, state.lastAnswer) - startedAt) : null,
    requests,
  };
}

/** bench/results/<date>-pages.json, or -2, -3... when a run of the same day is there: a rerun does not erase it. */
function unusedResultsFile(date: string): string {
  const file = (n: number) => path.join(ROOT, 'bench', 'results', `${date}-pages${n > 1 ? `-${n}` : ''}.json`);
  let n = 1;
  while (fs.existsSync(file(n))) {
    n++;
  }
  return file(n);
}

/** The median, or null when a run has none (a page that did not show its rows or settle in time). */
function median(values: Array<number | null>): number | null {
  if (values.some((v) => v === null)) {
    return null;
  }
  const sorted = (values as number[]).slice().sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function main(): Promise<void> {
  const count = Number(args.count);
  const runs = Number(args.runs);
  const started = Date.now();
  // Other work on the same cores slows every figure: the load averages at the start and end say how much.
  const loadAtStart = os.loadavg().map((l) => Math.round(l * 100) / 100);
  const dataDir = seedDataDir(count);
  process.stdout.write(`[pages] ${count} SLOs in the store; starting the preview (production build)...\n`);
  const preview = await startPreview(dataDir);
  const browser = await launchBrowser();
  /** By page name (`list`, and `list in app` for the in-app visit). */
  const results: Record<string, { runs: RunFigures[]; median: Record<string, number | null> }> = {};
  try {
    for (const spec of pageSpecs(count)) {
      for (const visit of VISITS) {
        const name = visit === 'cold' ? spec.name : `${spec.name} ${visit}`;
        const figures: RunFigures[] = [];
        for (let run = 0; run < runs; run++) {
          const waited = await waitForIdlePrometheus(preview.prometheusUrls);
          process.stdout.write(`[pages] ${name} run ${run + 1}: Prometheus idle after ${waited} s\n`);
          const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
          await context.addCookies([{ name: 'preview_role', value: 'Admin', url: preview.url }]);
          const page = await context.newPage();
          figures.push(await measure(page, preview.url, spec, visit));
          await context.close();
          const f = figures[figures.length - 1];
          process.stdout.write(
            `[pages] ${name} run ${run + 1}: scripts ${f.scriptsMs} ms, SLOs read ${f.dashboardsMs} ms, first rows ${f.firstRowsMs} ms, all rows ${f.allRowsMs} ms, settled ${f.settledMs ?? 'not within 30 s'}; requests ${JSON.stringify(f.requests)}\n`
          );
        }
        results[name] = {
          runs: figures,
          median: {
            scriptsMs: median(figures.map((f) => f.scriptsMs)),
            dashboardsMs: median(figures.map((f) => f.dashboardsMs)),
            firstRowsMs: median(figures.map((f) => f.firstRowsMs)),
            allRowsMs: median(figures.map((f) => f.allRowsMs)),
            settledMs: median(figures.map((f) => f.settledMs)),
          },
        };
      }
    }
  } finally {
    await browser.close();
    await stopPreview(preview);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  process.stdout.write(
    `\nPages with ${count} SLOs (median of ${runs} runs, ms from navigation; ${os.cpus().length} cores)\n`
  );
  const columns = ['scripts', 'SLOs read', 'first rows', 'all rows', 'settled'];
  process.stdout.write(`${'page'.padEnd(18)}${columns.map((c) => c.padStart(12)).join('')}\n`);
  for (const [name, { median: m }] of Object.entries(results)) {
    const cells = [
      m.scriptsMs,
      m.dashboardsMs,
      m.firstRowsMs ?? '> 60 s',
      m.allRowsMs ?? '> 60 s',
      m.settledMs ?? '> 30 s',
    ];
    process.stdout.write(`${name.padEnd(18)}${cells.map((c) => String(c).padStart(12)).join('')}\n`);
  }
  if (!args['no-write']) {
    const date = new Date().toISOString().slice(0, 10);
    const out = args.out ?? unusedResultsFile(date);
    const body = {
      date,
      count,
      runs,
      environment: {
        cores: os.cpus().length,
        node: process.version,
        bundle: 'production',
        history: false,
        loadAverage: { start: loadAtStart, end: os.loadavg().map((l) => Math.round(l * 100) / 100) },
      },
      pages: results,
      seconds: Math.round((Date.now() - started) / 1000),
    };
    fs.writeFileSync(out, `${JSON.stringify(body, null, 2)}\n`);
    process.stdout.write(`[pages] written to ${path.relative(ROOT, out)}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
