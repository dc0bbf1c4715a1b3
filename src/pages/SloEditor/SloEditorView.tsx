import React from 'react';
import { locationService } from '@grafana/runtime';
import { SceneObjectBase, type SceneComponentProps, type SceneObjectState } from '@grafana/scenes';
import { Alert, LoadingPlaceholder } from '@grafana/ui';
import type { Slo } from '../../slo/types';
import type { Service } from '../../slo/catalogue';
import { loadCatalogue } from '../../api/catalogueStore';
import type { AppSettings } from '../../settings';
import { getSlo, saveSlo, type SaveResult, type SloEntry, type StoredSlo } from '../../api/sloStore';
import { ApiError, errorMessage } from '../../api/errors';
import { testIds } from '../../components/testIds';
import { sloUrl } from '../../utils/utils.routing';
import { SloEditor } from './SloEditor';
import { datasourceSuggestions, type SliSuggestions } from './sliSuggestions';
import { datasourcePreviewReader, type PreviewReader } from './sliPreviewData';

export interface SloEditorViewState extends SceneObjectState {
  settings: AppSettings;
  /** Absent for a new SLO. */
  sloUid?: string;
  loading: boolean;
  entry?: SloEntry;
  /** A new SLO that duplicates another (`new?duplicate=<uid>`): the SLO it copies. */
  source?: Slo;
  /** Changes each time the page opens, so that the form starts afresh. */
  formKey?: number;
  error?: string;
  /** The catalogue's services; empty until loaded or when it cannot be read (the editor works without). */
  services?: Service[];
}

/** Loads the SLO being edited and saves through the store; the form itself is SloEditor. */
export class SloEditorView extends SceneObjectBase<SloEditorViewState> {
  static Component = SloEditorViewRenderer;

  constructor(state: SloEditorViewState) {
    super(state);
    this.addActivationHandler(() => {
      this.loadServices();
      if (this.state.sloUid !== undefined) {
        this.load(this.state.sloUid);
        return;
      }
      const duplicate = locationService.getSearchObject().duplicate;
      this.setState({ formKey: (this.state.formKey ?? 0) + 1, source: undefined, error: undefined });
      if (typeof duplicate === 'string' && duplicate !== '') {
        this.loadSource(duplicate);
      }
    });
  }

  get suggestions(): SliSuggestions | undefined {
    const uid = this.state.settings.datasourceUid;
    if (uid === '') {
      return undefined;
    }
    this._suggestions ??= datasourceSuggestions(uid);
    return this._suggestions;
  }
  private _suggestions?: SliSuggestions;

  get previewReader(): PreviewReader | undefined {
    const uid = this.state.settings.datasourceUid;
    return uid === '' ? undefined : datasourcePreviewReader(uid);
  }

  async loadServices(): Promise<void> {
    try {
      this.setState({ services: (await loadCatalogue()).catalogue.services });
    } catch {
      // Without the catalogue the service is a free-text field and no SLIs are proposed.
      this.setState({ services: [] });
    }
  }

  async loadSource(sloUid: string): Promise<void> {
    this.setState({ loading: true });
    try {
      const entry = await getSlo(sloUid);
      if (entry.kind !== 'ok') {
        throw new ApiError(`The SLO to duplicate cannot be read: ${entry.error.message}`);
      }
      this.setState({ source: entry.slo, loading: false, formKey: (this.state.formKey ?? 0) + 1 });
    } catch (error) {
      this.setState({ error: errorMessage(error), loading: false });
    }
  }

  async load(sloUid: string): Promise<void> {
    try {
      this.setState({ entry: await getSlo(sloUid), loading: false });
    } catch (error) {
      this.setState({ error: errorMessage(error), loading: false });
    }
  }

  save = (slo: Slo, previous?: StoredSlo): Promise<SaveResult> =>
    saveSlo(slo, { folderUid: previous?.folderUid ?? this.state.settings.sloFolderUid, previous });

  reload = async (sloUid: string): Promise<StoredSlo> => {
    const entry = await getSlo(sloUid);
    if (entry.kind !== 'ok') {
      throw new ApiError(`The stored SLO cannot be read any more: ${entry.error.message}`);
    }
    return entry;
  };

  onSaved = (slo: Slo) => {
    locationService.push(sloUrl(slo.uid));
  };
}

function SloEditorViewRenderer({ model }: SceneComponentProps<SloEditorView>) {
  const { loading, entry, error, settings, sloUid, source, formKey, services } = model.useState();
  if (loading) {
    return <LoadingPlaceholder text="Loading SLO..." />;
  }
  if (error) {
    return <Alert title="Could not load the SLO">{error}</Alert>;
  }
  if (sloUid !== undefined && entry?.kind !== 'ok') {
    return (
      <Alert title="This SLO cannot be read" data-testid={testIds.sloDetail.broken}>
        {entry?.error.message}
      </Alert>
    );
  }
  return (
    <SloEditor
      key={formKey}
      source={source}
      suggestions={model.suggestions}
      previewReader={model.previewReader}
      services={services}
      stored={entry?.kind === 'ok' ? entry : undefined}
      evaluationInterval={settings.evaluationInterval}
      save={model.save}
      reload={model.reload}
      onSaved={model.onSaved}
    />
  );
}
