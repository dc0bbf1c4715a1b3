import React from 'react';
import { SceneObjectBase, type SceneComponentProps, type SceneObjectState } from '@grafana/scenes';
import { Alert, Button, Stack, TextLink } from '@grafana/ui';
import type { AppSettings } from '../../settings';
import { testIds } from '../../components/testIds';
import { errorMessage } from '../../api/errors';
import { DashboardConflictError, saveGeneratedDashboard } from '../../api/dashboards';
import { buildGeneratedSloDashboard, type ClassicDashboard } from '../../scenes/dashboardJson';
import type { SloPanelsOptions } from './buildSloPanels';

export interface SloExportActionsState extends SceneObjectState {
  options: SloPanelsOptions;
  settings: AppSettings;
  /** The datasource the SLO lives on: the exported dashboard's datasource variable starts on it. */
  datasourceUid: string;
  saving?: boolean;
  saved?: { url: string; title: string };
  conflict?: string;
  error?: string;
}

/** Export of the page as a classic dashboard: download its JSON, or save it into the dashboards folder. */
export class SloExportActions extends SceneObjectBase<SloExportActionsState> {
  static Component = SloExportActionsRenderer;

  dashboard(): ClassicDashboard {
    return buildGeneratedSloDashboard({ ...this.state.options, datasourceUid: this.state.datasourceUid });
  }

  onDownload = (): void => {
    const dashboard = this.dashboard();
    const blob = new Blob([JSON.stringify(dashboard, null, 2)], { type: 'application/json' });
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = `${dashboard.uid}.json`;
    link.click();
    URL.revokeObjectURL(url);
  };

  onSave = async (overwrite = false): Promise<void> => {
    const dashboard = this.dashboard();
    this.setState({ saving: true, conflict: undefined, error: undefined, saved: undefined });
    try {
      const saved = await saveGeneratedDashboard(dashboard, {
        folderUid: this.state.settings.dashboardFolderUid,
        overwrite,
      });
      this.setState({ saving: false, saved: { url: saved.url, title: dashboard.title } });
    } catch (error) {
      if (error instanceof DashboardConflictError) {
        this.setState({ saving: false, conflict: error.message });
      } else {
        this.setState({ saving: false, error: errorMessage(error) });
      }
    }
  };
}

function SloExportActionsRenderer({ model }: SceneComponentProps<SloExportActions>) {
  const { saving, saved, conflict, error } = model.useState();
  return (
    <div>
      <Stack gap={1}>
        <Button
          size="sm"
          variant="secondary"
          icon="file-alt"
          onClick={model.onDownload}
          data-testid={testIds.sloDetail.exportJson}
        >
          Dashboard JSON
        </Button>
        <Button
          size="sm"
          variant="secondary"
          icon="save"
          disabled={saving}
          onClick={() => model.onSave(false)}
          data-testid={testIds.sloDetail.saveDashboard}
        >
          {saving ? 'Saving…' : 'Save as dashboard'}
        </Button>
      </Stack>
      <div data-testid={testIds.sloDetail.saveResult}>
        {saved && (
          <Alert severity="success" title="Dashboard saved" onRemove={() => model.setState({ saved: undefined })}>
            <TextLink href={saved.url}>{saved.title}</TextLink> is in the dashboards folder; it works without the app.
          </Alert>
        )}
        {conflict && (
          <Alert
            severity="warning"
            title="The dashboard already exists"
            onRemove={() => model.setState({ conflict: undefined })}
          >
            <Stack direction="column" gap={1} alignItems="flex-start">
              {conflict}
              <Button size="sm" variant="destructive" onClick={() => model.onSave(true)}>
                Overwrite
              </Button>
            </Stack>
          </Alert>
        )}
        {error && (
          <Alert title="Could not save the dashboard" onRemove={() => model.setState({ error: undefined })}>
            {error}
          </Alert>
        )}
      </div>
    </div>
  );
}
