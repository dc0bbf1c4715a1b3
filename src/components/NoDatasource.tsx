import React from 'react';
import { Alert, TextLink } from '@grafana/ui';
import { CONFIG_PAGE_URL } from '../constants';
import { testIds } from './testIds';

/** Shown by pages that query when no datasource is configured. */
export function NoDatasource() {
  return (
    <Alert severity="info" title="No datasource configured" data-testid={testIds.noDatasource.alert}>
      Burnrate queries the series its rules record from a Prometheus-compatible datasource. An org admin picks it on the{' '}
      <TextLink href={CONFIG_PAGE_URL}>app configuration page</TextLink>.
    </Alert>
  );
}
