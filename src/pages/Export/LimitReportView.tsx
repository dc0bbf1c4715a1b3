import React from 'react';
import { Alert, Text } from '@grafana/ui';
import { testIds } from '../../components/testIds';
import type { LimitReport, RulerLimits } from '../../deploy/rulerLimits';

/** A compared plan against the ruler's limits: why it cannot be deployed, or the counts it leaves. */
export function LimitReportView({ report, limits }: { report: LimitReport; limits: RulerLimits }) {
  if (!report.fits) {
    return (
      <Alert title="This deploy does not fit the ruler's limits" data-testid={testIds.export.deploy.limitProblems}>
        <ul>
          {report.problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
        Change the limits in the app&apos;s configuration if the ruler&apos;s are different, or deploy fewer SLOs.
      </Alert>
    );
  }
  const largest = report.groups.reduce((n, g) => Math.max(n, g.rules), 0);
  const tenant = report.tenant;
  return (
    <Text color="secondary">
      Within the ruler&apos;s limits
      {tenant &&
        `: ${tenant.namespaceAfter} groups in the namespace and ${tenant.after} in the tenant after the deploy` +
          (limits.ruleGroups > 0 ? ` (at most ${limits.ruleGroups})` : '')}
      {report.groups.length > 0 &&
        `, the largest group written ${largest} rules` +
          (limits.rulesPerGroup > 0 ? ` (at most ${limits.rulesPerGroup})` : '')}
      .
    </Text>
  );
}
