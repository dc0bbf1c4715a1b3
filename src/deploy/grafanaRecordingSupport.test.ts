import { grafanaIntervalProblem, grafanaRecordingSupport, type GrafanaRecordingFacts } from './grafanaRecordingSupport';

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

describe('grafanaIntervalProblem', () => {
  it('accepts an evaluation interval of whole scheduler ticks, at least min_interval', () => {
    expect(grafanaIntervalProblem('30s', '10s')).toBeUndefined();
    expect(grafanaIntervalProblem('1m', '1m0s')).toBeUndefined();
    expect(grafanaIntervalProblem('20s', undefined)).toBeUndefined();
  });

  it('names the next interval Grafana runs when the interval is not a whole number of 10 s ticks', () => {
    expect(grafanaIntervalProblem('15s', '10s')).toBe(
      "Grafana runs rule groups only every multiple of 10s, and the app's evaluation interval is 15s. " +
        "Set the evaluation interval to 20s in the app's configuration."
    );
    expect(grafanaIntervalProblem('1500ms', undefined)).toContain('Set the evaluation interval to 10s');
  });

  it('names min_interval when Grafana would run the groups less often than the rules were built for', () => {
    expect(grafanaIntervalProblem('30s', '1m0s')).toBe(
      "Grafana runs a rule group no more often than every 1m ([unified_alerting] min_interval), and the app's " +
        "evaluation interval is 30s. Set the evaluation interval to 1m in the app's configuration, or ask a " +
        'Grafana administrator to lower min_interval.'
    );
    expect(grafanaIntervalProblem('15s', '45s')).toContain('Set the evaluation interval to 50s');
  });
});
