import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { parseNativeDocument } from '../formats/native';
import { buildRuleGroups, type RuleGroup } from './build';
import { RULE_FORMATS, renderRules, renderRulesInChunks } from './output';

const EXAMPLES = path.join(__dirname, '..', '..', 'examples');

/** The rule groups of each example SLO, one batch per SLO. */
const batches: RuleGroup[][] = readdirSync(EXAMPLES)
  .filter((file) => file.endsWith('.yaml'))
  .sort()
  .map((file) => {
    const slo = parseNativeDocument(YAML.parse(readFileSync(path.join(EXAMPLES, file), 'utf8'))).slo!;
    return buildRuleGroups(slo, { evaluationInterval: '30s', grafanaUrl: 'https://grafana.example.com' });
  });
const options = { crdNamespace: 'monitoring', rulerNamespace: 'slos', datasourceUid: 'prom', folderUid: 'slos' };

describe('renderRulesInChunks', () => {
  it.each(RULE_FORMATS)('joins to exactly renderRules of every group (%s)', (format) => {
    const chunks = [...renderRulesInChunks(batches, format, options)];
    expect(chunks.length).toBeGreaterThan(batches.length - 1);
    expect(chunks.join('')).toBe(renderRules(batches.flat(), format, options));
  });

  it.each(RULE_FORMATS)('skips empty batches and batches without alerts (%s)', (format) => {
    const recordingOnly = batches[0].map((group) => ({
      ...group,
      rules: group.rules.filter((rule) => 'record' in rule),
    }));
    const mixed = [[], recordingOnly, batches[1], [], batches[2]];
    expect([...renderRulesInChunks(mixed, format, options)].join('')).toBe(renderRules(mixed.flat(), format, options));
  });

  it.each(RULE_FORMATS)('writes what renderRules writes for no groups at all (%s)', (format) => {
    expect([...renderRulesInChunks([], format, options)].join('')).toBe(renderRules([], format, options));
  });
});
