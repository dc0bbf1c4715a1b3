import React from 'react';
import { act, render, screen } from '@testing-library/react';
import { locationService } from '@grafana/runtime';
import {
  EmbeddedScene,
  SceneObjectBase,
  SceneObjectUrlSyncConfig,
  UrlSyncManager,
  type SceneComponentProps,
  type SceneObjectState,
  type SceneObjectUrlValues,
} from '@grafana/scenes';
import { LazyPageBody } from './LazyPageBody';

interface SearchState extends SceneObjectState {
  search: string;
}

/** A page body whose search lives in the URL, as the list's and the overview's do. */
class SearchBody extends SceneObjectBase<SearchState> {
  static Component = ({ model }: SceneComponentProps<SearchBody>) => <p>search: {model.useState().search}</p>;
  protected _urlSync = new SceneObjectUrlSyncConfig(this, { keys: ['search'] });

  getUrlState(): SceneObjectUrlValues {
    return { search: this.state.search };
  }

  updateFromUrl(values: SceneObjectUrlValues): void {
    if (typeof values.search === 'string' && values.search !== this.state.search) {
      this.setState({ search: values.search });
    }
  }
}

describe('LazyPageBody', () => {
  it('shows the body once its code is loaded and reads its state from the URL', async () => {
    locationService.push('/a/burnrate-slo-app/slos?search=checkout');
    const lazy = new LazyPageBody(() => Promise.resolve(new SearchBody({ search: '' })));
    const scene = new EmbeddedScene({ body: lazy });
    const urlSync = new UrlSyncManager();
    urlSync.initSync(scene);

    render(<scene.Component model={scene} />);
    expect(await screen.findByText('search: checkout')).toBeInTheDocument();
    expect(lazy.state.body?.parent).toBe(lazy);
    urlSync.cleanUp(scene);
  });

  it('keeps the body it built when the page is visited again', async () => {
    let builds = 0;
    const lazy = new LazyPageBody(() => {
      builds++;
      return Promise.resolve(new SearchBody({ search: 'kept' }));
    });
    const scene = new EmbeddedScene({ body: lazy });
    const first = render(<scene.Component model={scene} />);
    expect(await screen.findByText('search: kept')).toBeInTheDocument();
    first.unmount();
    render(<scene.Component model={scene} />);
    expect(await screen.findByText('search: kept')).toBeInTheDocument();
    expect(builds).toBe(1);
  });

  it('says the page could not be loaded when its code fails, and tries again on the next visit', async () => {
    let attempts = 0;
    const lazy = new LazyPageBody(() => {
      attempts++;
      return attempts === 1
        ? Promise.reject(new Error('Loading chunk 42 failed'))
        : Promise.resolve(new SearchBody({ search: 'second try' }));
    });
    const scene = new EmbeddedScene({ body: lazy });
    const first = render(<scene.Component model={scene} />);
    expect(await screen.findByText('This page could not be loaded')).toBeInTheDocument();
    expect(screen.getByText('Loading chunk 42 failed')).toBeInTheDocument();
    first.unmount();
    await act(async () => {
      render(<scene.Component model={scene} />);
    });
    expect(await screen.findByText('search: second try')).toBeInTheDocument();
    expect(attempts).toBe(2);
  });
});
