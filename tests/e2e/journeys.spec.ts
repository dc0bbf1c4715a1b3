import { expect, test } from '@grafana/plugin-e2e';
import { parse } from 'yaml';
import { testIds } from '../../src/components/testIds';
import { PLUGIN_ID } from './constants';

/**
 * The journeys the preview's browser tests cover (tests/browser), in a real Grafana: create an SLO, view it
 * with figures from raw data before any rule runs, export it, deploy it as Grafana-managed alert rules and as
 * Grafana-managed recording rules (the demo stack configures the recording target), then see in the list where
 * its rules run. One SLO of its own, removed afterwards with everything deployed for it.
 */

const NAME = 'e2e-journey-checkout';
const ALERT_FOLDER = 'burnrate-e2e-alerts';
/** The app's default rule namespace: Grafana-managed recording rules go into a folder of that name. */
const RECORDING_NAMESPACE = 'burnrate';

const YAML_DOCUMENT = [
  'apiVersion: burnrate.dev/v1',
  'kind: ServiceLevelObjective',
  `metadata: { name: ${NAME} }`,
  'spec:',
  '  service: checkout',
  '  indicator:',
  '    type: ratio',
  '    total: http_requests_total{job="checkout"}',
  '    bad: http_requests_total{job="checkout",code=~"5.."}',
  '  objectives: [{ target: 99.5%, window: 30d }]',
].join('\n');

const APP = `/a/${PLUGIN_ID}`;

test.describe.configure({ mode: 'serial' });

test.afterAll(async ({ request }) => {
  await request.delete(`/api/dashboards/uid/slo-${NAME}`);
  await request.delete(`/api/convert/prometheus/config/v1/rules/${RECORDING_NAMESPACE}`);
  const groups = await request.get(`/api/v1/provisioning/folder/${ALERT_FOLDER}/rule-groups`);
  if (groups.ok()) {
    for (const group of (await groups.json()) as Array<{ title: string }>) {
      await request.delete(
        `/api/v1/provisioning/folder/${ALERT_FOLDER}/rule-groups/${encodeURIComponent(group.title)}`
      );
    }
  }
  await request.delete(`/api/folders/${ALERT_FOLDER}?forceDeleteRules=true`);
});

test('create: an SLO imported as YAML is saved and listed', async ({ page }) => {
  await page.goto(`${APP}/import`);
  await expect(page.getByTestId(testIds.import.container)).toBeVisible();
  await page.getByTestId(testIds.import.paste).fill(YAML_DOCUMENT);
  await page.getByTestId(testIds.import.addPasted).click();
  await page.getByTestId(testIds.import.save).click();
  await expect(page.getByText(NAME).first()).toBeVisible();

  await page.goto(`${APP}/slos`);
  await expect(page.getByTestId(testIds.sloList.row).filter({ hasText: NAME })).toHaveCount(1);
});

test('view: before any rule runs, the list and the SLO page show figures from raw data', async ({ page }) => {
  await page.goto(`${APP}/slos`);
  const row = page.getByTestId(testIds.sloList.row).filter({ hasText: NAME });
  await expect(row).toContainText(/\d+(\.\d+)?%/, { timeout: 60_000 });
  await expect(row.getByTestId(testIds.figureSource)).toContainText(/raw/i);
  await expect(row.getByTestId(testIds.rulesWhere.marker)).toHaveAttribute('data-where', 'nowhere');

  await page.goto(`${APP}/slos/${NAME}`);
  await expect(page.getByTestId(testIds.sloDetail.header)).toContainText(NAME);
  await expect(page.getByTestId(testIds.sloDetail.error)).toHaveCount(0);
  await expect(page.locator('[data-viz-panel-key]').first()).toBeVisible();
  await expect(page.locator('[data-viz-panel-key] [data-testid="data-testid Panel status error"]')).toHaveCount(0);

  await page.goto(`${APP}/overview`);
  await expect(page.getByTestId(testIds.overview.container)).toBeVisible();
  await expect(page.getByTestId(testIds.overview.row).filter({ hasText: NAME })).toHaveCount(1);
  await expect(page.getByTestId(testIds.overview.error)).toHaveCount(0);
});

