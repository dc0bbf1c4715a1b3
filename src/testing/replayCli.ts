import type { HttpGet } from '../cli/prometheusHttp';
import type { CliIo } from '../cli/run';

/** Files read by name and the CLI's output, for tests of the commands that replay SLO files. */
export function captureCli(files: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    readFile: (path) => {
      if (!(path in files)) {
        throw new Error('ENOENT: no such file or directory');
      }
      return files[path];
    },
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
  };
  return { io, out: () => out.join(''), err: () => err.join('') };
}

/**
 * A Prometheus answering range queries with 10 events/s for `totalExpr` and, for any other query, 10 bad
 * events/s from `outageStart` (Unix seconds) for 10 minutes and none otherwise. Requests go to `requests`;
 * `empty` answers no series at all.
 */
export function outagePrometheus(totalExpr: string, outageStart: number, requests: URL[], empty = false): HttpGet {
  return async (url) => {
    const parsed = new URL(url);
    requests.push(parsed);
    const query = parsed.searchParams.get('query');
    const start = Number(parsed.searchParams.get('start'));
    const end = Number(parsed.searchParams.get('end'));
    const step = Number(parsed.searchParams.get('step'));
    const values: Array<[number, string]> = [];
    for (let t = start; t <= end; t += step) {
      const failing = t >= outageStart && t < outageStart + 600;
      values.push([t, query === totalExpr ? '10' : failing ? '10' : '0']);
    }
    const result = empty ? [] : [{ metric: { __name__: 'ignored' }, values }];
    return { status: 200, json: async () => ({ status: 'success', data: { resultType: 'matrix', result } }) };
  };
}
