import { EmbeddedScene, SceneAppPage } from '@grafana/scenes';
import { ROUTES } from '../../constants';
import type { AppSettings } from '../../settings';
import { prefixRoute } from '../../utils/utils.routing';
import { LazyPageBody } from '../../scenes/LazyPageBody';

export function servicesPage(settings: AppSettings): SceneAppPage {
  return new SceneAppPage({
    title: 'Services and journeys',
    subTitle: 'What each service is, the SLIs that fit it, and the user journeys its SLOs serve.',
    url: prefixRoute(ROUTES.Services),
    routePath: `${ROUTES.Services}/*`,
    getScene: () =>
      new EmbeddedScene({
        body: new LazyPageBody(() =>
          import('./ServicesView').then(({ ServicesView }) => new ServicesView({ settings }))
        ),
      }),
  });
}
