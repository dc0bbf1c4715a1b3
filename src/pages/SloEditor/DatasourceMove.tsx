import React from 'react';
import { Alert } from '@grafana/ui';
import { findDatasource } from '../../api/datasources';
import { testIds } from '../../components/testIds';

/** A datasource by its Grafana name, its uid when Grafana does not list it. */
function datasourceName(uid: string): string {
  return findDatasource(uid)?.name ?? uid;
}

/** What moving an SLO from one datasource to another does to its history and its deployed rules. */
export function datasourceMoveWords(from: string, to: string): string[] {
  return [
    `The recorded history stays on ${from}: the SLO's figures there are not moved.`,
    `${to} starts from raw data, which the pages replay until its rules have recorded a whole window.`,
    `The rules deployed to the ruler of ${from} are removed from it on the next deploy of the SLO.`,
  ];
}

/** Shown in the review of an edit that changes the SLO's datasource (each uid its own or the app's default). */
export function DatasourceMove({ from, to }: { from: string; to: string }) {
  const fromName = datasourceName(from);
  const toName = datasourceName(to);
  return (
    <Alert
      severity="info"
      title={`The SLO moves from ${fromName} to ${toName}`}
      data-testid={testIds.sloEditor.reviewDatasourceMove}
    >
      {datasourceMoveWords(fromName, toName).map((line) => (
        <div key={line}>{line}</div>
      ))}
    </Alert>
  );
}
