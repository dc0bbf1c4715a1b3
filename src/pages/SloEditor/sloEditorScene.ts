import { EmbeddedScene } from '@grafana/scenes';
import type { AppSettings } from '../../settings';
import { LazyPageBody } from '../../scenes/LazyPageBody';

export function newSloScene(settings: AppSettings): EmbeddedScene {
  return new EmbeddedScene({
    body: new LazyPageBody(() =>
      import('./SloEditorView').then(({ SloEditorView }) => new SloEditorView({ settings }))
    ),
  });
}

export function editSloScene(sloUid: string, settings: AppSettings, onName?: (name: string) => void): EmbeddedScene {
  return new EmbeddedScene({
    body: new LazyPageBody(() =>
      import('./SloEditorView').then(({ SloEditorView }) => new SloEditorView({ settings, sloUid, onName }))
    ),
  });
}
