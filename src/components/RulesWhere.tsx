import React from 'react';
import { Badge, Stack, TextLink, Tooltip, type BadgeColor } from '@grafana/ui';
import { DRIFT_TEXT } from '../deploy/rulerPlan';
import { placeRules, type RulesPlace } from '../deploy/rulesPlace';
import type { DriftReport } from '../api/ruler';
import type { RulesWhereReport } from '../api/rulesWhere';
import { prefixRoute } from '../utils/utils.routing';
import { ROUTES } from '../constants';
import { testIds } from './testIds';

interface Shown {
  text: string;
  color: BadgeColor;
  detail: string;
  /** The next step, when there is one: deploying from the Export page. */
  next?: string;
}

function shown(place: RulesPlace, namespace: string, notes: string[]): Shown {
  switch (place.where) {
    case 'ruler':
      return {
        text: `Ruler: ${namespace}`,
        color: 'blue',
        detail: `Data source-managed, deployed from the app into namespace ${namespace}. ${place.drift.detail}`,
        next: place.drift.status === 'up-to-date' ? undefined : 'Deploy the update',
      };
    case 'grafana':
      return {
        text: 'Grafana-managed',
        color: 'purple',
        detail: `Grafana evaluates them (folder ${namespace}) and writes the recorded series to the datasource. ${DRIFT_TEXT[place.drift.status]}: ${place.drift.detail}`,
        next: place.drift.status === 'up-to-date' ? undefined : 'Deploy the update',
      };
    case 'file':
      return place.current
        ? {
            text: 'Rule file',
            color: 'blue',
            detail:
              'Prometheus records these rules from a file deployed by hand; they are the rules the SLO makes now.',
          }
        : {
            text: 'Rule file (earlier version)',
            color: 'orange',
            detail:
              'Prometheus records rules of an earlier version of this SLO from a file deployed by hand: replace the file, or deploy from the app.',
            next: 'Update its rules',
          };
    case 'nowhere':
      return {
        text: 'Not running',
        color: 'darkgrey',
        detail: `Prometheus records none of this SLO's rules yet. ${notes.join(' ')}`.trim(),
        next: 'Deploy its rules',
      };
    case 'unknown':
      return { text: 'Unknown', color: 'darkgrey', detail: notes.join(' ') || 'Nothing could be read.' };
  }
}

/**
 * Where an SLO's rules run (a ruler namespace, Grafana-managed, a rule file Prometheus records, or nowhere)
 * and the next step, from the reads the page made for all its SLOs at once.
 */
export function RulesWhere({
  drift,
  where,
  sloUid,
}: {
  drift?: DriftReport;
  where?: RulesWhereReport;
  sloUid: string;
}) {
  if (!where) {
    return null;
  }
  const place = placeRules({
    ...where.facts.get(sloUid),
    ...(drift?.kind === 'ok' && { ruler: drift.drift.get(sloUid) }),
  });
  const { text, color, detail, next } = shown(place, where.namespace, where.notes);
  return (
    <Stack direction="row" gap={1} alignItems="center">
      <Tooltip content={detail}>
        <span data-testid={testIds.rulesWhere.marker} data-where={place.where}>
          <Badge text={text} color={color} />
        </span>
      </Tooltip>
      {next && (
        <TextLink
          href={`${prefixRoute(ROUTES.Export)}?slo=${encodeURIComponent(sloUid)}`}
          inline={false}
          data-testid={testIds.rulesWhere.deploy}
        >
          {next}
        </TextLink>
      )}
    </Stack>
  );
}
