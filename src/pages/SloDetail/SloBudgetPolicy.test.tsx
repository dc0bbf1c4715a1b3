import React from 'react';
import { act, render, screen } from '@testing-library/react';
import { SceneFlexItem, SceneFlexLayout } from '@grafana/scenes';
import { makeSlo } from '../../testing/fixtures';
import { testIds } from '../../components/testIds';
import type { Slo } from '../../slo/types';
import { SloBudgetSummary } from './SloBudgetSummary';
import { SloBudgetPolicy } from './SloBudgetPolicy';

const ids = testIds.sloDetail;

/** The policy next to a budget summary that is never activated: its figures are set by the test. */
function setup(slo: Slo) {
  const summary = new SloBudgetSummary({
    key: 'summary',
    ctx: { slo, objective: slo.objectives[0], source: 'recorded', evaluationInterval: '30s' },
  });
  const policy = new SloBudgetPolicy({ slo, summaryKey: 'summary' });
  new SceneFlexLayout({ children: [new SceneFlexItem({ body: summary }), new SceneFlexItem({ body: policy })] });
  render(<policy.Component model={policy} />);
  return summary;
}

const rows = () => screen.getAllByTestId(ids.policyRow).map((row) => row.textContent);

describe('SloBudgetPolicy', () => {
  it('shows the default policy, marking the status of the budget summary', () => {
    const summary = setup(makeSlo());
    expect(screen.getByTestId(ids.policySource)).toHaveTextContent('The default policy: this SLO sets none');
    expect(screen.queryByRole('row', { current: true })).not.toBeInTheDocument();
    act(() => summary.setState({ summary: { status: 'critical', timeLeft: '', exhaustionText: '' } }));
    expect(screen.getByRole('row', { current: true })).toHaveTextContent(
      'critical nowburn rate above 2xInvestigate now, Review risky changes, Reliability sprint'
    );
    act(() => summary.setState({ summary: { status: 'exhausted', timeLeft: '', exhaustionText: '' } }));
    expect(screen.getByRole('row', { current: true })).toHaveTextContent('exhausted now');
  });

  it("shows the SLO's own policy with its notes", () => {
    setup(
      makeSlo({
        budgetPolicy: {
          actions: { exhausted: ['freeze-features', 'escalate'] },
          notes: { exhausted: 'The payments lead decides.' },
        },
      })
    );
    expect(screen.getByTestId(ids.policySource)).toHaveTextContent("This SLO's own policy");
    expect(rows()).toEqual([
      'healthyburn rate at most 1xShip as normal',
      'attentionburn rate above 1xShip as normal',
      'warningburn rate above 1.5xShip as normal',
      'criticalburn rate above 2xShip as normal',
      'exhaustedno budget leftFeature freeze, EscalateThe payments lead decides.',
    ]);
  });
});
