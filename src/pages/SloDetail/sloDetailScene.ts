import {
  DataSourceVariable,
  EmbeddedScene,
  SceneControlsSpacer,
  SceneRefreshPicker,
  SceneTimePicker,
  SceneTimeRange,
  SceneVariableSet,
  TextBoxVariable,
  VariableValueSelectors,
} from '@grafana/scenes';
import type { AppSettings } from '../../settings';
import { VARIABLES } from '../../constants';
import { LazyPageBody } from '../../scenes/LazyPageBody';

/**
 * The SLO page: time range and variables live in the URL (`from`, `to`, `var-ds`, `var-breakdown`, and
 * `var-group_<label>` for grouped SLOs).
 */
export function sloDetailScene(sloUid: string, settings: AppSettings, onName?: (name: string) => void): EmbeddedScene {
  return new EmbeddedScene({
    $timeRange: new SceneTimeRange({ from: 'now-6h', to: 'now' }),
    $variables: new SceneVariableSet({
      variables: [
        new DataSourceVariable({
          name: VARIABLES.datasource,
          label: 'Datasource',
          pluginId: 'prometheus',
          // Set from the SLO once it is read (SloDetailView): its own datasource, or the app's default.
          value: '',
        }),
        new TextBoxVariable({ name: VARIABLES.breakdown, label: 'Break errors down by', value: '' }),
      ],
    }),
    controls: [
      new VariableValueSelectors({}),
      new SceneControlsSpacer(),
      new SceneTimePicker({ isOnCanvas: true }),
      new SceneRefreshPicker({ intervals: ['1m', '5m', '15m'], isOnCanvas: true }),
    ],
    body: new LazyPageBody(() =>
      import('./SloDetailView').then(({ SloDetailView }) => new SloDetailView({ sloUid, settings, onName }))
    ),
  });
}
