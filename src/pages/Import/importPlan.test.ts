import { sloToYaml } from '../../storage/sloDashboard';
import { makeSlo } from '../../testing/fixtures';
import { canImport, planImport } from './importPlan';

describe('planImport', () => {
  it('lists SLOs, marks existing names and reports issues by file', () => {
    const plan = planImport(
      [
        {
          name: 'a.yaml',
          text: `${sloToYaml(makeSlo())}---\n${sloToYaml(makeSlo({ name: 'new-one', uid: 'new-one' }))}`,
        },
        { name: 'b.yaml', text: 'apiVersion: [' },
      ],
      [{ name: 'checkout-availability', uid: 'checkout-availability' }]
    );
    expect(plan.candidates.map((c) => [c.slo.name, c.exists, canImport(c)])).toEqual([
      ['checkout-availability', true, false],
      ['new-one', false, true],
    ]);
    expect(plan.fileIssues.map((f) => f.file)).toEqual(['b.yaml']);
    expect(plan.fileIssues[0].issues[0].severity).toBe('error');
  });
});
