import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { packageSet, resolveVersion } from '../../preview/grafanaPackages';
import { testIds } from '../../src/components/testIds';
import {
  APP,
  assertNoErrors,
  byTestId,
  launchBrowser,
  PLUGIN_ID,
  ROOT,
  runSession,
  screenshot,
  startStack,
  type Role,
  type Session,
  type Stack,
} from './harness';

/**
 * The plugin users install, in the preview's dist mode (npm run preview -- --dist): dist/module.js from
 * `npm run build`, loaded through SystemJS with the modules Grafana shares, once with the packages of the
 * oldest Grafana that plugin.json's grafanaDependency claims and once with the newest on npm.
 * DIST_GRAFANA_VERSIONS="12.3.0 13.2.3" names the versions (default: oldest newest); scripts/browser-tests.sh
 * installs and builds their hosts first and runs this with PREVIEW_NO_BUILD=1.
 */

const TEST_TIMEOUT = 2 * 60_000;
const ids = testIds;
const PUBLIC_PATH = `/public/plugins/${PLUGIN_ID}/`;
/** Where the host's own bundle is served from (not the plugin's). */
const HOST_PATH = '/public/preview/';

interface BuiltPluginJson {
  name: string;
  includes?: Array<{ type: string; name: string; path?: string }>;
}

function builtPluginJson(): BuiltPluginJson {
  const file = path.join(ROOT, 'dist', 'plugin.json');
  assert.ok(fs.existsSync(path.join(ROOT, 'dist', 'module.js')), 'dist/module.js is missing: run npm run build');
  return JSON.parse(fs.readFileSync(file, 'utf8')) as BuiltPluginJson;
}

const versions = (process.env.DIST_GRAFANA_VERSIONS ?? 'oldest newest')
  .split(/\s+/)
  .filter(Boolean)
  .map(resolveVersion);

/** The React of the version's packages, which the plugin must be handed. */
function installedReact(version: string): string {
  const file = path.join(packageSet(version).dir, 'node_modules', 'react', 'package.json');
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version;
}

