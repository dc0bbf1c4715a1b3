import React from 'react';
import { render, screen, fireEvent, within } from '@testing-library/react';
import { makeSlo } from '../../testing/fixtures';
import { testIds } from '../../components/testIds';
import { SliPreview } from './SliPreview';
import type { PreviewReader } from './sliPreviewData';

// The chart is a scene with Grafana's time series panel, which the tests do not load.
jest.mock('./previewChart', () => ({
  hourlySliFrame: jest.fn(),
  previewChartScene: () => ({ Component: () => null }),
}));

/** A replay and its scorecard take a moment: more than the default second on a busy machine. */
const LOAD = { timeout: 10_000 };

const slo = makeSlo({
  tier: undefined,
  objectives: [{ target: '0.99', window: { kind: 'rolling', duration: '30d', seconds: 2592000 } }],
});

function steadyReader(badPerSecond: number): PreviewReader {
  return {
    range: async (_exprs, from, to) => {
      const points = (value: number): Array<[number, number]> => {
        const out: Array<[number, number]> = [];
        for (let t = from; t <= to; t += 60_000) {
          out.push([t, value]);
        }
        return out;
      };
      return { total: [{ labels: {}, points: points(100) }], bad: [{ labels: {}, points: points(badPerSecond) }] };
    },
    counts: async (exprs) => exprs.map(() => 3),
  };
}

