import { EmbeddedScene } from '@grafana/scenes';
import type { AppSettings } from '../../settings';
import { SloListView } from './SloListView';

export function sloListScene(settings: AppSettings): EmbeddedScene {
  return new EmbeddedScene({
    body: new SloListView({ settings, query: { search: '', sort: 'budget', page: 1 } }),
  });
}
