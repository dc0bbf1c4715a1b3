import { EmbeddedScene } from '@grafana/scenes';
import type { AppSettings } from '../../settings';
import { LazyPageBody } from '../../scenes/LazyPageBody';

export function sloListScene(settings: AppSettings): EmbeddedScene {
  return new EmbeddedScene({
    body: new LazyPageBody(() =>
      import('./SloListView').then(
        ({ SloListView }) => new SloListView({ settings, query: { search: '', sort: 'budget', page: 1 } })
      )
    ),
  });
}
