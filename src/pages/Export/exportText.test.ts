import { makeSlo } from '../../testing/fixtures';
import { DEFAULT_SETTINGS } from '../../settings';
import { exportSlos } from '../../formats/export';
import { applyGroupPattern, renderExport } from './exportText';

describe('renderExport', () => {
  it('writes native YAML through the core', () => {
    expect(renderExport([makeSlo()], 'burnrate', DEFAULT_SETTINGS)).toBe(exportSlos([makeSlo()], 'burnrate'));
  });

  it('names rule groups by the pattern and the mimir namespace by the settings', () => {
    const text = renderExport([makeSlo()], 'mimir', {
      ...DEFAULT_SETTINGS,
      ruleNamespace: 'slos',
      ruleGroupPattern: 'slo-{{uid}}',
    });
    expect(text.startsWith('namespace: slos\ngroups:\n  - name: slo-checkout-availability\n')).toBe(true);
    expect(text).toContain('  - name: slo-checkout-availability-rollup\n');
  });

  it('applyGroupPattern keeps other names', () => {
    expect(applyGroupPattern([{ name: 'other', interval: '1m', rules: [] }], 'a', 'x-{{uid}}')[0].name).toBe('other');
  });
});
