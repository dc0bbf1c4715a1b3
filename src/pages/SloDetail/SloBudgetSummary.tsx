import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import {
  SceneObjectBase,
  sceneGraph,
  VariableDependencyConfig,
  type SceneComponentProps,
  type SceneObjectState,
} from '@grafana/scenes';
import { Badge, Stack, Text, useStyles2 } from '@grafana/ui';
import { queryInstant } from '../../api/query';
import { groupVariableName, VARIABLES } from '../../constants';
import { testIds } from '../../components/testIds';
import { STATUS_COLORS } from '../../components/statusColors';
import { windowSeconds } from '../../slo/values';
import { summarizeBudget, type BudgetSummary } from '../../slo/budgetSummary';
import { describeActions, effectiveBudgetPolicy } from '../../slo/budgetPolicy';
import { budgetRemainingExpr, burnRateOverExpr, type SloQueryContext } from '../../promql/panels';
import { currentBurnWindow } from '../../scenes/sloPanels';
import { SceneLoader } from '../../scenes/SceneLoader';

export interface SloBudgetSummaryState extends SceneObjectState {
  ctx: SloQueryContext;
  /** The figures last read, for the page's other objects to follow (the policy's current status). */
  summary?: BudgetSummary;
}

/**
 * The budget in plain words: time left, status by the current burn rate with what the SLO's budget
 * policy asks at that status, projected exhaustion.
 */
export class SloBudgetSummary extends SceneObjectBase<SloBudgetSummaryState> {
  static Component = SloBudgetSummaryRenderer;

  /** Reloads when the group filters of a grouped SLO change. */
  protected _variableDependency = new VariableDependencyConfig(this, {
    variableNames: this.state.ctx.slo.indicator.groupBy.map(groupVariableName),
    onReferencedVariableValueChanged: () => {
      this.figures.refresh();
    },
  });

  readonly figures = new SceneLoader<BudgetSummary>({ load: (signal) => this.load(signal) });

  constructor(state: SloBudgetSummaryState) {
    super(state);
    this.setState({ $behaviors: [this.figures] });
    this.addActivationHandler(() => {
      const subs = [
        sceneGraph.getTimeRange(this).subscribeToState(() => this.figures.refresh()),
        this.figures.subscribeToState(({ data }) => {
          if (data !== this.state.summary) {
            this.setState({ summary: data });
          }
        }),
      ];
      return () => subs.forEach((sub) => sub.unsubscribe());
    });
  }

  private async load(signal: AbortSignal): Promise<BudgetSummary> {
    const { ctx } = this.state;
    const datasourceUid = sceneGraph.interpolate(this, `\${${VARIABLES.datasource}}`);
    // The group filters of a grouped SLO are variables: interpolate them as the panels' datasource does.
    const interpolate = (expr: string) => sceneGraph.interpolate(this, expr, undefined, 'regex');
    const result = await queryInstant(
      datasourceUid,
      [
        { refId: 'BUDGET', expr: interpolate(budgetRemainingExpr(ctx)) },
        { refId: 'BURN', expr: interpolate(burnRateOverExpr(ctx, currentBurnWindow(ctx))) },
      ],
      signal
    );
    return summarizeBudget({
      remaining: result.BUDGET?.[0]?.value,
      burnRate: result.BURN?.[0]?.value,
      target: ctx.objective.target,
      windowSeconds: windowSeconds(ctx.objective.window),
      now: new Date(),
    });
  }
}

function SloBudgetSummaryRenderer({ model }: SceneComponentProps<SloBudgetSummary>) {
  const { summary, ctx } = model.useState();
  const { error } = model.figures.useState();
  const styles = useStyles2(getStyles);
  const { policy } = effectiveBudgetPolicy(ctx.slo);
  return (
    <div className={styles.box} data-testid={testIds.sloDetail.budgetSummary}>
      <Text color="secondary" variant="bodySmall">
        Error budget
      </Text>
      {error && <Text color="error">{error}</Text>}
      {!error && !summary && <Text color="secondary">Loading…</Text>}
      {summary && (
        <Stack direction="column" gap={1}>
          <Text element="h4" data-testid={testIds.sloDetail.timeLeft}>
            {summary.timeLeft}
          </Text>
          <Stack gap={1} alignItems="center">
            <Text color="secondary">Status</Text>
            {summary.status ? (
              <span data-testid={testIds.sloDetail.status}>
                <Badge text={summary.status} color={STATUS_COLORS[summary.status]} />
              </span>
            ) : (
              <Text>–</Text>
            )}
          </Stack>
          {summary.status && <PolicyNow text={describeActions(policy.actions[summary.status] ?? [])} />}
          <Text color="secondary">
            Budget runs out: <span data-testid={testIds.sloDetail.exhaustion}>{summary.exhaustionText}</span>
            {summary.exhaustion &&
              summary.status !== 'exhausted' &&
              ` (${summary.exhaustion.toISOString().slice(0, 16).replace('T', ' ')} UTC)`}
          </Text>
          <Text color="secondary" variant="bodySmall">
            at the burn rate over {currentBurnWindow(ctx)}
          </Text>
        </Stack>
      )}
    </div>
  );
}

/** One line, cut with an ellipsis when long: the whole policy is in the table under the stats. */
function PolicyNow({ text }: { text: string }) {
  const styles = useStyles2(getStyles);
  return (
    <div className={styles.policyNow} title={text} data-testid={testIds.sloDetail.policyNow}>
      <Text color="secondary">Policy now: </Text>
      <Text>{text}</Text>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  box: css({
    height: '100%',
    padding: theme.spacing(1, 2),
    background: theme.colors.background.primary,
    border: `1px solid ${theme.colors.border.weak}`,
    borderRadius: theme.shape.radius.default,
    // The box has the stats' height: long words wrap inside it and what does not fit is cut, not drawn over the row below.
    overflow: 'hidden',
    overflowWrap: 'anywhere',
  }),
  // No width of its own, so that a long list of actions does not widen the box and wrap the stats row.
  policyNow: css({ width: 0, minWidth: '100%', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }),
});
