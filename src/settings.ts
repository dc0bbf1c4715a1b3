import { z } from 'zod';
import { parsePromDuration } from './slo/duration';
import { isLegalLabelName } from './promql/format';

/** App settings, stored as the plugin's jsonData (`POST /api/plugins/<id>/settings`). */
export interface AppSettings {
  /** Uid of the Prometheus-compatible datasource the pages query; empty until an admin picks one. */
  datasourceUid: string;
  /** Ruler namespace of the generated rule groups. */
  ruleNamespace: string;
  /** Rule group name pattern; `{{uid}}` is replaced by the SLO uid. */
  ruleGroupPattern: string;
  /** Evaluation interval of the base rule group, a Prometheus duration. */
  evaluationInterval: string;
  /** Label name carrying the owning team, and the one carrying the tier. */
  teamLabel: string;
  tierLabel: string;
  /** Folder holding one storage dashboard per SLO. */
  sloFolderUid: string;
  /** Folder of the generated SLO dashboards. */
  dashboardFolderUid: string;
  /**
   * The ruler's limits for the rule namespace, 0 for none: Mimir's `ruler_max_rules_per_rule_group` and
   * `ruler_max_rule_groups_per_tenant` (or their `_by_namespace` overrides for this namespace).
   */
  rulerMaxRulesPerGroup: number;
  rulerMaxRuleGroups: number;
}

/** The settings that are text. */
export type TextSettingKey = { [K in keyof AppSettings]: AppSettings[K] extends string ? K : never }[keyof AppSettings];
/** The settings that are counts. */
export type CountSettingKey = Exclude<keyof AppSettings, TextSettingKey>;

/** Mimir's defaults (`-ruler.max-rules-per-rule-group`, `-ruler.max-rule-groups-per-tenant`). */
export const MIMIR_RULER_LIMITS = { rulesPerGroup: 20, ruleGroups: 70 } as const;

export const SLO_FOLDER_TITLE = 'Burnrate SLOs';

export const DEFAULT_SETTINGS: AppSettings = {
  datasourceUid: '',
  ruleNamespace: 'burnrate',
  ruleGroupPattern: 'burnrate-{{uid}}',
  evaluationInterval: '30s',
  teamLabel: 'team',
  tierLabel: 'tier',
  sloFolderUid: 'burnrate-slos',
  dashboardFolderUid: 'burnrate-dashboards',
  rulerMaxRulesPerGroup: MIMIR_RULER_LIMITS.rulesPerGroup,
  rulerMaxRuleGroups: MIMIR_RULER_LIMITS.ruleGroups,
};

const optionalText = z.string().trim().optional().catch(undefined);
/** A count as saved (a number) or typed (its digits); anything else falls back to the default. */
const optionalCount = z
  .union([z.number(), z.string().trim().regex(/^\d+$/).transform(Number)])
  .pipe(z.number().int().min(0))
  .optional()
  .catch(undefined);

const jsonDataSchema = z.looseObject({
  datasourceUid: optionalText,
  ruleNamespace: optionalText,
  ruleGroupPattern: optionalText,
  evaluationInterval: optionalText,
  teamLabel: optionalText,
  tierLabel: optionalText,
  sloFolderUid: optionalText,
  dashboardFolderUid: optionalText,
  rulerMaxRulesPerGroup: optionalCount,
  rulerMaxRuleGroups: optionalCount,
});

/** Settings from the plugin's jsonData: unknown or empty fields fall back to the defaults. */
export function parseAppSettings(jsonData: unknown): AppSettings {
  const parsed = jsonDataSchema.safeParse(jsonData ?? {});
  const data = parsed.success ? parsed.data : {};
  const pick = (key: TextSettingKey): string => {
    const value = data[key];
    return value !== undefined && value !== '' ? value : DEFAULT_SETTINGS[key];
  };
  const count = (key: CountSettingKey): number => data[key] ?? DEFAULT_SETTINGS[key];
  return {
    datasourceUid: pick('datasourceUid'),
    ruleNamespace: pick('ruleNamespace'),
    ruleGroupPattern: pick('ruleGroupPattern'),
    evaluationInterval: pick('evaluationInterval'),
    teamLabel: pick('teamLabel'),
    tierLabel: pick('tierLabel'),
    sloFolderUid: pick('sloFolderUid'),
    dashboardFolderUid: pick('dashboardFolderUid'),
    rulerMaxRulesPerGroup: count('rulerMaxRulesPerGroup'),
    rulerMaxRuleGroups: count('rulerMaxRuleGroups'),
  };
}

export type SettingsErrors = Partial<Record<keyof AppSettings, string>>;

const FOLDER_UID = /^[a-zA-Z0-9_-]{1,40}$/;

/** Problems of settings an admin is about to save, by field. */
export function validateSettings(settings: AppSettings): SettingsErrors {
  const errors: SettingsErrors = {};
  const seconds = parsePromDuration(settings.evaluationInterval);
  if (seconds === undefined) {
    errors.evaluationInterval = 'must be a Prometheus duration such as 30s or 1m';
  } else if (seconds > 300) {
    errors.evaluationInterval = 'must be at most 5m (the rate window)';
  }
  for (const key of ['teamLabel', 'tierLabel'] as const) {
    if (!isLegalLabelName(settings[key])) {
      errors[key] = 'must be a Prometheus label name: letters, digits and "_", not starting with a digit';
    }
  }
  for (const key of ['sloFolderUid', 'dashboardFolderUid'] as const) {
    if (!FOLDER_UID.test(settings[key])) {
      errors[key] = 'must be 1-40 letters, digits, "-" or "_"';
    }
  }
  if (!settings.ruleGroupPattern.includes('{{uid}}')) {
    errors.ruleGroupPattern = 'must contain {{uid}} so that each SLO gets its own groups';
  }
  for (const key of ['rulerMaxRulesPerGroup', 'rulerMaxRuleGroups'] as const) {
    if (!Number.isInteger(settings[key]) || settings[key] < 0) {
      errors[key] = 'must be a whole number, 0 for no limit';
    }
  }
  if (settings.ruleNamespace.trim() === '') {
    errors.ruleNamespace = 'must not be empty';
  }
  return errors;
}
