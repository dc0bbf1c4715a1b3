import React from 'react';
import { SceneObjectBase, type SceneComponentProps, type SceneObjectState } from '@grafana/scenes';
import { Alert, EmptyState, LinkButton, LoadingPlaceholder, Stack } from '@grafana/ui';
import type { AppSettings } from '../../settings';
import { deleteSlo, listSlos, type SloEntry } from '../../api/sloStore';
import { errorMessage } from '../../api/errors';
import { testIds } from '../../components/testIds';
import { prefixRoute } from '../../utils/utils.routing';
import { ROUTES } from '../../constants';
import { SloTable } from './SloTable';
import { loadDrift, type DriftReport } from '../../api/ruler';

export interface SloListState extends SceneObjectState {
  settings: AppSettings;
  loading: boolean;
  entries?: SloEntry[];
  error?: string;
  drift?: DriftReport;
}

export class SloListView extends SceneObjectBase<SloListState> {
  static Component = SloListRenderer;

  constructor(state: SloListState) {
    super(state);
    this.addActivationHandler(() => {
      this.load();
    });
  }

  async load(): Promise<void> {
    this.setState({ loading: true, error: undefined });
    try {
      const entries = await listSlos(this.state.settings.sloFolderUid);
      this.setState({ entries, loading: false });
      const slos = entries.flatMap((e) => (e.kind === 'ok' ? [e.slo] : []));
      // The ruler is read after the list shows: a slow or missing ruler never holds the list up.
      this.setState({ drift: await loadDrift(slos, this.state.settings) });
    } catch (error) {
      this.setState({ error: errorMessage(error), loading: false });
    }
  }

  onDelete = async (entry: SloEntry): Promise<void> => {
    await deleteSlo(entry.dashboardUid);
    await this.load();
  };
}

function SloListRenderer({ model }: SceneComponentProps<SloListView>) {
  const { loading, entries, error, drift } = model.useState();
  return (
    <div data-testid={testIds.sloList.container}>
      {error && (
        <Alert title="Could not list the SLOs" severity="error" data-testid={testIds.sloList.error}>
          {error}
        </Alert>
      )}
      {loading && !entries && <LoadingPlaceholder text="Loading SLOs..." />}
      {entries && entries.length === 0 && <EmptySloList />}
      {entries && entries.length > 0 && (
        <Stack direction="column" gap={2}>
          <Stack justifyContent="flex-end">
            <LinkButton
              href={prefixRoute(ROUTES.Import)}
              variant="secondary"
              icon="upload"
              data-testid={testIds.sloList.importFiles}
            >
              Import files
            </LinkButton>
            <LinkButton href={prefixRoute(ROUTES.New)} icon="plus" data-testid={testIds.sloList.newSlo}>
              New SLO
            </LinkButton>
          </Stack>
          <SloTable entries={entries} onDelete={model.onDelete} drift={drift} />
        </Stack>
      )}
    </div>
  );
}

function EmptySloList() {
  return (
    <div data-testid={testIds.sloList.empty}>
      <EmptyState
        variant="call-to-action"
        message="No SLOs yet"
        button={
          <Stack>
            <LinkButton href={prefixRoute(ROUTES.New)} icon="plus" data-testid={testIds.sloList.createFirst}>
              Create your first SLO
            </LinkButton>
            <LinkButton
              href={prefixRoute(ROUTES.Import)}
              variant="secondary"
              icon="upload"
              data-testid={testIds.sloList.importFiles}
            >
              Import files
            </LinkButton>
          </Stack>
        }
      >
        Define an objective on the data of your Prometheus-compatible datasource, or import native, OpenSLO, Sloth or
        Pyrra files.
      </EmptyState>
    </div>
  );
}
