import {
  type DataQuery,
  type DataSourceApi,
  type DataSourceInstanceSettings,
  type DataSourceJsonData,
  type DataSourceRef,
  type MetricFindValue,
  type ScopedVars,
  type TypedVariableModel,
} from '@grafana/data';
import {
  config,
  DataSourceWithBackend,
  getTemplateSrv,
  type DataSourceSrv,
  type GetDataSourceListFilters,
} from '@grafana/runtime';

/**
 * A small Prometheus datasource for the preview: queries go to `/api/ds/query` through runtime's real
 * DataSourceWithBackend (as Grafana's Prometheus datasource does), variables are interpolated with
 * Prometheus's escaping, and `label_values(...)` / `label_names()` / `query_result(...)` variable queries
 * read the resource API. Grafana's own Prometheus datasource (query editor, language provider, table
 * transforms) is not part of the preview.
 */

export interface PromQuery extends DataQuery {
  expr?: string;
  instant?: boolean;
  range?: boolean;
  legendFormat?: string;
  interval?: string;
  format?: string;
}

function escapeRegex(value: string): string {
  return value.replace(/[\\^$*+?.()|[\]{}]/g, '\\\\$&');
}

/** Grafana's Prometheus interpolation: one value as is (quotes escaped), several as an escaped regex group. */
export function interpolatePromValue(value: unknown, variable: { multi?: boolean; includeAll?: boolean }): string {
  if (!variable.multi && !variable.includeAll) {
    return typeof value === 'string' ? value.replace(/\\/g, '\\\\').replace(/'/g, "\\\\'") : String(value);
  }
  const values = Array.isArray(value) ? value.map(String) : [String(value)];
  return values.length === 1 ? escapeRegex(values[0]) : `(${values.map(escapeRegex).join('|')})`;
}

export class PreviewPrometheusDatasource extends DataSourceWithBackend<PromQuery, DataSourceJsonData> {
  constructor(settings: DataSourceInstanceSettings<DataSourceJsonData>) {
    super(settings);
  }

  applyTemplateVariables(query: PromQuery, scopedVars: ScopedVars): PromQuery {
    const srv = getTemplateSrv();
    return {
      ...query,
      expr: srv.replace(query.expr ?? '', scopedVars, (value: unknown, variable: TypedVariableModel) =>
        interpolatePromValue(value, variable as { multi?: boolean; includeAll?: boolean })
      ),
      legendFormat: query.legendFormat ? srv.replace(query.legendFormat, scopedVars) : query.legendFormat,
      interval: query.interval ? srv.replace(query.interval, scopedVars) : query.interval,
    };
  }

  filterQuery(query: PromQuery): boolean {
    return !query.hide && Boolean(query.expr);
  }

  async metricFindQuery(
    query: string | { query?: string },
    options?: { scopedVars?: ScopedVars }
  ): Promise<MetricFindValue[]> {
    const text = getTemplateSrv().replace(typeof query === 'string' ? query : (query.query ?? ''), options?.scopedVars);
    const labelValues = text.match(/^label_values\((?:(.+),\s*)?([a-zA-Z_][a-zA-Z0-9_]*)\)\s*$/);
    if (labelValues) {
      const params = labelValues[1] ? { 'match[]': labelValues[1] } : undefined;
      const answer = await this.getResource<{ data: string[] }>(`api/v1/label/${labelValues[2]}/values`, params);
      return answer.data.map((value) => ({ text: value, value }));
    }
    if (/^label_names\(\)\s*$/.test(text)) {
      const answer = await this.getResource<{ data: string[] }>('api/v1/labels');
      return answer.data.map((value) => ({ text: value, value }));
    }
    const result = text.match(/^query_result\((.+)\)\s*$/);
    if (result) {
      const answer = await this.getResource<{
        data: { result: Array<{ metric: Record<string, string>; value: [number, string] }> };
      }>('api/v1/query', { query: result[1] });
      return answer.data.result.map((r) => {
        const labels = Object.entries(r.metric)
          .filter(([k]) => k !== '__name__')
          .map(([k, v]) => `${k}="${v}"`)
          .join(',');
        const value = `${r.metric.__name__ ?? ''}{${labels}} ${r.value[1]} ${r.value[0] * 1000}`;
        return { text: value, value };
      });
    }
    const answer = await this.getResource<{ data: string[] }>('api/v1/label/__name__/values');
    const re = new RegExp(text.match(/^metrics\((.*)\)\s*$/)?.[1] ?? '.*');
    return answer.data.filter((name) => re.test(name)).map((value) => ({ text: value, value }));
  }

  async getTagKeys(): Promise<MetricFindValue[]> {
    const answer = await this.getResource<{ data: string[] }>('api/v1/labels');
    return answer.data.filter((k) => k !== '__name__').map((text) => ({ text }));
  }

  async getTagValues(options: { key: string }): Promise<MetricFindValue[]> {
    const answer = await this.getResource<{ data: string[] }>(`api/v1/label/${options.key}/values`);
    return answer.data.map((text) => ({ text }));
  }
}

/** Grafana's DataSourceSrv over the datasources of the boot data. */
export class PreviewDataSourceSrv implements DataSourceSrv {
  private instances = new Map<string, DataSourceApi>();

  private all(): DataSourceInstanceSettings[] {
    return Object.values(config.datasources);
  }

  getInstanceSettings(
    ref?: DataSourceRef | string | null,
    scopedVars?: ScopedVars
  ): DataSourceInstanceSettings | undefined {
    const all = this.all();
    if (ref === null || ref === undefined || ref === 'default') {
      return all.find((d) => d.isDefault) ?? all[0];
    }
    let key = typeof ref === 'string' ? ref : ref.uid;
    if (key === undefined && typeof ref === 'object') {
      return all.find((d) => d.type === ref.type && d.isDefault) ?? all.find((d) => d.type === ref.type);
    }
    if (key && key.includes('$')) {
      key = getTemplateSrv().replace(key, scopedVars);
    }
    return all.find((d) => d.uid === key || d.name === key);
  }

  async get(ref?: DataSourceRef | string | null, scopedVars?: ScopedVars): Promise<DataSourceApi> {
    const settings = this.getInstanceSettings(ref, scopedVars);
    if (!settings) {
      throw new Error(`Datasource ${typeof ref === 'string' ? ref : (ref?.uid ?? '')} was not found`);
    }
    let instance = this.instances.get(settings.uid);
    if (!instance) {
      instance = new PreviewPrometheusDatasource(settings as DataSourceInstanceSettings<DataSourceJsonData>);
      this.instances.set(settings.uid, instance);
    }
    return instance;
  }

  getList(filters: GetDataSourceListFilters = {}): DataSourceInstanceSettings[] {
    return this.all()
      .filter(
        (d) => !filters.type || (Array.isArray(filters.type) ? filters.type.includes(d.type) : d.type === filters.type)
      )
      .filter((d) => !filters.metrics || d.meta.metrics)
      .filter((d) => !filters.alerting || d.meta.alerting)
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  async reload(): Promise<void> {
    this.instances.clear();
  }

  registerRuntimeDataSource(): void {
    // The preview has no runtime datasources.
  }
}
