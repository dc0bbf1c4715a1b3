import {
  QueryVariable,
  SceneDataLayerControls,
  SceneDataLayerSet,
  SceneFlexItem,
  SceneFlexLayout,
  SceneVariableSet,
  VariableValueSelectors,
  type SceneObject,
} from '@grafana/scenes';
import type { Objective, Slo } from '../../slo/types';
import { groupVariableName, VARIABLES } from '../../constants';
import { buildSloPanelSpecs, type PanelSpec } from '../../scenes/sloPanels';
import { groupValuesQuery, groupVariableMatchers, type SeriesSource, type SloQueryContext } from '../../promql/panels';
import { buildVizPanel, PANEL_DATASOURCE } from '../../scenes/vizPanel';
import { SloBudgetSummary } from './SloBudgetSummary';
import { SloBudgetPolicy } from './SloBudgetPolicy';
import { GroupBreakdownTable } from './GroupBreakdownTable';
import { MaintenanceLayer } from '../../scenes/maintenanceLayer';

export interface SloPanelsOptions {
  slo: Slo;
  objective: Objective;
  source: SeriesSource;
  evaluationInterval: string;
}

/** The query context of the page: group filters apply to the recorded series of grouped SLOs. */
export function sloPageContext({ slo, objective, source, evaluationInterval }: SloPanelsOptions): SloQueryContext {
  const grouped = slo.indicator.groupBy.length > 0 && source === 'recorded';
  return {
    slo,
    objective,
    source,
    evaluationInterval,
    groupMatchers: grouped ? groupVariableMatchers(slo.indicator.groupBy, groupVariableName) : undefined,
  };
}

/** One variable per grouping label (all groups by default), from the recorded series' label values. */
function groupVariables(slo: Slo): QueryVariable[] {
  return slo.indicator.groupBy.map(
    (label) =>
      new QueryVariable({
        name: groupVariableName(label),
        label,
        datasource: PANEL_DATASOURCE,
        query: { refId: 'A', query: groupValuesQuery(slo.uid, label) },
        isMulti: true,
        includeAll: true,
        defaultToAll: true,
        allValue: '.*',
      })
  );
}

/** The policy table follows the status of the budget summary, found by this key. */
const BUDGET_SUMMARY_KEY = 'slo-budget-summary';

function item(panel: PanelSpec, minHeight: number): SceneFlexItem {
  return new SceneFlexItem({ minHeight, minWidth: 280, body: buildVizPanel(panel) });
}

function rows(panels: PanelSpec[], perRow: number, minHeight: number): SceneFlexLayout[] {
  const out: SceneFlexLayout[] = [];
  for (let i = 0; i < panels.length; i += perRow) {
    out.push(
      new SceneFlexLayout({
        direction: 'row',
        wrap: 'wrap',
        children: panels.slice(i, i + perRow).map((p) => item(p, minHeight)),
      })
    );
  }
  return out;
}

/**
 * The panels of one objective of an SLO: stats (SLI, budget gauge, burn rate, budget in words), the error
 * budget policy, SLI vs objective, burndown, a panel per burn-rate alert, events, latency percentiles, error
 * breakdown, alert history, and for grouped SLOs the table of groups. Group variables live on this layout.
 */
export function buildSloPanels(
  options: SloPanelsOptions,
  breakdownLabel = `\${${VARIABLES.breakdown}}`
): SceneFlexLayout {
  const ctx = sloPageContext(options);
  const { stats, charts } = buildSloPanelSpecs(ctx, breakdownLabel);
  const [sliChart, burndown, ...rest] = charts;
  const burnRates = rest.filter((p) => p.key.startsWith('burn-rate-'));
  const others = rest.filter((p) => !p.key.startsWith('burn-rate-'));
  const grouped = ctx.groupMatchers !== undefined;
  const summary = new SloBudgetSummary({ ctx, key: BUDGET_SUMMARY_KEY });
  const children: SceneObject[] = [];
  const maintenance = options.slo.maintenance ?? [];
  const controls: SceneObject[] = [
    ...(grouped ? [new VariableValueSelectors({})] : []),
    // Its toggle, as Grafana shows a dashboard's annotation layers; rendering it also runs the layer.
    ...(maintenance.length > 0 ? [new SceneDataLayerControls()] : []),
  ];
  if (controls.length > 0) {
    children.push(
      new SceneFlexLayout({ direction: 'row', children: controls.map((body) => new SceneFlexItem({ body })) })
    );
  }
  children.push(
    new SceneFlexLayout({
      direction: 'row',
      wrap: 'wrap',
      // Tall enough for the budget summary's lines, the policy of the current status among them.
      height: 195,
      children: [...stats.map((p) => item(p, 150)), new SceneFlexItem({ minWidth: 280, body: summary })],
    }),
    new SceneFlexItem({ body: new SloBudgetPolicy({ slo: options.slo, summaryKey: BUDGET_SUMMARY_KEY }) }),
    ...rows([sliChart, burndown], 2, 300),
    ...rows(burnRates, 4, 260),
    ...rows(others, 2, 300)
  );
  if (options.slo.indicator.groupBy.length > 0) {
    children.push(new SceneFlexItem({ body: new GroupBreakdownTable({ ctx }) }));
  }
  return new SceneFlexLayout({
    direction: 'column',
    ...(grouped && { $variables: new SceneVariableSet({ variables: groupVariables(options.slo) }) }),
    // The time series panels below shade the maintenance windows.
    ...(maintenance.length > 0 && {
      $data: new SceneDataLayerSet({ layers: [new MaintenanceLayer(maintenance)] }),
    }),
    children,
  });
}
