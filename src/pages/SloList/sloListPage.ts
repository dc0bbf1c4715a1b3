import { SceneAppPage } from '@grafana/scenes';
import { ROUTES } from '../../constants';
import type { AppSettings } from '../../settings';
import { prefixRoute, sloEditUrl, sloUrl } from '../../utils/utils.routing';
import { sloListScene } from './sloListScene';
import { sloDetailScene } from '../SloDetail/sloDetailScene';
import { editSloScene } from '../SloEditor/sloEditorScene';

export function sloListPage(settings: AppSettings): SceneAppPage {
  return new SceneAppPage({
    title: 'SLOs',
    subTitle: 'Service level objectives, their error budgets and the rules that implement them.',
    url: prefixRoute(ROUTES.Slos),
    routePath: `${ROUTES.Slos}/*`,
    getScene: () => sloListScene(settings),
    // Every page renders routes of its own: without the trailing * React Router warns on each of them.
    drilldowns: [
      {
        routePath: ':uid/*',
        getPage(routeMatch, parent) {
          const uid = decodeURIComponent(routeMatch.params.uid ?? '');
          // The uid until the SLO is read; then its name, as Grafana titles a dashboard by its title.
          const page: SceneAppPage = new SceneAppPage({
            title: uid,
            url: sloUrl(uid),
            routePath: ':uid/*',
            getParentPage: () => parent,
            getScene: () => sloDetailScene(uid, settings, (name) => page.setState({ title: name })),
          });
          return page;
        },
      },
      {
        routePath: ':uid/edit/*',
        getPage(routeMatch, parent) {
          const uid = decodeURIComponent(routeMatch.params.uid ?? '');
          const page: SceneAppPage = new SceneAppPage({
            title: `Edit ${uid}`,
            url: sloEditUrl(uid),
            routePath: ':uid/edit/*',
            getParentPage: () => parent,
            getScene: () => editSloScene(uid, settings, (name) => page.setState({ title: `Edit ${name}` })),
          });
          return page;
        },
      },
    ],
  });
}
