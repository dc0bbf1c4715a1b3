import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Text, useStyles2 } from '@grafana/ui';
import type { BacktestObjectiveJson } from '../../decisions/backtestComparison';
import { formatDuration } from '../../slo/budget';
import { formatPercent } from '../../components/format';
import { dataTableCss } from '../../components/tableStyles';
import { testIds } from '../../components/testIds';

/**
 * The preview's scorecard: the bad periods of the replayed range and, side by side, how each alert set
 * would have paged on them (the SLO's own alerts, the workbook's, Pyrra's and the tier's).
 */
export function PreviewScorecard({ scorecard }: { scorecard: BacktestObjectiveJson }) {
  const styles = useStyles2(getStyles);
  const incidents = scorecard.incidents;
  const spentMost = incidents.reduce((most, i) => Math.max(most, i.budgetSpent), 0);
  return (
    <div data-testid={testIds.sloEditor.previewScorecard}>
      <Text color="secondary">
        {incidents.length === 0
          ? 'No incident: the 5m error ratio never rose above the error budget.'
          : `${incidents.length} ${incidents.length === 1 ? 'incident' : 'incidents'} (the 5m error ratio above the ` +
            `error budget); the worst spent ${formatPercent(spentMost, 2)} of the budget. Missed: an incident that ` +
            'spent more than 2% of the budget and never paged; noisy: a page during nothing that spent 1%.'}
      </Text>
      <table className={styles.table}>
        <thead>
          <tr>
            <th>Alert set</th>
            <th>Pages per week</th>
            <th>Tickets per week</th>
            <th>Incidents paged</th>
            <th>Slowest first page</th>
            <th>Missed</th>
            <th>Noisy pages</th>
          </tr>
        </thead>
        <tbody>
          {scorecard.alertSets.map((set) => {
            const same = set.sameAs && scorecard.alertSets.find((s) => s.name === set.sameAs);
            if (same) {
              return (
                <tr key={set.name}>
                  <td>{set.title}</td>
                  <td colSpan={6}>The same alerts as {same.title}</td>
                </tr>
              );
            }
            if (set.alerts.length === 0) {
              return (
                <tr key={set.name}>
                  <td>{set.title}</td>
                  <td colSpan={6}>No burn-rate alerts</td>
                </tr>
              );
            }
            const delays = set.incidents.flatMap((i) => (i.pageDelaySeconds === undefined ? [] : [i.pageDelaySeconds]));
            return (
              <tr key={set.name}>
                <td>{set.title}</td>
                <td>{set.pagesPerWeek.toFixed(2)}</td>
                <td>{set.ticketsPerWeek.toFixed(2)}</td>
                <td>{incidents.length === 0 ? '–' : `${delays.length} of ${incidents.length}`}</td>
                <td>{delays.length === 0 ? '–' : formatDuration(Math.max(...delays))}</td>
                <td>{set.missedIncidents}</td>
                <td>{set.noisyPages}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  table: css(dataTableCss(theme, { padding: [0.5, 1], mutedHeader: true })),
});
