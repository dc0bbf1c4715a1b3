import React, { useState } from 'react';
import { css } from '@emotion/css';
import type { AppPluginMeta, GrafanaTheme2, PluginConfigPageProps } from '@grafana/data';
import { DataSourcePicker, locationService } from '@grafana/runtime';
import { Alert, Button, Field, FieldSet, Input, Stack, useStyles2 } from '@grafana/ui';
import {
  parseAppSettings,
  validateSettings,
  type AppSettings,
  type CountSettingKey,
  type TextSettingKey,
} from '../../settings';
import { savePluginSettings } from '../../api/settings';
import { testConnection } from '../../api/query';
import { CONNECTION_TEST_EXPR } from '../../promql/connection';
import { errorMessage } from '../../api/errors';
import { testIds } from '../testIds';

export interface AppConfigProps extends PluginConfigPageProps<AppPluginMeta<{}>> {}

type TextSetting = Exclude<TextSettingKey, 'datasourceUid'>;

const TEXT_FIELDS: Array<{ key: TextSetting; label: string; description: string }> = [
  {
    key: 'ruleNamespace',
    label: 'Rule namespace',
    description: 'Ruler namespace (Mimir, Cortex) of the generated rules',
  },
  { key: 'ruleGroupPattern', label: 'Rule group name pattern', description: '{{uid}} is replaced by the SLO uid' },
  {
    key: 'evaluationInterval',
    label: 'Evaluation interval',
    description: 'Of the base rule group, a Prometheus duration (e.g. 30s)',
  },
  { key: 'teamLabel', label: 'Team label name', description: 'Label carrying the owning team' },
  { key: 'tierLabel', label: 'Tier label name', description: 'Label carrying the SLO tier' },
  {
    key: 'sloFolderUid',
    label: 'SLO folder uid',
    description: 'Folder of the SLO storage dashboards; its permissions decide who may change SLOs',
  },
  { key: 'dashboardFolderUid', label: 'Dashboard folder uid', description: 'Folder of the generated SLO dashboards' },
];

const LIMIT_FIELDS: Array<{ key: CountSettingKey; label: string; description: string }> = [
  {
    key: 'rulerMaxRulesPerGroup',
    label: 'Rules per group',
    description:
      "The ruler's ruler_max_rules_per_rule_group for the rule namespace (Mimir's default: 20; 0: no limit). Larger groups are split where that is safe",
  },
  {
    key: 'rulerMaxRuleGroups',
    label: 'Rule groups of the tenant',
    description:
      "The ruler's ruler_max_rule_groups_per_tenant, all namespaces together (Mimir's default: 70; Cortex and Loki: none, 0)",
  },
];

/** A typed count: its digits as a number, anything else kept as NaN so that validation names the field. */
function typedCount(text: string): number {
  return /^\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN;
}

const AppConfig = ({ plugin }: AppConfigProps) => {
  const styles = useStyles2(getStyles);
  const { enabled, pinned, jsonData } = plugin.meta;
  const [settings, setSettings] = useState<AppSettings>(() => parseAppSettings(jsonData));
  const [saveError, setSaveError] = useState<string>();
  const [saving, setSaving] = useState(false);
  const errors = validateSettings(settings);
  const hasErrors = Object.keys(errors).length > 0;

  const onSave = async () => {
    setSaving(true);
    setSaveError(undefined);
    try {
      await savePluginSettings({ enabled: enabled ?? true, pinned: pinned ?? true, settings });
      // The app reads its settings when Grafana loads it.
      locationService.reload();
    } catch (error) {
      setSaveError(errorMessage(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <div data-testid={testIds.appConfig.container}>
      <FieldSet label="Datasource" className={styles.section}>
        <DatasourceField
          uid={settings.datasourceUid}
          onChange={(datasourceUid) => setSettings({ ...settings, datasourceUid })}
        />
      </FieldSet>
      <FieldSet label="Rules, labels and folders" className={styles.section}>
        {TEXT_FIELDS.map(({ key, label, description }) => (
          <Field
            key={key}
            label={label}
            description={description}
            invalid={errors[key] !== undefined}
            error={errors[key]}
          >
            <Input
              id={`burnrate-${key}`}
              width={60}
              value={settings[key]}
              onChange={(e) => setSettings({ ...settings, [key]: e.currentTarget.value.trim() })}
              data-testid={testIds.appConfig[key]}
            />
          </Field>
        ))}
      </FieldSet>
      <FieldSet label="Ruler limits" className={styles.section}>
        {LIMIT_FIELDS.map(({ key, label, description }) => (
          <Field
            key={key}
            label={label}
            description={description}
            invalid={errors[key] !== undefined}
            error={errors[key]}
          >
            <Input
              id={`burnrate-${key}`}
              width={12}
              inputMode="numeric"
              defaultValue={String(settings[key])}
              onChange={(e) => setSettings({ ...settings, [key]: typedCount(e.currentTarget.value) })}
              data-testid={testIds.appConfig[key]}
            />
          </Field>
        ))}
      </FieldSet>
      {saveError && (
        <Alert title="Could not save the settings" data-testid={testIds.appConfig.saveError}>
          {saveError}
        </Alert>
      )}
      <Button onClick={onSave} disabled={hasErrors || saving} data-testid={testIds.appConfig.save}>
        {saving ? 'Saving...' : 'Save settings'}
      </Button>
    </div>
  );
};

export default AppConfig;

type Connection = { state: 'idle' } | { state: 'testing' } | { state: 'ok' } | { state: 'error'; message: string };

function DatasourceField({ uid, onChange }: { uid: string; onChange: (uid: string) => void }) {
  const [connection, setConnection] = useState<Connection>({ state: 'idle' });
  const test = async () => {
    setConnection({ state: 'testing' });
    try {
      await testConnection(uid);
      setConnection({ state: 'ok' });
    } catch (error) {
      setConnection({ state: 'error', message: errorMessage(error) });
    }
  };
  return (
    <>
      <Field
        label="Default datasource"
        description="Prometheus-compatible (Prometheus, Mimir, Cortex, Thanos) datasource holding the recorded SLO series"
      >
        <Stack gap={1}>
          <div data-testid={testIds.appConfig.datasource}>
            <DataSourcePicker
              inputId="burnrate-datasource"
              type="prometheus"
              noDefault
              width={40}
              current={uid || null}
              onChange={(ds) => {
                onChange(ds.uid);
                setConnection({ state: 'idle' });
              }}
            />
          </div>
          <Button
            variant="secondary"
            disabled={!uid || connection.state === 'testing'}
            onClick={test}
            data-testid={testIds.appConfig.testConnection}
          >
            {connection.state === 'testing' ? 'Testing...' : 'Test connection'}
          </Button>
        </Stack>
      </Field>
      {connection.state === 'ok' && (
        <Alert
          severity="success"
          title={`Connected: the datasource answered ${CONNECTION_TEST_EXPR}`}
          data-testid={testIds.appConfig.connectionResult}
        />
      )}
      {connection.state === 'error' && (
        <Alert severity="error" title="Connection failed" data-testid={testIds.appConfig.connectionResult}>
          {connection.message}
        </Alert>
      )}
    </>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  section: css({ marginTop: theme.spacing(3) }),
});
