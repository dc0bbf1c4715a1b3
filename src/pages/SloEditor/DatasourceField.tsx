import React from 'react';
import { DataSourcePicker } from '@grafana/runtime';
import { findDatasource } from '../../api/datasources';
import { testIds } from '../../components/testIds';
import { ControlGroup, IssueField } from './FieldIssues';
import type { FormIssue } from './sloForm';

interface Props {
  /** The SLO's own datasource; '' for the app's default. */
  value: string;
  /** The app's default datasource ('' when none is configured). */
  defaultUid: string;
  issues?: FormIssue[];
  onChange: (datasourceUid: string) => void;
}

/** What an empty field means, by the default's Grafana name. */
export function defaultDatasourceWords(defaultUid: string): string {
  if (defaultUid === '') {
    return 'Empty: the app default, and none is configured yet';
  }
  return `Empty: the app default, ${findDatasource(defaultUid)?.name ?? defaultUid}`;
}

/** The Prometheus-compatible datasource the SLO lives on: its metrics, its recorded series and its rules. */
export function DatasourceField({ value, defaultUid, issues, onChange }: Props) {
  return (
    <IssueField
      label="Datasource"
      description={`Prometheus-compatible datasource holding the SLI's metrics and running its rules. ${defaultDatasourceWords(defaultUid)}.`}
      issues={issues}
    >
      <ControlGroup testId={testIds.sloEditor.datasource}>
        <DataSourcePicker
          inputId="slo-datasource"
          type="prometheus"
          noDefault
          width={40}
          placeholder="The app default"
          current={value === '' ? null : value}
          onChange={(ds) => onChange(ds.uid)}
          onClear={() => onChange('')}
        />
      </ControlGroup>
    </IssueField>
  );
}
