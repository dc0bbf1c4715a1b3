import React from 'react';
import { render, screen, fireEvent, within } from '@testing-library/react';
import { makeSlo } from '../../testing/fixtures';
import { testIds } from '../../components/testIds';
import type { Slo } from '../../slo/types';
import { TargetFromHistory } from './TargetFromHistory';
import type { PreviewReader } from './sliPreviewData';

/** 90 days of rates take a moment to read and judge: more than the default second on a busy machine. */
const LOAD = { timeout: 10_000 };

const slo: Slo = makeSlo({
  tier: undefined,
  objectives: [{ target: '0.99', window: { kind: 'rolling', duration: '30d', seconds: 2592000 } }],
});

/** 100 events/s, `badPerSecond` of them bad, from `since` (ms) on. */
function steadyReader(badPerSecond: number, since = 0): PreviewReader {
  return {
    range: async (_exprs, from, to, stepSeconds) => {
      const points = (value: number): Array<[number, number]> => {
        const out: Array<[number, number]> = [];
        for (let t = Math.max(from, since); t <= to; t += stepSeconds * 1000) {
          out.push([t, value]);
        }
        return out;
      };
      return { total: [{ labels: {}, points: points(100) }], bad: [{ labels: {}, points: points(badPerSecond) }] };
    },
    counts: async (exprs) => exprs.map(() => 1),
  };
}

function targetRows(): string[][] {
  const rows = screen.getByTestId(testIds.sloEditor.targetHistoryTargets).querySelectorAll('tbody tr');
  return Array.from(rows, (row) => Array.from(row.children, (cell) => cell.textContent ?? ''));
}

describe('TargetFromHistory', () => {
  it('shows the SLI of the last 7, 30 and 90 days, each tier target and the suggestion, and uses it', async () => {
    const onUseTarget = jest.fn();
    const { rerender } = render(
      <TargetFromHistory slo={slo} evaluationInterval="30s" reader={steadyReader(0.2)} onUseTarget={onUseTarget} />
    );
    fireEvent.click(screen.getByTestId(testIds.sloEditor.targetHistoryRun));
    const recent = await screen.findByTestId(testIds.sloEditor.targetHistoryRecent, {}, LOAD);
    // 0.2 of 100 events/s bad: 99.8% in every range.
    const recentRows = Array.from(recent.querySelectorAll('tbody tr'), (row) => row.children[1].textContent);
    expect(recentRows).toEqual(['99.800%', '99.800%', '99.800%']);
    // A 0.2% error ratio: 99.95% and 99.9% overspend every 30-day window (by 300% and 100%); 99.5% keeps 60%.
    expect(targetRows()).toEqual([
      ['99.95%', 'Critical', '-300.0%', 'once', '-300.0%', ''],
      ['99.9%', 'Essential', '-100.0%', 'once', '-100.0%', ''],
      ['99.5%', 'Standard', '60.0%', 'never', '60.0%', 'suggested'],
      ['99%', 'Best effort', '80.0%', 'never', '80.0%', 'current'],
    ]);
    expect(screen.getByTestId(testIds.sloEditor.targetHistorySuggestion)).toHaveTextContent(
      'Suggested target 99.5% (standard): its worst window kept 60.0% of its budget, and a suggestion must keep 25.0%.'
    );
    expect(within(screen.getByTestId(testIds.sloEditor.targetHistoryWeeks)).getAllByRole('row')).toHaveLength(14);
    fireEvent.click(screen.getByTestId(testIds.sloEditor.targetHistoryUse));
    expect(onUseTarget).toHaveBeenCalledWith('99.5');
    // The new target is judged on the same history without a read; the suggestion is now the target.
    const taken: Slo = { ...slo, objectives: [{ ...slo.objectives[0], target: '0.995' }] };
    rerender(
      <TargetFromHistory slo={taken} evaluationInterval="30s" reader={steadyReader(0.2)} onUseTarget={onUseTarget} />
    );
    expect(targetRows()[2][5]).toBe('currentsuggested');
    expect(screen.queryByTestId(testIds.sloEditor.targetHistoryUse)).not.toBeInTheDocument();
    expect(targetRows()).toHaveLength(4);
  });

  it('judges a history shorter than a window as one window, and says when the SLI changed', async () => {
    const since = Date.now() - 10 * 86_400_000;
    const { rerender } = render(
      <TargetFromHistory slo={slo} evaluationInterval="30s" reader={steadyReader(0, since)} />
    );
    fireEvent.click(screen.getByTestId(testIds.sloEditor.targetHistoryRun));
    const recent = await screen.findByTestId(testIds.sloEditor.targetHistoryRecent, {}, LOAD);
    expect(recent).toHaveTextContent(/holds events of this SLI for 10 days of the last 90/);
    expect(screen.getByTestId(testIds.sloEditor.targetHistoryTargets)).toHaveTextContent(
      'the history held being shorter, as one window'
    );
    expect(screen.getByTestId(testIds.sloEditor.targetHistorySuggestion)).toHaveTextContent(
      'Suggested target 99.95% (critical): the history held kept 100.0% of its budget'
    );
    // Without a role that can save, nothing offers to change the target.
    expect(screen.queryByTestId(testIds.sloEditor.targetHistoryUse)).not.toBeInTheDocument();
    // A new target is judged again; a new SLI needs a new read.
    rerender(
      <TargetFromHistory slo={{ ...slo, labels: { team: 'x' } }} evaluationInterval="30s" reader={steadyReader(0)} />
    );
    expect(screen.queryByText('The SLI or its datasource changed since the history was read')).not.toBeInTheDocument();
    const changedSli: Slo = { ...slo, indicator: { ...slo.indicator, groupBy: ['route'] } as Slo['indicator'] };
    rerender(<TargetFromHistory slo={changedSli} evaluationInterval="30s" reader={steadyReader(0)} />);
    expect(screen.getByText('The SLI or its datasource changed since the history was read')).toBeInTheDocument();
  });

  it('names the SLO without events and the read that failed', async () => {
    const empty: PreviewReader = { range: async () => ({ total: [], bad: [] }), counts: async () => [] };
    render(<TargetFromHistory slo={slo} evaluationInterval="30s" reader={empty} />);
    fireEvent.click(screen.getByTestId(testIds.sloEditor.targetHistoryRun));
    expect(await screen.findByTestId(testIds.sloEditor.targetHistoryError, {}, LOAD)).toHaveTextContent(
      'no events in the last 90 days from its source series (no series matched: check the selectors)'
    );
  });

  it('says the read failed, naming the SLO', async () => {
    const down: PreviewReader = {
      range: async () => {
        throw new Error('the datasource answered 502');
      },
      counts: async () => [],
    };
    render(<TargetFromHistory slo={slo} evaluationInterval="30s" reader={down} />);
    fireEvent.click(screen.getByTestId(testIds.sloEditor.targetHistoryRun));
    expect(await screen.findByTestId(testIds.sloEditor.targetHistoryError, {}, LOAD)).toHaveTextContent(
      'SLO "checkout-availability": the datasource answered 502'
    );
  });
});
