/**
 * Builds the rule files of the promtool unit tests with Burnrate's own rule builder.
 *
 *   npx tsx tests/promtool/generate.ts OUT_DIR
 *
 * For every SLO fixture tests/promtool/slos/NAME.yaml (one SLO in any format Burnrate reads: native,
 * OpenSLO, Sloth or Pyrra, imported as `burnrate validate` imports it) it writes OUT_DIR/rules/NAME.yaml
 * (the Prometheus rule file of `buildRuleGroups(slo, { evaluationInterval: '30s' })`), and it copies the hand-written
 * tests tests/promtool/*.test.yaml into OUT_DIR, where their `rule_files: [rules/NAME.yaml]` resolve.
 * The expectations live only in the .test.yaml files: they are computed by hand (see the comments in
 * each file), never derived from the builder.
 */
import { copyFileSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadSloDocuments } from '../../src/formats/load';
import { validateSlo } from '../../src/rules/validate';
import { buildRuleGroups } from '../../src/rules/build';
import { renderRules } from '../../src/rules/output';

const EVALUATION_INTERVAL = '30s';

function main(): void {
  const outDir = process.argv[2];
  if (!outDir) {
    console.error('usage: npx tsx tests/promtool/generate.ts OUT_DIR');
    process.exit(2);
  }
  const here = __dirname;
  const slosDir = path.join(here, 'slos');
  const rulesDir = path.join(outDir, 'rules');
  mkdirSync(rulesDir, { recursive: true });

  let failed = false;
  const fixtures = readdirSync(slosDir).filter((f) => f.endsWith('.yaml'));
  for (const file of fixtures.sort()) {
    const source = path.join(slosDir, file);
    const loaded = loadSloDocuments(readFileSync(source, 'utf8'));
    const slo = loaded.slos.length === 1 ? loaded.slos[0].slo : undefined;
    const problems = [...loaded.issues, ...(slo ? validateSlo(slo) : [])].filter((i) => i.severity === 'error');
    if (!slo || problems.length > 0) {
      console.error(`${file}: invalid SLO`);
      for (const p of problems) {
        console.error(`  ${p.path}: ${p.message}`);
      }
      failed = true;
      continue;
    }
    const groups = buildRuleGroups(slo, { evaluationInterval: EVALUATION_INTERVAL });
    writeFileSync(path.join(rulesDir, file), renderRules(groups, 'prometheus'));
    console.log(`rules/${file}: ${groups.map((g) => `${g.name} (${g.rules.length} rules)`).join(', ')}`);
  }

  const tests = readdirSync(here).filter((f) => f.endsWith('.test.yaml'));
  for (const file of tests.sort()) {
    copyFileSync(path.join(here, file), path.join(outDir, file));
    console.log(file);
  }
  if (failed) {
    process.exit(1);
  }
}

main();
