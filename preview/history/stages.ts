/**
 * The order in which the demo's recording rules are backfilled. `promtool tsdb create-blocks-from rules`
 * evaluates each rule as range queries against a running Prometheus, which sees only what is already in its
 * TSDB: a rule that reads another rule's output must wait until that output has been backfilled and loaded.
 * So the rules are split into stages: stage 1 reads only the raw series (5m rates, counter snapshots,
 * tiles), stage 2 reads stage 1 (window sums, window starts), stage 3 reads those (the budget remaining).
 *
 * Each stage keeps every group's name and interval, and the caller writes it to the same relative path as
 * the live Prometheus loads: Prometheus offsets a group's evaluations by a hash of its name and file, so a
 * group backfilled under another name or path would land on another grid than its live evaluations.
 */

export interface RecordingRule {
  record: string;
  expr: string;
  labels?: Record<string, string>;
}

export interface StagedGroup {
  name: string;
  interval?: string;
  rules: RecordingRule[];
}

interface AnyRule {
  record?: string;
  alert?: string;
  expr: string;
  labels?: Record<string, string>;
}

export interface AnyGroup {
  name: string;
  interval?: string;
  rules: AnyRule[];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Whether a PromQL expression reads what a recording rule records: it names the metric (as a whole name) in
 * a selector whose `label="value"` matchers do not contradict the rule's labels. (`slo:events:tile` of one SLO
 * does not wait for the tiles of another.)
 */
export function readsRecording(expr: string, rule: RecordingRule): boolean {
  const pattern = new RegExp(`(?<![A-Za-z0-9_:])${escapeRegExp(rule.record)}(?![A-Za-z0-9_:])(\\{[^}]*\\})?`, 'g');
  for (const match of expr.matchAll(pattern)) {
    const matchers = [...(match[1] ?? '').matchAll(/([A-Za-z_][A-Za-z0-9_]*)\s*=\s*"((?:[^"\\]|\\.)*)"/g)];
    if (matchers.every(([, name, value]) => rule.labels?.[name] === undefined || rule.labels[name] === value)) {
      return true;
    }
  }
  return false;
}

/**
 * The recording rules of the groups in backfill stages, first stage first; alerting rules are left out
 * (promtool does not backfill them). A rule's stage is one more than the latest stage of the metrics it
 * reads that rules record; a rule that reads none is in stage 1. Throws on a cycle.
 */
export function backfillStages(groups: AnyGroup[]): StagedGroup[][] {
  const rules = groups.flatMap((group) =>
    group.rules.flatMap((rule) =>
      rule.record ? [{ group, rule: { ...rule, record: rule.record } as RecordingRule }] : []
    )
  );
  const inputs = rules.map((r) =>
    rules.flatMap((other, j) => (other.rule !== r.rule && readsRecording(r.rule.expr, other.rule) ? [j] : []))
  );
  const stageOfRule: number[] = rules.map(() => 1);
  // Relax until stable: a chain of n rules settles in n passes; more means a cycle.
  for (let pass = 0, changed = true; changed; pass++) {
    if (pass > rules.length) {
      throw new Error('the recording rules read each other in a cycle: they cannot be backfilled in order');
    }
    changed = false;
    rules.forEach((_, i) => {
      const stage = 1 + Math.max(0, ...inputs[i].map((j) => stageOfRule[j]));
      if (stage !== stageOfRule[i]) {
        stageOfRule[i] = stage;
        changed = true;
      }
    });
  }
  const stages = Math.max(0, ...stageOfRule);
  return Array.from({ length: stages }, (_, s) =>
    groups.flatMap((group) => {
      const inStage = rules
        .filter((r, i) => r.group === group && stageOfRule[i] === s + 1)
        .map(({ rule }) => ({ record: rule.record, expr: rule.expr, ...(rule.labels ? { labels: rule.labels } : {}) }));
      return inStage.length > 0
        ? [{ name: group.name, ...(group.interval ? { interval: group.interval } : {}), rules: inStage }]
        : [];
    })
  );
}
