import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { parseNativeDocument } from '../formats/native';
import { validateSlo } from './validate';
import { buildRuleGroups } from './build';
import { findPromqlSyntaxError } from '../promql/parse';
import { RULE_FORMATS, renderRules, type RuleFormat } from './output';

/**
 * Golden files: the complete rules of every example SLO in every output format. Regenerate with
 * `UPDATE_GOLDEN=1 npx jest src/rules/golden.test.ts` and read the diff; CI also checks the
 * Prometheus-shaped ones with `promtool check rules` (scripts/check-golden.sh).
 */
const EXAMPLES = path.join(__dirname, '..', '..', 'examples');
const TESTDATA = path.join(__dirname, 'testdata');
const EXTENSIONS: Record<RuleFormat, string> = {
  prometheus: 'rules.yaml',
  'prometheus-rule': 'crd.yaml',
  mimir: 'mimir.yaml',
  // Not .json: the plugin build copies every .json file of src into the plugin.
  grafana: 'grafana.golden-json',
};

const examples = readdirSync(EXAMPLES).filter((f) => f.endsWith('.yaml'));
const cases = examples.flatMap((file) => RULE_FORMATS.map((format) => ({ file, format })));

describe('golden rule files', () => {
  it('covers every SLI kind, grouping, both calendar windows, both time-slice scores and every status', () => {
    const slos = examples.map(
      (file) => parseNativeDocument(YAML.parse(readFileSync(path.join(EXAMPLES, file), 'utf8'))).slo
    );
    const kinds = new Set(
      slos.map((slo) => (slo?.indicator.type === 'latency' && slo.indicator.native ? 'native' : slo?.indicator.type))
    );
    expect([...kinds].sort()).toEqual(['advanced', 'latency', 'native', 'ratio', 'threshold']);
    expect(slos.some((slo) => slo?.indicator.groupBy.length)).toBe(true);
    // Both ways of budgeting by time slices: good slices, and the mean of the slices' good ratios.
    expect(new Set(slos.flatMap((slo) => (slo?.timeSlices ? [slo.timeSlices.score ?? 'good'] : [])))).toEqual(
      new Set(['good', 'ratio'])
    );
    const calendars = slos.flatMap(
      (slo) => slo?.objectives.map((o) => (o.window.kind === 'calendar' ? o.window.unit : '')) ?? []
    );
    expect(calendars).toEqual(expect.arrayContaining(['week', 'month']));
    // Drafts alert by ticket only, retired SLOs not at all: both are in every output format.
    expect(new Set(slos.map((slo) => slo?.status ?? 'active'))).toEqual(new Set(['draft', 'active', 'retired']));
  });

  it.each(cases)('$file as $format', ({ file, format }) => {
    const parsed = parseNativeDocument(YAML.parse(readFileSync(path.join(EXAMPLES, file), 'utf8')));
    expect(parsed.issues).toEqual([]);
    const slo = parsed.slo!;
    expect(validateSlo(slo).filter((i) => i.severity === 'error')).toEqual([]);
    const groups = buildRuleGroups(slo, { evaluationInterval: '30s', grafanaUrl: 'https://grafana.example.com' });
    for (const rule of groups.flatMap((g) => g.rules)) {
      expect(findPromqlSyntaxError(rule.expr)).toBeUndefined();
    }
    const output = renderRules(groups, format, { datasourceUid: 'prometheus', folderUid: 'slos' });
    const golden = path.join(TESTDATA, `${file.replace(/\.yaml$/, '')}.${EXTENSIONS[format]}`);
    if (process.env.UPDATE_GOLDEN || !existsSync(golden)) {
      if (process.env.CI) {
        throw new Error(
          `golden file ${path.basename(golden)} is missing: run UPDATE_GOLDEN=1 npx jest src/rules/golden.test.ts`
        );
      }
      writeFileSync(golden, output);
    }
    expect(output).toBe(readFileSync(golden, 'utf8'));
  });
});
