import fc from 'fast-check';
import YAML from 'yaml';
import { buildRuleGroups } from '../rules/build';
import { RULE_FORMATS, renderRules } from '../rules/output';
import { validateSlo } from '../rules/validate';
import { mutatedDocument } from '../testing/mutatedDocuments';
import { peerDocuments } from '../testing/peerDocuments';
import { loadSloDocuments } from './load';

/**
 * The peers' files and ours, changed here and there, read as a user's import reads them: reading never
 * throws, and every SLO that validates gives rules in every format. tests/promtool/mutated.ts checks the
 * same rules with promtool.
 */
describe('SLO files changed here and there', () => {
  it('are read without throwing, and what validates gives rules', () => {
    const documents = peerDocuments();
    let built = 0;
    fc.assert(
      fc.property(mutatedDocument(documents), (document) => {
        const text = YAML.stringify(document) as string | undefined;
        if (typeof text !== 'string') {
          return;
        }
        for (const { slo } of loadSloDocuments(text).slos) {
          if (validateSlo(slo).some((issue) => issue.severity === 'error')) {
            continue;
          }
          built++;
          const groups = buildRuleGroups(slo, { evaluationInterval: '30s' });
          for (const format of RULE_FORMATS) {
            expect(renderRules(groups, format).length).toBeGreaterThan(0);
          }
        }
      }),
      { numRuns: 1500, seed: 19 }
    );
    expect(built).toBeGreaterThan(20);
  });
});
