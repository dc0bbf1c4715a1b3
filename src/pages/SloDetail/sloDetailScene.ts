import {
  DataSourceVariable,
  EmbeddedScene,
  SceneControlsSpacer,
  SceneRefreshPicker,
  SceneTimePicker,
  SceneTimeRange,
  SceneVariableSet,
  VariableValueSelectors,
} from '@grafana/scenes';
import type { AppSettings } from '../../settings';
import { VARIABLES } from '../../constants';
import { SloDetailView } from './SloDetailView';

/** The SLO page: time range and datasource live in the URL (`from`, `to`, `var-ds`). */
export function sloDetailScene(sloUid: string, settings: AppSettings): EmbeddedScene {
  return new EmbeddedScene({
    $timeRange: new SceneTimeRange({ from: 'now-7d', to: 'now' }),
    $variables: new SceneVariableSet({
      variables: [
        new DataSourceVariable({
          name: VARIABLES.datasource,
          label: 'Datasource',
          pluginId: 'prometheus',
          value: settings.datasourceUid,
        }),
      ],
    }),
    controls: [
      new VariableValueSelectors({}),
      new SceneControlsSpacer(),
      new SceneTimePicker({ isOnCanvas: true }),
      new SceneRefreshPicker({ intervals: ['1m', '5m', '15m'], isOnCanvas: true }),
    ],
    body: new SloDetailView({ sloUid, settings, loading: true }),
  });
}
