import { EmbeddedScene, SceneAppPage } from '@grafana/scenes';
import { ROUTES } from '../../constants';
import type { AppSettings } from '../../settings';
import { prefixRoute } from '../../utils/utils.routing';
import { weekOf } from '../../decisions/weeklyReview';
import { NO_NOTES, ReviewView } from './ReviewView';

export function reviewPage(settings: AppSettings): SceneAppPage {
  return new SceneAppPage({
    title: 'Weekly review',
    subTitle: "The week's SLOs in the review's agenda: performance, incidents, decisions, notes and action items.",
    url: prefixRoute(ROUTES.Review),
    routePath: `${ROUTES.Review}/*`,
    getScene: () => {
      const week = weekOf(new Date());
      return new EmbeddedScene({
        body: new ReviewView({ settings, week, teamSize: 4, notes: NO_NOTES }),
      });
    },
  });
}
