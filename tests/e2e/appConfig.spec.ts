import { expect, test } from '@grafana/plugin-e2e';
import { testIds } from '../../src/components/testIds';
import { PLUGIN_ID } from './constants';

test('the configuration page saves the settings', async ({ gotoAppConfigPage, page }) => {
  const configPage = await gotoAppConfigPage({ pluginId: PLUGIN_ID });
  await expect(page.getByTestId(testIds.appConfig.container)).toBeVisible();
  // Provisioned: the demo's Prometheus is the app's datasource.
  await expect(page.getByTestId(testIds.appConfig.datasource)).toContainText('Prometheus');

  const namespace = page.getByTestId(testIds.appConfig.ruleNamespace);
  await namespace.fill('burnrate-e2e');
  const saved = configPage.waitForSettingsResponse();
  await page.getByTestId(testIds.appConfig.save).click();
  await expect(saved).toBeOK();
  await expect(page.getByTestId(testIds.appConfig.saveError)).toHaveCount(0);

  await page.reload();
  await expect(page.getByTestId(testIds.appConfig.ruleNamespace)).toHaveValue('burnrate-e2e');
  // Put the default back for the other tests.
  await page.getByTestId(testIds.appConfig.ruleNamespace).fill('burnrate');
  const restored = configPage.waitForSettingsResponse();
  await page.getByTestId(testIds.appConfig.save).click();
  await expect(restored).toBeOK();
});
