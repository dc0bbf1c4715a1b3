import { EmbeddedScene, SceneAppPage } from '@grafana/scenes';
import { ROUTES } from '../../constants';
import type { AppSettings } from '../../settings';
import { prefixRoute } from '../../utils/utils.routing';
import { LazyPageBody } from '../../scenes/LazyPageBody';

export function gatePage(settings: AppSettings): SceneAppPage {
  return new SceneAppPage({
    title: 'Can we ship?',
    subTitle: 'The release decision for a change, from the error budgets of the service now.',
    url: prefixRoute(ROUTES.Gate),
    routePath: `${ROUTES.Gate}/*`,
    getScene: () =>
      new EmbeddedScene({
        body: new LazyPageBody(() =>
          import('./GateView').then(
            ({ GateView }) => new GateView({ settings, service: '', risk: 'medium', teamSize: 5 })
          )
        ),
      }),
  });
}
