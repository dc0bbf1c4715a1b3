import type { Slo } from '../../slo/types';
import { buildRuleGroups } from '../../rules/build';
import { renderRules } from '../../rules/output';
import { exportSlos } from '../../formats/export';
import { sloToYaml } from '../../storage/sloDashboard';
import { diffLines, type DiffLine } from './lineDiff';

export interface Review {
  /** The Prometheus rule file the SLO will have. */
  rules: string;
  /** The OpenSLO v1 documents (Service and SLO). */
  openSlo: string;
  /** When editing: what the save changes in the stored document and in the rules. */
  diff?: { document: DiffLine[]; rules: DiffLine[]; changed: boolean };
}

/** What saving `slo` produces, and its difference from the saved version `saved`. */
export function reviewSlo(slo: Slo, evaluationInterval: string, saved?: Slo): Review {
  const rulesOf = (s: Slo) => renderRules(buildRuleGroups(s, { evaluationInterval }), 'prometheus');
  const rules = rulesOf(slo);
  const review: Review = { rules, openSlo: exportSlos([slo], 'openslo') };
  if (saved) {
    const document = diffLines(sloToYaml(saved), sloToYaml(slo));
    const rulesDiff = diffLines(rulesOf(saved), rules);
    review.diff = {
      document,
      rules: rulesDiff,
      changed: [...document, ...rulesDiff].some((line) => line.kind !== 'same'),
    };
  }
  return review;
}
