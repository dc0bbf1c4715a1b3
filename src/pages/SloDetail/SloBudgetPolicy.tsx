import React from 'react';
import { SceneObjectBase, sceneGraph, type SceneComponentProps, type SceneObjectState } from '@grafana/scenes';
import { ControlledCollapse, Stack, Text } from '@grafana/ui';
import type { Slo } from '../../slo/types';
import type { BudgetStatus } from '../../slo/budget';
import { budgetPolicyRows, effectiveBudgetPolicy } from '../../slo/budgetPolicy';
import { testIds } from '../../components/testIds';
import { SloBudgetSummary, type SloBudgetSummaryState } from './SloBudgetSummary';
import { BudgetPolicyTable } from './BudgetPolicyTable';

export interface SloBudgetPolicyState extends SceneObjectState {
  slo: Slo;
  /** Key of the page's budget summary: the current status is the one it computed, not a second query. */
  summaryKey: string;
  status?: BudgetStatus;
}

/** The SLO's error budget policy (its own or the default) as a table, the row of the current status marked. */
export class SloBudgetPolicy extends SceneObjectBase<SloBudgetPolicyState> {
  static Component = SloBudgetPolicyRenderer;

  constructor(state: SloBudgetPolicyState) {
    super(state);
    this.addActivationHandler(() => this.followSummary());
  }

  private followSummary() {
    const summary = sceneGraph.findByKeyAndType(this, this.state.summaryKey, SloBudgetSummary);
    const follow = ({ summary: figures }: SloBudgetSummaryState) => {
      if (figures?.status !== this.state.status) {
        this.setState({ status: figures?.status });
      }
    };
    follow(summary.state);
    const sub = summary.subscribeToState(follow);
    return () => sub.unsubscribe();
  }
}

function SloBudgetPolicyRenderer({ model }: SceneComponentProps<SloBudgetPolicy>) {
  const { slo, status } = model.useState();
  const { policy, source } = effectiveBudgetPolicy(slo);
  return (
    <div data-testid={testIds.sloDetail.policy}>
      <ControlledCollapse label="Error budget policy" isOpen>
        <Stack direction="column" gap={1}>
          <Text color="secondary" data-testid={testIds.sloDetail.policySource}>
            {source === 'slo'
              ? "This SLO's own policy (spec.budgetPolicy); a status it leaves out asks for no action."
              : 'The default policy: this SLO sets none (spec.budgetPolicy). Edit the SLO to set its own.'}
          </Text>
          <BudgetPolicyTable rows={budgetPolicyRows(policy, status)} rowTestId={testIds.sloDetail.policyRow} />
        </Stack>
      </ControlledCollapse>
    </div>
  );
}
