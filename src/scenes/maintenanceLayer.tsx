import { DataTopic, FieldType, LoadingState, createDataFrame, type DataFrame } from '@grafana/data';
import React from 'react';
import {
  SceneDataLayerBase,
  sceneGraph,
  type SceneComponentProps,
  type SceneDataLayerProviderState,
} from '@grafana/scenes';
import { InlineSwitch } from '@grafana/ui';
import type { MaintenanceWindow } from '../slo/types';
import { describeSpan, MAINTENANCE_COLOR, occurrencesBetween } from '../slo/maintenance';

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
  static Component = MaintenanceLayerToggle;

  constructor(windows: MaintenanceWindow[]) {
    super({ name: 'Maintenance', isEnabled: true, windows });
  }

  onEnable(): void {
    // Held as the layer's query: the base class ends it and clears the shading when the layer is switched off.
    this.querySub = sceneGraph.getTimeRange(this).subscribeToState(() => this.runLayer());
  }

  onDisable(): void {
    this.querySub?.unsubscribe();
  }

  protected runLayer(): void {
    const timeRange = sceneGraph.getTimeRange(this).state.value;
    // Query runners take a layer's frames of the annotations topic from its series.
    this.publishResults({
      state: LoadingState.Done,
      series: [
        maintenanceAnnotationFrame(this.state.windows, timeRange.from.valueOf() / 1000, timeRange.to.valueOf() / 1000),
      ],
      timeRange,
    });
  }
}

/** The layer's switch among the page's data layers, as Grafana shows a dashboard's annotation toggles. */
function MaintenanceLayerToggle({ model }: SceneComponentProps<MaintenanceLayer>) {
  const { isEnabled, windows } = model.useState();
  return (
    <InlineSwitch
      label="Maintenance windows"
      showLabel
      transparent
      value={isEnabled}
      title={`Shade the ${windows.length} maintenance window${windows.length === 1 ? '' : 's'} of this SLO`}
      onChange={() => model.setState({ isEnabled: !isEnabled })}
    />
  );
}
