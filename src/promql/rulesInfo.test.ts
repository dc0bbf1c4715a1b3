import { RECORDED_RULES_INFO_EXPR } from './rulesInfo';

describe('RECORDED_RULES_INFO_EXPR', () => {
  it('reads every SLO fingerprint in one query', () => {
    expect(RECORDED_RULES_INFO_EXPR).toBe('count by (slo_uid, rules_fingerprint) (burnrate:slo_rules:info)');
  });
});
