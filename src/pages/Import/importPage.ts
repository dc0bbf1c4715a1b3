import { EmbeddedScene, SceneAppPage } from '@grafana/scenes';
import { ROUTES } from '../../constants';
import type { AppSettings } from '../../settings';
import { prefixRoute } from '../../utils/utils.routing';
import { LazyPageBody } from '../../scenes/LazyPageBody';

export function importPage(settings: AppSettings): SceneAppPage {
  return new SceneAppPage({
    title: 'Import',
    subTitle: 'Native Burnrate, OpenSLO v1, Sloth and Pyrra files.',
    url: prefixRoute(ROUTES.Import),
    routePath: `${ROUTES.Import}/*`,
    getScene: () =>
      new EmbeddedScene({
        body: new LazyPageBody(() =>
          import('./ImportView').then(
            ({ ImportView }) => new ImportView({ settings, files: [], excluded: [], results: {} })
          )
        ),
      }),
  });
}
