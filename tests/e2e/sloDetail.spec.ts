import { expect, test } from '@grafana/plugin-e2e';
import { testIds } from '../../src/components/testIds';
import { DEMO_SLOS, PLUGIN_ID } from './constants';

test('the detail page of an SLO shows its panels with data from the demo Prometheus', async ({ gotoAppPage, page }) => {
  const slo = DEMO_SLOS[0];
  await gotoAppPage({ pluginId: PLUGIN_ID, path: `/slos/${slo.uid}` });
  await expect(page.getByTestId(testIds.sloDetail.container)).toBeVisible();
  await expect(page.getByTestId(testIds.sloDetail.header)).toContainText(slo.title);
  await expect(page.getByTestId(testIds.sloDetail.error)).toHaveCount(0);

  // Scenes panels carry data-viz-panel-key; every one renders without a panel error.
  const panels = page.locator('[data-viz-panel-key]');
  await expect(panels.first()).toBeVisible();
  expect(await panels.count()).toBeGreaterThanOrEqual(3);
  await expect(page.locator('[data-viz-panel-key] [data-testid="data-testid Panel status error"]')).toHaveCount(0);
});
