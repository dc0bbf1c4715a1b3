import { DataTopic, FieldType, LoadingState, createDataFrame, type DataFrame } from '@grafana/data';
import { SceneDataLayerBase, sceneGraph, type SceneDataLayerProviderState } from '@grafana/scenes';
import type { Unsubscribable } from 'rxjs';
import type { MaintenanceWindow } from '../slo/types';
import { describeSpan, occurrencesBetween } from '../slo/maintenance';

/** Grafana's purple: apart from the red and green of the SLI and budget panels. */
export const MAINTENANCE_COLOR = '#B877D9';

/**
 * The occurrences of maintenance windows within a time range as an annotation frame of regions, the
 * form Grafana's time series panels shade.
 */
export function maintenanceAnnotationFrame(
  windows: readonly MaintenanceWindow[],
  fromSeconds: number,
  toSeconds: number
): DataFrame {
  const found = occurrencesBetween(windows, fromSeconds, toSeconds);
  const frame = createDataFrame({
    name: 'Maintenance',
    fields: [
      { name: 'time', type: FieldType.time, values: found.map((o) => o.startSeconds * 1000) },
      { name: 'timeEnd', type: FieldType.time, values: found.map((o) => o.endSeconds * 1000) },
      { name: 'isRegion', type: FieldType.boolean, values: found.map(() => true) },
      { name: 'title', type: FieldType.string, values: found.map(() => 'Maintenance') },
      {
        name: 'text',
        type: FieldType.string,
        values: found.map(
          (o) => `${o.reason} (${describeSpan(o.startSeconds, o.endSeconds)}): its events do not count`
        ),
      },
      { name: 'color', type: FieldType.string, values: found.map(() => MAINTENANCE_COLOR) },
      { name: 'tags', type: FieldType.other, values: found.map(() => ['maintenance']) },
    ],
  });
  frame.meta = { dataTopic: DataTopic.Annotations };
  return frame;
}

interface MaintenanceLayerState extends SceneDataLayerProviderState {
  windows: MaintenanceWindow[];
}

/**
 * A data layer of an SLO's maintenance windows: the panels under it shade them. Computed from the SLO,
 * with no query, so the shading is there whether or not the datasource has data.
 */
export class MaintenanceLayer extends SceneDataLayerBase<MaintenanceLayerState> {
  private timeRangeSub?: Unsubscribable;

  constructor(windows: MaintenanceWindow[]) {
    super({ name: 'Maintenance', isEnabled: true, windows });
  }

  onEnable(): void {
    this.timeRangeSub = sceneGraph.getTimeRange(this).subscribeToState(() => this.runLayer());
  }

  onDisable(): void {
    this.timeRangeSub?.unsubscribe();
  }

  protected runLayer(): void {
    const timeRange = sceneGraph.getTimeRange(this).state.value;
    this.publishResults({
      state: LoadingState.Done,
      series: [],
      annotations: [
        maintenanceAnnotationFrame(this.state.windows, timeRange.from.valueOf() / 1000, timeRange.to.valueOf() / 1000),
      ],
      timeRange,
    });
  }
}
