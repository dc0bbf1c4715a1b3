import { EmbeddedScene, SceneAppPage } from '@grafana/scenes';
import { ROUTES } from '../../constants';
import type { AppSettings } from '../../settings';
import { prefixRoute } from '../../utils/utils.routing';
import { LazyPageBody } from '../../scenes/LazyPageBody';

export function reviewPage(settings: AppSettings): SceneAppPage {
  return new SceneAppPage({
    title: 'Weekly review',
    subTitle: "The week's SLOs in the review's agenda: performance, incidents, decisions, notes and action items.",
    url: prefixRoute(ROUTES.Review),
    routePath: `${ROUTES.Review}/*`,
    getScene: () => {
      const opened = new Date();
      return new EmbeddedScene({
        body: new LazyPageBody(() =>
          Promise.all([import('./ReviewView'), import('../../decisions/weeklyReview')]).then(
            ([{ NO_NOTES, ReviewView }, { weekOf }]) =>
              new ReviewView({ settings, week: weekOf(opened), teamSize: 4, notes: NO_NOTES })
          )
        ),
      });
    },
  });
}
