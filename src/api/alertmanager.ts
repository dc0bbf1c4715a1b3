import { z } from 'zod';
import { getDataSourceSrv } from '@grafana/runtime';
import { fetchParsed } from './http';

/** Grafana's own Alertmanager, which Grafana-managed alert rules notify through. */
export const GRAFANA_ALERTMANAGER = 'grafana';

export interface AlertmanagerChoice {
  /** `grafana`, or the uid of an Alertmanager datasource. */
  uid: string;
  name: string;
}

/** Grafana's Alertmanager and the Alertmanager datasources (where Prometheus's alerts go). */
export function alertmanagerChoices(): AlertmanagerChoice[] {
  return [
    { uid: GRAFANA_ALERTMANAGER, name: 'Grafana' },
    ...getDataSourceSrv()
      .getList({ type: 'alertmanager' })
      .map((ds) => ({ uid: ds.uid, name: ds.name })),
  ];
}

/** A silence as Alertmanager's API v2 takes it. */
export interface SilenceRequest {
  matchers: Array<{ name: string; value: string; isRegex: boolean; isEqual: boolean }>;
  startsAt: string;
  endsAt: string;
  createdBy: string;
  comment: string;
}

const createdSchema = z.looseObject({ silenceID: z.string() });

/** Creates a silence through Grafana's Alertmanager API; its id. */
export async function createSilence(alertmanagerUid: string, silence: SilenceRequest): Promise<string> {
  const created = await fetchParsed(
    {
      url: `/api/alertmanager/${encodeURIComponent(alertmanagerUid)}/api/v2/silences`,
      method: 'POST',
      data: silence,
    },
    createdSchema,
    'Creating the silence'
  );
  return created.silenceID;
}
