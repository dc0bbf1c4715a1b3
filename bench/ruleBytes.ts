/**
 * Size of the generated rules per SLO: bytes of the Prometheus rule file and rules, for the example SLOs
 * one by one and for the scale benchmark's mix of SLO kinds (bench/scale.ts), split into the parts of an
 * SLO's rules (alerts with their annotations, the budget remaining, the tiles, the rest), so that a change
 * of the rules' shape shows where its bytes went.
 *
 *   npx tsx bench/ruleBytes.ts [--count N]     (default 1000 SLOs of the scale mix)
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import YAML from 'yaml';
import { buildRuleGroups, isAlertingRule, type RuleGroup } from '../src/rules/build';
import { renderRules } from '../src/rules/output';
import { SLO_METRICS } from '../src/promql/slo';
import { loadSlo } from './lib/slos';
import { sloDocument } from './scale';

const REPO = path.join(__dirname, '..');

/** The part of an SLO's rules a rule belongs to. */
type Part = 'alerts' | 'budget' | 'tiles' | 'other';
const PARTS: Part[] = ['alerts', 'budget', 'tiles', 'other'];

function partOf(rule: RuleGroup['rules'][number]): Part {
  if (isAlertingRule(rule)) {
    return 'alerts';
  }
  if (rule.record === SLO_METRICS.budgetRemaining) {
    return 'budget';
  }
  return rule.record === SLO_METRICS.eventsTile || rule.record === SLO_METRICS.badEventsTile ? 'tiles' : 'other';
}

interface Size {
  bytes: number;
  rules: number;
  parts: Record<Part, number>;
}

function sizeOf(groups: RuleGroup[]): Size {
  const parts: Record<Part, number> = { alerts: 0, budget: 0, tiles: 0, other: 0 };
  for (const group of groups) {
    for (const rule of group.rules) {
      parts[partOf(rule)] += renderRules([{ ...group, rules: [rule] }], 'prometheus').length;
    }
  }
  return {
    bytes: renderRules(groups, 'prometheus').length,
    rules: groups.reduce((n, g) => n + g.rules.length, 0),
    parts,
  };
}

function row(name: string, size: Size, count = 1): string {
  const per = (n: number) => Math.round(n / count).toLocaleString('en-US');
  return (
    `${name.padEnd(28)} ${per(size.bytes).padStart(8)} ${(size.rules / count).toFixed(1).padStart(6)}` +
    PARTS.map((p) => per(size.parts[p]).padStart(8)).join('')
  );
}

function main(): void {
  const { values } = parseArgs({ options: { count: { type: 'string', default: '1000' } } });
  const count = Number(values.count);
  if (!Number.isInteger(count) || count < 1) {
    throw new Error(`--count must be a whole number above 0, got ${values.count}`);
  }
  const header = `${'SLO'.padEnd(28)} ${'bytes'.padStart(8)} ${'rules'.padStart(6)}${PARTS.map((p) => p.padStart(8)).join('')}`;
  console.log('Prometheus rule file bytes per SLO (alerts, budget remaining, tiles and other rules: bytes of each)');
  console.log(header);
  const examples = readdirSync(path.join(REPO, 'examples')).filter((f) => f.endsWith('.yaml'));
  for (const file of examples.sort()) {
    const slo = loadSlo(YAML.parse(readFileSync(path.join(REPO, 'examples', file), 'utf8')));
    console.log(row(file.replace(/\.yaml$/, ''), sizeOf(buildRuleGroups(slo, { evaluationInterval: '30s' }))));
  }
  const total: Size = { bytes: 0, rules: 0, parts: { alerts: 0, budget: 0, tiles: 0, other: 0 } };
  for (let i = 0; i < count; i++) {
    const size = sizeOf(buildRuleGroups(loadSlo(sloDocument(i)), { evaluationInterval: '30s' }));
    total.bytes += size.bytes;
    total.rules += size.rules;
    for (const p of PARTS) {
      total.parts[p] += size.parts[p];
    }
  }
  console.log(row(`scale mix, mean of ${count}`, total, count));
}

main();
