import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Alert, Badge, Checkbox, Field, FieldSet, Input, RadioButtonGroup, Stack, Text, useStyles2 } from '@grafana/ui';
import type { BudgetAction } from '../../slo/types';
import type { BudgetStatus } from '../../slo/budget';
import {
  BUDGET_ACTION_INFO,
  BUDGET_ACTIONS,
  BUDGET_STATUSES,
  budgetPolicyRows,
  DEFAULT_BUDGET_POLICY,
  statusCondition,
} from '../../slo/budgetPolicy';
import { testIds } from '../../components/testIds';
import { dataTableCss } from '../../components/tableStyles';
import { BudgetPolicyTable } from '../SloDetail/BudgetPolicyTable';
import { STATUS_COLORS } from '../../components/statusColors';
import { ControlGroup } from './FieldIssues';
import type { FieldsProps } from './IndicatorFields';
import type { PolicyRow } from './sloForm';

const ids = testIds.sloEditor;

const MODES: Array<{ label: string; value: 'default' | 'own'; description: string }> = [
  { label: 'Default policy', value: 'default', description: 'Follow the default policy shown below' },
  { label: 'Own policy', value: 'own', description: 'Choose the actions of each status for this SLO' },
];

/** The error budget policy: the default one, or the SLO's own actions and note per status. */
export function PolicyFields({ form, issues, onChange }: FieldsProps) {
  const setRow = (status: BudgetStatus, change: Partial<PolicyRow>) =>
    onChange({ budgetPolicy: { ...form.budgetPolicy, [status]: { ...form.budgetPolicy[status], ...change } } });
  const policyIssues = issues.budgetPolicy ?? [];
  return (
    <FieldSet label="Budget policy">
      <Field
        label="Policy"
        description="What the team does at each budget status; the SLO page shows the actions of the current one"
      >
        <ControlGroup testId={ids.budgetPolicyMode}>
          <RadioButtonGroup
            options={MODES}
            value={form.ownBudgetPolicy ? 'own' : 'default'}
            onChange={(mode) => onChange({ ownBudgetPolicy: mode === 'own' })}
          />
        </ControlGroup>
      </Field>
      {form.ownBudgetPolicy ? (
        <OwnPolicy rows={form.budgetPolicy} onRowChange={setRow} />
      ) : (
        <Stack direction="column" gap={1}>
          <Text color="secondary" variant="bodySmall">
            While this SLO sets no policy of its own, the default applies:
          </Text>
          <BudgetPolicyTable rows={budgetPolicyRows(DEFAULT_BUDGET_POLICY)} rowTestId={ids.budgetPolicyRow} />
        </Stack>
      )}
      {policyIssues.length > 0 && (
        <Alert
          title="Budget policy"
          severity={policyIssues.some((i) => i.severity === 'error') ? 'error' : 'warning'}
          data-testid={ids.budgetPolicyIssues}
        >
          {policyIssues.map((issue, i) => (
            <div key={i}>
              {issue.path}: {issue.message}
            </div>
          ))}
        </Alert>
      )}
    </FieldSet>
  );
}

interface OwnPolicyProps {
  rows: Record<BudgetStatus, PolicyRow>;
  onRowChange: (status: BudgetStatus, change: Partial<PolicyRow>) => void;
}

/** One row per status: a checkbox per action and a note. */
function OwnPolicy({ rows, onRowChange }: OwnPolicyProps) {
  const styles = useStyles2(getStyles);
  // Unticking keeps the order of the others; ticking appends, so a hand-written order survives.
  const toggle = (status: BudgetStatus, action: BudgetAction, on: boolean) => {
    const actions = rows[status].actions.filter((a) => a !== action);
    onRowChange(status, { actions: on ? [...actions, action] : actions });
  };
  return (
    <Stack direction="column" gap={1}>
      <Text color="secondary" variant="bodySmall">
        A status with no action ticked ships as normal.
      </Text>
      <div className={styles.scroll}>
        <table className={styles.table}>
          <thead>
            <tr>
              <th>Status</th>
              {BUDGET_ACTIONS.map((action) => (
                <th key={action} className={styles.action} title={BUDGET_ACTION_INFO[action].description}>
                  {BUDGET_ACTION_INFO[action].title}
                </th>
              ))}
              <th>Note</th>
            </tr>
          </thead>
          <tbody>
            {BUDGET_STATUSES.map((status) => (
              <tr key={status} data-testid={ids.budgetPolicyRow}>
                <td title={statusCondition(status)}>
                  <Badge text={status} color={STATUS_COLORS[status]} />
                </td>
                {BUDGET_ACTIONS.map((action) => (
                  <td key={action} className={styles.action}>
                    <Checkbox
                      value={rows[status].actions.includes(action)}
                      aria-label={`${status}: ${BUDGET_ACTION_INFO[action].title}`}
                      onChange={(e) => toggle(status, action, e.currentTarget.checked)}
                    />
                  </td>
                ))}
                <td>
                  <Input
                    aria-label={`${status}: note`}
                    placeholder="e.g. who approves exceptions"
                    value={rows[status].note}
                    onChange={(e) => onRowChange(status, { note: e.currentTarget.value })}
                    data-testid={ids.budgetPolicyNote}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Stack>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  scroll: css({ overflowX: 'auto' }),
  table: css(dataTableCss(theme, { padding: [0.5, 1], mutedHeader: true })),
  action: css({
    textAlign: 'center',
    fontSize: theme.typography.bodySmall.fontSize,
    maxWidth: theme.spacing(12),
    'th&, td&': { textAlign: 'center' },
  }),
});
