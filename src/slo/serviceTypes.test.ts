import { SLO_TEMPLATES } from './tiers';
import { SERVICE_TYPES } from './catalogue';
import { proposalsFor, SLI_PROPOSALS } from './serviceTypes';

describe('SLI proposals by service type', () => {
  it.each([
    ['api', ['availability', 'latency', 'error-rate']],
    ['web', ['availability', 'latency']],
    ['batch', ['freshness', 'quality', 'throughput']],
    ['streaming', ['throughput', 'freshness', 'error-rate']],
  ] as const)('%s proposes %j', (type, kinds) => {
    expect(proposalsFor(type).map((p) => p.kind)).toEqual(kinds);
  });

  it('links only templates that exist, with the same indicator type', () => {
    for (const type of SERVICE_TYPES) {
      for (const proposal of SLI_PROPOSALS[type]) {
        if (proposal.templateId !== undefined) {
          const template = SLO_TEMPLATES.find((t) => t.id === proposal.templateId);
          expect([proposal.templateId, template?.indicatorType]).toEqual([proposal.templateId, proposal.indicatorType]);
        }
      }
    }
  });

  it('says why in one line for each proposal', () => {
    const whys = SERVICE_TYPES.flatMap((t) => SLI_PROPOSALS[t].map((p) => p.why));
    expect(whys.filter((why) => why.trim() === '' || why.includes('\n'))).toEqual([]);
  });
});
