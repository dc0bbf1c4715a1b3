import { makeSlo, makeStoredSlo } from '../../testing/fixtures';
import { lifecycleFacts } from './SloDetailView';

const NOW = Date.parse('2026-12-04T12:00:00Z') / 1000;

describe('lifecycleFacts', () => {
  it('says nothing of an active SLO but when its review is due', () => {
    expect(lifecycleFacts(makeStoredSlo(), NOW)).toEqual([['Review', 'never reviewed']]);
    expect(lifecycleFacts(makeStoredSlo({ created: '2026-11-01T08:00:00Z' }), NOW)).toEqual([
      ['Review', 'next review 2027-01-30'],
    ]);
  });

  it('names the status, the owners and the review of a draft', () => {
    const slo = makeSlo({
      status: 'draft',
      owners: { product: 'Priya', sre: 'payments-sre' },
      review: { interval: '30d', last: { date: '2026-10-01', by: 'dana' } },
    });
    expect(lifecycleFacts(makeStoredSlo({ slo }), NOW)).toEqual([
      ['Status', 'Draft'],
      ['Product owner', 'Priya'],
      ['SRE owner', 'payments-sre'],
      ['Review', 'review overdue by 34 days (due 2026-10-31)'],
    ]);
  });

  it('asks no review of a retired SLO', () => {
    const slo = makeSlo({ status: 'retired', owners: { sre: 'search-sre' } });
    expect(lifecycleFacts(makeStoredSlo({ slo }), NOW)).toEqual([
      ['Status', 'Retired'],
      ['SRE owner', 'search-sre'],
    ]);
  });
});
