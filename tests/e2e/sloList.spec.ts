import { expect, test } from '@grafana/plugin-e2e';
import { testIds } from '../../src/components/testIds';
import { DEMO_SLOS, PLUGIN_ID } from './constants';

test('the app lists the provisioned example SLOs', async ({ gotoAppPage, page }) => {
  await gotoAppPage({ pluginId: PLUGIN_ID, path: '/slos' });
  await expect(page.getByTestId(testIds.sloList.container)).toBeVisible();
  const rows = page.getByTestId(testIds.sloList.row);
  for (const slo of DEMO_SLOS) {
    await expect(rows.filter({ hasText: slo.title })).toHaveCount(1);
  }
  await expect(page.getByTestId(testIds.sloList.brokenRow)).toHaveCount(0);
});

test('an SLO row opens its detail page', async ({ gotoAppPage, page }) => {
  await gotoAppPage({ pluginId: PLUGIN_ID, path: '/slos' });
  const row = page.getByTestId(testIds.sloList.row).filter({ hasText: DEMO_SLOS[0].title });
  await row.getByTestId(testIds.sloList.open).click();
  await expect(page).toHaveURL(new RegExp(`/a/${PLUGIN_ID}/slos/${DEMO_SLOS[0].uid}`));
  await expect(page.getByTestId(testIds.sloDetail.header)).toContainText(DEMO_SLOS[0].title);
});