describe('SliPreview', () => {
  it('shows the SLI, the budget, the alerts that would have fired and the series', async () => {
    render(<SliPreview slo={slo} evaluationInterval="30s" reader={steadyReader(2)} />);
    fireEvent.click(screen.getByTestId(testIds.sloEditor.previewRun));
    expect(await screen.findByTestId(testIds.sloEditor.previewSli, {}, LOAD)).toHaveTextContent(
      /^SLI 98\.000% over about/
    );
    // 2% errors on a 1% budget: burn rate 2, a 30 day budget lasts 15 days; 7 days spend 7/15 of it.
    expect(screen.getByTestId(testIds.sloEditor.previewBudget)).toHaveTextContent(
      'Burn rate 2.00x; at this rate the budget lasts 15 days. These 7 days spent 46.67% of the 30d budget'
    );
    const rows = screen.getByTestId(testIds.sloEditor.previewAlerts).querySelectorAll('tbody tr');
    expect(Array.from(rows, (r) => r.children[1].textContent)).toEqual(['Never', 'Never', 'Never', 'Once']);
    // 100 events/s: the 1h page needs more than 14.4 x 1% of 360,000 events to fire.
    expect(screen.getByTestId(testIds.sloEditor.previewLowTraffic)).toHaveTextContent(
      /^Traffic is high enough for the low-traffic guard not to matter: .* at least 51,84\d bad events in its long window to page\.$/
    );
    // 9 rules per group x 3 + 2 snapshot rules x 2 counters x 3 source series + 2 constants = 41.
    expect(screen.getByTestId(testIds.sloEditor.previewSeries)).toHaveTextContent(
      'The rules will write 41 series: 3 groups of the SLO, and snapshots of 3 total counter series, 3 bad counter series.'
    );
  });

  it('says when the SLO changed since the preview, and waits for a valid SLO', async () => {
    const { rerender } = render(<SliPreview slo={slo} evaluationInterval="30s" reader={steadyReader(0)} />);
    fireEvent.click(screen.getByTestId(testIds.sloEditor.previewRun));
    expect(await screen.findByTestId(testIds.sloEditor.previewBudget, {}, LOAD)).toHaveTextContent('No bad events');
    rerender(<SliPreview slo={{ ...slo, name: 'renamed' }} evaluationInterval="30s" reader={steadyReader(0)} />);
    expect(screen.getByTestId(testIds.sloEditor.previewStale)).toBeInTheDocument();
    rerender(<SliPreview slo={undefined} evaluationInterval="30s" reader={steadyReader(0)} />);
    expect(screen.getByTestId(testIds.sloEditor.previewRun)).toBeDisabled();
  });

  it('speaks of the span that has events when the data is younger than 7 days', async () => {
    const since = Date.now() - 600_000;
    const young: PreviewReader = {
      range: async (_exprs, from, to) => {
        const points = (value: number): Array<[number, number]> => {
          const out: Array<[number, number]> = [];
          for (let t = from; t <= to; t += 60_000) {
            if (t < since) {
              continue;
            }
            out.push([t, value]);
          }
          return out;
        };
        return { total: [{ labels: {}, points: points(100) }], bad: [{ labels: {}, points: points(2) }] };
      },
      counts: async (exprs) => exprs.map(() => 1),
    };
    render(<SliPreview slo={slo} evaluationInterval="30s" reader={young} />);
    fireEvent.click(screen.getByTestId(testIds.sloEditor.previewRun));
    // 10 or 11 samples a minute apart (as the minute falls): burn rate 2 for about 11 minutes spends
    // 2 x 660 / 2,592,000 = 0.05% of the budget.
    expect(await screen.findByTestId(testIds.sloEditor.previewBudget, {}, LOAD)).toHaveTextContent(
      /These 1[01] minutes spent 0\.0[45]% of the 30d budget/
    );
  });

  it('shows the datasource error', async () => {
    const failing: PreviewReader = {
      range: async () => {
        throw new Error('parse error at char 5');
      },
      counts: async () => [],
    };
    render(<SliPreview slo={slo} evaluationInterval="30s" reader={failing} />);
    fireEvent.click(screen.getByTestId(testIds.sloEditor.previewRun));
    expect(await screen.findByTestId(testIds.sloEditor.previewError)).toHaveTextContent('parse error at char 5');
  });

  it('replays the range chosen, 7, 30 or 90 days, and compares the alert sets under the chart', async () => {
    const steps: number[] = [];
    const reader = steadyReader(2);
    const counting: PreviewReader = {
      ...reader,
      range: async (exprs, from, to, step, signal) => {
        steps.push(step);
        return reader.range(exprs, from, to, step, signal);
      },
    };
    render(<SliPreview slo={slo} evaluationInterval="30s" reader={counting} />);
    const days = screen.getByTestId(testIds.sloEditor.previewDays);
    fireEvent.click(within(days).getByLabelText('90 days'));
    expect(screen.getByTestId(testIds.sloEditor.previewRun)).toHaveTextContent('Preview the last 90 days');
    fireEvent.click(screen.getByTestId(testIds.sloEditor.previewRun));
    expect(await screen.findByTestId(testIds.sloEditor.previewBudget, {}, LOAD)).toHaveTextContent(
      // Burn rate 2 for longer than the window: the share is of one window, 200%.
      'These 90 days spent 200.00% of the 30d budget'
    );
    // 90 days are read at a 3 minute step, in queries of at most 10,000 steps.
    expect(new Set(steps)).toEqual(new Set([180]));
    const scorecard = screen.getByTestId(testIds.sloEditor.previewScorecard);
    // A steady 2% of errors on a 1% budget is one incident as long as the range, which the 1x ticket alone sees.
    expect(scorecard).toHaveTextContent('1 incident (the 5m error ratio above the error budget)');
    const rows = Array.from(scorecard.querySelectorAll('tbody tr'), (r) =>
      Array.from(r.children, (c) => c.textContent)
    );
    expect(rows.map((r) => r[0])).toEqual(['This SLO', 'Workbook defaults', 'Pyrra']);
    expect(rows[0]).toEqual(['This SLO', '0.00', expect.any(String), '0 of 1', '–', '1', '0']);
    expect(rows[1]).toEqual(['Workbook defaults', 'The same alerts as This SLO']);
    // Choosing another range marks the preview as stale until it runs again.
    fireEvent.click(within(days).getByLabelText('7 days'));
    expect(screen.getByTestId(testIds.sloEditor.previewStale)).toBeInTheDocument();
  });
});