test('export: the Prometheus rules of the SLO download as a rule file with its groups', async ({ page }) => {
  await page.goto(`${APP}/export?slo=${NAME}`);
  await expect(page.getByTestId(testIds.export.container)).toBeVisible();
  await page
    .getByTestId(testIds.export.format)
    .getByRole('radio', { name: 'Prometheus rules', exact: true })
    .check({ force: true });
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId(testIds.export.download).click(),
  ]);
  const file = await download.path();
  const { readFile } = await import('node:fs/promises');
  const rules = parse(await readFile(file, 'utf8')) as { groups: Array<{ name: string; rules: unknown[] }> };
  expect(rules.groups.length).toBeGreaterThan(0);
  expect(rules.groups.every((g) => g.rules.length > 0)).toBe(true);
  expect(rules.groups.some((g) => g.name.includes(NAME))).toBe(true);
});

test('deploy: Grafana-managed alert rules into a folder, then up to date', async ({ page, request }) => {
  await page.goto(`${APP}/export?slo=${NAME}`);
  await page
    .getByTestId(testIds.export.format)
    .getByRole('radio', { name: 'Grafana-managed', exact: true })
    .check({ force: true });
  await page.getByTestId(testIds.export.grafana.folder).fill(ALERT_FOLDER);
  await page.getByTestId(testIds.export.grafana.compare).click();
  await expect(page.getByTestId(testIds.export.grafana.change).first()).toBeVisible();
  await page.getByTestId(testIds.export.grafana.apply).click();
  await expect(page.getByText('The folder has the alert rules of the chosen SLOs.')).toBeVisible();
  await page.getByTestId(testIds.export.grafana.compare).click();
  await expect(page.getByTestId(testIds.export.grafana.apply)).toHaveText(/Up to date/);

  const groups = await request.get(`/api/v1/provisioning/folder/${ALERT_FOLDER}/rule-groups`);
  expect(groups.ok()).toBe(true);
  const deployed = (await groups.json()) as Array<{ title: string; rules: unknown[] }>;
  expect(deployed.some((g) => g.title.includes(NAME) && g.rules.length > 0)).toBe(true);
});

test('deploy: Grafana-managed recording rules, then the list says Grafana runs them', async ({ page }) => {
  await page.goto(`${APP}/export?slo=${NAME}`);
  await page
    .getByTestId(testIds.export.format)
    .getByRole('radio', { name: 'Prometheus rules', exact: true })
    .check({ force: true });
  // The demo stack has a plain Prometheus: no ruler to deploy to, and the recording target configured.
  await page.getByTestId(testIds.export.deploy.compare).click();
  await expect(page.getByTestId(testIds.export.deploy.noRuler)).toBeVisible();
  await expect(page.getByTestId(testIds.export.recording.missing)).toHaveCount(0);
  await page.getByTestId(testIds.export.recording.compare).click();
  await expect(page.getByTestId(testIds.export.recording.change).first()).toBeVisible();
  await page.getByTestId(testIds.export.recording.apply).click();
  const results = page.getByTestId(testIds.export.recording.result);
  await expect(results.first()).toBeVisible();
  for (const result of await results.allInnerTexts()) {
    expect(result).toContain(': Deployed');
  }
  await page.getByTestId(testIds.export.recording.compare).click();
  await expect(page.getByTestId(testIds.export.recording.apply)).toHaveText(/Up to date/);

  await page.goto(`${APP}/slos`);
  const row = page.getByTestId(testIds.sloList.row).filter({ hasText: NAME });
  await expect(row.getByTestId(testIds.rulesWhere.marker)).toHaveAttribute('data-where', 'grafana', {
    timeout: 60_000,
  });
});
