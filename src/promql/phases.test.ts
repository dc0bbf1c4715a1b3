import type { Objective } from '../slo/types';
import { errorBudgetExpr, targetExpr } from './phases';

const JAN = Date.UTC(2027, 0, 1) / 1000;
const APR = Date.UTC(2027, 3, 1) / 1000;
const progressive: Objective = {
  target: '0.99',
  window: { kind: 'rolling', duration: '30d', seconds: 2592000 },
  phases: [
    { from: '2027-01-01', fromSeconds: JAN, target: '0.995' },
    { from: '2027-04-01', fromSeconds: APR, target: '0.999' },
  ],
};

describe('PromQL of the phases', () => {
  it('selects exactly one exact decimal at any time', () => {
    expect(errorBudgetExpr(progressive)).toBe(
      `(0.01 * (time() < bool ${JAN}) + 0.005 * (time() >= bool ${JAN}) * (time() < bool ${APR}) + 0.001 * (time() >= bool ${APR}))`
    );
    expect(targetExpr(progressive)).toBe(
      `(0.99 * (time() < bool ${JAN}) + 0.995 * (time() >= bool ${JAN}) * (time() < bool ${APR}) + 0.999 * (time() >= bool ${APR}))`
    );
    const { phases: _, ...plain } = progressive;
    expect(errorBudgetExpr(plain)).toBe('0.01');
    expect(targetExpr(plain)).toBe('0.99');
  });
});
