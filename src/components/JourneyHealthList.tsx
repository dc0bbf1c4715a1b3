import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Badge, Card, Icon, Stack, Text, TextLink, useStyles2 } from '@grafana/ui';
import type { JourneyHealth, StepStatus } from '../slo/journeyHealth';
import { noCombinedDataReason, WINDOW_SUMS_MISSING, type CombinedReading } from '../slo/combined';
import { formatPercent } from './format';
import { STATUS_COLORS } from './statusColors';
import { sloUrl } from '../utils/utils.routing';
import { testIds } from './testIds';

/** A step's or journey's status; no data is said so, never shown as healthy. */
export function StepStatusBadge({ status, testId }: { status: StepStatus; testId?: string }) {
  return (
    <span data-testid={testId}>
      {status === 'no-data' ? (
        <Badge text="no data" color="darkgrey" icon="question-circle" />
      ) : (
        <Badge text={status} color={STATUS_COLORS[status]} />
      )}
    </span>
  );
}

/**
 * A journey's combined figures: the SLI and the budget left over all its steps' events, and the step
 * that spends the most of it.
 */
export function JourneyCombined({
  combined,
  titleOf,
}: {
  combined: CombinedReading;
  titleOf: (sloUid: string) => string;
}) {
  const top = combined.topSpender;
  return (
    <span
      data-testid={testIds.journeys.combined}
      title={combined.apart.map((a) => `${titleOf(a.member.sloUid)} (${a.member.window}): ${a.reason}`).join('\n')}
    >
      {combined.sli === undefined ? (
        <Text color="secondary">Combined: no data ({noCombinedDataReason(combined, WINDOW_SUMS_MISSING)})</Text>
      ) : (
        <Text>
          Combined SLI {formatPercent(combined.sli, 3)}, budget remaining {formatPercent(combined.budgetRemaining, 1)}
          {top ? (
            <>
              ; spends the most:{' '}
              <TextLink href={sloUrl(top.sloUid)} inline>
                {titleOf(top.sloUid)}
              </TextLink>{' '}
              ({formatPercent(top.budgetShare, 1)} of the budget)
            </>
          ) : (
            '; no bad events'
          )}
          {combined.apart.length > 0 && ` (${combined.apart.length} not combined)`}
        </Text>
      )}
    </span>
  );
}

/** The title of a journey's step by its SLO. */
export function stepTitle(health: JourneyHealth): (sloUid: string) => string {
  return (sloUid) => health.steps.find((s) => s.sloUid === sloUid)?.title ?? sloUid;
}

/** Each journey with its steps in order and each step's status; the journey takes its worst step's. */
export function JourneyHealthList({ journeys }: { journeys: JourneyHealth[] }) {
  const styles = useStyles2(getStyles);
  return (
    <section aria-label="User journeys" data-testid={testIds.journeys.section} className={styles.section}>
      <Stack direction="column" gap={1}>
        {journeys.map((health) => (
          <Card key={health.journey.name} noMargin data-testid={testIds.journeys.journey}>
            <Card.Heading>{health.journey.name}</Card.Heading>
            <Card.Meta>{health.journey.description ? [health.journey.description] : []}</Card.Meta>
            <Card.Tags>
              <StepStatusBadge status={health.status} testId={testIds.journeys.status} />
            </Card.Tags>
            <Card.Description>
              <ol className={styles.steps} aria-label={`Steps of ${health.journey.name}`}>
                {health.steps.map((step, i) => (
                  <li key={i} className={styles.step} data-testid={testIds.journeys.step}>
                    {i > 0 && <Icon name="arrow-right" className={styles.arrow} aria-hidden />}
                    {step.missing ? (
                      <Text color="warning">
                        {step.title} (SLO {step.sloUid} not found)
                      </Text>
                    ) : (
                      <TextLink
                        href={sloUrl(step.sloUid)}
                        inline={false}
                        weight={i === health.worstStep ? 'bold' : undefined}
                      >
                        {step.title}
                      </TextLink>
                    )}
                    <StepStatusBadge status={step.status} />
                  </li>
                ))}
              </ol>
              {health.combined && <JourneyCombined combined={health.combined} titleOf={stepTitle(health)} />}
            </Card.Description>
          </Card>
        ))}
      </Stack>
    </section>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  section: css({ marginBottom: theme.spacing(2) }),
  steps: css({ display: 'flex', flexWrap: 'wrap', gap: theme.spacing(1), listStyle: 'none', margin: 0, padding: 0 }),
  step: css({ display: 'flex', alignItems: 'center', gap: theme.spacing(1) }),
  arrow: css({ color: theme.colors.text.secondary }),
});

/** One line of journeys and their status, for the SLO list; details on the overview. */
export function JourneyStrip({ journeys, href }: { journeys: JourneyHealth[]; href: string }) {
  return (
    <section aria-label="User journeys" data-testid={testIds.journeys.section}>
      <Stack gap={2} wrap="wrap" alignItems="center">
        <TextLink href={href} inline={false}>
          Journeys
        </TextLink>
        {journeys.map((health) => (
          <span
            key={health.journey.name}
            data-testid={testIds.journeys.journey}
            title={health.steps.map((s) => `${s.title}: ${s.status}`).join(', ')}
          >
            <Stack gap={0.5} alignItems="center">
              <Text>{health.journey.name}</Text>
              <StepStatusBadge status={health.status} testId={testIds.journeys.status} />
            </Stack>
          </span>
        ))}
      </Stack>
    </section>
  );
}
