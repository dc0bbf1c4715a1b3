import { EmbeddedScene, SceneAppPage } from '@grafana/scenes';
import { ROUTES } from '../../constants';
import type { AppSettings } from '../../settings';
import { prefixRoute } from '../../utils/utils.routing';
import { LazyPageBody } from '../../scenes/LazyPageBody';

export function reportPage(settings: AppSettings): SceneAppPage {
  return new SceneAppPage({
    title: 'SLO report',
    subTitle: 'Each SLO of a month: achieved SLI, budget used, bad periods, alerts, trend and what to do next.',
    url: prefixRoute(ROUTES.Report),
    routePath: `${ROUTES.Report}/*`,
    getScene: () =>
      new EmbeddedScene({
        body: new LazyPageBody(() =>
          import('./ReportView').then(
            ({ monthOf, ReportView }) =>
              new ReportView({ settings, month: monthOf(new Date()), services: [], teamSize: 4 })
          )
        ),
      }),
  });
}
