import React from 'react';
import {
  NewSceneObjectAddedEvent,
  SceneObjectBase,
  type SceneComponentProps,
  type SceneObject,
  type SceneObjectState,
} from '@grafana/scenes';
import { Alert, LoadingPlaceholder } from '@grafana/ui';

export interface LazyPageBodyState extends SceneObjectState {
  body?: SceneObject;
  error?: string;
}

/**
 * A page's body whose code loads with its route: the app's first page does not wait for the code of the
 * others. The loader is a dynamic import that builds the body. The body is built once and kept, so going
 * back to the page keeps its state as Scenes keeps a page's scene.
 */
export class LazyPageBody extends SceneObjectBase<LazyPageBodyState> {
  static Component = LazyPageBodyRenderer;
  private loading?: Promise<void>;

  constructor(private readonly loadBody: () => Promise<SceneObject>) {
    super({});
    this.addActivationHandler(() => {
      this.load();
    });
  }

  /** Resolves once the body is in the scene (or its code failed to load). */
  load(): Promise<void> {
    this.loading ??= this.loadBody().then(
      (body) => {
        this.setState({ body, error: undefined });
        // The URL sync manager reads the state of late objects from the URL when told of them, as Grafana
        // does for panels added to a dashboard after it opened.
        this.publishEvent(new NewSceneObjectAddedEvent(body), true);
      },
      (e: unknown) => {
        // A failed chunk (a new deploy removed it) loads again on the next visit.
        this.loading = undefined;
        this.setState({ error: e instanceof Error ? e.message : String(e) });
      }
    );
    return this.loading;
  }
}

function LazyPageBodyRenderer({ model }: SceneComponentProps<LazyPageBody>) {
  const { body, error } = model.useState();
  if (body) {
    return <body.Component model={body} />;
  }
  if (error) {
    return (
      <Alert severity="error" title="This page could not be loaded">
        <p>{error}</p>
        <p>Reload the page: if the app was updated since Grafana opened, the reload reads its new files.</p>
      </Alert>
    );
  }
  return <LoadingPlaceholder text="Loading page..." />;
}
