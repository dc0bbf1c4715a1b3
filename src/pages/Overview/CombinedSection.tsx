import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Combobox, Field, InteractiveTable, Stack, Text, TextLink, useStyles2, type Column } from '@grafana/ui';
import { testIds } from '../../components/testIds';
import { formatPercent } from '../../components/format';
import { dataTableCss } from '../../components/tableStyles';
import { groupThousands } from '../../slo/budget';
import { noCombinedDataReason, unreadSloCount, WINDOW_SUMS_MISSING } from '../../slo/combined';
import { sloUrl } from '../../utils/utils.routing';
import { COMBINE_BY, type CombineBy, type CombinedGroup } from './combinedRows';

const COMBINE_BY_LABELS: Record<CombineBy, string> = { service: 'Service', team: 'Team', journey: 'Journey' };

/**
 * The SLOs shown, combined by service, team or journey: one row per group with the SLI and the budget of
 * all their objectives' events together; a row opens on each objective's weight.
 */
export function CombinedSection({
  groups,
  by,
  onChange,
}: {
  groups: CombinedGroup[];
  by: CombineBy;
  onChange: (by: CombineBy) => void;
}) {
  const columns: Array<Column<CombinedGroup>> = [
    {
      id: 'name',
      header: COMBINE_BY_LABELS[by],
      cell: ({ row }) => <span data-testid={testIds.overview.combinedRow}>{row.original.name}</span>,
    },
    {
      id: 'sli',
      header: 'Combined SLI',
      cell: ({ row }) =>
        row.original.combined.sli === undefined ? (
          <Text color="secondary">no data ({noCombinedDataReason(row.original.combined, WINDOW_SUMS_MISSING)})</Text>
        ) : (
          formatPercent(row.original.combined.sli, 3)
        ),
    },
    {
      id: 'budget',
      header: 'Budget remaining',
      cell: ({ row }) => formatPercent(row.original.combined.budgetRemaining, 1),
    },
    {
      id: 'slos',
      header: 'SLOs',
      cell: ({ row }) => {
        const unread = unreadSloCount(row.original.combined);
        return unread > 0 ? `${row.original.sloUids.length} (${unread} not read)` : row.original.sloUids.length;
      },
    },
    {
      id: 'top',
      header: 'Spends the most',
      cell: ({ row }) => {
        const top = row.original.combined.topSpender;
        return top ? (
          <TextLink href={sloUrl(top.sloUid)} inline={false}>
            {`${top.name} (${top.window}): ${formatPercent(top.budgetShare, 1)} of the budget`}
          </TextLink>
        ) : (
          <Text color="secondary">–</Text>
        );
      },
    },
  ];
  return (
    <section aria-label="Combined SLOs" data-testid={testIds.overview.combined}>
      <Stack direction="column" gap={1}>
        <Stack gap={2} alignItems="flex-end" wrap="wrap">
          <Field
            label="Combine by"
            description="The SLI and budget of all the events of the SLOs shown, per group"
            data-testid={testIds.overview.combineBy}
          >
            <Combobox
              width={22}
              value={by}
              options={COMBINE_BY.map((value) => ({ value, label: COMBINE_BY_LABELS[value] }))}
              onChange={(option) => option && onChange(option.value)}
            />
          </Field>
        </Stack>
        {groups.length === 0 ? (
          <Text color="secondary">
            {by === 'journey' ? 'No journey has a step among the SLOs shown.' : `No SLO shown has a ${by}.`}
          </Text>
        ) : (
          <InteractiveTable
            columns={columns}
            data={groups}
            getRowId={(g) => g.name}
            renderExpandedRow={(group) => <Weights group={group} />}
          />
        )}
      </Stack>
    </section>
  );
}

/** Each objective's share of the group's events and of its combined budget, and what was left out. */
function Weights({ group }: { group: CombinedGroup }) {
  const styles = useStyles2(getStyles);
  const { combined } = group;
  return (
    <div data-testid={testIds.overview.combinedMembers} className={styles.weights}>
      {combined.members.length > 0 && (
        <table className={styles.table}>
          <thead>
            <tr>
              {[
                'Objective',
                'Weight (share of events)',
                'Bad / total events',
                'Share of the combined budget',
                'Own budget used',
              ].map((h) => (
                <th key={h}>{h}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {combined.members.map((m) => (
              <tr key={m.key}>
                <td>
                  <TextLink href={sloUrl(m.sloUid)} inline={false}>
                    {`${m.name} (${m.window})`}
                  </TextLink>
                </td>
                <td>{formatPercent(m.weight, 2)}</td>
                <td>{`${groupThousands(Math.round(m.badEvents))} of ${groupThousands(Math.round(m.events))}`}</td>
                <td>{formatPercent(m.budgetShare, 1)}</td>
                <td>{formatPercent(m.budgetConsumed, 1)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {combined.noData.length > 0 && (
        <Text color="secondary" element="p">
          No events over the window: {combined.noData.map((m) => `${m.name} (${m.window})`).join(', ')}.
        </Text>
      )}
      {combined.apart.map((a) => (
        <Text key={a.member.key} color="secondary" element="p">
          Not combined: {a.member.name} ({a.member.window}): {a.reason}.
        </Text>
      ))}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  weights: css({ padding: theme.spacing(1, 2) }),
  table: css(dataTableCss(theme, { padding: [0.5, 1], mutedHeader: true })),
});
