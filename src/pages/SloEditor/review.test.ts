import { makeSlo } from '../../testing/fixtures';
import { buildRuleGroups } from '../../rules/build';
import { renderRules } from '../../rules/output';
import { reviewSlo } from './review';

describe('reviewSlo', () => {
  it('renders the Prometheus rules and the OpenSLO documents', () => {
    const slo = makeSlo();
    const review = reviewSlo(slo, '30s');
    expect(review.rules).toBe(renderRules(buildRuleGroups(slo, { evaluationInterval: '30s' }), 'prometheus'));
    expect(review.openSlo.split('---\n').map((doc) => doc.split('\n').slice(0, 2))).toEqual([
      ['apiVersion: openslo/v1', 'kind: Service'],
      ['apiVersion: openslo/v1', 'kind: SLO'],
    ]);
    expect(review.diff).toBeUndefined();
  });

  it('diffs the document and the rules against the saved version', () => {
    const saved = makeSlo();
    const edited = makeSlo({ objectives: [{ ...saved.objectives[0], target: '0.995' }] });
    const { diff } = reviewSlo(edited, '30s', saved);
    expect(diff?.changed).toBe(true);
    expect(diff?.document.filter((l) => l.kind !== 'same')).toEqual([
      { kind: 'removed', text: '    - target: 0.999' },
      { kind: 'added', text: '    - target: 0.995' },
    ]);
    expect(diff?.rules.some((l) => l.kind === 'added' && l.text.includes('0.995'))).toBe(true);
    expect(reviewSlo(saved, '30s', saved).diff?.changed).toBe(false);
  });
});
