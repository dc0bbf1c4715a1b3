import { grafanaRecordingSupport, type GrafanaRecordingFacts } from './grafanaRecordingSupport';

const ready: GrafanaRecordingFacts = {
  version: '12.2.1',
  recordingRulesEnabled: true,
  featureToggles: { grafanaManagedRecordingRules: true, grafanaManagedRecordingRulesDatasources: true },
  alertingEnabled: true,
};

const settings = (facts: Partial<GrafanaRecordingFacts>) => {
  const support = grafanaRecordingSupport({ ...ready, ...facts });
  return support.supported ? [] : support.missing.map((m) => m.setting);
};

describe('grafanaRecordingSupport', () => {
  it('is supported when Grafana is recent enough and configured', () => {
    expect(grafanaRecordingSupport(ready)).toEqual({ supported: true });
    expect(settings({ version: '13.0.0', featureToggles: { grafanaManagedRecordingRules: true } })).toEqual([]);
  });

  it('names each missing setting as an administrator writes it', () => {
    expect(settings({ recordingRulesEnabled: false })).toEqual(['[recording_rules] enabled = true']);
    expect(settings({ featureToggles: { grafanaManagedRecordingRulesDatasources: true } })).toEqual([
      '[feature_toggles] grafanaManagedRecordingRules = true',
    ]);
    expect(settings({ featureToggles: { grafanaManagedRecordingRules: true } })).toEqual([
      '[feature_toggles] grafanaManagedRecordingRulesDatasources = true',
    ]);
    expect(settings({ alertingEnabled: false })).toEqual(['[unified_alerting] enabled = true']);
  });

  it('asks for Grafana 12.1 or later, whose imported groups keep their evaluation order', () => {
    expect(settings({ version: '12.0.2' })).toEqual(['Grafana 12.1 or later (this is 12.0.2)']);
    expect(settings({ version: '11.6.0' })[0]).toBe('Grafana 12.1 or later (this is 11.6.0)');
    expect(settings({ version: '12.1.0-pre' })).toEqual([]);
    expect(settings({ version: '' })[0]).toBe('Grafana 12.1 or later (this is an unknown version)');
  });
});
