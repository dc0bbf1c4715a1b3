import { getDataSourceSrv } from '@grafana/runtime';

export interface DatasourceSummary {
  uid: string;
  name: string;
  type: string;
}

/**
 * Prometheus-compatible datasources: Mimir, Cortex and Thanos datasources use Grafana's Prometheus
 * datasource type too.
 */
export function listPrometheusDatasources(): DatasourceSummary[] {
  return getDataSourceSrv()
    .getList({ type: 'prometheus' })
    .map((ds) => ({ uid: ds.uid, name: ds.name, type: ds.type }));
}

export function findDatasource(uid: string): DatasourceSummary | undefined {
  return listPrometheusDatasources().find((ds) => ds.uid === uid);
}
