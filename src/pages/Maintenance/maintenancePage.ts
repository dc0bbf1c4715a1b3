import { EmbeddedScene, SceneAppPage } from '@grafana/scenes';
import { ROUTES } from '../../constants';
import type { AppSettings } from '../../settings';
import { prefixRoute } from '../../utils/utils.routing';
import { LazyPageBody } from '../../scenes/LazyPageBody';

export function maintenancePage(settings: AppSettings): SceneAppPage {
  return new SceneAppPage({
    title: 'Maintenance',
    subTitle: 'Planned work whose events do not count against the error budget, and when no alert fires.',
    url: prefixRoute(ROUTES.Maintenance),
    routePath: `${ROUTES.Maintenance}/*`,
    getScene: () =>
      new EmbeddedScene({
        body: new LazyPageBody(() =>
          import('./MaintenanceView').then(({ MaintenanceView }) => new MaintenanceView({ settings }))
        ),
      }),
  });
}
