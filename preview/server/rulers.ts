import type { ConvertAnswer, FakeConvertApi } from '../../src/testing/convertServer';
import { FakeRuler } from '../../src/testing/rulerServer';
import { handleConvertEvaluated } from './convertRules';
import { handleRulerEvaluated, RuleFileSync, SerialQueue } from './ruleFiles';

/**
 * The ruler of each datasource, as Mimir or a Prometheus behind a ruler-capable proxy has one per tenant:
 * `/api/ruler/<uid>/...` reaches that datasource's groups only. A datasource whose Prometheus the preview
 * runs has its groups written to that Prometheus's rule folder (`deployedRules`), so a group deployed to
 * `prometheus-eu` runs there and nowhere else; the others keep their groups in memory.
 */

/** The rule folder of one datasource's Prometheus and that Prometheus, which reloads after each change. */
export interface DeployedRulesTarget {
  dir: string;
  prometheusUrl: string;
}

export interface DatasourceRulersOptions {
  datasourceUids: readonly string[];
  /** By datasource uid; a datasource that has none keeps its groups in memory. */
  deployedRules?: Readonly<Record<string, DeployedRulesTarget>>;
  /** The promtool binary, or null to rely on Prometheus's reload answer alone (tests). */
  promtool?: string | null;
  log?: (line: string) => void;
}

const RULER_PATH = /^\/api\/ruler\/([^/]+)\/api\/v1\/rules(?:\/|$)/;

export class DatasourceRulers {
  private readonly rulers = new Map<string, FakeRuler>();
  private readonly syncs = new Map<string, RuleFileSync>();
  // One queue for every folder: a change and its undo never interleave with another datasource's.
  private readonly queue = new SerialQueue();

  constructor(opts: DatasourceRulersOptions) {
    const queue = this.queue;
    for (const uid of opts.datasourceUids) {
      this.rulers.set(uid, new FakeRuler(new Set([uid])));
      const target = opts.deployedRules?.[uid];
      if (target) {
        this.syncs.set(uid, new RuleFileSync({ ...target, promtool: opts.promtool, queue, log: opts.log }));
      }
    }
  }

  /** The ruler of a datasource, for tests and the log. */
  rulerOf(uid: string): FakeRuler | undefined {
    return this.rulers.get(uid);
  }

  /** The rule folder sync of a datasource, when its groups are evaluated. */
  syncOf(uid: string): RuleFileSync | undefined {
    return this.syncs.get(uid);
  }

  /** A ruler API call (undefined when the path is none), answered by the ruler of the datasource it names. */
  async handle(method: string, urlPath: string, body: unknown): Promise<{ status: number; data: unknown } | undefined> {
    const match = RULER_PATH.exec(urlPath);
    if (!match) {
      return undefined;
    }
    const uid = decodeURIComponent(match[1]);
    const ruler = this.rulers.get(uid);
    if (!ruler) {
      // What Grafana's ruler proxy answers for a datasource without a ruler.
      return { status: 404, data: { message: '404 page not found' } };
    }
    const sync = this.syncs.get(uid);
    return sync ? handleRulerEvaluated(ruler, sync, method, urlPath, body) : ruler.handle(method, urlPath, body);
  }

  /** Grafana's conversion API: each imported group runs on the Prometheus of the datasource it queries. */
  handleConvert(
    api: FakeConvertApi,
    request: { method: string; path: string; headers: Record<string, string>; body: string }
  ): Promise<ConvertAnswer | undefined> {
    return handleConvertEvaluated(api, { queue: this.queue, syncs: this.syncs }, request);
  }
}
