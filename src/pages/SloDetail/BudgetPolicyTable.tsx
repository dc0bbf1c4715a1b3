import React from 'react';
import { css, cx } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Badge, Text, useStyles2 } from '@grafana/ui';
import { dataTableCss } from '../../components/tableStyles';
import { BUDGET_ACTION_INFO, NO_ACTION, statusCondition, type BudgetPolicyRow } from '../../slo/budgetPolicy';
import { STATUS_COLORS } from '../../components/statusColors';

interface Props {
  rows: BudgetPolicyRow[];
  rowTestId: string;
}

/** A policy as status -> actions (and notes), the current status's row highlighted and marked "now". */
export function BudgetPolicyTable({ rows, rowTestId }: Props) {
  const styles = useStyles2(getStyles);
  const hasNotes = rows.some((row) => row.note !== undefined);
  return (
    <table className={styles.table}>
      <thead>
        <tr>
          <th>Status</th>
          <th>When</th>
          <th>Actions</th>
          {hasNotes && <th>Note</th>}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr
            key={row.status}
            className={cx(row.current && styles.current)}
            aria-current={row.current || undefined}
            data-testid={rowTestId}
          >
            <td className={styles.status}>
              <Badge text={row.status} color={STATUS_COLORS[row.status]} />
              {row.current && (
                <Text weight="medium" variant="bodySmall">
                  {' '}
                  now
                </Text>
              )}
            </td>
            <td>
              <Text color="secondary" variant="bodySmall">
                {statusCondition(row.status)}
              </Text>
            </td>
            <td>
              {row.actions.length === 0 ? (
                <Text color="secondary">{NO_ACTION}</Text>
              ) : (
                row.actions.map((action, i) => (
                  <React.Fragment key={action}>
                    {i > 0 && ', '}
                    <span title={BUDGET_ACTION_INFO[action].description}>{BUDGET_ACTION_INFO[action].title}</span>
                  </React.Fragment>
                ))
              )}
            </td>
            {hasNotes && <td>{row.note}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  table: css(dataTableCss(theme, { padding: [0.5, 1], mutedHeader: true })),
  current: css({
    background: theme.colors.action.selected,
    fontWeight: theme.typography.fontWeightMedium,
  }),
  status: css({ whiteSpace: 'nowrap' }),
});
