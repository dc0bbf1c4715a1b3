import React from 'react';
import { Alert } from '@grafana/ui';
import { describeFailures, type DatasourceFailure } from '../api/byDatasource';
import { testIds } from './testIds';

/** The datasources that could not answer, each with how many SLOs it left without figures; nothing when all did. */
export function DatasourceFailures({ failures }: { failures?: readonly DatasourceFailure[] }) {
  if (!failures || failures.length === 0) {
    return null;
  }
  const lines = describeFailures(failures);
  return (
    <Alert
      severity="warning"
      title={
        failures.length === 1
          ? 'A datasource did not answer: its SLOs show no figures'
          : `${failures.length} datasources did not answer: their SLOs show no figures`
      }
      data-testid={testIds.datasourceFailures.alert}
    >
      {lines.length === 1 ? (
        lines[0]
      ) : (
        <ul>
          {lines.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
    </Alert>
  );
}
