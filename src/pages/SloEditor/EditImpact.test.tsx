import React from 'react';
import { act, render, screen } from '@testing-library/react';
import { makeSlo } from '../../testing/fixtures';
import { testIds } from '../../components/testIds';
import { EditImpact } from './EditImpact';
import type { PreviewReader } from './sliPreviewData';

/** Two replays of a 30-day window take a moment: more than the default second on a busy machine. */
const LOAD = { timeout: 15_000 };

const saved = makeSlo({ tier: undefined });
const now = Date.UTC(2026, 5, 15, 12, 0, 30);

/** One event a second, `badShare` of them bad, at every step. */
function steadyReader(badShare: number): PreviewReader {
  return {
    range: async (_exprs, from, to, step) => {
      const points = (value: number): Array<[number, number]> => {
        const out: Array<[number, number]> = [];
        for (let t = from; t <= to; t += step * 1000) {
          out.push([t, value]);
        }
        return out;
      };
      return { total: [{ labels: {}, points: points(1) }], bad: [{ labels: {}, points: points(badShare) }] };
    },
    counts: async (exprs) => exprs.map(() => 1),
  };
}

function rowsOf(testId: string): string[][] {
  return Array.from(screen.getByTestId(testId).querySelectorAll('tbody tr'), (row) =>
    Array.from(row.children, (cell) => cell.textContent ?? '')
  );
}

describe('EditImpact', () => {
  it('shows no restarted series for a target edit, both budgets, and the alerts only the saved target fires', async () => {
    const edited = makeSlo({ tier: undefined, objectives: [{ ...saved.objectives[0], target: '0.99' }] });
    render(<EditImpact slo={edited} saved={saved} evaluationInterval="30s" reader={steadyReader(0.005)} now={now} />);
    expect(screen.getByTestId(testIds.sloEditor.reviewSeries)).toHaveTextContent(
      'None: every recorded series keeps its name and labels, and its history.'
    );
    await screen.findAllByText(/of the budget left/, {}, LOAD);
    // 0.5% bad: 5 budgets of 99.9% spent, half of 99%'s.
    expect(rowsOf(testIds.sloEditor.reviewBudgets)).toEqual([
      ['99.9% over 30d: -400.0% of the budget left', '99% over 30d: 50.0% of the budget left'],
    ]);
    const alerts = rowsOf(testIds.sloEditor.reviewAlerts);
    expect(alerts.length).toBeGreaterThan(0);
    expect(alerts.every((row) => row[0] === 'Only under the saved definition')).toBe(true);
  }, 30_000);

  it('lists the series a uid rename restarts, with why', async () => {
    const renamed = makeSlo({ tier: undefined, uid: 'checkout-avail-02' });
    render(<EditImpact slo={renamed} saved={saved} evaluationInterval="30s" now={now} />);
    const rows = rowsOf(testIds.sloEditor.reviewSeries);
    expect(rows).toHaveLength(14);
    expect(rows[0]).toEqual([
      'slo:events:rate5m',
      '{slo="checkout-availability", slo_uid="checkout-availability", service="checkout"}',
      'label slo_uid changes from "checkout-availability" to "checkout-avail-02"',
    ]);
    expect(screen.getByTestId(testIds.sloEditor.reviewSeries)).not.toHaveTextContent('The uid stays');
    // Without a datasource the replayed parts say so.
    expect(screen.getByTestId(testIds.sloEditor.reviewBudgets)).toHaveTextContent(
      'Cannot be computed: no datasource is configured to replay the source series.'
    );
    // The load without a datasource answers at once: let it finish inside the test.
    await act(() => Promise.resolve());
  });

  it('says that a new name keeps alerts and budget going: the rules add up old and new series by uid', async () => {
    const renamed = makeSlo({ tier: undefined, name: 'checkout-availability-v2', labels: { team: 'payments' } });
    render(<EditImpact slo={renamed} saved={saved} evaluationInterval="30s" now={now} />);
    const rows = rowsOf(testIds.sloEditor.reviewSeries);
    expect(rows.map((row) => row[0])).not.toContain('slo:events:window');
    expect(rows[0][2]).toBe(
      'label slo changes from "checkout-availability" to "checkout-availability-v2"; label team="payments" added'
    );
    expect(screen.getByTestId(testIds.sloEditor.reviewSeries)).toHaveTextContent(
      "The uid stays: Burnrate's alerts, budget and pages read these series by slo_uid and add up the old and the new ones, so they go on."
    );
    await act(() => Promise.resolve());
  });

  it('says when the datasource cannot be read, and when it has no events', async () => {
    const failing: PreviewReader = {
      range: async () => {
        throw new Error('Prometheus is unreachable');
      },
      counts: async () => [],
    };
    const { unmount } = render(
      <EditImpact slo={saved} saved={saved} evaluationInterval="30s" reader={failing} now={now} />
    );
    expect(await screen.findAllByText('Cannot be computed: the datasource could not be read', {}, LOAD)).toHaveLength(
      2
    );
    expect(screen.getByTestId(testIds.sloEditor.reviewAlerts)).toHaveTextContent('Prometheus is unreachable');
    unmount();
    const empty: PreviewReader = { range: async () => ({ total: [], bad: [] }), counts: async () => [] };
    render(<EditImpact slo={saved} saved={saved} evaluationInterval="30s" reader={empty} now={now} />);
    expect(
      await screen.findByText('Cannot be computed: the source series had no events over the last 7 days.', {}, LOAD)
    ).toBeInTheDocument();
    expect(rowsOf(testIds.sloEditor.reviewBudgets)).toEqual([
      [
        '99.9% over 30d: cannot be computed, no events in the window',
        '99.9% over 30d: cannot be computed, no events in the window',
      ],
    ]);
  });
});
