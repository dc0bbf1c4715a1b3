import type { Objective, Slo } from '../../slo/types';
import { SLO_METRICS, burnRateExpr } from '../../promql/slo';
import { objectiveSeriesSelector, windowSliExpr } from '../../promql/views';
import { errorBudgetText } from '../../rules/build';
import { resolveBurnRates } from '../../rules/burnRates';
import { formatWindow } from '../../components/format';

export interface PanelQuery {
  refId: string;
  expr: string;
  legendFormat: string;
}

export interface SloDetailQueries {
  sli: PanelQuery;
  objective: PanelQuery;
  budgetRemaining: PanelQuery;
  burnRates: PanelQuery[];
}

/** The queries of the SLO page for one objective, all on the series Burnrate records. */
export function getSloDetailQueries(slo: Slo, objective: Objective): SloDetailQueries {
  const slotted = slo.objectives.some((o) => o.window.kind === 'calendar');
  const window = formatWindow(objective.window);
  const budget = errorBudgetText(objective.target);
  const longWindows = [...new Set(resolveBurnRates(slo, objective).map((b) => b.longWindow))];
  return {
    sli: { refId: 'SLI', expr: windowSliExpr(slo.uid, objective.window, slotted), legendFormat: `SLI over ${window}` },
    objective: {
      refId: 'OBJECTIVE',
      expr: objectiveSeriesSelector(SLO_METRICS.objective, slo.uid, objective.window),
      legendFormat: 'Objective',
    },
    budgetRemaining: {
      refId: 'BUDGET',
      expr: objectiveSeriesSelector(SLO_METRICS.budgetRemaining, slo.uid, objective.window),
      legendFormat: 'Budget remaining',
    },
    burnRates: longWindows.map((w, i) => ({
      refId: `BURN${i}`,
      expr: burnRateExpr(slo.uid, w, budget),
      legendFormat: `Burn rate over ${w}`,
    })),
  };
}
