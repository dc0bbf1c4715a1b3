import React from 'react';
import { Badge, Tooltip, type BadgeColor } from '@grafana/ui';
import { DRIFT_TEXT, type Drift, type DriftStatus } from '../deploy/rulerPlan';
import type { DriftReport } from '../api/ruler';
import { testIds } from './testIds';

const COLORS: Record<DriftStatus, BadgeColor> = {
  'not-deployed': 'darkgrey',
  'up-to-date': 'green',
  outdated: 'orange',
  'changed-by-hand': 'red',
};

/** Whether the deployed rules of an SLO match it, from the ruler; why it is unknown otherwise. */
export function DriftBadge({ report, sloUid }: { report?: DriftReport; sloUid: string }) {
  if (!report) {
    return null;
  }
  const unknown = report.kind === 'unavailable' ? report.reason : report.unknown?.get(sloUid);
  if (unknown !== undefined) {
    return (
      <Tooltip content={unknown}>
        <span data-testid={testIds.drift.badge} data-status="unknown">
          <Badge text="Unknown" color="darkgrey" icon="question-circle" />
        </span>
      </Tooltip>
    );
  }
  const drift: Drift | undefined = report.kind === 'ok' ? report.drift.get(sloUid) : undefined;
  if (!drift) {
    return null;
  }
  return (
    <Tooltip content={drift.detail}>
      <span data-testid={testIds.drift.badge} data-status={drift.status}>
        <Badge text={DRIFT_TEXT[drift.status]} color={COLORS[drift.status]} />
      </span>
    </Tooltip>
  );
}
