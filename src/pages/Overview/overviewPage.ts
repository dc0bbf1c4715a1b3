import { EmbeddedScene, SceneAppPage } from '@grafana/scenes';
import { ROUTES } from '../../constants';
import type { AppSettings } from '../../settings';
import { prefixRoute } from '../../utils/utils.routing';
import { LazyPageBody } from '../../scenes/LazyPageBody';

export function overviewPage(settings: AppSettings): SceneAppPage {
  return new SceneAppPage({
    title: 'Overview',
    subTitle: 'Every SLO by the error budget it has left.',
    url: prefixRoute(ROUTES.Overview),
    routePath: `${ROUTES.Overview}/*`,
    getScene: () =>
      new EmbeddedScene({
        body: new LazyPageBody(() =>
          import('./OverviewView').then(({ OverviewView }) => new OverviewView({ settings }))
        ),
      }),
  });
}
