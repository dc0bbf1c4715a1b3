/**
 * Property test of the readers and the rule builder against Prometheus: the peers' SLO files and ours,
 * each changed here and there (src/testing/mutatedDocuments.ts), read as an import reads them; for every
 * SLO that validates, its rule files, for promtool to check.
 *
 *   npx tsx tests/promtool/mutated.ts OUT_DIR [RUNS] [SEED]
 *
 * Writes OUT_DIR/rules/NNN-K.yaml (Prometheus format) and NNN-K.mimir.yaml (the Mimir namespace's groups),
 * with the changed file in OUT_DIR/files/NNN.yaml, and prints how many SLOs validated. `promtool check
 * rules OUT_DIR/rules/*` must then accept every file.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import YAML from 'yaml';
import { loadSloDocuments } from '../../src/formats/load';
import { validateSlo } from '../../src/rules/validate';
import { buildRuleGroups } from '../../src/rules/build';
import { renderRules } from '../../src/rules/output';
import { mutatedDocument } from '../../src/testing/mutatedDocuments';
import { peerDocuments } from '../../src/testing/peerDocuments';

function main(): void {
  const [outDir, runs = '1000', seed = String(Date.now() % 2 ** 31)] = process.argv.slice(2);
  if (!outDir) {
    console.error('usage: npx tsx tests/promtool/mutated.ts OUT_DIR [RUNS] [SEED]');
    process.exit(2);
  }
  mkdirSync(path.join(outDir, 'rules'), { recursive: true });
  mkdirSync(path.join(outDir, 'files'), { recursive: true });
  const samples = fc.sample(mutatedDocument(peerDocuments()), { numRuns: Number(runs), seed: Number(seed) });
  let valid = 0;
  samples.forEach((document, i) => {
    const text = YAML.stringify(document) as string | undefined;
    if (typeof text !== 'string') {
      return;
    }
    const name = String(i).padStart(4, '0');
    loadSloDocuments(text).slos.forEach(({ slo }, k) => {
      if (validateSlo(slo).some((issue) => issue.severity === 'error')) {
        return;
      }
      valid++;
      writeFileSync(path.join(outDir, 'files', `${name}.yaml`), text);
      const groups = buildRuleGroups(slo, { evaluationInterval: '30s' });
      writeFileSync(path.join(outDir, 'rules', `${name}-${k}.yaml`), renderRules(groups, 'prometheus'));
      // promtool reads no namespace: the Mimir file without its first line is its groups.
      const mimir = renderRules(groups, 'mimir').replace(/^namespace: .*\n/, '');
      writeFileSync(path.join(outDir, 'rules', `${name}-${k}.mimir.yaml`), mimir);
    });
  });
  console.log(
    `seed ${seed}: ${valid} SLOs of ${samples.length} changed files validate; their rules are in ${outDir}/rules`
  );
}

main();
