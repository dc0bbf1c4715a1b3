import React from 'react';
import { locationService } from '@grafana/runtime';
import { SceneObjectBase, type SceneComponentProps, type SceneObjectState } from '@grafana/scenes';
import { Alert, LoadingPlaceholder } from '@grafana/ui';
import type { Slo } from '../../slo/types';
import type { Service } from '../../slo/catalogue';
import { loadCatalogue } from '../../api/catalogueStore';
import type { AppSettings } from '../../settings';
import { getSlo, saveSlo, type SaveResult, type SloEntry, type StoredSlo } from '../../api/sloStore';
import { ApiError } from '../../api/errors';
import { testIds } from '../../components/testIds';
import { sloUrl } from '../../utils/utils.routing';
import { SloEditor } from './SloEditor';
import { datasourceSuggestions, type SliSuggestions } from './sliSuggestions';
import { datasourcePreviewReader, type PreviewReader } from './sliPreviewData';
import { SceneLoader } from '../../scenes/SceneLoader';

export interface SloEditorViewState extends SceneObjectState {
  settings: AppSettings;
  /** Absent for a new SLO. */
  sloUid?: string;
  /** Changes each time the page opens, so that the form starts afresh. */
  formKey?: number;
  /** Told the SLO's display name (or name) once it is read, for the page title. */
  onName?: (name: string) => void;
}

/** What the form starts from. */
interface EditorStart {
  /** The SLO being edited. */
  entry?: SloEntry;
  /** A new SLO that duplicates another (`new?duplicate=<uid>`): the SLO it copies. */
  source?: Slo;
}

/** Loads the SLO being edited and saves through the store; the form itself is SloEditor. */
export class SloEditorView extends SceneObjectBase<SloEditorViewState> {
  static Component = SloEditorViewRenderer;

  readonly start = new SceneLoader<EditorStart>({ load: (signal) => this.loadStart(signal) });
  /** The catalogue's services; empty when it cannot be read (the editor works without). */
  readonly services = new SceneLoader<Service[]>({ load: (signal) => this.loadServices(signal) });

  constructor(state: SloEditorViewState) {
    super(state);
    this.setState({ $behaviors: [this.start, this.services] });
    this.addActivationHandler(() => {
      if (this.state.sloUid === undefined) {
        this.setState({ formKey: (this.state.formKey ?? 0) + 1 });
      }
    });
  }

  /** One per datasource, kept: its metric names are read once a while, whichever datasource was chosen before. */
  suggestionsFor = (datasourceUid: string): SliSuggestions => {
    let suggestions = this.suggestions.get(datasourceUid);
    if (!suggestions) {
      suggestions = datasourceSuggestions(datasourceUid);
      this.suggestions.set(datasourceUid, suggestions);
    }
    return suggestions;
  };
  private readonly suggestions = new Map<string, SliSuggestions>();

  previewReaderFor = (datasourceUid: string): PreviewReader => datasourcePreviewReader(datasourceUid);

  private async loadServices(signal: AbortSignal): Promise<Service[]> {
    try {
      return (await loadCatalogue(signal)).catalogue.services;
    } catch {
      // Without the catalogue the service is a free-text field and no SLIs are proposed.
      return [];
    }
  }

  /** The SLO being edited, or the SLO a new one duplicates; nothing to read for a new SLO of its own. */
  private loadStart(signal: AbortSignal): Promise<EditorStart> | EditorStart {
    if (this.state.sloUid !== undefined) {
      return getSlo(this.state.sloUid, signal).then((entry) => {
        if (entry.kind === 'ok') {
          this.state.onName?.(entry.slo.displayName ?? entry.slo.name);
        }
        return { entry };
      });
    }
    const duplicate = locationService.getSearchObject().duplicate;
    if (typeof duplicate !== 'string' || duplicate === '') {
      return {};
    }
    return getSlo(duplicate, signal).then((entry) => {
      if (entry.kind !== 'ok') {
        throw new ApiError(`The SLO to duplicate cannot be read: ${entry.error.message}`);
      }
      return { source: entry.slo };
    });
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
  const { settings, sloUid, formKey } = model.useState();
  const { loading, data, error } = model.start.useState();
  const services = model.services.useState().data;
  const { entry, source } = data ?? {};
  // An SLO being edited stays on screen while it is read again; a new SLO's form waits for the SLO it copies.
  if (loading && (sloUid === undefined || !data)) {
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
      defaultDatasourceUid={settings.datasourceUid}
      suggestionsFor={model.suggestionsFor}
      previewReaderFor={model.previewReaderFor}
      services={services}
      stored={entry?.kind === 'ok' ? entry : undefined}
      evaluationInterval={settings.evaluationInterval}
      save={model.save}
      reload={model.reload}
      onSaved={model.onSaved}
    />
  );
}
