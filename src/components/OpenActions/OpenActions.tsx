import React, { useState } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Alert, Badge, Text, TextLink, useStyles2 } from '@grafana/ui';
import { listOpenActions, OPEN_ACTION_WEEKS } from '../../api/reviewStore';
import { authorshipText } from '../../decisions/sharedReview';
import { ROUTES } from '../../constants';
import { prefixRoute } from '../../utils/utils.routing';
import { useLoader } from '../../utils/useLoader';
import { dataTableCss } from '../tableStyles';
import { testIds } from '../testIds';

interface Props {
  /** The folder of the SLOs, where the weekly reviews are stored ('' for every folder the user can read). */
  folderUid: string;
}

/**
 * The action items of the weekly reviews not done yet, with their owner and due date, overdue first; each links
 * to its week's review. Left out while there is none.
 */
export function OpenActions({ folderUid }: Props) {
  const styles = useStyles2(getStyles);
  const { data, error } = useLoader((signal) => listOpenActions(folderUid, signal), [folderUid]);
  // Today, read once so that rendering stays pure.
  const [today] = useState(() => new Date().toISOString().slice(0, 10));
  if (error) {
    return (
      <Alert severity="warning" title="Could not read the review action items" data-testid={testIds.openActions.error}>
        {error}
      </Alert>
    );
  }
  if (!data || (data.open.length === 0 && data.unreadable === 0)) {
    return null;
  }
  return (
    <section className={styles.section} data-testid={testIds.openActions.container}>
      <Text element="h3">Open action items</Text>
      {data.unreadable > 0 && (
        <Text element="p" color="warning">
          {data.unreadable} stored weekly review(s) cannot be read: open their week to see why.
        </Text>
      )}
      {data.olderReviews > 0 && (
        <Text element="p" color="secondary" data-testid={testIds.openActions.older}>
          {`From the newest ${OPEN_ACTION_WEEKS} weekly reviews; the ${data.olderReviews} older are not read here: open their week in the weekly review.`}
        </Text>
      )}
      {data.open.length > 0 && (
        <table className={styles.table}>
          <thead>
            <tr>
              {['Action item', 'Owner', 'Due', 'From the review of', 'Written by'].map((h) => (
                <th key={h}>{h}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {data.open.map(({ week, action }) => (
              <tr key={`${week}-${action.id}`} data-testid={testIds.openActions.row}>
                <td>{action.text || <Text color="secondary">no text</Text>}</td>
                <td>{action.owner || <Text color="secondary">no owner</Text>}</td>
                <td>
                  {action.due ? (
                    action.due < today ? (
                      <Badge text={`overdue: ${action.due}`} color="red" />
                    ) : (
                      action.due
                    )
                  ) : (
                    <Text color="secondary">none</Text>
                  )}
                </td>
                <td>
                  <TextLink href={`${prefixRoute(ROUTES.Review)}?week=${week}`} inline={false}>
                    {`week of ${week}`}
                  </TextLink>
                </td>
                <td>
                  <Text variant="bodySmall" color="secondary">
                    {authorshipText(action)}
                  </Text>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  section: css({ margin: theme.spacing(2, 0) }),
  table: css(dataTableCss(theme, { padding: [1, 1.5], mutedHeader: true })),
});
