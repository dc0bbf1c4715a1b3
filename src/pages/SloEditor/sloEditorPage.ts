import { SceneAppPage } from '@grafana/scenes';
import { ROUTES } from '../../constants';
import type { AppSettings } from '../../settings';
import { prefixRoute } from '../../utils/utils.routing';
import { newSloScene } from './sloEditorScene';

export function newSloPage(settings: AppSettings): SceneAppPage {
  return new SceneAppPage({
    title: 'New SLO',
    subTitle: 'Define an objective on a Prometheus-compatible datasource.',
    url: prefixRoute(ROUTES.New),
    routePath: `${ROUTES.New}/*`,
    getScene: () => newSloScene(settings),
  });
}
