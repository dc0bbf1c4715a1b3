import { EmbeddedScene } from '@grafana/scenes';
import type { AppSettings } from '../../settings';
import { SloEditorView } from './SloEditorView';

export function newSloScene(settings: AppSettings): EmbeddedScene {
  return new EmbeddedScene({ body: new SloEditorView({ settings }) });
}

export function editSloScene(sloUid: string, settings: AppSettings, onName?: (name: string) => void): EmbeddedScene {
  return new EmbeddedScene({ body: new SloEditorView({ settings, sloUid, onName }) });
}
