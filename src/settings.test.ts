import { DEFAULT_SETTINGS, parseAppSettings, validateSettings } from './settings';

describe('parseAppSettings', () => {
  it('gives the defaults for missing or empty jsonData', () => {
    expect(parseAppSettings(undefined)).toEqual(DEFAULT_SETTINGS);
    expect(parseAppSettings({ datasourceUid: '', teamLabel: 3 })).toEqual(DEFAULT_SETTINGS);
  });

  it('keeps the values that are set', () => {
    expect(parseAppSettings({ datasourceUid: 'prom', sloFolderUid: 'slos' })).toEqual({
      ...DEFAULT_SETTINGS,
      datasourceUid: 'prom',
      sloFolderUid: 'slos',
    });
  });
});

describe('ruler limits in the settings', () => {
  it("default to Mimir's limits", () => {
    expect(parseAppSettings({})).toMatchObject({ rulerMaxRulesPerGroup: 20, rulerMaxRuleGroups: 70 });
  });

  it('read saved counts, 0 included, and fall back on anything that is not a whole count', () => {
    expect(parseAppSettings({ rulerMaxRulesPerGroup: 0, rulerMaxRuleGroups: '300' })).toMatchObject({
      rulerMaxRulesPerGroup: 0,
      rulerMaxRuleGroups: 300,
    });
    expect(parseAppSettings({ rulerMaxRulesPerGroup: -1, rulerMaxRuleGroups: '' })).toMatchObject({
      rulerMaxRulesPerGroup: 20,
      rulerMaxRuleGroups: 70,
    });
  });

  it('are named when they are not whole counts', () => {
    expect(
      validateSettings({ ...DEFAULT_SETTINGS, rulerMaxRulesPerGroup: Number.NaN, rulerMaxRuleGroups: 2.5 })
    ).toEqual({
      rulerMaxRulesPerGroup: 'must be a whole number, 0 for no limit',
      rulerMaxRuleGroups: 'must be a whole number, 0 for no limit',
    });
  });
});

describe('validateSettings', () => {
  it('accepts the defaults', () => {
    expect(validateSettings(DEFAULT_SETTINGS)).toEqual({});
  });

  it('names each wrong field', () => {
    expect(
      validateSettings({
        ...DEFAULT_SETTINGS,
        evaluationInterval: '30 seconds',
        teamLabel: '1team',
        sloFolderUid: 'a b',
        ruleGroupPattern: 'slos',
      })
    ).toEqual({
      evaluationInterval: 'must be a Prometheus duration such as 30s or 1m',
      teamLabel: 'must be a Prometheus label name: letters, digits and "_", not starting with a digit',
      sloFolderUid: 'must be 1-40 letters, digits, "-" or "_"',
      ruleGroupPattern: 'must contain {{uid}} so that each SLO gets its own groups',
    });
  });
});
