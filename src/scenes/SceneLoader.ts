import { SceneObjectBase, SceneObjectStateChangedEvent, type SceneObjectState } from '@grafana/scenes';
import { LoadRunner, type Load, type LoadState } from '../utils/loadRunner';

export interface SceneLoaderState<T> extends SceneObjectState, LoadState<T> {}

export interface SceneLoaderOptions<T> {
  load: Load<T>;
  /**
   * What the data depends on, read from the scene (plain values, compared by value). When it changes
   * the load runs again and the one under way is cancelled. Without it the load runs on activation only.
   */
  inputs?: () => unknown;
}

/**
 * The data of a page, as the page's behaviour (`$behaviors`): loaded when the page activates, again
 * when its inputs change or on refresh(), with `{ loading, data, error }` in its state for the page to
 * render. Only the latest load's answer is kept, and the load under way is cancelled (its requests
 * aborted) when the page deactivates.
 */
export class SceneLoader<T> extends SceneObjectBase<SceneLoaderState<T>> {
  private readonly runner = new LoadRunner<T>((change) => this.setState(change));
  /** The inputs of the latest run, as text. */
  private ranWith?: string;

  constructor(private readonly options: SceneLoaderOptions<T>) {
    super({ loading: true });
    this.addActivationHandler(() => {
      this.refresh();
      // A change anywhere under the page (its state, its other loaders) may change the inputs.
      const watch = options.inputs && this.parent?.subscribeToEvent(SceneObjectStateChangedEvent, this.onSceneChange);
      return () => {
        watch?.unsubscribe();
        this.runner.cancel();
      };
    });
  }

  /**
   * Loads again, cancelling the load under way; resolves when the load has settled (errors go to the
   * state). An inactive loader waits: it loads when it is activated.
   */
  refresh(): Promise<void> {
    if (!this.isActive) {
      return Promise.resolve();
    }
    this.ranWith = this.inputsText();
    return this.runner.run(this.options.load);
  }

  /** A newer answer the page has at hand (after a save): it replaces the data, and a load under way is dropped. */
  setData(data: T): void {
    this.runner.cancel();
    this.setState({ data, error: undefined });
  }

  private inputsText(): string | undefined {
    return this.options.inputs && JSON.stringify(this.options.inputs());
  }

  private onSceneChange = (): void => {
    if (this.inputsText() !== this.ranWith) {
      this.refresh();
    }
  };
}
