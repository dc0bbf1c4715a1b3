import {
  LoadingState,
  toDataFrame,
  type DataFrame,
  type DataQueryError,
  type DataQueryRequest,
  type DataQueryResponse,
  type DataSourceApi,
  type PanelData,
  type ScopedVars,
  type TimeRange,
  type TypedVariableModel,
} from '@grafana/data';
import { toDataQueryError, type TemplateSrv } from '@grafana/runtime';
import { sceneGraph, type SceneObject } from '@grafana/scenes';
import { catchError, from, isObservable, map, of, startWith, type Observable } from 'rxjs';

/**
 * Grafana's runRequest, small: runs a datasource query and turns each response packet into PanelData
 * (Loading first, then Done, or Error with the errors of the packet and the frames it still carries).
 */
export function runRequest(datasource: DataSourceApi, request: DataQueryRequest): Observable<PanelData> {
  const base = { series: [] as DataFrame[], request, timeRange: request.range };
  if (request.targets.length === 0) {
    return of({ ...base, state: LoadingState.Done });
  }
  const byKey = new Map<string, DataFrame[]>();
  let response: Observable<DataQueryResponse>;
  try {
    const result = datasource.query(request);
    response = isObservable(result) ? result : from(result);
  } catch (error) {
    return of({
      ...base,
      state: LoadingState.Error,
      error: toDataQueryError(error),
      errors: [toDataQueryError(error)],
    });
  }
  return response.pipe(
    map((packet): PanelData => {
      byKey.set(
        packet.key ?? 'A',
        (packet.data ?? []).map((d) => toDataFrame(d))
      );
      const series = [...byKey.values()].flat();
      const errors: DataQueryError[] = packet.errors ?? (packet.error ? [packet.error] : []);
      return {
        ...base,
        series,
        state: errors.length > 0 ? LoadingState.Error : (packet.state ?? LoadingState.Done),
        ...(errors.length > 0 ? { error: errors[0], errors } : {}),
        timings: { dataProcessingTime: 0 },
      };
    }),
    catchError((error: unknown) => {
      const e = toDataQueryError(error as DataQueryError);
      return of({ ...base, state: LoadingState.Error, error: e, errors: [e] });
    }),
    startWith({ ...base, state: LoadingState.Loading })
  );
}

declare global {
  interface Window {
    __grafanaSceneContext?: SceneObject;
  }
}

const VARIABLE = /\$(\w+)|\[\[(\w+?)(?::(\w+))?\]\]|\${(\w+)(?:\.([^:^}]+))?(?::([^}]+))?}/;

/**
 * Grafana's TemplateSrv in a scenes app: interpolation is delegated to the scene object in the scoped vars
 * (`__sceneObject`), or to the active scene, through `sceneGraph.interpolate`.
 */
export class PreviewTemplateSrv implements TemplateSrv {
  private timeRange?: TimeRange;

  getVariables(): TypedVariableModel[] {
    return [];
  }

  replace(target?: string, scopedVars?: ScopedVars, format?: string | Function): string {
    if (!target) {
      return target ?? '';
    }
    // Scenes wraps the object (SafeSerializableSceneObject): its value's valueOf() is the scene object.
    const wrapped = scopedVars?.__sceneObject?.value as { valueOf(): unknown } | undefined;
    const sceneObject = (wrapped?.valueOf() as SceneObject | undefined) ?? window.__grafanaSceneContext;
    if (!sceneObject) {
      return target;
    }
    return sceneGraph.interpolate(
      sceneObject,
      target,
      scopedVars,
      format as Parameters<typeof sceneGraph.interpolate>[3]
    );
  }

  containsTemplate(target?: string): boolean {
    return Boolean(target && VARIABLE.test(target));
  }

  updateTimeRange(timeRange: TimeRange): void {
    this.timeRange = timeRange;
  }

  getTimeRange(): TimeRange | undefined {
    return this.timeRange;
  }
}
