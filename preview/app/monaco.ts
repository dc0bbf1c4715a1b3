/**
 * Grafana serves Monaco's web workers and points `MonacoEnvironment` at them; plugins' code editors
 * rely on it. The preview host does the same with workers webpack builds from monaco-editor.
 */
export function setUpMonacoWorkers(): void {
  const scope = self as unknown as { MonacoEnvironment?: { getWorker: (id: string, label: string) => Worker } };
  scope.MonacoEnvironment = {
    getWorker(_id: string, label: string): Worker {
      if (label === 'json') {
        return new Worker(new URL('monaco-editor/esm/vs/language/json/json.worker', import.meta.url));
      }
      return new Worker(new URL('monaco-editor/esm/vs/editor/editor.worker', import.meta.url));
    },
  };
}
