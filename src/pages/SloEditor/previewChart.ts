import { FieldType, LoadingState, createDataFrame, dateTime, type DataFrame, type PanelData } from '@grafana/data';
import {
  EmbeddedScene,
  SceneDataNode,
  SceneFlexItem,
  SceneFlexLayout,
  SceneTimeRange,
  VizPanel,
} from '@grafana/scenes';
import type { HourlySli } from '../../slo/backtest';

/** The hourly SLI of a replay and the objective, as one frame (an hour without events is a gap). */
export function hourlySliFrame(hourly: HourlySli[], target: number): DataFrame {
  return createDataFrame({
    fields: [
      { name: 'Time', type: FieldType.time, values: hourly.map((h) => h.time) },
      {
        name: 'SLI per hour',
        type: FieldType.number,
        values: hourly.map((h) => (h.sli === undefined ? null : h.sli)),
      },
      {
        name: 'Objective',
        type: FieldType.number,
        values: hourly.map(() => target),
        config: {
          custom: { lineStyle: { fill: 'dash', dash: [10, 10] }, lineWidth: 1 },
          color: { mode: 'fixed', fixedColor: 'orange' },
        },
      },
    ],
  });
}

/** A time series panel of the replay's hourly SLI, in a scene of its own with the replayed range. */
export function previewChartScene(frame: DataFrame, from: number, to: number, title: string): EmbeddedScene {
  const timeRange = { from: dateTime(from), to: dateTime(to), raw: { from: dateTime(from), to: dateTime(to) } };
  const data: PanelData = { state: LoadingState.Done, series: [frame], timeRange };
  return new EmbeddedScene({
    $timeRange: new SceneTimeRange({ from: new Date(from).toISOString(), to: new Date(to).toISOString() }),
    body: new SceneFlexLayout({
      children: [
        new SceneFlexItem({
          height: 240,
          body: new VizPanel({
            pluginId: 'timeseries',
            title,
            $data: new SceneDataNode({ data }),
            fieldConfig: {
              defaults: { unit: 'percentunit', decimals: 2, custom: { spanNulls: false, fillOpacity: 10 } },
              overrides: [],
            },
            options: {
              legend: { showLegend: true, displayMode: 'list', placement: 'bottom' },
              tooltip: { mode: 'multi' },
            },
          }),
        }),
      ],
    }),
  });
}
