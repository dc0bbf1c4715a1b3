import { expect, test } from '@grafana/plugin-e2e';
import { testIds } from '../../src/components/testIds';
import { PLUGIN_ID } from './constants';

const NAME = 'e2e-web-availability';

test.afterEach(async ({ request }) => {
  // The SLO is a dashboard (slo-<uid>) in the Burnrate SLOs folder; remove it whatever the test did.
  await request.delete(`/api/dashboards/uid/slo-${NAME}`);
});

test('a new SLO is saved and appears in the list', async ({ gotoAppPage, page }) => {
  await gotoAppPage({ pluginId: PLUGIN_ID, path: '/new' });
  await expect(page.getByTestId(testIds.sloEditor.container)).toBeVisible();

  await page.getByTestId(testIds.sloEditor.name).fill(NAME);
  await page.getByTestId(testIds.sloEditor.service).fill('web');
  await page.getByTestId(testIds.sloEditor.total).fill('http_requests_total{job="web"}');
  await page.getByTestId(testIds.sloEditor.events).fill('http_requests_total{job="web", code=~"5.."}');
  await page.getByTestId(testIds.sloEditor.target).fill('99.5');
  await page.getByTestId(testIds.sloEditor.save).click();

  await expect(page.getByTestId(testIds.sloEditor.errorSummary)).toHaveCount(0);
  await expect(page.getByTestId(testIds.sloDetail.header)).toContainText(NAME);

  await gotoAppPage({ pluginId: PLUGIN_ID, path: '/slos' });
  await expect(page.getByTestId(testIds.sloList.row).filter({ hasText: NAME })).toHaveCount(1);
});
