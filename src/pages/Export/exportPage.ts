import { EmbeddedScene, SceneAppPage } from '@grafana/scenes';
import { ROUTES } from '../../constants';
import type { AppSettings } from '../../settings';
import { prefixRoute } from '../../utils/utils.routing';
import { LazyPageBody } from '../../scenes/LazyPageBody';

export function exportPage(settings: AppSettings): SceneAppPage {
  return new SceneAppPage({
    title: 'Export SLOs',
    subTitle: 'SLO files and the rules that implement them, for all SLOs or the ones you pick.',
    url: prefixRoute(ROUTES.Export),
    routePath: `${ROUTES.Export}/*`,
    getScene: () =>
      new EmbeddedScene({
        body: new LazyPageBody(() =>
          import('./ExportView').then(
            ({ ExportView }) =>
              new ExportView({
                settings,
                selected: [],
                format: 'burnrate',
                service: '',
                datasource: '',
                crdNamespace: '',
                crdLabels: '',
                grafanaTarget: { folderUid: settings.dashboardFolderUid, pageReceiver: '', ticketReceiver: '' },
              })
          )
        ),
      }),
  });
}
