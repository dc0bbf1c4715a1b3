import { SceneQueryRunner, VizPanel } from '@grafana/scenes';
import { VARIABLES } from '../constants';
import type { PanelSpec } from './sloPanels';

/** The datasource of every generated panel: the page's datasource variable. */
export const PANEL_DATASOURCE = { uid: `\${${VARIABLES.datasource}}`, type: 'prometheus' };

/** The parameters of a panel's query runner: its queries on the datasource variable. */
export function getPanelQueryRunnerParams(panel: PanelSpec) {
  return {
    datasource: PANEL_DATASOURCE,
    maxDataPoints: panel.instant ? 1 : 300,
    queries: panel.queries.map((q) => ({
      ...q,
      datasource: PANEL_DATASOURCE,
      instant: panel.instant,
      range: !panel.instant,
    })),
  };
}

/** A scene panel of a panel spec, with its own query runner. */
export function buildVizPanel(panel: PanelSpec): VizPanel {
  return new VizPanel({
    key: panel.key,
    pluginId: panel.type,
    title: panel.title,
    description: panel.description,
    options: panel.options,
    fieldConfig: panel.fieldConfig,
    $data: new SceneQueryRunner(getPanelQueryRunnerParams(panel)),
  });
}
