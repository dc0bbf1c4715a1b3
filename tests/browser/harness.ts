import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type ConsoleMessage, type Page } from 'playwright-core';
import { testIds } from '../../src/components/testIds';

/**
 * Shared pieces of the browser tests: the preview stack (npm run preview on free ports with a fresh data
 * directory), Chromium through playwright-core, pages that record console errors, and screenshots.
 */

export const ROOT = path.resolve(__dirname, '..', '..');
export const SCREENSHOTS = path.join(ROOT, 'test-results', 'screenshots');
export const PLUGIN_ID = (JSON.parse(fs.readFileSync(path.join(ROOT, 'src', 'plugin.json'), 'utf8')) as { id: string })
  .id;
export const APP = `/a/${PLUGIN_ID}`;

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// Without the networking flags Chromium keeps trying to reach Google's services on a closed network.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Stack {
  url: string;
  stop: () => Promise<void>;
}

/**
 * Starts `preview/run.ts` (bundle build unless PREVIEW_NO_BUILD=1, Prometheus, traffic generator, server) on
 * a free port with a temporary data directory; or uses PREVIEW_URL when set (a stack already running).
 * `dist`: the dist mode with that Grafana version's packages (dist/ built by npm run build).
 */
export async function startStack(options: { history?: boolean; dist?: string } = {}): Promise<Stack> {
  if (process.env.PREVIEW_URL && !options.dist) {
    return { url: process.env.PREVIEW_URL.replace(/\/$/, ''), stop: async () => undefined };
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'burnrate-browser-tests-'));
  // Without history, calm traffic: no seeded incidents, so that what the tests see depends only on what they
  // declare. With history: the demo as a user starts it, its storyline included.
  const args = [
    '--import',
    'tsx',
    path.join(ROOT, 'preview', 'run.ts'),
    '--port',
    '0',
    '--data-dir',
    dataDir,
    '--quiet',
    ...(options.history ? [] : ['--calm-traffic', '--no-history']),
    ...(options.dist ? ['--dist', '--grafana', options.dist] : []),
  ];
  if (process.env.PREVIEW_NO_BUILD === '1') {
    args.push('--no-build');
  }
  const child: ChildProcess = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const logName = options.dist ? `preview-dist-${options.dist}` : options.history ? 'preview-history' : 'preview';
  const logFile = path.join(ROOT, 'test-results', `${logName}.log`);
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const log = fs.createWriteStream(logFile);
  child.stderr?.pipe(log);
  const url = await new Promise<string>((resolve, reject) => {
    const limit = options.history || options.dist ? 600 : 180;
    const timer = setTimeout(
      () => reject(new Error(`the preview did not start in ${limit}s; see ${logFile}`)),
      limit * 1000
    );
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      log.write(chunk);
      const m = out.match(/Burnrate preview: (http:\/\/127\.0\.0\.1:\d+)/);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the preview exited with code ${code}; see ${logFile}`));
    });
  });
  return {
    url,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

export type Role = 'Viewer' | 'Editor' | 'Admin';

/** A fresh browser context (own cookies and storage) acting as `role`. */
export async function newContext(browser: Browser, baseURL: string, role: Role = 'Admin'): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL, viewport: { width: 1400, height: 900 } });
  await context.addCookies([{ name: 'preview_role', value: role, url: baseURL }]);
  context.setDefaultTimeout(15_000);
  // Loads and waits for a quiet network: a page's figures show at once, but the raw reads behind SLOs
  // whose rules have not recorded a window can take tens of seconds on a busy 2-core machine.
  context.setDefaultNavigationTimeout(60_000);
  return context;
}

/**
 * What the page logged as errors. HTTP error answers of the Grafana API (404 of a missing folder, 412 of a
 * conflict, 403 for a viewer) are part of what the app handles and shows: Chromium logs each as "Failed to
 * load resource", so those are kept apart; any other console error or uncaught exception fails the test.
 */
export interface ErrorLog {
  errors: string[];
  apiFailures: string[];
  /** Console messages still being formatted (their arguments are read from the page). */
  pending: Array<Promise<void>>;
}

/** React's warnings are printf-style: put the arguments in place of %s for a readable message. */
async function formatConsole(message: ConsoleMessage): Promise<string> {
  const text = message.text();
  if (!text.includes('%s')) {
    return text;
  }
  try {
    const args = await Promise.all(message.args().map((a) => a.jsonValue() as Promise<unknown>));
    let i = 1;
    return String(args[0]).replace(/%s/g, () => String(args[i++]));
  } catch {
    return text;
  }
}

export function recordErrors(page: Page): ErrorLog {
  const log: ErrorLog = { errors: [], apiFailures: [], pending: [] };
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() !== 'error') {
      return;
    }
    const where = message.location().url;
    if (
      message.text().startsWith('Failed to load resource') &&
      new URL(where, 'http://x').pathname.startsWith('/api/')
    ) {
      log.apiFailures.push(`${message.text()} ${where}`);
      return;
    }
    log.pending.push(
      formatConsole(message).then((text) => void log.errors.push(`${text}${where ? ` (${where})` : ''}`))
    );
  });
  // A DOMException (an AbortError) has an empty stack: its name and message then.
  page.on('pageerror', (error) => log.errors.push(`uncaught: ${error.stack || `${error.name}: ${error.message}`}`));
  return log;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** `[data-testid="..."]` for an id of src/components/testIds.ts. */
export function byTestId(id: string): string {
  return `[data-testid="${id}"]`;
}

/** The Export page's deploy section of one datasource's ruler. */
export function deploySection(datasourceUid: string): string {
  return `${byTestId(testIds.export.deploy.section)}[data-datasource="${datasourceUid}"]`;
}

export interface Session {
  context: BrowserContext;
  page: Page;
  log: ErrorLog;
}

/** A fresh context and page acting as `role`, recording its errors. */
export async function openSession(browser: Browser, baseURL: string, role: Role = 'Admin'): Promise<Session> {
  const context = await newContext(browser, baseURL, role);
  const page = await context.newPage();
  return { context, page, log: recordErrors(page) };
}

/** Fails on any console error or uncaught exception, naming each by its first lines. */
export async function assertNoErrors(log: ErrorLog): Promise<void> {
  await Promise.all(log.pending);
  const short = log.errors.map((e) => e.split('\n').slice(0, 3).join(' | '));
  assert.equal(short.length, 0, `${short.length} console error(s):\n- ${[...new Set(short)].join('\n- ')}`);
}

/** Runs `fn` with a fresh session; screenshots the page when the test fails, then closes the context. */
export async function runSession(
  browser: Browser,
  baseURL: string,
  name: string,
  role: Role,
  fn: (s: Session) => Promise<void>
): Promise<void> {
  const s = await openSession(browser, baseURL, role);
  try {
    await fn(s);
  } catch (error) {
    await screenshot(s.page, `${name}-FAILED`).catch(() => undefined);
    throw error;
  } finally {
    await s.context.close();
  }
}