for (const version of versions) {
  describe(`dist/module.js with Grafana ${version}'s packages`, { timeout: 15 * 60_000 }, () => {
    let stack: Stack;
    let browser: Browser;

    before(async () => {
      [stack, browser] = await Promise.all([startStack({ dist: version }), launchBrowser()]);
    });

    after(async () => {
      await browser?.close();
      await stack?.stop();
    });

    const withSession = (name: string, role: Role, fn: (s: Session) => Promise<void>) =>
      runSession(browser, stack.url, `dist-${version}-${name}`, role, fn);

    it(
      "loads module.js through SystemJS, its chunks from the plugin's public path, and every page of plugin.json",
      { timeout: 3 * 60_000 },
      () =>
        withSession('load', 'Admin', async ({ page, log }) => {
          const scripts: string[] = [];
          const failed: string[] = [];
          page.on('request', (request) => {
            if (request.resourceType() === 'script') {
              scripts.push(new URL(request.url()).pathname);
            }
          });
          page.on('requestfailed', (request) => {
            // An image whose component unmounted before it arrived is cancelled, not failed.
            if (request.failure()?.errorText !== 'net::ERR_ABORTED') {
              failed.push(`${request.url()} ${request.failure()?.errorText}`);
            }
          });
          page.on('response', (response) => {
            const url = new URL(response.url());
            if (response.status() >= 400 && !url.pathname.startsWith('/api/')) {
              failed.push(`${response.status()} ${url.pathname}`);
            }
          });
          await page.goto(`${APP}/slos`);
          await page.locator(byTestId(ids.sloList.container)).waitFor();

          // SystemJS holds the plugin and the shared modules; React is the one of this Grafana version.
          const loaded = await systemJsState(page);
          assert.ok(
            loaded.modules.some((id) => new URL(id).pathname === `${PUBLIC_PATH}module.js`),
            `module.js is not in SystemJS's registry: ${loaded.modules.join(', ')}`
          );
          assert.equal(loaded.grafanaVersion, version, 'the boot data announces another Grafana');
          assert.equal(loaded.reactVersion, installedReact(version), "the plugin's React is not this Grafana's");
          // A name Grafana does not share, and one it shares but this host does not carry, fail to resolve.
          const [unshared, uncarried] = await page.evaluate(() =>
            ['left-pad', 'jquery'].map((id) => {
              try {
                return `resolved to ${(window as unknown as { System: { resolve(id: string): string } }).System.resolve(id)}`;
              } catch (error) {
                return String(error);
              }
            })
          );
          assert.match(unshared, /"left-pad" .* is not a module Grafana shares with plugins/);
          assert.match(uncarried, /"jquery" is shared by Grafana but not carried by this host/);

          // Every page of plugin.json's includes, through the app's links where it has one (each page's
          // chunks load as a user meets them): app pages carry their include's name, the configuration
          // page is the plugin's own page.
          const json = builtPluginJson();
          const pages = (json.includes ?? []).filter((i) => i.type === 'page' && i.path);
          assert.ok(pages.length > 0, 'dist/plugin.json includes no pages');
          for (const include of pages) {
            const url = include.path!.replace('%PLUGIN_ID%', PLUGIN_ID);
            const link = page.locator(`a[href="${url}"]`).first();
            if ((await link.count()) > 0) {
              await link.click();
            } else {
              await page.goto(url);
            }
            const heading = url.startsWith('/a/') ? include.name : json.name;
            await page.getByRole('heading', { level: 1, name: heading, exact: true }).waitFor();
          }
          if (new URL(page.url()).pathname !== `/plugins/${PLUGIN_ID}`) {
            await page.goto(`/plugins/${PLUGIN_ID}`);
          }
          await page.locator(byTestId(ids.appConfig.container)).waitFor();
          await page.locator(byTestId(ids.appConfig.save)).waitFor();
          await page.waitForLoadState('networkidle');
          await screenshot(page, `dist-${version}-config`);

          assert.ok(scripts.includes(`${PUBLIC_PATH}module.js`), `module.js was not requested: ${scripts.join(', ')}`);
          const plugin = scripts.filter((s) => !s.startsWith(HOST_PATH));
          assert.ok(plugin.length > 1, `no chunk of the plugin was loaded: ${plugin.join(', ')}`);
          const elsewhere = plugin.filter((s) => !s.startsWith(PUBLIC_PATH));
          assert.deepEqual(elsewhere, [], 'scripts of the plugin loaded from outside its public path');
          assert.deepEqual(failed, [], 'requests failed');
          await assertNoErrors(log);
        })
    );

    it('opens the editor from the list and renders the rules on the export page', { timeout: TEST_TIMEOUT }, () =>
      withSession('editor-export', 'Editor', async ({ page, log }) => {
        await page.goto(`${APP}/slos`);
        await page.locator(byTestId(ids.sloList.container)).waitFor();
        await page.locator(`a[href="${APP}/new"]`).first().click();
        await page.locator(byTestId(ids.sloEditor.container)).waitFor();
        await page.locator(byTestId(ids.sloEditor.name)).fill('dist-editor');
        await page.locator(byTestId(ids.sloEditor.target)).fill('100');
        await page.locator(byTestId(ids.sloEditor.fieldError)).filter({ hasText: '100%' }).first().waitFor();
        await screenshot(page, `dist-${version}-editor`);

        // The demo's SLOs are on two datasources, and a rule file runs on one: the default one's, from the URL.
        await page.goto(`${APP}/export?datasource=prometheus`);
        await page.locator(byTestId(ids.export.container)).waitFor();
        await page
          .locator(byTestId(ids.export.format))
          .getByRole('radio', { name: 'Prometheus rules', exact: true })
          .check({ force: true });
        // The preview is a code editor that renders the lines in view: the first group's recording rules.
        const preview = page.locator(byTestId(ids.export.preview));
        await preview.filter({ hasText: /groups:[\s\S]*-\s+record:\s+slo:\S+[\s\S]*expr:/ }).waitFor();
        await screenshot(page, `dist-${version}-export`);
        await assertNoErrors(log);
      })
    );

    it('shows the figures of an SLO page from the demo traffic', { timeout: 4 * 60_000 }, () =>
      withSession('slo-page', 'Admin', async ({ page, log }) => {
        const sliStat = page.locator('[data-viz-panel-key="sli-stat"]');
        const burnRate = page.locator('[data-viz-panel-key="burn-rate-stat"]');
        // The stack's Prometheus is fresh: reload (bounded) until the rates have two scrapes behind them and
        // the rules have recorded the 1h burn rate.
        const deadline = Date.now() + 150_000;
        let sli = '';
        let burn = '';
        while (Date.now() < deadline) {
          await page.goto(`${APP}/slos/checkout-avail-01?from=now-30m&to=now`);
          await page.locator(byTestId(ids.sloDetail.container)).waitFor();
          await sliStat.waitFor();
          await page.waitForLoadState('networkidle');
          [sli, burn] = [await sliStat.innerText(), await burnRate.innerText()];
          if (/\d+\.\d+%/.test(sli) && /\d+(\.\d+)?\s?x/.test(burn)) {
            break;
          }
          await page.waitForTimeout(10_000);
        }
        assert.match(sli, /\d+\.\d+%/, `the SLI stat shows no number: ${sli}`);
        assert.match(burn, /\d+(\.\d+)?\s?x/, `the burn rate shows no number: ${burn}`);
        await page.locator('[data-viz-panel-key="sli-timeseries"] canvas').first().waitFor();
        const failedQueries = log.apiFailures.filter((f) => f.includes('/api/ds/query'));
        assert.deepEqual(failedQueries, [], 'a panel query failed');
        await screenshot(page, `dist-${version}-slo-page`);
        await assertNoErrors(log);
      })
    );
  });
}

/** What SystemJS holds in the page, and the versions of React and of Grafana the page runs. */
function systemJsState(page: Page): Promise<{ modules: string[]; reactVersion: string; grafanaVersion: string }> {
  return page.evaluate(() => {
    interface Loader {
      entries(): Iterable<[string, Record<string, unknown>]>;
      get(id: string): Record<string, unknown> | undefined;
    }
    const system = (window as unknown as { System: Loader }).System;
    const boot = (window as unknown as { grafanaBootData: { settings: { buildInfo: { version: string } } } })
      .grafanaBootData;
    const react = system.get('package:react');
    return {
      modules: [...system.entries()].map(([id]) => id).filter((id) => !id.startsWith('package:')),
      reactVersion: String(react?.version ?? ''),
      grafanaVersion: boot.settings.buildInfo.version,
    };
  });
}
