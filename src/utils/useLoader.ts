import { useCallback, useEffect, useState, type DependencyList } from 'react';
import { LoadRunner, type Load, type LoadState } from './loadRunner';

/**
 * Loads on demand from a React component (a button's click): `run` cancels the load under way and
 * only the latest answer is kept; unmounting cancels the load.
 */
export function useLoadOnDemand<T>(): [LoadState<T>, (load: Load<T>) => Promise<void>] {
  const [state, setState] = useState<LoadState<T>>({ loading: false });
  const [runner] = useState(() => new LoadRunner<T>((change) => setState((s) => ({ ...s, ...change }))));
  useEffect(() => () => runner.cancel(), [runner]);
  const run = useCallback((load: Load<T>) => runner.run(load), [runner]);
  return [state, run];
}

/**
 * Loads when a React component mounts and again when `deps` change, as SceneLoader does for a scene:
 * the load under way is cancelled on a change and on unmount, and only the latest answer is kept.
 */
export function useLoader<T>(load: Load<T>, deps: DependencyList): LoadState<T> {
  const [state, setState] = useState<LoadState<T>>({ loading: true });
  const [runner] = useState(() => new LoadRunner<T>((change) => setState((s) => ({ ...s, ...change }))));
  useEffect(() => {
    runner.run(load);
    return () => runner.cancel();
    // `load` is a new function on each render; `deps` are what it reads.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [runner, ...deps]);
  return state;
}
