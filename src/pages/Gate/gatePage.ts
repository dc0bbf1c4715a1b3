import { EmbeddedScene, SceneAppPage } from '@grafana/scenes';
import { ROUTES } from '../../constants';
import type { AppSettings } from '../../settings';
import { prefixRoute } from '../../utils/utils.routing';
import { GateView } from './GateView';

export function gatePage(settings: AppSettings): SceneAppPage {
  return new SceneAppPage({
    title: 'Can we ship?',
    subTitle: 'The release decision for a change, from the error budgets of the service now.',
    url: prefixRoute(ROUTES.Gate),
    routePath: `${ROUTES.Gate}/*`,
    getScene: () => new EmbeddedScene({ body: new GateView({ settings, service: '', risk: 'medium', teamSize: 5 }) }),
  });
}
